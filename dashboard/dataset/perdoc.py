"""The build's per-document step: one seed text and its sidecar in, its document and per-document tables out.

The step is a plain function over a self-contained, picklable task (the seed's bytes, not its path), so the same
function runs in this process, in a local process pool, or as a task on a Dask cluster whose workers do not share
the seeds folder. Corpus-level steps (measures, term emergence, mentions, relations) follow in the parent.

Input errors come back as values (`DocResult.error`), never raised across the process boundary: the parent turns
them into the same typed errors the one-process build raises, and collects them all.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dashboard import errors
from dashboard.corpus.load import Corpus, SeedDocument, Shown, load_document
from dashboard.corpus.sidecar import Vocabulary
from dashboard.dataset.package import Chunk, make_chunk, resource_schemas
from dashboard.dataset.seed_tables import document_rows, provision_rows, seed_text_rows
from dashboard.settings import MAX_SEED_BYTES

Row = dict[str, Any]
# the tables the per-document step computes, each concatenated over documents in corpus order by the parent
DOCUMENT_TABLES = ("provision_themes", "assignments", "targets", "theme_measures")
# the tables whose rows of one document depend on that document alone: the per-document step writes them
# (package.Chunk), and the parent writes each table by joining its documents' chunks in corpus order
CHUNKED_TABLES = ("provisions", "seed_texts", *DOCUMENT_TABLES)
# the code and data the per-document step reads: a change to any of them invalidates the build cache
_CODE_DIRS = ("corpus", "analysis", "dataset/schema")
_CODE_FILES = ("dataset/perdoc.py", "dataset/package.py", "dataset/seed_tables.py")
_CODE_SUFFIXES = {".py", ".yml", ".txt", ".json"}
# under those, what the per-document step never reads: the diff engine runs when two documents are compared, not
# in a build (an import-linter contract in pyproject.toml keeps the build from importing it)
_NOT_CODE_DIRS = ("analysis/diff",)


@dataclass(frozen=True)
class DocTask:
    """One seed document to process: its file name, bytes, the names errors show, and the vocabulary."""

    name: str
    text: bytes | None  # None: over MAX_SEED_BYTES, not read (the step refuses it by its size, as the loader does)
    sidecar: bytes | None
    shown_text: str
    shown_sidecar: str
    vocabulary: Vocabulary
    text_size: int | None = 0  # None: no such file (a dangling link)
    sidecar_size: int | None = None  # None: no sidecar

    def key(self) -> str:
        """Return the cache key: hash of the seed, its sidecar, the vocabulary and the analysis code's version."""
        h = hashlib.sha256()
        for part in (
            code_version(),
            self.name,
            _digest(self.text, self.text_size),
            _digest(self.sidecar, self.sidecar_size),
            _vocabulary_json(self.vocabulary),
        ):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()


@dataclass
class DocResult:
    """A processed document and its per-document tables, or the input error that stopped it."""

    document: SeedDocument | None
    tables: dict[str, list[Row]] = field(default_factory=dict[str, list[Row]])
    error: tuple[str, str, str, str] | None = None  # (error class name, file, where, problem)
    terms: Any = None  # the document's term counts (analysis.terms.TermInventory), which term emergence merges
    chunks: dict[str, Chunk] = field(default_factory=dict[str, Chunk])  # CHUNKED_TABLES' rows, written

    def raise_error(self) -> errors.InputError:
        """Return the typed input error this result carries."""
        assert self.error is not None
        kind, file, where, problem = self.error
        cls = getattr(errors, kind, errors.InputError)
        return cls(file, where, problem)


def make_task(text_path: Path, vocabulary: Vocabulary, shown: Shown) -> DocTask:
    """Read one seed text and its sidecar (if any) into a task; a file over MAX_SEED_BYTES is not read."""
    sidecar = text_path.with_suffix(".yml")
    text_size = text_path.stat().st_size if text_path.exists() else None
    sidecar_size = sidecar.stat().st_size if sidecar.exists() else None
    return DocTask(
        name=text_path.name,
        text=text_path.read_bytes() if text_size is not None and text_size <= MAX_SEED_BYTES else None,
        sidecar=sidecar.read_bytes() if sidecar_size is not None and sidecar_size <= MAX_SEED_BYTES else None,
        shown_text=shown(text_path),
        shown_sidecar=shown(sidecar),
        vocabulary=vocabulary,
        text_size=text_size,
        sidecar_size=sidecar_size,
    )


_VOCABULARY: list[tuple[Vocabulary, str]] = []  # the last vocabulary written out, and its JSON


def _vocabulary_json(vocabulary: Vocabulary) -> str:
    # the vocabulary as JSON, written once for the build's tasks (which share it) instead of once a task
    if not _VOCABULARY or _VOCABULARY[0][0] is not vocabulary:
        _VOCABULARY[:] = [(vocabulary, json.dumps(asdict(vocabulary), sort_keys=True, ensure_ascii=False))]
    return _VOCABULARY[0][1]


