"""A reader's corrections as curated alignment entries: the YAML the Compare page offers to copy or download, in
the format of seeds/alignments.yml, so that a reader can contribute the pairs they confirmed.

Each pin becomes one entry:

    - a_doc: 40-QD-TTg-2016      # document ids of the pair compared
      b_doc: 153-NQ-CP-2025
      a: 7.b1                    # provision path in A ("" when the entry is about B's provision alone)
      b: p13                     # provision path in B ("" when about A's alone)
      relation: pair             # pair | not_pair | no_counterpart
      note: ''                   # for the contributor to fill
      by: ''
      on: 2026-12-06             # the day the corrections were copied
      source: policy-timeline compare page
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import yaml

from dashboard.analysis.diff.pins import Pin

SOURCE = "policy-timeline compare page"
RELATIONS = ("pair", "not_pair", "no_counterpart")


def relation(pin: Pin) -> str:
    """Return the curated relation a pin states: pair (a pair or an "also link": a curated pair adds its link and
    places nothing), not_pair, or no_counterpart (one side alone)."""
    if pin.apart:
        return "not_pair"
    return "pair" if pin.a and pin.b else "no_counterpart"


def curated_entries(a_doc: str, b_doc: str, pins: Sequence[Pin], on: date) -> list[dict[str, Any]]:
    """Return one curated entry per pin, in the pins' order (keys in the order of seeds/alignments.yml)."""
    return [
        {
            "a_doc": a_doc,
            "b_doc": b_doc,
            "a": _path(pin.a),
            "b": _path(pin.b),
            "relation": relation(pin),
            "note": "",
            "by": "",
            "on": on,
            "source": SOURCE,
        }
        for pin in pins
    ]


def curated_yaml(a_doc: str, b_doc: str, pins: Sequence[Pin], on: date) -> str:
    """Return the pins as a YAML list of curated entries ("" when there are none). Block style, keys in order,
    Vietnamese left as is; `on` is written as a plain date, as a contributor types it."""
    entries = curated_entries(a_doc, b_doc, pins, on)
    if not entries:
        return ""
    return yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, default_flow_style=False)


def _path(provision: str | None) -> str:
    return provision.split(":", 1)[-1] if provision else ""
