"""The rows of a comparison: one `Link` per link between A and B, one one-sided row per provision without any.

Status of a link (i, j): `merged` when B's j links to several A families (an item with its own bullets counts
once), else `split` when A's i links to several B families, else `kept` (word overlap ≥ kept_overlap) or
`reworded`. Reading order: A's order, the rows of each A provision together; a B provision without a link
comes after the rows of the B provision before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from dashboard.analysis.diff.align import AlignSettings
from dashboard.analysis.diff.result import Candidate, Link, Record
from dashboard.analysis.diff.words import one_sided_ops, word_ops, word_overlap

CANDIDATES = 3  # closest provisions of the other document offered beside each provision


def subject_text(row: Mapping[str, Any]) -> str:
    """Return what alignment compares: the provision's text without its list marker."""
    content = row.get("content")
    return str(content) if isinstance(content, str) and content.strip() else str(row.get("text") or "")


def build_rows(
    rows_a: Sequence[Record],
    rows_b: Sequence[Record],
    links: Sequence[tuple[int, int]],
    set_by: Mapping[tuple[int, int], str],
    alone: Mapping[tuple[int | None, int | None], str],
    sim: np.ndarray,
    degree_a: Mapping[int, int],
    degree_b: Mapping[int, int],
    *,
    counted_a: Sequence[bool],
    counted_b: Sequence[bool],
    bare_a: Sequence[bool],
    bare_b: Sequence[bool],
    themes_of: Mapping[str, Mapping[str, float]],
    theme_order: Sequence[str],
    settings: AlignSettings,
) -> list[Link]:
    """Return every row of the comparison in reading order (see the module docstring)."""
    rank = {t: i for i, t in enumerate(theme_order)}
    by_a: dict[int, list[int]] = {}
    by_b: dict[int, list[int]] = {}
    for i, j in links:
        by_a.setdefault(i, []).append(j)
        by_b.setdefault(j, []).append(i)
    keyed: list[tuple[tuple[int, int, int], Link]] = []
    for i, row in enumerate(rows_a):
        partners = sorted(by_a.get(i, []))
        for j in partners:
            if degree_b.get(j, 1) > 1:
                status = "merged"
            elif degree_a.get(i, 1) > 1:
                status = "split"
            else:
                kept = word_overlap(subject_text(row), subject_text(rows_b[j])) >= settings.kept_overlap
                status = "kept" if kept else "reworded"
            link = _row(row, rows_b[j], status, float(sim[i, j]), themes_of, rank)
            keyed.append(((i, 0, j), _with(link, set_by.get((i, j), "engine"), True,
                                           _candidates(sim[i, :], rows_b, partners),
                                           _candidates(sim[:, j], rows_a, by_b.get(j, [])))))
        if not partners:
            link = _row(row, None, "dropped", 0.0, themes_of, rank)
            link = _with(link, alone.get((i, None), "engine"), counted_a[i], _candidates(sim[i, :], rows_b, []),
                         [], nearest=_nearest(sim[i, :], rows_b), heading=bare_a[i])
            keyed.append(((i, 0, -1), link))
    anchor = -1
    for j, row in enumerate(rows_b):
        if j in by_b:
            anchor = max(by_b[j])
            continue
        link = _row(None, row, "new", 0.0, themes_of, rank)
        link = _with(link, alone.get((None, j), "engine"), counted_b[j], [], _candidates(sim[:, j], rows_a, []),
                     nearest=_nearest(sim[:, j], rows_a), heading=bare_b[j])
        keyed.append(((anchor, 1, j), link))
    return [link for _, link in sorted(keyed, key=lambda kv: kv[0])]


def _with(link: Link, set_by: str, counted: bool, cand_a: list[Candidate], cand_b: list[Candidate], *,
          nearest: Candidate | None = None,
          heading: bool = False) -> Link:
    from dataclasses import replace

    return replace(link, set_by=set_by, counted=counted, candidates={"a": cand_a, "b": cand_b}, nearest=nearest,
                   heading=heading)


def _row(a: Record | None, b: Record | None, status: str, similarity: float,
         themes_of: Mapping[str, Mapping[str, float]], rank: Mapping[str, int]) -> Link:
    themes = sorted(
        {t for row in (a, b) if row for t in themes_of.get(row["id"], {})},
        key=lambda t: (rank.get(t, len(rank)), t),
    )
    if a and b:
        ops = word_ops(a["text"], b["text"])
    else:
        one = a or b
        assert one is not None  # a row has a provision on at least one side
        ops = one_sided_ops(one["text"], "a" if a else "b")
    return Link(
        a=a["id"] if a else None,
        b=b["id"] if b else None,
        a_text=a["text"] if a else "",
        b_text=b["text"] if b else "",
        similarity=round(similarity, 4),
        status=status,
        themes=tuple(themes),
        ops=tuple(ops),
        a_label=_label(a),
        b_label=_label(b),
        a_kind=a["kind"] if a else None,
        b_kind=b["kind"] if b else None,
        a_own=bool(a.get("own_text", True)) if a else None,
        b_own=bool(b.get("own_text", True)) if b else None,
        a_themes=tuple(t for t in themes if a and t in themes_of.get(a["id"], {})),
        b_themes=tuple(t for t in themes if b and t in themes_of.get(b["id"], {})),
    )


def _candidates(line: np.ndarray, others: Sequence[Record], partners: Sequence[int]) -> list[Candidate]:
    """Return the closest provisions of the other document (besides the linked ones), best first, above 0."""
    order = np.argsort(-line, kind="stable")
    out: list[Candidate] = []
    for k in order:
        if len(out) == CANDIDATES or line[k] <= 0:
            break
        if k not in partners:
            out.append(Candidate(id=others[int(k)]["id"], similarity=round(float(line[k]), 4)))
    return out


def _nearest(line: np.ndarray, others: Sequence[Record]) -> Candidate | None:
    if line.size == 0 or float(line.max()) <= 0:
        return None
    k = int(np.argmax(line))
    return Candidate(id=others[k]["id"], similarity=round(float(line[k]), 4))


def _label(row: Record | None) -> str:
    if not row:
        return ""
    label = row.get("label")
    return "" if label is None or (isinstance(label, float) and label != label) else str(label)
