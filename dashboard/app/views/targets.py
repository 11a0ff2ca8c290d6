"""Targets: every target, horizon and reported indicator with its document and its source (a provision, or a
cited secondary source), on a time axis, as dated indicator values, and in a table; conflicts between sources
side by side under a "sources disagree" notice, never hidden.

The state is the URL (TargetsView); the controls only ever write it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from dashboard import i18n
from dashboard.app import ids
from dashboard.app.components import notices_alert
from dashboard.app.components.attrs import attrs
from dashboard.app.components.charts import chart_card
from dashboard.app.components.pickers import document_picker, field, theme_picker, years_slider
from dashboard.app.context import AppData
from dashboard.app.state import TargetsView, clamp_years, year_range_text
from dashboard.app.target_store import Counts, TargetStore
from dashboard.app.views.phone import MAX_ITEMS, targets_list
from dashboard.app.views.targets_table import KIND_GLYPH, source_cell, targets_table_view
from dashboard.figures.labels import text
from dashboard.figures.targets.chart import timeline_figure
from dashboard.figures.targets.indicators import indicators_figure
from dashboard.figures.targets.tables import KINDS, kind_label, year_bounds, years_text
from dashboard.i18n import localised, table

MAX_CONFLICTS = 20  # conflict blocks shown at once; the table flags every row whose sources disagree
TEXT = table("targets")


def targets_page(data: AppData, view: TargetsView) -> list[Any]:
    """Return the Targets page: controls set from the view, then its notices, conflicts, charts and table."""
    lang = view.lang
    shown = outputs(data, view)
    return [
        html.H1(_t("title", lang), className="page-title"),
        html.P(_t("lead", lang), className="text-muted mb-2"),
        controls(data, view),
        html.Div(shown[ids.TARGETS_STATUS], id=ids.TARGETS_STATUS),
        html.Div(shown[ids.TARGETS_CONFLICTS], id=ids.TARGETS_CONFLICTS),
        chart_card(
            ids.TARGETS_TIMELINE, "targets-timeline", shown[ids.TARGETS_TIMELINE], lang=lang, className="phone-hide"
        ),
        html.Div(shown[ids.TARGETS_LIST], id=ids.TARGETS_LIST),
        chart_card(ids.TARGETS_INDICATORS, "indicators", shown[ids.TARGETS_INDICATORS], lang=lang),
        html.H2(_t("table", lang), className="h5 mt-3"),
        html.Div(shown[ids.TARGETS_TABLE], id=ids.TARGETS_TABLE),
    ]


def controls(data: AppData, view: TargetsView) -> html.Div:
    """Return the filters (documents, theme, kinds, years, grouping), each set to the view's value."""
    lang = view.lang
    first, last = _bounds(data)
    kinds = [{"label": f"{KIND_GLYPH[k]} {kind_label(k, lang)}", "value": k} for k in KINDS]
    years = list(clamp_years(view.year_from, view.year_to, (first, last)))
    return html.Div(
        [
            html.Div(
                [
                    document_picker(data, ids.TARGETS_DOCS, view.docs, lang),
                    theme_picker(data, ids.TARGETS_THEME, view.theme, lang),
                    field(
                        _t("kind", lang),
                        dcc.Checklist(
                            id=ids.TARGETS_KIND,
                            options=kinds,
                            value=list(view.kinds or KINDS),
                            inline=True,
                            inputClassName="form-check-input me-1",
                            labelClassName="form-check-label me-3 text-nowrap",
                        ),
                    ),
                ],
                className="targets-filters",
            ),
            html.Div(
                [
                    field(
                        [
                            _t("years", lang),
                            html.Span(years_shown(data, view), id=ids.TARGETS_YEARS_TEXT, className="years-shown"),
                        ],
                        years_slider(ids.TARGETS_YEARS, first, last, years),
                        className="filter years-filter",
                    ),
                    html.Div(
                        [
                            field(
                                _t("by", lang),
                                dcc.RadioItems(
                                    id=ids.TARGETS_BY,
                                    options=[
                                        {"label": _t("by_document", lang), "value": "document"},
                                        {"label": _t("by_theme", lang), "value": "theme"},
                                    ],
                                    value=view.by,
                                    inline=True,
                                    inputClassName="form-check-input me-1",
                                    labelClassName="form-check-label me-3",
                                ),
                            ),
                            dcc.Link(_t("clear", lang), href=TargetsView(lang=lang).href(), className="small"),
                        ]
                    ),
                ],
                className="targets-filters-2",
            ),
        ],
        className="targets-controls card card-body mb-3",
    )


