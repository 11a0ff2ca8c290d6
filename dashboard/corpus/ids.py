"""Stable identifiers: document slugs from symbol and year; provision ids from the document's own structure."""

from __future__ import annotations

import re
import unicodedata


def document_slug(symbol: str, year: int) -> str:
    """Return the stable id of a document: `59-NQ/TW` issued 2025 → `59-NQ-TW-2025`."""
    text = symbol.replace("Đ", "D").replace("đ", "d")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return f"{text}-{year}"


def symbol_key(symbol: str) -> str:
    """Return a case- and diacritic-insensitive key for matching symbols (`59-nq/tw` == `59-NQ/TW`)."""
    return document_slug(symbol, 0)[:-2].casefold()


def provision_id(document_id: str, path: list[str]) -> str:
    """Return `<document id>:<path>`, e.g. `40-QD-TTg-2016:3.b2`; the path follows the document's numbering."""
    return f"{document_id}:{'.'.join(path)}"
