"""Compare page: what moved as a whole — theme weight and distinctive terms as charts (built once per pair and
language), distinctive terms, entities and targets gained or lost as boxes."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from dash import html

from dashboard.app import ids
from dashboard.app.i18n import t
from dashboard.app.views.compare_parts import data, parts_of
from dashboard.app.views.compare_text import text
from dashboard.dataset.load import Dataset
from dashboard.figures.compare.chart import distinctive_terms_figure, theme_delta_figure
from dashboard.figures.registry import ChartOptions


@lru_cache(maxsize=64)
def charts(dataset: Dataset, a: str, b: str, lang: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the page's two figures (theme weight, distinctive terms) for the pair, as plotly JSON dicts.

    Cached per loaded dataset, pair and language: the data never changes while the app runs, and building the two
    figures was most of the page's time (a filter of the pairs rebuilds the page but not its charts). Callers
    must not mutate the dicts (Dash only serialises them)."""
    options = ChartOptions(a=a, b=b, lang=lang)  # CompareView.chart_options(): what the download menus export
    return (
        theme_delta_figure(dataset, options).to_plotly_json(),
        distinctive_terms_figure(dataset, options).to_plotly_json(),
    )


def drawn_once(box: html.Div) -> html.Div:
    """Return `box` (a delta box: drawn with its pair, never updated) as one Div whose inside is data (`data-parts`,
    views/compare_parts.py) that assets/compare_links.js draws as plain elements, text as text. The three boxes
    were ~225 Dash components, most of the page's; each costs the renderer work on every change of its store
    while the page loads (docs/compare-page-updates.md, "The page load")."""
    props = box.to_plotly_json()["props"]
    parts = json.dumps(parts_of(props.get("children")), ensure_ascii=False, separators=(",", ":"))
    return html.Div(id=props["id"], className=props["className"], **data({"data-parts": parts}))


def terms_box(result: dict[str, Any], lang: str) -> html.Div:
    docs = result["documents"]
    columns = []
    for side, key in (("a", "a_distinctive"), ("b", "b_distinctive")):
        terms = result["terms"][key][:12]
        columns.append(
            html.Div(
                [
                    html.H3(text("terms_of", lang).format(doc=docs[side]["symbol"]), className="h6"),
                    html.Ul(
                        [
                            html.Li(
                                [
                                    t_["term"],
                                    html.Span(
                                        f" G² {t_['score']:.1f} · {t_['count_a']}/{t_['count_b']}",
                                        className="text-muted small",
                                    ),
                                ]
                            )
                            for t_ in terms
                        ]
                        or [html.Li(text("nothing", lang))],
                        className=f"term-list terms-{side}",
                    ),
                ]
            )
        )
    return html.Div(
        [html.H2(text("terms", lang), className="h6"), html.Div(columns, className="two-up")],
        id=ids.COMPARE_TERMS,
        className="delta-box",
    )


def entities_box(result: dict[str, Any], lang: str) -> html.Div:
    entities = result.get("entities")
    title = html.H2(text("entities", lang), className="h6")
    if entities is None:
        return _unavailable(title, ids.COMPARE_ENTITIES, lang)

    def items(rows: list[dict[str, Any]], cls: str) -> html.Ul:
        lines = [
            html.Li([r["name"], html.Span(f" {r['a_count']}/{r['b_count']}", className="text-muted")])
            for r in rows
        ]
        return html.Ul(capped(lines, lang), className=f"entity-list {cls}")

    return html.Div(
        [
            title,
            html.Div(
                [
                    html.Div(
                        [
                            html.H3(text("gained", lang), className="h6 gain"),
                            items(entities["b_only"], "gained"),
                        ]
                    ),
                    html.Div(
                        [html.H3(text("lost", lang), className="h6 loss"), items(entities["a_only"], "lost")]
                    ),
                    html.Div(
                        [html.H3(text("shared", lang), className="h6"), items(entities["shared"], "shared")]
                    ),
                ],
                className="three-up",
            ),
        ],
        id=ids.COMPARE_ENTITIES,
        className="delta-box",
    )


def targets_box(result: dict[str, Any], lang: str) -> html.Div:
    targets = result.get("targets")
    title = html.H2(text("targets", lang), className="h6")
    if targets is None:
        return _unavailable(title, ids.COMPARE_TARGETS, lang)

    def line(row: dict[str, Any]) -> list[Any]:
        value = f" — {row['value']:g} {row['unit']}" if row.get("value") is not None else ""
        year = f" ★ {row['end_year']}" if row.get("end_year") else ""
        return [row["text"], html.Span(f"{value}{year}", className="text-muted")]

    def grouped(rows: list[dict[str, Any]]) -> list[html.Li]:
        # one line per target text: a stage "2021-2025 and 2026-2030" is one target with several years
        years: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            years.setdefault(row["text"], []).append(row)
        out = []
        for said, same in years.items():
            value = same[0]
            amount = f" — {value['value']:g} {value['unit']}" if value.get("value") is not None else ""
            ends = sorted({r["end_year"] for r in same if r.get("end_year")})
            stars = f" ★ {', '.join(map(str, ends))}" if ends else ""
            short = said if len(said) <= 180 else said[:179].rstrip() + "…"
            out.append(html.Li([short, html.Span(f"{amount}{stars}", className="text-muted")], title=said))
        return capped(out, lang)

    changed = [
        html.Li([c["indicator"].replace("_", " "), ": ", *line(c["a"]), " → ", *line(c["b"])])
        for c in targets["changed"]
    ]
    return html.Div(
        [
            title,
            html.Div(
                [
                    html.Div(
                        [
                            html.H3(text("gained", lang), className="h6 gain"),
                            html.Ul(
                                grouped(targets["b_only"]),
                                className="target-list gained",
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            html.H3(text("lost", lang), className="h6 loss"),
                            html.Ul(
                                grouped(targets["a_only"]),
                                className="target-list lost",
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            html.H3(text("changed", lang), className="h6"),
                            html.Ul(
                                changed or [html.Li(text("nothing", lang))], className="target-list changed"
                            ),
                        ]
                    ),
                ],
                className="three-up",
            ),
        ],
        id=ids.COMPARE_TARGETS,
        className="delta-box",
    )


def capped(lines: list[Any], lang: str, shown: int = 8) -> list[Any]:
    """Return the first `shown` list items, the rest folded into one "N more" item that opens on click."""
    if not lines:
        return [html.Li(text("nothing", lang))]
    if len(lines) <= shown + 2:
        return lines
    rest = lines[shown:]
    more = html.Details([html.Summary(text("more", lang).format(n=len(rest))), html.Ul(rest)])
    return [*lines[:shown], html.Li(more, className="more-item")]


def _unavailable(title: html.H2, box_id: str, lang: str) -> html.Div:
    # a delta box whose table this data package lacks: its title, and a line that says so
    return html.Div(
        [title, html.P(t("common.unavailable", lang), className="text-muted small")], id=box_id, className="delta-box"
    )
