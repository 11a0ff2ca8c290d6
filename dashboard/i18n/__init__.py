"""Every word of the interface, in one catalogue per language: `en.po` and `vi.po` beside this module.

A string is looked up by its key (`t("explorer.none", "vi")`); placeholders are named (`{doc}`), and a string
that counts something takes `n=` and has one form per plural category of the language (English two, Vietnamese
one, by the catalogue's Plural-Forms line, from CLDR through Babel). The catalogues are gettext PO files read at
run time with Babel, so there is no compile step and nothing generated in git. Theme labels come from the
codebook and document facts from the data package, not from here; document text is never translated.

A string missing in a language falls back to English, and a key missing from the catalogue shows as the key, so
a page never breaks; tests/unit/test_i18n.py fails on both. See docs/vietnamese.md to add a string or a language.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGS = ("en", "vi")
DEFAULT_LANG = "en"
HERE = Path(__file__).parent


@cache
def _po(lang: str) -> Catalog:
    with (HERE / f"{lang}.po").open("rb") as fh:
        return read_po(fh, locale=lang)


@cache
def catalogue(lang: str) -> dict[str, str | tuple[str, ...]]:
    """Return the catalogue of `lang` as key -> text (a tuple of plural forms for a string that counts)."""
    out: dict[str, str | tuple[str, ...]] = {}
    for message in _po(lang):
        if not message.id:
            continue
        # a message that counts has a tuple of ids (singular, plural) and of texts; babel types both as str, tuple
        # or list, and the text as possibly None (an empty text is "" in a read .po file)
        key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        out[key] = tuple(message.string) if isinstance(message.string, (tuple, list)) else message.string or ""
    return out


@cache
def plural_index(lang: str) -> Callable[[int], int]:
    """Return the function that gives the plural form to use for a count, from the catalogue's Plural-Forms."""
    return gettext.c2py(_po(lang).plural_expr)  # the C expression of gettext's Plural-Forms, as Python


def has(key: str) -> bool:
    """Return whether the catalogue knows `key`."""
    return key in catalogue(DEFAULT_LANG)


def t(key: str, lang: str = DEFAULT_LANG, n: int | None = None, **values: object) -> str:
    """Return the string `key` in `lang` (English when untranslated, the key when unknown), in the plural form
    for `n` when given (`n` is also a placeholder), formatted with the named `values`."""
    lang = lang if lang in LANGS else DEFAULT_LANG
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANG).get(key) or key
    if not isinstance(text, str):
        forms = [form for form in text if form] or [key]
        index = plural_index(lang)(n) if n is not None else len(forms) - 1
        text = forms[min(index, len(forms) - 1)]
    if n is not None:
        values = {"n": n, **values}
    return text.format(**values) if values else text


class Words(dict):
    """The strings of one namespace as {key: {lang: text}}; `namespace` lets `figures.labels.word` look a key up
    in the catalogue itself, with its plural forms."""

    namespace: str = ""


def table(namespace: str) -> Words:
    """Return the strings under `namespace.` as {key: {lang: text}} (plural strings in their last form), for
    code that reads a word table: `TEXT = table("compare")` then `TEXT["title"]["vi"]`."""
    prefix = f"{namespace}."
    words = Words(
        (key[len(prefix):], {lang: t(key, lang) if catalogue(lang).get(key) else t(key) for lang in LANGS})
        for key in catalogue(DEFAULT_LANG)
        if key.startswith(prefix)
    )
    words.namespace = namespace
    return words


def localised(row: Mapping[str, Any], name: str, lang: str = DEFAULT_LANG) -> str:
    """Return a data field in `lang`: `row[name + "_vi"]` in Vietnamese when the data has it, else `row[name]`
    ("" for a missing or empty value), e.g. `localised(doc, "coverage_note", "vi")`."""
    for key in ((f"{name}_{lang}", name) if lang != DEFAULT_LANG else (name,)):
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def label(namespace: str, value: object, lang: str = DEFAULT_LANG) -> str:
    """Return the words for a data code (`label("origin", "cited", "vi")`), or the code itself when the
    catalogue has no `namespace.code`."""
    code = "" if value is None or value != value else str(value)
    return t(f"{namespace}.{code}", lang) if code and has(f"{namespace}.{code}") else code


def number(value: float, lang: str = DEFAULT_LANG) -> str:
    """Return a number written the way `lang` writes it, by CLDR (12,416 in English, 12.416 in Vietnamese)."""
    return format_decimal(value, locale=lang if lang in LANGS else DEFAULT_LANG)
