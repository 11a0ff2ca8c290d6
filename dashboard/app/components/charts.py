"""A registered chart in its card: the graph, an optional hint, and the chart's registry name on the card.

The card (`ids.chart_card(graph_id)`, class `chart-card`, `data-chart=<registry name>`) is where a download
menu goes: the name is all it needs to export exactly this chart with the page's options.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.app import ids
from dashboard.app.components.attrs import attrs
from dashboard.app.components.download import chart_download_menu

GRAPH_CONFIG: dcc.Graph.Config = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": [
        "select2d",
        "lasso2d",
        "autoScale2d",
        "zoom2d",
        "pan2d",
        "zoomIn2d",
        "zoomOut2d",
    ],
    "toImageButtonOptions": {"format": "png", "filename": "policy-timeline", "scale": 2},
}


def chart_card(
    graph_id: str, chart: str, figure: go.Figure | dict[str, Any], hint: str = "", lang: str = "en", className: str = ""
) -> html.Div:
    """Return a chart in its card: its download menu, the graph (id `graph_id`), then `hint` when given
    (`className` is added to the card's, e.g. phone-hide for a chart a phone shows as a list instead)."""
    config: dcc.Graph.Config = {
        **GRAPH_CONFIG,
        "toImageButtonOptions": {**GRAPH_CONFIG.get("toImageButtonOptions", {}), "filename": chart},
    }
    return html.Div(
        [
            chart_download_menu(chart, lang),
            dcc.Graph(id=graph_id, figure=figure, config=config, className="chart-graph"),
            *([html.P(hint, className="chart-hint small text-muted mb-0")] if hint else []),
        ],
        id=ids.chart_card(graph_id),
        className=f"chart-card mb-3 {className}".strip(),
        **attrs(data_chart=chart),
    )
