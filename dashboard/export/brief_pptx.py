"""Lay a briefing pack out as 16:9 PowerPoint slides (python-pptx): native, editable titles and text, charts
as 2x PNG pictures, quotations with their changed words marked, and the full texts in the speaker notes."""

from __future__ import annotations

import io
import re

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dashboard.export.brief_model import Brief, Quote, Run, Slide
from dashboard.export.text import wrap
from dashboard.figures.template import GAIN, LOSS
from dashboard.i18n import number, t

W, H = Inches(13.333), Inches(7.5)
LEFT = Inches(0.45)
BODY_W = W - 2 * LEFT
FONT = "Arial"
INK, MUTED, RULE, BAND = (
    RGBColor(0x1F, 0x2A, 0x44),
    RGBColor(0x55, 0x55, 0x55),
    RGBColor(0xD0, 0xD5, 0xDD),
    RGBColor(0xF3, 0xF6, 0xFA),
)
MARKS = {"ins": RGBColor.from_string(GAIN[1:]), "del": RGBColor.from_string(LOSS[1:])}
# characters XML 1.0 cannot hold (python-pptx would refuse them)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def pptx_bytes(brief: Brief) -> bytes:
    """Return the briefing pack as .pptx bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    prs.core_properties.title = brief.title
    prs.core_properties.subject = t("brief.footer", brief.lang, version=brief.version)
    layout = prs.slide_layouts[5]  # "Title Only": a real title placeholder, for outlines and screen readers
    for page, spec in enumerate(brief.slides, start=1):
        slide = prs.slides.add_slide(layout)
        if spec.kind == "title":
            _title_slide(slide, spec, brief.lang)
        else:
            _header(slide, spec)
            if spec.kind in ("bullets", "table"):
                {"bullets": _bullets, "table": _table}[spec.kind](slide, spec, lang=brief.lang)
            else:
                {"chart": _chart, "quotes": _quotes}[spec.kind](slide, spec)
            _footer(slide, brief, page, len(brief.slides))
        if spec.notes:
            frame = slide.notes_slide.notes_text_frame
            assert frame is not None  # a notes slide of the default template always has its body placeholder
            frame.text = _clean(spec.notes)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- slide kinds


def _title_slide(slide, spec: Slide, lang: str = "en") -> None:
    band = slide.shapes.add_shape(1, 0, 0, Inches(0.35), H)  # 1 = rectangle
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor.from_string(GAIN[1:])
    band.line.fill.background()
    title = slide.shapes.title
    _place(title, LEFT + Inches(0.3), Inches(1.6), BODY_W - Inches(0.3), Inches(1.2))
    _set(title.text_frame, [[Run(spec.title)]], size=38, bold=True, color=INK, anchor=MSO_ANCHOR.BOTTOM)
    _textbox(
        slide,
        LEFT + Inches(0.3),
        Inches(2.9),
        BODY_W - Inches(0.3),
        Inches(0.5),
        [[Run(spec.subtitle)]],
        size=16,
        color=MUTED,
    )
    _textbox(
        slide,
        LEFT + Inches(0.3),
        Inches(3.7),
        BODY_W - Inches(0.3),
        Inches(1.6),
        [[Run(b)] for b in spec.bullets],
        size=18,
        color=INK,
        space=8,
    )
    if spec.note:
        box = _textbox(
            slide,
            LEFT + Inches(0.3),
            Inches(5.7),
            BODY_W - Inches(0.3),
            Inches(1.0),
            [[Run(t("brief.read_with_care", lang)), Run(spec.note)]],
            size=13,
            color=MUTED,
            fill=BAND,
        )
        box.text_frame.paragraphs[0].runs[0].font.bold = True


def _header(slide, spec: Slide) -> None:
    title = slide.shapes.title
    _place(title, LEFT, Inches(0.3), BODY_W, Inches(0.6))
    _set(title.text_frame, [[Run(spec.title)]], size=26, bold=True, color=INK, anchor=MSO_ANCHOR.TOP)
    if spec.subtitle:
        _textbox(slide, LEFT, Inches(0.88), BODY_W, Inches(0.5), [[Run(spec.subtitle)]], size=13, color=MUTED)


def _chart(slide, spec: Slide) -> None:
    top = Inches(1.42)
    pic = slide.shapes.add_picture(io.BytesIO(spec.png), LEFT, top, width=BODY_W)
    if pic.height > H - Inches(0.45) - top:  # keep clear of the footer: shrink, centred
        ratio = (H - Inches(0.45) - top) / pic.height
        pic.height, pic.width = int(pic.height * ratio), int(pic.width * ratio)
        pic.left = int((W - pic.width) / 2)


def _bullets(slide, spec: Slide, lang: str = "en") -> None:
    top = Inches(1.5) if spec.subtitle else Inches(1.15)
    size = 17 if len(" ".join(spec.bullets)) < 900 else 14
    _textbox(
        slide, LEFT, top, BODY_W, Inches(4.3), [[Run("•  " + b)] for b in spec.bullets], size=size, color=INK, space=10
    )
    used = _height([b for b in spec.bullets], size, BODY_W, space=10)
    y = top + max(used, Inches(0.5)) + Inches(0.15)
    if spec.rows:  # a small table under the bullets
        y = _table(
            slide, spec, top=y + Inches(0.05), width=int(BODY_W * 0.7), left=LEFT + Inches(0.3), size=13, lang=lang
        )
    if spec.links:  # the sources, one per line
        _textbox(slide, LEFT, y, BODY_W, Inches(1.5), [[Run(line)] for line in spec.links], size=10, color=MUTED)
        y += _height(spec.links, 10, BODY_W)
    if spec.note:
        _textbox(
            slide,
            LEFT,
            max(y, H - Inches(1.25)),
            BODY_W,
            Inches(0.7),
            [[Run(spec.note)]],
            size=12,
            color=MUTED,
            fill=BAND,
        )


def _quotes(slide, spec: Slide) -> None:
    y = Inches(1.45)
    for quote in spec.quotes:
        y = _quote(slide, quote, y, spec)
    if spec.note:
        _textbox(slide, LEFT, max(y, H - Inches(1.05)), BODY_W, Inches(0.5), [[Run(spec.note)]], size=10, color=MUTED)


def _quote(slide, quote: Quote, y: int, spec: Slide) -> int:
    sides = [("a", quote.a, quote.cite_a), ("b", quote.b, quote.cite_b)]
    sides = [(s, runs, cite) for s, runs, cite in sides if runs]
    bar = slide.shapes.add_shape(1, LEFT, y, Inches(0.06), Inches(0.2))
    bar.fill.solid()
    bar.fill.fore_color.rgb = MARKS["ins" if quote.status == "new" else "del" if quote.status == "dropped" else "ins"]
    bar.line.fill.background()
    start = y
    if quote.themes:
        _textbox(
            slide,
            LEFT + Inches(0.2),
            y,
            BODY_W,
            Inches(0.25),
            [[Run(" · ".join(quote.themes))]],
            size=10,
            color=MUTED,
            bold=True,
        )
        y += Inches(0.27)
    size = 14 if len(sides) == 1 else 13
    for side, runs, cite in sides:
        label = [Run(f"{side.upper()}  ")] if len(sides) == 2 else []
        text = [*label, Run("“"), *runs, Run("”")]
        _textbox(slide, LEFT + Inches(0.2), y, BODY_W - Inches(0.2), Inches(0.5), [text], size=size, color=INK)
        y += _height(["".join(r.text for r in text)], size, BODY_W - Inches(0.2))
        _textbox(slide, LEFT + Inches(0.2), y, BODY_W - Inches(0.2), Inches(0.25), [[Run(cite)]], size=9, color=MUTED)
        y += _height([cite], 9, BODY_W - Inches(0.2)) + Inches(0.04)
    bar.height = y - start - Inches(0.04)
    return y + Inches(0.2)


def _table(
    slide,
    spec: Slide,
    *,
    top: int | None = None,
    width: int = BODY_W,
    left: int = LEFT,
    size: float | None = None,
    lang: str = "en",
) -> int:
    """Draw the slide's table (with its note when it is a table slide); return the y below it."""
    standalone = top is None
    top = top if top is not None else Inches(1.45) if spec.subtitle else Inches(1.15)
    if not spec.rows:
        _textbox(
            slide, LEFT, top, BODY_W, Inches(0.6), [[Run(spec.note or t("brief.nothing", lang))]], size=16, color=MUTED
        )
        return top + Inches(0.6)
    widths = spec.widths or [1.0] * len(spec.columns)
    col_w = [int(width * w / sum(widths)) for w in widths]
    room = H - Inches(1.0) - top - Inches(0.4)  # above the note and the footer

    def fitting(pt: float) -> list[int]:
        # the heights of the table's first rows, measured one row at a time until one would pass the room (a
        # large corpus's table of 10,000 rows is measured as far as it shows, not whole)
        heights: list[int] = []
        for row in spec.rows:
            cell = max(_height([c], pt, cw - Inches(0.2)) for c, cw in zip(row, col_w, strict=True))
            heights.append(cell + Inches(0.1))
            if sum(heights) > room:
                break
        return heights

    # the largest text from 12 pt down to 9 pt at which the table fits; else its first rows at 9 pt (at least one)
    note, pt = spec.note, 9.0
    heights: list[int] = []  # both set by the loop's first turn
    for pt in (size,) if size else (12, 11, 10, 9):
        heights = fitting(pt)
        if len(heights) == len(spec.rows) and sum(heights) <= room:
            break
    while sum(heights) > room and len(heights) > 1:
        heights.pop()
    rows = spec.rows[: len(heights)]
    if len(rows) < len(spec.rows):
        note = t("brief.first_rows", lang, n=len(rows), total=number(len(spec.rows), lang))
    spec = Slide(spec.kind, spec.title, columns=spec.columns, rows=rows, note=note)
    shape = slide.shapes.add_table(len(spec.rows) + 1, len(spec.columns), left, top, width, Inches(0.4) + sum(heights))
    table = shape.table
    for i, w in enumerate(col_w):
        table.columns[i].width = w
    table.rows[0].height = Inches(0.4)
    for j, name in enumerate(spec.columns):
        _cell(table.cell(0, j), name, pt, bold=True)
    for i, row in enumerate(spec.rows, start=1):
        table.rows[i].height = heights[i - 1]
        for j, value in enumerate(row):
            _cell(table.cell(i, j), value, pt)
    y = top + Inches(0.4) + sum(heights) + Inches(0.15)
    if spec.note and standalone:
        _textbox(slide, LEFT, min(y, H - Inches(0.9)), BODY_W, Inches(0.4), [[Run(spec.note)]], size=11, color=MUTED)
    return y


