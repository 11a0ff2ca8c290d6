"""Benchmark the parallel, incremental build: 1 job against 2, and the incremental add of one document.

Run: .venv/bin/python bench/bench_build_parallel.py [--sizes 100,300] [--seed 8] [--keep DIR]
For each size N it generates N documents (bench/generate_corpus.py) and the same plus one (a renumbered copy of
the latest), and runs the real command `python -m dashboard build` in a child process (os.wait4 gives its CPU time,
its worker processes' included):
- `--jobs 1 --no-cache` and `--jobs 2 --no-cache` on the N documents (the speed-up is wall 1 / wall 2);
- `--jobs 2 --cache C` on the N documents (fills the cache), then on N + 1 documents: the added document is
  the only one processed (the build's own report says so) and the time is that of an incremental rebuild.
The outputs of 1 and 2 jobs are compared byte for byte. Then a cold build in this process, one stage at a time
(bench_build_incremental.incremental), gives the CPU seconds of what the jobs share (the per-document step, the
mentions' scans and the validation's row checks) and of the serial remainder (imports and models, the other
corpus-level steps, writing, the keys and cross-table checks): the serial fraction s, and Amdahl's bound on the
speed-up of 2 jobs, 1 / (s + (1 - s) / 2), the steadier evidence on a shared machine.
No asserts on time: figures are printed, not checked.
On a shared machine wall times depend on the load; the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate, read_material  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
REPORT = re.compile(r"documents: (\d+) processed, (\d+) from cache")


def build(seeds: Path, out: Path, *args: str) -> tuple[float, float, str]:
    """Run `policy-timeline build` in a child; return (wall s, cpu s, the build's report line)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "build", "--seeds", str(seeds), "--out", str(out),
                             *args], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "TQDM_DISABLE": "1"})
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {seeds} failed:\n{stderr}")
    report = REPORT.search(stderr)
    return wall, usage.ru_utime + usage.ru_stime, report.group(0) if report else ""


def corpora(size: int, seed: int, work: Path, material) -> tuple[Path, Path]:
    """Write N generated documents to `base`, and to `full` the same plus one: a copy of the latest document under
    a new number (symbol and id), so that no other document or relation names it; return (base, full)."""
    full, base = work / f"full-{size}", work / f"base-{size}"
    for folder in (full, base):
        shutil.rmtree(folder, ignore_errors=True)
    generate(base, size, seed, material)
    shutil.copytree(base, full)
    sidecar = sorted(p for p in base.glob("*.yml") if p.with_suffix(".txt").exists())[-1]
    head = dict(line.split(": ", 1) for line in sidecar.read_text(encoding="utf-8").splitlines()[:2])
    renumber = lambda text: text.replace(head["symbol"], re.sub(r"^\d+", "9999", head["symbol"])).replace(  # noqa: E731
        head["id"], re.sub(r"^\d+", "9999", head["id"]))
    for src in (sidecar, sidecar.with_suffix(".txt")):
        (full / f"added{src.suffix}").write_text(renumber(src.read_text(encoding="utf-8")), encoding="utf-8")
    return base, full


def same_bytes(a: Path, b: Path) -> bool:
    """Whether two data packages hold the same files with the same bytes."""
    names = sorted(p.name for p in a.iterdir())
    return names == sorted(p.name for p in b.iterdir()) and all(
        (a / n).read_bytes() == (b / n).read_bytes() for n in names)


_FIXED = [0.0]  # the CPU seconds of the imports and models, as the first cold build in this process measured them


def serial_fraction(seeds: Path, work: Path, size: int) -> None:
    """Print the CPU seconds of a cold one-process build's per-document step and of the rest (the serial part)."""
    from bench_build_incremental import FIXED, ROW_CHECKS, SCAN, incremental

    out, cache = work / f"amdahl-{size}", work / f"amdahl-cache-{size}"
    for folder in (out, cache):
        shutil.rmtree(folder, ignore_errors=True)
    figures, _ = incremental(seeds, out, cache)
    # what --jobs shares out: reading the seeds and processing every document (all new: an empty cache), scanning
    # them for mentions and the validation's row checks; the rest is serial, the imports and models loaded
    # before the pool forks among it
    shared = ("read seeds + cache, process new", SCAN, ROW_CHECKS)
    per_document = sum(f[2] for f in figures if f[0] in shared)
    # a later size in this process finds the imports and models loaded: the first size's figure stands for them
    _FIXED[0] = max([_FIXED[0], *(f[2] for f in figures if f[0] == FIXED)])
    rest = [(name, w, _FIXED[0] if name == FIXED else c) for name, w, c in figures if name not in shared]
    serial = sum(f[2] for f in rest)
    s = serial / (per_document + serial)
    print(f"      one process, cold: shared out over the jobs {per_document:.1f} s CPU ("
          + ", ".join(f"{name} {cpu:.1f}" for name, _, cpu in figures if name in shared)
          + f"), serial remainder {serial:.1f} s CPU ("
          + ", ".join(f"{name} {cpu:.1f}" for name, _, cpu in rest if cpu >= 0.05) + ")")
    print(f"      serial fraction {s:.2f}: Amdahl's bound for 2 jobs {1 / (s + (1 - s) / 2):.2f}x", flush=True)


def sized_run(doc: str, sizes: str, keep: str, prefix: str) -> tuple[argparse.Namespace, Path]:
    """Return the options of a build bench (`--sizes`, `--seed`, `--keep`) and its work folder (`--keep`, else a
    new temporary folder named `prefix`…)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--sizes", default=sizes, help="comma-separated numbers of documents")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--keep", type=Path, default=None, help=keep)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix=prefix))
    work.mkdir(parents=True, exist_ok=True)
    return args, work


def machine_line() -> str:
    """Return the line every build bench starts with: Python, cores and the load average before it runs."""
    return (f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average before: "
            f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    args, work = sized_run(__doc__, "100,300", "keep the corpora and data packages here", "bench-parallel-")
    material = read_material()
    print(machine_line())
    print(f"{'docs':>5} {'1 job s':>8} {'cpu s':>7} {'2 jobs s':>9} {'cpu s':>7} {'speed-up':>9} {'same':>5} "
          f"{'cache fill s':>13} {'add one s':>10}  report of the add")
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            base, full = corpora(size, args.seed, work, material)
            cache = work / f"cache-{size}"
            shutil.rmtree(cache, ignore_errors=True)
            w1, c1, _ = build(base, work / f"one-{size}", "--jobs", "1", "--no-cache")
            w2, c2, _ = build(base, work / f"two-{size}", "--jobs", "2", "--no-cache")
            same = same_bytes(work / f"one-{size}", work / f"two-{size}")
            fill, _, _ = build(base, work / f"inc-{size}", "--jobs", "2", "--cache", str(cache))
            add, _, report = build(full, work / f"inc-{size}", "--jobs", "2", "--cache", str(cache))
            print(f"{size:>5} {w1:>8.1f} {c1:>7.1f} {w2:>9.1f} {c2:>7.1f} {w1 / w2:>8.2f}x {str(same):>5} "
                  f"{fill:>13.1f} {add:>10.1f}  {report}", flush=True)
            serial_fraction(base, work, size)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
