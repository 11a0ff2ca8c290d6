"""A hostile document for the build and the app: HTML and script in the text and in every free-text sidecar field,
right-to-left scripts, bidi overrides, decomposed and stacked combining marks, numbering nested five deep, and
strings that look like paths, templates, SQL and spreadsheet formulas. Shared by tests/integration and
tests/browser, which build it with the fixture corpus (`write_hostile_corpus`)."""

from __future__ import annotations

import shutil
from pathlib import Path

HOSTILE_ID = "66-NQ-TW-2022"
TITLE = "<script>alert('title')</script> Resolution on <b>hostile</b> text & \"quotes\""
ISSUER_DETAIL = "<img src=x onerror=alert('issuer')> Bộ Chính trị"
PUBLISHER = "</td></tr><script>alert('publisher')</script>"
COVERAGE_NOTE = "RTL: تعزيز التعاون — Hebrew: שיתוף פעולה — <svg onload=alert('note')>"
SCRIPT_LINE = "1. Expand trade <script>alert(\"provision\")</script> with partners & \"friends\" 'quoted'."
IMG_LINE = "a) Negotiate <img src=x onerror=\"alert('img')\"> agreements through 2030."
ARABIC = "2. تعزيز التكامل الدولي والتعاون مع رابطة دول جنوب شرق آسيا."
HEBREW = "3. שיתוף פעולה בינלאומי עם האומות המאוחדות."
BIDI = "4. Mixed direction: ASEAN \u202ereversed\u202c and العربية with English."
DECOMPOSED = ("5. Nghi\u0323 quye\u0302\u0301t (decomposed Vietnamese) on "
              "Z\u0337\u0322a\u0336l\u0335g\u0334o\u0338 text.")
COMBINING_FIRST = "6. \u0301 A line whose words start after a combining mark."
FORMULA = "=HYPERLINK(\"http://example.org\",\"click\") {{ template }} ${injection} %s '; DROP TABLE provisions;--"

BODY = [
    "Resolution No. 66-NQ/TW on hostile text",
    "The Politburo issued the resolution <b>as follows</b>.",
    SCRIPT_LINE,
    IMG_LINE,
    "b) Protect citizens abroad </div></body><!-- comment -->.",
    ARABIC,
    HEBREW,
    BIDI,
    DECOMPOSED,
    COMBINING_FIRST,
    "7. Deep numbering follows.",
    "7.1. Level two.",
    "7.1.1. Level three.",
    "7.1.1.1. Level four.",
    "7.1.1.1.1. Level five.",
    "a) A point under level five.",
    "7.1.1.1.2. Level five again.",
    "7.2. Back to level two.",
    "8. Last item.",
    FORMULA,
]
TEXT = "\n\n".join(["Site menu  Home  <a href=\"javascript:alert('chrome')\">Contact</a>", *BODY,
                    "Related news", "Something unrelated"]) + "\n"
SIDECAR = f"""\
symbol: 66-NQ/TW
doc_type: resolution
issuer: politburo
issuer_detail: "{ISSUER_DETAIL}"
issued: 2022-02-02
title_en: '{TITLE.replace("'", "''")}'
title_vi: "Nghị quyết \u202e về văn bản <i>thù địch</i>"
source_url: "https://example.org/hostile?q=<script>alert('source')</script>"
seed_url: "https://example.org/seed/../../etc/passwd"
seed_publisher: "{PUBLISHER}"
source_kind: official_translation
coverage: full
coverage_note: "{COVERAGE_NOTE}"
facts_note: /etc/passwd
horizons: [2030]
body:
  start: "Resolution No. 66-NQ/TW on hostile text"
  end: "Related news"
commentary:
  - "Resolution No. 66-NQ/TW on hostile text"
  - "The Politburo issued the resolution"
"""


def write_hostile_corpus(fixture_seeds: Path, dest: Path) -> Path:
    """Copy the fixture corpus to `dest` and add the hostile document; return `dest`."""
    shutil.copytree(fixture_seeds, dest)
    (dest / "hostile.txt").write_text(TEXT, encoding="utf-8")
    (dest / "hostile.yml").write_text(SIDECAR, encoding="utf-8")
    return dest
