"""The graded link model: a logistic regression over the features of each candidate link (features.py).

Instead of one similarity threshold, every candidate pair (A provision, B provision) gets a probability that a
reader links the two, from its similarities (subject words, character n-grams, blocks, themes, entities,
numbers), its rank in its row and column and the kind of provisions. links.choose_links then links by that
probability: a one-to-one core over the pairs reaching `bar`, and further links (merged, split) for pairs that
reach `bar` too.

The fitted coefficients ship in `linkmodel.json` beside this module (versioned; `policy-timeline fit-alignment`
refits them from the gold sets, and `eval-alignment` prints the leave-one-document-pair-out figures).
Standardisation (mean, scale) is part of the model so a prediction needs only numpy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NotRequired, TypedDict, cast

import numpy as np

MODEL_PATH = Path(__file__).with_name("linkmodel.json")


# the features of a candidate link, in the order of a model's coefficients (computed in features.py)
FEATURES = (
    "similarity",  # the combined similarity with block context (align.py, links.with_context)
    "lexical",  # TF-IDF cosine of subject stems
    "chars",  # TF-IDF cosine of character 4-grams within words (catches inflections and compounds)
    "block",  # similarity of the two provisions' top-level blocks
    "row_share",  # similarity / the best similarity of the A provision
    "col_share",  # similarity / the best similarity of the B provision
    "row_best",  # 1 when j is i's best candidate
    "col_best",  # 1 when i is j's best candidate
    "row_margin",  # similarity minus the next best candidate of i (negative when j is not i's best)
    "col_margin",  # similarity minus the next best candidate of j
    "themes",  # cosine of the two provisions' theme scores (0 when the dataset has none)
    "entities",  # Jaccard of the entities both mention (ASEAN, WTO, an FTA ...)
    "numbers",  # Jaccard of the numbers both provisions state (years, percentages, targets)
    "shared_words",  # log(1 + subject stems both share)
    "length_ratio",  # shorter / longer subject length
    "heading",  # how many of the two have children (0, 1, 2)
    "nested",  # how many of the two are children of another provision (0, 1, 2)
    "vectors",  # each subject word's best word-vector cosine in the other text, averaged, both ways (vectors.py)
)
# features from English word vectors: where a side has none (a document in another language), they are set to
# the model's training mean, so they add nothing to the logit (candidates.py)
SEMANTIC = ("vectors",)


@dataclass(frozen=True)
class LinkModel:
    """A fitted logistic regression over FEATURES (standardised), and the probability a link needs."""

    version: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    bar: float
    trained_on: tuple[str, ...] = ()

    def probability(self, features: Sequence[np.ndarray]) -> np.ndarray:
        """Return the link probability of every candidate, from one matrix per feature (FEATURES order)."""

        if tuple(self.features) != FEATURES or len(features) != len(FEATURES):
            raise ValueError(f"link model {self.version} was fitted on other features; refit it")
        # standardisation folded into the weights: one pass over each matrix, no stacked copy
        weights = np.asarray(self.coef) / np.asarray(self.scale)
        logit = np.full(features[0].shape, self.intercept - float(np.dot(weights, self.mean)))
        for w, matrix in zip(weights, features, strict=True):
            logit += w * matrix
        return 1.0 / (1.0 + np.exp(-logit))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def fit(
    x: np.ndarray,
    y: np.ndarray,
    *,
    bar: float,
    version: str,
    trained_on: tuple[str, ...] = (),
    c: float = 1.0,
    sample_weight: np.ndarray | None = None,
) -> LinkModel:
    """Return the logistic regression of labels `y` (1 = a gold pair) on features `x`, standardised (rows weighted
    by `sample_weight` when given)."""
    from sklearn.linear_model import LogisticRegression  # pyright: ignore[reportMissingTypeStubs]  # no hints

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    regression = cast(Any, LogisticRegression)(C=c, max_iter=5000)  # sklearn: no hints
    model = regression.fit((x - mean) / scale, y, sample_weight=sample_weight)
    return LinkModel(
        version=version,
        features=FEATURES,
        mean=tuple(round(float(v), 6) for v in mean),
        scale=tuple(round(float(v), 6) for v in scale),
        coef=tuple(round(float(v), 6) for v in model.coef_[0]),
        intercept=round(float(model.intercept_[0]), 6),
        bar=bar,
        trained_on=trained_on,
    )


def save(model: LinkModel, path: Path = MODEL_PATH) -> Path:
    """Write the model as JSON (sorted keys, one value per line: a refit shows as a readable diff)."""
    path.write_text(json.dumps(model.as_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load(path: Path = MODEL_PATH) -> LinkModel:
    """Return the model stored at `path`."""
    raw = cast(_Stored, json.loads(path.read_text(encoding="utf-8")))
    return LinkModel(
        version=raw["version"],
        features=tuple(raw["features"]),
        mean=tuple(raw["mean"]),
        scale=tuple(raw["scale"]),
        coef=tuple(raw["coef"]),
        intercept=raw["intercept"],
        bar=raw["bar"],
        trained_on=tuple(raw.get("trained_on", ())),
    )


class _Stored(TypedDict):
    """A model as linkmodel.json stores it (`save`: as_dict, tuples written as lists)."""

    version: str
    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    bar: float
    trained_on: NotRequired[list[str]]


@lru_cache(maxsize=1)
def shipped() -> LinkModel | None:
    """Return the model shipped with the package, or None when there is none."""
    return load() if MODEL_PATH.exists() else None
