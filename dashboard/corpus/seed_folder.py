"""What a seeds folder already holds, for `policy-timeline add`: the documents held or referenced, the symbols the
seeds know, the next free seed number, and the id of a text being added (a new document, or another language's
version of a held one)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from dashboard import errors
from dashboard.corpus.ids import document_slug, symbol_key
from dashboard.corpus.listing import CORPUS_FILES
from dashboard.corpus.sidecar import load_yaml
from dashboard.corpus.yamlfile import is_list, is_mapping

_SEED_NAME = re.compile(r"^(\d{3})_")


def known_symbols(seeds_dir: Path) -> set[str]:
    """Return the symbol keys (corpus.ids.symbol_key) of every document the seeds hold or list in references.yml."""
    out: set[str] = set()
    paths = [p for p in sorted(seeds_dir.glob("*.yml")) if p.name not in CORPUS_FILES]
    for path in paths:
        data = load_yaml(path, str(path))
        if is_mapping(data) and data.get("symbol"):
            out.add(symbol_key(str(data["symbol"])))
    references = seeds_dir / "references.yml"
    if references.is_file():
        listed: object = load_yaml(references, str(references))
        if is_list(listed):
            out |= {symbol_key(str(item["symbol"])) for item in listed if is_mapping(item) and item.get("symbol")}
    return out


def version_id(
    fields: dict[str, dict[str, Any]],
    slug: str,
    language: str,
    held: dict[str, tuple[str, ...]],
    notes: list[str],
    display: str,
) -> tuple[str, str]:
    """Return the id and `version_of` of the text being added.

    --version-of ID makes it ID's version in its language (id ID-vi). Without it, a held document with the same
    symbol and year in the other language is the same document: the text becomes its version, with a note."""
    given = fields.get("version_of", {}).get("value", "")
    main = held.get((given or slug).casefold())
    if given and (main is None or main[1] == "any" or main[2]):
        why = (
            "only referenced (references.yml), not held"
            if main and main[1] == "any"
            else f"itself a version of {main[2]}"
            if main
            else "not in the seeds"
        )
        raise errors.UnknownReference(
            display,
            "--version-of",
            f"unknown document {given!r} ({why}); give the id of a held document, e.g. 59-NQ-TW-2025",
        )
    if main is None:
        return slug, ""
    other, other_language, _, main_id = main
    if other_language in (language, "any"):
        if given:
            raise errors.DuplicateDocument(
                display,
                "--version-of",
                f"{main_id} is already held in {language} ({other}); a version is in another language",
            )
        raise errors.DuplicateDocument(
            display,
            "symbol",
            f"{fields['symbol']['value']} of {slug.rsplit('-', 1)[1]} is already in the seeds as {main_id} ({other})",
        )
    doc_id = f"{main_id}-{language}"
    if doc_id.casefold() in held:
        raise errors.DuplicateDocument(
            display, "symbol", f"{doc_id} is already in the seeds ({held[doc_id.casefold()][0]})"
        )
    if not given:
        notes.append(
            f"version_of: {other} holds {main_id} in {other_language}; this text is recorded as its "
            f"{language} version ({doc_id}, version_of {main_id})"
        )
    return doc_id, main_id


def held_documents(seeds_dir: Path) -> dict[str, tuple[str, str, str, str]]:
    """Return {id (casefolded): (file, language, version_of, id)} of every document in the seeds, held or only
    referenced (language "any")."""
    held: dict[str, tuple[str, str, str, str]] = {}
    for path in sorted(seeds_dir.glob("*.yml")):
        if path.name in CORPUS_FILES:
            continue
        data = load_yaml(path, str(path))
        if is_mapping(data) and data.get("symbol") and data.get("issued"):
            doc_id = str(data.get("id") or document_slug(str(data["symbol"]), int(str(data["issued"])[:4])))
            held[doc_id.casefold()] = (
                path.name,
                str(data.get("language") or "en"),
                str(data.get("version_of") or ""),
                doc_id,
            )
    references = seeds_dir / "references.yml"
    if references.is_file():
        items: Any = load_yaml(references, str(references)) or []  # any YAML; only mappings are records
        for item in items:
            if is_mapping(item) and item.get("symbol") and item.get("issued"):
                doc_id = str(item.get("id") or document_slug(str(item["symbol"]), int(str(item["issued"])[:4])))
                held.setdefault(
                    doc_id.casefold(),
                    ("references.yml (a document not held: remove its record there first)", "any", "", doc_id),
                )
    return held


def next_seed_number(seeds_dir: Path) -> int:
    """Return the number the next seed file takes (one more than the highest NNN_ prefix)."""
    numbers = [int(m.group(1)) for p in seeds_dir.glob("*.txt") if (m := _SEED_NAME.match(p.name))]
    return max(numbers, default=-1) + 1
