"""Targets and horizons in provision text: deadlines, periods, stages, programme periods and counted figures.

The extractor reads phrases, not sentences it has seen: a year or a pair of years with the words around it
that make it a horizon ("through 2020", "until 2030", "by the end of 2020", "for the 2025-2035 period",
"Stage 1 (2015-2020)", "by the middle of the 21st century"), a name that carries a year ("Agenda 2030"), and a
number with a counted unit ("17 objectives", "seven countries", "the number of countries ... to 33"). Dates of
issue, symbols, ordinals, list labels and durations are masked first, so they never become targets.

Kinds: programme_period (the period of a named programme, plan or strategy), milestone (a stage, a dated step,
a near deadline), goal (a farther horizon), reported_indicator (a counted figure).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Any

from dashboard.analysis.target_figures import quantities
from dashboard.analysis.target_patterns import (
    ARTICLE,
    CENTURY,
    DATED_DEADLINE,
    DEADLINE,
    FOR_YEAR,
    HOSTING,
    LEAD_STAGE,
    LOOKBACK,
    MASKS,
    NAME_YEAR,
    NEAR_DEADLINE_YEARS,
    NOT_NAMES,
    PART_OF_YEAR,
    PERIOD,
    POINT,
    PROGRAMME,
    PROGRAMME_WINDOW,
    STAGE,
    STAGED,
    VISION,
)
from dashboard.analysis.target_patterns import UNITS as UNITS  # re-exported
from dashboard.analysis.target_patterns import YEAR as YEAR  # re-exported
from dashboard.analysis.target_spans import (
    Target,
    clause_start_at,
    first_year,
    inside_spans,
    name_before,
    name_start,
    sentence_bounds,
    stage_name,
)
from dashboard.corpus.load import Corpus
from dashboard.corpus.spans import Occupied, SpanMap, Tables


def extract_targets(text: str, issued_year: int, *, label_end: int = 0, context: str = "") -> list[Target]:
    """Return the targets of one provision's text, in text order.

    Args:
        text: the provision's normalised text.
        issued_year: the document's year; a named year before it is history ("the 1982 Convention"), and a
            deadline at most NEAR_DEADLINE_YEARS after it is a milestone.
        label_end: length of the provision's own marker ("3.", "01"), which is never a figure.
        context: the enclosing provision's text, which can make a period a stage ("Part V: stages").
    """
    blocked: list[tuple[int, int]] = [(0, label_end)] if label_end else []
    dated = [(m.start(), m.end()) for m in DATED_DEADLINE.finditer(text)]
    for mask in MASKS:
        blocked += [(m.start(), m.end()) for m in mask.finditer(text) if not inside_spans(dated, m.start(), m.end())]
    found: list[Target] = []
    taken: list[tuple[int, int]] = []
    occupied = Occupied(len(text), blocked)  # blocked and taken: a new match must overlap neither
    periods: list[Target] = []  # the programme periods found, in text order

    def add(target: Target) -> None:
        found.append(target)
        taken.append((target.start, target.end))
        occupied.add(target.start, target.end)
        if target.kind == "programme_period":
            periods.append(target)

    for m in CENTURY.finditer(text):
        add(
            Target(
                "goal",
                m.start(),
                m.end(),
                m.group(0),
                notes=("a horizon without a year: the text names no year, and none is inferred",),
            )
        )
    blocked += taken  # "21st" is part of the century, not an ordinal to mask around
    staged = bool(STAGED.search(text) or STAGED.search(context))
    for m in STAGE.finditer(text):
        if occupied.free(m.start(), m.end()):
            add(
                Target(
                    "milestone", m.start(), m.end(), m.group(0), int(m.group(3)), int(m.group(4)), stage=stage_name(m)
                )
            )
    candidates: list[tuple[re.Match[str], re.Pattern[str]]] = []
    for pattern in (DATED_DEADLINE, PART_OF_YEAR, PERIOD, VISION, DEADLINE, POINT, FOR_YEAR):
        for m in pattern.finditer(text):
            if not occupied.free(m.start(), m.end()):
                continue
            if pattern in (POINT, PART_OF_YEAR) and first_year(m) < issued_year:
                continue  # a past event ("in 2013"), not a target
            candidates.append((m, pattern))
            occupied.add(m.start(), m.end())  # each candidate becomes a target over the same span
    # classified in reading order: "vision to 2030" takes the kind of the title period just before it
    for m, pattern in sorted(candidates, key=lambda c: c[0].start()):
        years = [int(g) for g in m.groups() if g]
        first, last = (years[0], years[1]) if len(years) == 2 else (None, years[0])
        add(_classify(text, m, pattern, first, last, issued_year, staged, periods))
    for m in NAME_YEAR.finditer(text):
        word, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if word.lower() in NOT_NAMES or int(year) < issued_year:
            continue
        if not occupied.free(m.start(), m.end()):
            continue  # "since 2013", or a year of adoption in a name ("the 1982 UN Convention")
        # "organise the APEC 2027 Leaders' Week": an event to host
        if HOSTING.search(text, max(0, m.start() - LOOKBACK), m.start()):
            add(
                Target(
                    "milestone",
                    m.start(),
                    m.end(),
                    m.group(0),
                    None,
                    int(year),
                    notes=(f"an event named with its year ({m.group(0)})",),
                )
            )
            continue
        add(
            Target(
                "programme_period",
                m.start(),
                m.end(),
                m.group(0),
                None,
                int(year),
                programme=name_before(text, m.start()) + m.group(0) if m.group(1) else m.group(0),
                notes=(f"a name that carries its horizon ({m.group(0)}), not a deadline the document sets",),
            )
        )
    found += quantities(text, blocked + taken, found, issued_year)
    lead = LEAD_STAGE.match(text) or LEAD_STAGE.match(context)
    if lead:  # a stage the text numbers but does not date ("Stage 2: Evaluate ... by the end of 2020")
        found = [t if t.stage else replace(t, stage=stage_name(lead)) for t in found]
    return sorted(found, key=lambda t: (t.start, t.end))


_END_OF = ("end of", "hết năm", "cuối năm")


def _classify(
    text: str,
    m: re.Match[str],
    pattern: re.Pattern[str],
    first: int | None,
    last: int,
    issued_year: int,
    staged: bool,
    periods: list[Target],
) -> Target:
    """Return the target a horizon phrase `m` makes; `periods` are the programme periods found before it."""
    surface = m.group(0)
    point = pattern in (POINT, PART_OF_YEAR)
    clause_start = clause_start_at(text, m.start())
    i = bisect_left(periods, m.start(), key=lambda t: t.start)  # the last period before m, if in its clause
    previous = periods[i - 1] if i and periods[i - 1].start >= clause_start else None
    if pattern is VISION and previous and len(text[previous.end : m.start()].split()) <= 2:
        return Target("programme_period", m.start(), m.end(), surface, first, last, programme=previous.programme)
    programme = _programme_before(text, clause_start, m.start())
    if not programme and (first is not None or pattern is FOR_YEAR):
        # "the five-year plan for 2021-2025": a period right after a plan is its period, named or not
        programme = _programme_just_before(text, clause_start, m.start())
    if programme:
        return Target("programme_period", m.start(), m.end(), surface, first, last, programme=programme)
    notes = ("from the document's date",) if surface.lower().startswith(("from now", "từ nay")) else ()
    if staged or point or any(w in surface.lower() for w in _END_OF) or last - issued_year <= NEAR_DEADLINE_YEARS:
        return Target("milestone", m.start(), m.end(), surface, first, last, notes=notes)
    return Target("goal", m.start(), m.end(), surface, first, last, notes=notes)


def _programme_before(text: str, clause_start: int, at: int) -> str:
    """Return the named programme, plan or strategy the period at `at` belongs to, or ''."""
    nouns = list(PROGRAMME.finditer(text, clause_start, at))
    if not nouns:
        return ""
    noun = nouns[-1]
    if len(text[noun.end() : at].split()) > PROGRAMME_WINDOW:
        return ""
    before = text[clause_start : noun.start()].split()
    # a proper name: the noun is capitalised ("the Project on ..."), or a capitalised word that does not
    # open the clause stands before it ("the Overall strategy", "ASEAN Action Plan"); "a plan to" is no name
    if noun.group(0)[0].isupper() or (len(before) > 1 and before[-1][:1].isupper()):
        start = name_start(text, clause_start, noun.start())
        return text[start:at].strip(" ,")
    return ""


def _programme_just_before(text: str, clause_start: int, at: int) -> str:
    """Return a programme noun standing right before a period ("strategy for the 2021-2030 period"), or ''."""
    nouns = list(PROGRAMME.finditer(text, clause_start, at))
    if not nouns or len(text[nouns[-1].end() : at].split()) > 3:
        return ""
    words = text[clause_start : nouns[-1].start()].split()
    kept: list[str] = []
    for w in reversed(words[-4:]):  # modifiers back to the article: "the socio-economic development strategy"
        if w.lower() in ARTICLE:
            break
        kept.insert(0, w)
    else:
        kept = []
    return " ".join([*kept, nouns[-1].group(0)])


# ---------------------------------------------------------------- build step


def targets_step(corpus: Corpus, tables: Tables) -> Tables:
    """Build step: return the targets table, cited rows first and kept, then the extracted rows."""
    # load inputs
    cited = [r for r in tables.get("targets", []) if r.get("origin") == "cited"]
    themes: dict[str, list[tuple[float, str]]] = {}
    for row in tables.get("provision_themes", []):
        themes.setdefault(row["provision_id"], []).append((-float(row.get("score") or 0), row["theme_id"]))

    # process
    extracted: list[dict[str, Any]] = []
    for doc in corpus.documents:
        by_id = {p.id: p for p in doc.provisions}
        for p in doc.provisions:
            label_end = len(p.text) - len(p.content) if p.content and p.text.endswith(p.content) else 0
            parent = by_id.get(p.parent_id or "")
            found = extract_targets(
                p.text, doc.meta.issued.year, label_end=label_end, context=parent.text if parent else ""
            )
            spans = SpanMap(doc.raw, p.start, p.end)
            for i, t in enumerate(found, start=1):
                raw = spans.raw_span(t.start, t.end)
                s_start, s_end = sentence_bounds(p.text, t.start)
                extracted.append(
                    {
                        "id": f"{p.id}:t{i}",
                        "document_id": doc.meta.id,
                        "provision_id": p.id,
                        "text": p.text[s_start:s_end].strip(),
                        "kind": t.kind,
                        "start_year": t.start_year,
                        "end_year": t.end_year,
                        "value": t.value,
                        "unit": t.unit,
                        "theme_ids": [tid for _, tid in sorted(themes.get(p.id, []))],
                        "surface": t.surface,
                        "start": raw[0] if raw else None,
                        "end": raw[1] if raw else None,
                        "programme": t.programme,
                        "stage": t.stage,
                        "own_text": p.own_text,
                        "origin": "extracted",
                        "source_url": doc.meta.seed_url or "",
                        "source_note": f"seeds/{doc.meta.seed_file}, provision {p.id}",
                        "confidence": "P",
                        "note": "; ".join(_notes(t, p.kind)),
                    }
                )

    # save outputs
    return {"targets": cited + extracted}


def _notes(t: Target, provision_kind: str) -> list[str]:
    notes = [n for n in t.notes if n != "stock"]
    if provision_kind == "commentary":
        notes.append("from the publisher's framing, not the document's own words")
    elif provision_kind == "reported":
        notes.append("from a secondary account, not the document's own words")
    return notes
