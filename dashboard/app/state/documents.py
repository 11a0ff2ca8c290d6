"""The views of the pages about the documents themselves: the home page's corpus table, the timeline, one
document, and the explorer's full-text search over every provision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from dashboard.analysis.excerpt import parse_offset
from dashboard.app.i18n import t, theme_label
from dashboard.app.state.base import MAX_VALUE, View, Vocabulary, _Reader
from dashboard.figures.registry import ChartOptions, TimelineOptions
from dashboard.i18n import number

LAYERS = ("relations", "horizons", "not_held")  # timeline layers that can be hidden
ROLES = ("lead", "coordinate", "assist", "report")


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
    """The timeline: which layers are hidden, and the years of issue shown (`from`, `to`; either end open)."""

    PATH: ClassVar[str] = "/timeline"
    PARAMS: ClassVar[tuple[str, ...]] = ("hide", "from", "to")

    hide: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        hide = []
        for layer in reader.many("hide"):
            if layer in LAYERS:
                hide.append(layer)
            else:
                reader.note("unknown-value", "hide", layer)
        year_from, year_to = reader.year("from"), reader.year("to")
        if year_from is not None and year_to is not None and year_from > year_to:
            reader.note("swapped", "from")
            year_from, year_to = year_to, year_from
        return {"hide": tuple(layer for layer in LAYERS if layer in hide), "year_from": year_from, "year_to": year_to}

    def _params(self) -> list[tuple[str, str]]:
        params = [("hide", ",".join(self.hide))] if self.hide else []
        if self.year_from is not None:
            params.append(("from", str(self.year_from)))
        if self.year_to is not None:
            params.append(("to", str(self.year_to)))
        return params

    def chart_options(self) -> ChartOptions:
        """Return the options of the page's chart (the same ones export and the briefing take)."""
        return ChartOptions(
            lang=self.lang,
            timeline=TimelineOptions(hide=self.hide, year_from=self.year_from, year_to=self.year_to),
        )

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words."""
        shown = [t(f"timeline.layer.{layer}", self.lang).lower() for layer in LAYERS if layer not in self.hide]
        head = t("caption.timeline", self.lang)
        if self.year_from is not None or self.year_to is not None:
            low, high = ("…" if y is None else str(y) for y in (self.year_from, self.year_to))
            head = f"{head} · {low if low == high else f'{low}–{high}'}"
        return f"{head}: {', '.join(shown)}" if shown else head


@dataclass(frozen=True)
class DocumentView(View):
    """One document (id or symbol in `doc`), optionally scrolled to provision `p`; `version` is the language of
    the version shown when the document is held in two ("" for its primary version)."""

    PATH: ClassVar[str] = "/document"
    PARAMS: ClassVar[tuple[str, ...]] = ("doc", "p", "version", "page")

    doc: str = ""
    p: str = ""
    unknown_doc: str = ""  # what the address asked for when no document has that id or symbol
    version: str = ""
    page: int = 0  # the page of provisions (from 1); 0: the page that holds `p`, else the first

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        ref = reader.one("doc")[:MAX_VALUE]
        doc = vocab.resolve(ref) or ""
        version = reader.one("version")[:MAX_VALUE]
        held_as = vocab.version_of(doc) if doc else None
        if held_as:  # a version's own id (59-NQ-TW-2025-vi) opens the document at that version
            doc, version = held_as[0], version or held_as[1]
        versions = list(vocab.versions.get(doc, {})) if doc else []
        if version and version not in versions:
            reader.note("unknown-value", "version", version)
            version = ""
        version = "" if versions and version == versions[0] else version  # the primary version is the default
        p = reader.one("p")[:MAX_VALUE]
        p_held = vocab.version_of(vocab.provision_docs.get(p, "")) if p and doc and not version else None
        if p_held and p_held[0] == doc:  # a provision of the document's other version opens that version
            version = p_held[1]
        shown = vocab.versions[doc][version] if version else doc
        if p and (not doc or vocab.provision_docs.get(p) != shown):
            reader.note("unknown-value", "p", p)
            p = ""
        page = reader.page() if reader.one("page") else 0
        return {"doc": doc, "p": p, "unknown_doc": ref if ref and not doc else "", "version": version, "page": page}

    def _params(self) -> list[tuple[str, str]]:
        doc = self.doc or self.unknown_doc
        page = str(self.page) if self.page else ""
        return [(k, v) for k, v in (("doc", doc), ("version", self.version), ("p", self.p), ("page", page)) if v]

    def shown(self, vocab: Vocabulary) -> str:
        """Return the id of the documents row the page shows: the document's, or its `version`'s."""
        return vocab.versions.get(self.doc, {}).get(self.version, self.doc) if self.version else self.doc

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words."""
        if not self.doc:
            return t("document.choose", self.lang)
        version = f" ({t(f'language.{self.version}', self.lang)})" if self.version else ""
        return vocab.symbol(self.doc) + version + (f" · {self.p.split(':', 1)[-1]}" if self.p else "")


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
            parts.append(t("caption.entity", lang, entity=(vocab.entities or {}).get(self.entity, self.entity)))
        if self.actor:
            actor = (vocab.actors or {}).get(self.actor, self.actor)
            parts.append(t("caption.actor", lang, actor=actor + (f" ({self.role})" if self.role else "")))
        if self.own:
            parts.append(t("caption.own", lang))
        return " · ".join(parts)


@dataclass(frozen=True)
class SourceView(View):
    """A span of a held document's seed text (`doc`, `start`, `end`: character offsets into the seed text that
    the data package holds). The offsets are only checked for form here; whether they fall inside the text is
    the page's to check (it has the text)."""

    PATH: ClassVar[str] = "/source"
    PARAMS: ClassVar[tuple[str, ...]] = ("doc", "start", "end")

    doc: str = ""
    start: int | None = None
    end: int | None = None
    unknown_doc: str = ""  # what the address asked for when no held document has that id or symbol

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        ref = reader.one("doc")[:MAX_VALUE]
        doc = vocab.resolve(ref) or ""
        if doc and doc not in vocab.held:
            doc = ""  # known only through relations: the corpus holds no text of it
        offsets: dict[str, int | None] = {}
        for name in ("start", "end"):
            value = reader.one(name)
            offsets[name] = parse_offset(value)
            if value and offsets[name] is None:
                reader.note("malformed", name, value[:MAX_VALUE])
        start, end = offsets["start"], offsets["end"]
        if start is not None and end is not None and start >= end:
            reader.note("malformed", "end", str(end))
            start = end = None
        return {"doc": doc, "start": start, "end": end, "unknown_doc": ref if ref and not doc else ""}

    def _params(self) -> list[tuple[str, str]]:
        out = [("doc", self.doc or self.unknown_doc)] if self.doc or self.unknown_doc else []
        if self.start is not None and self.end is not None:
            out += [("start", str(self.start)), ("end", str(self.end))]
        return out

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words."""
        if not self.doc:
            return t("source.title", self.lang)
        return f"{vocab.symbol(self.doc)} · {span_words(self.start, self.end, self.lang)}"


def span_words(start: int | None, end: int | None, lang: str, seed_file: str = "") -> str:
    """Return a span in words: "characters 2,549–3,132 of the seed file 000_….txt" (no file: without it)."""
    if start is None or end is None:
        return t("source.whole", lang)
    a, b = number(start + 1, lang), number(end, lang)
    key = "source.span_of" if seed_file else "source.span"
    return t(key, lang, a=a, b=b, file=seed_file)
