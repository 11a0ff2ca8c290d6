"""The filters the pages share: a labelled field, and the document and theme pickers (Explorer, Themes, Targets;
Compare's A and B can take `document_options`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from dashboard.app.context import AppData
from dashboard.app.i18n import t, theme_label


def field(label: str | list[Any], control: Any, help_text: str = "", className: str = "filter") -> html.Div:
    """Return a filter: its label above its control, and a line of help below when given."""
    help_line = [html.Div(help_text, className="form-text small mt-0")] if help_text else []
    return html.Div(
        [html.Label(label, className="form-label small fw-semibold mb-1"), control, *help_line], className=className
    )


def document_options(data: AppData) -> list[dict[str, str]]:
    """Return the held documents as dropdown options, "symbol (year)", in the order AppData holds them."""
    return [
        {"label": f"{data.vocab.symbol(d)} ({str(data.documents[d].get('issued'))[:4]})", "value": d}
        for d in data.documents
        if d in data.vocab.held
    ]


def theme_options(data: AppData, lang: str) -> list[dict[str, str]]:
    """Return the codebook's themes as dropdown options, labelled in `lang`."""
    return [{"label": theme_label(theme, lang), "value": theme} for theme in data.vocab.themes]


def document_picker(data: AppData, picker_id: str, chosen: Sequence[str], lang: str) -> html.Div:
    """Return the documents filter: any number of held documents, "all" while none is chosen."""
    return field(
        t("common.documents", lang),
        dcc.Dropdown(
            id=picker_id,
            options=document_options(data),
            value=list(chosen),
            multi=True,
            placeholder=t("common.all", lang),
        ),
    )


def theme_picker(data: AppData, picker_id: str, chosen: str, lang: str) -> html.Div:
    """Return the theme filter: one theme, "any" while none is chosen."""
    return choice_picker(
        t("common.theme", lang), picker_id, theme_options(data, lang), chosen, t("common.any", lang)
    )


def choice_picker(
    label: str,
    picker_id: str,
    options: list[dict[str, str]],
    chosen: str,
    placeholder: str,
    disabled: bool | None = None,
) -> html.Div:
    """Return a filter of one of `options`, `placeholder` while none is chosen; greyed out when `disabled` (a
    filter over a table this data package lacks)."""
    greyed: dict[str, Any] = {} if disabled is None else {"disabled": disabled}
    return field(
        label,
        dcc.Dropdown(id=picker_id, options=options, value=chosen or None, placeholder=placeholder, **greyed),
    )


def themes_picker(data: AppData, picker_id: str, chosen: Sequence[str], lang: str, placeholder: str) -> html.Div:
    """Return the themes filter: any number of themes, `placeholder` while none is chosen."""
    return field(
        t("common.themes", lang),
        dcc.Dropdown(
            id=picker_id,
            options=theme_options(data, lang),
            value=list(chosen),
            multi=True,
            placeholder=placeholder,
        ),
    )
