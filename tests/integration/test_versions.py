"""A document held in two languages is one document with two versions in the package; theme shares count it once;
`version_of` naming an unknown document is one error line."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from frictionless import validate

from dashboard.dataset.build import run as build_package
from dashboard.paths import REPO_DIR
from tests.bilingual import DOC_ID, VI_ID, bilingual_seeds


def _rows(data: Path, table: str) -> list[dict[str, str]]:
    with (data / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def bilingual_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bilingual")
    out = root / "data"
    build_package(bilingual_seeds(root / "seeds"), out)
    return out


def test_one_document_two_versions(bilingual_data: Path):
    versions = [r for r in _rows(bilingual_data, "document_versions") if r["document_id"] == DOC_ID]
    assert [(r["version"], r["version_id"], r["primary"], r["counted"]) for r in versions] == [
        ("en", DOC_ID, "true", "true"), ("vi", VI_ID, "false", "false")]
    assert [r["source_kind"] for r in versions] == ["official_translation", "official_text"]
    docs = {r["id"]: r for r in _rows(bilingual_data, "documents")}
    assert docs[VI_ID]["version_of"] == DOC_ID and docs[DOC_ID]["version_of"] == ""
    languages = {r["id"]: r["language"] for r in _rows(bilingual_data, "provisions")}
    assert languages[f"{VI_ID}:1.a"] == "vi" and languages[f"{DOC_ID}:1.a"] == "en"
    assert validate(bilingual_data / "datapackage.json").valid


def test_theme_shares_count_one_version_per_document(bilingual_data: Path):
    measured = {r["document_id"] for r in _rows(bilingual_data, "theme_measures")}
    assert DOC_ID in measured and VI_ID not in measured


def _build(seeds: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard", "build", "--seeds", str(seeds), "--out", str(out),
                           "--quiet"], cwd=REPO_DIR, capture_output=True, text=True, timeout=300)


def test_version_of_an_unknown_document_is_one_error_line(tmp_path: Path):
    seeds = bilingual_seeds(tmp_path / "seeds")
    sidecar = seeds / "gamma_vi.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("version_of: 7-NQ-TW-2021",
                                                                   "version_of: 9-NQ-TW-2021"), encoding="utf-8")
    done = _build(seeds, tmp_path / "data")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "gamma_vi.yml: version_of: unknown document '9-NQ-TW-2021'" in lines[0]
    assert not (tmp_path / "data").exists()


def test_two_versions_in_one_language_are_refused(tmp_path: Path):
    seeds = bilingual_seeds(tmp_path / "seeds")
    sidecar = seeds / "gamma_vi.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("language: vi", "language: en"),
                       encoding="utf-8")
    done = _build(seeds, tmp_path / "data")
    assert done.returncode == 2 and "version_of" not in done.stderr
    assert "gamma_vi.yml: language: '7-NQ-TW-2021' already has a version in 'en'" in done.stderr
