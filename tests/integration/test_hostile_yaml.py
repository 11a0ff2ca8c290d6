"""YAML alias bombs in every kind of YAML file the build reads: refused by the real `policy-timeline build` in one
`error:` line naming the file and line, exit 2, before anything is expanded, and --out left as it was."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dashboard.analysis.codebook import CODEBOOK_FILE
from dashboard.corpus.yamlfile import parse_yaml, read_yaml
from dashboard.errors import NotYaml

from .test_hostile_build import assert_refused, build, digest, published  # noqa: F401 (fixture)


def bomb(levels: int = 9) -> str:
    """A billion-laughs document: each level lists nine aliases of the one before (9**levels strings)."""
    text, previous = 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n', "l0"
    for level in range(1, levels + 1):
        text += f"l{level}: &l{level} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
        previous = f"l{level}"
    return text


@pytest.mark.parametrize("name", ["package.yml", "notes.yml", "cited.yml", "relations.yml", "references.yml",
                                  "vocabulary.yml", "alpha.yml"])
def test_an_alias_bomb_in_any_corpus_yaml_file_is_refused(name: str, seeds_copy: Path, published: Path):  # noqa: F811
    before = digest(published)
    target = seeds_copy / name
    # in front of the file's own content, so the rest of the file cannot be what is refused
    target.write_text(bomb() + (target.read_text(encoding="utf-8") if target.exists() else ""), encoding="utf-8")
    start = time.perf_counter()
    result = build(seeds_copy, published)
    elapsed = time.perf_counter() - start
    lines = assert_refused(result, published, before, name, "line 1")
    assert "anchors and aliases" in lines[0]
    assert elapsed < 120  # a generous bound for a loaded machine; 9**10 strings would never finish


def test_a_lone_alias_is_refused_with_its_line(seeds_copy: Path, published: Path):  # noqa: F811
    before = digest(published)
    package = seeds_copy / "package.yml"
    package.write_text(package.read_text(encoding="utf-8") + "\nextra: *nothing\n", encoding="utf-8")
    lines = assert_refused(build(seeds_copy, published), published, before, "package.yml", "line")
    assert "anchors and aliases" in lines[0]


def test_the_shipped_yaml_files_load_through_the_same_loader(tmp_path: Path):
    assert read_yaml(CODEBOOK_FILE)  # the codebook (and gazetteer, actors) use no anchors
    planted = tmp_path / "codebook.yml"
    planted.write_text(bomb(3), encoding="utf-8")
    with pytest.raises(NotYaml) as caught:
        read_yaml(planted)
    assert caught.value.where == "line 1"
    assert parse_yaml("a: [1, 2]\nissued: 2025-01-02\n", "x.yml") == {"a": [1, 2], "issued": "2025-01-02"}


def test_a_sidecar_that_is_not_utf8_is_called_a_sidecar(seeds_copy: Path, published: Path):  # noqa: F811
    before = digest(published)
    sidecar = seeds_copy / "alpha.yml"
    sidecar.write_bytes(sidecar.read_bytes() + b"\nfacts_note: caf\xe9\n")
    lines = assert_refused(build(seeds_copy, published), published, before, "alpha.yml", "byte")
    assert "sidecar" in lines[0] and "seed text" not in lines[0]
