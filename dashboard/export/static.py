"""Export one registered chart to a file: PNG, SVG, PDF (kaleido), standalone HTML, or the CSV behind it.

The figure comes from the chart's own function (the one the page draws), then is fitted to the medium: drawn
larger so it stays legible when it fills a 16:9 slide or the width of an A4 page, with a title, a subtitle and
the source caption (documents, dataset version) with the export date added.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from PIL import Image

from dashboard.dataset.load import Dataset
from dashboard.errors import UnknownTheme
from dashboard.export import kaleido, pdf_meta
from dashboard.export.errors import MissingPair, UnknownSize, UnsupportedFormat
from dashboard.export.text import text_width, wrap
from dashboard.figures.catalogue import CHARTS, get_chart
from dashboard.figures.compose import MAX_SQUEEZE
from dashboard.figures.registry import Chart, ChartOptions
from dashboard.figures.template import caption_text, frame, is_source_caption, source_caption

FORMATS: dict[str, str] = {
    ".png": "PNG image (2x scale by default)",
    ".svg": "SVG vector image",
    ".pdf": "PDF vector page",
    ".html": "standalone interactive HTML (plotly.js inlined, works offline)",
    ".csv": "the data behind the chart (UTF-8 CSV)",
}
MEDIA_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".pdf": "application/pdf",
               ".html": "text/html", ".csv": "text/csv"}
DEFAULT_SCALE = {".png": 2.0, ".svg": 1.0, ".pdf": 1.0}
# the size the house template is drawn at (13 px body text); fonts and margins scale from it
_BASE_FONT = 13
_MIN_FIT_ZOOM = 0.75  # a tall chart on a slide is drawn no smaller than 3/4 of its size on screen


@dataclass(frozen=True)
class Size:
    """An export size in pixels (before scale), and the body text size that keeps it legible at that size.

    The figure is laid out at `layout_width` x `layout_height` with the on-screen template (13 px text) and
    then drawn `zoom` times larger, so text, markers, lines and margins all grow together and the exported
    chart is the chart on screen, only larger.
    """

    name: str
    width: int
    height: int
    font: int
    label: str
    follow_height: bool = False  # the height follows the chart's own (within limits): a page, not a slide
    fitted_zoom: float | None = None  # set by for_figure when a tall chart must be drawn smaller to fit

    @property
    def zoom(self) -> float:
        """Return how much larger than on screen the chart is drawn."""
        return self.fitted_zoom or max(1.0, self.font / _BASE_FONT)

    @property
    def layout_width(self) -> int:
        """Return the width the figure is laid out at."""
        return round(self.width / self.zoom)

    @property
    def layout_height(self) -> int:
        """Return the height the figure is laid out at."""
        return round(self.height / self.zoom)

    def for_figure(self, natural_height: int | None) -> Size:
        """Return the size for a figure that is `natural_height` px tall on screen.

        A page keeps the width and takes the chart's height, between 500 px and the A4 page's 1754 px at
        150 dpi. A slide keeps its size; a chart that would lose more than 15 % of its own height there (a
        long list of targets) is laid out taller and drawn smaller, down to 3/4 of its on-screen size, so
        that its rows keep their spacing instead of running into each other.
        """
        if not natural_height:
            return self
        if self.follow_height:
            return replace(self, height=min(max(round(natural_height * self.zoom), 500), 1754))
        needed = natural_height * MAX_SQUEEZE  # rows keep at least this share of their pitch
        if needed <= self.layout_height:
            return self
        return replace(self, fitted_zoom=min(self.zoom, max(self.height / needed, _MIN_FIT_ZOOM)))


# slide: fills a 13.33 x 7.5 in 16:9 slide, so 20 px body text prints at 12 pt and titles at 17 pt.
# a4: fills the 21 cm width of an A4 page at 150 dpi, so 17 px body text prints at 8 pt (captions at 7 pt);
# its height is the chart's own (a long list of targets stays readable), 760 px when the chart sets none.
SIZES: dict[str, Size] = {
    "slide": Size("slide", 1600, 900, 20, "Slide 16:9 (1600 × 900)"),
    "a4": Size("a4", 1240, 760, 17, "A4 page width (1240 px, 21 cm at 150 dpi; height follows the chart)",
               follow_height=True),
}
DEFAULT_SIZE = "slide"


def resolve_size(size: str | None = None, width: int | None = None, height: int | None = None) -> Size:
    """Return the named size preset, or a custom size when width or height is given (text follows width)."""
    preset = SIZES.get(size or DEFAULT_SIZE)
    if preset is None:
        raise UnknownSize(f"unknown size {size!r} (known: {', '.join(SIZES)}; or give --width/--height)")
    if width is None and height is None:
        return preset
    w = int(width or round((height or preset.height) * preset.width / preset.height))
    h = int(height or round(w * preset.height / preset.width))
    if not (200 <= w <= 8000 and 150 <= h <= 8000):
        raise UnknownSize(f"size {w}x{h} px is outside 200-8000 x 150-8000")
    # a custom size keeps the slide's proportion of text to width, never below the on-screen 12 px
    font = max(12, round(w * SIZES["slide"].font / SIZES["slide"].width))
    return Size("custom", w, h, font, f"Custom ({w} × {h})")


def output_format(path: str | Path) -> str:
    """Return the suffix of `path` if it is a format we write; raise UnsupportedFormat otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UnsupportedFormat(f"{path}: cannot export {suffix or 'a file without suffix'}; "
                                f"use one of {' '.join(FORMATS)}")
    return suffix


