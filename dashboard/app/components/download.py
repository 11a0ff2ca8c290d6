"""Download menus: any registered chart as PNG (2x), SVG or PDF at slide or A4 size, as interactive HTML or as
the CSV behind it; and the Compare page's briefing pack (.pptx, .pdf, .html).

Use on a page (the chart's registry name is all the menu needs):

    chart_download_menu("themes-heatmap", lang=view.lang)   # next to the chart's dcc.Graph
    briefing_pack_menu(lang=view.lang)                       # on the Compare page

ONE generic callback serves every chart menu (pattern-matching ids): it reads the page's state from the URL (the
page's `View`, found in `app.state.charts.PAGE_VIEWS`, and its `chart_options()`) and calls `dashboard.export`, so
the file is the chart on screen, drawn by the same figure function. Under the production server the job goes to the
one export process the workers share (`dashboard.export.service`: one Chromium, a bounded queue, one cache);
elsewhere it runs through the process's warm kaleido browser and `dashboard.export.gate`. Either way a file already
made for the same view comes from a bounded cache, at most one export runs at a time on the machine, and when the
queue is full the menu says so ("busy, try again in N seconds") instead of queueing more work behind the pages. The
same files are served at `/export?chart=…&fmt=…&size=…&page=<the page's address>` (app/export_route.py), busy as
HTTP 503 + Retry-After.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, MATCH, Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import i18n
from dashboard.app import ids
from dashboard.app.components.attrs import attrs
from dashboard.app.context import current
from dashboard.app.state import CompareView
from dashboard.app.state.charts import page_options
from dashboard.errors import PolicyTimelineError
from dashboard.export.brief import render_brief
from dashboard.export.gate import ExportBusy
from dashboard.export.service import export
from dashboard.export.static import SIZES, default_filename, render_chart
from dashboard.figures.registry import ChartOptions
from dashboard.i18n import table

# pattern-matching id types (a dict id: {"type": ..., "chart": <registry name>, ...})
EXPORT_MENU = "export-menu"
EXPORT_ITEM = "export-item"  # + "fmt" (".png" …) and "size" ("slide", "a4", "" for html/csv)
EXPORT_DOWNLOAD = "export-download"
EXPORT_STATUS = "export-status"
BRIEF_MENU = "brief-menu"
BRIEF_ITEM = "brief-item"  # {"type": BRIEF_ITEM, "fmt": ".pptx" | ".pdf" | ".html"}
BRIEF_DOWNLOAD = "brief-download"
BRIEF_STATUS = "brief-status"

TEXT = table("download")
STATIC = (".png", ".svg", ".pdf")


def chart_download_menu(chart: str, lang: str = "en") -> html.Div:
    """Return the download menu of chart `chart` (a registry name): static images by size, HTML and CSV."""
    items: list[Any] = []
    for size in SIZES:
        items.append(dbc.DropdownMenuItem(_t(size, lang), header=True))
        items += [_item(chart, fmt, size, lang) for fmt in STATIC]
    items += [
        dbc.DropdownMenuItem(divider=True),
        dbc.DropdownMenuItem(_t("other", lang), header=True),
        _item(chart, ".html", "slide", lang),
        _item(chart, ".csv", "", lang),
    ]
    return html.Div(
        [
            dbc.DropdownMenu(
                items,
                label=_t("download", lang),
                size="sm",
                color="light",
                align_end=True,
                id={"type": EXPORT_MENU, "chart": chart},
                className="export-menu",
            ),
            dcc.Loading(
                html.Div(
                    [
                        dcc.Download(id={"type": EXPORT_DOWNLOAD, "chart": chart}),
                        html.Span(id={"type": EXPORT_STATUS, "chart": chart}, className="small text-danger"),
                    ]
                ),
                type="dot",
                parent_className="export-loading",
            ),
        ],
        className="chart-download d-flex justify-content-end align-items-center gap-2",
        **attrs(data_chart=chart),
    )


def briefing_pack_menu(lang: str = "en") -> html.Div:
    """Return the Compare page's briefing-pack menu (the pack compares the page's documents A and B)."""
    items = [
        dbc.DropdownMenuItem(
            _t(f"brief{fmt}", lang),
            id={"type": BRIEF_ITEM, "fmt": fmt},
            n_clicks=0,
            className=f"brief-item brief-{fmt[1:]}",
        )
        for fmt in (".pptx", ".pdf", ".html")
    ]
    return html.Div(
        [
            dbc.DropdownMenu(
                items, label=_t("brief", lang), size="sm", color="primary", id=BRIEF_MENU, className="brief-menu"
            ),
            html.Span(_t("brief.hint", lang), className="small text-muted"),
            dcc.Loading(
                html.Div([dcc.Download(id=BRIEF_DOWNLOAD), html.Span(id=BRIEF_STATUS, className="small text-danger")]),
                type="dot",
            ),
        ],
        className="briefing-pack d-flex flex-wrap align-items-center gap-2 my-2",
    )


@callback(
    Output({"type": EXPORT_DOWNLOAD, "chart": MATCH}, "data"),
    Output({"type": EXPORT_STATUS, "chart": MATCH}, "children"),
    Input({"type": EXPORT_ITEM, "chart": MATCH, "fmt": ALL, "size": ALL}, "n_clicks"),
    State(ids.URL, "pathname"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def _on_export(clicks: list[int | None], pathname: str | None, search: str | None) -> tuple[Any, str]:
    item = ctx.triggered_id
    if not isinstance(item, dict) or not any(clicks):
        raise PreventUpdate
    return export_download(item["chart"], item["fmt"], item["size"] or None, pathname, search)


@callback(
    Output(BRIEF_DOWNLOAD, "data"),
    Output(BRIEF_STATUS, "children"),
    Input({"type": BRIEF_ITEM, "fmt": ALL}, "n_clicks"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def _on_brief(clicks: list[int | None], search: str | None) -> tuple[Any, str]:
    item = ctx.triggered_id
    if not isinstance(item, dict) or not any(clicks):
        raise PreventUpdate
    return brief_download(item["fmt"], search)


def export_download(
    chart: str, fmt: str, size: str | None, pathname: str | None, search: str | None
) -> tuple[Any, str]:
    """Return (dcc.Download data, status text) for chart `chart` as `fmt` with the page's options."""
    options = page_options(pathname, search, current().vocab)
    try:
        payload, name = chart_file(chart, fmt, size, options)
    except ExportBusy as exc:
        return no_update, _t("busy", options.lang, seconds=exc.retry_after)
    except PolicyTimelineError as exc:
        return no_update, _t("failed", options.lang, error=str(exc))
    return dcc.send_bytes(payload, name), ""


