"""Run the build's per-document step over many documents: in this process, a local process pool, or Dask.

- `jobs=1`: in this process. `jobs=N`: a `concurrent.futures.ProcessPoolExecutor` of N processes (the default).
- `scheduler="tcp://host:8786"`: tasks on an existing Dask distributed cluster (`pip install
  policy-timeline[cluster]`), running the same `perdoc.process_document`.
- A cache folder keyed by `DocTask.key()` (seed bytes, sidecar bytes, vocabulary, analysis code version) keeps the
  results of unchanged seeds, so a rebuild processes only new or changed documents.

Results are put back in the order of the seed files and concatenated in corpus order, so the output is
byte-identical whatever the number of jobs, the scheduler or the cache.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar

import pyarrow as pa
from tqdm import tqdm

from dashboard import errors
from dashboard.corpus.load import Corpus, SeedDocument, Shown
from dashboard.corpus.sidecar import Vocabulary
from dashboard.corpus.spans import Tables
from dashboard.dataset.cached_terms import TERMS, CachedTerms
from dashboard.dataset.package import Chunk, Pieces
from dashboard.dataset.perdoc import (
    CHUNKED_TABLES,
    DocResult,
    DocTask,
    make_task,
    process_document,
    warm,
)
from dashboard.dataset.splice import Index, Splicer
from dashboard.dataset.swap import read_pickle, write_pickle

CHUNKS = "chunks"  # the build cache's subfolder of the documents' written rows
MENTIONS_STATE = "gazetteer-state.pickle"  # in the mentions subfolder: what the fingerprints read (mentions_state)
MAX_BATCH = 16  # the most documents a worker processes and sends back at once
Step = Callable[[Corpus, Tables], Tables]  # a build step: the corpus and the tables so far in, new tables out
_T = TypeVar("_T")
_E = TypeVar("_E")


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def paused_gc() -> Generator[None, None, None]:
    """Pause the cyclic garbage collector over a block that only allocates objects that stay alive (reading the
    cache: millions of them, which each full collection would walk again; 10.1 → 2.6 s CPU for 1,000 documents)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class BuildCache(Generic[_E]):
    """Per-document entries of one `kind` on disk, one pickle per key (a local, trusted folder the build itself
    writes): each document's results, and in a subfolder its mentions (dataset.mentions_cache)."""

    def __init__(self, folder: Path, kind: type[_E]) -> None:
        self.folder = folder
        self.kind = kind

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> _E | None:
        """Return the stored entry for `key`, or None (also when the entry is unreadable or of another kind)."""
        entry = read_pickle(self._path(key))
        return entry if isinstance(entry, self.kind) else None

    def get_other(self, sub: str, key: str) -> Any:
        """Return the entry for `key` in the subfolder `sub` (another kind of entry), or None."""
        return BuildCache(self.folder / sub, object).get(key)

    def put(self, key: str, entry: _E) -> None:
        """Store `entry` under `key` (written to a temporary file and renamed: never half written)."""
        write_pickle(self._path(key), entry)


