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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from dashboard.analysis.entities import SYMBOL
from dashboard.analysis.targets_vi import figures_vi
from dashboard.corpus.load import Corpus
from dashboard.corpus.spans import Occupied, SpanMap, Tables

NEAR_DEADLINE_YEARS = 3  # a deadline at most this many years after the document's date is a milestone
PROGRAMME_WINDOW = 12  # words between a named programme and its period
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "dozen": 12,
    }
)
# counted things a policy figure is about; a number before any other noun ("three pillars") is not one
UNITS = {
    "countries": "countries",
    "country": "countries",
    "nations": "countries",
    "economies": "economies",
    "partners": "partners",
    "partnerships": "partnerships",
    "agreements": "agreements",
    "agreement": "agreements",
    "ftas": "agreements",
    "treaties": "treaties",
    "conventions": "conventions",
    "organisations": "organisations",
    "organizations": "organisations",
    "members": "members",
    "objectives": "objectives",
    "objective": "objectives",
    "targets": "targets",
    "target": "targets",
    "goals": "goals",
    "tasks": "tasks",
    "task groups": "task groups",
    "mechanisms": "mechanisms",
    "frameworks": "frameworks",
    "projects": "projects",
    "programmes": "programmes",
    "programs": "programmes",
    "centres": "centres",
    "centers": "centres",
    "provinces": "provinces",
    "localities": "localities",
    "enterprises": "enterprises",
    "businesses": "enterprises",
    "markets": "markets",
    "embassies": "missions",
    "missions": "missions",
    "workers": "workers",
    "people": "people",
    "students": "students",
    "events": "events",
    "initiatives": "initiatives",
    "commitments": "commitments",
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
    "offices": "offices",
}
_FILLER = {
    "of",
    "the",
    "a",
    "an",
    "and",
    "or",
    "to",
    "in",
    "for",
    "with",
    "by",
    "on",
    "at",
    "from",
    "as",
    "than",
    "that",
    "which",
    "its",
    "their",
    "our",
    "these",
    "those",
    "other",
    "such",
    "years",
    "year",
    "times",
}
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_PARTS = {
    "YEAR": r"(?:19|20)\d{2}",
    "MONTH": f"(?:{_MONTH_NAMES})",
    "WORDNUM": "(?:" + "|".join(_NUMBER_WORDS) + ")",
    "UNIT": "(?:" + "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True)) + ")",
}
_PARTS["NUM"] = (
    r"(?:\d{1,3}(?:[.,]\d{3})+|\d+(?:\.\d+)?|"
    + _PARTS["WORDNUM"]
    + r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)"
)


