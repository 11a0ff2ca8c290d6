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
from dashboard.analysis.diff.words import one_sided_ops, overlap_reaches, word_ops

CANDIDATES = 3  # closest provisions of the other document offered beside each provision
# further provisions are offered (up to 2 · CANDIDATES in all) while they come within CLOSE of the third: where the
# top ones are close, the third is no better a guess than the next (0.8 is AlignSettings.link_ratio, not tuned)
CLOSE = 0.8
# and the MEANING provisions closest by word vectors (vectors.py), shared words or not: a rewording with other
# words ("diplomas" for "education") is then one click away. 2 offers every gold counterpart of sets 2 and 3 and
# 28 of 29 of the first (27/29, 20/20, 63/65 without; 3 adds none; docs/alignment.md)
MEANING = 2
_ENOUGH = MEANING + 4 * CANDIDATES + 4  # offers by shared words (at most nine) and a few partners, then MEANING


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
    context: np.ndarray | None = None,
    heads_a: frozenset[int] = frozenset(),
    heads_b: frozenset[int] = frozenset(),
    meaning: np.ndarray | None = None,
) -> list[Link]:
    """Return every row of the comparison in reading order (see the module docstring).

    `context` is the similarity of the two provisions' blocks (candidates.Candidates.context); a heading with
    children (`heads_a`, `heads_b`) is also offered what its block is closest to."""
    rank = {t: i for i, t in enumerate(theme_order)}

    # the closest by meaning of every line, in one vectorised partial sort per side (enough for any line's offers
    # besides its partners and the offers by shared words; a line that needs more sorts its own)
    closest_a = None if meaning is None else _closest(meaning, _ENOUGH)
    closest_b = None if meaning is None else _closest(meaning.T, _ENOUGH)

    def offers_a(i: int, partners: Sequence[int]) -> list[Candidate]:
        near = context[i, :] if context is not None and i in heads_a else None
        by_meaning = None if meaning is None or closest_a is None else (meaning[i, :], closest_a[i])
        return _candidates(sim[i, :], rows_b, partners, near, by_meaning)

    def offers_b(j: int, partners: Sequence[int]) -> list[Candidate]:
        near = context[:, j] if context is not None and j in heads_b else None
        by_meaning = None if meaning is None or closest_b is None else (meaning[:, j], closest_b[j])
        return _candidates(sim[:, j], rows_a, partners, near, by_meaning)

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
                kept = overlap_reaches(subject_text(row), subject_text(rows_b[j]), settings.kept_overlap)
                status = "kept" if kept else "reworded"
            link = _row(row, rows_b[j], status, float(sim[i, j]), themes_of, rank)
            keyed.append(
                (
                    (i, 0, j),
                    _with(
                        link, set_by.get((i, j), "engine"), True, offers_a(i, partners), offers_b(j, by_b.get(j, []))
                    ),
                )
            )
        if not partners:
            link = _row(row, None, "dropped", 0.0, themes_of, rank)
            link = _with(
                link,
                alone.get((i, None), "engine"),
                counted_a[i],
                offers_a(i, []),
                [],
                nearest=_nearest(sim[i, :], rows_b),
                heading=bare_a[i],
            )
            keyed.append(((i, 0, -1), link))
    anchor = -1
    for j, row in enumerate(rows_b):
        if j in by_b:
            anchor = max(by_b[j])
            continue
        link = _row(None, row, "new", 0.0, themes_of, rank)
        link = _with(
            link,
            alone.get((None, j), "engine"),
            counted_b[j],
            [],
            offers_b(j, []),
            nearest=_nearest(sim[:, j], rows_a),
            heading=bare_b[j],
        )
        keyed.append(((anchor, 1, j), link))
    return [link for _, link in sorted(keyed, key=lambda kv: kv[0])]


