"""Benchmark the incremental build step by step: where the seconds go when one document is added to a warm cache.

Run: .venv/bin/python bench/bench_build_incremental.py [--sizes 300,1000] [--seed 8] [--keep DIR]
For each size N it generates N documents and the same plus one (bench_build_parallel.corpora), fills a build
cache with `python -m dashboard build --jobs 2 --cache C` on the N documents (in a child process; skipped when
--keep already holds that cache), then puts the added document's two files in that seeds folder (as a user adds
one; removed afterwards) and builds the N + 1 documents in this process over a copy of that cache and
prints, for each stage (reading the seeds and the cache, each corpus-level step, writing, validating: its row
checks apart, swapping), its wall and CPU seconds; the imports and models every build loads first are timed on
their own line, outside the total. With two sizes or more it then prints each stage's growth per 1,000 documents
(a straight line through the smallest and largest size) and that line read at 10,000 documents: an estimate, not a
run. CPU seconds are the steadier figure on a shared machine: the load average is printed.
No asserts: figures are printed, not checked.
"""

from __future__ import annotations

import gc
import importlib
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

import dashboard.dataset.mentions_cache as mentions_cache  # noqa: E402
import dashboard.dataset.validate_changed as validate_changed  # noqa: E402
from dashboard.corpus.load import load_corpus  # noqa: E402
from dashboard.dataset.build import analysis_steps, base_tables, package_meta, record_for_next_build  # noqa: E402
from dashboard.dataset.parallel import DocumentRunner  # noqa: E402
from dashboard.dataset.perdoc import DOCUMENT_TABLES, warm  # noqa: E402
from dashboard.dataset.swap import swap_in  # noqa: E402
from dashboard.dataset.validate import validate_package  # noqa: E402
from dashboard.dataset.validate_changed import (  # noqa: E402
    kept_tables,
    record_validated,
    validated_before,
    validated_index,
    validated_record,
)
from dashboard.dataset.writer import write_package  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def timed(name: str, figures: list[tuple[str, float, float]]) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    figures.append((name, time.perf_counter() - wall, time.process_time() - cpu))


FIXED = "imports, models (fixed)"
ROW_CHECKS = "validate: row checks"  # Frictionless over the new rows: shared out over --jobs processes
SCAN = "mentions: scan"  # the documents whose mentions are not in the cache: shared out over --jobs processes


@contextmanager
def apart(module: Any, function: str, name: str) -> Iterator[list[tuple[str, float, float]]]:
    """Time the calls of `module.function` within the block on their own (summed as one figure named `name`)."""
    figures: list[tuple[str, float, float]] = []
    real = getattr(module, function)

    def timed_call(*args: Any, **kwargs: Any) -> Any:
        with timed(name, figures):
            return real(*args, **kwargs)

    setattr(module, function, timed_call)
    summed: list[tuple[str, float, float]] = []
    try:
        yield summed
    finally:
        setattr(module, function, real)
        summed.append((name, sum(f[1] for f in figures), sum(f[2] for f in figures)))


def incremental(seeds: Path, out: Path, cache: Path) -> tuple[list[tuple[str, float, float]], DocumentRunner]:
    """Build `seeds` into `out` (which holds the package built before) over `cache` as
    `dashboard.dataset.build.run` does, one stage at a time."""
    figures: list[tuple[str, float, float]] = []
    with timed(FIXED, figures):  # what any build loads, whatever the corpus (already loaded: nothing)
        for module in ("entities", "relations", "terms"):
            importlib.import_module(f"dashboard.analysis.{module}")
        warm()
    runner = DocumentRunner(jobs=1, cache_dir=cache)
    with timed("read seeds + cache, process new", figures):
        corpus = load_corpus(seeds, runner.load)
        gc.freeze()  # as build.run does
        tables: dict[str, Any] = base_tables(corpus)
    written: dict[str, Any] = {name: [] for name in DOCUMENT_TABLES}  # as build.run: written from their chunks
    steps: list[Callable[..., Any]] = analysis_steps(
        written,
        runner.term_counts(corpus),
        runner.mentions_step(),
        runner.term_emergence_step(),
        runner.relations_step(),
    )
    with apart(mentions_cache, "_scan", SCAN) as scans:  # the documents' scans apart from the rest of the step
        for step in steps:
            with timed(step.__name__, figures):
                tables.update(step(corpus, tables))
    step_wall, step_cpu = next((w, c) for name, w, c in figures if name == "mentions_step")
    figures = [f for f in figures if f[0] != "mentions_step"]
    figures += [
        *scans,
        ("mentions: the rest", step_wall - sum(f[1] for f in scans), step_cpu - sum(f[2] for f in scans)),
    ]
    staging = Path(tempfile.mkdtemp(prefix=".bench-build-", dir=out.parent))
    with timed("find the previous package", figures):
        record = validated_record(cache)
        previous = validated_before(out, cache, record) if record else None
        index = validated_index(cache, record) if previous else None
        kept = kept_tables(cache, record) if previous else None
    with timed("write package", figures):
        write_package(
            tables, staging, package_meta(corpus), runner.chunks(corpus, tables, previous, index), runner.keep
        )
    with apart(validate_changed, "row_problems", ROW_CHECKS) as rows, timed("validate package", figures):
        given = runner.splicer.text_tables(kept, staging) if runner.splicer and kept else None
        changed = validate_package(
            staging, seeds_dir=seeds, previous=previous, jobs=runner.jobs, kept=kept, given=given
        )
        runner.assembled = changed.assembled if changed else ()
    name, wall, cpu = figures.pop()
    figures += [*rows, ("validate: keys, cross-table", wall - sum(r[1] for r in rows), cpu - sum(r[2] for r in rows))]
    with timed("swap in", figures):
        swap_in(staging, out)
        record_for_next_build(runner, out, cache, record, kept, changed, index)
    shutil.rmtree(staging, ignore_errors=True)
    gc.unfreeze()
    return figures, runner


