"""bench/generate_corpus.py, on which the build and callback benchmarks rest: the same seed gives the same files,
and what it writes is a valid corpus that exercises the structure and the analysis like the real seeds."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from dashboard.paths import REPO_DIR
from tests.package_files import files

sys.path.insert(0, str(REPO_DIR / "bench"))

from generate_corpus import generate, read_material  # noqa: E402


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path):
    material = read_material()
    ids = generate(tmp_path / "a", 12, seed=3, material=material)
    generate(tmp_path / "b", 12, seed=3, material=material)
    generate(tmp_path / "c", 12, seed=4, material=material)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")
    assert len(ids) == len(set(ids)) == 12


def test_the_generated_corpus_builds_and_exercises_every_table(tmp_path: Path):
    seeds, out = tmp_path / "seeds", tmp_path / "data"
    generate(seeds, 12, seed=8)
    result = subprocess.run([sys.executable, "-m", "dashboard", "build", "--quiet", "--seeds", str(seeds),
                             "--out", str(out)], capture_output=True, text=True, cwd=REPO_DIR, timeout=600)
    assert result.returncode == 0, result.stderr
    documents = rows(out, "documents")
    assert sum(d["held"] == "true" for d in documents) == 12
    assert len({d["issuer"] for d in documents}) >= 4 and len({d["doc_type"] for d in documents}) >= 4
    provisions = rows(out, "provisions")
    kinds = {p["kind"] for p in provisions}
    assert {"part", "item", "point", "bullet", "commentary"} <= kinds
    assert any(p["label"].count(".") >= 2 for p in provisions)  # decimal sub-items, 2.1.1
    for table in ("provision_themes", "mentions", "targets", "relations", "assignments"):
        assert rows(out, table), table
