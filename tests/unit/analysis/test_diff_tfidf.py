"""The comparison's TF-IDF and assignment, computed without importing scikit-learn or scipy.optimize, give
scikit-learn's and scipy's floats and pairs bit for bit on the shipped documents' provisions."""

from __future__ import annotations

from itertools import combinations_with_replacement
from typing import Any, cast

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linear_sum_assignment as scipy_assignment  # pyright: ignore[reportMissingTypeStubs, reportUnknownVariableType]
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer  # pyright: ignore[reportMissingTypeStubs]

from dashboard.analysis.diff.align import subject_terms
from dashboard.analysis.diff.features import _char_grams, _gram_counts  # pyright: ignore[reportPrivateUsage]
from dashboard.analysis.diff.tfidf import linear_sum_assignment, term_counts, tfidf
from dashboard.paths import DATA_DIR


@pytest.fixture(scope="module")
def texts_by_document() -> list[list[str]]:
    """Every shipped document's provision texts (English), in document order."""
    provisions = pd.read_parquet(DATA_DIR / "provisions.parquet", columns=["document_id", "text"])
    return [list(group["text"]) for _, group in provisions.groupby("document_id", sort=True)]


def _pairs(texts_by_document: list[list[str]]) -> list[tuple[list[str], list[str]]]:
    """Every pair of shipped documents, as the Compare page could be asked for them (and each with itself)."""
    return [(a, b) for a, b in combinations_with_replacement(texts_by_document, 2)]


def _same(ours: Any, theirs: Any) -> bool:
    return bool(np.array_equal(ours.toarray(), theirs.toarray()))


def test_term_tfidf_rows_equal_sklearn_vectorizer_bit_for_bit(texts_by_document: list[list[str]]):
    compared = 0
    for a, b in _pairs(texts_by_document):
        texts = [*a, *b]
        vectoriser = cast(Any, TfidfVectorizer)(analyzer=subject_terms, sublinear_tf=True, norm="l2")
        theirs = vectoriser.fit_transform(texts)
        ours = tfidf(term_counts(texts, subject_terms))
        assert _same(ours, theirs)
        # the similarities the alignment reads: the same products of the same rows
        n = len(a)
        assert np.array_equal((ours[:n] @ ours[n:].T).toarray(), (theirs[:n] @ theirs[n:].T).toarray())
        compared += 1
    assert compared >= 15  # the 5 shipped documents: 10 pairs and 5 with themselves


def test_character_gram_tfidf_equals_sklearn(texts_by_document: list[list[str]]):
    for a, b in _pairs(texts_by_document)[:6]:
        texts = [*a, *b]
        theirs = cast(Any, TfidfVectorizer)(analyzer=_char_grams, sublinear_tf=True).fit_transform(texts)
        assert _same(tfidf(term_counts(texts, _char_grams)), theirs)
        # the comparison's own gram counts (counted per distinct word), weighed as TfidfTransformer weighed them
        counts = _gram_counts(texts)
        assert _same(tfidf(counts), theirs)
        assert _same(tfidf(counts), cast(Any, TfidfTransformer)(sublinear_tf=True).fit_transform(counts))


def test_no_term_at_all_gives_no_counts():
    assert term_counts(["", "2024 12"], subject_terms) is None


def test_assignment_is_scipys(texts_by_document: list[list[str]]):
    rng = np.random.default_rng(17)
    for shape in [(1, 1), (3, 5), (40, 31), (120, 120)]:
        weights = np.where(rng.random(shape) > 0.6, rng.random(shape), 0.0)
        for maximize in (True, False):
            ours = linear_sum_assignment(weights, maximize=maximize)
            theirs = cast(Any, scipy_assignment)(weights, maximize=maximize)
            assert all(np.array_equal(x, y) for x, y in zip(ours, theirs, strict=True))
