"""Long fuzz runs: the properties of tests/test_fuzz.py with many more inputs per surface.

Run from the repository root:

    python bench/fuzz.py                    # 100,000 inputs per surface, new random inputs
    python bench/fuzz.py --examples 5000 --only AIF

Prints, per surface, how many inputs reached it and how long it took; a failure prints the
smallest input that breaks the property and stops with exit status 1. The latest counts are
in docs/security.md.
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
    args = parser.parse_args()
    # The test module reads these when it is imported: set them first.
    os.environ["ARGMAP_FUZZ_EXAMPLES"] = str(args.examples)
    os.environ["ARGMAP_FUZZ_RANDOM"] = "1"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests import test_fuzz

    print(f"{'surface':<12} {'inputs':>10} {'failures':>9} {'seconds':>9}")
    failed = False
    for surface in args.only or list(SURFACES):
        before = sum(test_fuzz.COUNTS.values())
        started = time.perf_counter()
        try:
            getattr(test_fuzz, SURFACES[surface])()
            failures = 0
        except Exception as error:  # the property failed: Hypothesis printed the input
            print(f"{surface}: {type(error).__name__}: {error}", file=sys.stderr)
            failures, failed = 1, True
        inputs = sum(test_fuzz.COUNTS.values()) - before
        print(f"{surface:<12} {inputs:>10,} {failures:>9} {time.perf_counter() - started:>9.1f}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
