"""Term emergence and document keyness on small hand-made corpora, and the fixture corpus's term_emergence table."""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.keyness import count_terms, document_keyness, provisions_of
from dashboard.analysis.terms import count_document_terms, term_emergence_rows
from dashboard.analysis.themes import get_tagger

DOCS = [
    {"id": "D2013", "issued": "2013-04-10", "held": True},
    {"id": "D2016a", "issued": "2016-01-07", "held": True},
    {"id": "D2016b", "issued": "2016-01-07", "held": True},
    {"id": "D2025", "issued": "2025-01-24", "held": True},
]
TEXTS = {
    "D2013": ["Promote trade and investment with partners.", "Promote trade and investment in the region."],
    "D2016a": ["Promote trade and the digital transformation of enterprises."],
    "D2016b": ["Strengthen the protection of citizens abroad."],
    "D2025": [
        "Promote digital transformation and climate change adaptation.",
        "Promote digital transformation; climate change adaptation first.",
    ],
}


def corpus() -> tuple[list[dict], list[dict]]:
    provisions, tags = [], []
    for doc, texts in TEXTS.items():
        for i, text in enumerate(texts, start=1):
            pid = f"{doc}:{i}"
            provisions.append({"id": pid, "document_id": doc, "text": text, "own_text": True, "words": 5})
            for tag in get_tagger().tag(text):
                ev = tag.evidence
                tags.append(
                    {
                        "provision_id": pid,
                        "theme_id": tag.id,
                        "evidence": [e.text for e in ev],
                        "starts": [e.start for e in ev],
                        "ends": [e.end for e in ev],
                    }
                )
    return provisions, tags


@pytest.fixture(scope="module")
def emergence() -> pd.DataFrame:
    provisions, tags = corpus()
    return pd.DataFrame(term_emergence_rows(DOCS, provisions, tags)).query("basis == 'own'")


def terms(frame: pd.DataFrame, doc: str, status: str) -> set[str]:
    return set(frame.loc[(frame["document_id"] == doc) & (frame["status"] == status), "term"])


def test_the_first_document_has_no_rows(emergence):
    assert "D2013" not in set(emergence["document_id"])


def test_new_terms_are_new_against_every_earlier_document(emergence):
    assert {"digital transformation", "enterprises"} <= terms(emergence, "D2016a", "new")
    assert "trade" not in terms(emergence, "D2016a", "new")
    # same-day documents are not earlier than one another
    assert "digital transformation" not in terms(emergence, "D2016b", "new")
    assert "protection of citizens" in terms(emergence, "D2016b", "new")
    assert {"climate change", "climate change adaptation"} & terms(emergence, "D2025", "new")
    assert "digital transformation" not in terms(emergence, "D2025", "new")


def test_dropped_terms_are_gone_for_good_after_their_last_use(emergence):
    assert "investment" in terms(emergence, "D2016a", "dropped")
    assert "trade" not in terms(emergence, "D2016a", "dropped")  # still used on the same day
    assert "trade" in terms(emergence, "D2025", "dropped")
    row = emergence[(emergence["term"] == "trade") & (emergence["status"] == "dropped")].iloc[0]
    assert row["seen_in"] == "D2016a" and row["count"] == 1


def test_codebook_terms_carry_their_themes(emergence):
    row = emergence[emergence["term"] == "protection of citizens"].iloc[0]
    assert row["kind"] == "codebook" and row["theme_ids"] == ["overseas_vietnamese"]
    assert row["example_provision_id"] == "D2016b:1"


def test_phrases_nested_in_the_same_longer_phrase_are_not_listed(emergence):
    phrases = set(emergence.loc[emergence["kind"] == "phrase", "key"])
    assert "chang adapt" not in phrases  # always inside "climate change adaptation"
    # a codebook term stays even when a longer run always holds it ("promote digital transformation")
    assert "digital transformation" in set(emergence.loc[emergence["kind"] == "codebook", "term"])


def test_count_terms_keeps_runs_inside_clauses_and_drops_symbols():
    counts = count_terms(["Resolution 59-NQ/TW on climate change, trade agreements."], max_n=2)
    assert "climat chang" in counts.counts and "trade agreement" in counts.counts
    assert "chang trade" not in counts.counts  # a comma stands between them
    assert not {"nq", "tw"} & set(counts.counts)
    assert counts.display("trade agreement") == "trade agreements"


def test_document_keyness_finds_each_documents_distinctive_words():
    provisions, _ = corpus()
    a_terms, b_terms = document_keyness(pd.DataFrame(provisions), "D2013", "D2025", min_count=2)
    assert "investment" in [k.term for k in a_terms]
    assert "climate" in [k.term for k in b_terms]
    assert all(k.score > 0 for k in a_terms + b_terms)


def test_keyness_sources_and_bases():
    provisions, _ = corpus()
    reported = [{**p, "own_text": False} for p in provisions if p["document_id"] == "D2013"]
    rows = reported + [p for p in provisions if p["document_id"] != "D2013"]
    assert provisions_of({"provisions": rows}, "D2013", basis="own") == []
    assert len(provisions_of(rows, "D2013", basis="auto")) == 2  # a report only: all its text counts
    with pytest.raises(ValueError):
        provisions_of(rows, "D2013", basis="mine")


