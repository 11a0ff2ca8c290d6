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

TEXT: dict[str, dict[str, str]] = {
    "heatmap_title": {
        "en": "Weight of each theme, document by document",
        "vi": "Tỷ trọng từng chủ đề theo văn bản",
    },
    "evolution_title": {"en": "Theme weight over time", "vi": "Tỷ trọng chủ đề qua thời gian"},
    "date_axis": {"en": "date of issue", "vi": "ngày ban hành"},
    "n_themes": {"en": "{n} themes", "vi": "{n} chủ đề"},
    "unjoined": {
        "en": "a line joins only full official texts: an excerpt's or a summary's share is not comparable",
        "vi": "đường chỉ nối các toàn văn chính thức: tỷ trọng của bản trích hay bản tóm tắt không so sánh được",
    },
    "order": {"en": "documents in order of issue", "vi": "văn bản theo thứ tự ban hành"},
    "count_caveat": {
        "en": "raw counts grow with how much of each document the corpus holds",
        "vi": "số đếm phụ thuộc vào lượng văn bản mà kho dữ liệu có",
    },
    "default_lines": {
        "en": "the {n} largest themes on average; choose themes to change",
        "vi": "{n} chủ đề lớn nhất tính trung bình; chọn chủ đề để thay đổi",
    },
    "grey_cells": {"en": "grey cells", "vi": "ô xám"},
    "gaps": {"en": "no point", "vi": "không có điểm"},
    "of": {"en": "{k} of {n} provisions", "vi": "{k} trên {n} điều khoản"},
    "words_of": {"en": "{k} of {n} words", "vi": "{k} trên {n} từ"},
    "legend_themes": {"en": "Theme", "vi": "Chủ đề"},
    "legend_marks": {"en": "Source coverage", "vi": "Mức độ có văn bản"},
    "click": {"en": "Click to list these provisions", "vi": "Bấm để xem các điều khoản này"},
}


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
