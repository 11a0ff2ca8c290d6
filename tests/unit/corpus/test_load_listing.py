"""The seeds folder is listed with strings (os.scandir), and what the loader finds, in which order, and which
links it refuses are what Path.glob, sorted Paths and Path.resolve gave: dot files, folders and dangling links
named like seeds included."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dashboard import errors
from dashboard.corpus.listing import CORPUS_FILES, linked_out, orphans, seed_names
from dashboard.corpus.load import load_corpus

FIXTURE = Path(__file__).parents[2] / "fixtures" / "seeds"


def _tricky_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("x", encoding="utf-8")
    for name in [
        "b.txt",
        "b.yml",
        "B.txt",
        "a.yml",
        ".hidden.txt",
        ".yml",
        "z.YML",
        "é.txt",
        "a b.yml",
        "a.txt.bak",
        "vocabulary.yml",
        "10.txt",
        "9.txt",
        "notes.txt",
    ]:
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "dir.txt").mkdir()
    (folder / "inside.txt").symlink_to(folder / "b.txt")
    (folder / "relative.yml").symlink_to("b.yml")
    (folder / "out.txt").symlink_to(outside)
    (folder / "dotdot.yml").symlink_to("../elsewhere.txt")
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    return folder


def test_names_and_order_are_what_sorted_globs_gave(tmp_path: Path):
    folder = _tricky_folder(tmp_path)
    names, links = seed_names(folder)
    assert [folder / n for n in names] == sorted([*folder.glob("*.txt"), *folder.glob("*.yml")])
    assert [folder / n for n in names if n.endswith(".txt")] == sorted(folder.glob("*.txt"))
    assert links == ["dangling.txt", "dotdot.yml", "inside.txt", "out.txt", "relative.yml"]


def test_the_links_refused_are_those_path_resolve_puts_outside(tmp_path: Path):
    folder = _tricky_folder(tmp_path)
    names, links = seed_names(folder)
    root = folder.resolve()
    expected = [n for n in names if not (folder / n).resolve().is_relative_to(root)]
    assert linked_out(folder, links) == expected == ["dotdot.yml", "out.txt"]


def test_a_relative_seeds_path_through_a_linked_folder_is_read_the_same(tmp_path: Path, monkeypatch):
    folder = _tricky_folder(tmp_path)
    (tmp_path / "via").symlink_to(folder)
    monkeypatch.chdir(tmp_path)
    names, links = seed_names(Path("via"))
    assert linked_out(Path("via"), links) == ["dotdot.yml", "out.txt"]
    assert names == seed_names(folder)[0]


def test_orphans_are_the_sidecars_without_a_text_as_with_suffix_named_them(tmp_path: Path):
    folder = _tricky_folder(tmp_path)
    names, _ = seed_names(folder)
    texts = sorted(folder.glob("*.txt"))
    sidecars = {p.with_suffix(".txt") for p in folder.glob("*.yml") if p.name not in CORPUS_FILES}
    expected = [p.name for p in sorted(sidecars - set(texts))]
    assert orphans(names, {n for n in names if n.endswith(".txt")}) == expected
    assert ".yml.txt" in expected and "a b.txt" in expected


def test_a_seed_linked_outside_is_refused_before_anything_is_read(tmp_path: Path):
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE, seeds)
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (seeds / "zz.txt").symlink_to(tmp_path / "secret.txt")
    (seeds / "aa.yml").symlink_to(os.path.join("..", "secret.txt"))
    with pytest.raises(errors.BuildFailed) as caught:
        load_corpus(seeds)
    assert [e.render() for e in caught.value.errors] == [
        "error: seeds/aa.yml: file: links to a file outside the seeds folder",
        "error: seeds/zz.txt: file: links to a file outside the seeds folder",
    ]


def test_a_fixture_corpus_loads_in_date_order_with_an_orphan_sidecar_named(tmp_path: Path):
    seeds = tmp_path / "seeds"
    shutil.copytree(FIXTURE, seeds)
    assert [d.meta.seed_file for d in load_corpus(seeds).documents]
    (seeds / "lonely.yml").write_text("id: x\n", encoding="utf-8")
    with pytest.raises(errors.BuildFailed) as caught:
        load_corpus(seeds)
    assert [e.render() for e in caught.value.errors] == ["error: seeds/lonely.yml: file: no seed text lonely.txt"]
