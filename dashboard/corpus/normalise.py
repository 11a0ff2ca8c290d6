"""Unicode normalisation shared by segmentation, provenance checks and search.

`normalise_text` keeps text readable (curly quotes and Vietnamese diacritics stay); `fold` makes it searchable
(case, quotes, dashes and diacritics folded). Provenance rests on one rule: for every provision,
normalise_text(raw[start:end]) == text.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u3000\t\r\f\v"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f\u00ad"), None)
_WS = re.compile(r" {2,}")
_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
     "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-", "đ": "d", "Đ": "D"}
)


def _is_glyph(ch: str) -> bool:
    # Emoji and icon glyphs (the infographic's 🕊️ 📈 🌏) are symbols of category So; © is too.
    return unicodedata.category(ch) in {"So", "Cs", "Co", "Cn"} and ord(ch) > 0x7F


def normalise_text(raw: str) -> str:
    """Return `raw` with Unicode NFC, plain spaces, no invisible characters or icon glyphs, and single spaces."""
    text = raw if raw.isascii() else unicodedata.normalize("NFC", raw).translate(_SPACES).translate(_INVISIBLE)
    text = text.replace("\t", " ").replace("\r", " ").replace("\f", " ").replace("\v", " ")
    if not text.isascii():  # the per-character check is the slow part; ASCII has no glyphs to drop
        text = "".join(ch for ch in text if ch.isascii() or not _is_glyph(ch))
    text = " ".join(line.strip() for line in text.split("\n"))
    return _WS.sub(" ", text).strip()


def fold(text: str) -> str:
    """Return a search key: lower case, straight quotes, hyphens, no diacritics."""
    text = normalise_text(text).translate(_FOLD).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
