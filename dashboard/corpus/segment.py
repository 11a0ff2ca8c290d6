"""Segment a seed's body into a hierarchy of provisions with character offsets back into the raw text.

One non-empty line of the body is one provision. Its marker decides its kind and depth:
`Part V` (part) > `1 Overall objectives` (section) > unnumbered short heading > `3.` / `01` (item) > `dd)` (point)
> `-` bullet > paragraph. A container is the parent of what follows it until a sibling or a shallower container.
Vietnamese structure nests the same way: Phần (I, 1 or "thứ hai") > Chương > Mục > a Roman `I.` (all parts, one
step deeper each) > Điều (section) > `1.`, `1.1`, `1.1.1`, `Khoản 3.` (items) > `a)` ... `đ)` (points) > `-`
bullet > `+` bullet.
Text the sidecar marks as the publisher's framing is `commentary`; a secondary account's lines are `reported`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard import errors
from dashboard.corpus.ids import provision_id
from dashboard.corpus.normalise import fold, normalise_text
from dashboard.corpus.sidecar import DocumentMeta

_LINE = re.compile(r"[^\r\n]+")
# "Phần thứ hai" (the second part) numbers a part by an ordinal word, as long documents do
_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_PART = re.compile(r"^(Part|Phần|Chapter|Chương|Mục)\s+([IVXLC]+|\d{1,2}|thứ\s+(?:"
                   + "|".join(_ORDINALS) + r"))\b\.?\s*", re.IGNORECASE)
# how deep each kind of part sits: a Chương nests in a Phần, a Mục in a Chương, a Roman "I." in any of them
_PART_DEPTH = {"part": 0.0, "phần": 0.0, "chapter": 0.2, "chương": 0.2, "mục": 0.4}
_ROMAN_DEPTH = 0.6
_PART_PREFIX = {"chapter": "ch", "chương": "ch", "mục": "m"}
_CLAUSE = re.compile(r"^Khoản\s+(\d{1,3})\.?\s+", re.IGNORECASE)
_ROMAN = re.compile(r"^([IVXL]{1,6})\.\s+(?=\S)")
_ARTICLE = re.compile(r"^(?:Article|Điều)\s+(\d{1,3})\b\.?\s*", re.IGNORECASE)
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,8})\.?\s+")
_ITEM = re.compile(r"^(\d{1,2})\.\s+")
_GROUP = re.compile(r"^(0\d)\s+")
_SECTION = re.compile(r"^(\d)\s+(?=[A-Z])")
_POINT = re.compile(r"^([a-zđ]{1,2})\)\s+")
_BULLET = re.compile(r"^([-–•*])\s*")
_SUB_BULLET = re.compile(r"^(\+)\s*")  # "+" under a "-" bullet (Vietnamese documents)
_SUB_DEPTH = 0.5  # a "+" bullet sits this much deeper than a "-" bullet
_WORD = re.compile(r"\w+")

# depth of each structural kind; containers stay open until something at the same or a shallower depth arrives
_DEPTH = {"part": 0, "section": 1, "heading": 2, "item": 3, "point": 4, "bullet": 5, "paragraph": 6}
_CONTAINERS = {"part", "section", "heading", "item", "point"}
_BULLET_DEPTH = _DEPTH["bullet"]


@dataclass(frozen=True)
class Provision:
    """One segment of a document: its place in the hierarchy, its text and its span in the raw seed."""

    id: str
    document_id: str
    parent_id: str | None
    ordinal: int
    depth: int
    label: str
    kind: str
    own_text: bool
    heading: str
    text: str
    content: str
    start: int
    end: int


def find_body(raw: str, meta: DocumentMeta, display: str) -> tuple[int, int]:
    """Return the (start, end) of the body in `raw` from the sidecar's markers."""
    start = _find(raw, meta.body_start, 0)
    if start < 0:
        raise errors.SpanNotFound(display, "body.start", f"text {meta.body_start!r} not found in {meta.seed_file}")
    end = len(raw)
    if meta.body_end:
        end = _find(raw, meta.body_end, start + 1)
        if end < 0:
            raise errors.SpanNotFound(display, "body.end", f"text {meta.body_end!r} not found in {meta.seed_file}")
    return start, end


def _find(raw: str, marker: str, pos: int) -> int:
    # sidecars are typed by people: a space in the marker matches any run of spaces or no-break spaces
    pattern = r"[\s\u00a0]+".join(re.escape(part) for part in marker.split())
    match = re.compile(pattern).search(raw, pos)
    return match.start() if match else -1


def _lines(raw: str, start: int, end: int):
    """Yield the (start, end) of each non-blank line, stripped; \n, \r\n and \r all end a line."""
    for match in _LINE.finditer(raw, start, end):
        line = match.group(0)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield match.start() + lead, match.start() + lead + len(stripped)


def _classify(text: str) -> tuple[str, str, str]:
    """Return (kind, label, content) of one normalised line."""
    for kind, pattern in (("part", _PART), ("part", _ROMAN), ("section", _ARTICLE), ("item", _CLAUSE),
                          ("item", _DECIMAL), ("item", _ITEM), ("item", _GROUP), ("point", _POINT),
                          ("bullet", _BULLET), ("bullet", _SUB_BULLET)):
        match = pattern.match(text)
        if match and text[match.end():].strip():
            label = match.group(0).strip().rstrip(".") if pattern in (_PART, _BULLET, _SUB_BULLET) \
                else match.group(1)
            return kind, label, text[match.end():].strip()
        if match and pattern is _PART:
            return kind, text.strip().rstrip("."), ""
    match = _SECTION.match(text)
    if match and len(_WORD.findall(text)) <= 8 and not text.rstrip().endswith((".", ";")):
        return "section", match.group(1), text[match.end():].strip()
    if len(_WORD.findall(text)) <= 10 and not text.endswith((".", ";", ":", ",", "!", "?", "…")) and text[0].isupper():
        return "heading", "", text
    return "paragraph", "", text


