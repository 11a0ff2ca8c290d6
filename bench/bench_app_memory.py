"""Print what an app worker holds and how long it takes to be ready, on one or more data packages.

Run: .venv/bin/python bench/bench_app_memory.py tmp/scale/data-1000 [tmp/scale/data-10000 ...]

For each package, first (once per package version, not counted) a process builds what the workers share: the
query database and the search index (`.cache/query/` beside the package, or $POLICY_TIMELINE_QUERY_CACHE); its
wall time is printed as the one-off cost. Then a fresh process, as a new worker, prints its RSS after each step of
the start (imports; `create_app`, which opens the query database and the search index and reads the dimension
tables; the first request, the home page, answered: "ready"), then after serving the Explorer (a search and a
filter) and a long document's page, with the tables its `Dataset` has read into memory by then. Printed, not
checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

CODE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(CODE))
sys.path.insert(0, str(CODE / "bench"))


def rss_mb() -> float:
    """Return this process's resident memory in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker(data_dir: Path) -> None:
    """Start as a new worker would and print RSS and times at each step."""
    wall, cpu = time.perf_counter(), time.process_time()

    def step(name: str) -> None:
        seconds, cpu_s = time.perf_counter() - wall, time.process_time() - cpu
        print(f"  {name:<52}{rss_mb():>7.0f} MB {seconds:>7.2f} s {cpu_s:>6.2f} s CPU")

    import json

    from bench_callbacks import Case, request_for

    from dashboard.app import create_app
    from dashboard.app.context import current

    step("imports (Dash, Plotly, pandas, DuckDB, scipy.sparse)")
    app = create_app(data_dir)
    with app.server.app_context():
        data = current()
    step("create_app: query database, search index, small tables")
    client = app.server.test_client()

    deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))  # what the browser asks first

    def router(path: str, search: str = "") -> int:
        case = Case(
            "router", "_pages_content.children", {"_pages_location.pathname": path, "_pages_location.search": search}
        )
        response = client.post("/_dash-update-component", json=request_for(case, deps))
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        return len(response.get_data())

    size = router("/")
    step(f"ready: home page answered ({size / 1024:.0f} KB)")
    for search in ("", "?q=asean+cooperation", "?actor=mofa", "?q=trade&page=3"):
        router("/explorer", search)
    step("after four Explorer pages")
    biggest = max(data.documents, key=lambda d: int(data.documents[d].get("provisions") or 0))
    router("/document", f"?doc={biggest}")
    router("/document", f"?doc={biggest}&page=2")
    step("after two pages of the longest document")
    print(f"  tables read into the worker's Dataset: {', '.join(sorted(data.dataset.loaded())) or 'none'}")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        worker(Path(sys.argv[2]))
        return
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(CODE), os.environ.get("PYTHONPATH")]))}
    for arg in sys.argv[1:] or ["data"]:
        data_dir = Path(arg)
        print(f"{data_dir} (load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})")
        start = time.perf_counter()
        prepare = "from dashboard.app.context import AppData; import sys; AppData.load(sys.argv[1])"
        subprocess.run([sys.executable, "-c", prepare, str(data_dir)], env=env, check=True)
        print(f"  one-off per package version (query database and search index, if not built): "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        subprocess.run([sys.executable, __file__, "--worker", str(data_dir)], env=env, check=True)


if __name__ == "__main__":
    main()
