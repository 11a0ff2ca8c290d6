"""Vietnamese word units for term counting: the syllables of one word are one term ("hội nhập", not "hội" and
"nhập").

Vietnamese is written a syllable at a time, so the shared tokeniser (analysis.words) gives syllables. In a text
that is mostly Vietnamese, runs of syllables that form a word of vi_words.txt are joined, longest first (greedy
longest match, the classic dictionary approach to Vietnamese word segmentation); the key of a joined word is its
folded syllables joined by "_" ("hoi_nhap"), so that analysis.terms still reads a space as a phrase of words.
Function words (của, và, các ...) are not content. English text goes through unchanged.

Why a word list and not a trained segmenter: underthesea is GPL-3.0 (this project is MIT) and heavy; pyvi is MIT
but unmaintained since 2021 and brings a CRF runtime. The list covers the vocabulary of policy documents, and
`policy-timeline eval-extraction` measures it against hand-segmented sentences
(dashboard/analysis/labelled/vi_words.yml).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from dashboard.analysis.words import words
from dashboard.paths import ANALYSIS_DIR

WORDS_FILE = ANALYSIS_DIR / "vi_words.txt"
MAX_SYLLABLES = 4
_VI_LETTER = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĩũ]", re.I)
_JOIN = re.compile(r"[ \u00a0]")  # the syllables of one word stand one space apart
STOP_VI = frozenset(
    "của và các những trong với để cho theo được là có này đó về từ tại trên một không đã sẽ cũng như thì mà ở "
    "hoặc nhằm việc sự cần phải đến khi nếu vào ra bị do nên lại rất đều mỗi hằng hàng năm nay sau trước giữa "
    "đối với thêm gì ai nào đây kia vẫn đang chưa hơn nhất nhiều ít".split())


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Return the words of vi_words.txt (lower case, NFC), each with two syllables or more."""
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_norm(line) for line in lines if line.strip() and not line.startswith("#"))


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def is_vietnamese(text: str) -> bool:
    """Return True when at least a third of the words of `text` carry Vietnamese letters."""
    if text.isascii():  # no Vietnamese letter (most English provisions: no split, no search per word)
        return False
    syllables = text.split()
    if not syllables:
        return False
    marked = sum(1 for s in syllables if _VI_LETTER.search(s))
    return marked * 3 >= len(syllables)


def word_units(text: str) -> Iterator[tuple[str, str, int, int]]:
    """Yield (word, key, start, end) like analysis.words.words, with Vietnamese words joined.

    A Vietnamese function word yields an empty word (no content); a joined word's key is "hoi_nhap".
    """
    if not is_vietnamese(text):
        yield from words(text)
        return
    syllables = list(words(text))
    known = lexicon()
    i = 0
    while i < len(syllables):
        for n in range(min(MAX_SYLLABLES, len(syllables) - i), 1, -1):
            run = syllables[i:i + n]
            if all(_JOIN.fullmatch(text[a[3]:b[2]]) for a, b in zip(run, run[1:], strict=False)) and \
                    _norm(text[run[0][2]:run[-1][3]]) in known:
                key = "_".join(s[0] for s in run)
                yield (key if _norm(text[run[0][2]:run[-1][3]]) not in STOP_VI else ""), key, run[0][2], run[-1][3]
                i += n
                break
        else:
            word, _stem, start, end = syllables[i]
            yield ("" if _norm(text[start:end]) in STOP_VI else word), word, start, end
            i += 1


def segment(text: str) -> list[str]:
    """Return the words of `text` as written, syllables of one word joined by "_" (for the evaluation)."""
    return ["_".join(text[s:e].split()) for _w, _k, s, e in word_units(text)]
