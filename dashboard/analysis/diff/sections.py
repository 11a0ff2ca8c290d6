"""A section-level summary: for each part or item of A (with everything under it), one line on what became of
it in B, e.g. "7. Environmental cooperation → merged into p13, p14"; and one line for B's new provisions.

Outcome of a section whose members link to B provisions `bs` (in B's order):
- none: `dropped` ("no counterpart in B");
- one or more, one of which also takes provisions of another section of A: `merged` ("merged into …");
- several: `split` ("split over …"); one: `kept` or `reworded`, as its link.
Framing and secondary narrative are not sections (they are not aligned when the document has its own text).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.analysis.diff.result import Link, Record, Section
from dashboard.i18n import t

SHOWN = 6  # B provisions named in one line; the rest are counted


def sections(rows_a: Sequence[Record], rows_b: Sequence[Record], pairs: Sequence[Link]) -> tuple[Section, ...]:
    """Return the section summary of a comparison (rows in document order, the comparison's rows)."""
    ids_a = {r["id"] for r in rows_a}
    order_b = {r["id"]: k for k, r in enumerate(rows_b)}
    top: dict[str, str] = {}
    for row in rows_a:  # document order: a parent comes before its children
        parent = row.get("parent_id")
        top[row["id"]] = top.get(parent, parent) if isinstance(parent, str) and parent in ids_a else row["id"]
    section_of_b: dict[str, set[str]] = {}
    links_of: dict[str, list[Link]] = {}  # per section head, its members' links in the comparison's order
    for p in pairs:
        if p.a and p.b:  # a link
            section_of_b.setdefault(p.b, set()).add(top[p.a])
            links_of.setdefault(top[p.a], []).append(p)
    counted_a = {p.a for p in pairs if p.a and (p.counted or p.heading or p.b)}
    counted_heads = {top[x] for x in counted_a}  # sections with a member that counts
    out: list[Section] = []
    for row in rows_a:
        if top[row["id"]] != row["id"] or row["id"] not in counted_heads:
            continue
        mine = links_of.get(row["id"], [])
        bs = sorted({p.b for p in mine if p.b}, key=lambda b: order_b.get(b, 0))
        title = _title(row)
        if not bs:
            outcome, text = "dropped", "no counterpart in B"
        elif any(len(section_of_b[b]) > 1 for b in bs):
            outcome, text = "merged", f"merged into {_names(bs)}"
        elif len(bs) > 1:
            outcome, text = "split", f"split over {_names(bs)}"
        else:
            outcome = "kept" if all(p.status == "kept" for p in mine) else "reworded"
            text = f"{outcome} as {_names(bs)}"
        out.append(Section(row["id"], title, outcome, f"{title} → {text}", tuple(bs)))
    new = sorted({p.b for p in pairs if p.status == "new" and p.counted and p.b}, key=lambda b: order_b[b])
    if new:
        out.append(Section(None, "New in B", "new", f"New in B: {_names(new)}", tuple(new)))
    return tuple(out)


def _title(row: Record) -> str:
    label = row.get("label")
    label = "" if label is None or (isinstance(label, float) and label != label) or label == "-" else str(label)
    content = row.get("content")
    text = content if isinstance(content, str) and content.strip() else str(row.get("text") or "")
    words = text.split()
    short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    if label and text.startswith(label):
        label = ""
    head = f"{label}. " if label and not label.endswith((".", ")")) else (f"{label} " if label else "")
    return f"{head}{short}".strip() or _path(row["id"])


def _names(ids: Sequence[str]) -> str:
    paths = [_path(x) for x in ids]
    more = len(paths) - SHOWN
    return ", ".join(paths[:SHOWN]) + (f" and {more} more" if more > 0 else "")


def _path(pid: str) -> str:
    return pid.split(":", 1)[-1]


def section_line(section: Mapping[str, Any], lang: str) -> str:
    """Return a section's line (`Section.as_dict()`) in `lang`: "7. Environmental cooperation → merged into p13,
    p14" (the words from the catalogue, `compare.section.*`; in English the same as `summary`)."""
    paths = [_path(str(b)) for b in section.get("b") or ()]
    names = ", ".join(paths[:SHOWN])
    if len(paths) > SHOWN:
        names = t("compare.section.more", lang, names=names, n=len(paths) - SHOWN)
    said = t(f"compare.section.{section['outcome']}", lang, names=names)
    return said if section["outcome"] == "new" else f"{section['title']} → {said}"
