"""The theme tagger: the traps of codebook.md, lists of fields, inflections, side clauses, acronyms, spans."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from dashboard.analysis.codebook import Term
from dashboard.analysis.themes import Tagger, _prefix_reaching, get_tagger, source_span, tag_result, tag_text
from dashboard.corpus.normalise import normalise_text
from dashboard.corpus.spans import SpanMap


def themes(text: str) -> set[str]:
    return {t.id for t in tag_text(text)}


def evidence(text: str, theme: str) -> list[str]:
    return [e.text for t in tag_text(text) if t.id == theme for e in t.evidence]


# ---------------------------------------------------------------- the traps named in codebook.md
def test_agenda_2030_is_a_commitment_not_a_year():
    text = "Develop a plan to implement the United Nations Agenda 2030 on sustainable development."
    assert themes(text) == {"law_commitments"}
    assert evidence(text, "law_commitments") == ["Agenda 2030"]
    assert "law_commitments" in themes("Implement the 2030 Agenda for Sustainable Development.")


def test_cultural_diplomacy_is_culture_and_diplomacy():
    found = themes("Continue the effective implementation of cultural diplomacy.")
    assert found == {"culture_information", "diplomacy_partnerships"}


def test_protection_of_citizens_abroad_is_overseas_vietnamese():
    overseas = "overseas_vietnamese"
    assert overseas in themes("Effectively conduct the protection of citizens and overseas Vietnamese work.")
    assert overseas in themes("Ensure the legitimate rights and interests of Vietnamese citizens abroad.")
    assert "overseas_vietnamese" in themes("Strengthen consular work for citizens and legal entities abroad.")
    # "citizens" at home are not overseas Vietnamese
    assert "overseas_vietnamese" not in themes("Expand health insurance to all citizens.")


def test_a_list_of_fields_carries_every_field_it_names():
    text = "Step up international integration across culture, society, tourism, the environment, " \
           "education and training, health, and other fields."
    assert themes(text) == {"culture_information", "society_labor", "tourism_sports", "environment_climate",
                            "education_training", "health"}


def test_a_field_word_counts_fully_only_inside_a_list():
    # "information" alone is a weak cue; named among fields it is the field of external information
    assert "culture_information" not in themes("Enhance information exchange with partners.")
    assert "culture_information" in themes("Expand cooperation in culture, information, society and sports.")
    listed = "Exploit resources in the culture, social, healthcare and education fields."
    assert "society_labor" in themes(listed)


# ---------------------------------------------------------------- words that look like a theme but are not
@pytest.mark.parametrize("text, theme, not_theme", [
    ("Ensure national food security.", "agriculture_food", "defense_security_sovereignty"),
    ("Develop and operate effectively the social security system.", "society_labor",
     "defense_security_sovereignty"),
    ("Incorporate climate change adaptation into socio-economic development plans.", "environment_climate",
     "economy_trade"),
    ("Maintain a peaceful and stable environment for development.", "defense_security_sovereignty",
     "environment_climate"),
    ("Improve the business environment for enterprises.", "economy_trade", "environment_climate"),
    ("Ensure network safety and information security.", "digital_transformation",
     "defense_security_sovereignty"),
])
def test_compound_terms_belong_to_their_own_theme(text: str, theme: str, not_theme: str):
    found = themes(text)
    assert theme in found and not_theme not in found


def test_names_of_bodies_add_nothing():
    assert themes("The Ministry of Industry and Trade and the Ministry of Foreign Affairs shall lead and "
                  "coordinate with ministries and localities.") == {"governance"}


def test_acronyms_match_only_in_capitals():
    assert "health" in themes("Continue cooperation with WHO on disease surveillance.")
    assert "health" not in themes("Support enterprises who export to new markets.")


# ---------------------------------------------------------------- inflections, multi-word terms, side clauses
def test_plurals_and_inflections_match_but_derivations_do_not():
    assert "economy_trade" in themes("Implement the free trade agreement.")
    assert "economy_trade" in themes("Implement the free trade agreements.")
    assert "governance" in themes("Focus on raising awareness in the political system.")
    # "related" is not "relations", and "governance" of health is not the "Government"
    assert "diplomacy_partnerships" not in themes("Settle issues related to labour.")
    assert "governance" not in themes("Participate in global institutions on healthcare governance.")


def test_a_multi_word_term_does_not_cross_clause_punctuation():
    tagger = Tagger([Term("alpha beta", ("t",), "strong", 0.9)],
                    {"threshold": 0.5, "weights": {"strong": 0.9}, "side_clause_factor": 0.5}, order=["t"])
    assert [t.id for t in tagger.tag("the alpha beta rule")] == ["t"]
    assert [t.id for t in tagger.tag("the alphas betas rule")] == ["t"]
    assert tagger.tag("the alpha, beta rule") == []
    assert tagger.tag("the alpha; beta rule") == []
    assert [t.id for t in tagger.tag("the alpha-beta rule")] == ["t"]


def test_the_longest_term_wins():
    tagger = Tagger([Term("security", ("defence",), "weak", 0.25),
                     Term("food security", ("food",), "strong", 0.9)],
                    {"threshold": 0.5, "weights": {"strong": 0.9}, "side_clause_factor": 0.5},
                    order=["defence", "food"])
    assert [t.id for t in tagger.tag("ensure food security")] == ["food"]
    assert tagger.tag("ensure food security", threshold=0.0)[0].evidence[0].text == "food security"


def test_a_side_clause_adds_little():
    text = "Intensify international integration in science, technology and innovation, contributing to " \
           "enhancing national competitiveness."
    assert themes(text) == {"science_technology"}
    # the same words as the sentence's main verb count
    main_verb = "Contribute to maintaining a peaceful and stable environment."
    assert "defense_security_sovereignty" in themes(main_verb)
    # "participate in and contribute to" is a main verb, not a side clause
    assert "law_commitments" in themes("Actively participate in and contribute to the development of laws.")


def test_vietnamese_terms_match_without_diacritics():
    assert themes("Đẩy mạnh hội nhập quốc tế về văn hóa, du lịch và y tế.") >= {
        "culture_information", "tourism_sports", "health"}


# ---------------------------------------------------------------- the result's shape
@pytest.mark.parametrize("text", [
    "Beef up economic diplomacy; conduct overseas Vietnamese work and the protection of citizens.",
    "Mobilise ODA and concessional loans for climate change adaptation and social welfare.",
    "  Tăng cường\u00a0hợp tác về văn hóa,  giáo dục.  ",
])
def test_scores_are_sorted_and_spans_point_at_the_evidence(text: str):
    tags = tag_text(text)
    assert tags
    scores = [t.score for t in tags]
    assert scores == sorted(scores, reverse=True)
    for tag in tags:
        assert get_tagger().threshold <= tag.score <= 1
        for ev in tag.evidence:
            assert text[ev.start:ev.end] == ev.text
            assert 0 < ev.weight <= 1


def test_tag_result_is_the_cli_contract():
    result = tag_result("Promote cultural diplomacy.")
    assert set(result) == {"themes"}
    for theme in result["themes"]:
        assert set(theme) == {"id", "score", "evidence"}
        assert theme["evidence"] and set(theme["evidence"][0]) == {"term", "text", "start", "end", "weight"}
    assert tag_result("") == {"themes": []}
    assert tag_result("The weather was fine.") == {"themes": []}


# ---------------------------------------------------------------- offsets into the raw seed
@pytest.mark.parametrize("raw", [
    "- Promote\u00a0cultural  diplomacy 🌏 and trade.",
    "Cooperate on cafe\u0301 culture and\u200b tourism.",  # a decomposed accent and an invisible space
    "Plain text: culture and tourism.",
])
def test_source_span_maps_normalised_offsets_back_to_the_raw_text(raw: str):
    text = normalise_text(raw)
    evidence = [ev for tag in tag_text(text) for ev in tag.evidence]
    assert evidence  # each line names a theme, so the check below runs
    spans = SpanMap(raw, 0, len(raw))
    for ev in evidence:
        start, end = source_span(spans, ev.start, ev.end, raw)
        assert normalise_text(raw[start:end]) == ev.text


def _bisected_span(segment: str, text: str, start: int, end: int) -> tuple[int, int]:
    # how source_span found the offsets before (a normalisation of a prefix per step): the reference
    if segment == text:
        return start, end
    raw_start = _prefix_reaching(segment, start + 1) - 1
    raw_end = _prefix_reaching(segment, end)
    while raw_end < len(segment) and unicodedata.combining(segment[raw_end]):
        raw_end += 1
    return raw_start, raw_end


@pytest.mark.parametrize("seed", range(12))
def test_source_span_gives_the_offsets_the_prefix_bisection_gave(seed: int):
    rng = random.Random(seed)
    pieces = ["culture", "Vi\u1ec7t", "Vie\u0323\u0302t", "cafe\u0301", " ", "  ", "\u00a0", "\t", "\n", "\u200b",
              "\U0001F30F", "\u00ad", ",", "trade", "đổi mới", "ho\u0300a", "\u2003", "x"]
    raw = "".join(rng.choice(pieces) for _ in range(rng.randint(5, 60)))
    offset = rng.randint(0, 3)
    seed_text = "HEAD\n"[:offset] + raw
    spans = SpanMap(seed_text, offset, len(seed_text))
    text = normalise_text(raw)
    assert spans.text == text
    for word in re.finditer(r"\w+", text):  # evidence starts and ends on word characters
        expected = _bisected_span(raw, text, word.start(), word.end())
        got = source_span(spans, word.start(), word.end(), seed_text)
        assert (got[0] - offset, got[1] - offset) == expected, (raw, word.group(0))
