"""Words as the theme tagger (analysis.themes) matches them: each word reduced to its lemma key (English by
simplemma, Vietnamese syllables with one place for the tone mark), BOUNDARY for clause punctuation."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from dashboard.analysis.words import WORD, word_forms

BOUNDARY = "|"  # stands between two words split by clause punctuation: no multi-word term matches across it
_CLAUSE_PUNCT = re.compile(r"[,;:.()\[\]!?\"“”]")


@lru_cache(maxsize=131072)
def lemma(word: str) -> str:
    """Return the dictionary lemma of a folded English word ("partnerships" -> "partnership")."""
    return simplemma.lemmatize(word, lang="en").lower() or word


@lru_cache(maxsize=262144)
def word_key(surface: str) -> str:
    """Return the lemma of one word as written, folded as analysis.text.tokenise folds it.

    A word with letters beyond ASCII (a Vietnamese syllable) keeps its diacritics, lower-cased, with the tone
    mark of "oa", "oe" and "uy" in one place ("hoà" and "hòa", "thuỷ" and "thủy" are one key): folded away, "được"
    (is) would be "dược" (pharmacy) and "phụ thuộc" (depend) would hold "thuốc" (medicine).
    """
    if any(ord(ch) > 127 and ch.isalpha() for ch in surface):
        return _vi_key(unicodedata.normalize("NFC", surface).lower())
    return lemma(word_forms(surface)[0]) or "_"


_TONE_MOVE = {
    f"{v}{t}": f"{unicodedata.normalize('NFC', v + mark)}{b}"
    for v, b, marked in (("o", "a", "àáảãạ"), ("o", "e", "èéẻẽẹ"), ("u", "y", "ỳýỷỹỵ"))
    for t, mark in zip(marked, ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323"), strict=True)
}
_TONE_END = re.compile("(" + "|".join(_TONE_MOVE) + ")$")


def _vi_key(word: str) -> str:
    return _TONE_END.sub(lambda m: _TONE_MOVE[m.group(1)], word)


@dataclass(frozen=True)
class WordKeys:
    """A text's key sequence (lemmas, BOUNDARY for clause punctuation) and each key's span in the text."""

    keys: list[str]
    starts: list[int]  # -1 for a boundary
    ends: list[int]


def word_keys(text: str) -> WordKeys:
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    previous = -1
    for match in WORD.finditer(text):
        start, end = match.span()
        # a single space between two words is the common case: only look for punctuation in longer gaps
        if (
            previous >= 0
            and (start - previous > 1 or text[previous] != " ")
            and _CLAUSE_PUNCT.search(text, previous, start)
        ):
            keys.append(BOUNDARY)
            starts.append(-1)
            ends.append(-1)
        keys.append(word_key(match.group(0)))
        starts.append(start)
        ends.append(end)
        previous = end
    return WordKeys(keys, starts, ends)


def lemma_key(text: str) -> str:
    """Return the key a term or text is matched on: its words' lemmas, "|" for clause punctuation."""
    return " ".join(word_keys(text).keys)


def key_ends(keys: list[str]) -> dict[int, int]:
    """Map the index of the space after each key in f" {' '.join(keys)} " to the key's position."""
    out: dict[int, int] = {}
    offset = 0
    for position, key in enumerate(keys):
        offset += 1 + len(key)
        out[offset] = position
    return out


def is_acronym(word: str) -> bool:
    # an acronym in the codebook (WHO, ODA, UN) only matches words written in capitals
    return sum(ch.isupper() for ch in word) >= 2 or (len(word) == 1 and word.isupper())
