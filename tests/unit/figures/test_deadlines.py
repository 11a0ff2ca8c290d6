"""Targets that are targets: "Due in 2030" counts deadlines a document sets itself; a programme's name, another
document's horizon cited and words that are not the document's own are listed apart; the timeline's horizon
bars reach only years a document sets itself."""

from __future__ import annotations

import pytest

from dashboard.figures.targets.deadlines import context_years, deadline_role

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
