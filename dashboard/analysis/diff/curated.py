"""Reader-confirmed links kept as data: seeds/alignments.yml, the package's `alignments` table.

Each entry names a document pair, a provision path in A (e.g. `7.b1`, or empty) and in B (e.g. `p13`, or
empty), a relation (`pair`, `not_pair`, `no_counterpart`), a note, who confirmed it, when and from what source.
`diff` applies them with set_by "curated" unless `--no-curated`; a reader's pins override them. The entries of a
pair (A, B) also apply, sides swapped, when B is compared with A.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

RELATIONS = ("pair", "not_pair", "no_counterpart")


@dataclass(frozen=True)
class CuratedLink:
    """One curated entry as it applies to a comparison: provision ids on each side (None for none)."""

    a: str | None
    b: str | None
    relation: str
    note: str = ""

    def text(self) -> str:
        """Return the entry in the pins' notation (`7.b1-p13`, `7.b1!p13`, `7.b1-`)."""
        sep = "!" if self.relation == "not_pair" else "-"
        return f"{_path(self.a)}{sep}{_path(self.b)}"


def curated_for(table: pd.DataFrame | None, a: str, b: str) -> list[CuratedLink]:
    """Return the curated entries of the `alignments` table that apply to comparing `a` with `b`, in order."""
    if table is None or table.empty:
        return []
    out: list[CuratedLink] = []
    for row in table.to_dict("records"):
        x, y = _text(row.get("a_provision")) or None, _text(row.get("b_provision")) or None
        if row["a_doc"] == a and row["b_doc"] == b:
            out.append(CuratedLink(x, y, str(row["relation"]), _text(row.get("note"))))
        elif row["a_doc"] == b and row["b_doc"] == a:
            out.append(CuratedLink(y, x, str(row["relation"]), _text(row.get("note"))))
    return out


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _path(pid: str | None) -> str:
    return "" if not pid else pid.split(":", 1)[-1]
