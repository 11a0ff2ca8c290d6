"""A briefing pack comparing two documents: what goes on each slide, then written as .pptx, .html or .pdf.

`build_brief` gathers the content once (charts drawn by the same figure functions as the app, the comparison
from `analysis.diff`, targets and sources from the dataset); `brief_pptx` and `brief_html` only lay it out, so
the three formats hold the same slides. Charts are picked from the registry by role, so a chart registered
later (a new theme or targets chart) appears in the pack without changes here.

This module is the entry point: the formats, building (`build_brief`: chart slides and the order of the slides),
rendering and writing. The content model is in `export.brief_model` and the other slides' builders in
`export.brief_slides`; the model's classes and the quotation constants are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from dashboard.analysis.diff import compare_documents
from dashboard.dataset.load import Dataset
from dashboard.export.brief_model import Brief, Quote, Run, Slide
from dashboard.export.brief_quotes import MAX_QUOTES, MIN_WORDS, QUOTE_CHARS, change_slides
from dashboard.export.brief_slides import (
    glance_slide,
    methods_slide,
    sections_slide,
    sources_slide,
    targets_slide,
    theme_table,
    title_slide,
)
from dashboard.export.errors import UnsupportedFormat
from dashboard.export.static import Size, draw, export_figure, resolve_options
from dashboard.figures.catalogue import CHARTS
from dashboard.figures.registry import Chart, ChartOptions
from dashboard.figures.themes.tables import theme_documents
from dashboard.i18n import t

__all__ = [
    "BRIEF_FORMATS",
    "CHART_BOX",
    "MAX_QUOTES",
    "MIN_WORDS",
    "PREFERRED",
    "QUOTE_CHARS",
    "Brief",
    "Quote",
    "Run",
    "Slide",
    "brief_format",
    "build_brief",
    "render_brief",
    "write_brief",
]

BRIEF_FORMATS = {
    ".pptx": "PowerPoint, 16:9 slides",
    ".pdf": "PDF, one 16:9 page per slide",
    ".html": "standalone HTML, one section per slide",
}
# the chart picture on a slide: 12.4 x 5.6 in under the slide title; text at 20 px prints at about 11 pt
CHART_BOX = Size("brief", 1600, 725, 20, "Briefing slide chart area")
# which registered chart plays each part of the pack, best first (else the first whose name starts with the role)
PREFERRED = {
    "timeline": ("timeline",),
    "theme": ("themes-evolution", "themes-heatmap", "themes"),
    "compare": ("compare-themes",),
    "target": ("targets-timeline", "targets"),
}


def brief_format(path: str | Path) -> str:
    """Return the suffix of `path` if a briefing pack can be written in it; raise UnsupportedFormat if not."""
    suffix = Path(path).suffix.lower()
    if suffix not in BRIEF_FORMATS:
        raise UnsupportedFormat(
            f"{path}: cannot write a briefing pack as {suffix or 'no suffix'}; use one of {' '.join(BRIEF_FORMATS)}"
        )
    return suffix


def write_brief(
    dataset: Dataset,
    a: str,
    b: str,
    path: str | Path,
    *,
    lang: str = "en",
    today: dt.date | None = None,
    pins: Sequence[str] = (),
) -> Path:
    """Write the briefing pack comparing documents `a` and `b` (id or symbol) to `path` (.pptx .pdf .html).
    `pins` are a reader's corrections to the pairing (analysis/diff/pins.py), as on the Compare page."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_brief(dataset, a, b, brief_format(path), lang=lang, today=today, pins=pins))
    return path


def render_brief(
    dataset: Dataset,
    a: str,
    b: str,
    suffix: str,
    *,
    lang: str = "en",
    today: dt.date | None = None,
    pins: Sequence[str] = (),
) -> bytes:
    """Return the briefing pack as the bytes of a `suffix` file (what the app's button sends)."""
    suffix = brief_format(f"brief{suffix}")
    pack = build_brief(dataset, a, b, image=".png" if suffix == ".pptx" else ".svg", lang=lang, today=today, pins=pins)
    if suffix == ".pptx":
        from dashboard.export.brief_pptx import pptx_bytes

        return pptx_bytes(pack)
    from dashboard.export.brief_html import html_bytes, pdf_bytes

    return html_bytes(pack) if suffix == ".html" else pdf_bytes(pack)