def view_from_controls(
    data: AppData,
    search: str | None,
    *,
    docs: list[str] | None,
    theme: str | None,
    kinds: list[str] | None,
    years: list[int] | None,
    by: str | None,
) -> TargetsView:
    """Return the view the controls describe (validated like a URL; the language kept). An end of the year
    range at the first or last year is open (a range over every year is no filter, and keeps undated rows);
    every kind ticked, or none, is no filter."""
    first, last = _bounds(data)
    shown = TargetsView.from_query(search, data.vocab)
    lang = shown.lang
    span = list(years or [])
    year_from = span[0] if span else None
    year_to = span[-1] if len(span) > 1 else None
    single = year_from is not None and year_from == year_to  # one year: both ends, even at a bound
    params = {
        "docs": ",".join(docs or []),
        "theme": theme or "",
        "kind": ",".join(k for k in KINDS if k in (kinds or KINDS)),
        "from": str(year_from) if year_from is not None and (year_from > first or single) else "",
        "to": str(year_to) if year_to is not None and (year_to < last or single) else "",
        "by": by or "",
        "lang": lang,
    }
    view = TargetsView.from_params({k: v for k, v in params.items() if v}, data.vocab)
    # when the controls rewrite the address (a year at the range's end is no filter), what the address got
    # wrong must stay on screen: keep its notices
    return dataclasses.replace(view, notices=shown.notices + view.notices)


def outputs(data: AppData, view: TargetsView) -> dict[str, Any]:
    """Return everything the page shows for a view, by the component id the page callback updates: what the
    view shows of its rows, asked of the target store (counts, a page of the table, the timeline's first rows),
    never every row."""
    options = view.chart_options()
    store = _store(data)
    counts = store.counts(options)
    return {
        ids.TARGETS_STATUS: status(data, view, counts),
        ids.TARGETS_CONFLICTS: conflicts(view, store.conflict_groups(options, MAX_CONFLICTS)),
        ids.TARGETS_TIMELINE: timeline_figure(data.dataset, options, store.drawn(options)),
        ids.TARGETS_INDICATORS: indicators_figure(data.dataset, options, store.indicators(options)),
        ids.TARGETS_TABLE: targets_table_view(
            data.documents, store.due(options, counts), store.apart(options, counts), view.lang, view
        ),
        ids.TARGETS_YEARS_TEXT: years_shown(data, view),
        ids.TARGETS_LIST: targets_list(store.listed(options, MAX_ITEMS), view.lang),
    }


def _store(data: AppData) -> TargetStore:
    if data.targets is None:
        assert data.query is not None, "AppData.load opens the query database"
        data.targets = TargetStore(data.dataset, data.query)
    return data.targets


def years_shown(data: AppData, view: TargetsView) -> str:
    """Return the years the slider selects, in words beside its label ("2011–2045", or one year)."""
    return year_range_text(*clamp_years(view.year_from, view.year_to, _bounds(data)))


def status(data: AppData, view: TargetsView, counts: Counts) -> list[Any]:
    """Return the URL notices, the caption and the count of rows (and of rows whose sources disagree)."""
    lang = view.lang
    # the count is of deadlines (and indicators): a programme's name or a cited horizon is listed apart
    in_conflict, due, due_docs, apart = counts.in_conflict, counts.due, counts.due_docs, counts.total - counts.due
    count = _t("count", lang).format(n=due, d=due_docs)
    if apart:
        count += " · " + _t("count_apart", lang, n=apart)
    if in_conflict:
        count += " · ⚠ " + _t("count_conflicts", lang).format(k=in_conflict)
    return [
        notices_alert(view.notices, lang, id=ids.TARGETS_NOTICES),
        html.P(
            count,
            id=ids.TARGETS_COUNT,
            className="fw-semibold mb-0",
            **attrs(data_count=str(due), data_apart=str(apart), data_conflicts=str(in_conflict)),
        ),
        html.P(view.caption(data.vocab), id=ids.TARGETS_CAPTION, className="view-caption text-muted small"),
    ]


def conflicts(view: TargetsView, groups: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[Any]:
    """Return one block per conflict among the shown rows (`groups`: the first MAX_CONFLICTS by name, each with
    every row of the group, also the rows a filter would hide), each row with its source, under a "sources
    disagree" notice."""
    lang = view.lang
    blocks = []
    for group, sides_rows in groups.items():
        note = next((localised(r, "conflict_note", lang) for r in sides_rows if text(r.get("conflict_note"))), "")
        sides = [
            html.Div(
                [
                    html.Div(
                        [
                            html.Strong(f"{r['symbol']} · {years_text(r)}", className="me-2"),
                            html.Span(
                                f"{KIND_GLYPH.get(r['kind'], '')} {kind_label(r['kind'], lang)}",
                                className="small text-muted",
                            ),
                        ]
                    ),
                    html.P(text(r["text"]), className="mb-1"),
                    html.Div(source_cell(r, lang), className="small"),
                ],
                className="conflict-side",
                **attrs(data_target=str(r["id"])),
            )
            for r in sides_rows
        ]
        blocks.append(
            html.Div(
                [
                    html.Div(
                        [html.Strong("⚠ " + _t("disagree", lang)), f": {note}" if note else ""],
                        className="conflict-title mb-1",
                    ),
                    html.Div(sides, className="conflict-sides"),
                    html.P(_t("disagree_note", lang), className="small text-muted mb-0 mt-1"),
                ],
                className="conflict-block",
                role="alert",
                **attrs(data_group=group),
            )
        )
    return blocks


def _t(key: str, lang: str, n: int | None = None, **values: object) -> str:
    return i18n.t(f"targets.{key}", lang, n, **values)


def _bounds(data: AppData) -> tuple[int, int]:
    # computed once when the data was loaded (Vocabulary.target_years); the tables never change while the app runs
    return data.vocab.target_years or year_bounds(data.dataset)