def export_chart(dataset: Dataset, name: str, options: ChartOptions, path: str | Path, *,
                 size: str | None = None, width: int | None = None, height: int | None = None,
                 scale: float | None = None, today: dt.date | None = None) -> Path:
    """Write chart `name` to `path` in the format of its suffix (.png .svg .pdf .html .csv); return path."""
    path = Path(path)
    suffix = output_format(path)
    data = render_chart(dataset, name, options, suffix, size=size, width=width, height=height, scale=scale,
                        today=today)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def render_chart(dataset: Dataset, name: str, options: ChartOptions, suffix: str, *,
                 size: str | None = None, width: int | None = None, height: int | None = None,
                 scale: float | None = None, today: dt.date | None = None) -> bytes:
    """Return chart `name` as the bytes of a `suffix` file (what the app's download menu sends)."""
    suffix = output_format(f"chart{suffix}")
    chart = get_chart(name)
    options = resolve_options(dataset, chart, options)
    if suffix == ".csv":
        return chart_csv(dataset, chart, options)
    box = resolve_size(size, width, height)
    fig, box = export_figure(dataset, chart, options, box, today=today)
    if suffix == ".html":
        return chart_html(fig, chart, box)
    data = draw(fig, suffix, box, float(scale or DEFAULT_SCALE[suffix]))
    if suffix == ".pdf":  # the file's title is the chart's, not kaleido's "Kaleido-fier"
        return pdf_meta.titled(data, pdf_meta.plain_title(_layout(fig).title.text) or chart.title, chart.description)
    return data


def draw(fig: go.Figure, suffix: str, box: Size, scale: float) -> bytes:
    """Return `fig` (laid out for `box` by `export_figure`) as PNG, SVG or PDF bytes, exactly `box` x `scale`
    pixels in size."""
    zoom = scale * box.width / box.layout_width
    data = kaleido.render(fig, suffix[1:], width=box.layout_width, height=box.layout_height, scale=zoom)
    out_w, out_h = round(box.width * scale), round(box.height * scale)
    if suffix == ".png":
        return _exact_png(data, out_w, out_h)
    if suffix == ".svg":
        # plotly writes the zoomed size as floats (1601.6000000000001); state the exact size asked for
        size = rb'\1 width="%d" height="%d"' % (out_w, out_h)
        return re.sub(rb'^(<svg[^>]*?) width="[^"]*" height="[^"]*"', size, data, count=1)
    return data


