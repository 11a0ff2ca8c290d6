"""URL query ⇄ frozen view states: parse, validate, default; write the query back; describe the view in words.

Every page's state lives in its URL, so that a copied address restores exactly the same view. A view is a
frozen dataclass with

- `from_query(search, vocab)` / `from_params(params, vocab)`: never raise. Unknown parameters, unknown values
  and malformed values are dropped, and each leaves a `Notice` that the page shows as a friendly warning;
- `to_query()`: the canonical query string (defaults omitted, so `from_query(v.to_query()) == v`);
- `href()`: the page's path plus the query; `caption(vocab)`: the view in words (datasette's human
  description).

Adding a page: subclass `View`, set PATH and PARAMS, implement `_parse` and `_params` (and `caption`), and
test the round trip and the malformed inputs in tests/unit/app/test_state.py. Values are checked against
`Vocabulary`, the set of names the dataset knows (built once at start by `app.context`); this module itself
reads no data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self
from urllib.parse import parse_qs, urlencode

from dashboard.analysis.diff.pins import MAX_PINS, well_formed
from dashboard.app.i18n import DEFAULT_LANG, LANGS, t, theme_label
from dashboard.corpus.ids import symbol_key
from dashboard.figures.registry import ChartOptions
from dashboard.figures.target_tables import KINDS as TARGET_KINDS
from dashboard.figures.theme_tables import BASES, MEASURES

MAX_VALUE = 200  # characters kept of a free-text value (the search box)
MAX_FIELDS = 64  # parameters read from one query; more is not a real address
YEAR_MIN, YEAR_MAX = 1945, 2100
LAYERS = ("relations", "horizons", "not_held")  # timeline layers that can be hidden
ROLES = ("lead", "coordinate", "assist", "report")
STATUSES = ("kept", "reworded", "new", "dropped")  # of an aligned pair (analysis.diff)
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
        value = self.value if len(self.value) <= 60 else self.value[:57] + "…"
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
            out += [v.strip() for v in str(value).split(",") if v.strip()]
        return list(dict.fromkeys(out))

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
        return f"?{urlencode(params, safe=',:/')}" if params else ""

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


@dataclass(frozen=True)
class HomeView(View):
    """The home page: the language, and the page of the corpus table (from 1) on a large corpus."""

    PATH: ClassVar[str] = "/"
    PARAMS: ClassVar[tuple[str, ...]] = ("page",)

    page: int = 1

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        return {"page": reader.page()}

    def _params(self) -> list[tuple[str, str]]:
        return [("page", str(self.page))] if self.page > 1 else []

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words."""
        return t("home.corpus", self.lang)


@dataclass(frozen=True)
class TimelineView(View):
    """The timeline: which layers are hidden."""

    PATH: ClassVar[str] = "/timeline"
    PARAMS: ClassVar[tuple[str, ...]] = ("hide",)

    hide: tuple[str, ...] = ()

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        hide = []
        for layer in reader.many("hide"):
            if layer in LAYERS:
                hide.append(layer)
            else:
                reader.note("unknown-value", "hide", layer)
        return {"hide": tuple(layer for layer in LAYERS if layer in hide)}

    def _params(self) -> list[tuple[str, str]]:
        return [("hide", ",".join(self.hide))] if self.hide else []

    def chart_options(self) -> ChartOptions:
        """Return the options of the page's chart (the same ones export and the briefing take)."""
        return ChartOptions(lang=self.lang, extra={"hide": ",".join(self.hide)})

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words."""
        shown = [
            t(f"timeline.layer.{layer}", self.lang).lower() for layer in LAYERS if layer not in self.hide
        ]
        head = t("caption.timeline", self.lang)
        return f"{head}: {', '.join(shown)}" if shown else head


@dataclass(frozen=True)
class DocumentView(View):
    """One document (id or symbol in `doc`), optionally scrolled to provision `p`."""

    PATH: ClassVar[str] = "/document"
    PARAMS: ClassVar[tuple[str, ...]] = ("doc", "p")

    doc: str = ""
    p: str = ""
    unknown_doc: str = ""  # what the address asked for when no document has that id or symbol

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        ref = reader.one("doc")[:MAX_VALUE]
        doc = vocab.resolve(ref) or ""
        p = reader.one("p")[:MAX_VALUE]
        if p and (not doc or vocab.provision_docs.get(p) != doc):
            reader.note("unknown-value", "p", p)
            p = ""
        return {"doc": doc, "p": p, "unknown_doc": ref if ref and not doc else ""}

    def _params(self) -> list[tuple[str, str]]:
        doc = self.doc or self.unknown_doc
        return [(k, v) for k, v in (("doc", doc), ("p", self.p)) if v]

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words."""
        if not self.doc:
            return t("document.choose", self.lang)
        return vocab.symbol(self.doc) + (f" · {self.p.split(':', 1)[-1]}" if self.p else "")


