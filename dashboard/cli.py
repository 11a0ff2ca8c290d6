"""The `policy-timeline` command. Each subcommand parses, calls one core function and formats the result.

Exit codes: 0 ok; 1 ran and found problems (validate, eval below the bar); 2 bad input or usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dashboard import __version__
from dashboard.errors import BuildFailed, DataInvalid, PolicyTimelineError
from dashboard.paths import DATA_DIR, REPO_DIR, SEEDS_DIR
from dashboard.settings import DEFAULT_HOST, DEFAULT_PORT

# the alignment's gold sets and link model ship with the package (dashboard/analysis/diff); named here without
# importing the analysis, so the CLI starts fast
_DIFF_DIR = Path(__file__).resolve().parent / "analysis" / "diff"
GOLD_SETS = tuple(
    _DIFF_DIR / "gold" / f"{n}.yml" for n in ("alignment_expected", "alignment_annotator2", "alignment_annotator3")
)
MODEL_PATH = _DIFF_DIR / "linkmodel.json"

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    default=DATA_DIR,
    envvar="POLICY_TIMELINE_DATA",
    show_default=True,
    help="Data package folder.",
)


def fail(message: str, code: int = 2) -> None:
    """Print one line to stderr and exit with `code`."""
    click.echo(message if message.startswith("error:") else f"error: {message}", err=True)
    sys.exit(code)


class _Group(click.Group):
    """A click group that turns library errors into one line on stderr and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PolicyTimelineError as exc:
            fail(str(exc))
        except click.BadParameter as exc:  # e.g. --out names a folder: one line, not a usage block
            where = "/".join(exc.param.opts) if exc.param is not None else "option"
            fail(f"error: {where}: {exc.message}")
        except OSError as exc:  # a full disk, a folder that cannot be written, a file that cannot be read
            fail(f"error: {exc.filename or '-'}: file: {exc.strerror or exc}")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policy-timeline")
def main() -> None:
    """Turn policy documents into a cited dataset and a dashboard of how themes and targets shift over time."""


@main.command()
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(path_type=Path),
    default=SEEDS_DIR,
    show_default=True,
    help="Folder of seed texts and their sidecars.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
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
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path),
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


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(path_type=Path),
    default=SEEDS_DIR,
    show_default=True,
    help="Seeds folder to add the document to.",
)
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
@click.option("--json", "as_json", is_flag=True, help="Print what was found, with evidence, as one JSON object.")
def add(file: Path, seeds_dir: Path, dry_run: bool, as_json: bool, **options: str | None) -> None:
    """Add a .txt, .docx, .pdf or .html document to the seeds: its text and a sidecar read from its header.

    Example: policy-timeline add nghi-quyet-59.docx --source-url https://example.gov.vn/59-nq-tw
    """
    from dashboard.corpus.add import plan_addition, write_addition

    addition = plan_addition(file, seeds_dir, options)
    if not dry_run:
        write_addition(addition)
    if as_json:
        click.echo(json.dumps({**addition.as_dict(), "dry_run": dry_run}, ensure_ascii=False, indent=1))
    else:
        click.echo("\n".join(addition.summary_lines(dry_run)))


@main.command()
@DATA_OPTION
@click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Also check every provision's span against these seed texts.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
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


def _not_yet(name: str) -> None:
    fail(f"`policy-timeline {name}` is not yet available in this version")


@main.command()
@click.option("--text", default=None, help="The text to tag.")
@click.option(
    "--file",
    "file_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A UTF-8 text file to tag (as one text).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"themes": [{"id", "score", "evidence": [{"term", "text", "start", "end", "weight"}]}]}.',
)
def tag(text: str | None, file_path: Path | None, as_json: bool) -> None:
    """Tag a text with every theme it substantially addresses, each with a score and the evidence.

    Evidence spans are character offsets into the text. Example:
    policy-timeline tag --text "Promote cultural diplomacy and the protection of citizens abroad" --json
    """
    from dashboard.analysis.themes import tag_result

    if (text is None) == (file_path is None):
        fail("tag: options: give exactly one of --text TEXT or --file F")
    result = tag_result(text if text is not None else _read_text(file_path))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    for theme in result["themes"]:
        words = "; ".join(dict.fromkeys(e["text"] for e in theme["evidence"]))
        click.echo(f"{theme['id']:<30} {theme['score']:.2f}  {words}")
    if not result["themes"]:
        click.echo("no theme")