def _matches(line_key: str, prefixes: tuple[str, ...]) -> bool:
    return any(line_key.startswith(p) for p in prefixes)


def segment_document(raw: str, meta: DocumentMeta, display: str) -> list[Provision]:
    """Split the body of `raw` into provisions.

    Returns provisions in reading order. For each, `normalise_text(raw[start:end]) == text`, and ids are built
    from the document id and the path of markers (`40-QD-TTg-2016:3.b2`), so they survive rebuilds and edits
    elsewhere in the corpus.
    """
    body_start, body_end = find_body(raw, meta, display)
    used: dict[str, set[str]] = {"skip": set(), "commentary": set()}
    skip_keys = tuple(fold(p) for p in meta.skip)
    framing_keys = tuple(fold(p) for p in meta.commentary)
    stack: list[tuple[float, str, list[str], str, str]] = []  # (depth, id, path, text, label) of open containers
    counters: dict[tuple[str | None, str], int] = {}
    seen: dict[str, int] = {}
    out: list[Provision] = []
    for start, end in _lines(raw, body_start, body_end):
        text = normalise_text(raw[start:end])
        if not text:
            continue  # a line of icon glyphs only
        key = fold(text) if skip_keys or framing_keys else ""
        if _matches(key, skip_keys):
            used["skip"].update(p for p, k in zip(meta.skip, skip_keys, strict=True) if key.startswith(k))
            continue
        framing = _matches(key, framing_keys)
        if framing:
            used["commentary"].update(p for p, k in zip(meta.commentary, framing_keys, strict=True)
                                      if key.startswith(k))
        if framing or meta.voice == "reported":
            kind = "commentary" if framing else "reported"
            label, content, depth, parent, path_base = "", text, 6, None, []
            comp_key = (None, kind)
            counters[comp_key] = counters.get(comp_key, 0) + 1
            comp = f"{kind[0]}{counters[comp_key]}"
        else:
            kind, label, content = _classify(text)
            depth = _depth(kind, label)
            # a bullet holds only the "+" bullets under it: anything else closes it
            while stack and (stack[-1][0] >= depth or (stack[-1][0] >= _BULLET_DEPTH and label != "+")):
                stack.pop()
            parent = stack[-1] if stack else None
            path_base = list(parent[2]) if parent else []
            comp = _component(kind, label, parent[1] if parent else None, counters)
            if kind == "item" and "." in label and not (parent and label.startswith(parent[4] + ".")):
                comp = label.replace(".", "_")  # 2.1 with no item 2 above it: keep the whole number
        path = path_base + [comp]
        pid = provision_id(meta.id, path)
        if pid in seen:  # numbering restarts (a new unnamed part): keep ids unique and stable
            seen[pid] += 1
            path[-1] = f"{comp}~{seen[pid]}"
            pid = provision_id(meta.id, path)
        seen.setdefault(pid, 1)
        parent_id = parent[1] if parent else None
        out.append(Provision(
            id=pid, document_id=meta.id, parent_id=parent_id, ordinal=len(out) + 1, depth=len(path),
            label=label, kind=kind, own_text=kind not in ("commentary", "reported"),
            heading=parent[3] if parent else "", text=text, content=content, start=start, end=end,
        ))
        if kind in _CONTAINERS or (kind == "bullet" and label != "+"):
            stack.append((depth, pid, path, text, label))
    for field_name in ("skip", "commentary"):
        for prefix in getattr(meta, field_name):
            if prefix not in used[field_name]:
                raise errors.SpanNotFound(display, field_name, f"line starting {prefix!r} not found in the body")
    return out


def _depth(kind: str, label: str) -> float:
    """Return how deep a provision of this kind and label sits (smaller is shallower)."""
    if kind == "part":
        words = label.split()
        return _PART_DEPTH.get(words[0].casefold(), 0.0) if len(words) > 1 else _ROMAN_DEPTH
    if kind == "item":
        return _DEPTH[kind] + label.count(".") / 10  # 1.2.3 nests inside 1.2: one tenth deeper per level
    if kind == "bullet" and label == "+":
        return _DEPTH[kind] + _SUB_DEPTH
    return _DEPTH[kind]


def _component(kind: str, label: str, parent: str | None, counters: dict[tuple[str | None, str], int]) -> str:
    if kind == "part":
        words = label.split()
        number = words[-1].rstrip(".")
        return _PART_PREFIX.get(words[0].casefold(), "part") + str(_ORDINALS.get(number.casefold(), number))
    if kind == "section":
        return "s" + label
    if kind == "item" and "." in label:
        return label.rsplit(".", 1)[-1]
    if kind == "point":
        return label.replace("đ", "dd")  # ids stay ASCII: point đ) is dd, as English translations write it
    if kind == "item":
        return label
    key = (parent, kind)
    counters[key] = counters.get(key, 0) + 1
    return {"heading": "h", "bullet": "b", "paragraph": "p"}[kind] + str(counters[key])