def _rx(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    # regexes are written with <YEAR>, <MONTH>, <NUM>, <UNIT> placeholders so they read as phrases
    for name, part in _PARTS.items():
        pattern = pattern.replace(f"<{name}>", part)
    return re.compile(pattern, flags)


# ---- what is never a target: masked before anything is read
_MASKS = [
    _rx(r"\bdated\s+(?:<MONTH>\.?\s+\d{1,2},?\s+<YEAR>|\d{1,2}\s+<MONTH>\.?,?\s+<YEAR>|\d{1,2}/\d{1,2}/<YEAR>)"),
    _rx(r"\b<MONTH>\.?\s+\d{1,2}(?:\s*,\s*|\s+)<YEAR>\b", 0),
    _rx(r"\b\d{1,2}\s+<MONTH>\.?,?\s+<YEAR>\b", 0),
    _rx(r"\b<MONTH>\.?,?\s+<YEAR>\b", 0),
    _rx(r"\b\d{1,2}/\d{1,2}/<YEAR>\b|\b<YEAR>-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b"),
    SYMBOL,
    _rx(r"\bNo\.\s?\d+\b"),
    _rx(r"\b\d+(?:st|nd|rd|th)\b"),
    _rx(r"\b(?:\d+|<WORDNUM>)[-\s](?:years?|months?|days?|weeks?|decades?)(?:-old)?\b"),
    _rx(r"https?://\S+|www\.\S+"),
    # Vietnamese: dates of issue, symbols with a year ("56/2020/NĐ-CP"), ordinals, article and clause numbers,
    # durations ("10 năm", "5 năm 2021 - 2025" keeps its period)
    _rx(r"\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+<YEAR>\b|\btháng\s+\d{1,2}(?:\s+năm\s+|/)<YEAR>\b"),
    _rx(r"\b\d{1,4}/<YEAR>/[A-ZĐ][\w-]*"),
    _rx(r"\b(?:lần\s+)?thứ\s+(?:\d+|[IVXL]+)\b"),
    _rx(r"\b(?:Điều|khoản|điểm|Chương|Mục|Phần|số)\s+\d+\b"),
    _rx(r"\b\d+\s+(?:năm|tháng|ngày|tuần|thập\s+kỷ)\b"),
]

# ---- temporal phrases, tried in this order; a later phrase never overlaps an earlier one
_CENTURY = _rx(
    r"\b(?:by|until|to|towards?|before|in)\s+(?:the\s+)?(?:(?:middle|mid|end|beginning|"
    r"first\s+half|second\s+half)(?:\s+of)?(?:\s+the)?[\s-]+)(\d{1,2})(?:st|nd|rd|th)[\s-]+"
    r"century\b|\bby\s+mid-century\b|"
    r"\b(?:đến|vào|tới)\s+(?:giữa|cuối|đầu)\s+thế\s+kỷ\s+(?:XXI|21)\b"
)
_STAGE = _rx(
    r"\b(stage|phase|step|giai\s+đoạn)\s+(\d{1,2}|[IVX]{1,4})\b\s*[:,]?\s*\(?\s*(?:từ\s+)?(?:năm\s+)?"
    r"(<YEAR>)\s*(?:-|–|to|đến)\s*(?:năm\s+)?(<YEAR>)\s*\)?"
)
# a provision that opens with its stage, after any list label ("2. Stage 2: ...", "Giai đoạn II - ..."): every
# target in it, or in the items under it, belongs to that stage
_LEAD_STAGE = _rx(
    r"^\W*(?:(?:\d{1,3}|[IVX]{1,4}|[a-z])[.)]\s*)?(stage|phase|giai\s+đoạn)\s+(\d{1,2}|[IVX]{1,4})"
    r"(?![\w-])"
)
_PERIOD = _rx(
    r"(?:\b(?:for|in|during|over|within|of)\s+the\s+(?:period\s+(?:of\s+)?)?|\bfrom\s+|"
    r"(?:\btrong\s+)?\b(?:giai\s+đoạn|thời\s+kỳ)\s+(?:từ\s+)?(?:năm\s+)?|\btừ\s+(?:năm\s+)?)?"
    r"\(?(?<![\d-])(<YEAR>)\s*(?:-|–|to|until|đến\s+(?:năm\s+)?)\s*(<YEAR>)(?![\d-])\)?(?:\s+period)?"
)
_VISION = _rx(
    r"\b(?:with\s+)?(?:a\s+)?(?:visions?|orientations?)\s+(?:to|towards?|until|till|for|of)\s+"
    r"(?:the\s+year\s+)?(<YEAR>)(?![\d-])|"
    r"\b(?:tầm\s+nhìn|định\s+hướng)\s+(?:đến|tới)\s+(?:năm\s+)?(<YEAR>)(?![\d-])"
)
# a deadline given as a date ("before June 2021", "no later than 31 December 2017"), not a date of issue
_DATED_DEADLINE = _rx(
    r"\b(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than)\s+"
    r"(?:the\s+end\s+of\s+)?(?:\d{1,2}\s+)?<MONTH>\.?\s*(?:\d{1,2},?\s+)?(<YEAR>)\b|"
    r"\b(?:trước|đến|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|không\s+muộn\s+hơn)\s+(?:ngày\s+\d{1,2}\s+)?"
    r"tháng\s+\d{1,2}(?:\s+năm\s+|/)(<YEAR>)\b"
)
_PART_OF_YEAR = _rx(
    r"\b(?:in|during|by\s+the\s+end\s+of|by)\s+(?:the\s+)?"
    r"(?:(?:first|second|third|fourth|last)\s+(?:quarter|half)|early|mid|late)(?:\s+of)?[\s-]+(<YEAR>)(?![\d-])|"
    r"\b(?:(?:trong|vào|đến|trước)\s+)?(?:quý\s+(?:I{1,3}|IV|[1-4])|(?:6\s+tháng\s+)?(?:đầu|giữa|cuối))"
    r"\s+năm\s+(<YEAR>)(?![\d-])"
)
_FOR_YEAR = _rx(r"\bfor\s+(?:the\s+year\s+)?(<YEAR>)(?![\d-])")
_DEADLINE = _rx(
    r"\b(?:from\s+now\s+)?(?:through|until|till|up\s+to|to|by\s+the\s+end\s+of|by|before|"
    r"no\s+later\s+than|towards?)\s+(?:the\s+year\s+)?(<YEAR>)(?![\d-])|"
    r"\b(?:từ\s+nay\s+)?(?:cho\s+)?(?:đến\s+hết|đến|tới|trước|vào|chậm\s+nhất(?:\s+là)?(?:\s+vào)?)\s+"
    r"(?:năm\s+)?(<YEAR>)(?![\d-])"
)
_POINT = _rx(r"\b(?:in|during)\s+(?:the\s+year\s+)?(<YEAR>)(?![\d-])|\btrong\s+năm\s+(<YEAR>)(?![\d-])")
_NAME_YEAR = _rx(r"\b([A-Z][\w-]*)\s+(<YEAR>)(?![\d-])|(?<![\d-])(<YEAR>)\s+([A-Z][\w-]*)", 0)
_NOT_NAMES = {
    "since",
    "in",
    "by",
    "to",
    "until",
    "through",
    "from",
    "of",
    "the",
    "and",
    "year",
    "period",
    "stage",
    "phase",
    "before",
    "after",
    "during",
    "for",
    "till",
    "towards",
    "toward",
    "with",
    "at",
    "on",
    "dated",
    "no",
    "năm",
    "đến",
    "trước",
    "từ",
    "trong",
    "vào",
    "tới",
    "đoạn",
    "kỳ",
    "hết",
    "nhìn",
} | {m.lower() for m in _MONTH_NAMES.split("|")}
_SINCE = _rx(r"\bsince\s+(<YEAR>)\b|\b(?:kể\s+)?từ\s+(?:năm\s+)?(<YEAR>)\b(?=\s*(?:đến|tới)\s+nay)")
_PROGRAMME = _rx(
    r"\b(?:strateg(?:y|ies)|program(?:me)?s?|(?:action\s+|master\s+)?plans?|projects?|agenda|"
    r"schemes?|roadmaps?|chiến\s+lược|chương\s+trình|kế\s+hoạch|đề\s+án|dự\s+án|quy\s+hoạch|"
    r"lộ\s+trình)\b"
)
# "giai đoạn 2021 - 2030" is a period, not a stage; "giai đoạn 1", "các giai đoạn" are stages
_STAGED = _rx(r"\b(?:stages?|phases?)\b|\bgiai\s+đoạn\b(?!\s+(?:từ\s+)?(?:năm\s+)?(?:19|20)\d{2})")
_CLAUSE_END = _rx(r"[;:(]|(?<!\bNo)(?<!\bDr)\.(?=\s|$)")
_SENTENCE_END = _rx(r"(?<!\bNo)(?<!\bDr)(?<!\bMr)[.!?](?=\s+[A-Z\"“]|$)", 0)
_QUALIFIER = _rx(
    r"\b(more than|over|at least|about|nearly|almost|around|some|up to|fewer than|"
    r"less than|ít nhất|tối thiểu|trên|khoảng|gần|hơn|tối đa|dưới)\s+$"
)
# a sentence that sets a figure as a target: it opens with a verb of aiming, or has a deadline ahead, and does
# not report ("has", "was", "since" ...)
_TARGET_VERB = _rx(
    r"^\W*(?:strive|attract|achieve|reach|ensure|increase|raise|reduce|double|complete|"
    r"set\s+up|establish|attain|expand|mobili[sz]e|aim)\b|"
    r"^\W*(?:(?:hằng|mỗi)\s+năm,?\s+)?(?:phấn\s+đấu|thu\s+hút|đạt|tăng|nâng|giảm|bảo\s+đảm|đảm\s+bảo|"
    r"hoàn\s+thành|thành\s+lập|mở\s+rộng|mở\s+thêm|huy\s+động|đưa|đón|mục\s+tiêu)\b"
)
_PAST = _rx(r"\b(?:has|had|was|were|since)\b|(?<!\bto\s)\bhave\b|\b(?:đã|đến\s+nay|hiện\s+có|hiện\s+nay)\b")
# _HOSTING and _QUALIFIER end at the figure ("... host the", "more than "): searched in the LOOKBACK characters
# before it (their longest match is under 60), not from the start of the text for every figure
LOOKBACK = 200
_HOSTING = _rx(r"\b(?:organi[sz]e|host|hold|chair|tổ\s+chức|đăng\s+cai)\b[^.;]{0,40}$")
_ARTICLE = {"the", "a", "an", "this", "that", "its", "their", "our"}
_STOCK = _rx(
    r"\bnumber\s+of\s+(?:[a-z-]+\s+){0,2}?(<UNIT>)\b[^.;]{0,120}?\b(?:to|reach(?:ed|es|ing)?|at|is|"
    r"was|stood\s+at|total(?:l?ing)?)\s+(?:more\s+than\s+|over\s+|about\s+)?(<NUM>)\b"
)
_MONEY = _rx(
    r"(?:\b(USD|US\$|VND|EUR)\s*)?(<NUM>)\s+(billion|million|trillion)\b"
    r"(?:\s+(USD|US\s?dollars|dollars|VND|dong|đồng|EUR|euros)\b)?"
)
_CURRENCY = {
    "usd": "USD",
    "us$": "USD",
    "us dollars": "USD",
    "usdollars": "USD",
    "dollars": "USD",
    "vnd": "VND",
    "dong": "VND",
    "đồng": "VND",
    "eur": "EUR",
    "euros": "EUR",
}
_QUANTITY = _rx(
    r"(?<![\w.,/+-])(<NUM>)(?![\w/]|[.,]\d|-\w)((?:\s+[a-z][\w-]*){0,2}?)\s*"
    r"(<UNIT>|others)(?!\w)"
)
YEAR = _PARTS["YEAR"]


@dataclass(frozen=True)
class Target:
    """One target, horizon or figure found in a text, with its span in that text."""

    kind: str
    start: int
    end: int
    surface: str
    start_year: int | None = None
    end_year: int | None = None
    value: float | None = None
    unit: str = ""
    programme: str = ""
    stage: str = ""
    notes: tuple[str, ...] = field(default=())


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
    dated = [(m.start(), m.end()) for m in _DATED_DEADLINE.finditer(text)]
    for mask in _MASKS:
        blocked += [(m.start(), m.end()) for m in mask.finditer(text) if not _inside(dated, m.start(), m.end())]
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

    for m in _CENTURY.finditer(text):
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
    staged = bool(_STAGED.search(text) or _STAGED.search(context))
    for m in _STAGE.finditer(text):
        if occupied.free(m.start(), m.end()):
            add(
                Target(
                    "milestone", m.start(), m.end(), m.group(0), int(m.group(3)), int(m.group(4)), stage=_stage_name(m)
                )
            )
    candidates: list[tuple[re.Match[str], re.Pattern[str]]] = []
    for pattern in (_DATED_DEADLINE, _PART_OF_YEAR, _PERIOD, _VISION, _DEADLINE, _POINT, _FOR_YEAR):
        for m in pattern.finditer(text):
            if not occupied.free(m.start(), m.end()):
                continue
            if pattern in (_POINT, _PART_OF_YEAR) and _year(m) < issued_year:
                continue  # a past event ("in 2013"), not a target
            candidates.append((m, pattern))
            occupied.add(m.start(), m.end())  # each candidate becomes a target over the same span
    # classified in reading order: "vision to 2030" takes the kind of the title period just before it
    for m, pattern in sorted(candidates, key=lambda c: c[0].start()):
        years = [int(g) for g in m.groups() if g]
        first, last = (years[0], years[1]) if len(years) == 2 else (None, years[0])
        add(_classify(text, m, pattern, first, last, issued_year, staged, periods))
    for m in _NAME_YEAR.finditer(text):
        word, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if word.lower() in _NOT_NAMES or int(year) < issued_year:
            continue
        if not occupied.free(m.start(), m.end()):
            continue  # "since 2013", or a year of adoption in a name ("the 1982 UN Convention")
        # "organise the APEC 2027 Leaders' Week": an event to host
        if _HOSTING.search(text, max(0, m.start() - LOOKBACK), m.start()):
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
                programme=_name_before(text, m.start()) + m.group(0) if m.group(1) else m.group(0),
                notes=(f"a name that carries its horizon ({m.group(0)}), not a deadline the document sets",),
            )
        )
    found += _quantities(text, blocked + taken, found, issued_year)
    lead = _LEAD_STAGE.match(text) or _LEAD_STAGE.match(context)
    if lead:  # a stage the text numbers but does not date ("Stage 2: Evaluate ... by the end of 2020")
        found = [t if t.stage else replace(t, stage=_stage_name(lead)) for t in found]
    return sorted(found, key=lambda t: (t.start, t.end))


