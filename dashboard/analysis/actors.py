"""Responsible actors: which body a provision tasks, and in what role (actors.yml; the assignments table).

Roles come from the words around an actor's name, never from its position alone:
- lead: the subject of a task ("The Ministry of Foreign Affairs shall ...", "The Government Office:
  Incorporate ...", "ministries ... need to specify ..."), or the body a heading names for the tasks below it;
- coordinate: named after "coordinate with", "in coordination with", "together with";
- assist: a task that is to assist ("Assist the Government ...", "shall assist");
- report: a task to submit reports ("submit periodical reports", "and report to");
- recipient: the bodies the reports go to.
An item that tasks a body ("1. The Ministry ... shall lead and coordinate with ... to:") or only names it
("1. National Steering Committee ...") passes its actors to the points and bullets below it, marked inherited.
A body named as issuer, authority, beneficiary or the one assisted gets no row.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NotRequired, TypedDict, cast

from dashboard.analysis.entities import AliasMatcher, Match
from dashboard.corpus.load import Corpus
from dashboard.corpus.segment import Provision
from dashboard.corpus.spans import SpanMap, Tables
from dashboard.corpus.yamlfile import read_yaml
from dashboard.errors import InputError
from dashboard.paths import ANALYSIS_DIR

ACTORS_FILE = ANALYSIS_DIR / "actors.yml"
ACTOR_KINDS = (
    "party_body",
    "government",
    "prime_minister",
    "ministry",
    "committee",
    "agency",
    "locality",
    "collective",
)
ROLES = ("lead", "coordinate", "assist", "report", "recipient")

_MODAL = (
    r"(?::|shall\b|must\b|should\b|will\b|needs?\s+to\b|is\s+to\b|are\s+to\b|has\s+to\b|have\s+to\b|"
    r"(?:is|are)\s+(?:responsible|in\s+charge)\b|takes?\s+charge\b|chủ\s+trì\b|có\s+trách\s+nhiệm\b)"
)
_QUALIFIER = r"(?:based\s+on|according\s+to|in\s+accordance\s+with|within|under)\b"
# what follows a subject: a modal (after an optional "based on their functions" phrase), or a comma-enclosed
# phrase and a verb ("Ministries ..., based on their assigned functions and tasks, translate ...")
_SUBJECT_TAIL = re.compile(
    rf"\s*(?:,?\s*{_QUALIFIER}[^:;]*?)?,?\s*{_MODAL}"
    rf"|\s*,\s*{_QUALIFIER}[^:;,]*,\s*[a-z]+\b",
    re.I,
)
_LIST_GAP = re.compile(r"(?:\s*,\s*|\s+(?:and|và)\s+|\s*,\s*(?:and|và)\s+)(?:the\s+)?$", re.I)
# a Vietnamese subject is followed by its verb, without a modal ("Bộ Tư pháp hướng dẫn ..."): a lower-case word
# that is not a preposition or conjunction
_VI_VERB_TAIL = re.compile(
    r"\s*(?=(?!(?:và|với|của|cho|về|tại|trong|theo|để|thuộc|ở|là|có|các|được|đã)\b)"
    r"[a-zđà-ỹ]+\b)"
)
# the reporting task opens the provision after these adverbs of time ("Định kỳ hằng năm báo cáo ...")
_VI_TIME = re.compile(
    r"^(?:(?:định\s+kỳ|hằng\s+năm|hàng\s+năm|hằng\s+quý|hằng\s+tháng|kịp\s+thời|"
    r"thường\s+xuyên|trước\s+ngày\s+[\d/]+),?\s*)+",
    re.I,
)
# after "báo cáo", the body reported to follows at once or after "về"/"lên" ("báo cáo Thủ tướng Chính phủ")
_TO_VI = re.compile(r"\s+(?:(?:về|lên|cho|tới|đến)\s+)?", re.I)
_COORDINATE = re.compile(
    r"\b(?:(?:coordinate|cooperate|collaborate|work)\s+(?:closely\s+)?with|"
    r"in\s+(?:close\s+)?(?:coordination|collaboration|cooperation)\s+with|together\s+with|jointly\s+with|"
    r"phối\s+hợp\s+với)\s+",
    re.I,
)
_OBJECT_GAP = re.compile(r"^(?:the\s+|relevant\s+|concerned\s+)*$", re.I)
_ASSIST = re.compile(r"^(?:assist|support|advise|help|giúp|tham\s+mưu)\b", re.I)
_REPORT = re.compile(
    r"\b(?:submit|send|make|provide)\s+(?:[\w-]+\s+){0,3}?reports?\b|"
    r"\b(?:and|to|shall|must|will|should|then)\s+report\b|^report\b|\bbáo\s+cáo\b",
    re.I,
)
_TO = re.compile(r"\bto\s+(?:the\s+)?", re.I)
_SENTENCE_END = re.compile(r"(?<!\bNo)\.(?=\s|$)")
# a subject opens its clause ("The Ministry ... shall", "..., ministries ... need to"); "with X to:" does not
_CLAUSE_MARK = re.compile(r"[,;:]|(?<!\bNo)\.(?=\s)")
# ... or after the word that hands it its task: "Giao Bộ Công an chủ trì ...", "Đề nghị Quốc hội ..."
_OPENING = re.compile(r"^\s*(?:(?:the|all|other)\s+|(?:giao(?:\s+cho)?|đề\s+nghị|yêu\s+cầu)\s+)?$", re.I)
# "Bộ A chủ trì; Bộ B, Bộ C phối hợp thực hiện": after a lead, bodies whose verb is "phối hợp" (not "phối hợp
# với", whose subject is the body tasked) coordinate
_JOINS = re.compile(r"^phối\s+hợp\b(?!\s+với)", re.I)


class Actor(TypedDict):
    """An actor of actors.yml."""

    id: str
    name_en: str
    name_vi: NotRequired[str]
    kind: str  # one of ACTOR_KINDS
    aliases: list[str]


@dataclass(frozen=True)
class Assignment:
    """One actor's role in one provision, with the mention (or the ancestor's mention) that names it."""

    actor_id: str
    role: str
    surface: str
    start: int | None
    end: int | None
    cue: str
    inherited_from: str = ""


@dataclass(frozen=True)
class Reading:
    """What one provision says about actors: its assignments, and what its children inherit."""

    assignments: tuple[Assignment, ...]
    heads: tuple[Match, ...]  # the subjects, or the actor a bare heading names
    partners: tuple[Match, ...]  # bodies to coordinate with


@lru_cache(maxsize=1)
def load_actors() -> tuple[Actor, ...]:
    """Return the actors of actors.yml, checked (ids unique, kinds known, aliases present)."""
    data = cast(list[Any], read_yaml(ACTORS_FILE) or [])
    seen: set[str] = set()
    for i, raw in enumerate(data, start=1):
        item = cast(dict[str, Any], raw) if isinstance(raw, dict) else {}
        if not all(item.get(k) for k in ("id", "aliases", "name_en")):
            raise InputError(ACTORS_FILE.name, f"item {i}", "an actor needs an id, name_en and aliases")
        if item["id"] in seen:
            raise InputError(ACTORS_FILE.name, f"item {i}.id", f"duplicate id {item['id']!r}")
        if item.get("kind") not in ACTOR_KINDS:
            raise InputError(ACTORS_FILE.name, f"item {i}.kind", f"unknown kind {item.get('kind')!r}")
        seen.add(item["id"])
    return tuple(cast(list[Actor], data))


@lru_cache(maxsize=1)
def actor_matcher() -> AliasMatcher:
    """Return the matcher over every actor alias and name."""
    return AliasMatcher(
        (a, item["id"])
        for item in load_actors()
        for a in [*item["aliases"], item["name_en"], item.get("name_vi") or ""]
        if a
    )


def actor_rows() -> list[dict[str, Any]]:
    """Return the actors table."""
    return [
        {
            "id": a["id"],
            "name_en": a["name_en"],
            "name_vi": a.get("name_vi", ""),
            "kind": a["kind"],
            "aliases": list(dict.fromkeys(a["aliases"])),
        }
        for a in load_actors()
    ]


def read_provision(text: str, label_end: int = 0, matcher: AliasMatcher | None = None) -> Reading:
    """Return the explicit assignments of one provision's text and what its children inherit."""
    mentions = [m for m in (matcher or actor_matcher()).find(text) if m.start >= label_end]
    content = text[label_end:].strip()
    bare = re.sub(r"^(?:the\s+)", "", content, flags=re.I).rstrip(" :.")
    if len(mentions) == 1 and mentions[0].surface == bare:
        return Reading((), (mentions[0],), ())  # a heading that only names the body its bullets task
    lists = _lists(text, mentions)
    found: list[Assignment] = []
    heads: list[Match] = []
    for group in lists:
        opening = max(_last_end(_CLAUSE_MARK, text, group[0].start, strict_period=True), label_end)
        tail = _SUBJECT_TAIL.match(text, group[-1].end)
        if tail is None and not group[-1].surface.isascii():
            tail = _VI_VERB_TAIL.match(text, group[-1].end)
        if tail and _OPENING.match(text[opening : group[0].start]):
            verb = text[tail.end() :].lstrip()
            role = "assist" if _ASSIST.match(verb) else "lead"
            if role == "lead" and heads and _JOINS.match(verb):
                found += [_assign(m, "coordinate", "phối hợp") for m in group]
                continue
            heads += group
            found += [_assign(m, role, tail.group(0).strip(" ,")) for m in group]
    partners: list[Match] = []
    starts = [g[0].start for g in lists]
    for cue in _COORDINATE.finditer(text):
        # only the first list after the cue can follow it across a gap of articles (a later one has that list
        # in its gap): found by bisection, not by slicing the text up to every later list
        i = bisect_left(starts, cue.end())
        group = lists[i] if i < len(lists) and _OBJECT_GAP.match(text[cue.end() : starts[i]]) else None
        if group:
            partners += group
            found += [_assign(m, "coordinate", cue.group(0).strip()) for m in group]
    found += _reports(text, mentions, lists, heads)
    return Reading(tuple(found), tuple(heads), tuple(partners))


