"""The theme charts' words in English and Vietnamese, and the labels the heatmap and the evolution share: the
subtitle, a document's column label, the hover text of one document × theme value, and a value as printed.

Kept apart from the drawing (`figures.themes.heatmap`, `figures.themes.evolution`) so that both charts say a
document, a measure and a basis the same way.
"""

from __future__ import annotations

from typing import Any

from dashboard.figures.coverage import coverage_label
from dashboard.figures.labels import COVERAGE_WORD, ChartDocument, percent, word
from dashboard.figures.template import escape
from dashboard.figures.themes.tables import WORDS, basis_label, measure_label
from dashboard.i18n import table

TEXT = table("themes_chart")


def subtitle(measure: str, basis: str, lang: str, note: str = "") -> str:
    """Return the subtitle that says what a theme chart measures and which text it counts."""
    caveat = f" ({word(TEXT, 'count_caveat', lang)})" if measure == "count" else ""
    order = word(TEXT, "order", lang)
    return f"{measure_label(measure, lang)}{caveat}; {basis_label(basis, lang)}; {order}{note}."


def column_label(doc: ChartDocument, no_text: bool, lang: str) -> str:
    """Return a document's axis label: symbol, year, coverage glyph and word, "no own text" when so.

    Symbol, year and coverage each have a line so that five or more columns fit side by side at A4 width.
    """
    coverage = escape(word(COVERAGE_WORD, doc.coverage, lang))
    label = f"<b>{escape(doc.symbol)}</b><br>{doc.year}<br>{doc.glyph} {coverage}"
    return label + (f"<br><i>{escape(word(WORDS, 'no_text', lang))}</i>" if no_text else "")


def hover(doc: ChartDocument, theme: str, row: Any, lang: str, click: bool = False) -> str:
    """Return the hover text of one document × theme value: both shares with the counts behind them."""
    cov = f"{doc.glyph} {escape(coverage_label(doc.coverage, lang))}"
    lines = [f"<b>{escape(doc.symbol)}</b> ({doc.issued}) {cov}", escape(theme)]
    if row is None or row.provisions == 0:
        lines.append(f"<i>{escape(word(WORDS, 'no_text', lang))}</i>")
        return "<br>".join(lines)
    of = word(TEXT, "of", lang, k=row.theme_provisions, n=row.provisions)
    words_of = word(TEXT, "words_of", lang, k=row.theme_words, n=row.words)
    share = percent(row.share_provisions, 1)
    lines.append(f"{escape(measure_label('share_provisions', lang, True))}: <b>{share}</b> ({of})")
    lines.append(f"{escape(measure_label('share_words', lang, True))}: {percent(row.share_words, 1)} ({words_of})")
    if click and row.theme_provisions:
        lines.append(f"<i>{escape(word(TEXT, 'click', lang))}</i>")  # the hover box's own, contrasting colour
    return "<br>".join(lines)


def cell_text(value: float, measure: str) -> str:
    """Return a value as a heatmap cell or an evolution point prints it: a count, or a percentage."""
    if measure == "count":
        return str(int(value))
    return "0" if value == 0 else percent(value)