def resolve_options(dataset: Dataset, chart: Chart, options: ChartOptions) -> ChartOptions:
    """Return `options` with document refs resolved to ids and themes checked (raise on unknown ones)."""
    docs = tuple(dataset.resolve_document(d) for d in options.docs)
    known_themes = set(dataset.table("themes")["id"])
    for theme in options.themes:
        if theme not in known_themes:
            raise UnknownTheme(f"unknown theme {theme!r} (known: {', '.join(sorted(known_themes))})")
    a = dataset.resolve_document(options.a) if options.a else ""
    b = dataset.resolve_document(options.b) if options.b else ""
    if chart.needs_pair and not (a and b):
        rest = [d for d in docs if d not in (a, b)]
        a, b = a or (rest.pop(0) if rest else ""), b or (rest.pop(0) if rest else "")
        if not (a and b):
            raise MissingPair(f"chart {chart.name!r} compares two documents: give --a A --b B "
                              "(or two --docs)")
    return replace(options, docs=docs, a=a, b=b)


def export_figure(dataset: Dataset, chart: Chart, options: ChartOptions, box: Size, *,
                  today: dt.date | None = None, titled: bool = True) -> tuple[go.Figure, Size]:
    """Return the chart's figure fitted to `box`, with title, subtitle and the dated source caption, and the
    size it was fitted to (`box`, or for a page size the chart's own height; see `Size.for_figure`).

    With `titled=False` the title and subtitle are left out (a slide states them as its own, editable, title).
    """
    # drawn for a file: no words that ask the reader to click (figures.registry.interactive)
    options = replace(options, static=True)
    fig = go.Figure(chart.figure(dataset, options))  # a copy: the registry's function may cache its figure
    date = (today or dt.date.today()).isoformat()
    box = box.for_figure(_layout(fig).height)
    caption_index = _caption_index(fig)
    if not (_layout(fig).title.text or ""):
        frame(fig, title=chart.title, subtitle=chart.description)
    elif "<br>" not in _layout(fig).title.text:
        subtitle = f"<span style='font-size:13px;color:#555'>{_esc(chart.description)}</span>"
        _layout(fig).title.text += f"<br>{subtitle}"
    if caption_index is None:
        caption = source_caption(caption_documents(dataset, options), dataset.version, lang=options.lang)
        # where template.frame() puts its caption: under the plot, aligned with its left edge
        frame_caption = go.layout.Annotation(text=_esc(caption), xref="paper", yref="paper", x=0, y=-0.02,
                                             yshift=-50, xanchor="left", yanchor="top", showarrow=False,
                                             align="left", font={"size": 11, "color": "#555"})
        fig.add_annotation(frame_caption)
        caption_index = len(_layout(fig).annotations) - 1
    _fit(fig, box, caption_index, date, titled=titled, lang=options.lang)
    return fig, box


def caption_documents(dataset: Dataset, options: ChartOptions) -> list[str]:
    """Return the symbols of the documents a chart with `options` shows (all held documents by default)."""
    ids = [d for d in (options.a, options.b) if d] or list(options.docs)
    if not ids:
        ids = list(dataset.held_documents()["id"])
    symbols = dict(zip(dataset.documents["id"], dataset.documents["symbol"], strict=True))
    return [symbols.get(i, i) for i in ids]


def chart_table(dataset: Dataset, chart: Chart, options: ChartOptions) -> pd.DataFrame:
    """Return the table behind the chart, list cells joined with '; ' so every cell is one CSV value."""
    table = chart.data(dataset, options).copy()
    def joined(value: object) -> object:
        if hasattr(value, "tolist") and not isinstance(value, str):  # numpy arrays from Parquet list columns
            value = value.tolist()  # type: ignore[union-attr]
        return "; ".join(map(str, value)) if isinstance(value, list | tuple) else value

    for col in table.columns:
        if table[col].dtype == object:
            table[col] = table[col].map(joined)
    return table


