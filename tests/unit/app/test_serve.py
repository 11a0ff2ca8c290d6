"""`policy-timeline serve`: loopback and no debug unless asked, said in --help."""

from __future__ import annotations

from click.testing import CliRunner

from dashboard.cli import main
from dashboard.settings import DEFAULT_HOST, DEFAULT_PORT


def test_serve_defaults_are_safe_and_documented() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "--debug" in result.output
    assert DEFAULT_HOST == "127.0.0.1" and DEFAULT_PORT == 8050


def test_serve_without_a_data_package_fails_in_one_line(tmp_path) -> None:
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error:") and "no data package here" in result.output