def _last_end(pattern: re.Pattern[str], text: str, at: int, strict_period: bool = False) -> int:
    """Return where the last match of `pattern` in text[:at] ends (0 if none), as `pattern.finditer(text, 0,
    at)` would, from the text's matches found once (bisect: no rescan of the text for every position).

    A "." just before `at` is a match when the pattern's lookahead accepts the end of the text (`$`); with
    `strict_period` (a lookahead that needs a space) it is not, and a match ending at `at` that is a "." is
    dropped since the space after it lies beyond `at`."""
    if not strict_period and at and pattern.match(text, at - 1, at):
        return at
    ends = _match_ends(pattern, text)
    i = bisect_right(ends, at)
    if strict_period and i and ends[i - 1] == at and text[at - 1] == ".":
        i -= 1
    return ends[i - 1] if i else 0


@lru_cache(maxsize=8)
def _match_ends(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.end() for m in pattern.finditer(text)]


def _assign(m: Match, role: str, cue: str) -> Assignment:
    return Assignment(m.key, role, m.surface, m.start, m.end, cue)


def _lists(text: str, mentions: list[Match]) -> list[list[Match]]:
    """Group mentions that stand in one enumeration ("the Government, the Prime Minister and ...")."""
    groups: list[list[Match]] = []
    for m in mentions:
        if groups and _LIST_GAP.match(text[groups[-1][-1].end : m.start]) and text[groups[-1][-1].end : m.start]:
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _reports(text: str, mentions: list[Match], lists: list[list[Match]], heads: list[Match]) -> list[Assignment]:
    """Return report and recipient roles; a cue with no body before it is the subject's (or inherited)."""
    out: list[Assignment] = []
    recipients: list[Match] = []
    by_start = {g[0].start: g for g in reversed(lists)}
    speakers = set(heads)  # heads and, as they are found, recipients (a set: no list scan per mention)
    starts = [m.start for m in mentions]  # in text order
    for cue in _REPORT.finditer(text):
        sentence_start = _last_end(_SENTENCE_END, text, cue.start())
        # who reports: the subject, or a body that just received reports ("to the Inter-agency Steering
        # Committee to synthesize and report to ..."); not another body before it ("their own localities");
        # the mentions of the cue's sentence are found by bisection, not by scanning every mention
        reporter = None
        for i in range(bisect_right(starts, cue.start()) - 1, bisect_left(starts, sentence_start) - 1, -1):
            m = mentions[i]
            if m.end <= cue.start() and m in speakers:
                reporter = m
                break
        if reporter is not None:
            out.append(_assign(reporter, "report", cue.group(0).strip()))
        else:
            # no body of its own: the inherited subject reports
            out.append(Assignment("", "report", "", None, None, cue.group(0).strip()))
        clause_end = min(
            [i for i in (text.find(";", cue.end()), text.find(".", cue.end())) if i >= 0], default=len(text)
        )
        vi = _TO_VI.match(text, cue.end()) if not cue.group(0).isascii() else None
        for to in [vi] if vi else _TO.finditer(text, cue.end(), clause_end):
            group = by_start.get(to.end())
            if group:
                out += [_assign(m, "recipient", cue.group(0).strip()) for m in group]
                recipients.extend(group)
                speakers.update(group)
                break
    return out


