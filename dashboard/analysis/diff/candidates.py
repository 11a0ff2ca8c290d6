"""The candidate links of two documents: their similarity, their structures and the score links are chosen by.

Computed once per pair of provision tables (compare.py memoises it): a pin or a curated entry only re-links.
The score is the link model's probability (linkmodel.py) when the settings carry a model, else the similarity.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypedDict

import numpy as np

from dashboard.analysis.diff.align import (
    AlignSettings,
    set_similarity,
    similarity_matrix,
    subject_terms,
    subject_words,
    weight_similarity,
)
from dashboard.analysis.diff.features import block_similarity, feature_matrices
from dashboard.analysis.diff.linkmodel import FEATURES, SEMANTIC, LinkModel
from dashboard.analysis.diff.links import Structure, structure, with_context
from dashboard.analysis.diff.result import Record
from dashboard.analysis.diff.rows import subject_text
from dashboard.analysis.diff.vectors import semantic_similarity, shipped


class LinkRules(TypedDict):
    """The bars links.choose_links links by (its keyword arguments)."""

    threshold: float
    link_threshold: float
    link_ratio: float
    max_links: int
    mutual_threshold: float | None


@dataclass(frozen=True)
class Candidates:
    """Similarity (rows A, columns B, with block context), structures, signals used and the linking score."""

    similarity: np.ndarray
    sa: Structure
    sb: Structure
    signals: tuple[str, ...]
    score: np.ndarray
    features: list[np.ndarray] | None = None  # one matrix per name of features.FEATURES
    # the similarity of the two provisions' blocks (a top-level item or part with all under it), per provision
    # pair; None for two flat lists. A heading is offered what its block is closest to (rows.py)
    context: np.ndarray | None = None
    # the word-vector similarity (vectors.py) of every two provisions, when both documents are in English and the
    # link model runs; the page also offers the provisions closest by it (rows.py)
    meaning: np.ndarray | None = None


def candidates(
    rows_a: Sequence[Record],
    rows_b: Sequence[Record],
    themes_of: Mapping[str, Mapping[str, float]] | None,
    entities_of: Mapping[str, frozenset[str]] | None,
    settings: AlignSettings,
    *,
    with_features: bool = False,
    english: bool = True,
) -> Candidates:
    """Return the candidates of provisions `rows_a` × `rows_b` (records in document order); their features
    too when the settings carry a link model or `with_features` (fitting one). `english`: both documents are in
    English, so the word-vector features apply."""
    texts_a, texts_b = [subject_text(r) for r in rows_a], [subject_text(r) for r in rows_b]
    themes_a = None if themes_of is None else [themes_of.get(r["id"], {}) for r in rows_a]
    themes_b = None if themes_of is None else [themes_of.get(r["id"], {}) for r in rows_b]
    ents_a = None if entities_of is None else [entities_of.get(r["id"], frozenset()) for r in rows_a]
    ents_b = None if entities_of is None else [entities_of.get(r["id"], frozenset()) for r in rows_b]
    sim, lexical, signals = similarity_matrix(
        texts_a,
        texts_b,
        themes_a=themes_a,
        themes_b=themes_b,
        entities_a=ents_a,
        entities_b=ents_b,
        settings=settings,
    )
    terms_a, terms_b = [subject_terms(t) for t in texts_a], [subject_terms(t) for t in texts_b]
    sa = structure([r["id"] for r in rows_a], [r.get("parent_id") for r in rows_a], [len(t) for t in terms_a])
    sb = structure([r["id"] for r in rows_b], [r.get("parent_id") for r in rows_b], [len(t) for t in terms_b])
    grouped = len(set(sa.block)) < len(sa.block) or len(set(sb.block)) < len(sb.block)
    block = block_similarity(texts_a, texts_b, sa, sb) if grouped else None  # flat lists have no context
    if settings.context_weight > 0 and block is not None:
        sim = with_context(sim, block, sa, sb, settings.context_weight)
    sim.setflags(write=False)
    context = None if block is None else block[np.ix_(list(sa.block), list(sb.block))]
    if settings.model is None and not with_features:
        return Candidates(sim, sa, sb, signals, sim, context=context)
    meaning = _meaning(texts_a, texts_b, english)
    features = feature_matrices(
        texts_a,
        texts_b,
        terms_a,
        terms_b,
        sim,
        lexical,
        block if block is not None else block_similarity(texts_a, texts_b, sa, sb),
        sa,
        sb,
        themes=None if themes_a is None or themes_b is None else weight_similarity(themes_a, themes_b),
        entities=None if ents_a is None or ents_b is None else set_similarity(ents_a, ents_b),
        semantic=[meaning] if meaning is not None else _absent(sim.shape, settings.model),
    )
    if settings.model is None:
        return Candidates(sim, sa, sb, signals, sim, features, context, meaning)
    score = settings.model.probability(features) if sim.size else np.zeros(sim.shape)
    score.setflags(write=False)
    if meaning is not None:
        meaning.setflags(write=False)
        signals = (*signals, "word vectors")
    return Candidates(sim, sa, sb, (*signals, f"model {settings.model.version}"), score, features, context, meaning)


def _meaning(texts_a: Sequence[str], texts_b: Sequence[str], english: bool) -> np.ndarray | None:
    """Return the word-vector similarity of every two provisions (vectors.py), or None without English vectors
    for both sides (a document in another language, or no vectors shipped)."""
    if not english or shipped() is None:
        return None
    return semantic_similarity([subject_words(t) for t in texts_a], [subject_words(t) for t in texts_b])


def _absent(shape: tuple[int, ...], model: LinkModel | None) -> list[np.ndarray]:
    """Return the word-vector features where there are none: each at the model's training mean, so it adds
    nothing to the link probability (zeros when fitting)."""
    means = dict(zip(FEATURES, model.mean, strict=True)) if model is not None else {}
    return [np.full(shape, means.get(name, 0.0)) for name in SEMANTIC]


def link_rules(settings: AlignSettings) -> LinkRules:
    """Return links.choose_links's bars: the model's probability bar for the core and for further links (a
    provision links to several when each clears the bar), else the similarity thresholds of issue 13."""
    if settings.model is not None:
        bar = settings.model.bar
        return {
            "threshold": bar,
            "link_threshold": bar,
            "link_ratio": 0.0,
            "max_links": settings.max_links,
            "mutual_threshold": None,
        }
    return {
        "threshold": settings.threshold,
        "link_threshold": settings.link_threshold,
        "link_ratio": settings.link_ratio,
        "max_links": settings.max_links,
        "mutual_threshold": settings.mutual_threshold,
    }
