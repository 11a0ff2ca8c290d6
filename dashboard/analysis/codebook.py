"""The theme codebook (codebook.yml): sixteen fixed ids, labels in English and Vietnamese, scope, inclusion
and exclusion notes, and the terms the tagger matches (the comment atop codebook.yml says how it reads them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from dashboard.corpus.yamlfile import read_yaml
from dashboard.errors import InputError
from dashboard.paths import ANALYSIS_DIR

CODEBOOK_FILE = ANALYSIS_DIR / "codebook.yml"
TIERS = ("strong", "medium", "weak")
NEUTRAL = "_neutral"  # a phrase that means no theme: it only stops the shorter terms inside it from counting
SIDE = "_side"  # a marker that opens a side clause (purpose or consequence)
SIDE_AFTER_COMMA = "_side_after_comma"  # a participle that opens a side clause only after a comma
QUALIFIER = "_qualifier"  # a word that, right after a frame head ("môi trường thuận lợi"), takes its cue away

# British and American forms are both matched; the stems differ ("labour" -> labour, "labor" -> labor).
_SPELLINGS = [
    ("labour", "labor"),
    ("neighbour", "neighbor"),
    ("favour", "favor"),
    ("defence", "defense"),
    ("programme", "program"),
    ("centre", "center"),
    ("licence", "license"),
    ("viet nam", "vietnam"),
    ("catalogue", "catalog"),
    ("behaviour", "behavior"),
]
_ISE = re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)\b")
_IZE = re.compile(r"(?<=\w{3})iz(e|ed|es|ing|ation|ations)\b")


@dataclass(frozen=True)
class Term:
    """One entry of the tagger's lexicon: a term as written in the codebook and what a match of it means.

    `themes` is (NEUTRAL,) for a phrase that means no theme and (SIDE,) for a side-clause marker; `field`
    terms name their theme as a field and count as strong inside a list of fields.
    """

    text: str
    themes: tuple[str, ...]
    tier: str
    weight: float
    field: bool = False


@lru_cache(maxsize=1)
def load_codebook() -> dict[str, Any]:
    """Return the parsed codebook (cached)."""
    data = read_yaml(CODEBOOK_FILE)
    problems = check_codebook(data)
    if problems:
        raise InputError(str(CODEBOOK_FILE.name), problems[0][0], problems[0][1])
    return data


def check_codebook(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (where, problem) for every inconsistency of a parsed codebook; empty when it is usable."""
    problems: list[tuple[str, str]] = []
    # parsed YAML not yet checked: each value may be anything
    themes: list[Any] = data.get("themes") or []
    ids: list[Any] = [t.get("id") for t in themes]
    if len(ids) != len(set(ids)):
        problems.append(("themes", "duplicate theme id"))
    tagger: dict[str, Any] = data.get("tagger") or {}
    weights: dict[str, Any] = tagger.get("weights") or {}
    for tier in TIERS:
        if not isinstance(weights.get(tier), (int, float)) or not 0 < weights[tier] < 1:
            problems.append((f"tagger.weights.{tier}", "must be a number between 0 and 1"))
    for i, theme in enumerate(themes):
        where = f"themes[{i}] ({theme.get('id')})"
        for key in ("id", "label_en", "label_vi", "scope", "include", "exclude"):
            if not str(theme.get(key) or "").strip():
                problems.append((f"{where}.{key}", "missing or empty"))
        terms: dict[str, Any] = theme.get("terms") or {}
        for tier in terms:
            if tier not in TIERS:
                problems.append((f"{where}.terms.{tier}", f"unknown tier (one of {', '.join(TIERS)})"))
        listed = {str(t).casefold() for tier in TIERS for t in _items(terms.get(tier))}
        for field in _items(theme.get("fields")):
            if str(field).casefold() not in listed:
                problems.append((f"{where}.fields", f"{field!r} is not one of the theme's terms"))
        vi: Any = theme.get("vi") or {}
        if isinstance(vi, dict):
            problems += [
                (f"{where}.vi.{tier}", f"unknown tier (one of {', '.join(TIERS)})")
                for tier in cast(dict[str, Any], vi)
                if tier not in TIERS
            ]
        listed_vi = {t.casefold() for _, t in vi_terms(theme)}
        for field in _items(theme.get("vi_fields")):
            if str(field).casefold() not in listed_vi:
                problems.append((f"{where}.vi_fields", f"{field!r} is not one of the theme's Vietnamese terms"))
    for i, phrase in enumerate(_items(data.get("phrases"))):
        for theme_id in _items(phrase.get("themes")):
            if theme_id not in ids:
                problems.append((f"phrases[{i}].themes", f"unknown theme {theme_id!r}"))
        if phrase.get("weight", "strong") not in TIERS:
            problems.append((f"phrases[{i}].weight", f"unknown tier (one of {', '.join(TIERS)})"))
    return problems