# ---------------------------------------------------------------- build step


def assignments_step(corpus: Corpus, tables: Tables) -> Tables:
    """Build step: return the actors and assignments tables."""
    # load inputs
    matcher = actor_matcher()

    # process
    rows: list[dict[str, Any]] = []
    for doc in corpus.documents:
        readings: dict[str, Reading] = {}
        by_id = {p.id: p for p in doc.provisions}
        for p in doc.provisions:
            label_end = len(p.text) - len(p.content) if p.content and p.text.endswith(p.content) else 0
            reading = read_provision(p.text, label_end, matcher)
            readings[p.id] = reading
            spans = SpanMap(doc.raw, p.start, p.end)
            found = list(reading.assignments)
            if not reading.heads:
                found = _inherit(p, found, by_id, readings)
            seen: set[tuple[str, str]] = set()
            for a in found:
                if not a.actor_id or (a.actor_id, a.role) in seen:
                    continue
                seen.add((a.actor_id, a.role))
                raw = None
                if a.start is not None and a.end is not None and not a.inherited_from:
                    raw = spans.raw_span(a.start, a.end)
                rows.append(
                    {
                        "provision_id": p.id,
                        "actor_id": a.actor_id,
                        "role": a.role,
                        "document_id": doc.meta.id,
                        "inherited": bool(a.inherited_from),
                        "inherited_from": a.inherited_from,
                        "surface": a.surface,
                        "start": raw[0] if raw else None,
                        "end": raw[1] if raw else None,
                        "cue": a.cue,
                        "own_text": p.own_text,
                    }
                )

    # save outputs
    return {"actors": actor_rows(), "assignments": rows}


