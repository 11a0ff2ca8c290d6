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
from dashboard.paths import DATA_DIR, SEEDS_DIR
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


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def tag() -> None:
    """Tag a text with themes (--text TEXT | --file F) [--json]."""
    _not_yet("tag")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def diff() -> None:
    """Compare two documents: A B [--json | --html F]."""
    _not_yet("diff")


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