def chart_file(chart: str, fmt: str, size: str | None, options: ChartOptions) -> tuple[bytes, str]:
    """Return (bytes, file name) of chart `chart` as `fmt` with `options`: from the export service shared by the
    server's workers when there is one, else made in this process through the export gate. Raises ExportBusy
    when the export queue is full."""
    data = current()
    payload = export(
        ("chart", chart, options, fmt, size),
        ("chart", id(data), chart, fmt, size, repr(options)),
        lambda: render_chart(data.dataset, chart, options, fmt, size=size),
    )
    return payload, default_filename(chart, options, fmt, size or "slide")


def brief_download(fmt: str, search: str | None) -> tuple[Any, str]:
    """Return (dcc.Download data, status text) for the briefing pack of the Compare page's A and B, with the
    reader's pins that name provisions of the two (the others are notices on the page already)."""
    data = current()
    view = CompareView.from_query(search, data.vocab)
    if not (view.a and view.b):
        return no_update, _t("brief.choose", view.lang)
    pins, _ = view.pins_in(data.by_document)  # the others are notices on the page already
    texts = [p.text() for p in pins]
    try:
        payload = export(
            ("brief", view.a, view.b, fmt, view.lang, tuple(texts)),
            ("brief", id(data), fmt, view.a, view.b, view.lang, tuple(texts)),
            lambda: render_brief(data.dataset, view.a, view.b, fmt, lang=view.lang, pins=texts),
        )
    except ExportBusy as exc:
        return no_update, _t("busy", view.lang, seconds=exc.retry_after)
    except PolicyTimelineError as exc:
        return no_update, _t("failed", view.lang, error=str(exc))
    return dcc.send_bytes(payload, f"briefing-pack_{view.a}_vs_{view.b}{fmt}"), ""


def _item(chart: str, fmt: str, size: str, lang: str) -> dbc.DropdownMenuItem:
    item_id = {"type": EXPORT_ITEM, "chart": chart, "fmt": fmt, "size": size}
    return dbc.DropdownMenuItem(
        _t(fmt, lang), id=item_id, n_clicks=0, className=f"export-item export-{fmt[1:]}-{size or 'data'}"
    )


def _t(key: str, lang: str, n: int | None = None, **values: object) -> str:
    return i18n.t(f"download.{key}", lang, n, **values)
