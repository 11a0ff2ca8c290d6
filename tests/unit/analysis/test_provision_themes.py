"""The provision_themes table of the fixture package: evidence that points back into the seed files, tags that are
the tagger's; and the `tag` command. The shipped package's own facts are in
tests/integration/test_shipped_tables.py."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from dashboard.analysis.themes import tag_result
from dashboard.cli import main
from dashboard.corpus.normalise import normalise_text


def load(data: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return (
        pd.read_parquet(data / "provision_themes.parquet"),
        pd.read_parquet(data / "provisions.parquet"),
        pd.read_parquet(data / "documents.parquet"),
    )


def test_every_piece_of_evidence_slices_back_out_of_its_seed(fixture_data, fixture_seeds):
    data, seeds = fixture_data, fixture_seeds
    tags, provisions, documents = load(data)
    assert not tags.empty
    text_of = provisions.set_index("id")["text"]
    held = documents[documents["held"]]
    raw = {d.id: (seeds / d.seed_file).read_text(encoding="utf-8") for d in held.itertuples()}
    for row in tags.itertuples():
        assert len(row.evidence) == len(row.terms) == len(row.starts) == len(row.source_starts) > 0
        spans = zip(row.evidence, row.starts, row.ends, row.source_starts, row.source_ends, strict=True)
        for words, start, end, src_start, src_end in spans:
            assert text_of[row.provision_id][start:end] == words
            assert normalise_text(raw[row.document_id][src_start:src_end]) == words


def test_stored_tags_are_the_taggers_and_ranked(fixture_data):
    tags, provisions, _ = load(fixture_data)
    assert not tags.empty and not tags.duplicated(["provision_id", "theme_id"]).any()
    for pid, group in tags.groupby("provision_id"):
        assert list(group["rank"]) == list(range(1, len(group) + 1))
        assert list(group["score"]) == sorted(group["score"], reverse=True)
    stored = tags.groupby("provision_id")["theme_id"].apply(set)
    for p in provisions.itertuples():
        assert {t["id"] for t in tag_result(p.text)["themes"]} == stored.get(p.id, set())


# ---------------------------------------------------------------- the commands
def test_tag_json_is_the_library_result(tmp_path: Path):
    text = "Promote cultural diplomacy and the protection of citizens abroad; implement the Agenda 2030."
    runner = CliRunner()
    by_text = runner.invoke(main, ["tag", "--text", text, "--json"])
    assert by_text.exit_code == 0, by_text.output
    assert json.loads(by_text.output) == tag_result(text)
    path = tmp_path / "provision.txt"
    path.write_text(text, encoding="utf-8")
    by_file = runner.invoke(main, ["tag", "--file", str(path), "--json"])
    assert json.loads(by_file.output) == json.loads(by_text.output)
    plain = runner.invoke(main, ["tag", "--text", text])
    assert plain.exit_code == 0 and plain.output.startswith("overseas_vietnamese")


@pytest.mark.parametrize(
    "args, where",
    [
        ([], "tag: options:"),
        (["--text", "x", "--file", "y.txt"], "tag: options:"),
        (["--file", "missing.txt"], "missing.txt: file:"),
    ],
)
def test_tag_refuses_bad_input_with_one_line(args, where, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["tag", *args])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {where}")


def test_tag_refuses_a_file_that_is_not_utf8(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("văn hóa".encode("utf-16"))
    result = CliRunner().invoke(main, ["tag", "--file", str(path)])
    assert result.exit_code == 2 and result.output.startswith(f"error: {path}: byte ")
