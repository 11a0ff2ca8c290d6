"""Spans: raw seed offsets of a provision's normalised text, and the occupied-span set the extractors ask."""

from __future__ import annotations

import random

import pytest

from dashboard.corpus.normalise import normalise_text
from dashboard.corpus.spans import Occupied, SpanMap


@pytest.mark.parametrize("raw, word", [
    ("Intro.\nThe  Ministry of\u00a0Foreign Affairs shall lead.\n", "Foreign Affairs"),
    ("  - Cooperate with UNESCO \U0001F30F and ASEAN.", "ASEAN"),
    ("Ngh\u0131\u0323 quyê\u0301t 59-NQ/TW ve\u0300 hội nhập", "59-NQ/TW"),  # decomposed diacritics (NFD)
    ("line one\r\n\tline two  with   spaces", "two with"),
])
def test_span_map_gives_raw_offsets_that_normalise_back_to_the_words(raw: str, word: str):
    spans = SpanMap(raw, 0, len(raw))
    assert spans.text == normalise_text(raw)
    at = spans.text.index(word)
    start, end = spans.raw_span(at, at + len(word))
    assert normalise_text(raw[start:end]) == word


def test_span_map_respects_the_provision_offset():
    raw = "HEADER\u00a0\u00a0text\n\nThe body  starts here."
    start = raw.index("The")
    spans = SpanMap(raw, start, len(raw))
    a = spans.text.index("starts")
    s, e = spans.raw_span(a, a + len("starts here"))
    assert raw[s:e].split() == ["starts", "here"]



# ---------------------------------------------------------------- occupied spans
def _overlaps_any(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    # the list scan the extractors used before (quadratic over a long provision): the reference
    return not all(b <= s or a >= e for s, e in spans)


@pytest.mark.parametrize("seed", range(20))
def test_occupied_answers_as_the_list_scan_did(seed: int):
    rng = random.Random(seed)
    size = rng.randint(0, 60)
    spans: list[tuple[int, int]] = []
    occupied = Occupied(size)
    for _ in range(40):
        a = rng.randint(0, size)
        b = rng.randint(a, min(size, a + rng.choice((0, 1, 3, 12, 60))))
        assert occupied.overlaps(a, b) == _overlaps_any(spans, a, b), (spans, a, b)
        assert occupied.free(a, b) != _overlaps_any(spans, a, b)
        if rng.random() < 0.5:
            spans.append((a, b))
            occupied.add(a, b)


def test_occupied_edges_touching_spans_do_not_overlap():
    occupied = Occupied(20, [(5, 10)])
    assert occupied.free(0, 5) and occupied.free(10, 15)  # ends are open
    assert not occupied.free(9, 11) and not occupied.free(0, 20) and not occupied.free(6, 7)
    assert occupied.free(5, 5) and not occupied.free(7, 7)  # an empty span overlaps only strictly inside
    assert Occupied(20).free(0, 20)
