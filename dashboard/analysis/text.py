"""Shared text processing: word tokens with character spans, Snowball stems and stop words.

Every analysis (tagger, keyness, term emergence, alignment) tokenises the same way, so that a term found by one is
the term counted by another.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol, cast

# snowballstemmer ships no type hints, nor is there a stub package installed
import snowballstemmer  # pyright: ignore[reportMissingTypeStubs]

from dashboard.corpus.normalise import fold

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# a Snowball stemmer keeps the word it works on in the object: one per thread (the production server answers
# from several threads, and a shared stemmer mixed up two threads' words: IndexError inside a callback)
_LOCAL = threading.local()


def english_stop_words() -> frozenset[str]:
    """Return scikit-learn's English stop words (the Glasgow list) without importing scikit-learn.

    The list is a module of its own (`sklearn/feature_extraction/_stop_words.py`: one frozenset, no import), but
    `from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS` runs scikit-learn's package import first:
    ~600 sklearn and scipy modules, ~1 s of CPU and ~60 MB in every process that tokenises (every app worker,
    the build). The file is found where the installed scikit-learn is (`find_spec` of a top-level package does
    not import it) and run on its own: the same list (tests/unit/analysis/test_text.py compares them).
    """
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("scikit-learn is not installed: its English stop-word list is needed")
    path = Path(next(iter(spec.submodule_search_locations))) / "feature_extraction" / "_stop_words.py"
    module_spec = importlib.util.spec_from_file_location("_sklearn_english_stop_words", path)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"scikit-learn's stop-word list is not at {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(cast(frozenset[str], module.ENGLISH_STOP_WORDS))


STOP_WORDS = english_stop_words() | {"etc", "viet", "nam", "vietnam", "country", "countries"}


class _Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...  # noqa: N802 (snowballstemmer's name)


@dataclass(frozen=True)
class Token:
    """A word of a text: its folded form, its stem and its span in the text."""

    text: str
    stem: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the Snowball stem of a folded word."""
    stemmer: _Stemmer | None = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        # snowballstemmer has no type hints: its stemmer is typed by the _Stemmer protocol
        stemmer = _LOCAL.stemmer = cast(_Stemmer, snowballstemmer.stemmer("english"))  # pyright: ignore[reportUnknownMemberType]
    return stemmer.stemWord(word)


def tokenise(text: str) -> list[Token]:
    """Return the words of `text` (folded, stemmed) with their spans in `text`."""
    out: list[Token] = []
    for match in TOKEN.finditer(text):
        word = _folded_word(match.group(0))
        out.append(Token(word, stem(word), match.start(), match.end()))
    return out


@lru_cache(maxsize=65536)
def _folded_word(surface: str) -> str:
    # folding is per word and the same words recur: cached (it is most of a cold diff's time)
    return re.sub(r"'s$", "", fold(surface)).replace("'", "")


def content_stems(text: str) -> list[str]:
    """Return the stems of the words of `text` that are not stop words or numbers."""
    return [t.stem for t in tokenise(text) if t.text not in STOP_WORDS and not t.text.isdigit() and len(t.text) > 1]