_END_OF = ("end of", "hết năm", "cuối năm")


def _year(m: re.Match[str]) -> int:
    """Return the first year a phrase matched (its English or its Vietnamese alternative)."""
    return int(next(g for g in m.groups() if g))


def _stage_name(m: re.Match[str]) -> str:
    return f"{' '.join(m.group(1).split()).capitalize()} {m.group(2).upper()}"


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
    point = pattern in (_POINT, _PART_OF_YEAR)
    clause_start = _clause_start(text, m.start())
    i = bisect_left(periods, m.start(), key=lambda t: t.start)  # the last period before m, if in its clause
    previous = periods[i - 1] if i and periods[i - 1].start >= clause_start else None
    if pattern is _VISION and previous and len(text[previous.end : m.start()].split()) <= 2:
        return Target("programme_period", m.start(), m.end(), surface, first, last, programme=previous.programme)
    programme = _programme_before(text, clause_start, m.start())
    if not programme and (first is not None or pattern is _FOR_YEAR):
        # "the five-year plan for 2021-2025": a period right after a plan is its period, named or not
        programme = _programme_just_before(text, clause_start, m.start())
    if programme:
        return Target("programme_period", m.start(), m.end(), surface, first, last, programme=programme)
    notes = ("from the document's date",) if surface.lower().startswith(("from now", "từ nay")) else ()
    if staged or point or any(w in surface.lower() for w in _END_OF) or last - issued_year <= NEAR_DEADLINE_YEARS:
        return Target("milestone", m.start(), m.end(), surface, first, last, notes=notes)
    return Target("goal", m.start(), m.end(), surface, first, last, notes=notes)