def chart_csv(dataset: Dataset, chart: Chart, options: ChartOptions) -> bytes:
    """Return the table behind the chart as UTF-8 CSV bytes."""
    buf = io.StringIO()
    chart_table(dataset, chart, options).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def chart_html(fig: go.Figure, chart: Chart, box: Size) -> bytes:
    """Return a standalone interactive HTML page of `fig` (plotly.js inlined, no network needed)."""
    height = int(_layout(fig).height or box.layout_height)
    fig = go.Figure(fig)
    fig.update_layout(width=None, height=None, autosize=True)
    config = {"displaylogo": False, "responsive": True,
              "toImageButtonOptions": {"format": "png", "width": box.width, "height": box.height, "scale": 2,
                                       "filename": chart.name}}
    page = fig.to_html(full_html=True, include_plotlyjs=True, config=config, default_width="100%",
                       default_height=f"{height}px")
    page = page.replace("<head>", f"<head>\n<title>{html.escape(chart.title)}</title>", 1)
    return page.encode("utf-8")


def default_filename(name: str, options: ChartOptions, suffix: str, size: str = DEFAULT_SIZE) -> str:
    """Return a file name that says what the export holds, e.g. `compare-themes_A_vs_B_slide.png`,
    `themes-evolution_science_technology_own-text_slide.pdf`."""
    parts = [name]
    if options.a and options.b:
        parts.append(f"{options.a}_vs_{options.b}")
    elif options.docs:
        parts.append("_".join(options.docs[:4]) + ("_etc" if len(options.docs) > 4 else ""))
    if options.themes:
        parts.append("_".join(options.themes[:3]))
    if name in CHARTS and CHARTS[name].uses_basis:  # what the figures count: own text or all text
        parts.append("all-text" if options.basis == "all" else "own-text")
    if suffix != ".csv":
        parts.append(size)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", "_".join(parts)).strip("-")
    return f"{stem}{suffix}"


def _layout(fig: go.Figure) -> Any:
    """Return the figure's layout (plotly types its properties too loosely for a checker to follow)."""
    return fig.layout


def _caption_index(fig: go.Figure) -> int | None:
    for i, ann in enumerate(_layout(fig).annotations or ()):
        if is_source_caption(ann.text or ""):
            return i
    return None


def _fit(fig: go.Figure, box: Size, caption_index: int, date: str, *, titled: bool = True,
         lang: str = "en") -> None:
    """Lay the figure out at the box's layout size: wrap the subtitle and the dated caption (its date in
    `lang`) to the width and grow the top and bottom margins by the lines that wrapping adds."""
    width, height = box.layout_width, box.layout_height
    margin = _layout(fig).margin
    m_l, m_t, m_b = margin.l if margin.l is not None else 80, margin.t or 100, margin.b or 80
    usable = width - 24
    # title: bold first line, then the subtitle span(s); rewrap the subtitle to the layout width
    title = _layout(fig).title.text or ""
    head, _, rest = title.partition("<br>")
    style_match = re.search(r"<span style='([^']*)'>", rest)
    style = style_match.group(1) if style_match else "font-size:13px;color:#555"
    size_match = re.search(r"font-size:\s*(\d+)", style)
    sub_px = float(size_match.group(1)) if size_match else 13.0
    subtitle = html.unescape(re.sub(r"<[^>]+>", " ", rest)).split()
    sub_lines = wrap(" ".join(subtitle), usable, sub_px) if subtitle else []
    before = max(1, rest.count("<br>") + 1) if rest else 0
    if sub_lines:
        spans = "<br>".join(f"<span style='{style}'>{_esc(line)}</span>" for line in sub_lines)
        title = f"{head}<br>{spans}"
    m_t += round(max(0, len(sub_lines) - before) * sub_px * 1.3)
    if not titled:
        title_px = _layout(fig).title.font.size or 18
        m_t = max(16, m_t - round(title_px * 1.3 + len(sub_lines) * sub_px * 1.3 + 8))
        title = ""
    # caption: the figure's own words plus the export date, wrapped to the room right of its anchor; it stays
    # where the chart put it (under the plot), and the bottom margin grows by the lines wrapping adds
    caption = _layout(fig).annotations[caption_index]
    cap_px = float(caption.font.size or 11)
    text = html.unescape(re.sub(r"<br\s*/?>", " ", caption.text or "")).strip()
    left = _plot_left(fig, m_l) + (caption.xshift or 0) if caption.xref == "paper" and not caption.x else 0
    lines = wrap(f"{text} {caption_text('exported', lang, date=date)}", max(200, width - left - 16), cap_px)
    before = max(1, (caption.text or "").count("<br>") + 1)
    extra = round(max(0, len(lines) - before) * cap_px * 1.3)
    for ann in _layout(fig).annotations:  # notes the chart set under its caption move down with the new lines
        if ann is not caption and ann.yref == "paper" and (ann.y or 0) <= (caption.y or 0) \
                and (ann.yshift or 0) < (caption.yshift or 0):
            ann.yshift = (ann.yshift or 0) - extra
    # plotly draws a multi-line title about one line (13 px) above its "top" anchor: pad it so the whole title
    # shows about 12 px below the edge (tests check that the top rows of every export stay blank)
    pad = 30 if "<br>" in title else 16
    if title:  # the title now sits up to 12 px lower than on screen: keep the legend below it clear
        m_t += 12
    caption.update(text="<br>".join(_esc(line) for line in lines), align="left")
    m_b = max(m_b + extra, _room_below(fig, height - m_t - m_b - extra) + 8)
    fig.update_layout(width=width, height=height,
                      title={"text": title, "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": pad}},
                      margin={"t": m_t, "b": m_b}, autosize=False)


