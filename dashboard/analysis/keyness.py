"""Keyness: which terms are distinctive of one text collection against another (Dunning's log-likelihood G²),
and the term counts it rests on, shared by term emergence (analysis.terms) and the compare page."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

from dashboard.analysis.text import STOP_WORDS
from dashboard.analysis.vi_words import word_units

_CLAUSE = re.compile(r"[,;:.()\[\]!?\"“”]")


@dataclass(frozen=True)
class KeyTerm:
    """A term, its log-likelihood score and its counts in A and B."""

    term: str
    score: float
    count_a: int
    count_b: int


def log_likelihood(count_a: int, count_b: int, total_a: int, total_b: int) -> float:
    """Return Dunning's G² for a term seen `count_a` times in A (of `total_a`) and `count_b` in B."""
    expected_a = total_a * (count_a + count_b) / (total_a + total_b)
    expected_b = total_b * (count_a + count_b) / (total_a + total_b)
    g2 = 0.0
    for observed, expected in ((count_a, expected_a), (count_b, expected_b)):
        if observed:
            g2 += observed * math.log(observed / expected)
    return 2.0 * g2


def keyness(
    counts_a: Counter[str],
    counts_b: Counter[str],
    *,
    top: int = 20,
    min_count: int = 2,
) -> tuple[list[KeyTerm], list[KeyTerm]]:
    """Return the terms distinctive of A and of B, strongest first.

    A term is distinctive of A when its relative frequency is higher in A and G² is positive; terms seen fewer
    than `min_count` times in both collections together are ignored (noise on small texts). Ties are broken by
    term so the result is deterministic.
    """
    total_a, total_b = sum(counts_a.values()), sum(counts_b.values())
    if not total_a or not total_b:
        return [], []
    key_a: list[KeyTerm] = []
    key_b: list[KeyTerm] = []
    for term in set(counts_a) | set(counts_b):
        a, b = counts_a.get(term, 0), counts_b.get(term, 0)
        if a + b < min_count:
            continue
        score = round(log_likelihood(a, b, total_a, total_b), 4)
        if score <= 0:
            continue
        (key_a if a / total_a > b / total_b else key_b).append(KeyTerm(term, score, a, b))

    def order(k: KeyTerm) -> tuple[float, str]:
        return (-k.score, k.term)

    return sorted(key_a, key=order)[:top], sorted(key_b, key=order)[:top]


# ---------------------------------------------------------------- terms of documents
# Document symbols ("59-NQ/TW", "01/NQ-CP") would otherwise leave fragments such as "nq" and "tw" as terms.
_SYMBOL = re.compile(r"\b\d+[-/][A-Za-zĐđ][\w\-/Đđ]*")


@dataclass
class TermCounts:
    """How often each term occurs in a collection of texts, and how it is written there.

    A term's key is its stem sequence ("free trade agreements" -> "free trade agreement"), so inflected forms
    count together; `display` gives the commonest written form.
    """

    counts: Counter[str] = field(default_factory=Counter[str])
    forms: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, key: str, surface: str) -> None:
        """Count one occurrence of `key` written as `surface`."""
        self.counts[key] += 1
        self.forms[key][surface] += 1

    def update(self, other: TermCounts) -> None:
        """Add the counts of `other`."""
        self.counts.update(other.counts)
        for key, forms in other.forms.items():
            self.forms[key].update(forms)

    def display(self, key: str) -> str:
        """Return the commonest written form of `key` (ties: alphabetical)."""
        return commonest_form(self.forms.get(key), key)


def commonest_form(forms: Mapping[str, int] | None, key: str) -> str:
    """Return the commonest of a term's written forms (ties: alphabetical), or its key when it has none."""
    return min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0] if forms else key


def count_terms(texts: Iterable[str], *, max_n: int = 1) -> TermCounts:
    """Count the content words of `texts` and, when `max_n` > 1, their runs of 2..max_n content words.

    A content word is not a stop word, has two letters or more and no digit; a run never crosses a stop word
    or clause punctuation, so "climate change" and "free trade agreements" count but "change of the" does not.
    """
    out = TermCounts()
    for text in texts:
        for key, surface in iter_terms(text, max_n=max_n):
            out.add(key, surface)
    return out


def iter_terms(text: str, *, max_n: int = 1) -> Iterator[tuple[str, str]]:
    """Yield (key, written form) for every content word of `text` and every run of 2..max_n of them.

    A proper name of two or more capitalised words ("United Nations", "ASEAN Action Plan", "Ministry of Foreign
    Affairs") is one term, whatever `max_n`: neither its words ("united") nor runs that cut across it are
    terms of their own (`_names`)."""
    clean = _SYMBOL.sub(lambda m: " " * len(m.group(0)), text)
    tokens: list[tuple[str, str, int, int, bool]] = []  # word, stem, start, end, starts a new run
    previous_end = 0
    for word, stem, start, end in word_units(clean):  # Vietnamese syllables joined into words
        # one space between two words is the common case: only look for punctuation in longer gaps
        cut = (start - previous_end != 1 or clean[previous_end] != " ") and bool(
            _CLAUSE.search(clean, previous_end, start)
        )
        tokens.append((word, stem, start, end, cut or previous_end == 0))
        previous_end = end
    names = _names(clean, tokens)
    stems: list[str] = []
    shown: list[str] = []
    i = 0
    while i < len(tokens):
        word, stem, start, end, cut = tokens[i]
        if i in names:  # a name: one term, and a boundary for the runs around it
            last = names[i]
            stems.clear()
            shown.clear()
            yield " ".join(t[1] for t in tokens[i : last + 1] if _is_content(t[0])), clean[start : tokens[last][3]]
            i = last + 1
            continue
        i += 1
        if not _is_content(word) or cut:
            stems.clear()
            shown.clear()
        if not _is_content(word):
            continue
        surface = _surface(clean[start:end])
        stems.append(stem)
        shown.append(surface)
        if len(stems) > max_n:
            del stems[0], shown[0]
        yield stem, surface
        for n in range(2, len(stems) + 1):
            yield " ".join(stems[-n:]), " ".join(shown[-n:])


