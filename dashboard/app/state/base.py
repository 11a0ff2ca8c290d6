"""What every page's view shares: the limits on a query, `Notice`, `Vocabulary`, `parse_query`, the reader of
parameters and the `View` base class (what a view does, and how to add a page: the package's docstring).

Values are checked against `Vocabulary`, the set of names the dataset knows (built once at start by
`app.context`); this module itself reads no data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Self
from urllib.parse import parse_qs, urlencode

from dashboard.app.i18n import DEFAULT_LANG, LANGS, t
from dashboard.corpus.ids import symbol_key
from dashboard.figures.registry import ChartOptions

MAX_VALUE = 200  # characters kept of a free-text value (the search box)
MAX_FIELDS = 64  # parameters read from one query; more is not a real address
MAX_ITEMS = 500  # comma-separated values read from one parameter (pins: at most 200 are applied)
# characters that reorder the text around them: a value quoted in a notice must not turn the sentence round
_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
YEAR_MIN, YEAR_MAX = 1945, 2100
Params = Mapping[str, "str | list[str]"]


@dataclass(frozen=True)
class Notice:
    """A URL parameter that was ignored or corrected, with a stable code (tests assert on codes, not
    prose)."""

    code: str  # unknown-param | unknown-value | malformed | repeated | swapped | unavailable | too-long | out-of-range
    # | pin-unknown | pin-conflict | pin-too-many
    param: str
    value: str = ""
    detail: str = ""  # out-of-range: the range the data holds

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """Return the notice as a sentence for the user."""
        value = self.value.translate(_BIDI)
        value = value if len(value) <= 60 else value[:57] + "…"
        return t(f"notice.{self.code}", lang, param=self.param, value=value, detail=self.detail)


@dataclass(frozen=True)
class Vocabulary:
    """The names a URL may use, taken from the dataset once at start (see `app.context.vocabulary`)."""

    doc_keys: Mapping[str, str] = field(default_factory=dict)  # casefolded id or symbol key → document id
    doc_symbols: Mapping[str, str] = field(default_factory=dict)  # document id → symbol, in date order
    held: frozenset[str] = frozenset()
    provision_docs: Mapping[str, str] = field(default_factory=dict)  # provision id → document id
    themes: tuple[str, ...] = ()
    issuers: Mapping[str, str] = field(default_factory=dict)  # issuer id → label
    entities: Mapping[str, str] | None = None  # entity id → name; None while the dataset has no mentions
    actors: Mapping[str, str] | None = None  # actor id → English name; None while there are no assignments
    years: tuple[int, int] = (2013, 2025)
    target_years: tuple[int, int] | None = None  # first and last year a target starts or falls due in
    # document id → {language: id of the row holding that version}, primary first (Dataset.versions)
    versions: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def version_of(self, row_id: str) -> tuple[str, str] | None:
        """Return (document id, language) when `row_id` holds another language's version of a document."""
        return self._version_rows.get(row_id)

    @cached_property
    def _version_rows(self) -> dict[str, tuple[str, str]]:
        """Each row that holds another language's version → (document id, language): one look-up per row
        (the home page asks for every document)."""
        rows: dict[str, tuple[str, str]] = {}
        for doc_id, by_lang in self.versions.items():
            for lang, held_as in list(by_lang.items())[1:]:
                rows.setdefault(held_as, (doc_id, lang))
        return rows

    def resolve(self, ref: str) -> str | None:
        """Return the document id for an id or a symbol in any case, or None."""
        text = (ref or "").strip()
        if not text:
            return None
        return self.doc_keys.get(text.casefold()) or self.doc_keys.get(symbol_key(text))

    def symbol(self, doc_id: str) -> str:
        """Return a document's symbol (its id when unknown)."""
        return self.doc_symbols.get(doc_id, doc_id)


def parse_query(search: str | None) -> dict[str, list[str]]:
    """Return the parameters of a query string (`?a=1&b=2` or `a=1&b=2`); a malformed one gives {}."""
    text = (search or "").lstrip("?")
    try:
        return parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError:
        return {}


