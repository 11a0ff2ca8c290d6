"""Print where an app worker's memory goes while it loads a data package: RSS after each step of AppData.load.

Run: .venv/bin/python bench/bench_app_memory.py tmp/scale/data-3000

Steps: imports; the search filters' id columns of the analysis tables; the documents table; the provisions' text
read for the search index; the search index; the URL vocabulary (with the targets table). Printed, not checked.
The query database is built first if this package has none yet (its copy is not counted in the steps).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dashboard.app  # noqa: E402,F401  (the app's imports, as a worker has them)
import dashboard.app.context as ctx  # noqa: E402
from dashboard.analysis.search import SearchIndex, name_entries  # noqa: E402
from dashboard.dataset.load import Dataset  # noqa: E402
from dashboard.dataset.query import Query  # noqa: E402


def rss_mb() -> float:
    """Return this process's resident memory in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    data_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "data")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; {data_dir}")
    print(f"{'imports':<40}{rss_mb():>8.0f} MB")
    ds = Dataset(data_dir)
    query = Query(ds.data_dir, ds.table_names)
    query.scalar("SELECT 1")  # opens (and, the first time, builds) the query database
    cpu = time.process_time()
    tables = {name: ctx.slim_table(query, name) for name in ctx.OPTIONAL_TABLES}
    print(f"{'search filters (id columns)':<40}{rss_mb():>8.0f} MB")
    docs = ds.documents
    print(f"{'documents table':<40}{rss_mb():>8.0f} MB")
    provisions = query.frame("SELECT id, document_id, ordinal, own_text, text FROM provisions")
    print(f"{'provisions text':<40}{rss_mb():>8.0f} MB")
    names = name_entries(docs, themes=ctx.optional_table(ds, "themes"), actors=tables["actors"],
                         entities=tables["entities"])
    SearchIndex.build(provisions, docs, provision_themes=tables["provision_themes"], mentions=tables["mentions"],
                      assignments=tables["assignments"], names=names)
    print(f"{'search index':<40}{rss_mb():>8.0f} MB")
    ctx.vocabulary(ds, tables, provisions)
    print(f"{'vocabulary (and targets table)':<40}{rss_mb():>8.0f} MB   ({time.process_time() - cpu:.1f} s CPU)")


if __name__ == "__main__":
    main()