def _footer(slide, brief: Brief, number: int, total: int) -> None:
    text = (
        f"{brief.a['symbol']} → {brief.b['symbol']} · {t('brief.footer', brief.lang, version=brief.version)} · "
        f"{brief.date}"
    )
    _textbox(slide, LEFT, H - Inches(0.38), BODY_W - Inches(1), Inches(0.3), [[Run(text)]], size=9, color=MUTED)
    box = _textbox(
        slide,
        W - LEFT - Inches(1),
        H - Inches(0.38),
        Inches(1),
        Inches(0.3),
        [[Run(f"{number} / {total}")]],
        size=9,
        color=MUTED,
    )
    box.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT


# ---------------------------------------------------------------- text helpers


def _textbox(
    slide,
    x,
    y,
    w,
    h,
    paragraphs: list[list[Run]],
    *,
    size: float,
    color: RGBColor,
    bold: bool = False,
    space: float = 0,
    fill: RGBColor | None = None,
):
    box = slide.shapes.add_textbox(x, y, w, h)
    if fill is not None:
        box.fill.solid()
        box.fill.fore_color.rgb = fill
    _set(
        box.text_frame,
        paragraphs,
        size=size,
        bold=bold,
        color=color,
        space=space,
        inset=Inches(0.1) if fill is not None else 0,
    )
    return box


