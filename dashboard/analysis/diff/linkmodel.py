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

import numpy as np

MODEL_PATH = Path(__file__).with_name("linkmodel.json")


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
        from dashboard.analysis.diff.features import FEATURES  # features imports align, which imports this

        if tuple(self.features) != FEATURES or len(features) != len(FEATURES):
            raise ValueError(f"link model {self.version} was fitted on other features; refit it")
        # standardisation folded into the weights: one pass over each matrix, no stacked copy
        weights = np.asarray(self.coef) / np.asarray(self.scale)
        logit = np.full(features[0].shape, self.intercept - float(np.dot(weights, self.mean)))
        for w, matrix in zip(weights, features, strict=True):
            logit += w * matrix
        return 1.0 / (1.0 + np.exp(-logit))

    def as_dict(self) -> dict:
        return asdict(self)


def fit(
    x: np.ndarray, y: np.ndarray, *, bar: float, version: str, trained_on: tuple[str, ...] = (), c: float = 1.0
) -> LinkModel:
    """Return the logistic regression of labels `y` (1 = a gold pair) on features `x`, standardised."""
    from sklearn.linear_model import LogisticRegression

    from dashboard.analysis.diff.features import FEATURES

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
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
    raw = json.loads(path.read_text(encoding="utf-8"))
    return LinkModel(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})


@lru_cache(maxsize=1)
def shipped() -> LinkModel | None:
    """Return the model shipped with the package, or None when there is none."""
    return load() if MODEL_PATH.exists() else None
