"""The Compare page's view: two held documents side by side, the filters on their aligned provisions, and the
reader's corrections to the pairing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from dashboard.analysis.diff.pins import MAX_PINS, Pin, usable_pins, well_formed
from dashboard.app.i18n import theme_label
from dashboard.app.state.base import MAX_VALUE, Notice, View, Vocabulary, _Reader
from dashboard.figures.registry import ChartOptions
from dashboard.i18n import table

_PIN_NOTICE = {"unknown": "pin-unknown", "conflict": "pin-conflict", "too-many": "pin-too-many"}  # by reason

STATUSES = ("kept", "reworded", "merged", "split", "new", "dropped")  # of an aligned pair (analysis.diff)


_COMPARE_WORDS = table("compare_view")


@dataclass(frozen=True)
class CompareView(View):
    """Two documents side by side (`a`, `b`: id or symbol of a held document), the aligned provisions
    filtered by `theme` and by `status` (any of kept, reworded, merged, split, new, dropped; none means all), and
    the reader's corrections to the pairing (`pin`: 3.b1-p2, 3.b1-, -p3, 3.b1!p2, 3.b1+p13; see
    analysis/diff/pins.py). A pin is checked for its shape here; whether it names provisions of the two documents
    is checked when the page is drawn. `page`: the page of the aligned rows (from 1) when they are more than one
    page holds."""

    PATH: ClassVar[str] = "/compare"
    PARAMS: ClassVar[tuple[str, ...]] = ("a", "b", "theme", "status", "page", "pin")

    a: str = ""
    b: str = ""
    theme: str = ""
    status: tuple[str, ...] = ()
    pin: tuple[str, ...] = ()
    unknown_a: str = ""  # what the address asked for when no held document has that id or symbol
    unknown_b: str = ""
    page: int = 1

    @classmethod
    def _parse(cls, reader: _Reader, vocab: Vocabulary) -> dict[str, Any]:
        docs: dict[str, str] = {}
        for side in ("a", "b"):
            ref = reader.one(side)[:MAX_VALUE]
            doc = vocab.resolve(ref) or ""
            if ref and not doc:
                reader.note("unknown-value", side, ref)
            elif doc and doc not in vocab.held:
                reader.note("unavailable", side, ref)  # known only through relations: no text to compare
                doc = ""
            docs[side], docs[f"unknown_{side}"] = doc, ref if ref and not doc else ""
        chosen = reader.subset("status", STATUSES)
        pins = []
        for value in reader.many("pin"):
            value = value.strip().replace(" ", "+")  # an "also link" typed in an address: its + reads as a space
            if not well_formed(value):
                reader.note("malformed", "pin", value)
            elif len(pins) == MAX_PINS:
                reader.notices.append(Notice("pin-too-many", "pin", value, detail=str(MAX_PINS)))
            else:
                pins.append(value)
        return {
            **docs,
            "theme": reader.choice("theme", vocab.themes),
            "status": () if len(chosen) == len(STATUSES) else chosen,
            "pin": tuple(pins) if docs["a"] and docs["b"] else (),  # pins name provisions of both documents
            "page": reader.page(),
        }

    def _params(self) -> list[tuple[str, str]]:
        pairs = [
            ("a", self.a or self.unknown_a),
            ("b", self.b or self.unknown_b),
            ("theme", self.theme),
            ("status", ",".join(self.status)),
            ("page", str(self.page) if self.page > 1 else ""),
            ("pin", ",".join(self.pin)),
        ]
        return [(k, v) for k, v in pairs if v]

    @property
    def ready(self) -> bool:
        """Return True when both documents are chosen."""
        return bool(self.a and self.b)

    def pins_in(self, by_document: Mapping[str, Sequence[str]]) -> tuple[list[Pin], list[Notice]]:
        """Return the pins that name provisions of the two documents (`by_document`: document id → its
        provision ids), and a notice for each of the others (naming nothing, contradicting an earlier pin)."""
        if not self.ready or not self.pin:
            return [], []
        good, bad = usable_pins(self.pin, by_document.get(self.a, []), by_document.get(self.b, []))
        return good, [Notice(_PIN_NOTICE.get(e.reason, "malformed"), "pin", e.pin, detail=e.provision) for e in bad]

    def chart_options(self) -> ChartOptions:
        """Return the options of the page's charts: the pair (theme and status filter the pairs only)."""
        return ChartOptions(a=self.a, b=self.b, lang=self.lang)

    def caption(self, vocab: Vocabulary) -> str:
        """Return the view in words, e.g. '40/QĐ-TTg → 153/NQ-CP · Education and training · new, dropped'."""
        words = {k: v.get(self.lang) or v["en"] for k, v in _COMPARE_WORDS.items()}
        if not self.ready:
            return words["choose"]
        parts = [f"{vocab.symbol(self.a)} → {vocab.symbol(self.b)}"]
        if self.theme:
            parts.append(theme_label(self.theme, self.lang))
        if self.status:
            parts.append(", ".join(words[s] for s in self.status))
        return " · ".join(parts)