def _set(
    frame,
    paragraphs: list[list[Run]],
    *,
    size: float,
    color: RGBColor,
    bold: bool = False,
    space: float = 0,
    anchor=MSO_ANCHOR.TOP,
    inset: int = 0,
) -> None:
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = inset
    frame.margin_top = frame.margin_bottom = inset
    frame.clear()
    for i, runs in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = PP_ALIGN.LEFT
        para.space_after = Pt(space)
        for run in runs:
            r = para.add_run()
            r.text = _clean(run.text)
            font = r.font
            font.name, font.size, font.bold = FONT, Pt(size), bold
            font.color.rgb = MARKS.get(run.mark, color)
            if run.mark == "ins":
                font.bold, font.underline = True, True
            elif run.mark == "del":
                r._r.get_or_add_rPr().set("strike", "sngStrike")  # python-pptx has no strikethrough property


def _cell(cell, text: str, size: float, *, bold: bool = False) -> None:
    cell.margin_left = cell.margin_right = Inches(0.08)
    cell.margin_top = cell.margin_bottom = Inches(0.04)
    white = RGBColor(255, 255, 255)
    _set(cell.text_frame, [[Run(text)]], size=size, bold=bold, color=white if bold else INK)
    cell.fill.solid()
    cell.fill.fore_color.rgb = INK if bold else RGBColor(255, 255, 255)


def _place(shape, x, y, w, h) -> None:
    shape.left, shape.top, shape.width, shape.height = int(x), int(y), int(w), int(h)


def _height(texts: list[str], size: float, width: int, space: float = 0) -> int:
    """Return the height in EMU that `texts` take when wrapped in a box `width` EMU wide at `size` pt."""
    px_width = Emu(width).inches * 96
    lines = sum(len(wrap(t, px_width, size * 96 / 72)) for t in texts)
    return int(Pt(size * 1.2 * lines + space * len(texts)))


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text)
