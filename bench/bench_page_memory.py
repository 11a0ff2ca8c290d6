"""Print what an app worker holds after serving every page: its RSS after each callback's first call, then the
tables its `Dataset` read, the scoped datasets it keeps, DuckDB's memory and pyarrow's pool.

Run: .venv/bin/python bench/bench_page_memory.py /work/scale/data-10000 [--trace 5]

With --trace N, Python's own allocations are traced (tracemalloc: not DuckDB's, pyarrow's or other native memory,
and every call is slower) and the N source lines whose memory grew most are printed after each callback.

The calls are bench_callbacks' cases, once each, in its order (Home, Timeline, Document, Explorer, Themes, Targets,
Compare). With --threads N, the cases are then sent from N threads at once (as a server's threads serve them,
each thread in its own order), --rounds times, and the RSS printed after each round. Printed, not checked.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import json
import sys
import threading
import tracemalloc
from pathlib import Path
from typing import Any

CODE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(CODE))
sys.path.insert(0, str(CODE / "bench"))

from bench_app_memory import rss_mb  # noqa: E402


class _Mallinfo2(ctypes.Structure):
    _fields_ = [  # noqa: RUF012 - ctypes reads it
        (name, ctypes.c_size_t)
        for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks")
    ] + [("keepcost", ctypes.c_size_t)]


def malloc_mb() -> tuple[float, float, float]:
    """Return glibc malloc's bytes in use, kept free in its arenas, and mapped on their own (MB); zeros elsewhere."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        libc.mallinfo2.restype = _Mallinfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError, TypeError):
        return 0.0, 0.0, 0.0
    return info.uordblks / 2**20, info.fordblks / 2**20, info.hblkhd / 2**20


def pymalloc_mb() -> float:
    """Return the MB of Python's small-object arenas now allocated (`sys._debugmallocstats`, CPython)."""
    import os
    import tempfile

    with tempfile.TemporaryFile() as out:
        saved = os.dup(2)
        try:
            os.dup2(out.fileno(), 2)
            sys._debugmallocstats()  # noqa: SLF001 - CPython's own report, written to the C stderr
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        for line in out.read().decode(errors="replace").splitlines():
            if line.startswith("# arenas allocated current"):
                return int(line.split("=")[1].replace(",", "")) * 2**20 / 2**20
    return 0.0


def detail(data: Any) -> str:
    """Return where the memory is: malloc's in use / free / mapped, each DuckDB database's, pyarrow's pool."""
    import pyarrow as pa

    used, free, mapped = malloc_mb()
    parts = [f"malloc {used:.0f} used, {free:.0f} free, {mapped:.0f} mapped", f"Python arenas {pymalloc_mb():.0f}"]
    sql = "SELECT sum(memory_usage_bytes) FROM duckdb_memory()"
    if data.query is not None:
        parts.append(f"DuckDB query {int(data.query.scalar(sql) or 0) / 2**20:.0f}")
    if data.targets is not None:
        store = data.targets
        used = store._limit.run(store._connection, lambda c: c.execute(sql).fetchone()[0])  # noqa: SLF001
        parts.append(f"targets {int(used or 0) / 2**20:.0f}")
    parts.append(f"pyarrow {pa.total_allocated_bytes() / 2**20:.0f} MB")
    return "    " + ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="a built data package")
    parser.add_argument("--trace", type=int, default=0, metavar="N", help="print the N lines that grew most")
    parser.add_argument("--threads", type=int, default=0, help="then send every case from this many threads at once")
    parser.add_argument("--rounds", type=int, default=3, help="how many times the threads send every case")
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start()

    import pyarrow as pa
    from bench_callbacks import cases, request_for

    from dashboard.app import create_app
    from dashboard.app.context import current

    app = create_app(args.data)
    with app.server.app_context():
        data = current()
    client = app.server.test_client()
    deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))
    print(f"{'ready':<40}{rss_mb():>7.0f} MB")
    last = None
    snapshot = tracemalloc.take_snapshot() if args.trace else None
    for case in cases(data):
        client.post("/_dash-update-component", json=request_for(case, deps))
        if case.callback != last:
            print(f"{case.callback:<40}{rss_mb():>7.0f} MB")
            last = case.callback
            if snapshot is not None:
                now = tracemalloc.take_snapshot()
                for diff in now.compare_to(snapshot, "lineno")[: args.trace]:
                    print(f"    {diff.size_diff / 2**20:+7.1f} MB  {diff.traceback[0]}")
                snapshot = now
    gc.collect()
    print(f"{'after every page (gc)':<40}{rss_mb():>7.0f} MB")
    print(detail(data))
    every = list(cases(data))

    def serve(k: int) -> None:
        thread_client = app.server.test_client()
        for i in range(len(every)):
            case = every[(i + 7 * k) % len(every)]
            thread_client.post("/_dash-update-component", json=request_for(case, deps))

    for round_ in range(args.rounds if args.threads else 0):
        threads = [threading.Thread(target=serve, args=(k,)) for k in range(args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        gc.collect()
        print(f"{f'{args.threads} threads, round {round_ + 1} (gc)':<40}{rss_mb():>7.0f} MB")
        print(detail(data))
    ds = data.dataset
    for name in sorted(ds.loaded()):
        print(f"  table {name}: {ds.table(name).memory_usage(deep=True).sum() / 2**20:.0f} MB")
    if data.query is not None:
        for (_, scope), scoped in data.query._scopes.items():  # noqa: SLF001 - a bench looks inside
            print(f"  scoped dataset of {len(scope)} document(s): {', '.join(sorted(scoped.loaded()))}")
        memory = data.query.frame("SELECT sum(memory_usage_bytes) AS m FROM duckdb_memory()")["m"].iloc[0]
        print(f"  DuckDB (query database) memory: {int(memory) / 2**20:.0f} MB")
    print(f"  pyarrow pool: {pa.total_allocated_bytes() / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
