"""Counted figures for the target extractor (analysis.targets): a number with its unit, money, a stock ("the
number of countries ... to 33"), and whether the sentence that holds it sets it as a goal or reports it."""

from __future__ import annotations

import re
from bisect import bisect_left

from dashboard.analysis.target_patterns import (
    CURRENCY,
    FILLER,
    LOOKBACK,
    MONEY,
    NUMBER_WORDS,
    PAST,
    QUALIFIER,
    QUANTITY,
    SINCE,
    STOCK,
    TARGET_VERB,
    UNITS,
    YEAR,
)
from dashboard.analysis.target_spans import Target, first_year, sentence_bounds
from dashboard.analysis.targets_vi import figures_vi
from dashboard.corpus.spans import Occupied


def _number(word: str) -> float | None:
    word = word.lower()
    if word[0].isdigit():
        return float(word.replace(",", "")) if re.fullmatch(r"\d{1,3}(?:,\d{3})+", word) else float(word)
    parts = word.split("-")
    if parts[0] not in NUMBER_WORDS:
        return None
    return float(NUMBER_WORDS[parts[0]] + (NUMBER_WORDS[parts[1]] if len(parts) > 1 else 0))


def quantities(text: str, blocked: list[tuple[int, int]], dated: list[Target], issued_year: int) -> list[Target]:
    out: list[Target] = []
    occupied = Occupied(len(text), blocked)  # the blocked spans and the figures taken so far

    def clear(a: int, b: int) -> bool:
        return occupied.free(a, b)

    def take(target: Target) -> None:
        out.append(target)
        occupied.add(target.start, target.end)

    for m in STOCK.finditer(text):  # "raising the number of countries ... to 33": a level, not a change
        if clear(m.start(2), m.end(2)):
            take(
                Target(
                    "reported_indicator",
                    m.start(2),
                    m.end(2),
                    m.group(2),
                    value=_number(m.group(2)),
                    unit=UNITS[m.group(1).lower()],
                    notes=("stock",),
                )
            )
    figures: list[tuple[re.Match[str], str, float | None, str]] = figures_vi(text)  # match, number, value, unit
    for m in MONEY.finditer(text):
        currency = (m.group(1) or m.group(4) or "").lower().replace(" ", "")
        if currency and clear(m.start(), m.end()):
            figures.append(
                (
                    m,
                    m.group(2),
                    _number(m.group(2)),
                    f"{m.group(3).lower()} {CURRENCY.get(currency, currency.upper())}",
                )
            )
    figured = Occupied(len(text), ((f[0].start(), f[0].end()) for f in figures))
    for m in QUANTITY.finditer(text):
        number, fillers = m.group(1), m.group(2).split()
        if re.fullmatch(YEAR, number) or any(w.lower() in FILLER for w in fillers):
            continue
        if figured.overlaps(m.start(), m.end()):
            continue
        figures.append((m, number, _number(number), m.group(3).lower()))
        figured.add(m.start(), m.end())
    # the goals and milestones ahead, by start, with their place in `dated` (the first in `dated` order counts)
    deadlines = sorted(
        (t.start, i, t)
        for i, t in enumerate(dated)
        if t.kind in ("goal", "milestone") and (t.end_year or 0) >= issued_year
    )
    sentences: dict[tuple[int, int], tuple[bool, Target | None, re.Match[str] | None]] = {}
    for m, number, value, unit in sorted(figures, key=lambda f: f[0].start()):
        if value is None or not clear(m.start(), m.end()) or (number.lower() == "one" and unit == "others"):
            continue
        s_start, s_end = sentence_bounds(text, m.start())
        if unit == "others":  # "seven others": the unit of the figure before it in the sentence
            before = [t for t in out if s_start <= t.start < m.start() and t.unit]
            if not before:
                continue
            unit = before[-1].unit
        unit = UNITS.get(unit, unit)
        notes: list[str] = []
        qualifier = QUALIFIER.search(text, max(0, m.start() - LOOKBACK), m.start())
        if qualifier:
            notes.append(f"{qualifier.group(1)} {number}")
        if (s_start, s_end) not in sentences:  # read once per sentence, however many figures it holds
            sentences[s_start, s_end] = _sentence_facts(text, s_start, s_end, deadlines)
        aims, deadline, since = sentences[s_start, s_end]
        if aims:
            take(
                Target(
                    "goal",
                    m.start(),
                    m.end(),
                    m.group(0),
                    value=value,
                    unit=unit,
                    notes=tuple(notes),
                    end_year=deadline.end_year if deadline else None,
                )
            )
            continue
        take(
            Target(
                "reported_indicator",
                m.start(),
                m.end(),
                m.group(0),
                start_year=first_year(since) if since else None,
                value=value,
                unit=unit,
                notes=tuple(notes + ([f"since {first_year(since)}"] if since else [])),
            )
        )
    return out


def _sentence_facts(
    text: str, s_start: int, s_end: int, deadlines: list[tuple[int, int, Target]]
) -> tuple[bool, Target | None, re.Match[str] | None]:
    """Return what makes a figure in text[s_start:s_end] a goal: whether the sentence aims (a deadline ahead in
    it or a verb of aiming, and no past tense), its first deadline ahead (in `dated` order), and its "since"."""
    inside = deadlines[bisect_left(deadlines, (s_start,)) : bisect_left(deadlines, (s_end,))]
    deadline = min(inside, key=lambda d: d[1])[2] if inside else None
    sentence = text[s_start:s_end]
    aims = bool(deadline or TARGET_VERB.match(sentence)) and not PAST.search(sentence)
    return aims, deadline, SINCE.search(text, s_start, s_end)
