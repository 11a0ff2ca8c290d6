"""Features of every candidate link (A provision i, B provision j) for the graded link model (linkmodel.py).

Each feature is a matrix over (rows A, columns B), returned in FEATURES order. They say how much the two
provisions share (subject words, character n-grams, themes, entities, numbers, their blocks), how the
candidate ranks against the others in its row and column (best, mutual best, margin over the next candidate), and
what kind of provisions they are (a heading with children, a bullet, their length ratio). None is built from a
gold set: they are computed from the two documents alone, like the similarity itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, cast

import numpy as np

from dashboard.analysis.diff.align import folded_words, lexical_similarity
from dashboard.analysis.diff.linkmodel import FEATURES, SEMANTIC
from dashboard.analysis.diff.links import Structure
from dashboard.analysis.diff.tfidf import in_term_order, tfidf

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def block_similarity(texts_a: Sequence[str], texts_b: Sequence[str], sa: Structure, sb: Structure) -> np.ndarray:
    """Return the lexical similarity of every A block with every B block, indexed by block head position."""

    def blocks(texts: Sequence[str], s: Structure) -> list[str]:
        joined: dict[int, list[str]] = {}
        for k, top in enumerate(s.block):
            joined.setdefault(top, []).append(texts[k])
        return [" ".join(joined.get(k, [])) for k in range(len(texts))]

    return lexical_similarity(blocks(texts_a, sa), blocks(texts_b, sb))


@lru_cache(maxsize=16384)
def _char_grams(text: str) -> tuple[str, ...]:
    """Return the character 4-grams of the text's words, each word padded by a space (sklearn's char_wb)."""
    return tuple(gram for word in folded_words(text) for gram in _word_grams(word))


@lru_cache(maxsize=65536)
def _word_grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(padded[k : k + 4] for k in range(max(len(padded) - 3, 1)))


def char_similarity(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
    """Return the TF-IDF cosine of character 4-grams (within words) of every A text with every B text."""
    shape = (len(texts_a), len(texts_b))
    counts = _gram_counts([*texts_a, *texts_b]) if texts_a and texts_b else None
    if counts is None:
        return np.zeros(shape)
    matrix = tfidf(counts)  # sklearn's TfidfTransformer(sublinear_tf=True), without importing sklearn
    return np.clip(cast(np.ndarray, (matrix[: len(texts_a)] @ matrix[len(texts_a) :].T).toarray()), 0.0, 1.0)


def _gram_counts(texts: Sequence[str]) -> Any:
    """Return the counts of each text's character 4-grams (`_char_grams`), laid out as sklearn's
    CountVectorizer lays them out (columns in gram order, each row's entries in order of the grams' first
    appearance in `texts`; a scipy.sparse.csr_matrix, Any as scipy has no hints), or None when there is no gram at
    all.

    Counted as (texts × words) · (words × grams): the grams of a word are listed once per distinct word, not
    once per occurrence, so a cold comparison does not walk every gram of every text in Python."""
    word_id: dict[str, int] = {}
    gram_id: dict[str, int] = {}
    word_grams: list[list[int]] = []
    cols: list[int] = []
    indptr = [0]
    for text in texts:
        for word in folded_words(text):
            k = word_id.get(word)
            if k is None:
                k = word_id[word] = len(word_id)
                word_grams.append([gram_id.setdefault(g, len(gram_id)) for g in _word_grams(word)])
            cols.append(k)
        indptr.append(len(cols))
    if not gram_id:
        return None
    from scipy import sparse  # pyright: ignore[reportMissingTypeStubs]  # no hints; here: only a comparison needs it

    csr_matrix = cast(Any, sparse.csr_matrix)  # scipy: no hints
    docs = csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(texts), len(word_id)))
    grams = csr_matrix(
        (
            np.ones(sum(map(len, word_grams))),
            [g for row in word_grams for g in row],
            np.cumsum([0, *map(len, word_grams)]),
        ),
        shape=(len(word_id), len(gram_id)),
    )
    counts = csr_matrix(docs @ grams)
    counts.sum_duplicates()
    return in_term_order(counts, gram_id)


def _binary(sets_a: Sequence[frozenset[str]], sets_b: Sequence[frozenset[str]]) -> tuple[Any, Any]:
    """Return the sets as binary sparse rows over their shared vocabulary."""
    vocab = {t: k for k, t in enumerate(sorted({t for s in (*sets_a, *sets_b) for t in s}))}

    from scipy import sparse  # pyright: ignore[reportMissingTypeStubs]  # no hints; here: only a comparison needs it

    def rows(sets: Sequence[frozenset[str]]) -> Any:  # a scipy.sparse.csr_matrix (scipy has no type hints)
        cols = [vocab[t] for s in sets for t in s]
        indptr = np.cumsum([0, *(len(s) for s in sets)])
        return sparse.csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(sets), max(len(vocab), 1)))

    return rows(sets_a), rows(sets_b)


def _shared(sets_a: Sequence[frozenset[str]], sets_b: Sequence[frozenset[str]]) -> np.ndarray:
    """Return how many members every pair of sets shares."""
    x, y = _binary(sets_a, sets_b)
    return cast(np.ndarray, (x @ y.T).toarray())


def _jaccard(sets_a: Sequence[frozenset[str]], sets_b: Sequence[frozenset[str]]) -> np.ndarray:
    """Return the Jaccard index of every pair of sets (0 where either is empty)."""
    inter = _shared(sets_a, sets_b)
    union = np.array([len(s) for s in sets_a], float)[:, None] + np.array([len(s) for s in sets_b], float)[None, :]
    union -= inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def _second(values: np.ndarray, axis: int) -> np.ndarray:
    """Return, per row (axis=1) or column (axis=0), the second largest value (0 when there is one value)."""
    if values.shape[axis] < 2:
        return np.zeros(int(values.shape[1 - axis]))
    return np.sort(values, axis=axis).take(-2, axis=axis)


def feature_matrices(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    terms_a: Sequence[Sequence[str]],
    terms_b: Sequence[Sequence[str]],
    similarity: np.ndarray,
    lexical: np.ndarray,
    block: np.ndarray,
    sa: Structure,
    sb: Structure,
    themes: np.ndarray | None = None,
    entities: np.ndarray | None = None,
    semantic: Sequence[np.ndarray] | None = None,
) -> list[np.ndarray]:
    """Return the features of every candidate link, one (len A, len B) matrix per name of FEATURES.

    `similarity` is the combined similarity with context, `lexical` the subject-stem cosine, `block` the
    similarity of the blocks indexed by block head (as links.with_context reads it), `terms_*` the subject stems,
    `semantic` the word-vector features (linkmodel.SEMANTIC order; zeros when None)."""
    n, m = similarity.shape
    if n == 0 or m == 0:
        return [np.zeros((n, m)) for _ in FEATURES]
    sim = similarity
    row_max, col_max = sim.max(axis=1, keepdims=True), sim.max(axis=0, keepdims=True)
    row_second, col_second = _second(sim, 1)[:, None], _second(sim, 0)[None, :]
    row_best = (sim >= row_max) & (sim > 0)
    col_best = (sim >= col_max) & (sim > 0)
    row_margin = np.where(row_best, sim - row_second, sim - row_max)
    col_margin = np.where(col_best, sim - col_second, sim - col_max)
    numbers = _jaccard(
        [frozenset(_NUMBER.findall(t)) for t in texts_a], [frozenset(_NUMBER.findall(t)) for t in texts_b]
    )
    sets_a, sets_b = [frozenset(t) for t in terms_a], [frozenset(t) for t in terms_b]
    len_a = np.array([max(len(t), 1) for t in sets_a], dtype=float)[:, None]
    len_b = np.array([max(len(t), 1) for t in sets_b], dtype=float)[None, :]
    parents_a, parents_b = set(sa.parent), set(sb.parent)
    head_a = np.array([i in parents_a for i in range(n)], dtype=float)[:, None]
    head_b = np.array([j in parents_b for j in range(m)], dtype=float)[None, :]
    nest_a = np.array([p >= 0 for p in sa.parent], dtype=float)[:, None]
    nest_b = np.array([p >= 0 for p in sb.parent], dtype=float)[None, :]
    ctx = block[np.ix_(list(sa.block), list(sb.block))]
    stacked = [
        sim,
        lexical,
        char_similarity(texts_a, texts_b),
        ctx,
        np.divide(sim, row_max, out=np.zeros_like(sim), where=row_max > 0),
        np.divide(sim, col_max, out=np.zeros_like(sim), where=col_max > 0),
        row_best.astype(float),
        col_best.astype(float),
        row_margin,
        col_margin,
        np.zeros((n, m)) if themes is None else themes,
        np.zeros((n, m)) if entities is None else entities,
        numbers,
        np.log1p(_shared(sets_a, sets_b)),
        np.minimum(len_a, len_b) / np.maximum(len_a, len_b),
        head_a + head_b,
        nest_a + nest_b,
        *(semantic if semantic is not None else [np.zeros((n, m)) for _ in SEMANTIC]),
    ]
    return [np.broadcast_to(x, (n, m)) for x in stacked]
