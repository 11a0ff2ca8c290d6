"""The data commands: build the package from the seeds, add a document to the seeds, validate the package."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dashboard.cli.common import DATA_OPTION, json_option, path_option
from dashboard.errors import BuildFailed, DataInvalid
from dashboard.paths import DATA_DIR, SEEDS_DIR


@click.command()
@path_option(
    "--seeds", "seeds_dir", default=SEEDS_DIR, show_default=True, help="Folder of seed texts and their sidecars."
)
@path_option(
    "--out",
    "out_dir",
    default=DATA_DIR,
    show_default=True,
    help="Folder to write the data package to (replaced only when the build succeeds).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for the per-document steps  [default: the cores].",
)
@path_option(
    "--cache",
    "cache_dir",
    default=None,
    help="Folder keeping each unchanged seed's results  [default: .cache/build beside --out].",
)
@click.option("--no-cache", is_flag=True, help="Process every seed again and keep no results.")
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help="Run the per-document steps on this Dask scheduler (pip install 'policy-timeline[cluster]').",
)
def build(
    seeds_dir: Path,
    out_dir: Path,
    quiet: bool,
    jobs: int | None,
    cache_dir: Path | None,
    no_cache: bool,
    scheduler: str | None,
) -> None:
    """Build the data package from the seeds.

    Example: policy-timeline build --seeds seeds --out data --jobs 2
    """
    from dashboard.dataset.build import run
    from dashboard.dataset.parallel import DocumentRunner

    cache = None if no_cache else cache_dir or out_dir.absolute().parent / ".cache" / "build"
    runner = DocumentRunner(jobs=jobs, scheduler=scheduler, cache_dir=cache, progress=not quiet)
    try:
        path = run(seeds_dir, out_dir, progress=not quiet, runner=runner)
    except BuildFailed as exc:
        for err in exc.errors:
            click.echo(err.render(), err=True)
        sys.exit(2)
    except DataInvalid as exc:
        click.echo("\n".join(exc.problems), err=True)
        sys.exit(2)
    if not quiet:
        click.echo(f"documents: {runner.processed} processed, {runner.cached} from cache", err=True)
    click.echo(f"built {path}")


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@path_option("--seeds", "seeds_dir", default=SEEDS_DIR, show_default=True, help="Seeds folder to add the document to.")
@click.option("--symbol", help="Number and symbol, e.g. 59-NQ/TW (else read from 'Số: …' / 'No.: …').")
@click.option("--issued", help="Date of issue YYYY-MM-DD (else read from 'Hà Nội, ngày … tháng … năm …').")
@click.option("--issuer", help="Issuer id of seeds/vocabulary.yml: politburo, government, prime_minister …")
@click.option("--type", "doc_type", help="Document type id of seeds/vocabulary.yml: resolution, decision …")
@click.option("--title", help="Title in the document's language (else the line under the type line).")
@click.option("--title-en", help="English title (a Vietnamese text's own title stands in when not given).")
@click.option("--lang", "language", type=click.Choice(["vi", "en"]), help="Language (else detected).")
@click.option("--source-kind", help="official_text, official_translation, press_quotation … (default by language).")
@click.option(
    "--coverage",
    type=click.Choice(["full", "partial", "summary"]),
    help="How much of the document the file holds (default full, with a note).",
)
@click.option("--source-url", help="Where the text was published (an HTML page's canonical link is read).")
@click.option(
    "--version-of",
    "version_of",
    metavar="ID",
    help="The held document this text is another "
    "language's version of, e.g. 59-NQ-TW-2025 (found by symbol and year when not given).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@json_option("Print what was found, with evidence, as one JSON object.")
def add(file: Path, seeds_dir: Path, dry_run: bool, as_json: bool, **options: str | None) -> None:
    """Add a .txt, .docx, .pdf or .html document to the seeds: its text and a sidecar read from its header.

    Example: policy-timeline add nghi-quyet-59.docx --source-url https://example.gov.vn/59-nq-tw
    """
    from dashboard.analysis.relations import unheld_relations
    from dashboard.corpus.add import plan_addition, write_addition
    from dashboard.corpus.seed_folder import known_symbols

    addition = plan_addition(file, seeds_dir, options)
    unheld = unheld_relations(addition.segments, known_symbols(seeds_dir), str(addition.sidecar["symbol"]))
    if unheld:  # named, but neither held nor in references.yml: the build draws no relation to them
        named = ", ".join(f"{symbol} ({kind})" for symbol, kind in unheld)
        addition.notes.append(
            f"relations: the text names {named}, which the seeds neither hold nor list in "
            "references.yml, so no relation is drawn to them; add each to references.yml "
            "(id, symbol, doc_type, issuer, issued, title_en, source_url) to draw it"
        )
    if not dry_run:
        write_addition(addition)
    if as_json:
        click.echo(json.dumps({**addition.as_dict(), "dry_run": dry_run}, ensure_ascii=False, indent=1))
    else:
        click.echo("\n".join(addition.summary_lines(dry_run)))


@click.command()
@DATA_OPTION
@path_option("--seeds", "seeds_dir", default=None, help="Also check every provision's span against these seed texts.")
@json_option("Print a JSON report.")
def validate(data_dir: Path, seeds_dir: Path | None, as_json: bool) -> None:
    """Validate the data package (Frictionless plus cross-table checks); exit 0 when valid, 1 when not.

    Example: policy-timeline validate --data data --seeds seeds
    """
    from dashboard.dataset.validate import validate_package

    try:
        validate_package(data_dir, seeds_dir=seeds_dir)
    except DataInvalid as exc:
        if as_json:
            click.echo(json.dumps({"valid": False, "errors": exc.problems}, ensure_ascii=False))
        else:
            click.echo("\n".join(exc.problems), err=True)
        sys.exit(1)
    click.echo(json.dumps({"valid": True, "errors": []}) if as_json else f"valid: {data_dir}")
