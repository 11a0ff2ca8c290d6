"""The frame around every page: navbar (links keep `lang`), language switch, page container and footer.

Two locations live here. `ids.URL` (refresh=False) holds the page's state: a page writes its view to `search`
without reloading. `ids.NAV` (refresh="callback-nav") is for callbacks that navigate to another page (the
timeline's click → document). Dash's own `_pages_location` renders the page from the address.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, dcc, html

from dashboard.app import ids
from dashboard.app.components.attrs import attrs
from dashboard.app.context import AppData
from dashboard.app.i18n import DEFAULT_LANG, LANGS, t
from dashboard.app.outputs import keyed
from dashboard.i18n import localised

NAV_PAGES = (
    ("home", "/"),
    ("timeline", "/timeline"),
    ("themes", "/themes"),
    ("targets", "/targets"),
    ("explorer", "/explorer"),
    ("compare", "/compare"),
)


def layout(data: AppData) -> html.Div:
    """Return the app's layout: locations, navbar, page container, footer."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Location(id=ids.NAV, refresh="callback-nav"),
            dcc.Store(id=ids.SHELL_HTML_LANG),
            dcc.Store(id=ids.SHELL_DRAWN),
            html.Header(navbar("/", "", available_paths()), id=ids.SHELL_NAVBAR),
            html.Main(dash.page_container, className="container-xxl py-3", id="main"),
            html.Footer(footer(data, DEFAULT_LANG), id=ids.SHELL_FOOTER, className="site-footer"),
        ],
        className="app-shell",
    )


def register_callbacks(app: Dash, data: AppData) -> None:
    """Register the shell's callbacks on `app` (app.callback: the shell is not a page module)."""

    @app.callback(
        output=keyed(
            Output(ids.SHELL_NAVBAR, "children"),
            Output(ids.SHELL_FOOTER, "children"),
            *(Output(ids.lang_link(code), "href") for code in LANGS),
            Output(ids.SHELL_DRAWN, "data"),
        ),
        inputs=[Input(ids.URL, "pathname"), Input(ids.URL, "search")],
        state=[State(ids.SHELL_DRAWN, "data")],
    )
    def _update_shell(pathname: str | None, search: str | None, drawn: str | None) -> dict[str, Any]:
        return shell_update(data, pathname, search, drawn)

    app.clientside_callback(  # the menu button opens and closes the links on a narrow screen
        "function(n, open) { return n ? !open : false; }",
        Output(ids.NAV_COLLAPSE, "is_open"),
        Input(ids.NAV_TOGGLER, "n_clicks"),
        State(ids.NAV_COLLAPSE, "is_open"),
    )
    app.clientside_callback(
        "function(search) { const p = new URLSearchParams(search || '');"
        " document.documentElement.lang = p.get('lang') === 'vi' ? 'vi' : 'en';"
        " return window.dash_clientside.no_update; }",
        Output(ids.SHELL_HTML_LANG, "data"),
        Input(ids.URL, "search"),
    )


def shell_update(data: AppData, pathname: str | None, search: str | None, drawn: str | None) -> dict[str, Any]:
    """Return, keyed by component id, the navbar, the footer, the language links' addresses and what the shell is
    drawn for, after the address changed. The navbar and footer depend on the page and the language only: they
    are drawn again when one of those changes; otherwise only the language links follow the address (a page's
    filters, a Compare correction), so the shell is not mounted again in the browser with every change of a
    page's view."""
    path, lang = pathname or "/", lang_of(search)
    drawn_for = f"{path}|{lang}"
    if drawn_for == drawn:
        hrefs = {ids.lang_link(code): with_lang(path, search or "", code) for code in LANGS}
        return {ids.SHELL_NAVBAR: dash.no_update, ids.SHELL_FOOTER: dash.no_update, **hrefs,
                ids.SHELL_DRAWN: dash.no_update}
    kept = {ids.lang_link(code): dash.no_update for code in LANGS}  # the new navbar's links carry the address
    return {ids.SHELL_NAVBAR: navbar(path, search or "", available_paths()), ids.SHELL_FOOTER: footer(data, lang),
            **kept, ids.SHELL_DRAWN: drawn_for}


