"""The tables that come straight from seeds/: one row per document, version, provision and seed text, and the cited
relations, targets and claims. The build's per-document step writes a document's rows of provisions and seed
texts in its worker (dataset.perdoc); `dataset.build.base_tables` gathers them all for the corpus."""

from __future__ import annotations

import hashlib
from typing import Any

from dashboard.corpus.load import Corpus
from dashboard.corpus.sidecar import VI_NOTES
from dashboard.corpus.spans import Row


def document_rows(corpus: Corpus) -> list[Row]:
    """Return one row per held and referenced document."""
    rows: list[Row] = []
    issuers = corpus.vocabulary.issuers
    held = {d.meta.id: d for d in reversed(corpus.documents)}  # the first document of an id, as a search finds it
    for meta in corpus.all_meta():
        doc = held.get(meta.id)
        provisions = doc.provisions if doc else []
        rows.append(
            {
                **{
                    k: getattr(meta, k)
                    for k in (
                        "id",
                        "symbol",
                        "doc_type",
                        "issuer",
                        "issuer_detail",
                        "issued",
                        "title_en",
                        "title_vi",
                        "source_url",
                        "source_kind",
                        "coverage",
                        "coverage_note",
                        "horizons",
                        "horizons_note",
                        "held",
                        "seed_file",
                        "seed_publisher",
                        "seed_url",
                        "facts_confidence",
                        "facts_note",
                    )
                },
                "issuer_label": issuers[meta.issuer]["en"],
                "issuer_label_vi": issuers[meta.issuer].get("vi", ""),
                "doc_type_label": corpus.vocabulary.doc_types[meta.doc_type]["en"],
                "doc_type_label_vi": corpus.vocabulary.doc_types[meta.doc_type].get("vi", ""),
                **{f"{key}_vi": getattr(meta, f"{key}_vi") for key in VI_NOTES},
                "lane": issuers[meta.issuer].get("lane", "Other"),
                "year": meta.issued.year,
                "language": meta.language if doc else "",
                "version_of": meta.version_of,
                "seed_sha256": hashlib.sha256(doc.raw.encode("utf-8")).hexdigest() if doc else "",
                "provisions": len(provisions),
                "own_provisions": sum(p.own_text for p in provisions),
            }
        )
    return rows


def provision_rows(corpus: Corpus) -> list[Row]:
    """Return one row per provision, in corpus order, with the language of the version it belongs to."""
    return [
        {**p.__dict__, "language": d.meta.language, "words": len(p.content.split())}
        for d in corpus.documents
        for p in d.provisions
    ]


def version_rows(corpus: Corpus) -> list[Row]:
    """Return one row per held text of a document: its primary version first, then the other languages'."""
    rows: list[Row] = []
    for doc in corpus.documents:
        main = doc.meta.version_of or doc.meta.id
        rows.append(
            {
                "document_id": main,
                "version": doc.meta.language,
                "version_id": doc.meta.id,
                "primary": not doc.meta.version_of,
                "counted": not doc.meta.version_of,
                **{k: getattr(doc.meta, k) for k in ("seed_file", "source_url", "source_kind", "coverage")},
                "provisions": len(doc.provisions),
            }
        )
    return sorted(rows, key=lambda r: (r["document_id"], not r["primary"], r["version"]))


def seed_text_rows(corpus: Corpus) -> list[Row]:
    """Return each held document's seed text verbatim (the app's source view reads spans from it, never seeds/)."""
    return [{"document_id": d.meta.id, "seed_file": d.meta.seed_file, "text": d.raw} for d in corpus.documents]


def cited_relation_rows(corpus: Corpus) -> list[Row]:
    """Return the relations of seeds/relations.yml with ids resolved."""
    return [
        {
            "source_id": corpus.resolve(r["source"]),
            "kind": r["kind"],
            "target_id": corpus.resolve(r["target"]),
            "evidence": r.get("evidence", ""),
            "evidence_vi": r.get("evidence_vi", ""),
            "source_url": r.get("source_url", ""),
            "confidence": r.get("confidence", "V"),
            "origin": "cited",
            "provision_id": "",
        }
        for r in corpus.relations
    ]


def cited_target_rows(corpus: Corpus) -> list[Row]:
    """Return the cited secondary targets and reported indicators of seeds/cited.yml."""
    rows: list[Row] = []
    for i, t in enumerate(corpus.cited.get("targets") or [], start=1):
        doc = corpus.resolve(t["document"])
        rows.append(
            {
                **_cited_fields(t, doc),
                "id": f"{doc}:cited-t{i}",
                "kind": t["kind"],
                "start_year": t.get("start_year"),
                "end_year": t.get("end_year"),
            }
        )
    for i, t in enumerate(corpus.cited.get("indicators") or [], start=1):
        doc = corpus.resolve(t["document"])
        as_of = str(t.get("as_of", ""))
        rows.append(
            {
                **_cited_fields(t, doc),
                "id": f"{doc}:cited-i{i}",
                "kind": "reported_indicator",
                "end_year": int(as_of[:4]) if as_of else None,
                "as_of": as_of,
                "indicator": t.get("indicator", ""),
            }
        )
    return rows


def _cited_fields(entry: dict[str, Any], doc: str | None) -> Row:
    # what a cited target and a reported indicator of seeds/cited.yml both carry
    return {
        "document_id": doc,
        "provision_id": "",
        "text": entry["text"],
        "value": entry.get("value"),
        "unit": entry.get("unit", ""),
        "theme_ids": entry.get("theme_ids", []),
        "origin": "cited",
        "source_url": entry.get("source_url", ""),
        "source_note": entry.get("source_note", ""),
        "confidence": entry.get("confidence", "V"),
        "conflict_group": entry.get("conflict_group", ""),
        "conflict_note": entry.get("conflict_note", ""),
        "conflict_note_vi": entry.get("conflict_note_vi", ""),
        "note": entry.get("note", ""),
    }


def claim_rows(corpus: Corpus) -> list[Row]:
    """Return competing claims about documents' facts."""
    return [
        {
            "document_id": corpus.resolve(c["document"]),
            "field": c["field"],
            "value": str(c["value"]),
            "status": c["status"],
            "source_url": c.get("source_url", ""),
            "confidence": c.get("confidence", "V"),
            "note": c.get("note", ""),
        }
        for c in corpus.cited.get("claims") or []
    ]
