"""The codebook file: the sixteen public ids, the notes a reader needs, and terms the tagger can use."""

from __future__ import annotations

import copy
from collections import defaultdict

from dashboard.analysis.codebook import check_codebook, lexicon, load_codebook, spelling_variants, theme_rows
from dashboard.analysis.themes import lemma_key

# the public contract of shared/codebook.md, in its order
IDS = ["governance", "economy_trade", "defense_security_sovereignty", "diplomacy_partnerships",
       "science_technology", "digital_transformation", "culture_information", "education_training", "health",
       "society_labor", "environment_climate", "tourism_sports", "law_commitments", "external_resources",
       "overseas_vietnamese", "agriculture_food"]


def test_the_sixteen_ids_in_order_with_labels_and_scope():
    rows = theme_rows()
    assert [r["id"] for r in rows] == IDS
    assert all(r["label_en"] and r["label_vi"] and r["scope"] for r in rows)


def test_every_theme_explains_itself():
    for theme in load_codebook()["themes"]:
        assert len(theme["include"]) > 40 and len(theme["exclude"]) > 20, theme["id"]
        assert theme["terms"]["strong"], theme["id"]


def test_the_shipped_codebook_is_consistent():
    assert check_codebook(load_codebook()) == []


def test_inconsistencies_are_reported_with_where():
    data = copy.deepcopy(load_codebook())
    data["phrases"][0]["themes"].append("foreign_policy")
    data["themes"][1]["fields"].append("not a term")
    del data["themes"][2]["include"]
    where = [w for w, _ in check_codebook(data)]
    assert "phrases[0].themes" in where
    assert any(w.startswith("themes[1]") and w.endswith(".fields") for w in where)
    assert any(w.startswith("themes[2]") and w.endswith(".include") for w in where)


def test_no_term_sits_in_two_tiers_of_one_theme():
    # plural and singular share a lemma: listing them in different tiers would silently keep the heavier
    tiers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for term in lexicon():
        key = lemma_key(term.text)
        for theme in term.themes:
            tiers[(theme, key)].add(term.tier)
    assert {k: v for k, v in tiers.items() if len(v) > 1} == {}


def test_british_and_american_spellings_are_both_matched():
    assert "labor market" in spelling_variants("labour market")
    assert "organization" in spelling_variants("organisation")
    assert "organisation" in spelling_variants("organization")
    assert "defense cooperation" in spelling_variants("defence cooperation")
    assert "program" in spelling_variants("programme")
    assert spelling_variants("trade")[0] == "trade"
