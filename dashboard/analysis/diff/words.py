"""Word-level differences inside one aligned pair of provisions.

The ops format (documented in docs/alignment.md and the `diff --json` help):
a list of `{"op": "equal" | "insert" | "delete" | "replace", "a": str, "b": str}` in reading order, where `a`
is a slice of the A text and `b` a slice of the B text. Each slice runs from the start of its first word to
the start of the word after its last, so it carries the trailing space: concatenating every op's `a` gives
back the A text exactly, and every op's `b` the B text. `insert` has `a == ""`, `delete` has `b == ""`. Words
are compared folded (case, quotes, dashes and diacritics ignored), so `equal` slices may differ in those only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypedDict

# difflib's SequenceMatcher compiled (cydifflib, Cython): the same algorithm and the same opcodes (checked on ~900
# provision pairs), four times faster; the word ops were about a quarter of a first 500 x 500 comparison. Typed as
# difflib's (cydifflib ships no type hints).
if TYPE_CHECKING:
    from difflib import SequenceMatcher
else:
    from cydifflib import SequenceMatcher

from dashboard.analysis.text import STOP_WORDS
from dashboard.corpus.normalise import fold

# a word (letters/digits, inner apostrophes), or one punctuation mark; each with the whitespace that follows
# it
_ISLAND = 2
_PIECE = re.compile(r"(?:[^\W_]+(?:['’][^\W_]+)*|[^\w\s]|_)\s*", re.UNICODE)


Code = tuple[str, int, int, int, int]  # one of difflib's opcodes: tag, A slice, B slice


class Op(TypedDict):
    """One step of a word-level diff: equal, insert, delete or replace, with the A and B slices."""

    op: str
    a: str
    b: str


def pieces(text: str) -> list[str]:
    """Return `text` cut into words and punctuation marks, each with its trailing whitespace.

    Leading whitespace, if any, is kept on the first piece so that the pieces always join back to `text`.
    """
    lead = text[: len(text) - len(text.lstrip())]
    found = _PIECE.findall(text[len(lead) :])
    if "".join(found) != text[len(lead) :]:  # a character the pattern skips: fall back to whitespace cuts
        found = re.findall(r"\S+\s*", text[len(lead) :])
    if lead:
        found = [lead + found[0], *found[1:]] if found else [lead]
    return found


@lru_cache(maxsize=65536)
def _key(piece: str) -> str:
    return fold(piece.strip())


def word_ops(a_text: str, b_text: str) -> list[Op]:
    """Return the word-level ops turning `a_text` into `b_text` (see the module docstring for the format).

    Example:
        >>> [o["op"] for o in word_ops("Expand trade with partners.", "Expand trade with key partners.")]
        ['equal', 'insert', 'equal']
    """
    return [Op(**op) for op in _word_ops(a_text or "", b_text or "")]  # fresh dicts: callers may keep them


@lru_cache(maxsize=8192)
def _word_ops(a_text: str, b_text: str) -> tuple[Op, ...]:
    # cached: a page re-rendered after a correction, or a warm `diff`, does not diff the same texts again
    a_pieces, b_pieces = pieces(a_text or ""), pieces(b_text or "")
    if not a_pieces and not b_pieces:
        return ()
    a_keys, b_keys = [_key(p) for p in a_pieces], [_key(p) for p in b_pieces]
    codes = SequenceMatcher(None, a_keys, b_keys, autojunk=False).get_opcodes()
    codes = _absorb_islands(codes, a_keys)
    return tuple(Op(op=tag, a="".join(a_pieces[i1:i2]), b="".join(b_pieces[j1:j2])) for tag, i1, i2, j1, j2 in codes)


def _absorb_islands(codes: Sequence[tuple[str, int, int, int, int]], a_keys: list[str]) -> list[Code]:
    """Fold short runs of function words ("of", "and", ",") left equal between two changes into the change.

    A rewritten sentence shares its little words with the old one by chance; marking them as kept cuts one
    rewording into confetti. A run is absorbed when it has at most `_ISLAND` pieces, all stop words or
    punctuation, and changes stand on both sides of it (the "semantic cleanup" of diff-match-patch,
    simplified).
    """

    def is_island(k: int) -> bool:
        tag, i1, i2, _, _ = codes[k]
        return (
            tag == "equal"
            and 0 < k < len(codes) - 1
            and i2 - i1 <= _ISLAND
            and all(key in STOP_WORDS or not key[:1].isalnum() for key in a_keys[i1:i2])
        )

    merged: list[list[Any]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(codes):
        change = tag != "equal" or is_island(k)
        if change and merged and merged[-1][0] != "equal":
            merged[-1][2], merged[-1][4] = i2, j2
        else:
            merged.append(["change" if change else "equal", i1, i2, j1, j2])
    out: list[Code] = []
    for tag, i1, i2, j1, j2 in merged:
        if tag == "change":
            tag = "replace" if i2 > i1 and j2 > j1 else ("delete" if i2 > i1 else "insert")
        out.append((tag, i1, i2, j1, j2))
    return out


def one_sided_ops(text: str, side: str) -> list[Op]:
    """Return the ops of a provision without counterpart: one `delete` (side "a") or `insert` (side "b")."""
    if not text:
        return []
    return [Op(op="delete", a=text, b="")] if side == "a" else [Op(op="insert", a="", b=text)]


_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=8192)
def word_overlap(a_text: str, b_text: str) -> float:
    """Return the share of words the two texts have in common, in order: 2·M / (|A| + |B|).

    This is difflib's ratio over folded words; 1.0 means the same words in the same order.
    """
    matcher = _matcher(a_text, b_text)
    return 1.0 if matcher is None else matcher.ratio()


@lru_cache(maxsize=8192)
def overlap_reaches(a_text: str, b_text: str, bar: float) -> bool:
    """Return whether word_overlap(a_text, b_text) >= bar, without the full matching when difflib's cheap
    upper bounds (same length ratio, same multiset of words) already fall short of it."""
    matcher = _matcher(a_text, b_text)
    if matcher is None:
        return 1.0 >= bar
    return matcher.real_quick_ratio() >= bar and matcher.quick_ratio() >= bar and matcher.ratio() >= bar


def _matcher(a_text: str, b_text: str) -> SequenceMatcher[str] | None:
    a_words = [_key(t) for t in _WORD.findall(a_text or "")]
    b_words = [_key(t) for t in _WORD.findall(b_text or "")]
    if not a_words and not b_words:
        return None
    return SequenceMatcher(None, a_words, b_words, autojunk=False)
