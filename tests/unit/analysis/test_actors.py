"""Actors and assignments: roles from the words around a body's name, and tasks inherited from a heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.analysis.actors import ROLES, actor_rows, assignments_step, load_actors, read_provision
from dashboard.corpus.load import load_corpus
from dashboard.corpus.normalise import normalise_text
from tests.unit.analysis.test_entities import add_gamma


def roles(text: str, label_end: int = 0) -> set[tuple[str, str]]:
    return {(a.actor_id, a.role) for a in read_provision(text, label_end).assignments if a.actor_id}


def test_the_subject_leads_and_bodies_after_coordinate_with_coordinate():
    text = ("The Ministry of Industry and Trade shall lead and coordinate with the Ministry of Foreign "
            "Affairs and provincial People's Committees to promote exports.")
    assert roles(text) == {("moit", "lead"), ("mofa", "coordinate"),
                           ("provincial_peoples_committees", "coordinate")}


def test_a_subject_may_carry_a_qualifier_before_its_verb():
    text = ("Ministries, ministerial-level agencies and Government bodies, based on their assigned "
            "functions, draw up sectoral plans.")
    assert roles(text) == {("ministries_agencies", "lead")}
    assert roles("The Government Office: include the plan in the Government's work programme.") == {
        ("government_office", "lead")}


def test_a_body_named_as_issuer_authority_or_beneficiary_is_not_tasked():
    issuer = "Implement Resolution No. 5 of the Politburo as prescribed by the National Assembly."
    assert roles(issuer) == set()
    assert roles("Support localities and businesses in trade promotion.") == set()
    assert roles("The Prime Minister asked the participants to focus on the review.") == set()
    assert roles("Prime Minister Pham Minh Chinh, head of the committee, chaired the session.") == set()


def test_government_is_matched_only_with_its_capital():
    assert roles("Ministries, central agencies and localities shall inform government agencies.") == {
        ("ministries_agencies_localities", "lead")}


def test_reports_have_a_reporter_and_recipients():
    text = ("The Ministry of Foreign Affairs shall draw up the plan; submit quarterly reports to the "
            "Government and the Prime Minister.")
    assert roles(text) == {("mofa", "lead"), ("mofa", "report"), ("government", "recipient"),
                           ("prime_minister", "recipient")}


def test_a_body_that_receives_reports_can_report_on():
    text = ("Localities shall submit annual reports to the Inter-agency Steering Committee to synthesize and "
            "report to the National Steering Committee.")
    assert roles(text) == {("localities", "lead"), ("localities", "report"),
                           ("interagency_steering_committee", "recipient"),
                           ("interagency_steering_committee", "report"),
                           ("national_steering_committee", "recipient")}


def test_a_bare_heading_names_the_body_for_its_bullets():
    reading = read_provision("2. National Steering Committee for International Integration", label_end=3)
    assert reading.assignments == ()
    assert [m.key for m in reading.heads] == ["national_steering_committee"]


def test_actors_file_is_consistent():
    ids = [a["id"] for a in load_actors()]
    assert len(ids) == len(set(ids))
    owners: dict[str, set[str]] = {}
    for actor in load_actors():
        for alias in actor["aliases"]:
            owners.setdefault(normalise_text(alias).casefold(), set()).add(actor["id"])
    assert {a: ids for a, ids in owners.items() if len(ids) > 1} == {}
    assert all(row["aliases"] for row in actor_rows())


# ---------------------------------------------------------------- inheritance in a whole document
@pytest.fixture()
def gamma(seeds_copy: Path) -> dict[str, set[tuple[str, str, bool]]]:
    corpus = load_corpus(add_gamma(seeds_copy))
    rows = assignments_step(corpus, {})["assignments"]
    assert {r["role"] for r in rows} <= set(ROLES)
    raws = {d.meta.id: d.raw for d in corpus.documents}
    for r in rows:  # explicit rows point at the name in the seed; inherited rows name their source provision
        if r["inherited"]:
            assert r["start"] is None and r["inherited_from"]
        else:
            assert normalise_text(raws[r["document_id"]][r["start"]:r["end"]]) == r["surface"]
    out: dict[str, set[tuple[str, str, bool]]] = {}
    for r in rows:
        out.setdefault(r["provision_id"], set()).add((r["actor_id"], r["role"], r["inherited"]))
    return out


def test_points_inherit_the_body_their_item_tasks(gamma):
    assert gamma["3-KH-BNG-2022:1"] == {("mofa", "lead", False), ("moit", "coordinate", False)}
    for point in ("3-KH-BNG-2022:1.a", "3-KH-BNG-2022:1.b"):
        assert gamma[point] == {("mofa", "lead", True), ("moit", "coordinate", True)}


def test_bullets_under_a_heading_take_their_role_from_their_verb(gamma):
    assert "3-KH-BNG-2022:2" not in gamma
    assert gamma["3-KH-BNG-2022:2.b1"] == {("national_steering_committee", "assist", True)}
    assert gamma["3-KH-BNG-2022:2.b2"] == {("national_steering_committee", "report", True),
                                          ("government", "recipient", False)}
