"""Build the data package: seeds/ → corpus → analysis → tables → data/ (validated, then swapped in).

The build writes into a temporary folder beside --out and replaces --out only when every table was written and
the package validated, so a failed build never leaves data/ half written.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tqdm import tqdm

from dashboard import errors
from dashboard.analysis.codebook import theme_rows
from dashboard.corpus.alignments import alignment_rows
from dashboard.corpus.load import Corpus, load_corpus
from dashboard.corpus.spans import Row, Tables
from dashboard.dataset.parallel import DocumentRunner, Step
from dashboard.dataset.perdoc import DOCUMENT_TABLES
from dashboard.dataset.provision_rows import ProvisionRows
from dashboard.dataset.seed_tables import (
    cited_relation_rows,
    cited_target_rows,
    claim_rows,
    document_rows,
    seed_text_rows,
    version_rows,
)
from dashboard.dataset.swap import build_lock, remove_leftovers, swap_in
from dashboard.dataset.writer import write_package

if TYPE_CHECKING:  # (validation and Arrow are imported once the inputs are read: bad input fails fast)
    import pyarrow as pa

    from dashboard.dataset.validate_changed import Changed


def run(seeds_dir: Path, out_dir: Path, *, progress: bool = False, runner: DocumentRunner | None = None) -> Path:
    """Build the package from `seeds_dir` into `out_dir`; return the datapackage.json path.

    `runner` runs the per-document steps (jobs, Dask scheduler, cache; dataset.parallel); by default one process.

    Raises BuildFailed (input errors, nothing written) or DataInvalid (the result failed validation; --out kept).
    """
    check_out_dir(out_dir)
    # load inputs (before importing the heavy analysis and validation libraries: bad input fails fast)
    runner = runner or DocumentRunner(progress=progress)
    try:
        # the runner freezes the results it reads from the cache (gc.freeze) as soon as they are read
        corpus = load_corpus(seeds_dir, runner.load)
        # the corpus and the documents' results (millions of objects) live to the end of the build: the garbage
        # collector's full passes need not walk them again and again while the corpus-level steps allocate
        gc.freeze()
        return _analyse_and_save(corpus, runner, seeds_dir, out_dir, progress)
    finally:
        gc.unfreeze()


def _analyse_and_save(corpus: Corpus, runner: DocumentRunner, seeds_dir: Path, out_dir: Path, progress: bool) -> Path:
    from dashboard.dataset.validate import validate_package
    from dashboard.dataset.validate_changed import (
        kept_tables,
        validated_before,
        validated_index,
        validated_record,
    )

    # process
    tables: Tables = base_tables(corpus)
    # the per-document tables are written from the documents' chunks (runner.chunks), and no corpus-level step
    # reads their rows: none are handed on (an unchanged document's rows are then never read from the cache)
    written: Tables = {name: [] for name in DOCUMENT_TABLES}
    steps = analysis_steps(
        written,
        runner.term_counts(corpus),
        runner.mentions_step(),
        runner.term_emergence_step(),
        runner.relations_step(),
    )
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
                cache = runner.cache.folder if runner.cache else None
                record = validated_record(cache) if cache else None  # (megabytes at 10,000 documents: read once)
                previous = validated_before(out_dir, cache, record) if cache and record else None
                index = validated_index(cache, record) if cache and previous else None
                kept = kept_tables(cache, record) if cache and previous else None  # its tables as validation read them
                pieces = runner.chunks(corpus, tables, previous, index)
                write_package(tables, staging, package_meta(corpus), pieces, runner.keep)
                # the per-document tables as the validation reads them, from `kept` and the new rows: not parsed again
                given = runner.splicer.text_tables(kept, staging) if runner.splicer and kept else None
                changed = validate_package(
                    staging, seeds_dir=seeds_dir, previous=previous, jobs=runner.jobs, kept=kept, given=given
                )
                runner.compared = changed.previous_from if changed else ""
                runner.assembled = changed.assembled if changed else ()
                swap_in(staging, out_dir)
                if cache:
                    record_for_next_build(runner, out_dir, cache, record, kept, changed, index)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:  # a full disk, a folder that cannot be written: --out is left as it was
        raise errors.BuildFailed(
            [errors.InvalidField(str(out_dir), "write", f"cannot write the data package ({exc.strerror or exc})")]
        ) from exc
    return out_dir / "datapackage.json"


def record_for_next_build(
    runner: DocumentRunner,
    out_dir: Path,
    cache_dir: Path,
    record: dict[str, Any] | None,
    kept: dict[str, pa.Table] | None,
    changed: Changed | None,
    index: dict[str, Any] | None,
) -> None:
    """Record the package just swapped into `out_dir` as validated, for the next build over `cache_dir`: its bytes,
    where each document's rows lie (the runner's index) and its tables as validated, the assembled ones as the parts
    kept before (`kept`: the previous package's tables this build read; their parts from `record`, the record it
    read) and their new rows alone (dataset.kept); then prune the runner's kept files, those of `index` (the index
    before) kept while it is still the one recorded."""
    from dashboard.dataset.validate_changed import kept_parts, record_validated

    parts = kept_parts(cache_dir, record) if kept else None
    keep = changed.tables if changed else None
    if runner.splicer and changed:
        keep = runner.splicer.text_plans(changed.tables, changed.assembled, parts)
    stamp = record_identity(cache_dir)
    record_validated(out_dir, cache_dir, runner.written_index(), keep)
    if runner.splicer:
        runner.splicer.prune(index if record_identity(cache_dir) == stamp else None)


def record_identity(cache_dir: Path) -> tuple[int, int] | None:
    """Return the identity of the validation record in `cache_dir` (its inode and time; record_validated replaces
    the file), or None: whether recording a build replaced it, without reading it again (megabytes at 10,000)."""
    from dashboard.dataset.validate_changed import STAMP

    try:
        found = (cache_dir / STAMP).stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns


def analysis_steps(
    per_document: Tables | None = None,
    term_counts: Sequence[Any] | None = None,
    mentions: Step | None = None,
    term_emergence: Step | None = None,
    relations: Step | None = None,
) -> list[Step]:
    """Return the analysis steps in order; each adds tables computed from the corpus and earlier tables.

    Given the per-document tables (theme measures among them) and term counts already computed (dataset.parallel),
    their steps only hand those rows on, and term emergence merges the documents' counts instead of counting every
    provision again. `mentions`: a mentions step standing for entities.mentions_step (the build cache's,
    dataset.mentions_cache). `term_emergence`: a step standing for it (the build cache's, dataset.terms_cache).
    `relations`: a step standing for relations_step (the build cache's, dataset.relations_cache).
    """
    from dashboard.analysis.actors import assignments_step
    from dashboard.analysis.entities import mentions_step
    from dashboard.analysis.measures import theme_measures_step
    from dashboard.analysis.relations import relations_step
    from dashboard.analysis.targets import targets_step
    from dashboard.analysis.terms import term_emergence_step
    from dashboard.analysis.themes import provision_themes_step

    if per_document is not None:
        steps = precomputed_steps(per_document, term_counts or [])
        provision_themes_step, theme_measures_step, assignments_step, targets_step, term_emergence_step = steps
    return [
        provision_themes_step,
        theme_measures_step,
        term_emergence or term_emergence_step,
        mentions or mentions_step,
        relations or relations_step,
        assignments_step,
        targets_step,
    ]


def precomputed_steps(per_document: Tables, term_counts: Sequence[Any]) -> tuple[Step, Step, Step, Step, Step]:
    """Return build steps standing for provision_themes_step, theme_measures_step, assignments_step, targets_step
    and term_emergence_step that give the rows the per-document step already computed (the cited targets of
    seeds/cited.yml first, as targets_step), and term emergence from each document's cached term counts."""
    from dashboard.analysis.actors import actor_rows
    from dashboard.analysis.terms import term_emergence_rows

    def provision_themes(corpus: Corpus, tables: Tables) -> Tables:
        return {"provision_themes": per_document["provision_themes"]}

    def theme_measures(corpus: Corpus, tables: Tables) -> Tables:
        return {"theme_measures": per_document["theme_measures"]}

    def assignments(corpus: Corpus, tables: Tables) -> Tables:
        return {"actors": actor_rows(), "assignments": per_document["assignments"]}

    def targets(corpus: Corpus, tables: Tables) -> Tables:
        cited = [r for r in tables.get("targets", []) if r.get("origin") == "cited"]
        return {"targets": cited + per_document["targets"]}

    def term_emergence(corpus: Corpus, tables: Tables) -> Tables:
        return {
            "term_emergence": term_emergence_rows(
                tables["documents"], tables["provisions"], tables["provision_themes"], term_counts
            )
        }

    return provision_themes, theme_measures, assignments, targets, term_emergence


def base_tables(corpus: Corpus) -> Tables:
    """Return the tables that come straight from seeds/: documents, provisions, themes, relations, targets, claims."""
    return {
        "documents": document_rows(corpus),
        "document_versions": version_rows(corpus),
        # made when a step reads them (provision_rows.ProvisionRows): an add reads the added document's alone; the
        # table is written from the documents' chunks (package.write_package writes these rows only when none)
        "provisions": cast("list[Row]", ProvisionRows(corpus)) if corpus.documents else [],
        "seed_texts": seed_text_rows(corpus),
        "themes": theme_rows(),
        "relations": cited_relation_rows(corpus),
        "targets": cited_target_rows(corpus),
        "claims": claim_rows(corpus),
        "alignments": alignment_rows(corpus.alignments, corpus.resolve),
    }


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