def _inherit(
    p: Provision, found: list[Assignment], by_id: dict[str, Provision], readings: dict[str, Reading]
) -> list[Assignment]:
    """Give a provision without a subject of its own the actors of its nearest tasking ancestor."""
    parent = by_id.get(p.parent_id or "")
    while parent is not None and not readings[parent.id].heads:
        parent = by_id.get(parent.parent_id or "")
    unresolved = [a for a in found if not a.actor_id]
    found = [a for a in found if a.actor_id]
    if parent is None:
        return found
    reading = readings[parent.id]
    content = _VI_TIME.sub("", p.content or p.text)
    # "Summarize and submit periodical reports ...": a task that is reporting, not a task and a report
    reports_first = any(len(content[: c.start()].split()) <= 3 for c in _REPORT.finditer(content))
    role = "assist" if _ASSIST.match(content) else "report" if reports_first else "lead"
    # the items under a body's task to assist ("Bộ Nội vụ giúp ...:") are its ways of assisting
    assisting = {a.actor_id for a in reading.assignments if a.role == "assist"}
    inherited = [
        Assignment(
            h.key,
            "assist" if role == "lead" and h.key in assisting else role,
            h.surface,
            None,
            None,
            "heading",
            parent.id,
        )
        for h in reading.heads
    ]
    if unresolved and role != "report":
        inherited += [
            Assignment(h.key, "report", h.surface, None, None, unresolved[0].cue, parent.id) for h in reading.heads
        ]
    inherited += [
        Assignment(m.key, "coordinate", m.surface, None, None, "heading", parent.id) for m in reading.partners
    ]
    return inherited + found