def _with(
    link: Link,
    set_by: str,
    counted: bool,
    cand_a: list[Candidate],
    cand_b: list[Candidate],
    *,
    nearest: Candidate | None = None,
    heading: bool = False,
) -> Link:
    from dataclasses import replace

    return replace(
        link, set_by=set_by, counted=counted, candidates={"a": cand_a, "b": cand_b}, nearest=nearest, heading=heading
    )


def _row(
    a: Record | None,
    b: Record | None,
    status: str,
    similarity: float,
    themes_of: Mapping[str, Mapping[str, float]],
    rank: Mapping[str, int],
) -> Link:
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


def _candidates(
    line: np.ndarray,
    others: Sequence[Record],
    partners: Sequence[int],
    block: np.ndarray | None = None,
    meaning: tuple[np.ndarray, list[int]] | None = None,
) -> list[Candidate]:
    """Return the provisions of the other document offered beside one (besides the linked ones), each sharing a
    word with it (similarity above 0): the CANDIDATES closest, then more while they come within CLOSE of the
    third (at most 2 · CANDIDATES), then, for a heading, up to CANDIDATES its block is closest to (`block`: the
    similarity of its block, an item with its bullets, to each of the other document's), then the MEANING closest
    by word vectors (`meaning`, when both documents are in English), which need not share a word."""
    chosen: list[int] = []
    head = _top(line, 2 * CANDIDATES + len(partners))  # enough for both steps below
    for k in head:
        if len(chosen) == CANDIDATES or line[k] <= 0:
            break
        if k not in partners:
            chosen.append(int(k))
    if len(chosen) == CANDIDATES:
        floor = CLOSE * line[chosen[-1]]
        for k in head:
            if len(chosen) == 2 * CANDIDATES or line[k] < floor:
                break
            if k not in partners and k not in chosen:
                chosen.append(int(k))
    if block is not None:
        added = 0
        for k in np.argsort(-block, kind="stable"):
            if added == CANDIDATES or block[k] <= 0:
                break
            if line[k] > 0 and k not in partners and k not in chosen:
                chosen.append(int(k))
                added += 1
    if meaning is not None:
        values, head = meaning
        taken = {*partners, *chosen}
        if len(taken) + MEANING > _ENOUGH:  # more partners than the shared partial sort covers
            head = _top(values, MEANING + len(taken)).tolist()
        by_meaning = [k for k in head if k not in taken and values[k] > 0][:MEANING]
    else:
        by_meaning = []
    offers = [Candidate(id=others[k]["id"], similarity=round(float(line[k]), 4)) for k in chosen]
    return offers + [
        Candidate(id=others[k]["id"], similarity=round(float(line[k]), 4), by="meaning") for k in by_meaning
    ]


def _closest(matrix: np.ndarray, count: int) -> list[list[int]]:
    """Return, for every row, the indices of its `count` largest values, largest first, ties in index order (as
    `_top` orders them)."""
    if matrix.shape[1] == 0:
        return [[] for _ in range(matrix.shape[0])]
    if count >= matrix.shape[1]:
        return np.argsort(-matrix, axis=1, kind="stable").tolist()
    head = np.sort(np.argpartition(-matrix, count - 1, axis=1)[:, :count], axis=1)
    order = np.argsort(-np.take_along_axis(matrix, head, axis=1), axis=1, kind="stable")
    return np.take_along_axis(head, order, axis=1).tolist()


def _top(line: np.ndarray, count: int) -> np.ndarray:
    """Return the indices of the `count` largest values of `line` (and any tied with the last), largest first,
    ties in index order: the head of a stable descending argsort, without sorting the whole line."""
    if count >= line.size or line.size <= 64:  # a short line: sorting it all is cheaper
        return np.argsort(-line, kind="stable")
    # the count-th largest value (negated: a fresh array, as np.partition is slow on a read-only view)
    floor = -np.partition(-line, count - 1)[count - 1]
    head = np.flatnonzero(line >= floor)
    return head[np.argsort(-line[head], kind="stable")]


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
