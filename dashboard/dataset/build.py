"""Build the data package: seeds/ → corpus → analysis → tables → data/ (validated, then swapped in).

The build writes into a temporary folder beside --out and replaces --out only when every table was written and
the package validated, so a failed build never leaves data/ half written.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from tqdm import tqdm

from dashboard import errors
from dashboard.analysis.codebook import theme_rows
from dashboard.corpus.alignments import alignment_rows
from dashboard.corpus.load import Corpus, load_corpus
from dashboard.corpus.sidecar import VI_NOTES
from dashboard.corpus.spans import Row, Tables
from dashboard.dataset.package import write_package
from dashboard.dataset.parallel import DocumentRunner, Step, precomputed_steps
from dashboard.dataset.swap import build_lock, remove_leftovers, swap_in


def run(seeds_dir: Path, out_dir: Path, *, progress: bool = False, runner: DocumentRunner | None = None) -> Path:
    """Build the package from `seeds_dir` into `out_dir`; return the datapackage.json path.

    `runner` runs the per-document steps (jobs, Dask scheduler, cache; dataset.parallel); by default one process.

    Raises BuildFailed (input errors, nothing written) or DataInvalid (the result failed validation; --out kept).
    """
    check_out_dir(out_dir)
    # load inputs (before importing the heavy analysis and validation libraries: bad input fails fast)
    runner = runner or DocumentRunner(progress=progress)
    corpus = load_corpus(seeds_dir, runner.load)
    from dashboard.dataset.validate import validate_package
    from dashboard.dataset.validate_changed import record_validated, validated_before

    # process
    tables: Tables = base_tables(corpus)
    steps = analysis_steps(runner.tables(corpus), runner.term_counts(corpus))
    for step in tqdm(steps, desc="analysis", disable=not progress, leave=False):
        tables.update(step(corpus, tables))

    # save outputs: one build of --out at a time, staged beside it, validated, swapped in atomically (swap.py)
    out_dir = out_dir.resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with build_lock(out_dir):
            check_out_dir(out_dir)  # again, under the lock: another build may have written it meanwhile
            remove_leftovers(out_dir)
            staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-build-", dir=out_dir.parent))
            try:
                staging.chmod(0o755)
                write_package(tables, staging, package_meta(corpus))
                cache = runner.cache.folder if runner.cache else None
                previous = validated_before(out_dir, cache) if cache else None
                validate_package(staging, seeds_dir=seeds_dir, previous=previous)
                swap_in(staging, out_dir)
                if cache:
                    record_validated(out_dir, cache)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:  # a full disk, a folder that cannot be written: --out is left as it was
        raise errors.BuildFailed(
            [errors.InvalidField(str(out_dir), "write", f"cannot write the data package ({exc.strerror or exc})")]
        ) from exc
    return out_dir / "datapackage.json"


def analysis_steps(per_document: Tables | None = None, term_counts: list[Any] | None = None) -> list[Step]:
    """Return the analysis steps in order; each adds tables computed from the corpus and earlier tables.

    Given the per-document tables and term counts already computed (dataset.parallel), their steps only hand
    those rows on, and term emergence merges the documents' counts instead of counting every provision again.
    """
    from dashboard.analysis.actors import assignments_step
    from dashboard.analysis.entities import mentions_step
    from dashboard.analysis.measures import theme_measures_step
    from dashboard.analysis.relations import relations_step
    from dashboard.analysis.targets import targets_step
    from dashboard.analysis.terms import term_emergence_step
    from dashboard.analysis.themes import provision_themes_step

    if per_document is not None:
        provision_themes_step, assignments_step, targets_step, term_emergence_step = precomputed_steps(
            per_document, term_counts or []
        )
    return [
        provision_themes_step,
        theme_measures_step,
        term_emergence_step,
        mentions_step,
        relations_step,
        assignments_step,
        targets_step,
    ]


def base_tables(corpus: Corpus) -> Tables:
    """Return the tables that come straight from seeds/: documents, provisions, themes, relations, targets, claims."""
    return {
        "documents": document_rows(corpus),
        "document_versions": version_rows(corpus),
        "provisions": provision_rows(corpus),
        "seed_texts": seed_text_rows(corpus),
        "themes": theme_rows(),
        "relations": cited_relation_rows(corpus),
        "targets": cited_target_rows(corpus),
        "claims": claim_rows(corpus),
        "alignments": alignment_rows(corpus.alignments, corpus.resolve),
    }


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


def package_meta(corpus: Corpus) -> dict[str, Any]:
    """Return datapackage.json's top-level properties from seeds/package.yml and seeds/notes.yml."""
    meta = dict(corpus.package)
    meta.setdefault("name", "policy-timeline")
    meta["profile"] = "data-package"
    meta["sources"] = [{"title": f"{m.symbol}: {m.title_en}", "path": m.source_url} for m in corpus.all_meta()]
    if corpus.notes:
        meta["open_questions"] = corpus.notes
    return meta


def check_out_dir(out_dir: Path) -> None:
    """Refuse an --out the build must not replace: a file, or a folder that holds something but no data package
    (`--out ~/Documents` must never swap a user's folder away)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise errors.BuildFailed([errors.InvalidField(str(out_dir), "--out", "is a file, not a folder")])
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / "datapackage.json").is_file():
        raise errors.BuildFailed(
            [
                errors.InvalidField(
                    str(out_dir),
                    "--out",
                    "is a folder with other files and no datapackage.json; the build replaces --out "
                    "as a whole, so give a new or empty folder or an existing data package",
                )
            ]
        )
