"""Time limits for commands (`--timeout`): a clear message and exit 2 instead of waiting forever."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from argmap.errors import TimeLimitError

# After the deadline, code that Python cannot interrupt (a C solver in the middle of a search)
# gets this long to notice; then the process ends with the same message.
GRACE_SECONDS = 2.0


def _message(seconds: float, what: str) -> str:
    return f"{what} took longer than the time limit of {seconds:g} s (--timeout)"


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Run the block for at most `seconds` (None or 0: no limit), else raise TimeLimitError.

    Python code and waits for child processes (Graphviz) are interrupted by SIGALRM, and a
    child being waited for is killed by `subprocess.run` as the error passes through it. A
    C extension that holds on past the deadline is ended by a watchdog `GRACE_SECONDS` later
    (message on stderr, exit code 2). Limits apply in the main thread only, where signals
    are delivered; elsewhere the block runs unlimited.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitError(_message(seconds, what))

    def last_resort() -> None:
        try:
            sys.stdout.flush()  # what was streamed so far stays
        finally:
            sys.stderr.write(f"\nargmap: error: {_message(seconds, what)}\n")
            sys.stderr.flush()
            os._exit(TimeLimitError.exit_code)

    previous = signal.signal(signal.SIGALRM, expire)
    watchdog = threading.Timer(seconds + GRACE_SECONDS, last_resort)
    watchdog.daemon = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    watchdog.start()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        watchdog.cancel()
        signal.signal(signal.SIGALRM, previous)
