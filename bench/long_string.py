"""Memory per byte of text for a map holding one long quoted string (peak RSS, fresh processes)."""

from __future__ import annotations

import argparse
import subprocess
import sys

WORKER = r"""
import resource, sys
from argmap.checking.pipeline import parse_checked
size = int(sys.argv[1])
text = 'thesis t: "' + ("word " * (size // 5)) + '"\n'
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
argument_map, diagnostics = parse_checked(text, "long.arg")
assert argument_map is not None and len(argument_map.statements[0].text) >= size - 5, diagnostics
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((peak - base) * 1024 / size)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    args = parser.parse_args()
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, "-c", WORKER, str(size)], capture_output=True, text=True, check=True
        )
        per_byte = float(done.stdout)
        print(f"{size:>12,} bytes of text: {per_byte:.1f} bytes of memory per byte")


if __name__ == "__main__":
    main()
