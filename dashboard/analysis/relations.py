"""The relation graph: cited relations (seeds/relations.yml) merged with those the documents' text states.

A document that names another document references it; it supersedes it when it says it replaces it ("thay thế
Nghị quyết số 01/NQ-CP", "supersedes"). It implements it when it presents itself as the
instrument that carries the other out ("the Government's Action Program to implement Resolution No.
59-NQ/TW"): that phrase counts in the document's title line or where the document names itself, not in a task
("Effectively implement Conclusion No. 57-KL/TW" is a reference). A relation both cited and found keeps the
cited evidence, source and confidence, takes origin `cited+extracted`, and gains the provisions that state it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from dashboard.analysis.entities import SYMBOL
from dashboard.corpus.ids import symbol_key
from dashboard.corpus.load import Corpus
from dashboard.corpus.segment import Provision
from dashboard.corpus.spans import Tables

_IMPLEMENTS = re.compile(
    r"\b(?:action\s+program(?:me)?|program(?:me)?|action\s+plan|plan|scheme|project)\b"
    r"[^.;]{0,80}?\b(?:to\s+implement|implementing|for\s+(?:the\s+)?implementation\s+of)\s+"
    r"(?:the\s+)?(?:(?:resolution|decision|conclusion|directive|law)\s+(?:no\.?\s*)?)?$",
    re.I,
)


# Vietnamese: "Chương trình hành động ... thực hiện Nghị quyết số 59-NQ/TW", "Kế hoạch triển khai Nghị quyết ..."
_IMPLEMENTS_VI = re.compile(
    r"\b(?:chương\s+trình|kế\s+hoạch|đề\s+án|dự\s+án)\b[^.;]{0,80}?"
    r"\b(?:để\s+)?(?:thực\s+hiện|triển\s+khai|thi\s+hành)\s+"
    r"(?:(?:nghị\s+quyết|quyết\s+định|kết\s+luận|chỉ\s+thị|luật)\s+(?:số\s+)?)?$",
    re.I,
)
# a document that replaces another: "thay thế Nghị quyết số 01/NQ-CP", "supersedes Decision No. 40/QD-TTg"
_SUPERSEDES = re.compile(
    r"\b(?:thay\s+thế(?:\s+cho)?|supersed(?:es|ing|e)|replac(?:es|ing|e))\s+(?:the\s+)?"
    r"(?:(?:nghị\s+quyết|quyết\s+định|kết\s+luận|chỉ\s+thị|luật|resolution|decision|"
    r"conclusion|directive|law)\s+(?:số\s+|no\.?\s*)?)?$",
    re.I,
)


def unheld_relations(provisions: Iterable[Provision], known: set[str], own_symbol: str) -> list[tuple[str, str]]:
    """Return (symbol, relation kind) for each document the provisions name that `known` (symbol keys of the
    documents held or listed in references.yml) does not hold: the build draws no relation to those."""
    out: dict[str, str] = {}
    for p in provisions:
        for sym in SYMBOL.finditer(p.text):
            key = symbol_key(sym.group(0))
            if "/" not in sym.group(0) or key in known or key == symbol_key(own_symbol):
                continue
            kind = relation_kind(p.text, sym.start(), p.ordinal == 1)
            if out.get(sym.group(0)) in (None, "references"):
                out[sym.group(0)] = kind
    return list(out.items())


def relation_kind(text: str, at: int, titled: bool) -> str:
    """Return the kind of relation a line states with the document named at `at`.

    supersedes: the name follows "thay thế" / "supersedes" / "replaces"; implements: in a title line or where
    the document names itself, a programme or plan "to implement" / "thực hiện" / "triển khai" it; otherwise
    references ("căn cứ ..." and every other naming).
    """
    before = text[:at]
    if _SUPERSEDES.search(before):
        return "supersedes"
    if titled and (_IMPLEMENTS.search(before) or _IMPLEMENTS_VI.search(before)):
        return "implements"
    return "references"


def extracted_relations(
    corpus: Corpus, mentions: list[dict[str, Any]], entities: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Return one relation per (source, kind, target) that the provisions' text states, in corpus order."""
    documents = {e["id"]: e["document_id"] for e in entities if e.get("document_id")}
    provisions = {p.id: p for p in corpus.provisions()}
    metas = {m.id: m for m in corpus.all_meta()}
    self_named = {m["provision_id"] for m in mentions if m.get("self_reference")}
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    for m in mentions:
        target = documents.get(m["entity_id"])
        source = m["document_id"]
        if not target or target == source:
            continue
        p = provisions[m["provision_id"]]
        titled = p.ordinal == 1 or m["provision_id"] in self_named
        kinds = {relation_kind(p.text, at.start(), titled) for at in re.finditer(re.escape(m["surface"]), p.text)}
        kind = next((k for k in ("supersedes", "implements") if k in kinds), "references")
        exact = symbol_key(metas[target].symbol) in symbol_key(m["surface"])
        key = (source, kind, target)
        row = found.get(key)
        if row is None:
            meta = metas[source]
            found[key] = {
                "source_id": source,
                "kind": kind,
                "target_id": target,
                "evidence": f"{m['provision_id']}: \u201c{m['surface']}\u201d",
                "source_url": meta.seed_url or meta.source_url,
                "confidence": "V" if exact and kind == "references" else "P",
                "origin": "extracted",
                "provision_id": m["provision_id"],
                "provision_ids": [m["provision_id"]],
            }
        elif m["provision_id"] not in row["provision_ids"]:
            row["provision_ids"].append(m["provision_id"])
    for row in found.values():  # the document's own words are better evidence than its publisher's framing
        own = [pid for pid in row["provision_ids"] if provisions[pid].own_text]
        row["provision_id"] = (own or row["provision_ids"])[0]
    return list(found.values())


def merge_relations(cited: list[dict[str, Any]], extracted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the cited relations (kept, in order) with the extracted ones merged in or appended.

    An extracted reference to a document the cited rows already relate to in another way (153/NQ-CP implements
    59-NQ/TW) supports that row rather than adding a weaker duplicate edge.
    """
    rows: list[dict[str, Any]] = [{**r, "provision_ids": list(r.get("provision_ids") or [])} for r in cited]
    exact = {(r["source_id"], r["kind"], r["target_id"]): r for r in rows}
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        pairs.setdefault((r["source_id"], r["target_id"]), r)
    for e in extracted:
        row = exact.get((e["source_id"], e["kind"], e["target_id"]))
        if row is None and e["kind"] == "references":
            row = pairs.get((e["source_id"], e["target_id"]))
        if row is None:
            rows.append(e)
            exact[(e["source_id"], e["kind"], e["target_id"])] = e
            pairs.setdefault((e["source_id"], e["target_id"]), e)
            continue
        if row["origin"] == "cited":
            row["origin"] = "cited+extracted"
        for pid in e["provision_ids"]:
            if pid not in row["provision_ids"]:
                row["provision_ids"].append(pid)
        row["provision_id"] = row.get("provision_id") or e["provision_id"]
    return rows


def relations_step(corpus: Corpus, tables: Tables) -> Tables:
    """Build step: return the relations table, cited relations merged with those the text states."""
    # load inputs
    cited = [r for r in tables.get("relations", []) if r.get("origin") == "cited"]

    # process
    extracted = extracted_relations(corpus, tables.get("mentions", []), tables.get("entities", []))

    # save outputs
    return {"relations": merge_relations(cited, extracted)}
