"""The house look of every chart: fonts, margins, the colour-blind-safe palettes and the source caption."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.labels import word
from dashboard.i18n import table

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"

# Paul Tol's "muted" and "light" qualitative schemes (colour-blind safe), fixed per theme id so that a theme has
# the same colour on every page, export and slide.
THEME_COLOURS: dict[str, str] = {
    "governance": "#332288",
    "economy_trade": "#117733",
    "defense_security_sovereignty": "#882255",
    "diplomacy_partnerships": "#88CCEE",
    "science_technology": "#44AA99",
    "digital_transformation": "#AA4499",
    "culture_information": "#DDCC77",
    "education_training": "#CC6677",
    "health": "#EE8866",
    "society_labor": "#999933",
    "environment_climate": "#BBCC33",
    "tourism_sports": "#EEDD88",
    "law_commitments": "#77AADD",
    "external_resources": "#FFAABB",
    "overseas_vietnamese": "#99DDFF",
    "agriculture_food": "#AAAA00",
}
# A line dash per theme, fixed per theme id like its colour, so that theme lines never rely on colour alone:
# several theme colours are close (#77AADD, #88CCEE and #99DDFF; #DDCC77 and #EEDD88; #999933, #AAAA00 and
# #BBCC33), and those get dashes of different families (even dashes, dots, dash-dots, near-solid).
# Named dashes scale with the line width in plotly; the others are lengths in px.
THEME_DASHES: dict[str, str] = {
    "governance": "solid",
    "economy_trade": "dash",
    "defense_security_sovereignty": "dashdot",
    "diplomacy_partnerships": "longdash",
    "science_technology": "6px,3px",
    "digital_transformation": "18px,4px,4px,4px,4px,4px",
    "culture_information": "22px,5px",
    "education_training": "16px,4px,2px,4px",
    "health": "10px,3px,3px,3px,3px,3px",
    "society_labor": "2px,5px",
    "environment_climate": "14px,4px,14px,12px",
    "tourism_sports": "4px,4px",
    "law_commitments": "dot",
    "external_resources": "8px,8px,2px,8px",
    "overseas_vietnamese": "longdashdot",
    "agriculture_food": "22px,4px,4px,4px",
}
# Okabe-Ito, for document lanes and categorical series that are not themes
CATEGORICAL = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# diverging pair for gains (B) and losses (A) in comparisons: blue / orange (colour-blind safe)
GAIN, LOSS, NEUTRAL = "#0072B2", "#D55E00", "#8C8C8C"
SEQUENTIAL = "Blues"
COVERAGE_MARK = {"full": "", "partial": "◐", "summary": "○"}


# the words of the source caption; every caption starts with "source", which is how an export finds it
CAPTION_TEXT = table("caption_line")
CAPTION_STARTS = tuple(words.split("{", 1)[0].split(" ", 1)[0] for words in CAPTION_TEXT["source"].values())


def caption_text(key: str, lang: str = "en", **values: object) -> str:
    """Return a word of the source caption in `lang` (English when untranslated), formatted with `values`."""
    return word(CAPTION_TEXT, key, lang, **values)


def source_caption(documents: list[str], version: str, extra: str = "", lang: str = "en") -> str:
    """Return the caption naming the documents and the dataset version, in `lang` ("en" or "vi"); `extra`
    (notes the chart adds) must already be in that language."""
    docs = ", ".join(documents) if documents else caption_text("all_documents", lang)
    text = caption_text("source", lang, version=version, docs=docs)
    return f"{text} {extra}".strip()


def is_source_caption(text: str) -> bool:
    """Return whether an annotation's text is a source caption (in any language)."""
    return text.startswith(CAPTION_STARTS)


def frame(fig: go.Figure, *, title: str, subtitle: str = "", caption: str = "", height: int | None = None) -> go.Figure:
    """Apply the house layout: title and subtitle, the source caption below the plot, fonts and margins."""
    title_text = f"<b>{_escape(title)}</b>"
    if subtitle:
        title_text += f"<br><span style='font-size:13px;color:#555'>{_escape(subtitle)}</span>"
    fig.update_layout(
        title={"text": title_text, "x": 0.01, "xanchor": "left", "y": 0.97, "yanchor": "top"},
        font={"family": FONT, "size": 13, "color": "#222"},
        paper_bgcolor="white", plot_bgcolor="white",
        margin={"l": 70, "r": 30, "t": 90 if subtitle else 70, "b": 90},
        hoverlabel={"font": {"family": FONT}},
    )
    if height:
        fig.update_layout(height=height)
    if caption:
        fig.add_annotation(text=_escape(caption), xref="paper", yref="paper", x=0, y=-0.02, yshift=-50,
                           xanchor="left", yanchor="top", showarrow=False, align="left",
                           font={"size": 11, "color": "#555"})
    return fig


def _escape(text: str) -> str:
    # plotly renders a subset of HTML in titles and annotations; document text must stay text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape(text: str) -> str:
    """Return `text` safe to put in a plotly title, annotation or hover template."""
    return _escape(text)
