"""Mentions: spans back into the raw seed, longest-match aliases, document symbols, and the relation graph."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from dashboard.analysis.entities import (
    AliasMatcher,
    entity_rows,
    load_gazetteer,
    mentions_step,
)
from dashboard.analysis.relations import merge_relations, relations_step
from dashboard.corpus.load import load_corpus
from dashboard.corpus.normalise import normalise_text
from dashboard.dataset.build import cited_relation_rows
from dashboard.dataset.validate import validate_package
from dashboard.errors import DataInvalid

GAMMA_TEXT = """Plan of the Ministry of Foreign Affairs to implement Resolution 1-NQ/TW

1. The Ministry of Foreign Affairs shall lead and coordinate with the Ministry of Industry and Trade to:

a) Review the implementation of Resolution No. 2/NQ-CP and Decision No. 77/QĐ-TTg by the end of 2023.

b) Promote cooperation with ASEAN and the WHO until 2025; who benefits is reviewed each year.

2. National Steering Committee for International Integration

- Assist the Prime Minister in following up the Plan.

- Submit annual reports to the Government.
"""
GAMMA_SIDECAR = """symbol: 3/KH-BNG
doc_type: action_plan
issuer: ministry
issued: 2022-03-01
title_en: Plan to implement Resolution 1-NQ/TW (test fixture)
source_url: https://example.org/gamma
source_kind: official_translation
coverage: full
coverage_note: A made-up ministry plan that cites the other fixtures.
horizons: [2025]
body:
  start: "Plan of the Ministry of Foreign Affairs"
commentary:
  - "Plan of the Ministry of Foreign Affairs"
