"""compare_documents / diff_provisions: the contract of `diff --json` (Comparison.as_dict()), statuses, deltas
and reading order."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.diff import STATUSES, compare_documents, diff_provisions
from dashboard.analysis.diff.compare import coverage_warning
from dashboard.dataset.load import Dataset
from tests.unit.analysis.diff_tables import provisions

DOC_A = {"id": "A-2016", "symbol": "A/2016", "coverage": "full", "source_kind": "official_translation"}
DOC_B = {"id": "B-2025", "symbol": "B/2025", "coverage": "partial", "source_kind": "ministry_summary"}


PROV_A = provisions(
    "A-2016",
    [
        "The publisher summarises the strategy for readers.",
        "Negotiate and sign free trade agreements with major partners.",
        "Protect the rights and interests of Vietnamese citizens abroad.",
        "Organise the annual football tournament of the ministry staff.",
    ],
    own=[False, True, True, True],
)
PROV_B = provisions(
    "B-2025",
    [
        "Protect the rights and interests of Vietnamese citizens abroad.",
        "Build a national space observatory for astronomy research.",
        "Sign and implement new-generation free trade agreements with partners.",
    ],
)
THEMES = pd.DataFrame(
    {
        "provision_id": ["A-2016:2", "A-2016:3", "B-2025:1", "B-2025:3", "B-2025:2"],
        "theme_id": [
            "economy_trade",
            "overseas_vietnamese",
            "overseas_vietnamese",
            "economy_trade",
            "science_technology",
        ],
        "score": [0.9, 0.9, 0.9, 0.9, 0.9],
    }
)


@pytest.fixture(scope="module")
def result() -> dict:
    return diff_provisions(
        PROV_A,
        PROV_B,
        doc_a=DOC_A,
        doc_b=DOC_B,
        provision_themes=THEMES,
        theme_order=["economy_trade", "science_technology", "overseas_vietnamese"],
    ).as_dict()


def test_every_provision_appears_and_only_unlinked_ones_are_new_or_dropped(result: dict):
    a_ids = {p["a"] for p in result["pairs"] if p["a"]}
    b_ids = {p["b"] for p in result["pairs"] if p["b"]}
    assert a_ids == set(PROV_A["id"]) and b_ids == set(PROV_B["id"])
    linked = {x for p in result["pairs"] if p["a"] and p["b"] for x in (p["a"], p["b"])}
    for p in result["pairs"]:
        if p["status"] in ("new", "dropped"):
            assert (p["a"] or p["b"]) not in linked


def test_statuses(result: dict):
    status = {(p["a"], p["b"]): p["status"] for p in result["pairs"]}
    assert status[("A-2016:3", "B-2025:1")] == "kept"
    assert status[("A-2016:2", "B-2025:3")] == "reworded"
    assert status[("A-2016:4", None)] == "dropped"
    assert status[(None, "B-2025:2")] == "new"
    # the publisher's summary (commentary) is shown apart: never counted as dropped
    assert result["summary"] == {"kept": 1, "reworded": 1, "merged": 0, "split": 0, "new": 1, "dropped": 1}
    assert result["not_counted"] == {"framing": 1, "headings": 0}
    framing = next(p for p in result["pairs"] if p["a"] == "A-2016:1")
    assert framing["counted"] is False and framing["status"] == "dropped"


def test_pairs_follow_reading_order_with_new_provisions_after_their_predecessor(result: dict):
    order = [(p["a"], p["b"]) for p in result["pairs"]]
    assert order == [
        ("A-2016:1", None),
        ("A-2016:2", "B-2025:3"),
        ("A-2016:3", "B-2025:1"),
        (None, "B-2025:2"),
        ("A-2016:4", None),
    ]


def test_pair_fields(result: dict):
    for pair in result["pairs"]:
        assert set(pair) >= {"a", "b", "a_text", "b_text", "similarity", "status", "themes", "ops"}
        assert 0.0 <= pair["similarity"] <= 1.0
        assert pair["status"] in STATUSES
        assert "".join(op["a"] for op in pair["ops"]) == pair["a_text"]
        assert "".join(op["b"] for op in pair["ops"]) == pair["b_text"]
    commentary = next(p for p in result["pairs"] if p["a"] == "A-2016:1")
    assert commentary["a_kind"] == "commentary" and commentary["a_own"] is False and commentary["b_own"] is None
    new = next(p for p in result["pairs"] if p["status"] == "new")
    assert new["similarity"] == 0.0 and new["themes"] == ["science_technology"]


def test_theme_shares_count_own_provisions(result: dict):
    shares = {t["id"]: t for t in result["themes"]}
    assert result["basis"] == {"a": "own", "b": "own"}
    # A has three own provisions (the commentary does not count), one of them on trade
    assert shares["economy_trade"]["a_share"] == pytest.approx(1 / 3, abs=1e-4)
    assert shares["economy_trade"]["b_share"] == pytest.approx(1 / 3, abs=1e-4)
    assert shares["science_technology"]["delta"] == pytest.approx(1 / 3, abs=1e-4)
    assert [t["id"] for t in result["themes"]] == [
        "economy_trade",
        "science_technology",
        "overseas_vietnamese",
    ]


def test_a_secondary_account_counts_all_its_provisions():
    reported = provisions("A-2016", ["A reporter says trade grew.", "The minister praised trade."], [False, False])
    out = diff_provisions(reported, PROV_B, doc_a=DOC_A, doc_b=DOC_B).as_dict()
    assert all(p["counted"] for p in out["pairs"])  # a secondary account is aligned and counted as it is
    assert out["basis"] == {"a": "all", "b": "own"}
    assert out["themes"] == []  # no provision_themes table: no shares rather than zeros


def test_distinctive_terms(result: dict):
    a_terms = {t["term"] for t in result["terms"]["a_distinctive"]}
    b_terms = {t["term"] for t in result["terms"]["b_distinctive"]}
    assert not a_terms & b_terms
    for row in result["terms"]["a_distinctive"] + result["terms"]["b_distinctive"]:
        assert set(row) >= {"term", "score"} and row["score"] > 0


def test_coverage_warning():
    assert "partial" in coverage_warning(DOC_A, DOC_B)
    assert coverage_warning(DOC_A, dict(DOC_A, id="C")) is None


def test_entity_and_target_deltas():
    mentions = pd.DataFrame(
        {
            "provision_id": ["A-2016:2", "B-2025:3", "B-2025:2"],
            "entity_id": ["wto", "wto", "nasa"],
            "surface": ["WTO", "WTO", "NASA"],
        }
    )
    entities = pd.DataFrame(
        {
            "id": ["wto", "nasa"],
            "name": ["World Trade Organization", "NASA"],
            "kind": ["organisation", "organisation"],
        }
    )
    targets = pd.DataFrame(
        {
            "id": ["t1", "t2", "t3", "t4"],
            "document_id": ["A-2016", "B-2025", "A-2016", "B-2025"],
            "provision_id": [None, None, None, None],
            "text": ["Partners", "Partners", "Goal A", "Goal B"],
            "kind": ["reported_indicator", "reported_indicator", "goal", "goal"],
            "indicator": ["partners", "partners", None, None],
            "end_year": [2023, 2025, 2030, 2045],
            "value": [33.0, 34.0, None, None],
            "unit": ["countries", "countries", None, None],
        }
    )
    out = diff_provisions(
        PROV_A, PROV_B, doc_a=DOC_A, doc_b=DOC_B, mentions=mentions, entities=entities, targets=targets
    ).as_dict()
    assert [e["id"] for e in out["entities"]["shared"]] == ["wto"]
    assert [e["name"] for e in out["entities"]["b_only"]] == ["NASA"]
    assert out["entities"]["a_only"] == []
    assert [c["indicator"] for c in out["targets"]["changed"]] == ["partners"]
    assert out["targets"]["changed"][0]["b"]["value"] == 34.0
    assert [t["id"] for t in out["targets"]["a_only"]] == ["t3"]
    assert [t["id"] for t in out["targets"]["b_only"]] == ["t4"]
    assert "entities" in out["settings"]["signals"]


def test_compare_documents_on_the_fixture_package(fixture_data: Path):
    dataset = Dataset(fixture_data)
    out = compare_documents(dataset, "1-NQ-TW-2020", "2-NQ-CP-2021").as_dict()
    assert out["a"] == "1-NQ-TW-2020" and out["b"] == "2-NQ-CP-2021"
    provs = dataset.provisions
    assert {p["a"] for p in out["pairs"] if p["a"]} == set(provs.loc[provs.document_id == out["a"], "id"])
    assert {p["b"] for p in out["pairs"] if p["b"]} == set(provs.loc[provs.document_id == out["b"], "id"])
    assert out["documents"]["b"]["coverage"] == "partial"
    assert out["coverage_warning"]


def test_a_readers_pins_are_applied_marked_and_echoed():
    out = diff_provisions(PROV_A, PROV_B, doc_a=DOC_A, doc_b=DOC_B, pins=["4-2", "3-"]).as_dict()
    by = {(p["a"], p["b"]): p for p in out["pairs"]}
    assert by[("A-2016:4", "B-2025:2")]["set_by"] == "reader"  # football ↔ observatory: nothing in common
    assert by[("A-2016:4", "B-2025:2")]["status"] == "reworded"
    assert by[("A-2016:3", None)]["set_by"] == "reader" and by[("A-2016:3", None)]["status"] == "dropped"
    assert by[(None, "B-2025:1")]["set_by"] == "engine"  # its engine partner was pinned away: now new
    assert by[("A-2016:2", "B-2025:3")]["set_by"] == "engine"
    assert out["pins"] == ["4-2", "3-"]
    assert {p["a"] for p in out["pairs"] if p["a"]} == set(PROV_A["id"])
    assert {p["b"] for p in out["pairs"] if p["b"]} == set(PROV_B["id"])


def test_every_provision_offers_its_three_closest_counterparts_and_more_where_they_are_close():
    from dashboard.analysis.diff.align import lexical_similarity, subject_words
    from dashboard.analysis.diff.vectors import semantic_similarity

    # one subject (trade with ASEAN partners) in different words: every provision has several candidates
    texts_a = [
        "Negotiate free trade agreements with ASEAN partners and major economies.",
        "Open markets for Vietnamese exports to ASEAN partners.",
        "Protect Vietnamese citizens and workers abroad.",
        "Attract foreign investment in high technology and exports.",
    ]
    texts_b = [
        "Implement new-generation free trade agreements with ASEAN partners.",
        "Diversify export markets and partners for Vietnamese goods.",
        "Support Vietnamese workers abroad and protect citizens.",
        "Attract high-quality foreign investment and technology transfer.",
        "Promote trade and investment with major economies and ASEAN.",
    ]
    a, b = provisions("A-2016", texts_a), provisions("B-2025", texts_b)
    out = diff_provisions(a, b, doc_a=DOC_A, doc_b=DOC_B).as_dict()  # lexical only, flat: lexical_similarity's
    sim = lexical_similarity(texts_a, texts_b)
    meaning = semantic_similarity([subject_words(t) for t in texts_a], [subject_words(t) for t in texts_b])
    offered_somewhere = 0
    for pair in out["pairs"]:
        for side in ("a", "b"):
            pid = pair[side]
            if not pid:
                assert pair["candidates"][side] == []
                continue
            k = int(pid.split(":")[1]) - 1
            line = sim[k] if side == "a" else sim[:, k]
            others = list(b["id"] if side == "a" else a["id"])
            other = "b" if side == "a" else "a"
            partners = {p[other] for p in out["pairs"] if p[side] == pid and p[other]}  # all its links
            ranked = [
                (others[j], round(float(line[j]), 4))
                for j in sorted(range(len(line)), key=lambda j: -line[j])
                if others[j] not in partners and line[j] > 0
            ]
            # the three closest, then any further one within 0.8 of the third (at most six in all)
            expected = ranked[:3] + [c for c in ranked[3:6] if len(ranked) > 2 and c[1] >= 0.8 * ranked[2][1]]
            # then the two closest by word vectors not yet offered, shared words or not
            near = meaning[k] if side == "a" else meaning[:, k]
            by_meaning = [
                j
                for j in sorted(range(len(near)), key=lambda j: -near[j])
                if others[j] not in partners and others[j] not in {c[0] for c in expected}
            ]
            shared = len(expected)
            expected += [(others[j], round(float(line[j]), 4)) for j in by_meaning[:2]]
            assert [(c["id"], c["similarity"]) for c in pair["candidates"][side]] == expected
            # those two are marked as offered by meaning (the page says so instead of their word overlap)
            assert [c.get("by") for c in pair["candidates"][side]] == [None] * shared + ["meaning"] * (
                len(expected) - shared
            )
            offered_somewhere += len(expected)
    assert offered_somewhere >= 10  # the check above ran over real offers, not empty lists


def test_a_wrong_pin_is_one_typed_error_naming_the_document():
    from dashboard.errors import InvalidPin

    with pytest.raises(InvalidPin) as err:
        diff_provisions(PROV_A, PROV_B, doc_a=DOC_A, doc_b=DOC_B, pins=["9-1"])
    assert err.value.code == "invalid-pin" and "not a provision of A/2016" in str(err.value)


def test_distinctive_terms_keep_a_proper_name_whole():
    """The Compare page's distinctive terms count "United Nations" as one term, never "united" on its own."""
    from dashboard.analysis.diff.deltas import distinctive_terms

    a = ["Cooperate with the United Nations on oceans.", "Report to the United Nations every year."] * 2
    b = ["Cooperate with partners on oceans.", "Report to partners every year."] * 2
    terms = distinctive_terms(a, b)
    shown = [t["term"] for t in terms["a_distinctive"]]
    assert "United Nations" in shown and not any(t.lower() == "united" for t in shown)