class _Reader:
    """Reads parameters once, remembering what was wrong with them."""

    def __init__(self, params: Params, known: tuple[str, ...]) -> None:
        self.params = {str(k): (list(v) if isinstance(v, list | tuple) else [v]) for k, v in params.items()}
        self.notices: list[Notice] = [Notice("unknown-param", k[:40]) for k in self.params if k not in known]

    def one(self, name: str) -> str:
        values = [str(v).strip() for v in self.params.get(name, []) if str(v).strip()]
        if len(set(values)) > 1:
            self.note("repeated", name)
        return values[0] if values else ""

    def many(self, name: str) -> list[str]:
        out: list[str] = []
        for value in self.params.get(name, []):
            out += [v.strip() for v in str(value).split(",", MAX_ITEMS) if v.strip()]
        if len(out) > MAX_ITEMS:
            self.note("too-many", name, str(MAX_ITEMS))
        return list(dict.fromkeys(out[:MAX_ITEMS]))

    def subset(self, name: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        """Return the values of a comma list that are in `allowed` (any case), in `allowed`'s order; note the
        others."""
        picked = set()
        for value in self.many(name):
            if value.lower() in allowed:
                picked.add(value.lower())
            else:
                self.note("unknown-value", name, value)
        return tuple(a for a in allowed if a in picked)

    def note(self, code: str, param: str, value: str = "") -> None:
        self.notices.append(Notice(code, param, value))

    def year(self, name: str) -> int | None:
        value = self.one(name)
        if not value:
            return None
        if value.isdigit() and YEAR_MIN <= int(value) <= YEAR_MAX:
            return int(value)
        self.note("malformed", name, value)
        return None

    def page(self, name: str = "page") -> int:
        value = self.one(name)
        if value.isdigit() and 0 < int(value) <= 100_000:
            return int(value)
        if value:
            self.note("malformed", name, value)
        return 1

    def flag(self, name: str) -> bool:
        value = self.one(name).lower()
        if value in ("", "0", "false", "no", "off"):
            return False
        if value in ("1", "true", "yes", "on"):
            return True
        self.note("malformed", name, value)
        return False

    def choice(self, name: str, allowed: Mapping[str, Any] | tuple[str, ...] | None) -> str:
        value = self.one(name)
        if not value:
            return ""
        if allowed is None:
            self.note("unavailable", name, value)
            return ""
        if value in allowed:
            return value
        folded = {str(a).casefold(): str(a) for a in allowed}
        if value.casefold() in folded:
            return folded[value.casefold()]
        self.note("unknown-value", name, value)
        return ""


def _held_documents(reader: _Reader, vocab: Vocabulary, name: str) -> tuple[str, ...]:
    """Read a list of held documents (ids or symbols); unknown and not-held ones leave a notice."""
    docs = []
    for ref in reader.many(name):
        doc = vocab.resolve(ref[:MAX_VALUE])
        if not doc:
            reader.note("unknown-value", name, ref)
        elif doc not in vocab.held:
            reader.note("unavailable", name, ref)  # known only through relations: nothing to measure
        else:
            docs.append(doc)
    return tuple(d for d in vocab.doc_symbols if d in set(docs))  # in date order, once each


@dataclass(frozen=True)
class View:
    """Base of every page's state: the language, and the notices collected while parsing."""

    PATH: ClassVar[str] = "/"
    PARAMS: ClassVar[tuple[str, ...]] = ()

    lang: str = DEFAULT_LANG
    notices: tuple[Notice, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_query(cls, search: str | None, vocab: Vocabulary) -> Self:
        """Parse a query string (`?doc=59-NQ/TW&lang=vi`); never raises."""
        return cls.from_params(parse_query(search), vocab)

    @classmethod
    def from_params(cls, params: Params, vocab: Vocabulary) -> Self:
        """Parse parameters as Dash pages pass them to a layout (str or list of str per name); never
        raises."""
        reader = _Reader(params, ("lang", *cls.PARAMS))
        lang = reader.one("lang").lower()
        if lang and lang not in LANGS:
            reader.note("unknown-value", "lang", lang)
        values = cls._parse(reader, vocab)
        return cls(lang=lang if lang in LANGS else DEFAULT_LANG, notices=tuple(reader.notices), **values)

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        return {}

    def _params(self) -> list[tuple[str, str]]:
        return []

    def to_query(self) -> str:
        """Return the canonical query string, `?…` or empty; parameters at their default are left out."""
        params = self._params() + ([("lang", self.lang)] if self.lang != DEFAULT_LANG else [])
        return f"?{urlencode(params, safe=',:/!')}" if params else ""

    def href(self) -> str:
        """Return the page's address for this view."""
        return f"{self.PATH}{self.to_query()}"

    def same_as(self, search: str | None, vocab: Vocabulary, *, ignore: tuple[str, ...] = ()) -> bool:
        """Return True when the address `search` already shows this view (the fields in `ignore` aside).

        Dash fires a page's control callbacks when the router inserts the page, because their URL output
        already exists; such a call must change nothing (it would drop the page number and the notices).
        """
        shown = type(self).from_query(search, vocab)
        return dataclasses.replace(shown, **{name: getattr(self, name) for name in ignore}) == self

    def replace(self, **changes: Any) -> Self:
        """Return a copy with some fields changed (notices dropped: the new view is one we made)."""
        return dataclasses.replace(self, notices=(), **changes)

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words."""
        return ""

    def chart_options(self) -> ChartOptions:
        """Return the options of the page's charts (the same ones export and the briefing take); a page with
        charts says which (`app.state.charts.CHART_VIEWS`) and builds its family's typed options here."""
        return ChartOptions(lang=self.lang)

