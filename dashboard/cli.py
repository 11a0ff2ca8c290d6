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

DATA_OPTION = click.option("--data", "data_dir", type=click.Path(path_type=Path), default=DATA_DIR,
                           envvar="POLICY_TIMELINE_DATA", show_default=True, help="Data package folder.")


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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policy-timeline")
def main() -> None:
    """Turn policy documents into a cited dataset and a dashboard of how themes and targets shift over time."""


@main.command()
@click.option("--seeds", "seeds_dir", type=click.Path(path_type=Path), default=SEEDS_DIR, show_default=True,
              help="Folder of seed texts and their sidecars.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=DATA_DIR, show_default=True,
              help="Folder to write the data package to (replaced only when the build succeeds).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def build(seeds_dir: Path, out_dir: Path, quiet: bool) -> None:
    """Build the data package from the seeds.

    Example: policy-timeline build --seeds seeds --out data
    """
    from dashboard.dataset.build import run

    try:
        path = run(seeds_dir, out_dir, progress=not quiet)
    except BuildFailed as exc:
        for err in exc.errors:
            click.echo(err.render(), err=True)
        sys.exit(2)
    except DataInvalid as exc:
        click.echo("\n".join(exc.problems), err=True)
        sys.exit(2)
    click.echo(f"built {path}")


@main.command()
@DATA_OPTION
@click.option("--seeds", "seeds_dir", type=click.Path(path_type=Path), default=None,
              help="Also check every provision's span against these seed texts.")
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
@click.option("--file", "file_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A UTF-8 text file to tag (as one text).")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"themes": [{"id", "score", "evidence": [{"term", "text", "start", "end", '
                   '"weight"}]}]}.')
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


@main.command("eval-themes")
@DATA_OPTION
@click.option("--dev", "dev_path", type=click.Path(dir_okay=False, path_type=Path),
              default=REPO_DIR / "tests" / "eval" / "data" / "themes_dev.yml", show_default=True,
              help="Development set: seed provisions labelled by hand against the codebook.")
@click.option("--holdout", "holdout_paths", type=click.Path(dir_okay=False, path_type=Path), multiple=True,
              default=[REPO_DIR / "tests" / "eval" / "data" / "themes_holdout.yml"], show_default=True,
              help="Hold-out set(s): labelled sentences that are not in the seeds (repeatable).")
@click.option("--bar", type=float, default=0.85, show_default=True,
              help="Exit 1 when the development set's micro-F1 is below this.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every unit the tagger gets wrong.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
def eval_themes(data_dir: Path, dev_path: Path, holdout_paths: tuple[Path, ...], bar: float,
                show_errors: bool, as_json: bool) -> None:
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


@main.command()
@click.argument("a")
@click.argument("b")
@DATA_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as one JSON object.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a standalone HTML report to this file.")
def diff(a: str, b: str, data_dir: Path, as_json: bool, html_path: Path | None) -> None:
    """Compare two documents (id or symbol, any case): provisions paired by meaning, and what moved.

    Each pair's `ops` are word-level changes: [{"op": "equal|insert|delete|replace", "a": "...", "b": "..."}];
    joining the `a` (or `b`) slices gives back the A (or B) text exactly.

    Example: policy-timeline diff 40/QĐ-TTg 153/NQ-CP --html compare.html
    """
    from dashboard.analysis.diff import compare_documents
    from dashboard.dataset.load import get_dataset

    if as_json and html_path:
        fail("use either --json or --html, not both")
    dataset = get_dataset(str(data_dir))
    result = compare_documents(dataset, dataset.resolve_document(a), dataset.resolve_document(b))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    elif html_path:
        from dashboard.export.diff_html import write_report

        click.echo(f"wrote {write_report(result, html_path, dataset_version=dataset.version)}")
    else:
        from dashboard.export.diff_html import summary_lines

        click.echo("\n".join(summary_lines(result)))


@main.command("eval-alignment")
@DATA_OPTION
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=REPO_DIR / "tests" / "eval" / "data" / "alignment_expected.yml", show_default=True,
              help="Hand-made expected pairs (YAML).")
@click.option("--bar", type=float, default=None, help="Exit 1 when the pairing accuracy is below this.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (with every disagreement).")
def eval_alignment(data_dir: Path, gold_path: Path, bar: float | None, as_json: bool) -> None:
    """Measure how well `diff` pairs provisions against the hand-made gold set (accuracy, precision, recall).

    Example: policy-timeline eval-alignment --bar 0.6
    """
    from dashboard.analysis.diff import AlignSettings, compare_documents
    from dashboard.analysis.diff.evaluate import (
        chance_similarity,
        format_report,
        load_gold,
        score_alignment,
        threshold_curve,
    )
    from dashboard.dataset.load import get_dataset

    dataset = get_dataset(str(data_dir))
    gold = load_gold(gold_path)
    report = score_alignment(
        gold, dataset.provisions, lambda a, b: compare_documents(dataset, a, b), str(gold_path)
    )
    report["threshold_curve"] = threshold_curve(
        gold, dataset.provisions,
        lambda t: lambda a, b: compare_documents(dataset, a, b, AlignSettings(threshold=t)),
        [0.08, 0.12, 0.16, 0.20, 0.24, 0.28],
    )
    held = dataset.provisions[dataset.provisions["document_id"].isin(set(dataset.held_documents()["id"]))]
    report["chance"] = chance_similarity(held)
    click.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else format_report(report))
    if bar is not None and report["accuracy"] < bar:
        sys.exit(1)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def export() -> None:
    """Export a chart: CHART [options] --out F."""
    _not_yet("export")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def brief() -> None:
    """Write a briefing pack comparing A and B: A B --out F."""
    _not_yet("brief")


@main.command()
@DATA_OPTION
@click.option("--host", default=DEFAULT_HOST, show_default=True, envvar="POLICY_TIMELINE_HOST",
              help="Interface to bind. The default is loopback only; open http://127.0.0.1:8050 in a browser.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, envvar="POLICY_TIMELINE_PORT")
@click.option("--debug", is_flag=True, help="Dash debug mode (never use on a shared network).")
def serve(data_dir: Path, host: str, port: int, debug: bool) -> None:
    """Run the dashboard on the shipped data.

    Example: policy-timeline serve --port 8050
    """
    _not_yet("serve")