def test_a_term_is_shown_in_its_commonest_form_across_both_documents():
    """A term written several ways ("exports", "export") is shown as both documents together write it most."""
    from dashboard.analysis.diff.deltas import distinctive_terms

    a = ["Exports of rice."] * 4  # distinctive of A, which writes it "exports" four times
    b = ["Export fish, fruit, tea, coffee and pepper to partners."] * 5  # B writes "export" five times
    terms = distinctive_terms(a, b)
    export = next(t for t in terms["a_distinctive"] if t["stem"] == "export")
    assert export["term"] == "export" and (export["count_a"], export["count_b"]) == (4, 5)


def test_the_terms_a_comparison_gives_are_those_of_its_counted_provisions():
    """The distinctive terms are counted when first read; read from the comparison or from its JSON they are the
    terms of each document's counted provisions (its own text: not the publisher's framing)."""
    from dashboard.analysis.diff.deltas import distinctive_terms

    result = diff_provisions(PROV_A, PROV_B, doc_a=DOC_A, doc_b=DOC_B)
    own_a = list(PROV_A.loc[PROV_A["own_text"], "text"])
    expected = distinctive_terms(own_a, list(PROV_B["text"]))
    assert dict(result.terms) == expected and result.as_dict()["terms"] == expected
    assert not any(t["term"] == "publisher" for t in result.as_dict()["terms"]["a_distinctive"])


