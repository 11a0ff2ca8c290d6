"""The README tells the truth: its data dictionary matches the schemas, and every subcommand is documented."""

from __future__ import annotations

import json

from click.testing import CliRunner

from dashboard.cli import main
from dashboard.dataset.docs import END, START, data_dictionary
from dashboard.dataset.package import resource_schemas


def test_every_schema_field_has_a_description():
    for resource in resource_schemas():
        assert resource.get("description"), resource["name"]
        for field in resource["schema"]["fields"]:
            assert field.get("description", "").strip(), f"{resource['name']}.{field['name']}"


def test_readme_data_dictionary_is_current(repo_dir):
    readme = (repo_dir / "README.md").read_text(encoding="utf-8")
    block = readme.split(START, 1)[1].split(END, 1)[0]
    assert block.strip() == data_dictionary().strip(), "run `python -m dashboard.dataset.docs README.md`"


def test_every_subcommand_is_in_the_readme(repo_dir):
    readme = (repo_dir / "README.md").read_text(encoding="utf-8")
    for name in main.list_commands(None):
        assert f"policy-timeline {name}" in readme, name


def test_shipped_package_descriptor_matches_the_schemas(shipped_data):
    package = json.loads((shipped_data / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == [r["name"] for r in resource_schemas()]


def test_help_works_for_every_subcommand():
    runner = CliRunner()
    for name in main.list_commands(None):
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
