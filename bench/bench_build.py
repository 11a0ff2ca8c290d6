"""Benchmark the build as the corpus grows: 10, 100 and 1,000 generated documents by default.

Run: .venv/bin/python bench/bench_build.py [--sizes 10,100,1000] [--seed 8] [--keep DIR]
For each size it generates a corpus (bench/generate_corpus.py, same seed), then runs the real command
`python -m dashboard build --quiet` in a child process and reads that child's own resource usage (os.wait4):
wall time, CPU time (user + system: the cost, and the steadier figure on a shared machine), peak resident
memory
(ru_maxrss) and the size of the data package written (CSV and Parquet). The last columns divide by the number
of
documents, so the growth of cost is visible: near-constant per-document figures mean near-linear growth.
No asserts: figures are printed, not checked.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate, read_material  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    """One build's figures."""

    docs: int
    provisions: int
    seed_bytes: int
    wall: float
    cpu: float
    peak_mb: float
    csv_bytes: int
    parquet_bytes: int
    other_bytes: int


def build_once(seeds: Path, out: Path) -> tuple[float, float, float, str]:
    """Run `policy-timeline build` on `seeds` in a child; return (wall s, cpu s, peak RSS MB, stderr)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "build", "--quiet", "--seeds", str(seeds),
                             "--out", str(out)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build of {seeds} failed ({proc.returncode}):\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stderr


def measure(size: int, seed: int, work: Path, material) -> Run:
    """Generate `size` documents under `work` and build them."""
    seeds, out = work / f"seeds-{size}", work / f"data-{size}"
    for folder in (seeds, out):
        shutil.rmtree(folder, ignore_errors=True)
    generate(seeds, size, seed, material)
    wall, cpu, peak, _ = build_once(seeds, out)
    files = list(out.iterdir())
    with (out / "provisions.csv").open(encoding="utf-8") as handle:
        provisions = sum(1 for _ in handle) - 1  # a provision's text never holds a raw newline
    return Run(
        docs=size,
        provisions=provisions,
        seed_bytes=sum(p.stat().st_size for p in seeds.glob("*.txt")),
        wall=wall,
        cpu=cpu,
        peak_mb=peak,
        csv_bytes=sum(p.stat().st_size for p in files if p.suffix == ".csv"),
        parquet_bytes=sum(p.stat().st_size for p in files if p.suffix == ".parquet"),
        other_bytes=sum(p.stat().st_size for p in files if p.suffix not in (".csv", ".parquet")),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="comma-separated numbers of documents")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--keep", type=Path, default=None, help="keep the corpora and data packages here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    material = read_material()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average before: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    header = (f"{'docs':>6} {'provisions':>10} {'seed MB':>8} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} "
              f"{'csv MB':>7} {'parquet MB':>10} {'cpu ms/doc':>10} {'cpu ms/prov':>11} {'KB/doc':>7}")
    print(header)
    runs = []
    try:
        for size in sizes:
            run = measure(size, args.seed, work, material)
            runs.append(run)
            total = run.csv_bytes + run.parquet_bytes + run.other_bytes
            print(f"{run.docs:>6} {run.provisions:>10} {run.seed_bytes / 1e6:>8.2f} {run.wall:>8.1f} "
                  f"{run.cpu:>8.1f} {run.peak_mb:>8.0f} {run.csv_bytes / 1e6:>7.2f} "
                  f"{run.parquet_bytes / 1e6:>10.2f} "
                  f"{run.cpu / run.docs * 1000:>10.0f} {run.cpu / run.provisions * 1000:>11.2f} "
                  f"{total / run.docs / 1e3:>7.1f}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    for a, b in zip(runs, runs[1:], strict=False):  # marginal cost of the documents added between two sizes
        print(f"from {a.docs} to {b.docs} documents: each added document cost "
              f"{(b.cpu - a.cpu) / (b.docs - a.docs) * 1000:.0f} ms of cpu, "
              f"{(b.peak_mb - a.peak_mb) / (b.docs - a.docs):.2f} MB of peak memory and "
              f"{(b.csv_bytes + b.parquet_bytes - a.csv_bytes - a.parquet_bytes) / (b.docs - a.docs) / 1e3:.0f} KB "
              f"of data (cpu x{b.cpu / a.cpu:.1f} for x{b.docs / a.docs:.0f} the documents)")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
