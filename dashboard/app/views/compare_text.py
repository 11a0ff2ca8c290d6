"""The Compare page's words: the `compare.` strings of the interface catalogue (dashboard/i18n/*.po)."""

from __future__ import annotations

from dashboard import i18n
from dashboard.i18n import table

TEXT = table("compare")


def text(key: str, lang: str, n: int | None = None, **values: object) -> str:
    """Return the page's words for `key` in `lang` (English when there is no translation; `n`: the plural form)."""
    return i18n.t(f"compare.{key}", lang, n, **values)