def _read_text(path: Path) -> str:
    """Return a UTF-8 text file's content, or fail with one line naming the file."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        fail(f"{path}: file: not found")
    except UnicodeDecodeError as exc:
        fail(f"{path}: byte {exc.start}: not valid UTF-8")
    except OSError as exc:
        fail(f"{path}: file: {exc.strerror or 'cannot be read'}")
    return ""


EVAL_DATA = REPO_DIR / "tests" / "eval" / "data"


@main.command("eval-themes")
@DATA_OPTION
@click.option(
    "--dev",
    "dev_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=EVAL_DATA / "themes_dev.yml",
    show_default=True,
    help="Development set: seed provisions labelled by hand against the codebook.",
)
@click.option(
    "--holdout",
    "holdout_paths",
    type=click.Path(dir_okay=False, path_type=Path),
    multiple=True,
    default=[
        EVAL_DATA / "themes_holdout.yml",
        EVAL_DATA / "themes_blind.yml",
        EVAL_DATA / "themes_vi_dev.yml",
        EVAL_DATA / "themes_vi_blind.yml",
    ],
    show_default=True,
    help="Hold-out set(s): labelled sentences that are not in the seeds (repeatable).",
)
@click.option(
    "--bar",
    type=float,
    default=0.85,
    show_default=True,
    help="Exit 1 when the development set's micro-F1 is below this.",
)
@click.option("--errors", "show_errors", is_flag=True, help="Also list every unit the tagger gets wrong.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
def eval_themes(
    data_dir: Path, dev_path: Path, holdout_paths: tuple[Path, ...], bar: float, show_errors: bool, as_json: bool
) -> None:
    """Measure the theme tagger: precision, recall and F1 per theme, micro- and macro-averaged, per set.

    Example: policy-timeline eval-themes --errors
    """
    from dashboard.analysis.theme_eval import evaluate_sets, format_report
    from dashboard.dataset.load import get_dataset

    dataset = get_dataset(str(data_dir))
    reports = evaluate_sets(dev_path, dataset.provisions, dataset.documents, holdouts=holdout_paths)
    if as_json:
        payload = [r.as_dict(with_items=show_errors) for r in reports]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        click.echo("\n\n".join(format_report(r, errors=show_errors) for r in reports))
    if reports[0].micro.get("f1", 0.0) < bar:
        sys.exit(1)


@main.command("eval-extraction")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every mistake.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_extraction(show_errors: bool, as_json: bool) -> None:
    """Measure segmentation, targets, entities, actor roles and relations on the labelled English and Vietnamese
    sets of tests/eval/data: true and false positives, misses, precision, recall and F1 per set.

    Example: policy-timeline eval-extraction --errors
    """
    from dashboard.analysis.extraction_eval import extraction_report, format_extraction

    report = extraction_report(EVAL_DATA)
    if as_json:
        payload = {task: [s.as_dict() for s in scores] for task, scores in report}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        click.echo(format_extraction(report, errors=show_errors))


@main.command()
@click.argument("a")
@click.argument("b")
@DATA_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as one JSON object.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write a standalone HTML report to this file.",
)
@click.option(
    "--pin",
    "pins",
    multiple=True,
    metavar="A-B",
    help="Correct the pairing: 3.b1-p2 pairs A's 3.b1 with B's p2, 3.b1- leaves it without a counterpart, "
    "-p3 leaves B's p3 alone, 3.b1!p2 keeps those two apart, 3.b1+p13 links them as well (removing no other "
    "link). Repeat, or separate with commas. The rest is aligned around the pins. Pins override curated links.",
)
@click.option(
    "--no-curated",
    "no_curated",
    is_flag=True,
    help="Leave out the curated links of seeds/alignments.yml (the package's alignments table).",
)
@click.option(
    "--all-text",
    "all_text",
    is_flag=True,
    help="Align and count every provision, the publisher's framing and secondary narrative included "
    "(default: the documents' own text).",
)
def diff(
    a: str,
    b: str,
    data_dir: Path,
    as_json: bool,
    html_path: Path | None,
    pins: tuple[str, ...],
    no_curated: bool,
    all_text: bool,
) -> None:
    """Compare two documents (id or symbol, any case): provisions paired by meaning, and what moved.

    One row per link: a provision merged (several A → one B) or split (one A → several B) appears in several
    rows; `new` and `dropped` rows are provisions with no link at all. Each row's `ops` are word-level changes:
    [{"op": "equal|insert|delete|replace", "a": "...", "b": "..."}]; joining the `a` (or `b`) slices gives back
    the A (or B) text exactly. `set_by` says whether the engine, a curated entry or a --pin made the link;
    `candidates` lists the closest other provisions; `sections` says in one line what became of each part of A.

    Example: policy-timeline diff 40/QĐ-TTg 153/NQ-CP --pin 3.b1-p2 --html compare.html
    """
    from dashboard.analysis.diff import compare_documents
    from dashboard.dataset.load import get_dataset

    if as_json and html_path:
        fail("use either --json or --html, not both")
    dataset = get_dataset(str(data_dir))
    result = compare_documents(
        dataset,
        dataset.resolve_document(a),
        dataset.resolve_document(b),
        pins=_split(pins),
        use_curated=not no_curated,
        basis_mode="all" if all_text else "own",
    )
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
    elif html_path:
        from dashboard.export.diff_html import write_report

        click.echo(f"wrote {write_report(result, html_path, dataset_version=dataset.version)}")
    else:
        from dashboard.export.diff_html import summary_lines

        click.echo("\n".join(summary_lines(result)))


@main.command("eval-alignment")
@DATA_OPTION
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=GOLD_SETS[0],
    show_default=True,
    help="Hand-made expected pairs (YAML).",
)
@click.option(
    "--second",
    "second_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=GOLD_SETS[1],
    show_default=True,
    help="A second annotator's gold set: the engine is scored on it too, and the two sets' agreement is printed.",
)
@click.option(
    "--third",
    "third_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=GOLD_SETS[2],
    show_default=True,
    help="A third, blind gold set (with pairs a reader would never make); scored when the file exists.",
)
@click.option("--no-cv", "no_cv", is_flag=True, help="Skip the cross-validated figures (a refit per document pair).")
@click.option("--bar", type=float, default=None, help="Exit 1 when the pairing accuracy is below this.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (with every disagreement).")
def eval_alignment(
    data_dir: Path,
    gold_path: Path,
    second_path: Path,
    third_path: Path,
    no_cv: bool,
    bar: float | None,
    as_json: bool,
) -> None:
    """Measure how well `diff` links provisions against the hand-made gold sets: link precision and recall (a
    gold pair counts when its two provisions are linked), the engine alone, with the curated links and
    cross-validated (leave one document pair out), and the clicks a reader needs to correct it.

    Example: policy-timeline eval-alignment --bar 0.6
    """
    from dashboard.analysis.diff.report import evaluate_alignment, format_evaluation
    from dashboard.dataset.load import get_dataset

    report = evaluate_alignment(
        get_dataset(str(data_dir)), [gold_path, second_path, third_path], cross_validated=not no_cv
    )
    click.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else format_evaluation(report))
    if bar is not None and report["accuracy"] < bar:
        sys.exit(1)


@main.command("fit-alignment")
@DATA_OPTION
@click.option(
    "--gold",
    "gold_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=GOLD_SETS,
    show_default=True,
    help="Gold sets to fit on (repeat the option).",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=MODEL_PATH,
    show_default=True,
    help="Where to write the fitted link model (JSON).",
)
def fit_alignment(data_dir: Path, gold_paths: tuple[Path, ...], out_path: Path) -> None:
    """Refit the link model `diff` links by (a logistic regression over each candidate link's features) on the
    gold sets and write its coefficients; `eval-alignment` then prints its cross-validated figures.

    Example: policy-timeline fit-alignment
    """
    from dashboard.analysis.diff.evaluate import load_gold
    from dashboard.analysis.diff.fitting import fit_model
    from dashboard.analysis.diff.linkmodel import save
    from dashboard.dataset.load import get_dataset

    model = fit_model(get_dataset(str(data_dir)), [(p.name, load_gold(p)) for p in gold_paths])
    click.echo(f"wrote {save(model, out_path)} (link model {model.version}, bar {model.bar})")


class _ManyValues(click.Command):
    """A command whose --docs/--themes take several values: `--docs A B`, `--docs A,B` or repeated."""

    many = ("--docs", "--themes")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        out: list[str] = []
        option = None
        for arg in args:
            if arg.startswith("-"):
                option = arg if arg in self.many else None
                out.append(arg)
            elif option and out[-1] != option:
                out += [option, arg]  # a further value of --docs/--themes
            else:
                out.append(arg)
        return super().parse_args(ctx, out)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


@main.command(cls=_ManyValues)
@click.argument("chart", required=False)
@click.option("--list", "list_charts", is_flag=True, help="List the chart names and what each shows; exit.")
@click.option("--docs", multiple=True, help="Documents to show (ids or symbols): --docs A B, or A,B.")
@click.option("--themes", multiple=True, help="Theme ids to show: --themes T1 T2, or T1,T2.")
@click.option("--a", "doc_a", default="", help="First document of a comparison chart.")
@click.option("--b", "doc_b", default="", help="Second document of a comparison chart.")
@click.option("--measure", default="share_provisions", show_default=True, help="What theme charts measure.")
@click.option("--lang", type=click.Choice(["en", "vi"]), default="en", show_default=True)
@click.option(
    "--basis",
    default="own",
    show_default=True,
    help="own: count the document's own provisions only; all: also publishers' commentary.",
)
@click.option("--set", "extra", multiple=True, metavar="KEY=VALUE", help="A chart-specific option.")
@click.option(
    "--size",
    default="slide",
    show_default=True,
    help="slide (1600x900, 16:9) or a4 (1240x760, A4 page width); --width/--height override.",
)
@click.option("--width", type=int, default=None, help="Width in px (before --scale).")
@click.option("--height", type=int, default=None, help="Height in px (before --scale).")
@click.option("--scale", type=float, default=None, help="Pixel scale (PNG default 2).")
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write: .png .svg .pdf .html or .csv (the data behind the chart).",
)
@DATA_OPTION
def export(
    chart: str | None,
    list_charts: bool,
    docs: tuple[str, ...],
    themes: tuple[str, ...],
    doc_a: str,
    doc_b: str,
    measure: str,
    lang: str,
    basis: str,
    extra: tuple[str, ...],
    size: str,
    width: int | None,
    height: int | None,
    scale: float | None,
    out_path: Path | None,
    data_dir: Path,
) -> None:
    """Export a chart as it appears in the app; the format comes from the suffix of --out.

    Example: policy-timeline export timeline --docs 22-NQ/TW 59-NQ/TW --size slide --out timeline.png
    """
    from dashboard.figures.registry import ChartOptions, load_all

    if list_charts:
        for name, spec in sorted(load_all().items()):
            click.echo(f"{name}\t{spec.description}{'  (needs --a and --b)' if spec.needs_pair else ''}")
        return
    if not chart or not out_path:
        fail("give a chart name and --out FILE (see `policy-timeline export --list`)")
    from dashboard.dataset.load import get_dataset
    from dashboard.export.static import export_chart, output_format

    output_format(out_path)  # a bad suffix fails before anything loads
    pairs = [item.partition("=") for item in extra]
    if any(not sep or not key for key, sep, _ in pairs):
        fail("--set takes KEY=VALUE")
    options = ChartOptions(
        docs=_split(docs),
        themes=_split(themes),
        measure=measure,
        a=doc_a,
        b=doc_b,
        lang=lang,
        basis=basis,
        extra={k: v for k, _, v in pairs},
    )
    path = export_chart(
        get_dataset(str(data_dir)), chart, options, out_path, size=size, width=width, height=height, scale=scale
    )
    click.echo(f"wrote {path}")


@main.command()
@click.argument("a")
@click.argument("b")
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write: .pptx (16:9 slides), .pdf or .html (standalone).",
)
@click.option("--lang", type=click.Choice(["en", "vi"]), default="en", show_default=True)
@click.option(
    "--pin",
    "pins",
    multiple=True,
    metavar="A-B",
    help="Correct the pairing the pack quotes, as for `diff --pin` (3.b1-p2, 3.b1-, -p3, 3.b1!p2, 3.b1+p13).",
)
@DATA_OPTION
def brief(a: str, b: str, out_path: Path, lang: str, data_dir: Path, pins: tuple[str, ...]) -> None:
    """Write a briefing pack comparing documents A and B (id or symbol): timeline, themes, what changed from A
    to B with quotations and their sources, targets, methods and sources.

    Example: policy-timeline brief 40/QĐ-TTg 153/NQ-CP --pin 3.b1-p2 --out brief.pptx
    """
    from dashboard.dataset.load import get_dataset
    from dashboard.export.brief import brief_format, write_brief

    brief_format(out_path)
    click.echo(f"wrote {write_brief(get_dataset(str(data_dir)), a, b, out_path, lang=lang, pins=_split(pins))}")


@main.command()
@DATA_OPTION
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    envvar="POLICY_TIMELINE_HOST",
    help="Interface to bind. The default is loopback only; open http://127.0.0.1:8050 in a browser.",
)
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, envvar="POLICY_TIMELINE_PORT")
@click.option("--debug", is_flag=True, help="Dash debug mode (never use on a shared network).")
def serve(data_dir: Path, host: str, port: int, debug: bool) -> None:
    """Run the dashboard on the shipped data.

    Example: policy-timeline serve --port 8050
    """
    from dashboard.app import create_app

    app = create_app(data_dir)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: anyone who can reach it can use the dashboard", err=True)
    mode = "on" if debug else "off"
    click.echo(f"policy-timeline: dashboard on http://{host}:{port} (data {data_dir}, debug {mode})")
    app.run(host=host, port=port, debug=debug)
