"""The phrases the target extractor (analysis.targets) reads: its number words, counted units, masks and the
regular expressions for horizons, stages, programmes and figures."""

from __future__ import annotations

import re

from dashboard.analysis.entities import SYMBOL

NEAR_DEADLINE_YEARS = 3  # a deadline at most this many years after the document's date is a milestone
PROGRAMME_WINDOW = 12  # words between a named programme and its period
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update(
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
FILLER = {
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
    "WORDNUM": "(?:" + "|".join(NUMBER_WORDS) + ")",
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
MASKS = [
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
CENTURY = _rx(
    r"\b(?:by|until|to|towards?|before|in)\s+(?:the\s+)?(?:(?:middle|mid|end|beginning|"
    r"first\s+half|second\s+half)(?:\s+of)?(?:\s+the)?[\s-]+)(\d{1,2})(?:st|nd|rd|th)[\s-]+"
    r"century\b|\bby\s+mid-century\b|"
    r"\b(?:đến|vào|tới)\s+(?:giữa|cuối|đầu)\s+thế\s+kỷ\s+(?:XXI|21)\b"
)
STAGE = _rx(
    r"\b(stage|phase|step|giai\s+đoạn)\s+(\d{1,2}|[IVX]{1,4})\b\s*[:,]?\s*\(?\s*(?:từ\s+)?(?:năm\s+)?"
    r"(<YEAR>)\s*(?:-|–|to|đến)\s*(?:năm\s+)?(<YEAR>)\s*\)?"
)
# a provision that opens with its stage, after any list label ("2. Stage 2: ...", "Giai đoạn II - ..."): every
# target in it, or in the items under it, belongs to that stage
LEAD_STAGE = _rx(
    r"^\W*(?:(?:\d{1,3}|[IVX]{1,4}|[a-z])[.)]\s*)?(stage|phase|giai\s+đoạn)\s+(\d{1,2}|[IVX]{1,4})"
    r"(?![\w-])"
)
PERIOD = _rx(
    r"(?:\b(?:for|in|during|over|within|of)\s+the\s+(?:period\s+(?:of\s+)?)?|\bfrom\s+|"
    r"(?:\btrong\s+)?\b(?:giai\s+đoạn|thời\s+kỳ)\s+(?:từ\s+)?(?:năm\s+)?|\btừ\s+(?:năm\s+)?)?"
    r"\(?(?<![\d-])(<YEAR>)\s*(?:-|–|to|until|đến\s+(?:năm\s+)?)\s*(<YEAR>)(?![\d-])\)?(?:\s+period)?"
)
VISION = _rx(
    r"\b(?:with\s+)?(?:a\s+)?(?:visions?|orientations?)\s+(?:to|towards?|until|till|for|of)\s+"
    r"(?:the\s+year\s+)?(<YEAR>)(?![\d-])|"
    r"\b(?:tầm\s+nhìn|định\s+hướng)\s+(?:đến|tới)\s+(?:năm\s+)?(<YEAR>)(?![\d-])"
)
# a deadline given as a date ("before June 2021", "no later than 31 December 2017"), not a date of issue
DATED_DEADLINE = _rx(
    r"\b(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than)\s+"
    r"(?:the\s+end\s+of\s+)?(?:\d{1,2}\s+)?<MONTH>\.?\s*(?:\d{1,2},?\s+)?(<YEAR>)\b|"
    r"\b(?:trước|đến|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|không\s+muộn\s+hơn)\s+(?:ngày\s+\d{1,2}\s+)?"
    r"tháng\s+\d{1,2}(?:\s+năm\s+|/)(<YEAR>)\b"
)
PART_OF_YEAR = _rx(
    r"\b(?:in|during|by\s+the\s+end\s+of|by)\s+(?:the\s+)?"
    r"(?:(?:first|second|third|fourth|last)\s+(?:quarter|half)|early|mid|late)(?:\s+of)?[\s-]+(<YEAR>)(?![\d-])|"
    r"\b(?:(?:trong|vào|đến|trước)\s+)?(?:quý\s+(?:I{1,3}|IV|[1-4])|(?:6\s+tháng\s+)?(?:đầu|giữa|cuối))"
    r"\s+năm\s+(<YEAR>)(?![\d-])"
)
FOR_YEAR = _rx(r"\bfor\s+(?:the\s+year\s+)?(<YEAR>)(?![\d-])")
DEADLINE = _rx(
    r"\b(?:from\s+now\s+)?(?:through|until|till|up\s+to|to|by\s+the\s+end\s+of|by|before|"
    r"no\s+later\s+than|towards?)\s+(?:the\s+year\s+)?(<YEAR>)(?![\d-])|"
    r"\b(?:từ\s+nay\s+)?(?:cho\s+)?(?:đến\s+hết|đến|tới|trước|vào|chậm\s+nhất(?:\s+là)?(?:\s+vào)?)\s+"
    r"(?:năm\s+)?(<YEAR>)(?![\d-])"
)
POINT = _rx(r"\b(?:in|during)\s+(?:the\s+year\s+)?(<YEAR>)(?![\d-])|\btrong\s+năm\s+(<YEAR>)(?![\d-])")
NAME_YEAR = _rx(r"\b([A-Z][\w-]*)\s+(<YEAR>)(?![\d-])|(?<![\d-])(<YEAR>)\s+([A-Z][\w-]*)", 0)
NOT_NAMES = {
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
SINCE = _rx(r"\bsince\s+(<YEAR>)\b|\b(?:kể\s+)?từ\s+(?:năm\s+)?(<YEAR>)\b(?=\s*(?:đến|tới)\s+nay)")
PROGRAMME = _rx(
    r"\b(?:strateg(?:y|ies)|program(?:me)?s?|(?:action\s+|master\s+)?plans?|projects?|agenda|"
    r"schemes?|roadmaps?|chiến\s+lược|chương\s+trình|kế\s+hoạch|đề\s+án|dự\s+án|quy\s+hoạch|"
    r"lộ\s+trình)\b"
)
# "giai đoạn 2021 - 2030" is a period, not a stage; "giai đoạn 1", "các giai đoạn" are stages
STAGED = _rx(r"\b(?:stages?|phases?)\b|\bgiai\s+đoạn\b(?!\s+(?:từ\s+)?(?:năm\s+)?(?:19|20)\d{2})")
CLAUSE_END = _rx(r"[;:(]|(?<!\bNo)(?<!\bDr)\.(?=\s|$)")
SENTENCE_END = _rx(r"(?<!\bNo)(?<!\bDr)(?<!\bMr)[.!?](?=\s+[A-Z\"“]|$)", 0)
QUALIFIER = _rx(
    r"\b(more than|over|at least|about|nearly|almost|around|some|up to|fewer than|"
    r"less than|ít nhất|tối thiểu|trên|khoảng|gần|hơn|tối đa|dưới)\s+$"
)
# a sentence that sets a figure as a target: it opens with a verb of aiming, or has a deadline ahead, and does
# not report ("has", "was", "since" ...)
TARGET_VERB = _rx(
    r"^\W*(?:strive|attract|achieve|reach|ensure|increase|raise|reduce|double|complete|"
    r"set\s+up|establish|attain|expand|mobili[sz]e|aim)\b|"
    r"^\W*(?:(?:hằng|mỗi)\s+năm,?\s+)?(?:phấn\s+đấu|thu\s+hút|đạt|tăng|nâng|giảm|bảo\s+đảm|đảm\s+bảo|"
    r"hoàn\s+thành|thành\s+lập|mở\s+rộng|mở\s+thêm|huy\s+động|đưa|đón|mục\s+tiêu)\b"
)
PAST = _rx(r"\b(?:has|had|was|were|since)\b|(?<!\bto\s)\bhave\b|\b(?:đã|đến\s+nay|hiện\s+có|hiện\s+nay)\b")
# HOSTING and QUALIFIER end at the figure ("... host the", "more than "): searched in the LOOKBACK characters
# before it (their longest match is under 60), not from the start of the text for every figure
LOOKBACK = 200
HOSTING = _rx(r"\b(?:organi[sz]e|host|hold|chair|tổ\s+chức|đăng\s+cai)\b[^.;]{0,40}$")
ARTICLE = {"the", "a", "an", "this", "that", "its", "their", "our"}
STOCK = _rx(
    r"\bnumber\s+of\s+(?:[a-z-]+\s+){0,2}?(<UNIT>)\b[^.;]{0,120}?\b(?:to|reach(?:ed|es|ing)?|at|is|"
    r"was|stood\s+at|total(?:l?ing)?)\s+(?:more\s+than\s+|over\s+|about\s+)?(<NUM>)\b"
)
MONEY = _rx(
    r"(?:\b(USD|US\$|VND|EUR)\s*)?(<NUM>)\s+(billion|million|trillion)\b"
    r"(?:\s+(USD|US\s?dollars|dollars|VND|dong|đồng|EUR|euros)\b)?"
)
CURRENCY = {
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
QUANTITY = _rx(
    r"(?<![\w.,/+-])(<NUM>)(?![\w/]|[.,]\d|-\w)((?:\s+[a-z][\w-]*){0,2}?)\s*"
    r"(<UNIT>|others)(?!\w)"
)
YEAR = _PARTS["YEAR"]
