"""Words of a text for whole-corpus analyses: the shared tokeniser's words, folded and stemmed exactly as
analysis.text.tokenise gives them, but cached per written form.

Folding word by word (Unicode normalisation, quotes, diacritics) is most of the cost of tokenising; a corpus
repeats its words, so caching per written form makes tagging and term counting several times faster on 100,000
provisions. tests/unit/analysis/test_words.py checks that the output equals tokenise()'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dashboard.analysis.text import TOKEN, stem
from dashboard.corpus.normalise import fold

WORD = TOKEN  # the shared tokeniser's word pattern, so that a word here is a word there
_POSSESSIVE = re.compile(r"'s$")


@lru_cache(maxsize=262144)
def word_forms(surface: str) -> tuple[str, str]:
    """Return the folded form and the Snowball stem of one written word, as tokenise() gives them."""
    word = _POSSESSIVE.sub("", fold(surface)).replace("'", "")
    return word, stem(word)


def words(text: str) -> Iterator[tuple[str, str, int, int]]:
    """Yield (folded word, stem, start, end) for every word of `text`, in order."""
    for match in WORD.finditer(text):
        word, word_stem = word_forms(match.group(0))
        yield word, word_stem, match.start(), match.end()