def build_brief(
    dataset: Dataset,
    a: str,
    b: str,
    *,
    image: str = ".png",
    lang: str = "en",
    today: dt.date | None = None,
    pins: Sequence[str] = (),
) -> Brief:
    """Return the briefing pack's content: slides with charts drawn as `image` (.png or .svg); the pairs
    quoted follow the reader's `pins` (InvalidPin when one names no provision of the two documents)."""
    a_id, b_id = dataset.resolve_document(a), dataset.resolve_document(b)
    doc_a, doc_b = dataset.document(a_id), dataset.document(b_id)
    date = (today or dt.date.today()).isoformat()
    result = compare_documents(dataset, a_id, b_id, pins=pins).as_dict()
    charts = CHARTS

    def chart_slide(chart: Chart | None, options: ChartOptions, title: str) -> list[Slide]:
        if chart is None:
            return []
        options = resolve_options(dataset, chart, options)
        source = _drawn_from(dataset, chart, options)
        fig, box = export_figure(source, chart, options, CHART_BOX, today=today or dt.date.today(), titled=False)
        data = draw(fig, image, box, 2.0 if image == ".png" else 1.0)
        return [
            Slide(
                "chart",
                title,
                chart.description,
                png=data if image == ".png" else b"",
                svg=data if image == ".svg" else b"",
                notes=t("brief.chart_notes", lang, name=chart.name, title=chart.title),
            )
        ]

    pair = ChartOptions(docs=(a_id, b_id), a=a_id, b=b_id, lang=lang)
    slides = [title_slide(doc_a, doc_b, result, dataset.version, date, lang)]
    slides += chart_slide(_pick(charts, "timeline"), ChartOptions(lang=lang), t("brief.chart.timeline", lang))
    slides += chart_slide(_pick(charts, "theme"), ChartOptions(lang=lang), t("brief.chart.themes", lang))
    slides.append(glance_slide(dataset, doc_a, doc_b, result, lang))
    slides += sections_slide(doc_a, doc_b, result, lang)
    compare = _pick(charts, "compare")
    slides += (
        chart_slide(compare, pair, t("brief.theme_table_title", lang, a=doc_a["symbol"], b=doc_b["symbol"]))
        if compare
        else theme_table(dataset, doc_a, doc_b, result, lang)
    )
    slides += change_slides(dataset, doc_a, doc_b, result, lang)
    slides += chart_slide(_pick(charts, "target"), pair, t("brief.chart.targets", lang))
    slides.append(targets_slide(dataset, doc_a, doc_b, lang))
    slides.append(sources_slide(dataset, (a_id, b_id), lang))
    slides.append(methods_slide(dataset, result, date, lang))
    return Brief(doc_a, doc_b, dataset.version, dataset.citation, date, slides, lang=lang)


# ---------------------------------------------------------------- which chart plays which role


def _drawn_from(dataset: Dataset, chart: Chart, options: ChartOptions) -> Dataset:
    """Return the dataset a slide's chart reads: the pack's own (perhaps seen through the pair only, as the app's
    button and the CLI pass it) for the charts of chosen documents; the documents the theme charts draw; the
    whole package for the timeline, which draws every document (counted per lane and year on a large corpus,
    figures.timeline.aggregate, so no document-keyed table is read). A pair's dataset alone drew the timeline
    without the other documents' targets and the theme evolution with two documents."""
    if chart.needs_pair or options.docs:
        return dataset.within(options.docs or (options.a, options.b))
    if chart.name.startswith("themes"):
        return dataset.within([d.id for d in theme_documents(dataset.whole, options)])
    return dataset.whole


def _pick(charts: Mapping[str, Chart], role: str) -> Chart | None:
    """Return the registered chart for a role: a preferred name, else the first name starting with the role."""
    for name in PREFERRED[role]:
        if name in charts:
            return charts[name]
    for name in sorted(charts):
        if name.startswith(role) and charts[name].needs_pair == (role == "compare"):
            return charts[name]
    return None