"""


def add_gamma(seeds: Path) -> Path:
    """Add a third made-up document, unknown to the gazetteer, to a copy of the fixture corpus."""
    (seeds / "gamma.txt").write_text(GAMMA_TEXT, encoding="utf-8")
    (seeds / "gamma.yml").write_text(GAMMA_SIDECAR, encoding="utf-8")
    return seeds


# ---------------------------------------------------------------- matching
def test_longest_name_wins_and_nested_names_are_dropped():
    matcher = AliasMatcher(
        [("ASEAN", "asean"), ("ASEAN Community", "asean_community"), ("APEC", "apec"), ("APEC in 2017", "apec_2017")]
    )
    found = matcher.find("Build a strong ASEAN Community; organise the APEC in 2017 and meet in ASEAN.")
    assert [(m.key, m.surface) for m in found] == [
        ("asean_community", "ASEAN Community"),
        ("apec_2017", "APEC in 2017"),
        ("asean", "ASEAN"),
    ]


def test_acronyms_match_case_sensitively_and_names_in_any_case():
    matcher = AliasMatcher([("WHO", "who"), ("DOC", "doc"), ("World Trade Organization", "wto")])
    found = matcher.find("Those who doc the WHO; join the world trade organization.")
    assert [m.key for m in found] == ["who", "wto"]


def test_matches_are_whole_words_with_quotes_and_dashes_folded():
    matcher = AliasMatcher([("UN", "un"), ("Asian Workers' Compensation Forum", "awcf"), ("EU-Vietnam FTA", "ev")])
    text = "UNESCO and UNDP; the Asian Workers\u2019 Compensation Forum; the EU\u2013Vietnam FTA; UN."
    found = matcher.find(text)
    assert [m.key for m in found] == ["awcf", "ev", "un"]


def test_a_short_form_is_not_the_start_of_another_symbol():
    matcher = AliasMatcher([("Resolution No.22", "22-nq-tw-2013")])
    assert matcher.find("implementation of Resolution No.22, as well as") != []
    assert matcher.find("implementation of Resolution No.22/NQ-CP on trade") == []
    assert matcher.find("implementation of Resolution No.22-NQ/TW on trade") == []


def test_no_alias_of_the_gazetteer_stands_for_two_entities():
    owners: dict[str, set[str]] = {}
    for entity in load_gazetteer():
        for alias in entity["aliases"]:
            owners.setdefault(normalise_text(alias).casefold(), set()).add(entity["id"])
    assert {a: ids for a, ids in owners.items() if len(ids) > 1} == {}


def test_every_gazetteer_alias_finds_its_own_entity():
    entities = load_gazetteer()
    matcher = AliasMatcher((a, e["id"]) for e in entities for a in e["aliases"])
    found = {
        (e["id"], alias): [m.key for m in matcher.find(normalise_text(f"See {alias} here."))]
        for e in entities
        for alias in e["aliases"]
    }
    wrong = {key: keys for key, keys in found.items() if keys != [key[0]]}
    assert wrong == {}


# ---------------------------------------------------------------- a new document, no gazetteer entry needed
@pytest.fixture()
def gamma_tables(seeds_copy: Path) -> dict:
    corpus = load_corpus(add_gamma(seeds_copy))
    tables = {"relations": cited_relation_rows(corpus)}
    tables.update(mentions_step(corpus, tables))
    tables.update(relations_step(corpus, tables))
    return {"corpus": corpus, **tables}


def test_corpus_documents_get_entities_without_a_gazetteer_entry(seeds_copy: Path):
    corpus = load_corpus(add_gamma(seeds_copy))
    rows = {r["id"]: r for r in entity_rows(corpus)}
    assert rows["3-kh-bng-2022"]["document_id"] == "3-KH-BNG-2022"
    assert rows["2-nq-cp-2021"]["origin"] == "corpus"


def test_symbols_in_text_are_mentions_of_their_documents(gamma_tables):
    mentions = [(m["provision_id"], m["entity_id"], m["surface"]) for m in gamma_tables["mentions"]]
    assert ("3-KH-BNG-2022:1.a", "2-nq-cp-2021", "2/NQ-CP") in mentions
    assert ("3-KH-BNG-2022:1.b", "asean", "ASEAN") in mentions
    assert ("3-KH-BNG-2022:1.b", "who", "WHO") in mentions
    assert sum(1 for m in mentions if m[1] == "who") == 1  # "who benefits" is no organisation
    unknown = {e["id"]: e for e in gamma_tables["entities"]}["77-qd-ttg"]
    assert (unknown["origin"], unknown["kind"], unknown["document_id"]) == ("symbol", "document", "")


def test_mention_spans_give_back_their_surface(gamma_tables):
    raws = {d.meta.id: d.raw for d in gamma_tables["corpus"].documents}
    assert {m["document_id"] for m in gamma_tables["mentions"]} == set(raws)  # every document mentions something
    for m in gamma_tables["mentions"]:
        assert normalise_text(raws[m["document_id"]][m["start"] : m["end"]]) == m["surface"]


def test_the_text_adds_relations_and_confirms_cited_ones(gamma_tables):
    rows = {(r["source_id"], r["kind"], r["target_id"]): r for r in gamma_tables["relations"]}
    # a plan "to implement Resolution 1-NQ/TW" in its title line implements it
    assert rows[("3-KH-BNG-2022", "implements", "1-NQ-TW-2020")]["origin"] == "extracted"
    assert rows[("3-KH-BNG-2022", "references", "2-NQ-CP-2021")]["provision_id"] == "3-KH-BNG-2022:1.a"
    # the cited relation of the fixture is stated in beta's heading as well
    cited = rows[("2-NQ-CP-2021", "implements", "1-NQ-TW-2020")]
    assert (cited["origin"], cited["evidence"], cited["source_url"]) == (
        "cited+extracted",
        "the programme's title",
        "https://example.org/beta",
    )
    # a document the corpus does not know feeds no relation, and no document relates to itself
    assert all(r["target_id"] in {"1-NQ-TW-2020", "2-NQ-CP-2021"} for r in gamma_tables["relations"])


def test_merge_keeps_cited_rows_first_and_their_evidence():
    cited = [
        {
            "source_id": "b",
            "kind": "implements",
            "target_id": "a",
            "evidence": "its purpose",
            "source_url": "https://example.org/cited",
            "confidence": "V",
            "origin": "cited",
            "provision_id": "",
        }
    ]
    extracted = [
        {
            "source_id": "b",
            "kind": "references",
            "target_id": "a",
            "evidence": "b:p2",
            "source_url": "x",
            "confidence": "P",
            "origin": "extracted",
            "provision_id": "b:p2",
            "provision_ids": ["b:p2"],
        },
        {
            "source_id": "b",
            "kind": "references",
            "target_id": "c",
            "evidence": "b:p3",
            "source_url": "x",
            "confidence": "V",
            "origin": "extracted",
            "provision_id": "b:p3",
            "provision_ids": ["b:p3"],
        },
    ]
    merged = merge_relations(cited, extracted)
    assert [(r["kind"], r["target_id"], r["origin"]) for r in merged] == [
        ("implements", "a", "cited+extracted"),
        ("references", "c", "extracted"),
    ]
    kept = (merged[0]["evidence"], merged[0]["confidence"], merged[0]["provision_id"])
    assert kept == ("its purpose", "V", "b:p2")


# ---------------------------------------------------------------- validation
def test_validation_catches_a_mention_span_that_does_not_give_its_surface(
    tmp_path: Path, fixture_data: Path, fixture_seeds: Path
):
    broken = tmp_path / "data"
    shutil.copytree(fixture_data, broken)
    path = broken / "mentions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, "the fixture corpus mentions UNESCO"
    rows[0]["surface"] = rows[0]["surface"] + "X"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataInvalid) as caught:
        validate_package(broken, seeds_dir=fixture_seeds)
    assert any("mentions.csv" in p and "surface" in p for p in caught.value.problems)


def test_a_gazetteer_document_keeps_its_entity_when_another_year_shares_its_symbol(seeds_copy: Path):
    """On a large corpus two documents may be numbered 22-NQ/TW (2013 and 2019): the symbol no longer names one
    of them, so the gazetteer's entry is tied by its id, and no id is given twice (the package refused that)."""
    for year in (2013, 2019):
        sidecar = GAMMA_SIDECAR.replace("3/KH-BNG", "22-NQ/TW").replace("2022-03-01", f"{year}-04-10")
        sidecar = sidecar.replace("doc_type: action_plan", "doc_type: resolution").replace("ministry", "politburo")
        sidecar += f"symbol_note: the {year} resolution numbered 22\n"
        (seeds_copy / f"r{year}.txt").write_text(GAMMA_TEXT, encoding="utf-8")
        (seeds_copy / f"r{year}.yml").write_text(sidecar, encoding="utf-8")
    corpus = load_corpus(seeds_copy)
    assert {"22-NQ-TW-2013", "22-NQ-TW-2019"} <= {m.id for m in corpus.all_meta()}
    rows = entity_rows(corpus)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    by_id = {r["id"]: r for r in rows}
    assert (by_id["22-nq-tw-2013"]["origin"], by_id["22-nq-tw-2013"]["document_id"]) == ("gazetteer", "22-NQ-TW-2013")
    assert by_id["22-nq-tw-2019"]["origin"] == "corpus"
