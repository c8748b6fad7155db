"""Long fuzz runs: the properties of tests/test_fuzz.py with many more inputs per surface.

Run from the repository root:

    python bench/fuzz.py                    # 100,000 inputs per surface, new random inputs
    python bench/fuzz.py --examples 5000 --only AIF
    python bench/fuzz.py --seconds 900      # at most 15 minutes per surface

Prints, per surface, as soon as it is done, how many inputs reached it, how many failed and
how long it took (wall clock and CPU); a surface stopped by --seconds (or Ctrl-C) is printed
with the inputs it reached and "stopped". A failure prints the smallest input that breaks the
property and ends with exit status 1. The latest counts are in docs/security.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

SURFACES = {
    ".arg": "test_arg_check",
    "fmt": "test_fmt_round_trip",
    "AIF": "test_aif_import",
    "microtext": "test_microtext_import",
    ".apx": "test_apx_frameworks",
    ".tgf": "test_tgf_frameworks",
    "ICCMA .af": "test_iccma_frameworks",
    "Markdown": "test_markdown_documents",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--only", choices=list(SURFACES), action="append")
    parser.add_argument(
        "--seconds", type=float, default=None, help="stop each surface after this many seconds"
    )
    args = parser.parse_args()
    # The test module reads these when it is imported: set them first.
    os.environ["ARGMAP_FUZZ_EXAMPLES"] = str(args.examples)
    os.environ["ARGMAP_FUZZ_RANDOM"] = "1"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests import test_fuzz

    print(f"{'surface':<12} {'inputs':>10} {'failures':>9} {'seconds':>9} {'cpu s':>8}  note")
    failed = False
    for surface in args.only or list(SURFACES):
        before = sum(test_fuzz.COUNTS.values())
        started, cpu = time.perf_counter(), time.process_time()
        note, failures = "", 0
        test_fuzz.STOP["at"] = time.monotonic() + args.seconds if args.seconds else float("inf")
        try:
            getattr(test_fuzz, SURFACES[surface])()
        except test_fuzz.TimeUp:
            note = "stopped (--seconds)"
        except KeyboardInterrupt:
            note = "stopped"
        except Exception as error:  # the property failed: Hypothesis printed the input
            print(f"{surface}: {type(error).__name__}: {error}", file=sys.stderr)
            failures, failed = 1, True
        inputs = sum(test_fuzz.COUNTS.values()) - before
        print(
            f"{surface:<12} {inputs:>10,} {failures:>9} {time.perf_counter() - started:>9.1f} "
            f"{time.process_time() - cpu:>8.1f}  {note}",
            flush=True,
        )
        if note == "stopped":  # Ctrl-C: the user wants to stop altogether
            break
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
