"""The proper-name and sentence-start rules of the term inventory (analysis/keyness.py)."""

from __future__ import annotations

import random

import pytest

from dashboard.analysis.keyness import _sentence_start


def _sentence_start_by_strip(text: str, start: int) -> bool:
    # how _sentence_start answered before (stripping a copy of the text up to `start`): the reference
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in ".:;!?\n-–•)" or before.endswith("\n")


@pytest.mark.parametrize("seed", range(10))
def test_sentence_start_answers_as_stripping_the_text_before_did(seed: int):
    rng = random.Random(seed)
    text = "".join(rng.choice(["Word", " ", "\t", ".", ";", "\n", "-", "•", ")", "a", ",", "–"]) for _ in range(80))
    for start in range(len(text) + 1):
        assert _sentence_start(text, start) == _sentence_start_by_strip(text, start), (text, start)
