"""The briefing pack's content model: the pack (Brief), its slides (Slide), a key change quoted (Quote) and a
piece of quoted text with its mark (Run).

Plain dataclasses and nothing else, so that the builders (`export.brief`, `export.brief_slides`) and the two
layouts (`export.brief_pptx`, `export.brief_html`) share one description of what a slide holds; `export.brief`
re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashboard.i18n import t


@dataclass
class Run:
    """A piece of quoted text and how it is marked: "" plain, "ins" added in B, "del" removed from A."""

    text: str
    mark: str = ""


@dataclass
class Quote:
    """One key change: the provision(s) quoted with their changed words marked, and where each comes from."""

    status: str
    a: list[Run] = field(default_factory=list)
    b: list[Run] = field(default_factory=list)
    cite_a: str = ""
    cite_b: str = ""
    themes: list[str] = field(default_factory=list)
    similarity: float = 0.0
    full_a: str = ""
    full_b: str = ""


@dataclass
class Slide:
    """One slide; `kind` says which fields the renderers read."""

    kind: str  # title | chart | bullets | quotes | table
    title: str
    subtitle: str = ""
    png: bytes = b""
    svg: bytes = b""
    bullets: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # relative column widths
    links: list[str] = field(default_factory=list)  # "label: URL" lines (sources)
    note: str = ""  # a short line under the content (caveat, citation)
    notes: str = ""  # speaker notes: full texts and sources


@dataclass
class Brief:
    """The pack: the two documents compared, the dataset they come from, the slides."""

    a: dict[str, Any]
    b: dict[str, Any]
    version: str
    citation: str
    date: str
    slides: list[Slide]
    lang: str = "en"

    @property
    def title(self) -> str:
        """Return the pack's title."""
        return t("brief.title", self.lang, a=self.a["symbol"], b=self.b["symbol"])
