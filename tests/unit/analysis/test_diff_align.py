"""Alignment: one-to-one pairs by meaning, a threshold that leaves weak matches unpaired, helpful signals."""

from __future__ import annotations

import numpy as np

from dashboard.analysis.diff.align import (
    AlignSettings,
    align_provisions,
    assign,
    combine,
    lexical_similarity,
    set_similarity,
    subject_terms,
    weight_similarity,
)

A = [
    "Negotiate and sign free trade agreements with major partners.",
    "Protect the rights and interests of Vietnamese citizens abroad.",
    "Cooperate with UNESCO on the protection of cultural heritage.",
    "Organise the annual football tournament of the ministry staff.",
]
B = [
    "Protect the legitimate rights of Vietnamese citizens and workers abroad.",
    "Cooperate with UNESCO to protect and promote world cultural heritage sites.",
    "Sign and implement new-generation free trade agreements with partners.",
    "Build a national space observatory for astronomy research.",
]


def test_reordered_rewritten_provisions_pair_by_subject():
    alignment = align_provisions(A, B)
    assert alignment.pairs == [(0, 2), (1, 0), (2, 1)]
    assert alignment.signals == ("lexical",)


def test_identical_documents_pair_each_provision_with_itself():
    alignment = align_provisions(A, A)
    assert alignment.pairs == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert np.allclose(np.diag(alignment.similarity), 1.0)


def test_unrelated_provisions_stay_unpaired():
    alignment = align_provisions(A[3:], B[3:])
    assert alignment.pairs == []


def test_a_higher_threshold_only_removes_pairs():
    low = set(align_provisions(A, B, settings=AlignSettings(threshold=0.05)).pairs)
    high = set(align_provisions(A, B, settings=AlignSettings(threshold=0.5)).pairs)
    assert high <= low


def test_empty_sides():
    assert align_provisions([], B).pairs == []
    assert align_provisions(A, []).pairs == []
    assert lexical_similarity(["2030", ""], ["2045"]).shape == (2, 1)


def test_subject_terms_drop_procedural_words_and_fold_spellings():
    assert subject_terms("Effectively implement the labour programme") == subject_terms("labor program")
    assert subject_terms("Actively promote and strengthen") == []


def test_assignment_is_one_to_one_and_maximises_the_total():
    sim = np.array([[0.9, 0.8], [0.85, 0.1]])
    # greedy would take (0, 0) and leave row 1 with 0.1; the assignment takes 0.8 + 0.85
    assert assign(sim, 0.2) == [(0, 1), (1, 0)]
    assert assign(sim, 0.86) == [(0, 0)]
    assert assign(np.zeros((0, 3)), 0.1) == []


def test_themes_and_entities_never_pair_without_a_shared_word():
    lexical = np.array([[0.0, 0.3]])
    themes = np.array([[1.0, 0.0]])
    entities = np.array([[1.0, 0.0]])
    sim = combine(lexical, themes, entities, AlignSettings(theme_weight=0.3, entity_weight=0.15))
    assert sim[0, 0] == 0.0
    assert np.isclose(sim[0, 1], 0.3 * 0.7)  # no shared theme: damped


def test_shared_themes_and_entities_keep_or_raise_a_lexical_match():
    lexical = np.array([[0.3]])
    assert np.isclose(combine(lexical, np.array([[1.0]]), None), 0.3)
    raised = combine(lexical, None, np.array([[1.0]]), AlignSettings(entity_weight=0.15))
    assert np.isclose(raised[0, 0], 0.3 + 0.15 * 0.7)


def test_weight_and_set_similarity():
    sim = weight_similarity(
        [{"health": 0.9}, {}], [{"health": 0.5, "culture_information": 0.0}, {"health": 1.0}]
    )
    assert np.allclose(sim, [[1.0, 1.0], [0.0, 0.0]])
    jac = set_similarity([frozenset({"asean", "un"}), frozenset()], [frozenset({"asean"})])
    assert np.allclose(jac, [[0.5], [0.0]])


def test_signals_name_what_was_used():
    alignment = align_provisions(
        A[:2],
        B[:2],
        themes_a=[{}, {}],
        themes_b=[{}, {}],
        entities_a=[frozenset(), frozenset()],
        entities_b=[frozenset(), frozenset()],
    )
    assert alignment.signals == ("lexical", "themes", "entities")
