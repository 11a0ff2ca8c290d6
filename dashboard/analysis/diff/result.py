"""The typed result of comparing two documents. `Comparison.as_dict()` is what `diff --json` prints.

Every provision of A and of B appears in at least one `Link` row: one row per link, so a provision merged or
split appears in several; a one-sided row (`new`, `dropped`) only for a provision with no link at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, cast

from dashboard.analysis.diff.words import Op

if TYPE_CHECKING:
    from _typeshed import DataclassInstance  # every subclass of _AsDict is a dataclass

STATUSES = ("kept", "reworded", "merged", "split", "new", "dropped")
SET_BY = ("engine", "curated", "reader")

# one row of a table as DataFrame.to_dict("records") gives it (a provision, a document, a target ...)
Record = Mapping[str, Any]


class Candidate(TypedDict):
    """A provision of the other document offered beside a provision (or its nearest one), with the similarity;
    `by` is "meaning" for an offer by word vectors (rows.py), whose word-overlap similarity says little."""

    id: str
    similarity: float
    by: NotRequired[str]


class Term(TypedDict):
    """A term distinctive of one document (deltas.distinctive_terms), in its commonest word form."""

    term: str
    stem: str
    score: float
    count_a: int
    count_b: int


class EntityCount(TypedDict):
    """An entity mentioned in A, in B or both (deltas.entity_deltas), with its mention counts."""

    id: str
    name: str
    kind: str
    a_count: int
    b_count: int


class TargetRow(TypedDict):
    """A target of one document as the comparison lists it (deltas.target_deltas)."""

    id: str
    text: str
    kind: str
    provision_id: str | None
    indicator: str
    end_year: int | None
    value: float | None
    unit: str


class TargetChange(TypedDict):
    """An indicator both documents report: A's target and B's."""

    indicator: str
    a: TargetRow
    b: TargetRow


class TargetDeltas(TypedDict):
    """Targets only in A, only in B, and indicators both report."""

    a_only: list[TargetRow]
    b_only: list[TargetRow]
    changed: list[TargetChange]


class Terms(Mapping[str, list[Term]]):
    """The terms distinctive of A and of B (`a_distinctive`, `b_distinctive`: deltas.distinctive_terms), counted
    when first read: counting every word of two 500-provision documents is a third of a first comparison, and
    the alignment, the reader's corrections and the evaluation never read them. Read once, kept (thread-safe)."""

    KEYS = ("a_distinctive", "b_distinctive")

    def __init__(self, make: Callable[[], Mapping[str, list[Term]]]) -> None:
        self._make: Callable[[], Mapping[str, list[Term]]] | None = make
        self._terms: Mapping[str, list[Term]] | None = None
        self._lock = threading.Lock()

    def _counted(self) -> Mapping[str, list[Term]]:
        if self._terms is None:
            with self._lock:
                if self._terms is None and self._make is not None:
                    self._terms, self._make = self._make(), None
        return self._terms or {}

    def __getitem__(self, key: str) -> list[Term]:
        return self._counted()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.KEYS)  # the keys are known before counting (crosslang empties them unread)

    def __len__(self) -> int:
        return len(self.KEYS)

    def as_dict(self) -> dict[str, Any]:
        """Return the terms as JSON-ready dicts and lists (as a dict of them gives them)."""
        return {key: _plain(self[key]) for key in self}

    def __repr__(self) -> str:
        return f"Terms({dict(self)!r})"


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: object) -> object:
    if isinstance(value, _SCALARS):  # most values: a comparison has thousands of them
        return value
    if hasattr(value, "as_dict"):
        return getattr(value, "as_dict")()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in cast("Iterable[object]", value)]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in cast("Mapping[object, object]", value).items()}
    return value


_NAMES: dict[type, tuple[str, ...]] = {}  # each result class's field names, in order (read once)


class _AsDict:
    def as_dict(self) -> dict[str, Any]:
        """Return the object as JSON-ready dicts and lists."""
        names = _NAMES.get(type(self))
        if names is None:
            names = _NAMES[type(self)] = tuple(f.name for f in fields(cast("DataclassInstance", self)))
        return {name: _plain(getattr(self, name)) for name in names}


@dataclass(frozen=True)
class Link(_AsDict):
    """One row of the comparison: a link between provision `a` of A and `b` of B, or one of them alone.

    `status` is kept|reworded|merged|split|new|dropped; `set_by` engine|curated|reader. `counted` is False for a
    publisher's framing or a secondary narrative when the document has text of its own, and for a bare heading
    (aligned through its children): such rows are shown apart and never counted as new or dropped."""

    a: str | None
    b: str | None
    a_text: str
    b_text: str
    similarity: float | None  # None for a pair by numbering across languages (diff/crosslang.py)
    status: str
    themes: tuple[str, ...]
    ops: tuple[Op, ...]
    set_by: str = "engine"
    a_label: str = ""
    b_label: str = ""
    a_kind: str | None = None
    b_kind: str | None = None
    a_own: bool | None = None
    b_own: bool | None = None
    a_themes: tuple[str, ...] = ()
    b_themes: tuple[str, ...] = ()
    nearest: Candidate | None = None
    candidates: dict[str, list[Candidate]] = field(default_factory=lambda: {"a": [], "b": []})
    counted: bool = True
    heading: bool = False  # a bare heading, aligned through its children


@dataclass(frozen=True)
class Section(_AsDict):
    """What became in B of one part or item of A (with everything under it), in one line.

    `a` is the A provision heading the section (None for the line listing B's provisions new in B), `outcome`
    kept|reworded|merged|split|dropped|new, `b` the B provisions its members link to, in B's order."""

    a: str | None
    title: str
    outcome: str
    summary: str
    b: tuple[str, ...]


@dataclass(frozen=True)
class ThemeDelta(_AsDict):
    """The share of each document's counted provisions carrying a theme, and B − A."""

    id: str
    a_share: float
    b_share: float
    delta: float
    a_count: int
    b_count: int


@dataclass(frozen=True)
class DocumentSummary(_AsDict):
    """One compared document as a reader needs it before trusting the comparison."""

    id: str
    symbol: str
    title_en: str
    issued: str
    coverage: str
    source_kind: str
    coverage_note: str
    basis: str
    provisions: int
    own_provisions: int


@dataclass(frozen=True)
class Comparison(_AsDict):
    """The comparison of documents `a` and `b`: links, section summary, and what moved as a whole."""

    a: str
    b: str
    documents: dict[str, DocumentSummary]
    coverage_warning: str | None
    notices: tuple[str, ...]
    summary: dict[str, int]
    not_counted: dict[str, int]
    pairs: tuple[Link, ...]
    sections: tuple[Section, ...]
    pins: tuple[str, ...]
    curated: tuple[str, ...]
    measure: str
    basis: dict[str, str]
    themes: tuple[ThemeDelta, ...]
    terms: Mapping[str, list[Term]]  # Terms (counted when read), or a dict
    entities: dict[str, list[EntityCount]] | None
    targets: TargetDeltas | None
    settings: dict[str, Any]
    languages: dict[str, str] | None = None  # A and B in two languages (diff/crosslang.py)
    language_notice: str | None = None