def theme_rows() -> list[dict[str, str]]:
    """Return the rows of the themes table, in codebook order."""
    return [{k: t[k] for k in ("id", "label_en", "label_vi", "scope")} for t in load_codebook()["themes"]]


def theme_ids() -> list[str]:
    """Return the sixteen theme ids in codebook order."""
    return [t["id"] for t in load_codebook()["themes"]]


def tagger_settings() -> dict[str, Any]:
    """Return the tagger's weights, threshold and side-clause settings."""
    return dict(load_codebook()["tagger"])


def lexicon(data: dict[str, Any] | None = None) -> list[Term]:
    """Return every term of the codebook, spelling variants included, as Term entries (duplicates kept).

    Themes' own terms come first, then cross-theme phrases, neutral phrases and side-clause markers.
    """
    data = data if data is not None else load_codebook()
    weights: dict[str, float] = data["tagger"]["weights"]
    out: list[Term] = []
    for theme in _items(data["themes"]):
        fields = {str(f).casefold() for f in _items(theme.get("fields"))}
        for tier in TIERS:
            for raw in _items(theme.get("terms", {}).get(tier)):
                text = str(raw)
                field = text.casefold() in fields
                out.extend(_entries(text, (theme["id"],), tier, weights[tier], field))
        vi_fields = {str(f).casefold() for f in _items(theme.get("vi_fields"))}
        for tier, raw in vi_terms(theme):
            field = raw.casefold() in vi_fields
            out.append(Term(raw, (theme["id"],), tier, weights[tier], field))
    for phrase in _items(data.get("phrases")):
        tier: str = phrase.get("weight", "strong")
        themes: tuple[str, ...] = tuple(_items(phrase.get("themes"))) or (NEUTRAL,)
        for raw in _items(phrase["terms"]):
            out.extend(_entries(str(raw), themes, tier, weights[tier], False))
    for raw in _items(data.get("neutral")):
        out.extend(_entries(str(raw), (NEUTRAL,), "strong", 0.0, False))
    for raw in _items(data["tagger"].get("side_clause_markers")):
        out.extend(_entries(str(raw), (SIDE,), "strong", 0.0, False))
    for raw in _items(data["tagger"].get("side_clause_after_comma")):
        out.extend(_entries(str(raw), (SIDE_AFTER_COMMA,), "strong", 0.0, False))
    for raw in _items(data["tagger"].get("frame_qualifiers")):
        out.append(Term(str(raw), (QUALIFIER,), "strong", 0.0, False))
    return out


def vi_terms(theme: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (tier, term) for a theme's Vietnamese terms: `vi` is tiered like `terms`, or a list of strong ones."""
    vi: Any = theme.get("vi") or {}
    if isinstance(vi, list):
        return [("strong", str(t)) for t in cast(list[Any], vi)]
    return [(tier, str(t)) for tier in TIERS for t in _items(vi.get(tier))]


def _items(value: Any) -> list[Any]:
    """A list read from the YAML, or [] where it is missing or empty (`value or []`)."""
    return value or []


def _entries(text: str, themes: tuple[str, ...], tier: str, weight: float, field: bool) -> list[Term]:
    return [Term(variant, themes, tier, weight, field) for variant in spelling_variants(text)]


def spelling_variants(term: str) -> list[str]:
    """Return `term` and its British/American spelling variants (labour/labor, -ise/-ize, defence/defense)."""
    forms = {term}
    for uk, us in _SPELLINGS:
        for form in list(forms):
            low = form.casefold()
            if uk in low:
                forms.add(re.sub(re.escape(uk), us, form, flags=re.I))
            if us in low and not re.search(re.escape(uk), low):
                forms.add(re.sub(rf"\b{re.escape(us)}\b", uk, form, flags=re.I))
    for form in list(forms):
        forms.add(_ISE.sub(r"iz\1", form))
        forms.add(_IZE.sub(r"is\1", form))
    return sorted(forms, key=lambda f: (f != term, f))
