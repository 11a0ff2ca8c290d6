"""Pair each provision of document A with its counterpart in document B, by meaning rather than by line.

Party resolutions and government programmes are rewritten, not amended, so the pairing is a one-to-one
assignment over a similarity matrix:

1. Lexical similarity: TF-IDF cosine over the content stems of the shared tokeniser (analysis/text.py), with
   sublinear term frequency, fitted on the provisions of the two documents only (so `diff A B` never changes
   when a third document is added). Procedural words that every task uses ("implement", "effectively",
   "promote") and British/American spellings are folded away first: a reader pairs provisions by their
   subject, not by their verb of command.
2. Shared themes (cosine of the provision_themes scores) and shared entities (Jaccard of the mentioned entity
   ids), when the dataset has those tables: themes confirm or damp a lexical match, shared entities raise it
   (see `combine`); neither pairs two provisions that share no content word.
3. A maximum-weight one-to-one assignment (Hungarian algorithm, scipy's linear_sum_assignment) over the pairs
   whose similarity reaches the threshold. A provision left without a counterpart is "dropped" (only in A) or
   "new" (only in B).
4. A reader's pins (diff/pins.py) come first: a pinned pair is kept whatever its score, a provision pinned as
   having no counterpart stays alone, two provisions pinned apart are never paired, and the assignment runs over
   the provisions no pin places.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

import numpy as np

from dashboard.analysis.diff.linkmodel import LinkModel, shipped
from dashboard.analysis.diff.tfidf import linear_sum_assignment, term_counts, tfidf
from dashboard.analysis.text import STOP_WORDS, stem
from dashboard.analysis.words import WORD, word_forms

# Words that say what to do or how keenly, not about what: every provision of an action programme has some.
PROCEDURAL_WORDS = frozenset(
    """implement implementation implementing effective effectively effectiveness efficiency efficient promote
    promoting enhance enhancing strengthen strengthening continue continuing actively active proactively
    proactive improve improving speed accelerate step intensify raise ensure ensuring participate
    participation contribute contributing contribution regularly focus focusing key major organize organise
    perfect perfecting complete strictly firmly consistently fully comprehensively comprehensive particular
    including especially firstly timely practical practically appropriate appropriately urgently deploy
    deploying deployment carry""".split()
)
# British and American spellings of the same word, folded to one form before stemming.
SPELLING = {
    "labour": "labor",
    "defence": "defense",
    "programme": "program",
    "programmes": "programs",
    "organisation": "organization",
    "organisations": "organizations",
    "centre": "center",
    "centres": "centers",
    "favourable": "favorable",
    "mobilise": "mobilize",
    "maximise": "maximize",
    "modernise": "modernize",
    "prioritise": "prioritize",
    "globalisation": "globalization",
    "utilise": "utilize",
}
_STOP = STOP_WORDS | PROCEDURAL_WORDS


@dataclass(frozen=True)
class AlignSettings:
    """The knobs of the alignment, chosen not per sentence (docs/alignment.md, "How the knobs were chosen")."""

    threshold: float = 0.20
    theme_weight: float = 0.3
    entity_weight: float = 0.15
    kept_overlap: float = 0.9
    # many-to-many (links.py): a further link needs chance's 0.95 quantile and 0.8 of its counterpart's best
    link_threshold: float = 0.22
    link_ratio: float = 0.8
    max_links: int = 4
    context_weight: float = 0.2
    mutual_threshold: float = 0.155  # chance's 0.75 quantile: mutual best matches still alone are linked from here
    # the graded link model (linkmodel.py): links by its probability; None links by the thresholds above
    model: LinkModel | None = field(default_factory=shipped)


@dataclass(frozen=True)
class Alignment:
    """The outcome of aligning A (rows) with B (columns): the similarity matrix and the chosen pairs."""

    similarity: np.ndarray
    pairs: list[tuple[int, int]]
    signals: tuple[str, ...] = ("lexical",)
    lexical: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    pinned_rows: frozenset[int] = frozenset()  # provisions of A whose place a reader's pin fixed
    pinned_cols: frozenset[int] = frozenset()


@lru_cache(maxsize=8192)
def folded_words(text: str) -> tuple[str, ...]:
    """Return the folded words of `text` as the shared tokeniser gives them (analysis.text.tokenise's `text`),
    cached per text and folded once per written form (analysis.words): subject terms and character n-grams
    read them."""
    return tuple(word_forms(surface)[0] for surface in WORD.findall(text))


def subject_terms(text: str) -> list[str]:
    """Return the terms alignment compares: content stems without procedural words, spellings folded."""
    return list(_subject_terms(text))


@lru_cache(maxsize=16384)
def _subject_terms(text: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in subject_words(text))


@lru_cache(maxsize=16384)
def subject_words(text: str) -> tuple[str, ...]:
    """Return the subject words of `text` before stemming (folded, spellings folded, no stop, procedural or
    number words): the words whose stems `subject_terms` gives, and the words word vectors are looked up by."""
    out: list[str] = []
    for folded in folded_words(text):
        word = SPELLING.get(folded, folded)
        if word in _STOP or len(word) < 2 or word.isdigit():
            continue
        out.append(word)
    return tuple(out)


def lexical_similarity(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
    """Return the TF-IDF cosine of every A text with every B text (rows A, columns B), fitted on both."""
    shape = (len(texts_a), len(texts_b))
    if not texts_a or not texts_b:
        return np.zeros(shape)
    # sklearn's TfidfVectorizer(analyzer=subject_terms, sublinear_tf=True), computed without importing sklearn
    counts = term_counts([*texts_a, *texts_b], subject_terms)
    if counts is None:  # no term at all in either document (empty or numbers only)
        return np.zeros(shape)
    matrix = tfidf(counts)
    sim = cast(np.ndarray, (matrix[: len(texts_a)] @ matrix[len(texts_a) :].T).toarray())
    return np.clip(sim, 0.0, 1.0)


def weight_similarity(weights_a: Sequence[Mapping[str, float]], weights_b: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Return the cosine of weighted label sets (e.g. theme scores); 0 where either side has none."""
    labels = sorted({k for w in (*weights_a, *weights_b) for k in w})
    if not labels or not weights_a or not weights_b:
        return np.zeros((len(weights_a), len(weights_b)))
    index = {k: i for i, k in enumerate(labels)}

    def dense(rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        out = np.zeros((len(rows), len(labels)))
        for r, row in enumerate(rows):
            for k, v in row.items():
                out[r, index[k]] = v
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)

    return np.clip(dense(weights_a) @ dense(weights_b).T, 0.0, 1.0)


def set_similarity(sets_a: Sequence[frozenset[str]], sets_b: Sequence[frozenset[str]]) -> np.ndarray:
    """Return the Jaccard index of every pair of label sets (e.g. entity ids); 0 where either is empty."""
    out = np.zeros((len(sets_a), len(sets_b)))
    for i, a in enumerate(sets_a):
        if not a:
            continue
        for j, b in enumerate(sets_b):
            if b:
                out[i, j] = len(a & b) / len(a | b)
    return out


def combine(
    lexical: np.ndarray,
    themes: np.ndarray | None = None,
    entities: np.ndarray | None = None,
    settings: AlignSettings | None = None,
) -> np.ndarray:
    """Blend lexical similarity with shared themes and entities; neither can pair two provisions on its own.

    Themes confirm a lexical match: the lexical score is kept in full when the two provisions' theme profiles
    coincide and damped by `theme_weight` when they share no theme. Shared entities (the same agreement or
    organisation) close part of the remaining gap: + entity_weight · Jaccard · (1 − score), where words are
    shared.
    """
    settings = settings or AlignSettings()
    sim = lexical
    if themes is not None:
        sim = sim * ((1.0 - settings.theme_weight) + settings.theme_weight * themes)
    if entities is not None:
        sim = sim + np.where(lexical > 0, settings.entity_weight * entities * (1.0 - sim), 0.0)
    return np.clip(sim, 0.0, 1.0)


def assign(
    similarity: np.ndarray,
    threshold: float,
    pins: Sequence[tuple[int | None, int | None]] = (),
    apart: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """Return the one-to-one pairs (i, j) maximising total similarity among those reaching `threshold`.

    Pairs below the threshold are given weight 0 before the assignment, so a weak pair never blocks a strong
    one, and they are then dropped from the result. Ties resolve in document order (scipy is deterministic).
    `pins` are fixed first: (i, j) is a pair whatever its score, (i, None) and (None, j) leave that provision
    alone; the assignment runs over the rows and columns no pin names. The pairs in `apart` are never made.
    """
    fixed = [(i, j) for i, j in pins if i is not None and j is not None]
    rows_used = {i for i, _ in pins if i is not None}
    cols_used = {j for _, j in pins if j is not None}
    free_rows = [i for i in range(similarity.shape[0]) if i not in rows_used]
    free_cols = [j for j in range(similarity.shape[1]) if j not in cols_used]
    if not free_rows or not free_cols:
        return sorted(fixed)
    sub = similarity[np.ix_(free_rows, free_cols)].copy()
    at_row = {i: r for r, i in enumerate(free_rows)}
    at_col = {j: c for c, j in enumerate(free_cols)}
    for i, j in apart:
        if i in at_row and j in at_col:
            sub[at_row[i], at_col[j]] = -1.0  # below any threshold: weight 0, and never reported as a pair
    weights = np.where(sub >= threshold, sub, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    found = [(free_rows[int(r)], free_cols[int(c)]) for r, c in zip(rows, cols, strict=True) if sub[r, c] >= threshold]
    return sorted([*fixed, *((int(i), int(j)) for i, j in found)])


def similarity_matrix(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    *,
    themes_a: Sequence[Mapping[str, float]] | None = None,
    themes_b: Sequence[Mapping[str, float]] | None = None,
    entities_a: Sequence[frozenset[str]] | None = None,
    entities_b: Sequence[frozenset[str]] | None = None,
    settings: AlignSettings = AlignSettings(),
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Return the combined similarity (rows A, columns B), the lexical one, and the signals used."""
    lexical = lexical_similarity(texts_a, texts_b)
    themes = entities = None
    signals = ["lexical"]
    if themes_a is not None and themes_b is not None and settings.theme_weight > 0:
        themes = weight_similarity(themes_a, themes_b)
        signals.append("themes")
    if entities_a is not None and entities_b is not None and settings.entity_weight > 0:
        entities = set_similarity(entities_a, entities_b)
        signals.append("entities")
    return combine(lexical, themes, entities, settings), lexical, tuple(signals)


def align_provisions(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    *,
    themes_a: Sequence[Mapping[str, float]] | None = None,
    themes_b: Sequence[Mapping[str, float]] | None = None,
    entities_a: Sequence[frozenset[str]] | None = None,
    entities_b: Sequence[frozenset[str]] | None = None,
    settings: AlignSettings = AlignSettings(),
    pins: Sequence[tuple[int | None, int | None]] = (),
    apart: Sequence[tuple[int, int]] = (),
) -> Alignment:
    """Align the provisions of A with those of B.

    Args:
        texts_a, texts_b: the provisions' texts (without their list markers) in document order.
        themes_a, themes_b: per provision, theme id → score; None when the dataset has no provision_themes.
        entities_a, entities_b: per provision, the ids of the entities it mentions; None when there are no
        mentions. settings: threshold and weights. pins: a reader's fixed pairs and lone provisions, as
        (row, column) with None for "no counterpart" (see `assign`); apart: pairs a reader says are wrong.

    Returns:
        The combined similarity matrix (rows A, columns B) and the accepted pairs (row, column), sorted.
    """
    similarity, lexical, signals = similarity_matrix(
        texts_a,
        texts_b,
        themes_a=themes_a,
        themes_b=themes_b,
        entities_a=entities_a,
        entities_b=entities_b,
        settings=settings,
    )
    return Alignment(
        similarity,
        assign(similarity, settings.threshold, pins, apart),
        signals,
        lexical,
        frozenset(i for i, _ in pins if i is not None),
        frozenset(j for _, j in pins if j is not None),
    )
