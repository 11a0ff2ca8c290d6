"""Read the standard header of a Vietnamese administrative document (or its English rendering).

The header names the issuing body (BỘ CHÍNH TRỊ, CHÍNH PHỦ, a ministry …), the number ("Số: 59-NQ/TW"), the place
and date ("Hà Nội, ngày 24 tháng 01 năm 2025"), the type (NGHỊ QUYẾT …) and the title (the line after the type,
usually "về …"). English renderings use THE POLITBURO, "No.: 59-NQ/TW", "Hanoi, January 24, 2025", RESOLUTION and
"On …". Each field found keeps its evidence: the line it came from. The body starts after the title; it ends at the
signature block (T/M BỘ CHÍNH TRỊ, Nơi nhận, ON BEHALF OF …).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dashboard import errors
from dashboard.corpus.normalise import fold

HEADER_LINES = 80  # the header fits in a document's first lines (a web page's chrome may come before it)
HEADER_SPAN = 15  # lines above the type line that belong to the header (issuer, number, mottos, date)

# folded (no diacritics, lower case) names of issuing bodies, the longest first so "bo chinh tri" is not a ministry
ISSUERS: tuple[tuple[str, str], ...] = (
    ("ban chap hanh trung uong dang", "party_central_committee"),
    ("ban chap hanh trung uong", "party_central_committee"),
    ("the party central committee", "party_central_committee"),
    ("party central committee", "party_central_committee"),
    ("the central committee", "party_central_committee"),
    ("uy ban thuong vu quoc hoi", "national_assembly_standing_committee"),
    ("the national assembly standing committee", "national_assembly_standing_committee"),
    ("standing committee of the national assembly", "national_assembly_standing_committee"),
    ("thu tuong chinh phu", "prime_minister"),
    ("the prime minister", "prime_minister"),
    ("prime minister", "prime_minister"),
    ("bo chinh tri", "politburo"),
    ("the politburo", "politburo"),
    ("politburo", "politburo"),
    ("ban bi thu", "secretariat"),
    ("the secretariat", "secretariat"),
    ("quoc hoi", "national_assembly"),
    ("the national assembly", "national_assembly"),
    ("national assembly", "national_assembly"),
    ("chinh phu", "government"),
    ("the government", "government"),
    ("government", "government"),
)
_MINISTRY = re.compile(r"^(?:bo|ministry of|the ministry of)\s+\w+")
# the ministry-level agencies issue documents too; their documents go in the ministries' lane
_MINISTRY_LEVEL = ("ngan hang nha nuoc viet nam", "ngan hang nha nuoc", "thanh tra chinh phu", "van phong chinh phu",
                   "the state bank of viet nam", "the state bank of vietnam", "state bank of viet nam",
                   "state bank of vietnam", "the government inspectorate", "government inspectorate",
                   "the government office", "government office")
# the national and Party mottos share the header's lines in a two-column layout; they name no issuer
_MOTTOS = re.compile(
    r"dang cong san viet nam|cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc|"
    r"communist party of viet ?nam|socialist republic of viet ?nam|independence\s*-\s*freedom\s*-\s*happiness"
)
_DECORATION = re.compile(r"^[\s*\-_=~•.·]+|[\s*\-_=~•.·]+$")
# folded type words → doc_type of seeds/vocabulary.yml; the longest first
DOC_TYPES: tuple[tuple[str, str], ...] = (
    ("chuong trinh hanh dong", "action_programme"),
    ("action programme", "action_programme"),
    ("action program", "action_programme"),
    ("ke hoach hanh dong", "action_plan"),
    ("action plan", "action_plan"),
    ("nghi quyet", "resolution"),
    ("resolution", "resolution"),
    ("quyet dinh", "decision"),
    ("decision", "decision"),
    ("chi thi", "directive"),
    ("directive", "directive"),
    ("ket luan", "conclusion"),
    ("conclusion", "conclusion"),
    ("chien luoc", "strategy"),
    ("strategy", "strategy"),
    ("luat", "law"),
    ("law", "law"),
)
_SYMBOL = re.compile(r"(?:^|\s)(?:Số|So|No|Number)\s*\.?\s*:?\s*(\d{1,5}[/-][\w/.-]*\w)", re.IGNORECASE)
_VI_DATE = re.compile(r"(?:([^\d,;:]{2,40}?)\s*,\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
                      re.IGNORECASE)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = "|".join(MONTHS)
_EN_DATE = re.compile(
    rf"(?:([A-Z][\w .'-]{{1,30}}?)\s*,\s*)?(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}}))",
    re.IGNORECASE,
)
_TITLE_START = re.compile(r"^(?:về|ve|on)\s+\S", re.IGNORECASE)
_SIGNATURE = re.compile(r"^(?:T/?M\.?|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s+\S|^(?:Nơi nhận|Recipients)\s*:?|"
                        r"^(?:ON BEHALF OF|FOR THE|P\.P\.)\s+[A-Z]")
_VI_LETTERS = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE)
_ENDS_CLAUSE = re.compile(r"[.;:]\s*$")  # a preamble's "Căn cứ …;" or a sentence is no title
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Found:
    """A field read from the document, with the line it came from (1-based) and that line's text."""

    value: str
    line: int | None
    evidence: str


