"""The Compare page's "copy these corrections as YAML": each pin is one curated entry that reads back with
yaml.safe_load into the fields seeds/alignments.yml holds."""

from __future__ import annotations

from datetime import date

import yaml

from dashboard.analysis.diff.curated_yaml import curated_yaml
from dashboard.analysis.diff.pins import Pin

A, B = "40-QD-TTg-2016", "153-NQ-CP-2025"
DAY = date(2026, 12, 6)
KEYS = ["a_doc", "b_doc", "a", "b", "relation", "note", "by", "on", "source"]


def test_each_kind_of_correction_round_trips():
    pins = [Pin(f"{A}:7.b1", f"{B}:p13"), Pin(f"{A}:4.b3", f"{B}:p11", apart=True), Pin(f"{A}:6", None),
            Pin(None, f"{B}:p3"), Pin(f"{A}:7.b1", f"{B}:p14", also=True)]
    entries = yaml.safe_load(curated_yaml(A, B, pins, DAY))
    assert [list(e) for e in entries] == [KEYS] * 5  # the keys, in the curated file's order
    assert [(e["a"], e["b"], e["relation"]) for e in entries] == [
        ("7.b1", "p13", "pair"),
        ("4.b3", "p11", "not_pair"),
        ("6", "", "no_counterpart"),
        ("", "p3", "no_counterpart"),
        ("7.b1", "p14", "pair"),  # an "also link" is a curated pair: it adds its link and places nothing
    ]
    first = entries[0]
    assert (first["a_doc"], first["b_doc"]) == (A, B)
    assert (first["note"], first["by"]) == ("", "")
    assert first["on"] == DAY  # `on` is a key, not YAML 1.1's boolean, and the day reads back as a date
    assert first["source"] == "policy-timeline compare page"


def test_paths_that_look_like_numbers_stay_strings():
    entries = yaml.safe_load(curated_yaml(A, B, [Pin(f"{A}:6", f"{B}:1.2")], DAY))
    assert (entries[0]["a"], entries[0]["b"]) == ("6", "1.2")


def test_no_pins_no_yaml():
    assert curated_yaml(A, B, [], DAY) == ""
