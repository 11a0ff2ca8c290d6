"""Benchmark chart export and briefing packs: cold and warm timings per chart and format.

Run: .venv/bin/python bench/bench_export.py [--data data] [--repeat 5] [--charts timeline,compare-themes]
                                              [--pair 40/QĐ-TTg,153/NQ-CP] [--no-cold]

- cold: a fresh process (`python -m dashboard export CHART --out F`), which starts its own export browser:
  what an analyst's first scripted export costs, wall time of the whole command;
- start: in this process, starting the warm export browser (Chromium + plotly.js) and drawing a first figure;
- warm: then each registered chart in each format, `--repeat` times, through `dashboard.export.render_chart`
  (figure function + fitting + kaleido render behind the lock): median and worst, in seconds. The design's
  goal is under 1 s per chart once the browser is warm;
- brief: the briefing pack for one pair of documents in each format (warm browser; the PDF adds one headless
  Chromium print).
No asserts: figures are printed, not checked (CPU time is printed too: on a shared machine wall time
wanders with the load, CPU time much less).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.dataset.load import Dataset  # noqa: E402
from dashboard.export import kaleido  # noqa: E402
from dashboard.export.brief import render_brief  # noqa: E402
from dashboard.export.static import FORMATS, render_chart  # noqa: E402
from dashboard.figures.catalogue import CHARTS, get_chart  # noqa: E402
from dashboard.figures.registry import ChartOptions  # noqa: E402
from dashboard.paths import DATA_DIR, REPO_DIR  # noqa: E402

PAIR = ("40-QD-TTg-2016", "153-NQ-CP-2025")


def main() -> None:
    """Print cold, start, warm and briefing-pack timings."""
    args = parse_args()
    dataset = Dataset(args.data)
    charts = args.charts.split(",") if args.charts else sorted(CHARTS)
    a, b = (dataset.resolve_document(d) for d in args.brief.split(","))
    print(f"export benchmark: {len(charts)} charts, data {args.data} (v{dataset.version}), "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")

    if not args.no_cold:
        print("\ncold: a fresh `policy-timeline export` process (starts its own browser)")
        with tempfile.TemporaryDirectory() as tmp:
            for suffix in (".png", ".svg"):
                wall, cpu = cold_export(charts[0], Path(tmp) / f"cold{suffix}", args.data, (a, b))
                print(f"  {charts[0]:<18} {suffix:<5}  wall {wall:6.2f} s   cpu (child) {cpu:6.2f} s")

    t0 = time.perf_counter()
    kaleido.start_server()
    print(f"\nstart: export browser up and first figure drawn in {time.perf_counter() - t0:.2f} s")

    print(f"\nwarm: seconds per export, median / worst of {args.repeat} (slide size; PNG at 2x)")
    print(f"  {'chart':<18}" + "".join(f"{s:>16}" for s in FORMATS))
    worst_static = 0.0
    for name in charts:
        options = ChartOptions(a=a, b=b) if get_chart(name).needs_pair else ChartOptions()
        cells = []
        for suffix in FORMATS:
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                render_chart(dataset, name, options, suffix)
                times.append(time.perf_counter() - t)
            if suffix in (".png", ".svg", ".pdf"):
                worst_static = max(worst_static, statistics.median(times))
            cells.append(f"{statistics.median(times):7.3f} / {max(times):5.2f}")
        print(f"  {name:<18}" + "".join(f"{c:>16}" for c in cells))
    verdict = "meets" if worst_static < 1.0 else "MISSES"
    print(f"  slowest static format (median): {worst_static:.3f} s per chart: {verdict} the 1 s goal")

    print(f"\nbrief: {dataset.document(a)['symbol']} → {dataset.document(b)['symbol']} (warm browser)")
    for suffix in (".pptx", ".html", ".pdf"):
        t, c = time.perf_counter(), time.process_time()
        data = render_brief(dataset, a, b, suffix)
        print(f"  {suffix:<6} {time.perf_counter() - t:6.2f} s wall  {time.process_time() - c:6.2f} s cpu "
              f"(this process)  {len(data) / 1024:8.0f} KiB")
    kaleido.stop_server()


def cold_export(chart: str, out: Path, data: Path, pair: tuple[str, str]) -> tuple[float, float]:
    """Return wall and CPU seconds of `python -m dashboard export CHART --out OUT` in a fresh process."""
    options = ["--a", pair[0], "--b", pair[1]] if get_chart(chart).needs_pair else []
    command = [sys.executable, "-m", "dashboard", "export", chart, *options, "--data", str(data), "--out",
               str(out)]
    t = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a long error never blocks the child
        proc = subprocess.Popen(command, cwd=REPO_DIR, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"cold export failed: {errors.read().decode(errors='replace')[:2000]}")
    return wall, usage.ru_utime + usage.ru_stime


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--charts", default="", help="comma-separated chart names (default: all registered)")
    parser.add_argument("--pair", "--brief", dest="brief", default=",".join(PAIR),
                        help="the two documents of the comparison charts and the briefing pack")
    parser.add_argument("--no-cold", action="store_true", help="skip the fresh-process exports")
    return parser.parse_args()


if __name__ == "__main__":
    main()
