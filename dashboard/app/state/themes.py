"""The Themes page's view: which documents and themes, the measure and basis, and the heatmap cell whose
provisions are listed; and the words of its caption, which the Targets page's caption shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from dashboard import i18n
from dashboard.app.i18n import theme_label
from dashboard.app.state.base import MAX_VALUE, View, Vocabulary, _held_documents, _Reader
from dashboard.figures.registry import ChartOptions, HeatmapOptions
from dashboard.figures.themes.tables import BASES, MEASURES
from dashboard.i18n import table

_THEMES_WORDS = table("themes_view")


def _words(key: str, lang: str, **values: Any) -> str:
    return i18n.t(f"themes_view.{key}", lang, **values)


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
        return ChartOptions(
            docs=self.docs,
            themes=self.themes,
            measure=self.measure,
            basis=self.basis,
            lang=self.lang,
            heatmap=HeatmapOptions(cell=self.cell),
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


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    """Return the allowed value `value` names (case-insensitively), or empty."""
    folded = {a.casefold(): a for a in allowed}
    return folded.get(value.strip().casefold(), "")
