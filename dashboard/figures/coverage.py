"""How much of a document the corpus holds, said the same way on every chart, badge and slide.

Every chart that compares documents must flag coverage and source kind (every seed is partial; some are
secondary accounts). This module is the single source of the words, colours, marker shapes and glyphs used to
do that.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard import i18n
from dashboard.i18n import table

# Okabe-Ito colours (colour-blind safe), each paired with a distinct glyph and marker shape so that colour is
# never the only cue.
COVERAGE_STYLE: dict[str, dict[str, str]] = {
    "full": {"colour": "#009E73", "glyph": "●", "symbol": "circle"},
    "partial": {"colour": "#E69F00", "glyph": "◐", "symbol": "diamond"},
    "summary": {"colour": "#CC79A7", "glyph": "○", "symbol": "square"},
    "not_held": {"colour": "#8C8C8C", "glyph": "◌", "symbol": "circle-open"},
}
COVERAGE_LABELS = table("coverage")
COVERAGE_HELP = table("coverage_help")
SOURCE_KIND_LABELS = table("source_kind")
# the source kinds that give a document's own words; the others are someone else's account of it
PRIMARY_KINDS = frozenset({"official_text", "official_translation"})


def comparable(coverage: str, source_kind: str) -> bool:
    """Return whether a document's measures can be set beside another's as like for like: the whole text, from
    an official source. A share counted over an excerpt or a summary says what that excerpt holds."""
    return coverage == "full" and (not source_kind or source_kind in PRIMARY_KINDS)


def coverage_key(coverage: Any, held: Any = True) -> str:
    """Return the coverage class of a document row: full, partial, summary or not_held."""
    if _present(held) and not bool(held):
        return "not_held"
    text = str(coverage) if _present(coverage) else ""
    if text in COVERAGE_STYLE:
        return text
    return "not_held" if not text else "partial"  # an unknown coverage word is read conservatively


def coverage_label(key: str, lang: str = "en") -> str:
    """Return the words for a coverage class ("Partial excerpt")."""
    return COVERAGE_LABELS.get(key, {}).get(lang) or COVERAGE_LABELS.get(key, {}).get("en", key)


def source_kind_label(kind: Any, lang: str = "en") -> str:
    """Return the words for a source kind; unknown kinds are spelled out from their id."""
    if not _present(kind):
        return ""
    labels = SOURCE_KIND_LABELS.get(str(kind))
    return (labels.get(lang) or labels["en"]) if labels else str(kind).replace("_", " ")


def coverage_summary(documents: pd.DataFrame, lang: str = "en") -> str:
    """Return one sentence on how much of the compared documents the corpus holds.

    Example: "All 5 seeds are partial, and 2 of them are secondary accounts (22-NQ/TW, 59-NQ/TW)."
    """
    held = documents[documents["held"].astype(bool)]
    if held.empty:
        return ""
    keys = [coverage_key(c) for c in held["coverage"]]
    partial = sum(k != "full" for k in keys)
    secondary = [s for s, k in zip(held["symbol"], keys, strict=True) if k == "summary"]
    named = ", ".join(secondary[:6]) + (f", … (+{len(secondary) - 6})" if len(secondary) > 6 else "")
    n = len(keys)
    head = (
        i18n.t("coverage_summary.all_partial", lang, n=n)
        if partial == n
        else i18n.t("coverage_summary.some_partial", lang, k=partial, total=n)
        if partial
        else i18n.t("coverage_summary.all_full", lang, n=n)
    )
    tail = i18n.t("coverage_summary.secondary", lang, n=len(secondary), docs=named) if secondary else ""
    return head + tail + "."
    head = (
        f"All {n} seeds are partial"
        if partial == n
        else f"{partial} of the {n} seeds are partial"
        if partial
        else f"All {n} seeds are full texts"
    )
    tail = (
        (
            f", and {len(secondary)} of them "
            f"{'is a secondary account' if len(secondary) == 1 else 'are secondary accounts'}"
            f" ({named})"
        )
        if secondary
        else ""
    )
    return head + tail + "."


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and value != value) and str(value) != ""
