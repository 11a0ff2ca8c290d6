"""The app's search index: written once per package version beside the query database, opened by every worker.

The first worker to start on a package builds the index in a separate process (`python -m
dashboard.app.search_index DATA FOLDER`, so the provisions' text it reads never stays in a worker's heap),
under a lock, into a temporary folder renamed into place; the others wait for it and open it
(analysis.search_store). Where the cache folder cannot be written, each worker builds the index in memory, as
before.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.analysis.search import SearchIndex, name_entries
from dashboard.analysis.search_store import FORMAT, open_index, write_index
from dashboard.dataset.load import Dataset
from dashboard.dataset.memory import BUILD_MEMORY
from dashboard.dataset.query import Query

# the analysis tables' columns the search filters read (theme, entity, body and role per provision)
FILTER_COLUMNS = {
    "provision_themes": ("provision_id", "theme_id"),
    "mentions": ("provision_id", "entity_id"),
    "assignments": ("provision_id", "actor_id", "role"),
}


def search_index(dataset: Dataset, query: Query) -> SearchIndex:
    """Return the package's search index: opened from the cache folder (built there first if needed), or built
    in memory when that folder cannot be written."""
    folder = query.cache_dir / f"{query.key}.search{FORMAT}"
    try:
        if not (folder / "index.json").exists():
            _build_once(dataset.data_dir, folder)
        return open_index(folder)
    except (OSError, ValueError, KeyError):
        provisions, documents, tables = index_inputs(dataset, query)
        return SearchIndex.build(provisions, documents, **tables)


def _build_once(data_dir: Path, folder: Path) -> None:
    build_once(data_dir, folder, "dashboard.app.search_index", "index.json", "the search index")


def build_once(data_dir: Path, folder: Path, module: str, marker: str, what: str) -> None:
    """Build `folder` from the package in `data_dir` by running `python -m module DATA PARTIAL` in a process of
    its own, under a lock (another worker building it: wait, then use what it wrote); `marker`, a file the
    module writes last, says the folder is whole. The folder is renamed into place: all of it or nothing."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(folder.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (folder / marker).exists():
            return
        partial = folder.with_name(f"{folder.name}.{os.getpid()}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        # a process of its own (not a fork of a server's threads, nor a spawn that imports the caller's script)
        code = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [code, os.environ.get("PYTHONPATH")]))}
        done = subprocess.run(
            [sys.executable, "-m", module, str(data_dir), str(partial)],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0 or not (partial / marker).exists():
            shutil.rmtree(partial, ignore_errors=True)
            raise OSError(f"{folder}: building {what} failed: {done.stderr.strip()[-300:]}")
        os.replace(partial, folder)


def write_search_index(data_dir: Path, folder: Path) -> None:
    """Build the search index of the package in `data_dir` into `folder` (run in a process of its own)."""
    dataset = Dataset(data_dir)
    query = Query(data_dir, dataset.table_names, memory_limit=BUILD_MEMORY)  # it reads every provision
    provisions, documents, tables = index_inputs(dataset, query)
    write_index(folder, provisions, documents, **tables)


def index_inputs(dataset: Dataset, query: Query) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """Return what SearchIndex.build reads: every provision's text, the documents, the filter columns of the
    analysis tables and the titles and names."""
    provisions = query.frame(
        "SELECT id, document_id, ordinal, own_text, text FROM provisions ORDER BY document_id, ordinal"
    )
    tables: dict[str, Any] = {}
    for name, columns in FILTER_COLUMNS.items():
        if query.has(name):
            present = set(query.frame(f"SELECT * FROM {name} LIMIT 0").columns)
            cols = ", ".join(f'"{c}"' for c in columns if c in present)
            tables[name] = query.frame(f"SELECT {cols} FROM {name} ORDER BY _row")
    small = {n: dataset.table(n) if n in dataset.table_names else None for n in ("themes", "actors", "entities")}
    tables["names"] = name_entries(dataset.documents, **small)
    return provisions, dataset.documents, tables


if __name__ == "__main__":
    write_search_index(Path(sys.argv[1]), Path(sys.argv[2]))
