"""The app's access to the words of the interface: `t` from the catalogue (dashboard/i18n), theme labels from
the codebook. Document text is never translated here.
"""

from __future__ import annotations

from dashboard.analysis.codebook import load_codebook
from dashboard.i18n import DEFAULT_LANG, LANGS, has, t

__all__ = ["DEFAULT_LANG", "LANGS", "has", "t", "theme_ids", "theme_label"]

def theme_label(theme_id: str, lang: str = DEFAULT_LANG) -> str:
    """Return the codebook label of a theme in `lang` (the id when the codebook does not know it)."""
    for theme in load_codebook()["themes"]:
        if theme["id"] == theme_id:
            return theme.get(f"label_{lang}") or theme.get("label_en") or theme_id
    return theme_id


def theme_ids() -> list[str]:
    """Return the codebook's theme ids in order."""
    return [theme["id"] for theme in load_codebook()["themes"]]
