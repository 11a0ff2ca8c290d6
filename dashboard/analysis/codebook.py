"""The theme codebook (codebook.yml): sixteen fixed ids, labels in English and Vietnamese, scope and tagger terms."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from dashboard.paths import ANALYSIS_DIR

CODEBOOK_FILE = ANALYSIS_DIR / "codebook.yml"


@lru_cache(maxsize=1)
def load_codebook() -> dict[str, Any]:
    """Return the parsed codebook (cached)."""
    return yaml.safe_load(CODEBOOK_FILE.read_text(encoding="utf-8"))


def theme_rows() -> list[dict[str, str]]:
    """Return the rows of the themes table, in codebook order."""
    return [{k: t[k] for k in ("id", "label_en", "label_vi", "scope")} for t in load_codebook()["themes"]]


def theme_ids() -> list[str]:
    """Return the sixteen theme ids in codebook order."""
    return [t["id"] for t in load_codebook()["themes"]]
