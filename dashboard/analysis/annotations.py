"""What the analysis tables say about each provision: its themes, targets, mentions and responsible actors.

Built once from whichever tables the data package has. Tables that are missing (or do not yet have the
expected columns) simply contribute nothing, so pages degrade gracefully while an analysis step is being
added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard, cast

import pandas as pd

from dashboard.analysis.search import FoldedText, records

# kinds of highlight, in the order they win when two overlap
HIGHLIGHT_KINDS = ("query", "target", "actor", "entity")


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of a provision's displayed text."""

    start: int
    end: int
    kind: str
    title: str = ""


@dataclass
class Annotations:
    """Per-provision lists of themes, targets, mentions and assignments, plus the names they refer to."""

    themes: dict[str, list[dict[str, Any]]] = field(default_factory=dict[str, list[dict[str, Any]]])
    targets: dict[str, list[dict[str, Any]]] = field(default_factory=dict[str, list[dict[str, Any]]])
    mentions: dict[str, list[dict[str, Any]]] = field(default_factory=dict[str, list[dict[str, Any]]])
    assignments: dict[str, list[dict[str, Any]]] = field(default_factory=dict[str, list[dict[str, Any]]])
    entity_names: dict[str, str] = field(default_factory=dict[str, str])
    actor_names: dict[str, dict[str, str]] = field(default_factory=dict[str, dict[str, str]])
    actor_aliases: dict[str, list[str]] = field(default_factory=dict[str, list[str]])
    available: frozenset[str] = frozenset()

    @classmethod
    def build(cls, tables: dict[str, pd.DataFrame]) -> Annotations:
        """Group the optional tables by provision (theme scores highest first)."""
        notes = cls()
        available: set[str] = set()
        themes = _usable(tables.get("provision_themes"), ["provision_id", "theme_id"])
        if themes is not None:
            if "score" in themes:
                themes = themes.sort_values(["provision_id", "score"], ascending=[True, False], kind="stable")
            notes.themes = _group(themes, ["theme_id", "score", "evidence"])
            available.add("themes")
        targets = _usable(tables.get("targets"), ["provision_id", "text"])
        if targets is not None:
            targets = targets[targets["provision_id"].fillna("").astype(str) != ""]
            notes.targets = _group(
                targets, ["id", "text", "surface", "kind", "start_year", "end_year", "start", "end"]
            )
            available.add("targets")
        mentions = _usable(tables.get("mentions"), ["provision_id", "entity_id"])
        if mentions is not None:
            notes.mentions = _group(mentions, ["entity_id", "surface", "start", "end"])
            available.add("mentions")
        entities = _usable(tables.get("entities"), ["id", "name"])
        if entities is not None:
            notes.entity_names = dict(
                zip(entities["id"].astype(str), entities["name"].astype(str), strict=True)
            )
            available.add("entities")
        assignments = _usable(tables.get("assignments"), ["provision_id", "actor_id"])
        if assignments is not None:
            notes.assignments = _group(
                assignments, ["actor_id", "role", "surface", "inherited", "start", "end"]
            )
            available.add("assignments")
        actors = _usable(tables.get("actors"), ["id", "name_en"])
        if actors is not None:
            for row in records(actors, ["id", "name_en", "name_vi", "aliases"]):
                aid = str(row["id"])
                notes.actor_names[aid] = {"en": _text(row.get("name_en")), "vi": _text(row.get("name_vi"))}
                notes.actor_aliases[aid] = _aliases(row)
            available.add("actors")
        notes.available = frozenset(available)
        return notes

    def actors(self, provision_id: str, lang: str = "en") -> list[dict[str, Any]]:
        """Return the bodies a provision gives a task to: name (in `lang`), role and whether inherited."""
        out: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for row in self.assignments.get(provision_id, []):
            actor = str(row.get("actor_id", ""))
            role = _text(row.get("role"))
            if (actor, role) in seen:
                continue
            seen.add((actor, role))
            names = self.actor_names.get(actor, {})
            name = names.get(lang) or names.get("en") or actor
            out.append(
                {
                    "id": actor,
                    "name": name,
                    "role": role,
                    "inherited": _flag(row.get("inherited")),
                    "start": row.get("start"),
                    "end": row.get("end"),
                }
            )
        return out

    def mention_sources(self, provision_id: str, entities: tuple[str, ...]) -> list[tuple[str, int, int]]:
        """Return (surface, start, end) in the seed text of each mention of `entities` in a provision."""
        return [
            (_text(m.get("surface")), int(m["start"]), int(m["end"]))
            for m in self.mentions.get(provision_id, [])
            if str(m.get("entity_id", "")) in entities
            and _is_number(m.get("start"))
            and _is_number(m.get("end"))
        ]

    def spans(
        self,
        provision_id: str,
        text: str,
        query_terms: tuple[str, ...] = (),
        *,
        focus: tuple[str, ...] = (),
        matches: Sequence[tuple[int, int]] = (),
    ) -> list[Span]:
        """Return non-overlapping highlight spans for a provision's displayed text.

        `matches` are spans a search engine found (the explorer's ranked search); `query_terms` are found here
        as plain substrings. `focus` names entity or actor ids being filtered on: their spans are marked like
        query matches. Query
        matches (and focus) win over targets, targets over actors, actors over entities; a later span that
        overlaps an earlier one is dropped, so that every character is highlighted at most once.
        """
        folded = FoldedText(text)
        first: list[Span] = [Span(s, e, "query") for s, e in [*matches, *folded.spans(query_terms)]]
        found: list[Span] = []
        for target in self.targets.get(provision_id, []):
            surface = _text(target.get("surface")) or _text(target.get("text"))
            year = target.get("end_year")
            title = f"Target{f' ({int(year)})' if _is_number(year) else ''}: {_text(target.get('text'))}"
            found += [Span(s, e, "target", title) for s, e in folded.spans([surface])]
        for assignment in self.assignments.get(provision_id, []):
            actor = str(assignment.get("actor_id", ""))
            surface = _text(assignment.get("surface"))
            surfaces = [surface] if surface else self.actor_aliases.get(actor, [])
            role = _text(assignment.get("role"))
            title = f"{self.actor_names.get(actor, {}).get('en', actor)}{f' ({role})' if role else ''}"
            spans = [Span(s, e, "actor", title) for s, e in folded.spans(surfaces, whole_word=True)]
            first += [Span(x.start, x.end, "query", title) for x in spans] if actor in focus else []
            found += spans
        for mention in self.mentions.get(provision_id, []):
            entity = str(mention.get("entity_id", ""))
            surface = _text(mention.get("surface")) or self.entity_names.get(entity, "")
            title = self.entity_names.get(entity, entity)
            spans = [Span(s, e, "entity", title) for s, e in folded.spans([surface], whole_word=True)]
            first += [Span(x.start, x.end, "query", title) for x in spans] if entity in focus else []
            found += spans
        return _resolve_overlaps(first + found)


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in spans:  # already in priority order
        if span.end > span.start and all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _usable(table: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame | None:
    if table is None or not set(columns) <= set(table.columns):
        return None
    return table


def _group(table: pd.DataFrame, columns: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in records(table, ["provision_id", *columns]):
        out.setdefault(str(row.pop("provision_id")), []).append(row)
    return out


def _aliases(row: dict[str, Any]) -> list[str]:
    names = [_text(row.get("name_en")), _text(row.get("name_vi"))]
    aliases = row.get("aliases")
    if isinstance(aliases, str):
        names += [a.strip() for a in aliases.split(",")]
    elif aliases is not None and not _is_missing(aliases):
        names += [str(a) for a in aliases]
    return [n for n in dict.fromkeys(names) if n]


def _text(value: Any) -> str:
    return "" if _is_missing(value) else str(value)


def _is_missing(value: Any) -> bool:
    try:
        # a scalar cell (pandas-stubs has no overload for Any): True, False or numpy.bool_
        return value is None or bool(cast(object, pd.isna(value)))
    except (TypeError, ValueError):
        return False


def _flag(value: Any) -> bool:
    return False if _is_missing(value) else bool(value)


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not _is_missing(value)
