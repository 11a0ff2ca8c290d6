"""A data package small enough to read in full: one held document of three provisions, one cited document, and
one row in each annotation table, written with the package writer from rows held in memory.

Every span points into RAW, the held document's seed text, so the package validates with its seeds at hand; a test
changes one value and expects one problem."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from dashboard.dataset.package import resource_schemas, write_package

DOC, CITED = "1-NQ-TW-2020", "2-NQ-CP-2021"
SEED = "alpha.txt"
RAW = "Resolution  1-NQ/TW\n1. Expand trade\u00a0with partners.\na) Cooperate with UNESCO.\n"
META = {"name": "tiny", "title": "A tiny package", "version": "9.9.9", "citation": "Tiny (2026)."}


def span(text: str, within: str = RAW) -> tuple[int, int]:
    """Return the offsets of `text` in `within`."""
    start = within.index(text)
    return start, start + len(text)


def _document(doc_id: str, symbol: str, issued: dt.date, held: bool, provisions: int) -> dict[str, Any]:
    return {
        "id": doc_id, "symbol": symbol, "doc_type": "resolution", "issuer": "politburo", "issuer_label": "Politburo",
        "lane": "Party", "issued": issued, "year": issued.year, "title_en": f"Document {symbol}",
        "source_url": "https://example.org/" + doc_id, "source_kind": "official_translation" if held else None,
        "coverage": "full" if held else None, "horizons": [2030] if held else [], "held": held,
        "seed_file": SEED if held else "", "provisions": provisions, "own_provisions": provisions,
        "facts_confidence": "V", "seed_sha256": hashlib.sha256(RAW.encode("utf-8")).hexdigest() if held else "",
    }


def _provision(pid: str, parent: str, ordinal: int, kind: str, text: str, raw: str) -> dict[str, Any]:
    start, end = span(raw)
    return {"id": f"{DOC}:{pid}", "document_id": DOC, "parent_id": f"{DOC}:{parent}" if parent else "",
            "ordinal": ordinal, "depth": 1 + pid.count("."), "kind": kind, "own_text": True,
            "text": text, "words": len(text.split()), "start": start, "end": end}


def tables() -> dict[str, list[dict[str, Any]]]:
    """Return every table the schema names: rows for the tiny corpus, empty for tables it has nothing for."""
    out: dict[str, list[dict[str, Any]]] = {r["name"]: [] for r in resource_schemas()}
    trade_start, trade_end = span("trade", "Expand trade with partners.")
    raw_trade = span("trade")
    unesco = span("UNESCO")
    out.update({
        "documents": [_document(DOC, "1-NQ/TW", dt.date(2020, 3, 1), True, 3),
                      _document(CITED, "2/NQ-CP", dt.date(2021, 6, 30), False, 0)],
        "provisions": [
            _provision("h", "", 1, "heading", "Resolution 1-NQ/TW", "Resolution  1-NQ/TW"),
            _provision("1", "", 2, "item", "Expand trade with partners.", "Expand trade\u00a0with partners."),
            _provision("1.a", "1", 3, "point", "Cooperate with UNESCO.", "Cooperate with UNESCO."),
        ],
        "themes": [{"id": "economy_trade", "label_en": "Economy and trade", "label_vi": "Kinh tế, thương mại",
                    "scope": "trade"}],
        "provision_themes": [{
            "provision_id": f"{DOC}:1", "document_id": DOC, "theme_id": "economy_trade", "rank": 1, "score": 0.5,
            "evidence": ["trade"], "terms": ["trade"], "weights": [1.0], "starts": [trade_start],
            "ends": [trade_end], "source_starts": [raw_trade[0]], "source_ends": [raw_trade[1]],
        }],
        "entities": [{"id": "unesco", "name": "UNESCO", "kind": "organisation", "aliases": ["UNESCO"],
                      "origin": "gazetteer"}],
        "mentions": [{"provision_id": f"{DOC}:1.a", "entity_id": "unesco", "document_id": DOC, "surface": "UNESCO",
                      "start": unesco[0], "end": unesco[1], "own_text": True, "self_reference": False}],
        "actors": [{"id": "mofa", "name_en": "Ministry of Foreign Affairs", "kind": "ministry"}],
        "assignments": [{"provision_id": f"{DOC}:1.a", "actor_id": "mofa", "role": "lead", "document_id": DOC,
                         "inherited": True, "inherited_from": f"{DOC}:1", "surface": "Cooperate", "own_text": True}],
        "targets": [{"id": f"{DOC}:t1", "document_id": DOC, "provision_id": f"{DOC}:1", "text": "trade",
                     "kind": "goal", "end_year": 2030, "surface": "trade", "start": raw_trade[0],
                     "end": raw_trade[1], "origin": "extracted", "confidence": "V"}],
        "seed_texts": [{"document_id": DOC, "seed_file": SEED, "text": RAW}],
        "relations": [{"source_id": DOC, "kind": "references", "target_id": CITED, "confidence": "P",
                       "origin": "extracted", "provision_id": f"{DOC}:1", "provision_ids": [f"{DOC}:1"]}],
    })
    return out


def write_tiny(out: Path, seeds: Path | None = None, **changes: list[dict[str, Any]]) -> Path:
    """Write the tiny package into `out` (its seed into `seeds` when given), with whole tables replaced by
    `changes`; return `out`."""
    out.mkdir(parents=True, exist_ok=True)
    write_package({**tables(), **changes}, out, META)
    if seeds is not None:
        seeds.mkdir(parents=True, exist_ok=True)
        (seeds / SEED).write_text(RAW, encoding="utf-8")
    return out
