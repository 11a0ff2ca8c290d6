"""Benchmark the incremental build step by step: where the seconds go when one document is added to a warm cache.

Run: .venv/bin/python bench/bench_build_incremental.py [--sizes 300,1000] [--seed 8] [--keep DIR]
For each size N it generates N documents and the same plus one (bench_build_parallel.corpora), fills a build
cache with `python -m dashboard build --jobs 2 --cache C` on the N documents (in a child process; skipped when
--keep already holds that cache), then builds the N + 1 documents in this process over a copy of that cache and
prints, for each stage (reading the seeds and the cache, each corpus-level step, writing, validating, swapping),
its wall and CPU seconds. CPU seconds are the steadier figure on a shared machine: the load average is printed.
No asserts: figures are printed, not checked.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build_parallel import corpora, machine_line, sized_run  # noqa: E402
from generate_corpus import read_material  # noqa: E402

from dashboard.corpus.load import load_corpus  # noqa: E402
from dashboard.dataset.build import analysis_steps, base_tables, package_meta  # noqa: E402
from dashboard.dataset.package import write_package  # noqa: E402
from dashboard.dataset.parallel import DocumentRunner  # noqa: E402
from dashboard.dataset.swap import swap_in  # noqa: E402
from dashboard.dataset.validate import validate_package  # noqa: E402
from dashboard.dataset.validate_changed import record_validated, validated_before  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def timed(name: str, figures: list[tuple[str, float, float]]) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    figures.append((name, time.perf_counter() - wall, time.process_time() - cpu))


def incremental(seeds: Path, out: Path, cache: Path) -> tuple[list[tuple[str, float, float]], DocumentRunner]:
    """Build `seeds` into `out` (which holds the package built before) over `cache` as
    `dashboard.dataset.build.run` does, one stage at a time."""
    figures: list[tuple[str, float, float]] = []
    runner = DocumentRunner(jobs=1, cache_dir=cache)
    with timed("read seeds + cache, process new", figures):
        corpus = load_corpus(seeds, runner.load)
        gc.freeze()  # as build.run does
        tables: dict[str, Any] = base_tables(corpus)
    steps: list[Callable[..., Any]] = analysis_steps(runner.tables(corpus), runner.term_counts(corpus),
                                                        runner.mentions_step())
    for step in steps:
        with timed(step.__name__, figures):
            tables.update(step(corpus, tables))
    staging = Path(tempfile.mkdtemp(prefix=".bench-build-", dir=out.parent))
    with timed("write package", figures):
        write_package(tables, staging, package_meta(corpus), runner.chunks(corpus, tables))
    with timed("validate package", figures):
        validate_package(staging, seeds_dir=seeds, previous=validated_before(out, cache))
    with timed("swap in", figures):
        swap_in(staging, out)
        record_validated(out, cache)
    shutil.rmtree(staging, ignore_errors=True)
    gc.unfreeze()
    return figures, runner


def main() -> None:
    args, work = sized_run(__doc__, "300,1000", "keep (and reuse) the corpora and caches here", "bench-incremental-")
    material = read_material()
    print(machine_line(), flush=True)
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            base, full = work / f"base-{size}", work / f"full-{size}"
            cache, out = work / f"cache-{size}", work / f"inc-{size}"
            if not (full.is_dir() and cache.is_dir()):
                base, full = corpora(size, args.seed, work, material)
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "dashboard", "build", "--quiet", "--seeds", str(base), "--out",
                                str(out), "--jobs", "2", "--cache", str(cache)], cwd=REPO, check=True)
                print(f"{size} documents: cache filled in {time.perf_counter() - start:.1f} s wall", flush=True)
            if validated_before(out, cache) is None:  # a cache filled by a build that kept no record: it validated
                record_validated(out, cache)
            # the add writes its document into the cache and its package over --out: keep the warm ones as they were
            copy, added = work / f"cache-copy-{size}", work / f"add-{size}"
            for src, dst in ((cache, copy), (out, added)):
                shutil.rmtree(dst, ignore_errors=True)
                shutil.copytree(src, dst)
            figures, runner = incremental(full, added, copy)
            print(f"\n{size} documents + 1: {runner.processed} processed, {runner.cached} from cache "
                  f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})")
            print(f"{'stage':<34} {'wall s':>8} {'cpu s':>8}")
            for name, wall, cpu in figures:
                print(f"{name:<34} {wall:>8.2f} {cpu:>8.2f}")
            print(f"{'total':<34} {sum(f[1] for f in figures):>8.2f} {sum(f[2] for f in figures):>8.2f}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