@dataclass(frozen=True)
class ExplorerView(View):
    """Full-text search with filters; `page` counts from 1."""

    PATH: ClassVar[str] = "/explorer"
    PARAMS: ClassVar[tuple[str, ...]] = (
        "q",
        "doc",
        "theme",
        "issuer",
        "from",
        "to",
        "entity",
        "actor",
        "role",
        "own",
        "page",
    )

    q: str = ""
    docs: tuple[str, ...] = ()
    theme: str = ""
    issuer: str = ""
    year_from: int | None = None
    year_to: int | None = None
    entity: str = ""
    actor: str = ""
    role: str = ""
    own: bool = False
    page: int = 1

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        q = " ".join(reader.one("q").split())
        if len(q) > MAX_VALUE:
            reader.note("too-long", "q", str(MAX_VALUE))
            q = q[:MAX_VALUE]
        docs = []
        for ref in reader.many("doc"):
            doc = vocab.resolve(ref)
            if doc:
                docs.append(doc)
            else:
                reader.note("unknown-value", "doc", ref)
        year_from, year_to = reader.year("from"), reader.year("to")
        if year_from is not None and year_to is not None and year_from > year_to:
            reader.note("swapped", "from")
            year_from, year_to = year_to, year_from
        page = reader.page()
        return {
            "q": q,
            "docs": tuple(dict.fromkeys(docs)),
            "theme": reader.choice("theme", vocab.themes),
            "issuer": reader.choice("issuer", vocab.issuers),
            "year_from": year_from,
            "year_to": year_to,
            "entity": reader.choice("entity", vocab.entities),
            "actor": reader.choice("actor", vocab.actors),
            "role": reader.choice("role", ROLES if vocab.actors is not None else None),
            "own": reader.flag("own"),
            "page": page,
        }

    def _params(self) -> list[tuple[str, str]]:
        pairs = [
            ("q", self.q),
            ("doc", ",".join(self.docs)),
            ("theme", self.theme),
            ("issuer", self.issuer),
            ("from", str(self.year_from or "")),
            ("to", str(self.year_to or "")),
            ("entity", self.entity),
            ("actor", self.actor),
            ("role", self.role),
            ("own", "1" if self.own else ""),
            ("page", str(self.page) if self.page > 1 else ""),
        ]
        return [(k, v) for k, v in pairs if v]

    @property
    def filtered(self) -> bool:
        """Return True when any filter or search text is set."""
        return bool(
            self.q
            or self.docs
            or self.theme
            or self.issuer
            or self.year_from
            or self.year_to
            or self.entity
            or self.actor
            or self.own
        )

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words, e.g. 'Provisions matching “ASEAN” · in 59-NQ/TW · 2016–2025'."""
        lang = self.lang
        parts = [t("caption.matching", lang, q=self.q) if self.q else t("caption.all", lang)]
        if self.docs:
            parts.append(t("caption.in", lang, docs=", ".join(vocab.symbol(d) for d in self.docs)))
        if self.theme:
            parts.append(t("caption.theme", lang, theme=theme_label(self.theme, lang)))
        if self.issuer:
            parts.append(t("caption.issuer", lang, issuer=vocab.issuers.get(self.issuer, self.issuer)))
        if self.year_from or self.year_to:
            parts.append(f"{self.year_from or '…'}–{self.year_to or '…'}")
        if self.entity:
            parts.append(
                t("caption.entity", lang, entity=(vocab.entities or {}).get(self.entity, self.entity))
            )
        if self.actor:
            actor = (vocab.actors or {}).get(self.actor, self.actor)
            parts.append(t("caption.actor", lang, actor=actor + (f" ({self.role})" if self.role else "")))
        if self.own:
            parts.append(t("caption.own", lang))
        return " · ".join(parts)


_COMPARE_WORDS = {
    "choose": {"en": "Choose two documents to compare", "vi": "Chọn hai văn bản để so sánh"},
    "kept": {"en": "kept", "vi": "giữ nguyên"},
    "reworded": {"en": "reworded", "vi": "viết lại"},
    "new": {"en": "new", "vi": "mới"},
    "dropped": {"en": "dropped", "vi": "bỏ"},
}


@dataclass(frozen=True)
class CompareView(View):
    """Two documents side by side (`a`, `b`: id or symbol of a held document), the aligned provisions
    filtered by `theme` and by `status` (any of kept, reworded, new, dropped; none means all), and the reader's
    corrections to the pairing (`pin`: 3.b1-p2, 3.b1-, -p3; see analysis/diff/pins.py). A pin is checked for
    its shape here; whether it names provisions of the two documents is checked when the page is drawn."""

    PATH: ClassVar[str] = "/compare"
    PARAMS: ClassVar[tuple[str, ...]] = ("a", "b", "theme", "status", "pin")

    a: str = ""
    b: str = ""
    theme: str = ""
    status: tuple[str, ...] = ()
    pin: tuple[str, ...] = ()
    unknown_a: str = ""  # what the address asked for when no held document has that id or symbol
    unknown_b: str = ""

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        docs: dict[str, str] = {}
        for side in ("a", "b"):
            ref = reader.one(side)[:MAX_VALUE]
            doc = vocab.resolve(ref) or ""
            if ref and not doc:
                reader.note("unknown-value", side, ref)
            elif doc and doc not in vocab.held:
                reader.note("unavailable", side, ref)  # known only through relations: no text to compare
                doc = ""
            docs[side], docs[f"unknown_{side}"] = doc, ref if ref and not doc else ""
        status = []
        for value in reader.many("status"):
            if value.lower() in STATUSES:
                status.append(value.lower())
            else:
                reader.note("unknown-value", "status", value)
        chosen = tuple(s for s in STATUSES if s in status)
        pins = []
        for value in reader.many("pin"):
            if not well_formed(value):
                reader.note("malformed", "pin", value)
            elif len(pins) == MAX_PINS:
                reader.notices.append(Notice("pin-too-many", "pin", value, detail=str(MAX_PINS)))
            else:
                pins.append(value)
        return {
            **docs,
            "theme": reader.choice("theme", vocab.themes),
            "status": () if len(chosen) == len(STATUSES) else chosen,
            "pin": tuple(pins) if docs["a"] and docs["b"] else (),  # pins name provisions of both documents
        }

    def _params(self) -> list[tuple[str, str]]:
        pairs = [
            ("a", self.a or self.unknown_a),
            ("b", self.b or self.unknown_b),
            ("theme", self.theme),
            ("status", ",".join(self.status)),
            ("pin", ",".join(self.pin)),
        ]
        return [(k, v) for k, v in pairs if v]

    @property
    def ready(self) -> bool:
        """Return True when both documents are chosen."""
        return bool(self.a and self.b)

    def chart_options(self) -> ChartOptions:
        """Return the options of the page's charts: the pair (theme and status filter the pairs only)."""
        return ChartOptions(a=self.a, b=self.b, lang=self.lang)

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words, e.g. '40/QĐ-TTg → 153/NQ-CP · Education and training · new, dropped'."""
        words = {k: v.get(self.lang) or v["en"] for k, v in _COMPARE_WORDS.items()}
        if not self.ready:
            return words["choose"]
        parts = [f"{vocab.symbol(self.a)} → {vocab.symbol(self.b)}"]
        if self.theme:
            parts.append(theme_label(self.theme, self.lang))
        if self.status:
            parts.append(", ".join(words[s] for s in self.status))
        return " · ".join(parts)


_THEMES_WORDS = {
    "share_provisions": {"en": "share of provisions", "vi": "tỷ lệ điều khoản"},
    "share_words": {"en": "share of words", "vi": "tỷ lệ số từ"},
    "count": {"en": "provisions carrying each theme", "vi": "số điều khoản có chủ đề"},
    "own": {"en": "own text", "vi": "lời văn của văn bản"},
    "all": {"en": "all text", "vi": "mọi đoạn"},
    "all_docs": {"en": "all documents", "vi": "mọi văn bản"},
    "cell": {"en": "provisions of {doc} on {theme}", "vi": "điều khoản của {doc} về {theme}"},
    "targets": {"en": "Targets", "vi": "Mục tiêu"},
    "due": {"en": "falling due {years}", "vi": "đến hạn {years}"},
    "goal": {"en": "goals", "vi": "mục tiêu"},
    "milestone": {"en": "milestones", "vi": "mốc"},
    "programme_period": {"en": "programme periods", "vi": "giai đoạn chương trình"},
    "reported_indicator": {"en": "reported indicators", "vi": "chỉ số được công bố"},
    "by_theme": {"en": "rows by theme", "vi": "nhóm theo chủ đề"},
}
GROUPINGS = ("document", "theme")  # how the targets timeline groups its rows


def _words(key: str, lang: str, **values: object) -> str:
    entry = _THEMES_WORDS[key]
    return (entry.get(lang) or entry["en"]).format(**values)


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
class ThemesView(View):
    """Theme weights: which documents (`docs`, none = all held) and themes (`theme`, comma-separated), the
    measure (share_provisions, share_words or count), the basis (own or all text), and the heatmap cell whose
    provisions are listed (`cell=<doc>|<theme>`)."""

    PATH: ClassVar[str] = "/themes"
    PARAMS: ClassVar[tuple[str, ...]] = ("docs", "theme", "measure", "basis", "cell")

    docs: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    measure: str = "share_provisions"
    basis: str = "own"
    cell: tuple[str, str] | None = None

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        themes = []
        for value in reader.many("theme"):
            theme = _choice(value, vocab.themes)
            if theme:
                themes.append(theme)
            else:
                reader.note("unknown-value", "theme", value)
        cell = None
        raw = reader.one("cell")[:MAX_VALUE]
        if raw:
            ref, sep, theme = raw.partition("|")
            doc, theme = vocab.resolve(ref), _choice(theme, vocab.themes)
            if sep and doc in vocab.held and theme:
                cell = (doc, theme)
            else:
                reader.note("malformed", "cell", raw)
        return {
            "docs": _held_documents(reader, vocab, "docs"),
            "themes": tuple(t for t in vocab.themes if t in themes),
            "measure": reader.choice("measure", MEASURES) or "share_provisions",
            "basis": reader.choice("basis", BASES) or "own",
            "cell": cell,
        }

    def _params(self) -> list[tuple[str, str]]:
        pairs = [
            ("docs", ",".join(self.docs)),
            ("theme", ",".join(self.themes)),
            ("measure", self.measure if self.measure != "share_provisions" else ""),
            ("basis", self.basis if self.basis != "own" else ""),
            ("cell", "|".join(self.cell) if self.cell else ""),
        ]
        return [(k, v) for k, v in pairs if v]

    def chart_options(self) -> ChartOptions:
        """Return the options of the page's charts (the same ones export and the briefing take)."""
        extra = {"cell": "|".join(self.cell)} if self.cell else {}
        return ChartOptions(
            docs=self.docs,
            themes=self.themes,
            measure=self.measure,
            basis=self.basis,
            lang=self.lang,
            extra=extra,
        )

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words, e.g. 'Share of provisions · own text · all documents · Health'."""
        lang = self.lang
        head = _words(self.measure, lang)
        parts = [head[:1].upper() + head[1:], _words(self.basis, lang)]
        parts.append(", ".join(vocab.symbol(d) for d in self.docs) if self.docs else _words("all_docs", lang))
        if self.themes:
            parts.append(", ".join(theme_label(t, lang) for t in self.themes))
        if self.cell:
            doc, theme = vocab.symbol(self.cell[0]), theme_label(self.cell[1], lang)
            parts.append(_words("cell", lang, doc=doc, theme=theme))
        return " · ".join(parts)


def clamp_years(year_from: int | None, year_to: int | None, bounds: tuple[int, int]) -> tuple[int, int]:
    """Return the years a range selects within `bounds`: an open end is the bound, an end outside is moved in."""
    first, last = bounds
    low = min(max(year_from if year_from is not None else first, first), last)
    high = max(min(year_to if year_to is not None else last, last), first)
    return low, high


def year_range_text(low: int, high: int) -> str:
    """Return a year range in words: "2011–2045", or one year."""
    return str(low) if low == high else f"{low}–{high}"


@dataclass(frozen=True)
class TargetsView(View):
    """Targets and reported indicators: documents (`docs`), a theme, kinds (`kind`, comma-separated), the
    years they fall due in (`from`, `to`), and how the timeline groups its rows (`by`: document or theme)."""

    PATH: ClassVar[str] = "/targets"
    PARAMS: ClassVar[tuple[str, ...]] = ("docs", "theme", "kind", "from", "to", "by")

    docs: tuple[str, ...] = ()
    theme: str = ""
    kinds: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    by: str = "document"

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        kinds = []
        for value in reader.many("kind"):
            if value.lower() in TARGET_KINDS:
                kinds.append(value.lower())
            else:
                reader.note("unknown-value", "kind", value)
        chosen = tuple(k for k in TARGET_KINDS if k in kinds)
        year_from, year_to = reader.year("from"), reader.year("to")
        if year_from is not None and year_to is not None and year_from > year_to:
            reader.note("swapped", "from")
            year_from, year_to = year_to, year_from
        year_from, year_to = cls._inside(reader, vocab.target_years, year_from, year_to)
        return {
            "docs": _held_documents(reader, vocab, "docs"),
            "theme": reader.choice("theme", vocab.themes),
            "kinds": () if len(chosen) == len(TARGET_KINDS) else chosen,
            "year_from": year_from,
            "year_to": year_to,
            "by": reader.choice("by", GROUPINGS) or "document",
        }

    @staticmethod
    def _inside(
        reader: _Reader, bounds: tuple[int, int] | None, year_from: int | None, year_to: int | None
    ) -> tuple[int | None, int | None]:
        """Move years outside the targets' years inside them, with a notice saying what is shown (the year
        slider can show no other range). An end at a bound is open, as the controls write it; one year is
        kept as both ends."""
        if bounds is None:
            return year_from, year_to
        first, last = bounds
        outside = [name for name, y in (("from", year_from), ("to", year_to)) if y is not None
                   and not first <= y <= last]
        if not outside:
            return year_from, year_to
        low, high = clamp_years(year_from, year_to, bounds)
        reader.notices.append(Notice("out-of-range", ",".join(outside), year_range_text(low, high),
                                     detail=year_range_text(first, last)))
        if low == high:
            return low, high
        return (low if low > first else None), (high if high < last else None)

    def _params(self) -> list[tuple[str, str]]:
        pairs = [
            ("docs", ",".join(self.docs)),
            ("theme", self.theme),
            ("kind", ",".join(self.kinds)),
            ("from", str(self.year_from) if self.year_from is not None else ""),
            ("to", str(self.year_to) if self.year_to is not None else ""),
            ("by", self.by if self.by != "document" else ""),
        ]
        return [(k, v) for k, v in pairs if v]

    def chart_options(self) -> ChartOptions:
        """Return the options of the page's charts (the same ones export and the briefing take)."""
        extra = {"kind": ",".join(self.kinds), "by": self.by}
        if self.year_from is not None:
            extra["from"] = str(self.year_from)
        if self.year_to is not None:
            extra["to"] = str(self.year_to)
        themes = (self.theme,) if self.theme else ()
        return ChartOptions(docs=self.docs, themes=themes, lang=self.lang, extra=extra)

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words, e.g. 'Targets falling due 2030 · 40/QĐ-TTg · goals, milestones'."""
        lang = self.lang
        head = _words("targets", lang)
        if self.year_from is not None or self.year_to is not None:
            if self.year_from == self.year_to:
                years = str(self.year_from)
            else:
                years = f"{self.year_from or '…'}–{self.year_to or '…'}"
            head += " " + _words("due", lang, years=years)
        docs = ", ".join(vocab.symbol(d) for d in self.docs) if self.docs else _words("all_docs", lang)
        parts = [head, docs]
        if self.theme:
            parts.append(theme_label(self.theme, lang))
        if self.kinds:
            parts.append(", ".join(_words(k, lang) for k in self.kinds))
        if self.by == "theme":
            parts.append(_words("by_theme", lang))
        return " · ".join(parts)


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    """Return the allowed value `value` names (case-insensitively), or empty."""
    folded = {a.casefold(): a for a in allowed}
    return folded.get(value.strip().casefold(), "")
