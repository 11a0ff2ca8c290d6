"""Benchmark an add's validation alone: the previous package's tables read from its CSVs against the tables the
build before kept in the cache (dataset.validate_changed.kept_tables), interleaved.

Run: .venv/bin/python bench/bench_validate_add.py --previous DIR --cache DIR --added DIR [--repeats 3]
`--previous`: a package the build validated over `--cache` (bench_build_incremental.py --keep leaves them as
inc-N and cache-N, and an unchanged rebuild with this code keeps its tables); `--added`: the package of the same
corpus plus one document (add-N). Prints, for each repeat and each way, the CPU seconds of the row checks and of
the keys and cross-table checks (as bench_build_incremental.py splits them), and the load average.
No asserts: figures are printed, not checked.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dashboard.dataset.validate_changed as validate_changed  # noqa: E402
from dashboard.dataset.validate import validate_package  # noqa: E402


def once(added: Path, previous: Path, cache: Path, kept: bool) -> tuple[float, float, str]:
    rows = [0.0]
    real = validate_changed.row_problems

    def timed_rows(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        start = time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            rows[0] += time.process_time() - start

    validate_changed.row_problems = timed_rows
    try:
        start = time.process_time()
        tables = validate_changed.kept_tables(cache) if kept else None
        changed = validate_package(added, seeds_dir=None, previous=previous, jobs=1, kept=tables)
        total = time.process_time() - start
    finally:
        validate_changed.row_problems = real
    return rows[0], total - rows[0], changed.previous_from if changed else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--previous", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--added", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if validate_changed.validated_before(args.previous, args.cache) is None:
        sys.exit(f"error: {args.previous}: package: not the one {args.cache} last validated")
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'repeat':<8}{'previous from':<15}{'row checks':>12}{'keys, cross':>13}")
    for repeat in range(args.repeats):
        for kept in (False, True):
            row_cpu, rest_cpu, source = once(args.added, args.previous, args.cache, kept)
            print(f"{repeat + 1:<8}{source:<15}{row_cpu:>12.2f}{rest_cpu:>13.2f}", flush=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
