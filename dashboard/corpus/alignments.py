"""seeds/alignments.yml: links between provisions of two documents that a reader confirmed, kept as data.

Each entry: a_doc, b_doc (document ids or symbols), a (provision path in A such as `7.b1`, or empty), b (path
in B such as `p13`, or empty), relation (`pair`, `not_pair` or `no_counterpart`), note, by, on (YYYY-MM-DD),
source. A `pair` and a `not_pair` name both provisions; `no_counterpart` exactly one. YAML aliases are refused
(an entry must say what it says, not repeat another by reference).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import yaml

from dashboard import errors
from dashboard.corpus.sidecar import load_yaml
from dashboard.corpus.yamlfile import is_list, is_mapping

RELATIONS = ("pair", "not_pair", "no_counterpart")
FIELDS = ("a_doc", "b_doc", "a", "b", "relation", "note", "by", "on", "source")
Resolve = Callable[[str], "str | None"]  # a document id or symbol to a held document's id (None: unknown)


def load_alignments(path: Path, display: str) -> list[Any]:
    """Return the file's entries (unchecked); raise NotYaml on a YAML alias or a YAML error."""
    try:
        # the stubs leave yaml.parse unannotated; it yields Events
        events = cast("Iterator[yaml.Event]", yaml.parse(path.read_text(encoding="utf-8")))  # pyright: ignore[reportUnknownMemberType]
        for event in events:
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise errors.NotYaml(display, f"line {line}", "YAML aliases are not allowed; write the entry out")
    except yaml.YAMLError:
        pass  # load_yaml reports it with its line
    data = load_yaml(path, display)
    if data is None:
        return []
    if not is_list(data):
        raise errors.InvalidField(display, "file", "expected a list of entries")
    # YAML 1.1 reads the key `on` as the boolean true: give it back its name
    return [{("on" if k is True else k): v for k, v in e.items()} if is_mapping(e) else e for e in data]


def check_alignments(
    entries: list[Any], display: str, resolve: Resolve, provision_ids: set[str]
) -> list[errors.InputError]:
    """Return the problems of the entries: `resolve(ref)` gives a held document's id (or None), provision ids are
    `doc_id:path`."""
    problems: list[errors.InputError] = []
    for k, entry in enumerate(entries):
        where = f"entry {k + 1}"
        if not is_mapping(entry):
            problems.append(errors.InvalidField(display, where, "expected a mapping"))
            continue
        unknown = sorted(set(map(str, entry)) - set(FIELDS))
        if unknown:
            problems.append(errors.InvalidField(display, f"{where}.{unknown[0]}", f"unknown field (known: "
                                                f"{', '.join(FIELDS)})"))
            continue
        docs: dict[str, str | None] = {}
        for side in ("a_doc", "b_doc"):
            ref = str(entry.get(side) or "").strip()
            if not ref:
                problems.append(errors.MissingField(display, f"{where}.{side}"))
            elif resolve(ref) is None:
                problems.append(errors.UnknownReference(display, f"{where}.{side}", f"unknown document {ref!r}"))
            else:
                docs[side] = resolve(ref)
        relation = str(entry.get("relation") or "").strip()
        if relation not in RELATIONS:
            problems.append(errors.InvalidField(display, f"{where}.relation", f"expected one of "
                                                f"{', '.join(RELATIONS)}, got {relation!r}"))
            continue
        paths = {side: str(entry.get(side) or "").strip() for side in ("a", "b")}
        named = [side for side in ("a", "b") if paths[side]]
        if relation in ("pair", "not_pair") and len(named) != 2:
            problems.append(errors.MissingField(display, f"{where}.{'b' if 'a' in named else 'a'}"))
        if relation == "no_counterpart" and len(named) != 1:
            problems.append(errors.InvalidField(display, where, "no_counterpart names exactly one of a and b"))
        for side in named:
            doc = docs.get(f"{side}_doc")
            if doc and f"{doc}:{paths[side]}" not in provision_ids:
                problems.append(errors.UnknownReference(display, f"{where}.{side}",
                                                        f"{paths[side]!r} is not a provision of {doc}"))
        for key in ("by", "on"):
            if not str(entry.get(key) or "").strip():
                problems.append(errors.MissingField(display, f"{where}.{key}"))
        on = str(entry.get("on") or "").strip()
        if on:
            try:
                dt.date.fromisoformat(on)
            except ValueError:
                problems.append(errors.InvalidField(display, f"{where}.on", f"expected YYYY-MM-DD, got {on!r}"))
    return problems


def alignment_rows(entries: list[dict[str, Any]], resolve: Resolve) -> list[dict[str, Any]]:
    """Return the package's `alignments` rows: one per entry, provisions as full ids (empty when none)."""
    rows: list[dict[str, Any]] = []
    for entry in entries:
        a_doc, b_doc = resolve(str(entry["a_doc"])), resolve(str(entry["b_doc"]))
        a, b = str(entry.get("a") or "").strip(), str(entry.get("b") or "").strip()
        rows.append({
            "a_doc": a_doc,
            "b_doc": b_doc,
            "a_provision": f"{a_doc}:{a}" if a else "",
            "b_provision": f"{b_doc}:{b}" if b else "",
            "relation": str(entry["relation"]).strip(),
            "note": str(entry.get("note") or ""),
            "by": str(entry.get("by") or ""),
            "on": dt.date.fromisoformat(str(entry["on"]).strip()),
            "source": str(entry.get("source") or ""),
        })
    return rows