@dataclass(frozen=True)
class Header:
    """Everything the header gave; a field it did not give is absent from `fields`."""

    fields: dict[str, Found]
    body_start_line: int | None  # 0-based index into text.split("\n")
    body_end_line: int | None


def read_header(text: str, display: str) -> Header:
    """Return the fields of `text`'s header with their evidence, and where its body starts and ends.

    Raises ImpossibleDate when the header's date is not a real day (ngày 30 tháng 02 …).
    """
    lines = text.split("\n")
    filled = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()][:HEADER_LINES]
    fields: dict[str, Found] = {}
    language = detect_language(text)
    if language:
        fields["language"] = language
    title_end, type_at = _type_and_title(filled, fields)
    if title_end is not None:
        header_end = title_end
        head = [(i, line) for n, (i, line) in enumerate(filled) if type_at - HEADER_SPAN <= n and i <= header_end]
    else:  # no type line: the header ends after the last line that gave a field
        header_end = -1
        for i, line in filled[:HEADER_SPAN]:
            if _issuer(line) or _SYMBOL.search(line) or _VI_DATE.search(line) or _EN_DATE.search(line):
                header_end = i
        head = [(i, line) for i, line in filled if i <= header_end]
    # the issuer's line is upper case in the header; a mixed-case "Chính phủ" is more likely a menu item above it
    for i, line in sorted(head, key=lambda item: not item[1].isupper()):
        if found := _issuer(line):
            fields["issuer"] = Found(found[0], i + 1, line)
            if found[0] == "ministry":
                fields["issuer_detail"] = Found(found[1], i + 1, line)
            break
    for i, line in head:
        symbol = _SYMBOL.search(line)
        if "symbol" not in fields and symbol and re.search(r"[^\W\d_]", symbol.group(1)):
            fields["symbol"] = Found(symbol.group(1).rstrip("."), i + 1, line)
        if "issued" not in fields:
            # on a two-column line "Số: 59-NQ/TW   Hà Nội, ngày …" the place comes after the number
            date = _date(line[symbol.end():] if symbol else line, display, i + 1)
            if date:
                fields["issued"] = Found(date[0].isoformat(), i + 1, line)
                if date[1]:
                    fields["place"] = Found(date[1], i + 1, line)
    start = next((i for i, line in enumerate(lines) if i > header_end and _WORDS.search(line)), None)
    end = None
    if start is not None:
        end = next((i for i in range(start + 1, len(lines)) if _SIGNATURE.match(lines[i].strip())), None)
    return Header(fields=fields, body_start_line=start, body_end_line=end)


def detect_language(text: str) -> Found | None:
    """Return vi when a fair share of words carry Vietnamese letters, en when the words are plain Latin."""
    words = _WORDS.findall(text)
    if len(words) < 5:
        return None
    vietnamese = sum(1 for w in words if _VI_LETTERS.search(w))
    share = vietnamese / len(words)
    evidence = f"{vietnamese} of {len(words)} words carry Vietnamese letters ({share:.0%})"
    # Vietnamese prose has most of its syllables marked (86% in tests/fixtures/add/vi_resolution.txt); an English
    # text naming Hà Nội or Việt Nam has a few
    if share >= 0.4:
        return Found("vi", None, evidence)
    if sum(1 for w in words if w.isascii()) / len(words) >= 0.8:
        return Found("en", None, evidence)
    return None


def _plain(line: str) -> str:
    key = _MOTTOS.sub(" ", fold(line))
    return " ".join(_DECORATION.sub("", key).split())


def _issuer(line: str) -> tuple[str, str] | None:
    key = _plain(line)
    if not key:
        return None
    for name, issuer in ISSUERS:
        if key == name:
            return issuer, line
    if (_MINISTRY.match(key) or key in _MINISTRY_LEVEL) and line.isupper() and len(key.split()) <= 10:
        detail = _DECORATION.sub("", line.split("  ")[0]).strip()
        return "ministry", detail
    return None