def _clause_start(text: str, at: int) -> int:
    # the last clause end at or before `at`, from the text's clause ends found once (bisect: no rescan per match);
    # a "." just before `at` ends a clause there as when the text is read up to `at` only
    if at and _CLAUSE_END.match(text, at - 1, at):
        return at
    ends = _ends(_CLAUSE_END, text)
    i = bisect_right(ends, at)
    return ends[i - 1] if i else 0


def _programme_before(text: str, clause_start: int, at: int) -> str:
    """Return the named programme, plan or strategy the period at `at` belongs to, or ''."""
    nouns = list(_PROGRAMME.finditer(text, clause_start, at))
    if not nouns:
        return ""
    noun = nouns[-1]
    if len(text[noun.end() : at].split()) > PROGRAMME_WINDOW:
        return ""
    before = text[clause_start : noun.start()].split()
    # a proper name: the noun is capitalised ("the Project on ..."), or a capitalised word that does not
    # open the clause stands before it ("the Overall strategy", "ASEAN Action Plan"); "a plan to" is no name
    if noun.group(0)[0].isupper() or (len(before) > 1 and before[-1][:1].isupper()):
        start = _name_start(text, clause_start, noun.start())
        return text[start:at].strip(" ,")
    return ""


def _programme_just_before(text: str, clause_start: int, at: int) -> str:
    """Return a programme noun standing right before a period ("strategy for the 2021-2030 period"), or ''."""
    nouns = list(_PROGRAMME.finditer(text, clause_start, at))
    if not nouns or len(text[nouns[-1].end() : at].split()) > 3:
        return ""
    words = text[clause_start : nouns[-1].start()].split()
    kept: list[str] = []
    for w in reversed(words[-4:]):  # modifiers back to the article: "the socio-economic development strategy"
        if w.lower() in _ARTICLE:
            break
        kept.insert(0, w)
    else:
        kept = []
    return " ".join([*kept, nouns[-1].group(0)])


