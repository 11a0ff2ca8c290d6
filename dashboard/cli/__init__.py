"""The `policy-timeline` command. Each subcommand parses, calls one core function and formats the result.

The data commands (build, add, validate) are in `cli.data`, export and brief in `cli.export`, the options and
error line they share in `cli.common`; tag, the evaluations, diff and serve are here.

Exit codes: 0 ok; 1 ran and found problems (validate, eval below the bar); 2 bad input or usage.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from dashboard import __version__
from dashboard.cli.common import DATA_OPTION, F, fail, json_option, path_option
from dashboard.cli.common import split_values as _split
from dashboard.cli.data import add, build, validate
from dashboard.cli.export import brief, export
from dashboard.errors import PolicyTimelineError
from dashboard.paths import LABELLED_DIR
from dashboard.settings import DEFAULT_HOST, DEFAULT_PORT

# the alignment's gold sets and link model ship with the package (dashboard/analysis/diff); named here without
# importing the analysis, so the CLI starts fast
_DIFF_DIR = Path(__file__).resolve().parent.parent / "analysis" / "diff"
GOLD_SETS = tuple(
    _DIFF_DIR / "gold" / f"{n}.yml" for n in ("alignment_expected", "alignment_annotator2", "alignment_annotator3")
)
MODEL_PATH = _DIFF_DIR / "linkmodel.json"


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


for _command in (build, add, validate, export, brief):  # the command groups of their own modules
    main.add_command(_command)


def _not_yet(name: str) -> None:
    fail(f"`policy-timeline {name}` is not yet available in this version")


@main.command()
@click.option("--text", default=None, help="The text to tag.")
@path_option("--file", "file_path", file=True, default=None, help="A UTF-8 text file to tag (as one text).")
@json_option('Print {"themes": [{"id", "score", "evidence": [{"term", "text", "start", "end", "weight"}]}]}.')
def tag(text: str | None, file_path: Path | None, as_json: bool) -> None:
    """Tag a text with every theme it substantially addresses, each with a score and the evidence.

    Evidence spans are character offsets into the text. Example:
    policy-timeline tag --text "Promote cultural diplomacy and the protection of citizens abroad" --json
    """
    from dashboard.analysis.themes import tag_result

    if (text is None) == (file_path is None):
        fail("tag: options: give exactly one of --text TEXT or --file F")
    if file_path is not None:
        text = _read_text(file_path)
    result = tag_result(text or "")  # exactly one was given, and text now holds it
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


EVAL_DATA = LABELLED_DIR


@main.command("eval-themes")
@DATA_OPTION
@path_option(
    "--dev",
    "dev_path",
    file=True,
    default=EVAL_DATA / "themes_dev.yml",
    show_default=True,
    help="Development set: seed provisions labelled by hand against the codebook.",
)
@path_option(
    "--holdout",
    "holdout_paths",
    file=True,
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
@json_option("Print the reports as JSON.")
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
@json_option("Print the scores as JSON.")
def eval_extraction(show_errors: bool, as_json: bool) -> None:
    """Measure segmentation, targets, entities, actor roles and relations on the labelled English and Vietnamese
    sets of dashboard/analysis/labelled: true and false positives, misses, precision, recall and F1 per set.

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
@json_option("Print the comparison as one JSON object.")
@path_option("--html", "html_path", file=True, default=None, help="Write a standalone HTML report to this file.")
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
    from dashboard.dataset.database import scoped_to
    from dashboard.dataset.load import get_dataset

    if as_json and html_path:
        fail("use either --json or --html, not both")
    dataset = get_dataset(str(data_dir))
    doc_a, doc_b = dataset.resolve_document(a), dataset.resolve_document(b)
    result = compare_documents(
        scoped_to(dataset, [doc_a, doc_b]),  # the two documents' rows only, not every table whole
        doc_a,
        doc_b,
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


def _gold_option(flag: str, name: str, which: int, help: str, exists: bool = True) -> Callable[[F], F]:
    """Return the option naming one of eval-alignment's gold sets (GOLD_SETS[which] by default)."""
    return path_option(flag, name, file=True, exists=exists, default=GOLD_SETS[which], show_default=True, help=help)


@main.command("eval-alignment")
@DATA_OPTION
@_gold_option("--gold", "gold_path", 0, "Hand-made expected pairs (YAML).")
@_gold_option(
    "--second",
    "second_path",
    1,
    "A second annotator's gold set: the engine is scored on it too, and the two sets' agreement is printed.",
)
@_gold_option(
    "--third",
    "third_path",
    2,
    "A third, blind gold set (with pairs a reader would never make); scored when the file exists.",
    exists=False,
)
@click.option("--no-cv", "no_cv", is_flag=True, help="Skip the cross-validated figures (a refit per document pair).")
@click.option("--bar", type=float, default=None, help="Exit 1 when the pairing accuracy is below this.")
@json_option("Print the report as JSON (with every disagreement).")
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
@path_option(
    "--gold",
    "gold_paths",
    file=True,
    exists=True,
    multiple=True,
    default=GOLD_SETS,
    show_default=True,
    help="Gold sets to fit on (repeat the option).",
)
@path_option(
    "--out",
    "out_path",
    file=True,
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