def _digest(data: bytes | None, size: int | None) -> str:
    return "-" if size is None else hashlib.sha256(data).hexdigest() if data is not None else f"size {size}"


def _materialise(path: Path, data: bytes | None, size: int) -> None:
    # write the seed's bytes; an oversized file becomes a sparse file of its size, refused by the same size check
    if data is not None:
        path.write_bytes(data)
    else:
        with path.open("wb") as handle:
            handle.truncate(size)


def process_document(task: DocTask) -> DocResult:
    """The per-document step: read, clean and segment the seed, then tag themes, actors and targets."""
    with tempfile.TemporaryDirectory(prefix="policy-timeline-doc-") as tmp:
        text_path = Path(tmp) / task.name
        if task.text_size is not None:
            _materialise(text_path, task.text, task.text_size)
        if task.sidecar_size is not None:
            _materialise(text_path.with_suffix(".yml"), task.sidecar, task.sidecar_size)
        shown: Shown = lambda p: task.shown_text if p.suffix == ".txt" else task.shown_sidecar  # noqa: E731
        try:
            doc = load_document(text_path, task.vocabulary, shown)
        except errors.InputError as exc:
            return DocResult(None, error=(type(exc).__name__, exc.file, exc.where, exc.problem))
    tables = document_tables(doc, task.vocabulary)
    return DocResult(doc, tables, terms=document_terms(doc, tables["provision_themes"]),
                     chunks=document_chunks(doc, task.vocabulary, tables))


def document_tables(doc: SeedDocument, vocabulary: Vocabulary) -> dict[str, list[Row]]:
    """Return the rows of the per-document tables for one document, by running the analysis steps on it alone."""
    from dashboard.analysis.actors import assignments_step
    from dashboard.analysis.measures import theme_measure_rows
    from dashboard.analysis.targets import targets_step
    from dashboard.analysis.themes import provision_themes_step

    alone = _alone(doc, vocabulary)
    themes = provision_themes_step(alone, {})["provision_themes"]
    assignments = assignments_step(alone, {})["assignments"]
    targets = targets_step(alone, {"targets": [], "provision_themes": themes})["targets"]
    measures = theme_measure_rows(document_rows(alone), provision_rows(alone), themes)
    return {"provision_themes": themes, "assignments": assignments, "targets": targets, "theme_measures": measures}


def document_chunks(doc: SeedDocument, vocabulary: Vocabulary, tables: dict[str, list[Row]]) -> dict[str, Chunk]:
    """Return the document's rows of CHUNKED_TABLES, written (package.Chunk)."""
    alone = _alone(doc, vocabulary)
    rows = {**tables, "provisions": provision_rows(alone), "seed_texts": seed_text_rows(alone)}
    resources = {r["name"]: r for r in resource_schemas()}
    return {name: make_chunk(rows[name], resources[name]) for name in CHUNKED_TABLES}


def _alone(doc: SeedDocument, vocabulary: Vocabulary) -> Corpus:
    # a corpus of this one document, which the build's steps run on
    return Corpus(vocabulary=vocabulary, package={}, documents=[doc], referenced=[], relations=[], cited={}, notes=[])


def document_terms(doc: SeedDocument, provision_themes: list[Row]) -> Any:
    """Return the document's term counts (the costly, per-document part of the corpus-level term emergence)."""
    from dashboard.analysis.terms import count_document_terms

    return count_document_terms([p.__dict__ for p in doc.provisions], provision_themes)


def warm() -> None:
    """Load the analysis models (tagger, actor matcher) once, so processes forked after this share them."""
    from dashboard.analysis.actors import actor_matcher
    from dashboard.analysis.themes import get_tagger

    get_tagger()
    actor_matcher()


def code_files(root: Path) -> list[Path]:
    """Return the source and data files under the package root `root` that the per-document step reads (corpus/,
    analysis/ but its diff engine, the table schemas, this file, and the rows and writing it takes from
    dataset/), in a fixed order."""
    skip = tuple(root / d for d in _NOT_CODE_DIRS)
    files = sorted(
        p
        for d in _CODE_DIRS
        for p in (root / d).rglob("*")
        if p.is_file()
        and p.suffix in _CODE_SUFFIXES
        and "__pycache__" not in p.parts
        and not any(p.is_relative_to(s) for s in skip)
    )
    return [*files, *(root / f for f in _CODE_FILES)]


@lru_cache(maxsize=1)
def code_version() -> str:
    """Return a hash of the files the per-document step reads (code_files), names and contents."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for p in code_files(root):
        h.update(str(p.relative_to(root)).encode("utf-8") + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()
