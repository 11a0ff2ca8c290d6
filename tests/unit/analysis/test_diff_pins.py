"""A reader's pins: how they are written, which provisions they name, and how the alignment keeps them."""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.analysis.diff.align import align_provisions, assign
from dashboard.analysis.diff.pins import (
    MAX_PINS,
    Pin,
    indices,
    parse_pin,
    parse_pins,
    reverse_text,
    usable_pins,
    well_formed,
    with_pin,
    without,
    without_link,
)
from dashboard.errors import InvalidPin

IDS_A = ["A-2016:1", "A-2016:1.a", "A-2016:partV.1~2", "A-2016:2_1"]
IDS_B = ["B-2025:p1", "B-2025:p2", "B-2025:c1"]


@pytest.mark.parametrize(
    ("value", "pin"),
    [
        ("1.a-p2", Pin("A-2016:1.a", "B-2025:p2")),
        ("partV.1~2-c1", Pin("A-2016:partV.1~2", "B-2025:c1")),  # "~" belongs to the path, "-" separates
        ("2_1-", Pin("A-2016:2_1", None)),
        ("1!p2", Pin("A-2016:1", "B-2025:p2", apart=True)),
        ("-p1", Pin(None, "B-2025:p1")),
        (" 1-p1 ", Pin("A-2016:1", "B-2025:p1")),
    ],
)
def test_a_pin_names_provisions_by_their_paths(value: str, pin: Pin):
    assert parse_pin(value, IDS_A, IDS_B) == pin
    assert parse_pin(pin.text(), IDS_A, IDS_B) == pin  # the written form reads back


@pytest.mark.parametrize("value", ["", "-", "!", "1!", "!p1", "1-p1!p2",
                                   "1", "1--p1", "1-p1-p2", "1 p1", "<b>-p1", "1-p1;", "x" * 90 + "-p1"])
def test_malformed_pins_are_refused_by_shape(value: str):
    assert not well_formed(value)
    with pytest.raises(InvalidPin) as err:
        parse_pin(value, IDS_A, IDS_B)
    assert err.value.code == "invalid-pin" and err.value.reason == "malformed"


def test_a_pin_naming_no_provision_says_which_side_and_document():
    with pytest.raises(InvalidPin) as err:
        parse_pin("1.b-p1", IDS_A, IDS_B, names=("40/QĐ-TTg", "153/NQ-CP"))
    assert err.value.reason == "unknown" and err.value.provision == "1.b"
    assert "1.b is not a provision of 40/QĐ-TTg" in str(err.value)
    with pytest.raises(InvalidPin) as err:
        parse_pin("1-p9", IDS_A, IDS_B)
    assert err.value.provision == "p9" and "of B" in str(err.value)
    with pytest.raises(InvalidPin):
        parse_pin("p1-1", IDS_A, IDS_B)  # sides are not interchangeable


def test_a_provision_is_placed_by_one_pin_only():
    with pytest.raises(InvalidPin) as err:
        parse_pins(["1-p1", "1.a-p1"], IDS_A, IDS_B)
    assert err.value.reason == "conflict" and err.value.provision == "p1"
    good, bad = usable_pins(["1-p1", "1-", "zz-p2", "-p2"], IDS_A, IDS_B)
    assert good == [Pin("A-2016:1", "B-2025:p1"), Pin(None, "B-2025:p2")]
    assert [(e.pin, e.reason) for e in bad] == [("1-", "conflict"), ("zz-p2", "unknown")]


def test_pins_are_bounded():
    many = [f"-p{k}" for k in range(MAX_PINS + 1)]
    ids_b = [f"B:p{k}" for k in range(MAX_PINS + 1)]
    good, bad = usable_pins(many, [], ids_b)
    assert len(good) == MAX_PINS and [e.reason for e in bad] == ["too-many"]


def test_a_new_pin_replaces_the_pins_it_conflicts_with():
    pins = [Pin("A:1", "B:1"), Pin("A:2", None), Pin("A:3", "B:3")]
    assert with_pin(pins, Pin("A:2", "B:1")) == [Pin("A:3", "B:3"), Pin("A:2", "B:1")]
    assert without(pins, ["B:3"]) == [Pin("A:1", "B:1"), Pin("A:2", None)]
    placing, apart = indices(
        [Pin("A:3", "B:1"), Pin(None, "B:3"), Pin("A:1", "B:3", apart=True)], ["A:1", "A:2", "A:3"], ["B:1", "B:3"]
    )
    assert placing == [(2, 0), (None, 1)] and apart == [(0, 1)]


def test_assignment_keeps_pins_and_aligns_the_rest_around_them():
    sim = np.array([[0.9, 0.3, 0.0], [0.8, 0.7, 0.0], [0.0, 0.0, 0.05]])
    assert assign(sim, 0.2) == [(0, 0), (1, 1)]
    # a weak pair a reader sets is kept whatever its score; the row it frees finds its next best
    assert assign(sim, 0.2, [(2, 2)]) == [(0, 0), (1, 1), (2, 2)]
    assert assign(sim, 0.2, [(1, 0)]) == [(0, 1), (1, 0)]
    # "no counterpart" keeps a provision alone even when it has a strong match
    assert assign(sim, 0.2, [(0, None)]) == [(1, 0)]
    assert assign(sim, 0.2, [(None, 0), (None, 1)]) == []