def kept_from(cache: Path) -> str:
    # where the add's validation found the previous package's tables: the kept Arrow files or its CSVs
    return "the kept Arrow files" if kept_tables(cache) is not None else "its CSVs"


def growth(by_size: dict[int, list[tuple[str, float, float]]]) -> None:
    """Print each stage's CPU seconds at each size, its growth per 1,000 documents and the line read at 10,000."""
    sizes = sorted(by_size)
    if len(sizes) < 2:
        return
    small, large = sizes[0], sizes[-1]
    cpu = {n: {name: c for name, _, c in figures} for n, figures in by_size.items()}
    print(
        f"\nCPU s by stage; growth per 1,000 documents ({small} to {large}) and the straight line read at "
        "10,000 (estimated, not run)"
    )
    print(f"{'stage':<34}" + "".join(f"{n:>9}" for n in sizes) + f"{'per 1k':>9}{'at 10k':>9}")
    names = [name for name, _, _ in by_size[large] if name != FIXED]
    for name in [*names, "total"]:
        at = {n: sum(cpu[n].get(s, 0.0) for s in names) if name == "total" else cpu[n].get(name, 0.0) for n in sizes}
        slope = (at[large] - at[small]) / (large - small) * 1000
        print(
            f"{name:<34}" + "".join(f"{at[n]:>9.2f}" for n in sizes) + f"{slope:>9.2f}"
            f"{at[large] + slope * (10_000 - large) / 1000:>9.1f}"
        )


def main() -> None:
    args, work = sized_run(__doc__, "300,1000", "keep (and reuse) the corpora and caches here", "bench-incremental-")
    material = read_material()
    print(machine_line(), flush=True)
    by_size: dict[int, list[tuple[str, float, float]]] = {}
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            base, full = work / f"base-{size}", work / f"full-{size}"
            cache, out = work / f"cache-{size}", work / f"inc-{size}"
            if not (full.is_dir() and cache.is_dir()):
                base, full = corpora(size, args.seed, work, material)
                start = time.perf_counter()
                subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "dashboard",
                        "build",
                        "--quiet",
                        "--seeds",
                        str(base),
                        "--out",
                        str(out),
                        "--jobs",
                        "2",
                        "--cache",
                        str(cache),
                    ],
                    cwd=REPO,
                    check=True,
                )
                print(f"{size} documents: cache filled in {time.perf_counter() - start:.1f} s wall", flush=True)
            if validated_before(out, cache) is None:  # a cache filled by a build that kept no record: it validated
                record_validated(out, cache)
            # the add writes its document into the cache and its package over --out: keep the warm ones as they were
            copy, added = work / f"cache-copy-{size}", work / f"add-{size}"
            for src, dst in ((cache, copy), (out, added)):
                shutil.rmtree(dst, ignore_errors=True)
                shutil.copytree(src, dst)
            source = kept_from(copy)
            # as a user adds a document: its two files put in the seeds folder the cache was filled from (the
            # other seeds untouched, so their recorded stat still vouches for them), taken out again afterwards
            new_files = [full / f"added{suffix}" for suffix in (".yml", ".txt")]
            try:
                for src in new_files:
                    shutil.copy2(src, base / src.name)
                figures, runner = incremental(base, added, copy)
            finally:
                for src in new_files:
                    (base / src.name).unlink(missing_ok=True)
            print(
                f"\n{size} documents + 1: {runner.processed} processed, {runner.cached} from cache, "
                f"{runner.reused} documents' written rows and {runner.mentions_reused} documents' mentions from the "
                f"previous package, {runner.terms_read} documents' term counts read, its tables for the "
                f"validation from {source}, {len(runner.assembled)} of its own assembled from them, "
                f"term emergence {runner.term_path} "
                f"(load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})"
            )
            print(f"{'stage':<34} {'wall s':>8} {'cpu s':>8}")
            for name, wall, cpu in figures:
                print(f"{name:<34} {wall:>8.2f} {cpu:>8.2f}")
            counted = [f for f in figures if f[0] != FIXED]
            print(
                f"{'total (without the fixed line)':<34} {sum(f[1] for f in counted):>8.2f} "
                f"{sum(f[2] for f in counted):>8.2f}",
                flush=True,
            )
            by_size[size] = figures
        growth(by_size)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
