"""Word-level ops inside an aligned pair: the format, the round trip and the clean-up of chance islands."""

from __future__ import annotations

import pytest

from dashboard.analysis.diff.words import one_sided_ops, overlap_reaches, pieces, word_ops, word_overlap

TEXTS = [
    ("Expand trade with partners.", "Expand trade with key partners."),
    (
        "- Speed up training partnership with foreign education establishments.",
        "Review agreements on mutual recognition of diplomas between Vietnam and other countries.",
    ),
    ("a) Protect the rights of Vietnamese citizens abroad.", "Protect the rights of citizens abroad."),
    ("", "Something new."),
    ("Something old.", ""),
    ("  leading space, and  double  spaces", "leading space and double spaces"),
    ("Country’s “image” – Bộ", 'country\'s "image" - bo'),
    ("<script>alert(1)</script> & co", "&lt;b&gt; co"),
]


@pytest.mark.parametrize(("a", "b"), TEXTS)
def test_ops_join_back_to_both_texts(a: str, b: str):
    ops = word_ops(a, b)
    assert "".join(op["a"] for op in ops) == a
    assert "".join(op["b"] for op in ops) == b
    assert {op["op"] for op in ops} <= {"equal", "insert", "delete", "replace"}
    for op in ops:
        assert op["op"] != "insert" or op["a"] == ""
        assert op["op"] != "delete" or op["b"] == ""


def test_an_inserted_word_is_one_insert_between_equals():
    ops = word_ops("Expand trade with partners.", "Expand trade with key partners.")
    assert [(o["op"], o["a"], o["b"]) for o in ops] == [
        ("equal", "Expand trade with ", "Expand trade with "),
        ("insert", "", "key "),
        ("equal", "partners.", "partners."),
    ]


def test_a_deleted_marker_is_a_delete():
    ops = word_ops("a) Protect the rights of citizens.", "Protect the rights of citizens.")
    assert ops[0] == {"op": "delete", "a": "a) ", "b": ""}
    assert ops[1]["op"] == "equal"


def test_case_quotes_and_diacritics_do_not_count_as_changes():
    ops = word_ops("Country’s “image” Bộ", 'country\'s "image" bo')
    assert [o["op"] for o in ops] == ["equal"]


def test_function_words_between_two_changes_are_absorbed():
    # "of" is equal by chance between two rewritten spans: one replace, not confetti
    ops = word_ops("alpha beta of gamma delta", "epsilon of zeta delta")
    assert [o["op"] for o in ops] == ["replace", "equal"]
    assert ops[0] == {"op": "replace", "a": "alpha beta of gamma ", "b": "epsilon of zeta "}


def test_content_words_between_changes_stay_equal():
    ops = word_ops("alpha trade gamma", "beta trade delta")
    assert [o["op"] for o in ops] == ["replace", "equal", "replace"]


def test_one_sided_ops():
    assert one_sided_ops("Old text.", "a") == [{"op": "delete", "a": "Old text.", "b": ""}]
    assert one_sided_ops("New text.", "b") == [{"op": "insert", "a": "", "b": "New text."}]
    assert one_sided_ops("", "b") == []


def test_pieces_keep_every_character():
    text = "  a) Trade, investment; and ASEAN+3 — “cooperation”…  "
    assert "".join(pieces(text)) == text


def test_word_overlap():
    assert word_overlap("- Speed up trade.", "Speed up trade") == 1.0
    assert word_overlap("alpha beta", "gamma delta") == 0.0
    assert 0.5 < word_overlap("expand trade with partners", "expand trade with key partners") < 1.0


def test_overlap_reaches_agrees_with_word_overlap():
    # the kept/reworded decision takes difflib's cheap upper bounds first; it must decide as the full ratio does
    texts = [
        "",
        "Expand trade with partners.",
        "expand trade with key partners",
        "partners with trade expand",
        "Expand trade, investment and tourism with ASEAN partners.",
        "Trade with ASEAN partners: expand investment and tourism.",
        "alpha beta",
    ]
    for a in texts:
        for b in texts:
            for bar in (0.0, 0.5, 0.8, 0.9, 1.0):
                assert overlap_reaches(a, b, bar) == (word_overlap(a, b) >= bar), (a, b, bar)
