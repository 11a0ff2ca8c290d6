"""What kind of error each miss of a comparison is, against a gold set (printed by `eval-alignment`).

Every gold pair the comparison does not link, and every link that strict precision counts wrong, gets one class,
the first that applies in the order below; the classes come from the documents' structure and the gold set
alone (no sentence is looked at), so the counts say which structural rules could help.

Missed gold pairs:
- `framing`: one side is a publisher's framing or secondary narrative, set apart by design (own text only);
- `bare heading`: one side is a heading with children and no subject of its own, aligned through its children;
- `one-to-many`: either side has several gold counterparts (a merge or split in the gold);
- `level mismatch`: one side has children (an item or part) and the other does not (a bullet or paragraph);
- `taken elsewhere`: the engine links one of the two to another provision instead;
- `vocabulary gap`: the two share almost no subject words (lexical similarity below chance's median, 0.118);
- `below the bar`: the rest (they share words, nothing else took them, the model's probability fell short).

Links counted wrong:
- `not a pair`: a `not_pairs` entry of the gold;
- `line left alone`: a counterpart for a line the gold leaves alone;
- `beside a gold pair`: the link joins one side of a gold pair with the other's parent, child or sibling (a link
  of the right family at the wrong level; consistent with the gold read many to many);
- `paired elsewhere`: both provisions have other gold counterparts;
- `one side paired elsewhere`: the rest (one provision has other gold counterparts, the other is unscored).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from dashboard.analysis.diff import compare as _compare
from dashboard.analysis.diff.align import AlignSettings, lexical_similarity
from dashboard.analysis.diff.candidates import candidates
from dashboard.analysis.diff.evaluate import Differ, GoldEntry, linked, resolve_entry, resolve_not_pairs, rows_of
from dashboard.analysis.diff.rows import subject_text

MISSED = ("framing", "bare heading", "one-to-many", "level mismatch", "taken elsewhere", "vocabulary gap",
          "below the bar")
WRONG = ("not a pair", "line left alone", "beside a gold pair", "paired elsewhere", "one side paired elsewhere")
GAP = 0.118  # chance's median best-match similarity on the seeds (docs/alignment.md), not fitted


def error_classes(
    gold: Sequence[GoldEntry], provisions: Any, differ: Differ, gold_file: str = "gold"
) -> dict[str, Any]:
    """Return the counts of each class of missed gold pair (`missed`) and wrong link (`wrong`) of `differ`'s
    comparisons against the gold set."""
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for entry in gold:
        a_doc, b_doc = entry["a_doc"], entry["b_doc"]
        links = linked(rows_of(differ(a_doc, b_doc)))
        pairs, only_a, only_b = resolve_entry(entry, provisions, gold_file)
        not_pairs = resolve_not_pairs(entry, provisions, gold_file)
        shape = _Shape(provisions, a_doc, b_doc)
        partners_a: dict[str, set[str]] = {}
        partners_b: dict[str, set[str]] = {}
        for x, y in pairs:
            partners_a.setdefault(x, set()).add(y)
            partners_b.setdefault(y, set()).add(x)
        for x, y in sorted(pairs - links):
            missed[_missed(x, y, shape, partners_a, partners_b, links)] += 1
        scored = set(partners_a) | set(partners_b) | set(only_a) | set(only_b)
        for x, y in sorted(links - pairs):
            if (x, y) in not_pairs:
                wrong["not a pair"] += 1
            elif x in only_a or y in only_b:
                wrong["line left alone"] += 1
            elif x not in scored and y not in scored:
                continue  # a link the gold does not judge
            elif any(shape.family_a(x, p) for p in partners_b.get(y, ())) or any(
                shape.family_b(y, p) for p in partners_a.get(x, ())
            ):
                wrong["beside a gold pair"] += 1
            elif x in partners_a and y in partners_b:
                wrong["paired elsewhere"] += 1
            else:
                wrong["one side paired elsewhere"] += 1
    return {"missed": {k: missed[k] for k in MISSED}, "wrong": {k: wrong[k] for k in WRONG}}


def _missed(
    x: str,
    y: str,
    shape: _Shape,
    partners_a: dict[str, set[str]],
    partners_b: dict[str, set[str]],
    links: set[tuple[str, str]],
) -> str:
    i, j = shape.ids_a.index(x), shape.ids_b.index(y)
    if not (shape.own_a[i] and shape.own_b[j]):
        return "framing"
    if shape.sa.bare[i] or shape.sb.bare[j]:
        return "bare heading"
    if len(partners_a[x]) > 1 or len(partners_b[y]) > 1:
        return "one-to-many"
    if (i in shape.sa.heads) != (j in shape.sb.heads):
        return "level mismatch"
    if any(a == x or b == y for a, b in links):
        return "taken elsewhere"
    if shape.lexical[i, j] < GAP:
        return "vocabulary gap"
    return "below the bar"


class _Shape:
    """The two documents' provisions, structures, own-text flags and lexical similarity."""

    def __init__(self, provisions: Any, a_doc: str, b_doc: str) -> None:
        rows_a = _compare.records(provisions[provisions["document_id"] == a_doc])
        rows_b = _compare.records(provisions[provisions["document_id"] == b_doc])
        self.ids_a, self.ids_b = [r["id"] for r in rows_a], [r["id"] for r in rows_b]
        cands = candidates(rows_a, rows_b, None, None, AlignSettings(model=None))
        self.sa, self.sb = cands.sa, cands.sb
        self.own_a = _compare.aligned_flags(rows_a, "own")
        self.own_b = _compare.aligned_flags(rows_b, "own")
        self.lexical: np.ndarray = lexical_similarity(
            [subject_text(r) for r in rows_a], [subject_text(r) for r in rows_b]
        )

    def family_a(self, x: str, other: str) -> bool:
        """Return whether A's x and A's other are parent and child or siblings (and not the same)."""
        return _family(self.sa.parent, self.ids_a.index(x), self.ids_a.index(other))

    def family_b(self, y: str, other: str) -> bool:
        return _family(self.sb.parent, self.ids_b.index(y), self.ids_b.index(other))


def _family(parent: Sequence[int], i: int, k: int) -> bool:
    if i == k:
        return False
    return parent[i] == k or parent[k] == i or (parent[i] >= 0 and parent[i] == parent[k])


def format_classes(classes: dict[str, Any]) -> str:
    """Return the counts in one line."""
    missed = ", ".join(f"{k} {v}" for k, v in classes["missed"].items() if v)
    wrong = ", ".join(f"{k} {v}" for k, v in classes["wrong"].items() if v)
    return f"missed gold pairs: {missed or 'none'}; links counted wrong: {wrong or 'none'}"