_NAME_LINKS = frozenset({"of"})  # a lower-case word that may join two capitalised parts of one name


def _names(text: str, tokens: list[tuple[str, str, int, int, bool]]) -> dict[int, int]:
    """Return the proper names among `tokens`: first index → last index of each run of two or more capitalised
    content words (an "of" may link them), none crossing clause punctuation. The first word of a sentence or a
    list item is capitalised anyway: it begins a name only when it is an acronym ("ASEAN Economic Community")."""
    out: dict[int, int] = {}
    i = 0
    while i < len(tokens):
        if not _capital(text, tokens[i]) or (_sentence_start(text, tokens[i][2]) and not _acronym(text, tokens[i])):
            i += 1
            continue
        last = i
        j = i + 1
        while j < len(tokens) and not tokens[j][4]:
            if _capital(text, tokens[j]):
                last = j
            elif not (tokens[j][0] in _NAME_LINKS and j + 1 < len(tokens) and _capital(text, tokens[j + 1])):
                break
            j += 1
        capitals = sum(1 for t in tokens[i : last + 1] if _capital(text, t))
        if capitals >= 2:
            out[i] = last
        i = last + 1
    return out


def _capital(text: str, token: tuple[str, str, int, int, bool]) -> bool:
    return text[token[2]].isupper() and _is_content(token[0])


def _acronym(text: str, token: tuple[str, str, int, int, bool]) -> bool:
    return sum(ch.isupper() for ch in text[token[2] : token[3]]) >= 2


def _sentence_start(text: str, start: int) -> bool:
    """Return whether the word at `start` begins the text, a sentence or a list item (the last character before
    it that is not a space or tab ends a sentence, or there is none; found by walking back, where stripping the
    text up to `start` copied it for every capitalised word: quadratic on one long line)."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in ".:;!?\n-–•)"


@lru_cache(maxsize=262144)
def _is_content(word: str) -> bool:
    return word not in STOP_WORDS and len(word) > 1 and not any(c.isdigit() for c in word)


@lru_cache(maxsize=262144)
def _surface(word: str) -> str:
    # acronyms keep their capitals (CPTPP, ASEAN); other words are shown in lower case
    return word if sum(ch.isupper() for ch in word) >= 2 else word.lower()


def records(table: Any) -> list[dict[str, Any]]:
    """Return a table (pandas DataFrame or list of row dicts) as a list of row dicts."""
    if hasattr(table, "to_dict"):
        return table.to_dict("records")
    return list(table)


def provisions_of(source: Any, document_id: str, *, basis: str = "auto") -> list[dict[str, Any]]:
    """Return the provisions of one document from a Dataset, a tables dict or a provisions table.

    basis: "own" (the document's own words only), "all" (commentary and reported text too) or "auto" (own text
    where the document has any, else all: 22-NQ/TW is known only through a news report).
    """
    if basis not in ("own", "all", "auto"):
        raise ValueError(f"basis must be own, all or auto, not {basis!r}")
    table: Any = getattr(source, "provisions", None)
    if table is None:
        table = cast(Mapping[str, Any], source)["provisions"] if isinstance(source, Mapping) else source
    rows = [r for r in records(table) if r["document_id"] == document_id]
    own = [r for r in rows if is_true(r.get("own_text"))]
    if basis == "own" or (basis == "auto" and own):
        return own
    return rows


def is_true(value: Any) -> bool:
    """Return whether a table cell means true (a bool, or "true" as CSV writes it)."""
    return value is True or str(value).lower() == "true"


def document_keyness(
    source: Any, a: str, b: str, *, basis: str = "auto", top: int = 20, min_count: int = 2, max_n: int = 1
) -> tuple[list[KeyTerm], list[KeyTerm]]:
    """Return the terms distinctive of document `a` against document `b`, and of `b` against `a`.

    Args:
        source: a Dataset, a dict of tables with "provisions", or the provisions table itself.
        a, b: document ids.
        basis: which provisions count (see `provisions_of`).
        max_n: 1 for words only; 2 or 3 adds runs of content words ("climate change").
    Returns:
        (distinctive of a, distinctive of b), each strongest first, terms in their commonest written form.
    """
    counts = [count_terms((p["text"] for p in provisions_of(source, doc, basis=basis)), max_n=max_n) for doc in (a, b)]
    key_a, key_b = keyness(counts[0].counts, counts[1].counts, top=top, min_count=min_count)

    def shown(k: KeyTerm, c: TermCounts) -> KeyTerm:
        return KeyTerm(c.display(k.term), k.score, k.count_a, k.count_b)

    return ([shown(k, counts[0]) for k in key_a], [shown(k, counts[1]) for k in key_b])
