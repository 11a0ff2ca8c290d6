"""The filters the pages share: a labelled field, and the document and theme pickers (Explorer, Themes, Targets;
Compare's A and B can take `document_options`).

On a large corpus a documents picker lists the latest PICKER_OPTIONS documents (and the ones chosen), and what the
reader types searches them all on the server, so a page does not send every document's name with each render
(about 60 bytes a document: 600 KB at 10,000). On a corpus of PICKER_OPTIONS documents or fewer the options are
every held document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


PICKER_OPTIONS = 200  # documents a picker lists before the reader types (the latest); typing searches them all


def document_label(data: AppData, doc_id: str) -> str:
    """Return a document's label in a picker: its symbol and year ("59-NQ/TW (2025)")."""
    return f"{data.vocab.symbol(doc_id)} ({str(data.documents[doc_id].get('issued'))[:4]})"


def document_options(
    data: AppData, chosen: Sequence[str] = (), search: str = "", limit: int = PICKER_OPTIONS
) -> list[dict[str, Any]]:
    """Return a picker's options: the held documents in the app's order, only those whose label holds `search`
    (any case) when one is typed, the latest `limit` of them, and the `chosen` ones always (a chosen value
    without an option would show no label)."""
    held = [d for d in data.documents if d in data.vocab.held]
    needle = search.strip().casefold()
    if needle:
        held = [d for d in held if needle in document_label(data, d).casefold() or needle in d.casefold()]
    shown = held[-limit:] if len(held) > limit else held
    missing = [d for d in chosen if d in data.documents and d in data.vocab.held and d not in set(shown)]
    return [{"label": document_label(data, d), "value": d} for d in [*missing, *shown]]


def theme_options(data: AppData, lang: str) -> list[dict[str, str]]:
    """Return the codebook's themes as dropdown options, labelled in `lang`."""
    return [{"label": theme_label(theme, lang), "value": theme} for theme in data.vocab.themes]


def name_options(
    names: Mapping[str, str] | None, chosen: str = "", search: str = "", limit: int = PICKER_OPTIONS
) -> list[dict[str, str]]:
    """Return a name filter's options ({id: name}: entities, responsible bodies), by name: only those whose name
    or id holds `search` (any case) when one is typed, the first `limit` of them, and the `chosen` one always."""
    every = sorted((names or {}).items(), key=lambda x: x[1].casefold())
    needle = search.strip().casefold()
    if needle:
        every = [(i, n) for i, n in every if needle in n.casefold() or needle in i.casefold()]
    shown = every[:limit]
    if chosen and names and chosen in names and all(i != chosen for i, _ in shown):
        shown = [(chosen, names[chosen]), *shown]
    return [{"label": name, "value": i} for i, name in shown]


def document_picker(data: AppData, picker_id: str, chosen: Sequence[str], lang: str) -> html.Div:
    """Return the documents filter: any number of held documents, "all" while none is chosen."""
    options = document_options(data, chosen)
    return multi_picker(t("common.documents", lang), picker_id, options, chosen, t("common.all", lang))


def theme_picker(data: AppData, picker_id: str, chosen: str, lang: str) -> html.Div:
    """Return the theme filter: one theme, "any" while none is chosen."""
    return choice_picker(t("common.theme", lang), picker_id, theme_options(data, lang), chosen, t("common.any", lang))


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
    return multi_picker(t("common.themes", lang), picker_id, theme_options(data, lang), chosen, placeholder)


def multi_picker(
    label: str, picker_id: str, options: list[dict[str, Any]], chosen: Sequence[str], placeholder: str
) -> html.Div:
    """Return a filter of any number of `options`, `placeholder` while none is chosen."""
    return field(
        label,
        dcc.Dropdown(id=picker_id, options=options, value=list(chosen), multi=True, placeholder=placeholder),
    )


def year_marks(first: int, last: int) -> dict[int, str]:
    """Return a years slider's marks: its two ends and the multiples of five between them, leaving out a multiple
    closer than three years to an end (its label would run into the end's on a phone's width)."""
    fives = [y for y in range(first + 1, last) if y % 5 == 0 and y - first >= 3 and last - y >= 3]
    return {y: str(y) for y in sorted({first, *fives, last})}


def years_slider(slider_id: str, first: int, last: int, chosen: list[int]) -> dcc.RangeSlider:
    """Return a range of years from `first` to `last` set to `chosen`, by whole years, marked by `year_marks`, its
    tooltip shown while dragging only (always on, it covered the end marks and the links beside the slider; the
    pages write the chosen years in the label instead)."""
    return dcc.RangeSlider(
        id=slider_id,
        min=first,
        max=last,
        step=1,
        marks=year_marks(first, last),
        value=chosen,
        allow_direct_input=False,
        tooltip={"placement": "bottom", "always_visible": False},
    )
