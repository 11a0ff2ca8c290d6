"""The cached word iterator gives exactly the shared tokeniser's words, so every analysis counts alike."""

from __future__ import annotations

import pytest

from dashboard.analysis.text import tokenise
from dashboard.analysis.words import words
from dashboard.corpus.load import load_corpus


@pytest.mark.parametrize("text", [
    "The Party’s leadership and the people's diplomacy: ASEAN+3, multi-lateral, e-commerce.",
    "Đẩy mạnh hội nhập quốc tế về văn hóa; Agenda 2030 (SDGs) — Viet Nam’s role.",
    "",
])
def test_words_equal_tokenise(text: str):
    assert list(words(text)) == [(t.text, t.stem, t.start, t.end) for t in tokenise(text)]


def test_words_equal_tokenise_on_the_fixture_corpus(fixture_seeds):
    provisions = list(load_corpus(fixture_seeds).provisions())
    assert provisions
    for provision in provisions:
        expected = [(t.text, t.stem, t.start, t.end) for t in tokenise(provision.text)]
        assert list(words(provision.text)) == expected, provision.id
