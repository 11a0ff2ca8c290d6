"""The Targets page's view: documents, a theme, kinds of target, the years they fall due in (kept inside the
years the targets span) and how the timeline groups its rows; and the year-range helpers its controls share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from dashboard.app.i18n import theme_label
from dashboard.app.state.base import Notice, View, Vocabulary, _held_documents, _Reader
from dashboard.app.state.themes import _words
from dashboard.figures.registry import ChartOptions, TargetOptions
from dashboard.figures.targets.tables import KINDS as TARGET_KINDS

GROUPINGS = ("document", "theme")  # how the targets timeline groups its rows


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
    years they fall due in (`from`, `to`), how the timeline groups its rows (`by`: document or theme) and the
    page of the table (`page`, from 1) when its rows are more than a page holds."""

    PATH: ClassVar[str] = "/targets"
    PARAMS: ClassVar[tuple[str, ...]] = ("docs", "theme", "kind", "from", "to", "by", "page")

    docs: tuple[str, ...] = ()
    theme: str = ""
    kinds: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    by: str = "document"
    page: int = 1

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        chosen = reader.subset("kind", TARGET_KINDS)
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
            "page": reader.page(),
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
            ("page", str(self.page) if self.page > 1 else ""),
        ]
        return [(k, v) for k, v in pairs if v]

    def chart_options(self) -> ChartOptions:
        """Return the options of the page's charts (the same ones export and the briefing take)."""
        targets = TargetOptions(kinds=self.kinds, year_from=self.year_from, year_to=self.year_to, by=self.by)
        themes = (self.theme,) if self.theme else ()
        return ChartOptions(docs=self.docs, themes=themes, lang=self.lang, targets=targets)

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