def _room_below(fig: go.Figure, plot_height: int) -> int:
    """Return how far below the plot the lowest top-anchored note (the caption, coverage lines) reaches."""
    lowest = 0.0
    for ann in _layout(fig).annotations or ():
        if ann.yref != "paper" or (ann.y or 0) > 0 or ann.yanchor != "top":
            continue
        lines = (ann.text or "").count("<br>") + 1
        lowest = max(lowest, -(ann.y or 0) * plot_height - (ann.yshift or 0)
                     + lines * (ann.font.size or _BASE_FONT) * 1.3)
    return round(lowest)


def _plot_left(fig: go.Figure, margin_left: int) -> int:
    """Return where the plot area starts: the left margin, or more when plotly will push it to make room for
    long y tick labels (automargin), measured from the labels the figure holds."""
    widest = 0.0
    base = _layout(fig).font.size or _BASE_FONT
    for name in [k for k in _layout(fig) if k.startswith("yaxis")]:
        axis = _layout(fig)[name]
        if axis.showticklabels is False or axis.side == "right" or not axis.automargin:
            continue
        labels = list(axis.ticktext or axis.categoryarray or ())
        if not labels:
            ref = "y" + name[5:]
            labels = [v for trace in fig.data if (getattr(trace, "yaxis", None) or "y") == ref
                      for v in (getattr(trace, "y", None) or ()) if isinstance(v, str)]
        size = (axis.tickfont.size if axis.tickfont and axis.tickfont.size else base)
        for label in labels:
            for line in re.split(r"<br\s*/?>", str(label)):  # a wrapped label is as wide as its widest line
                plain = html.unescape(re.sub(r"<[^>]+>", "", line))
                widest = max(widest, text_width(plain, size, bold="<b>" in str(label)) + 12)
    return max(margin_left, round(widest))


def _exact_png(data: bytes, width: int, height: int) -> bytes:
    """Return the PNG at exactly width x height (a fractional zoom can leave it one pixel off)."""
    with Image.open(io.BytesIO(data)) as img:
        if img.size == (width, height):
            return data
        canvas = Image.new(img.mode, (width, height), (255, 255, 255, 255) if img.mode == "RGBA" else "white")
        canvas.paste(img.crop((0, 0, min(width, img.width), min(height, img.height))), (0, 0))
    buf = io.BytesIO()
    canvas.save(buf, format="PNG")
    return buf.getvalue()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
