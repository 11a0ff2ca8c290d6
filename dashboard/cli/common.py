"""What the `policy-timeline` subcommands share: the --data option, the one-line error, comma lists."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from dashboard.paths import DATA_DIR

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    default=DATA_DIR,
    envvar="POLICY_TIMELINE_DATA",
    show_default=True,
    help="Data package folder.",
)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line to stderr and exit with `code`."""
    click.echo(message if message.startswith("error:") else f"error: {message}", err=True)
    sys.exit(code)


def split_values(values: tuple[str, ...]) -> tuple[str, ...]:
    """Return the values of a repeated option, each possibly a comma list (`--pin a,b --pin c`)."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())
