"""Targets and horizons: what a year, a period or a number means from the words around it."""

from __future__ import annotations

import pytest

from dashboard.analysis.targets import extract_targets, targets_step
from dashboard.corpus.load import load_corpus
from dashboard.corpus.normalise import normalise_text


def rows(text: str, year: int = 2020, **kwargs) -> list[tuple]:
    found = extract_targets(text, year, **kwargs)
    return [(t.kind, t.start_year, t.end_year, t.value, t.unit) for t in found]


# ---------------------------------------------------------------- horizons and periods
@pytest.mark.parametrize("text, expected", [
    ("Expand exports to new markets through 2035.", [("goal", None, 2035, None, "")]),
    ("Complete the review until 2021.", [("milestone", None, 2021, None, "")]),
    ("Evaluate the first results by the end of 2030.", [("milestone", None, 2030, None, "")]),
    ("Open two consulates in 2022.", [("milestone", None, 2022, None, "")]),
    ("Phase 2 (2023-2027): scale up the model.", [("milestone", 2023, 2027, None, "")]),
    ("Modernise the army by the middle of the 21st century.", [("goal", None, None, None, "")]),
])
def test_deadlines_stages_and_open_horizons(text: str, expected: list[tuple]):
    assert rows(text) == expected


def stages(text: str, year: int = 2016, **kwargs) -> list[tuple]:
    return [(t.surface, t.stage) for t in extract_targets(text, year, **kwargs)]


@pytest.mark.parametrize("text, context, expected", [
    # the stage is numbered with its years, or the provision opens with it: every target in it has that stage
    ("Stage 2 (2026-2030): expand the model.", "", [("Stage 2 (2026-2030)", "Stage 2")]),
    ("Giai đoạn 1 (2021–2025): thí điểm mô hình.", "", [("Giai đoạn 1 (2021–2025)", "Giai đoạn 1")]),
    ("2. Stage 2: Evaluate the first stage by the end of 2020 and adjust the plans for the 2021-2025, "
     "and 2026-2030.", "",
     [("by the end of 2020", "Stage 2"), ("for the 2021-2025", "Stage 2"), ("2026-2030", "Stage 2")]),
    ("b) Phase II: attract 30 projects by 2025.", "", [("30 projects", "Phase II"), ("by 2025", "Phase II")]),
    # or the heading above it does
    ("- Complete the review by 2022.", "Stage 2: scale up the model", [("by 2022", "Stage 2")]),
    # a year merely mentioned, a stage that is not numbered, "phase out", a period: no stage
    ("Complete the first stage by 2022.", "", [("by 2022", "")]),
    ("Propose central tasks for each stage until 2030.", "Part V", [("until 2030", "")]),
    ("Phase out coal power by 2040.", "", [("by 2040", "")]),
    ("Giai đoạn 2021-2025: thí điểm mô hình.", "", [("Giai đoạn 2021-2025", "")]),
    ("- Review the results in 2022.", "1. National Steering Committee", [("in 2022", "")]),
])
def test_a_target_has_the_stage_its_text_or_heading_numbers(text: str, context: str, expected: list[tuple]):
    assert stages(text, context=context) == expected


def test_a_named_programme_gives_its_period():
    found = extract_targets("Implement the National Green Growth Strategy for the 2021-2030 period, with a "
                            "vision to 2050.", 2021)
    assert [(t.kind, t.start_year, t.end_year) for t in found] == [("programme_period", 2021, 2030),
                                                                    ("programme_period", None, 2050)]
    assert {t.programme for t in found} == {"National Green Growth Strategy"}


def test_an_unnamed_plan_with_a_far_deadline_is_a_goal():
    assert rows("Develop a plan to train diplomats in every province through 2030.", 2016) == [
        ("goal", None, 2030, None, "")]


def test_a_year_in_a_name_is_a_horizon_only_when_it_lies_ahead():
    assert rows("Carry out the Vision 2045 programme.", 2021) == [("programme_period", None, 2045, None, "")]
    assert rows("Apply the 1982 UN Convention on the Law of the Sea.", 2021) == []
    assert rows("Host the APEC 2027 Leaders' Week.", 2025) == [("milestone", None, 2027, None, "")]


@pytest.mark.parametrize("text", [
    "Resolution No. 24-NQ/TW dated 3 June 2013 of the Party Central Committee.",
    "The Decision was signed on January 7, 2016 in Ha Noi.",
    "The 13th National Party Congress and the 11th-tenure Politburo.",
    "After 35 years of renewal and a 10-year review.",
    "One of the main tasks is to hold three rounds of talks.",
    "Since 2013, relations have deepened.",
    "Visit https://example.org/2030-plan for details.",
    "Implement Resolution No.22 in the coming time.",
])
def test_dates_of_issue_symbols_ordinals_and_durations_are_never_targets(text: str):
    assert rows(text, 2016) == []


def test_a_past_year_is_history_not_a_milestone():
    assert rows("Viet Nam joined the WTO in 2007.", 2016) == []


def test_a_list_label_is_not_a_figure():
    text = "3 countries signed the accord."
    assert rows(text, label_end=0) == [("reported_indicator", None, None, 3.0, "countries")]
    assert rows("3. Countries signed the accord.", label_end=2) == []


# ---------------------------------------------------------------- figures
def test_counted_figures_with_number_words_anaphora_and_since():
    text = ("Since 2015 the country has signed agreements with nine countries and with four others, "
            "raising the number of partners with such agreements to 25.")
    assert rows(text, 2021) == [("reported_indicator", 2015, None, 9.0, "countries"),
                                ("reported_indicator", 2015, None, 4.0, "countries"),
                                ("reported_indicator", None, None, 25.0, "partners")]


def test_a_figure_set_for_a_deadline_is_a_goal_with_its_value():
    found = rows("Ensure that 80 percent of enterprises use e-commerce by 2030.", 2024)
    assert ("goal", None, 2030, 80.0, "percent") in found
    assert ("goal", None, 2030, None, "") in found


def test_money_needs_a_currency():
    assert rows("In 2019 exports reached USD 264 billion.", 2020) == [
        ("reported_indicator", None, None, 264.0, "billion USD")]
    assert rows("The population reached 97 million.", 2020) == []


def test_a_number_before_an_uncounted_noun_is_not_a_figure():
    assert rows("Renewal rests on three pillars and two wings.", 2020) == []


# ---------------------------------------------------------------- the table
def test_target_table_keeps_cited_rows_first_and_spans_give_the_surface(fixture_seeds):
    corpus = load_corpus(fixture_seeds)
    cited = [{"id": "x:cited-t1", "origin": "cited", "kind": "goal", "text": "cited"}]
    themes = [{"provision_id": "1-NQ-TW-2020:1.a", "theme_id": "economy_trade", "score": 0.9},
              {"provision_id": "1-NQ-TW-2020:1.a", "theme_id": "law_commitments", "score": 0.6}]
    table = targets_step(corpus, {"targets": cited, "provision_themes": themes})["targets"]
    assert table[0] is cited[0]
    extracted = table[1:]
    assert extracted and all(r["origin"] == "extracted" and r["confidence"] == "P" for r in extracted)
    raws = {d.meta.id: d.raw for d in corpus.documents}
    for r in extracted:
        assert normalise_text(raws[r["document_id"]][r["start"]:r["end"]]) == r["surface"]
        assert r["surface"] in r["text"]
    by_provision = {r["provision_id"]: r for r in extracted}
    assert by_provision["1-NQ-TW-2020:1.a"]["theme_ids"] == ["economy_trade", "law_commitments"]
    assert by_provision["1-NQ-TW-2020:1.a"]["end_year"] == 2030