def test_alignment_reports_which_provisions_a_pin_fixed():
    out = align_provisions(["free trade agreements", "citizens abroad"], ["citizens abroad", "trade"],
                           pins=[(0, None)])
    assert out.pairs == [(1, 0)] and out.pinned_rows == frozenset({0}) and out.pinned_cols == frozenset()


def test_not_a_pair_places_nothing_but_contradicts_the_same_pair():
    # kept apart from p1, 1 may still be paired with p2 or left alone
    good, bad = usable_pins(["1!p1", "1-p2", "1.a!p1"], IDS_A, IDS_B)
    assert [p.text() for p in good] == ["1!p1", "1-p2", "1.a!p1"] and not bad
    good, bad = usable_pins(["1-p1", "1!p1"], IDS_A, IDS_B)
    assert [p.text() for p in good] == ["1-p1"] and [e.reason for e in bad] == ["conflict"]
    # a later click wins: "not a pair" on a pair the reader set replaces it, and the other way round
    assert with_pin([Pin("A:1", "B:1")], Pin("A:1", "B:1", apart=True)) == [Pin("A:1", "B:1", apart=True)]
    assert with_pin([Pin("A:1", "B:1", apart=True), Pin("A:2", None)], Pin("A:1", "B:1")) == [
        Pin("A:2", None),
        Pin("A:1", "B:1"),
    ]
    assert without([Pin("A:1", "B:1", apart=True)], ["A:1"]) == [Pin("A:1", "B:1", apart=True)]  # undo is per row


def test_swapping_the_documents_turns_each_pin_round():
    turned = [reverse_text(v) for v in ("3.b1-p2", "3.b1-", "-p3", "3.b1!p2")]
    assert turned == ["p2-3.b1", "-3.b1", "p3-", "p2!3.b1"]
    assert Pin("A:1", None).reversed() == Pin(None, "A:1")


def test_pairs_kept_apart_are_never_made_and_their_provisions_find_another_partner():
    sim = np.array([[0.9, 0.3], [0.25, 0.1]])
    assert assign(sim, 0.2) == [(0, 0)]
    assert assign(sim, 0.2, apart=[(0, 0)]) == [(0, 1), (1, 0)]  # both re-paired with their second choice
    assert assign(sim, 0.2, apart=[(0, 0), (0, 1)]) == [(1, 0)]
    assert assign(sim, 0.2, pins=[(0, 0)], apart=[(0, 0)]) == [(0, 0)]  # a placing pin is applied as given


def test_an_also_link_is_written_with_a_plus_and_places_nothing():
    pin = parse_pin("1.a+p2", IDS_A, IDS_B)
    assert pin == Pin("A-2016:1.a", "B-2025:p2", also=True) and pin.text() == "1.a+p2"
    assert pin.placed() == () and pin.ids() == ("A-2016:1.a", "B-2025:p2")
    assert pin.reversed() == Pin("B-2025:p2", "A-2016:1.a", also=True)
    assert reverse_text("3.b1+p13") == "p13+3.b1"
    for value in ("1+", "+p1", "1+p1+p2", "1+p1-p2", "1++p1"):
        assert not well_formed(value)


def test_also_links_give_one_provision_several_counterparts_beside_a_pinned_pair():
    # a pinned pair and "this too" on the same provision go together; neither removes the other
    good, bad = usable_pins(["1-p1", "1+p2", "1.a+p2"], IDS_A, IDS_B)
    assert [p.text() for p in good] == ["1-p1", "1+p2", "1.a+p2"] and not bad
    assert with_pin([Pin("A:1", "B:1")], Pin("A:1", "B:2", also=True)) == [
        Pin("A:1", "B:1"),
        Pin("A:1", "B:2", also=True),
    ]


def test_an_also_link_conflicts_with_not_a_pair_a_repeat_and_no_counterpart():
    for values in (["1!p2", "1+p2"], ["1+p2", "1!p2"], ["1+p2", "1+p2 "], ["1+p2", "1-p2"], ["1-", "1+p2"],
                   ["1+p2", "-p2"]):
        good, bad = usable_pins(values, IDS_A, IDS_B)
        assert len(good) == 1 and [e.reason for e in bad] == ["conflict"], values
    # a later click wins over the pin it contradicts
    also = Pin("A:1", "B:2", also=True)
    assert with_pin([Pin("A:1", "B:2", apart=True)], also) == [also]
    assert with_pin([Pin("A:1", None), Pin("A:3", None)], also) == [Pin("A:3", None), also]
    assert with_pin([also], Pin(None, "B:2")) == [Pin(None, "B:2")]
    assert with_pin([also], Pin("A:1", "B:2")) == [Pin("A:1", "B:2")]


def test_undo_of_an_also_link_keeps_the_readers_other_links():
    pins = [Pin("A:1", "B:1"), Pin("A:1", "B:2", also=True), Pin("A:2", "B:2", also=True)]
    assert without_link(pins, "A:1", "B:2") == [Pin("A:1", "B:1"), Pin("A:2", "B:2", also=True)]
    assert without(pins, ["A:1", "B:1"]) == pins[1:]  # undo of the pair leaves the links added beside it
    placing, apart = indices(pins, ["A:1", "A:2"], ["B:1", "B:2"])
    assert placing == [(0, 0)] and apart == []