class DocumentRunner:
    """Process the seed documents of one build; remembers how many were processed and how many came from cache."""

    def __init__(
        self,
        *,
        jobs: int | None = 1,
        scheduler: str | None = None,
        cache_dir: Path | None = None,
        progress: bool = False,
    ) -> None:
        self.jobs = jobs or default_jobs()
        self.scheduler = scheduler
        self.cache = BuildCache(cache_dir, DocResult) if cache_dir else None
        self.progress = progress
        self.processed = 0
        self.cached = 0
        self._tables: dict[int, Tables] = {}
        self._terms: dict[int, Any] = {}
        self._chunks: dict[int, dict[str, Chunk]] = {}
        self._keys: dict[int, str] = {}  # each document's cache key
        self.reused = 0  # documents whose written rows were cut from the previous package (dataset.splice)
        self.mentions_reused = 0  # documents whose mention rows were (their key and mentions fingerprint recorded)
        self.splicer: Splicer | None = None
        # where the build's validation read the previous package's tables: "kept" (the Arrow files the build before
        # kept in the cache, dataset.validate_changed.kept_tables), "csv" (its files), "" (no previous package)
        self.compared = ""
        # the tables the validation took from the kept tables and the new rows instead of reading the new files
        self.assembled: tuple[str, ...] = ()
        # each document's mentions fingerprint and rows (dataset.mentions_cache), when the cache's mentions step ran
        self._mentions: list[tuple[str, list[Any]]] | None = None
        self.terms_read = 0  # the documents' term counts term emergence read from the cache (dataset.cached_terms)
        self.seeds_read = 0  # seeds read and hashed for their keys (the others' keys from the seed index)
        self.relations_computed = -1  # documents whose relations were computed (-1: all, no cache's state)
        self.term_path = ""  # how term emergence was computed: "added" from the cached state, else "full (why)"

    # load_corpus calls this to read the seed texts (corpus.load.DocumentLoader)
    def load(self, texts: list[Path], vocabulary: Vocabulary, shown: Shown) -> list[SeedDocument | errors.InputError]:
        """Process every seed text; return its document or its input error, in the order of `texts`."""
        tasks, keys = self._keyed(texts, vocabulary, shown)
        with paused_gc():
            results: list[DocResult | None] = [self.cache.get(k) for k in keys] if self.cache else [None] * len(tasks)
            # what was read lives to the end of the build (build.run unfreezes it): frozen, the collections that
            # follow do not walk it again (at 10,000 documents, three passes over it cost 17 s CPU)
            gc.freeze()
        todo = [i for i, r in enumerate(results) if r is None]
        todo_set = set(todo)
        self.cached = len(tasks) - len(todo)
        self.processed = len(todo)
        for i in todo:  # (a key taken from the seed index is only looked up: processed, it is the bytes' key)
            task = tasks[i] = tasks[i] or make_task(texts[i], vocabulary, shown)
            keys[i] = task.key() if self.cache else ""
        done = self._map([t for i in todo if (t := tasks[i])], [keys[i] for i in todo] if self.cache else [])
        for i, result in zip(todo, done, strict=True):
            results[i] = result
            if self.cache and self.scheduler and result.document is not None:  # (local workers kept theirs)
                put_result(self.cache.folder, keys[i], result)
        out: list[SeedDocument | errors.InputError] = []
        for i, result in enumerate(results):
            assert result is not None
            if self.cache and result.terms is not None and i not in todo_set:  # (an entry from before the counts
                put_result(self.cache.folder, keys[i], result, written=bool(result.chunks))  # were kept apart)
            if result.document is None:
                out.append(result.raise_error())
            else:
                if result.tables:  # (a cached result's rows stay on disk with its chunks: `_written`)
                    self._tables[id(result.document)] = result.tables
                self._terms[id(result.document)] = result.terms
                if result.chunks:  # (a cached result's chunks stay on disk until a table needs them)
                    self._chunks[id(result.document)] = result.chunks
                if self.cache:
                    self._keys[id(result.document)] = keys[i]
                out.append(result.document)
        return out

    def _keyed(self, texts: list[Path], vocabulary: Vocabulary, shown: Shown) -> tuple[list[DocTask | None], list[str]]:
        # each seed's task and cache key; with a cache, keys from its seed index (dataset.seed_keys), tasks None
        if not self.cache:
            self.seeds_read = len(texts)
            return [make_task(p, vocabulary, shown) for p in texts], [""] * len(texts)
        from dashboard.dataset.seed_keys import keyed_tasks

        tasks, keys, self.seeds_read = keyed_tasks(texts, vocabulary, shown, self.cache.folder)
        return tasks, keys

    def _written(self, corpus: Corpus, i: int) -> tuple[Tables, dict[str, Chunk]]:
        # document i's per-document rows and chunks, as its step computed them: in memory (processed in this
        # build), else from the cache (`put_result`), else computed again from the document (none there)
        from dashboard.dataset.perdoc import document_chunks, document_tables

        doc = corpus.documents[i]
        if id(doc) in self._tables and id(doc) in self._chunks:
            return self._tables[id(doc)], self._chunks[id(doc)]
        key = self._keys.get(id(doc))
        stored = self.cache.get_other(CHUNKS, key) if self.cache and key else None
        if isinstance(stored, Written) and set(stored.chunks) == set(CHUNKED_TABLES):
            return stored.tables, stored.chunks
        tables = self._tables.get(id(doc)) or document_tables(doc, corpus.vocabulary)
        return tables, document_chunks(doc, corpus.vocabulary, tables)

    def chunks(
        self, corpus: Corpus, tables: Tables, previous: Path | None = None, index: Index | None = None
    ) -> dict[str, Pieces]:
        """Return the per-document tables' rows as the workers wrote them (package.Chunk), in corpus order: what
        `package.write_package` writes those tables from. `tables`: the rows so far, whose cited targets (of
        seeds/cited.yml) come first in the targets table, before the documents' own. `previous`, `index`: the
        package this build replaces, validated before, and where each document's rows lie in it
        (dataset.splice): an unchanged document's rows are cut from it instead of read from the cache. The new
        package's index: `written_index()`."""
        from dashboard.dataset.package import make_chunk, resource_schemas

        docs = corpus.documents
        keys = [self._keys.get(id(d), "") for d in docs]
        splicer = Splicer(previous, index if self.cache else None, self.cache.folder if self.cache else None)
        self.splicer = splicer
        read: dict[int, dict[str, Chunk]] = {}

        def chunk_of(name: str) -> Callable[[int], Chunk]:
            def chunk(i: int) -> Chunk:
                found = self._chunks.get(id(docs[i])) or read.get(i)
                if found is None:  # a cached document not in the previous package: its chunks from the cache
                    found = read[i] = self._written(corpus, i)[1]
                return found[name]

            return chunk

        cited = [r for r in tables.get("targets", []) if r.get("origin") == "cited"]
        resources = {r["name"]: r for r in resource_schemas()}
        out = {
            name: splicer.pieces(name, resources[name], cited if name == "targets" else None, keys, chunk_of(name))
            for name in CHUNKED_TABLES
        }
        mentions = self._mentions
        if mentions is not None and len(mentions) == len(docs) and all(keys):
            # the mentions table too: a document's rows are cut from the previous package while both its cache key
            # and its mentions' fingerprint are those recorded (they are all its rows depend on)
            out["mentions"] = splicer.pieces(
                "mentions",
                resources["mentions"],
                None,
                [f"{k}:{fp}" if fp else "" for k, (fp, _) in zip(keys, mentions, strict=True)],
                lambda i: make_chunk(mentions[i][1], resources["mentions"]),
                own_keys=True,
            )
        self.reused = splicer.reused
        self.mentions_reused = splicer.reused_own.get("mentions", 0)
        return out

    def keep(self, name: str, table: pa.Table) -> None:
        """Keep a per-document table as written, for the next build (package.write_package's `keep`)."""
        if self.splicer and self.cache:
            self.splicer.keep(name, table)

    def written_index(self) -> Index | None:
        """Return the index of the package `chunks` gave the tables of (recorded once it is validated)."""
        return self.splicer.index() if self.splicer and self.cache else None

    def term_counts(self, corpus: Corpus) -> CachedTerms:
        """Return each document's term counts (analysis.terms.TermInventory), in corpus order: a cached document's
        read from the cache when first used (dataset.cached_terms)."""
        from dashboard.dataset.perdoc import document_terms

        docs = corpus.documents

        def count(i: int) -> Any:  # (no counts in the cache: counted again from the document's rows)
            return document_terms(docs[i], self._written(corpus, i)[0]["provision_themes"])

        keys = [self._keys.get(id(d), "") for d in docs]
        stored = BuildCache(self.cache.folder / TERMS, object).get if self.cache else None
        return CachedTerms([self._terms.get(id(d)) for d in docs], keys, [d.meta.id for d in docs], stored, count)

    def term_emergence_step(self) -> Step:
        """Return the term emergence step over the documents' term counts, from the state the cache keeps of the
        last computation when this build only adds a document (dataset.terms_cache)."""

        def term_emergence(corpus: Corpus, tables: Tables) -> Tables:
            from dashboard.dataset.terms_cache import emergence_rows

            keys = [self._keys.get(id(d), "") for d in corpus.documents]
            folder = self.cache.folder if self.cache else None
            counted = self.term_counts(corpus)
            rows, self.term_path = emergence_rows(tables, counted, folder, keys)
            self.terms_read = counted.read
            return {"term_emergence": rows}

        return term_emergence

    def mentions_step(self) -> Step:
        """Return the mentions step (dataset.mentions_cache): over the cache when there is one, scanning the
        documents it lacks over `jobs` processes."""
        from dashboard.dataset.mentions_cache import MentionsEntry, cached_mentions

        store = BuildCache(self.cache.folder / "mentions", MentionsEntry) if self.cache else None

        def mentions_step(corpus: Corpus, tables: Tables) -> Tables:
            self._mentions = [] if store is not None else None
            state = store.folder / MENTIONS_STATE if store is not None else None
            return cached_mentions(corpus, store, self._keys, self.jobs, per_document=self._mentions, state=state)

        return mentions_step

    def relations_step(self) -> Step | None:
        """Return the relations step over the cache's kept relations (dataset.relations_cache), or None (no cache)."""
        if self.cache is None:
            return None
        folder = self.cache.folder

        def relations_step(corpus: Corpus, tables: Tables) -> Tables:
            from dashboard.analysis.relations import relations_step as whole
            from dashboard.dataset.relations_cache import STATE, relation_rows

            keys, found = [self._keys.get(id(d), "") for d in corpus.documents], self._mentions
            if found is None or len(found) != len(keys):  # (the mentions step was not the cache's)
                return whole(corpus, tables)
            own = [f"{k}:{fp}" if k and fp else "" for k, (fp, _) in zip(keys, found, strict=True)]
            out, self.relations_computed = relation_rows(corpus, tables, own, [r for _, r in found], folder / STATE)
            return out

        return relations_step

    def _map(self, tasks: list[DocTask], keys: list[str]) -> Iterable[DocResult]:
        # each task's result; where the workers share this machine's disk (one process, a local pool) each puts
        # its results into the cache under `keys` itself, in parallel (empty `keys`: no cache)
        def bar(it: Iterable[_T]) -> Iterable[_T]:
            return tqdm(it, total=len(tasks), desc="documents", unit="doc", disable=not self.progress, leave=False)

        if not tasks:
            return []
        if self.scheduler:
            from dashboard.dataset.cluster import dask_map

            return dask_map(self.scheduler, tasks, bar)
        step = partial(_process_and_keep, self.cache.folder if self.cache else None)
        items = list(zip(tasks, keys or [""] * len(tasks), strict=True))
        if self.jobs == 1 or len(tasks) == 1:
            return list(bar(map(step, items)))
        warm()  # forked workers inherit the loaded models instead of each loading them
        # small batches: a worker that finishes its last batch early waits for the other's (at 10,000 documents
        # a batch of len / (jobs * 8) documents was 30 s of one worker's time), and the bar moves evenly
        chunk = max(1, min(MAX_BATCH, len(tasks) // (self.jobs * 8)))
        with ProcessPoolExecutor(max_workers=min(self.jobs, len(tasks))) as pool:
            return list(bar(pool.map(step, items, chunksize=chunk)))


def _process_and_keep(folder: Path | None, item: tuple[DocTask, str]) -> DocResult:
    # the per-document step, its result put into the build cache in `folder` (if any) under the task's key
    task, key = item
    result = process_document(task)
    if folder is not None and result.document is not None:
        put_result(folder, key, result)
    if result.chunks and result.terms is not None:
        # no corpus-level step reads a document's rows (the tables are written from its chunks, build.py): they
        # stay behind, not pickled back to the parent (at 3,000 documents a sixth of a 2-job build's CPU went to
        # sending every result over the pipe)
        return replace(result, tables={})
    return result


@dataclass(frozen=True)
class Written:
    """A document's rows of the per-document tables and those rows written (DocResult.tables and .chunks): kept
    in the build cache apart from the rest of its result, and read only when a table cannot be taken from the
    previous package (dataset.splice)."""

    tables: Tables
    chunks: dict[str, Chunk]


def put_result(folder: Path, key: str, result: DocResult, written: bool = True) -> None:
    """Put a document's result into the build cache in `folder`: its per-document rows, as rows and written
    (the largest part), in a file of their own under `chunks/` (`Written`; unless not `written`), its term counts
    under `terms/` (dataset.cached_terms), the rest (its document) in its entry, which every build reads."""
    if written:
        BuildCache(folder / CHUNKS, Written).put(key, Written(result.tables, result.chunks))
    if result.terms is not None:
        BuildCache(folder / TERMS, object).put(key, result.terms)
    BuildCache(folder, DocResult).put(key, replace(result, tables={}, chunks={}, terms=None))
