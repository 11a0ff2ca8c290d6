"""What the `policy-timeline` subcommands share: path options and --data, --json, the one-line error, comma lists."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from dashboard.paths import DATA_DIR

F = TypeVar("F", bound=Callable[..., Any])


def path_option(*names: str, file: bool = False, exists: bool = False, **settings: Any) -> Callable[[F], F]:
    """Return a click option whose value is a `Path`: a file (not a folder) when `file`, one that must exist
    when `exists`; `settings` are click's (default, help, multiple, …)."""
    return click.option(*names, type=click.Path(exists=exists, dir_okay=not file, path_type=Path), **settings)


def json_option(help: str) -> Callable[[F], F]:
    """Return the `--json` flag (parameter `as_json`): print what the library returns as JSON; `help` says what."""
    return click.option("--json", "as_json", is_flag=True, help=help)


DATA_OPTION = path_option(
    "--data", "data_dir", default=DATA_DIR, envvar="POLICY_TIMELINE_DATA", show_default=True,
    help="Data package folder.",
)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line to stderr and exit with `code`."""
    click.echo(message if message.startswith("error:") else f"error: {message}", err=True)
    sys.exit(code)


def split_values(values: tuple[str, ...]) -> tuple[str, ...]:
    """Return the values of a repeated option, each possibly a comma list (`--pin a,b --pin c`)."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())
