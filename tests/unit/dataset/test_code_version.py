"""The build cache's code version: what the per-document step reads invalidates the cache; the diff engine, which
a build never runs, does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import dashboard
from dashboard.dataset.perdoc import code_files

ROOT = Path(dashboard.__file__).resolve().parent


def test_the_code_version_covers_the_analysis_the_build_runs_and_not_the_diff_engine():
    files = {p.relative_to(ROOT).as_posix() for p in code_files(ROOT)}
    assert {"analysis/themes.py", "analysis/codebook.yml", "corpus/normalise.py", "dataset/perdoc.py"} <= files
    assert any(f.startswith("dataset/schema/") for f in files)
    assert not any(f.startswith("analysis/diff/") for f in files)
    assert all(ROOT.joinpath(f).is_file() for f in files)


def test_a_copy_of_the_package_with_a_changed_diff_engine_has_the_same_files_and_a_changed_theme_file_is_read(
    tmp_path: Path,
):
    copy = tmp_path / "dashboard"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("__pycache__", "*.npz"))
    (copy / "analysis" / "diff" / "new_engine_part.py").write_text("X = 1\n", encoding="utf-8")
    (copy / "analysis" / "new_theme_rule.yml").write_text("x: 1\n", encoding="utf-8")
    got = {p.relative_to(copy).as_posix() for p in code_files(copy)}
    assert got == {p.relative_to(ROOT).as_posix() for p in code_files(ROOT)} | {"analysis/new_theme_rule.yml"}
