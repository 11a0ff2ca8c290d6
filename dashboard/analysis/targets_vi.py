"""Figures written the Vietnamese way, for the target extractor (analysis.targets).

Vietnamese writes "1.000" for one thousand and "2,5" for two and a half, and scales money with "nghìn", "triệu"
and "tỷ": "1.000 tỷ USD" is value 1000, unit "billion USD" (the scale stays in the unit, as the English "40
billion USD" does); "2,5 triệu lao động" is 2500000 workers; "2,5%" is 2.5 percent. Counted things take the
English unit names, so a Vietnamese figure and an English one are counted in the same unit.
"""

from __future__ import annotations

import re

_VNUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
UNITS_VI = {
    "quốc gia": "countries", "nước": "countries", "quốc gia và vùng lãnh thổ": "countries",
    "nền kinh tế": "economies", "đối tác": "partners", "hiệp định": "agreements", "fta": "agreements",
    "điều ước": "treaties", "công ước": "conventions", "tổ chức": "organisations", "thành viên": "members",
    "mục tiêu": "objectives", "chỉ tiêu": "targets", "nhiệm vụ": "tasks", "cơ chế": "mechanisms",
    "dự án": "projects", "chương trình": "programmes", "trung tâm": "centres", "tỉnh": "provinces",
    "tỉnh, thành phố": "provinces", "địa phương": "localities", "doanh nghiệp": "enterprises",
    "thị trường": "markets", "cơ quan đại diện": "missions", "đại sứ quán": "missions", "lao động": "workers",
    "người lao động": "workers", "người": "people", "sinh viên": "students", "du học sinh": "students",
    "sự kiện": "events", "sáng kiến": "initiatives", "cam kết": "commitments", "văn phòng": "offices",
    "lượt khách": "visitors", "lượt khách du lịch": "visitors", "khách du lịch": "visitors",
    "thỏa thuận": "agreements", "thoả thuận": "agreements", "khuôn khổ": "frameworks",
    "quan hệ đối tác": "partnerships", "khuôn khổ quan hệ đối tác": "partnerships", "nhóm nhiệm vụ": "task groups",
}
_UNIT = "(?:" + "|".join(sorted((re.escape(u).replace(r"\ ", r"\s+") for u in UNITS_VI), key=len, reverse=True)) + ")"
_SCALE = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9}
_MONEY_SCALE = {"nghìn tỷ": "trillion", "ngàn tỷ": "trillion", "tỷ": "billion", "triệu": "million"}
_CURRENCY = {"usd": "USD", "đô la": "USD", "đô la mỹ": "USD", "đồng": "VND", "vnd": "VND", "eur": "EUR",
             "euro": "EUR"}
_MONEY = re.compile(rf"(?<![\w.,/+-])({_VNUM})\s+(nghìn\s+tỷ|ngàn\s+tỷ|tỷ|triệu)\s+"
                    r"(USD|đô\s+la(?:\s+Mỹ)?|đồng|VND|EUR|euro)\b", re.I)
_QUANTITY = re.compile(rf"(?<![\w.,/+-])({_VNUM})(?![\w/]|[.,]\d)\s*(?:(nghìn|ngàn|triệu|tỷ)\s+)?({_UNIT})(?!\w)|"
                       r"(?<![\w.,/+-])(\d+,\d+)\s*(%)", re.I)


def number_vi(word: str) -> float:
    """Return the value of a number written the Vietnamese way ("1.000" is 1000, "2,5" is 2.5)."""
    return float(word.replace(".", "").replace(",", "."))


def _key(words: str) -> str:
    return " ".join(words.lower().split())


def figures_vi(text: str) -> list[tuple[re.Match[str], str, float | None, str]]:
    """Return (match, number as written, value, unit) for each Vietnamese money or counted figure of `text`."""
    out: list[tuple[re.Match[str], str, float | None, str]] = []
    for m in _MONEY.finditer(text):
        currency = _CURRENCY.get(_key(m.group(3)), m.group(3).upper())
        out.append((m, m.group(1), number_vi(m.group(1)), f"{_MONEY_SCALE[_key(m.group(2))]} {currency}"))
    for m in _QUANTITY.finditer(text):
        if any(f[0].start() < m.end() and m.start() < f[0].end() for f in out):
            continue
        if m.group(5):  # "2,5%"
            out.append((m, m.group(4), number_vi(m.group(4)), "percent"))
            continue
        value = number_vi(m.group(1)) * _SCALE.get((m.group(2) or "").lower(), 1)
        out.append((m, m.group(1), value, UNITS_VI[_key(m.group(3))]))
    return out