def test_stored_term_emergence_names_real_provisions(fixture_data: Path):
    table = pd.read_parquet(fixture_data / "term_emergence.parquet")
    provisions = pd.read_parquet(fixture_data / "provisions.parquet").set_index("id")
    assert set(table["status"]) == {"new", "dropped"}
    for row in table.itertuples():
        example = provisions.loc[row.example_provision_id]
        assert example["document_id"] == row.seen_in


def test_a_proper_name_is_one_term_and_its_words_are_not_terms():
    """ "united" is not a term of a text that says "United Nations": the name counts as one unit."""
    counts = count_terms(
        [
            "Develop a plan to implement the United Nations programme on oceans.",
            "Work with the United Nations and the Asian Development Bank; the Ministry of Foreign Affairs leads.",
            "ASEAN Economic Community members trade within a united market.",  # an acronym may begin a name
        ],
        max_n=3,
    )
    shown = {counts.display(k): n for k, n in counts.counts.items()}
    assert shown["United Nations"] == 2
    assert shown["Asian Development Bank"] == 1 and shown["Ministry of Foreign Affairs"] == 1
    assert shown["ASEAN Economic Community"] == 1
    assert shown["united"] == 1  # the common word, in "a united market"
    for part in ("nations", "asian", "development bank", "United Nations programme", "foreign affairs"):
        assert part not in shown and part.lower() not in shown
    assert "develop" in shown and "Develop" not in shown  # a sentence's first word is not a name


def test_keyness_of_a_name_is_the_name(tmp_path: Path):
    provisions = [
        {"document_id": "A", "text": "Cooperate with the United Nations.", "own_text": True},
        {"document_id": "A", "text": "Report to the United Nations each year.", "own_text": True},
        {"document_id": "B", "text": "Cooperate with partners each year.", "own_text": True},
        {"document_id": "B", "text": "Report to partners.", "own_text": True},
    ]
    key_a, _ = document_keyness(pd.DataFrame(provisions), "A", "B", min_count=2)
    assert [k.term for k in key_a] == ["United Nations"]


def test_a_vietnamese_text_is_compared_only_with_earlier_vietnamese_texts():
    """An original in Vietnamese after English translations is neither new against their English words nor the
    end of them; against an earlier Vietnamese text, "hội nhập" is one term, new or not as a whole."""
    docs = [
        *DOCS,
        {"id": "V2026a", "issued": "2026-03-15", "held": True},
        {"id": "V2026b", "issued": "2026-05-20", "held": True},
    ]
    texts = {
        **TEXTS,
        "V2026a": ["Đẩy mạnh hội nhập quốc tế và thu hút đầu tư nước ngoài.", "Thu hút đầu tư nước ngoài."],
        "V2026b": ["Đẩy mạnh hội nhập kinh tế và bảo đảm an ninh lương thực.", "Bảo đảm an ninh lương thực quốc gia."],
    }
    provisions, tags = [], []
    for doc, lines in texts.items():
        for i, text in enumerate(lines, start=1):
            pid = f"{doc}:{i}"
            provisions.append(
                {
                    "id": pid,
                    "document_id": doc,
                    "text": text,
                    "own_text": True,
                    "words": 5,
                    "language": "vi" if doc.startswith("V") else "en",
                }
            )
            for tag in get_tagger().tag(text):
                tags.append(
                    {
                        "provision_id": pid,
                        "theme_id": tag.id,
                        "evidence": [e.text for e in tag.evidence],
                        "starts": [e.start for e in tag.evidence],
                        "ends": [e.end for e in tag.evidence],
                    }
                )
    frame = pd.DataFrame(term_emergence_rows(docs, provisions, tags)).query("basis == 'own'")
    # the first Vietnamese text has nothing earlier in its language; English words do not stop at it
    assert frame[frame["document_id"] == "V2026a"].empty
    # the English texts keep exactly the rows they had without the Vietnamese ones
    provisions_en, tags_en = corpus()
    english = pd.DataFrame(term_emergence_rows(DOCS, provisions_en, tags_en)).query("basis == 'own'")
    assert (
        frame[~frame["document_id"].str.startswith("V")].reset_index(drop=True).equals(english.reset_index(drop=True))
    )
    second = frame[frame["document_id"] == "V2026b"]
    assert set(second["earlier_documents"]) == {1}
    new = terms(frame, "V2026b", "new")
    assert "an ninh lương thực" in {t.lower() for t in new}
    assert not {"hội nhập", "hội", "nhập"} & {t.lower() for t in new}  # used before, as one word
    assert not new & {"promote", "trade", "digital transformation"}
    dropped = second[second["status"] == "dropped"]
    assert len(dropped) and set(dropped["seen_in"]) == {"V2026a"}  # only the Vietnamese text's terms end here


def test_term_counts_kept_in_the_build_cache_give_the_same_emergence():
    # the build pickles each document's counts into its cache (as plain dicts) and merges them when it rebuilds
    provisions, tags = corpus()
    counted = []
    for doc in TEXTS:
        mine = [p for p in provisions if p["document_id"] == doc]
        inventory = count_document_terms(mine, [t for t in tags if t["provision_id"].startswith(f"{doc}:")])
        counted.append(pickle.loads(pickle.dumps(inventory)))
    # what the merge reads is kept; the per-provision counts, already summed per document, are not
    assert counted[0].per_document and not counted[0].per_provision
    assert term_emergence_rows(DOCS, provisions, tags, counted) == term_emergence_rows(DOCS, provisions, tags)