def test_a_heading_is_also_offered_what_its_item_as_a_whole_is_closest_to():
    # item 1's own words ("expand exchange with partners") are closest to B's 2-13; its bullets are about film
    # festivals and heritage sites, which B's 1 is about: the item as a whole points there (no context weight,
    # no link model: the heading's own similarity to B's 1 is its words' alone)
    from dashboard.analysis.diff import AlignSettings

    texts_a = [
        "1. Culture: expand exchange with partners.",
        "- Hold Vietnamese film festivals abroad.",
        "- Restore heritage sites with UNESCO.",
        "2. Protect fishermen at sea.",
    ]
    texts_b = [
        "Cultural diplomacy through film festivals and UNESCO heritage sites.",
        *(
            f"Expand exchange with partners in {field}."
            for field in (
                "sport",
                "science",
                "youth",
                "labour",
                "law",
                "media",
                "health",
                "farming",
                "energy",
                "transport",
                "finance",
                "tourism",
            )
        ),
    ]
    a = provisions("A-2016", texts_a)
    a["parent_id"] = [None, "A-2016:1", "A-2016:1", None]
    a["kind"] = ["item", "bullet", "bullet", "item"]
    b = provisions("B-2025", texts_b)
    settings = AlignSettings(context_weight=0.0, model=None)
    out = diff_provisions(a, b, doc_a=DOC_A, doc_b=DOC_B, settings=settings).as_dict()
    offered = [c["id"] for c in next(p for p in out["pairs"] if p["a"] == "A-2016:1")["candidates"]["a"]]
    assert "B-2025:1" in offered  # drawn through the item's bullets
    assert offered.index("B-2025:1") >= 3  # after the heading's own closest
    fishermen = [c["id"] for p in out["pairs"] if p["a"] == "A-2016:4" for c in p["candidates"]["a"]]
    assert "B-2025:1" not in fishermen  # a provision without children is offered only its own closest