def _date(line: str, display: str, number: int) -> tuple[dt.date, str] | None:
    match = _VI_DATE.search(line)
    if match:
        place, day, month, year = match.group(1), match.group(2), match.group(3), match.group(4)
    else:
        match = _EN_DATE.search(line)
        if not match:
            return None
        place = match.group(1)
        month_name = (match.group("m1") or match.group("m2")).lower()
        day, year = match.group("d1") or match.group("d2"), match.group("y1") or match.group("y2")
        month = str(MONTHS.index(month_name) + 1)
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise errors.ImpossibleDate(display, f"issued (line {number})",
                                    f"{match.group(0).strip()!r} is not a real date") from exc
    place = re.split(r"\s{2,}", (place or "").strip())[-1]  # a two-column line: the date's own column
    place = _DECORATION.sub("", " ".join(place.split())).strip(" ,")
    return date, place if place and not place.casefold().startswith(("số", "no")) else ""


def _type_line(line: str) -> str | None:
    key = _plain(line)
    for name, doc_type in DOC_TYPES:
        exact = key == name
        # an upper-case type line may go on: "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ", "NGHỊ QUYẾT HỘI NGHỊ …"
        if exact or (line.isupper() and key.startswith(name + " ") and len(key.split()) <= 14):
            return doc_type
    return None


def _type_and_title(filled: list[tuple[int, str]], fields: dict[str, Found]) -> tuple[int | None, int]:
    """Find the type line and the title under it.

    Returns the line index of the title's last line (None when there is no type line) and the type line's
    position among the filled lines.
    """
    for n, (i, line) in enumerate(filled):
        doc_type = _type_line(line)
        if not doc_type:
            continue
        fields["doc_type"] = Found(doc_type, i + 1, line)
        inline = re.search(r"\s(?:VỀ|ON)\s", line)
        if inline:  # "NGHỊ QUYẾT VỀ …" on one line
            fields["title"] = Found(_title(line[:inline.start()], line[inline.start():]), i + 1, line)
            return i, n
        rest = [(j, text) for j, text in filled[n + 1:] if _DECORATION.sub("", text)]
        if not rest:
            return i, n
        j, title = rest[0]
        if not (_TITLE_START.match(title) or (not _SIGNATURE.match(title) and not _issuer(title)
                                              and not _ENDS_CLAUSE.search(title) and len(title.split()) <= 40
                                              and not re.match(r"^(?:[IVXL]+|\d+|[a-zđ])[.)]\s", title))):
            return i, n
        end, parts = j, [title]
        for k, more in rest[1:3]:  # an upper-case title may run over a second or third line
            if not (title.isupper() and more.isupper() and not _type_line(more) and not _issuer(more)):
                break
            if re.match(r"^(?:[IVXL]+|\d+)\.\s", more):
                break
            end, parts = k, [*parts, more]
        fields["title"] = Found(_title(line, " ".join(parts)), j + 1, " / ".join([line, *parts]))
        return end, n
    return None, 0


def _title(type_line: str, title: str) -> str:
    """Return "Nghị quyết về hội nhập quốc tế …" from the type line and the title's upper-case lines."""
    head = type_line.strip()
    head = _recase(head[0] + head[1:].lower(), head) if head.isupper() else head
    body = title.strip()
    if body.isupper():
        body = _recase(body.lower(), body)
    elif _TITLE_START.match(body):  # a mixed-case title line "Về tăng cường …" / "On …" continues the type word
        body = body[0].lower() + body[1:]
    return f"{head} {body}"


# names an upper-case title loses when it is lowered, given back their capitals
_PROPER = ("Ban Chấp hành Trung ương", "Bộ Chính trị", "Thủ tướng Chính phủ", "Chính phủ", "Quốc hội", "Đảng",
           "Việt Nam", "Liên hợp quốc", "Prime Minister", "Government", "Politburo", "National Assembly", "Party",
           "Viet Nam", "Vietnam", "United Nations")
_PROPER_NAMES = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in _PROPER) + r")\b", re.IGNORECASE)
_CITED = re.compile(r"\b(nghị quyết|quyết định|chỉ thị|kết luận|resolution|decision|directive|conclusion)"
                    r"(?=\s+(?:số|no\.?)\s*\d)", re.IGNORECASE)
_NUMBER_WORD = re.compile(r"\bno\.(?=\s*\d)")


def _recase(lowered: str, upper: str) -> str:
    """Give a lowered title back its proper names, the documents it cites and their symbols (59-NQ/TW)."""
    # lower() keeps the spaces, so the two split alike; a token with a digit (a symbol) keeps its capitals
    pairs = zip(re.split(r"(\s+)", lowered), re.split(r"(\s+)", upper), strict=True)
    lowered = "".join(up if any(c.isdigit() for c in up) else low for low, up in pairs)
    lowered = _NUMBER_WORD.sub("No.", lowered)
    canonical = {n.casefold(): n for n in _PROPER}
    lowered = _PROPER_NAMES.sub(lambda m: canonical[m.group(0).casefold()], lowered)
    return _CITED.sub(lambda m: m.group(1)[0].upper() + m.group(1)[1:], lowered)
