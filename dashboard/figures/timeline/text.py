"""The timeline's words (catalogue keys `timeline_chart.`, `relation.`, `lane.`) and each relation kind's style.

Kept apart from the drawing so that pages (the relations table, the document page) say a relation the way the
chart does.
"""

from __future__ import annotations

from typing import Any

from dashboard import i18n
from dashboard.i18n import table

RELATION_STYLE: dict[str, dict[str, Any]] = {
    "implements": {"colour": "#0072B2", "width": 2.4},
    "references": {"colour": "#56B4E9", "width": 1.6},
    "follows_review_of": {"colour": "#D55E00", "width": 2.0},
    "reviews": {"colour": "#D55E00", "width": 2.0},
    "supersedes": {"colour": "#000000", "width": 2.0},
}
RELATION_LABELS = table("relation")
TEXT = table("timeline_chart")


def text(key: str, lang: str) -> str:
    """Return the chart's word `key` in `lang` (English when untranslated)."""
    return i18n.t(f"timeline_chart.{key}", lang)


def lane_label(lane: str, lang: str) -> str:
    """Return a lane's name in `lang`."""
    return i18n.t(f"lane.{lane}", lang) if i18n.has(f"lane.{lane}") else lane


def relation_label(kind: str, lang: str) -> str:
    """Return a relation kind in words ("follows the review of")."""
    labels = RELATION_LABELS.get(kind)
    return (labels.get(lang) or labels["en"]) if labels else kind.replace("_", " ")