def _name_start(text: str, clause_start: int, at: int) -> int:
    words = list(re.finditer(r"\S+", text[clause_start:at]))
    start = at
    for w in reversed(words[1:]):  # the clause's first word is a verb or an article, not part of the name
        if not w.group(0)[:1].isupper():
            break
        start = clause_start + w.start()
    return start


def _name_before(text: str, at: int) -> str:
    start = _name_start(text, _clause_start(text, at), at)
    return text[start:at]


def _sentence(text: str, at: int) -> tuple[int, int]:
    ends = _ends(_SENTENCE_END, text)
    i = bisect_right(ends, at)
    return (ends[i - 1] if i else 0), (ends[i] if i < len(ends) else len(text))


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `spans` (sorted, not overlapping: a pattern's matches)."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][1] >= end


@lru_cache(maxsize=8)
def _ends(pattern: re.Pattern[str], text: str) -> list[int]:
    """Return where each match of `pattern` ends in `text`, found once per text (the extraction of one
    provision asks for many positions in the same text)."""
    return [m.end() for m in pattern.finditer(text)]


def _number(word: str) -> float | None:
    word = word.lower()
    if word[0].isdigit():
        return float(word.replace(",", "")) if re.fullmatch(r"\d{1,3}(?:,\d{3})+", word) else float(word)
    parts = word.split("-")
    if parts[0] not in _NUMBER_WORDS:
        return None
    return float(_NUMBER_WORDS[parts[0]] + (_NUMBER_WORDS[parts[1]] if len(parts) > 1 else 0))


def _quantities(text: str, blocked: list[tuple[int, int]], dated: list[Target], issued_year: int) -> list[Target]:
    out: list[Target] = []
    occupied = Occupied(len(text), blocked)  # the blocked spans and the figures taken so far

    def clear(a: int, b: int) -> bool:
        return occupied.free(a, b)

    def take(target: Target) -> None:
        out.append(target)
        occupied.add(target.start, target.end)

    for m in _STOCK.finditer(text):  # "raising the number of countries ... to 33": a level, not a change
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
    for m in _MONEY.finditer(text):
        currency = (m.group(1) or m.group(4) or "").lower().replace(" ", "")
        if currency and clear(m.start(), m.end()):
            figures.append(
                (
                    m,
                    m.group(2),
                    _number(m.group(2)),
                    f"{m.group(3).lower()} {_CURRENCY.get(currency, currency.upper())}",
                )
            )
    figured = Occupied(len(text), ((f[0].start(), f[0].end()) for f in figures))
    for m in _QUANTITY.finditer(text):
        number, fillers = m.group(1), m.group(2).split()
        if re.fullmatch(YEAR, number) or any(w.lower() in _FILLER for w in fillers):
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
        s_start, s_end = _sentence(text, m.start())
        if unit == "others":  # "seven others": the unit of the figure before it in the sentence
            before = [t for t in out if s_start <= t.start < m.start() and t.unit]
            if not before:
                continue
            unit = before[-1].unit
        unit = UNITS.get(unit, unit)
        notes: list[str] = []
        qualifier = _QUALIFIER.search(text, max(0, m.start() - LOOKBACK), m.start())
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
                start_year=_year(since) if since else None,
                value=value,
                unit=unit,
                notes=tuple(notes + ([f"since {_year(since)}"] if since else [])),
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
    aims = bool(deadline or _TARGET_VERB.match(sentence)) and not _PAST.search(sentence)
    return aims, deadline, _SINCE.search(text, s_start, s_end)


# ---------------------------------------------------------------- build step


def target_table(corpus: Corpus, tables: Tables) -> Tables:
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
                s_start, s_end = _sentence(p.text, t.start)
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
