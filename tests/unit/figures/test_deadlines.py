"""Targets that are targets: "Due in 2030" counts deadlines a document sets itself; a programme's name, another
document's horizon cited and words that are not the document's own are listed apart; the timeline's horizon
bars reach only years a document sets itself."""

from __future__ import annotations

import pytest

from dashboard.figures.deadlines import context_years, deadline_role
from dashboard.figures.registry import ChartOptions, get_chart
from dashboard.figures.target_tables import target_records
from dashboard.figures.timeline_horizons import BAR_OFFSET

TITLES = {"plan": "Overall plan for regional cooperation to 2030", "other": "An annual work programme"}


@pytest.mark.parametrize(
    ("row", "role"),
    [
        ({"document_id": "other", "kind": "goal", "surface": "by 2030", "own_text": True}, "deadline"),
        (
            {"document_id": "other", "kind": "programme_period", "surface": "Vision 2040", "programme": "Vision 2040"},
            "name",
        ),
        (  # the period of a plan that another document of the corpus sets
            {
                "document_id": "other",
                "kind": "programme_period",
                "surface": "to 2030",
                "programme": "Overall plan on regional cooperation",
                "own_text": True,
            },
            "cross_reference",
        ),
        (  # the plan's own period, in the plan itself
            {
                "document_id": "plan",
                "kind": "programme_period",
                "surface": "to 2030",
                "programme": "Overall plan on regional cooperation",
            },
            "deadline",
        ),
        (  # a programme no document of the corpus sets: the document names it and its period
            {
                "document_id": "other",
                "kind": "programme_period",
                "surface": "until 2030",
                "programme": "Export project",
            },
            "deadline",
        ),
        ({"document_id": "other", "kind": "goal", "surface": "by 2030", "own_text": False}, "not_own"),
    ],
)
def test_deadline_role(row, role) -> None:
    assert deadline_role(row, TITLES) == role


def test_context_only_horizons_are_read_from_the_note() -> None:
    assert context_years([2020, 2030], "2020 is context only") == {2020}
    assert context_years([2045], "the resolution says by mid-century") == set()


def test_due_in_2030_counts_deadlines_and_lists_the_rest_apart(shipped_dataset) -> None:
    rows = target_records(shipped_dataset, ChartOptions(extra={"from": 2030, "to": 2030}))
    apart = {r["id"]: r["role"] for r in rows if r["role"] != "deadline"}
    assert apart == {
        "01-NQ-CP-2016:1.dd:t2": "cross_reference",  # 01/NQ-CP citing the Overall strategy's vision to 2030
        "01-NQ-CP-2016:2:t3": "name",  # Agenda 2030
        "40-QD-TTg-2016:c1:t2": "not_own",  # the publisher's framing
        "40-QD-TTg-2016:6.b1:t1": "name",  # United Nations Agenda 2030
    }
    assert len(rows) - len(apart) == 8
    fig = get_chart("targets-timeline").figure(shipped_dataset, ChartOptions(extra={"from": 2030, "to": 2030}))
    drawn = {c[0] for t in fig.data if t.customdata is not None for c in t.customdata if c is not None}
    assert not drawn & set(apart)
    assert "4 years that are not deadlines" in fig.layout.annotations[0].text


def test_timeline_bars_reach_only_horizons_a_document_sets(shipped_dataset) -> None:
    fig = get_chart("timeline").figure(shipped_dataset, ChartOptions())
    bars = next(t for t in fig.data if t.mode == "lines" and t.legendgroup == "horizon")
    table = get_chart("timeline").data(shipped_dataset, ChartOptions())
    row = dict(zip(table["symbol"], table["row"], strict=True))
    issued = dict(zip(table["symbol"], table["issued"], strict=True))
    ends = {}  # (row, date of issue) → the year the bar ends
    for x0, x1, y in zip(bars.x[0::3], bars.x[1::3], bars.y[0::3], strict=True):
        ends[(round(y - BAR_OFFSET), str(x0)[:10])] = str(x1)[:4]

    def end(symbol: str) -> str | None:
        return ends.get((row[symbol], str(issued[symbol])[:10]))

    assert end("01/NQ-CP") == "2017"  # an annual plan: its 2017 milestone, not Agenda 2030
    assert end("22-NQ/TW") is None  # 2020 is context only: no bar
    assert end("40/QĐ-TTg") == "2030"