def lang_of(search: str | None) -> str:
    """Return the language a query asks for (the default when it asks for none or an unknown one)."""
    values = [v for k, v in parse_qsl((search or "").lstrip("?")) if k == "lang"]
    return values[0] if values and values[0] in LANGS else DEFAULT_LANG


def with_lang(pathname: str, search: str, lang: str) -> str:
    """Return the current address with its language set to `lang` (other parameters kept, in order)."""
    params = [(k, v) for k, v in parse_qsl((search or "").lstrip("?"), keep_blank_values=True) if k != "lang"]
    if lang != DEFAULT_LANG:
        params.append(("lang", lang))
    query = urlencode(params, safe=",:/")
    return f"{pathname}{'?' + query if query else ''}"


def available_paths() -> set[str]:
    """Return the paths of the registered pages (so that pages still being built show as coming soon)."""
    return {str(page.get("path")) for page in dash.page_registry.values()}


def navbar(pathname: str, search: str, available: set[str]) -> html.Nav:
    """Return the navbar for the current address: active page marked, links keeping the language."""
    lang = lang_of(search)
    suffix = f"?lang={lang}" if lang != DEFAULT_LANG else ""
    items = []
    for page, path in NAV_PAGES:
        label = t(f"nav.{page}", lang)
        active = pathname == path or (path != "/" and pathname.startswith(path + "/"))
        if path in available:
            link = dcc.Link(
                label,
                href=f"{path}{suffix}",
                id=ids.nav_link(page),
                className=f"nav-link{' active' if active else ''}",
            )
        else:
            link = html.Span(
                label,
                id=ids.nav_link(page),
                className="nav-link disabled",
                title=t("nav.soon", lang),
                **attrs(aria_disabled="true"),
            )
        items.append(html.Li(link, className="nav-item"))
    switch = [
        dcc.Link(
            code.upper(),
            href=with_lang(pathname, search, code),
            id=ids.lang_link(code),
            className=f"lang-link{' active' if code == lang else ''}",
            title="English" if code == "en" else "Tiếng Việt",
        )
        for code in LANGS
    ]
    # below the md breakpoint the links and the language switch fold behind a menu button (NAV_TOGGLER)
    menu = dbc.Collapse(
        [
            html.Ul(items, className="navbar-nav me-auto"),
            html.Div(
                [html.Span(t("nav.language", lang) + ":", className="visually-hidden"), *switch],
                className="lang-switch",
                role="group",
                **attrs(aria_label=t("nav.language", lang)),
            ),
        ],
        id=ids.NAV_COLLAPSE,
        is_open=False,
        navbar=True,
    )
    return html.Nav(
        html.Div(
            [
                dcc.Link(
                    [html.Span("◷ ", **attrs(aria_hidden="true")), t("app.title", lang)],
                    href=f"/{suffix}",
                    className="navbar-brand",
                ),
                html.Button(
                    html.Span(className="navbar-toggler-icon"),
                    id=ids.NAV_TOGGLER,
                    className="navbar-toggler",
                    type="button",
                    n_clicks=0,
                    title=t("nav.menu", lang),
                    **attrs(aria_controls=ids.NAV_COLLAPSE, aria_label=t("nav.menu", lang)),
                ),
                menu,
            ],
            className="container-xxl",
        ),
        className="navbar navbar-expand-md navbar-dark site-navbar",
        **attrs(aria_label="main"),
    )


def footer(data: AppData, lang: str) -> html.Div:
    """Return the footer: dataset version, how to cite it, and the standing coverage caveat."""
    ds = data.dataset
    return html.Div(
        [
            html.P(
                [
                    html.Strong(f"{t('footer.dataset', lang)} {ds.version}"),
                    " · ",
                    html.Span(f"{t('footer.cite', lang)}: "),
                    html.Span(localised(ds.package, "citation", lang) or ds.citation, className="citation"),
                ],
                className="mb-1",
            ),
            html.P(t("footer.note", lang), className="mb-0 text-muted"),
        ],
        className="container-xxl small py-3",
    )
