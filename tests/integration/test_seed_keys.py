"""A build over a cache takes each unchanged seed's cache key from the stat its index recorded (dataset.seed_keys)
instead of reading and hashing the seed; an edited seed is read and processed again, even one whose size and mtime
were kept; a seed written within the racy interval is not recorded. Every package is a cold build's."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from dashboard.dataset import seed_keys
from tests.package_files import build, files

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from bench_build_parallel import corpora  # noqa: E402
from generate_corpus import read_material  # noqa: E402


@pytest.fixture
def seeds(tmp_path: Path) -> tuple[Path, Path]:
    """12 generated documents in one seeds folder, and the 13th (`added.txt`, `added.yml`) in another."""
    base, full = corpora(12, 8, tmp_path, read_material())
    return base, full


def test_an_add_reads_the_added_seed_alone(seeds, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(seed_keys, "RACY_NS", 0)  # (the seeds were written a moment ago)
    base, full = seeds
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert build(base, out, cache).seeds_read == 12
    assert build(base, out, cache).seeds_read == 0
    for name in ("added.txt", "added.yml"):
        shutil.copy(full / name, base / name)
    runner = build(base, out, cache)
    assert (runner.seeds_read, runner.processed, runner.cached) == (1, 1, 12)
    build(full, tmp_path / "cold")
    assert files(out) == files(tmp_path / "cold")


def test_an_edit_keeping_size_and_mtime_is_processed_again(seeds, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(seed_keys, "RACY_NS", 0)
    base, _ = seeds
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(base, out, cache)
    text = sorted(base.glob("*.txt"))[3]
    before = text.stat()
    body = text.read_text(encoding="utf-8")
    edited = body.replace("a) ", "b) ", 1)
    assert edited != body and len(edited.encode()) == before.st_size
    text.write_text(edited, encoding="utf-8")
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns))  # (what cp -p or rsync -t leave)
    runner = build(base, out, cache)
    assert (runner.seeds_read, runner.processed) == (1, 1)
    build(base, tmp_path / "cold")
    assert files(out) == files(tmp_path / "cold")


def test_seeds_changed_within_the_racy_interval_are_not_recorded(seeds, tmp_path: Path):
    base, _ = seeds
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(base, out, cache)
    assert build(base, out, cache).seeds_read == 12  # (written a moment ago: read again until they are older)


def test_an_unreadable_index_or_another_vocabulary_reads_every_seed(seeds, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(seed_keys, "RACY_NS", 0)
    base, _ = seeds
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(base, out, cache)
    (cache / seed_keys.INDEX).write_bytes(b"not a pickle")
    assert build(base, out, cache).seeds_read == 12
    assert build(base, out, cache).seeds_read == 0
    vocabulary = base / "vocabulary.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # same vocabulary
    assert build(base, out, cache).seeds_read == 0
    monkeypatch.setattr(seed_keys, "MAX_SEED_BYTES", seed_keys.MAX_SEED_BYTES + 1)  # another scope
    assert build(base, out, cache).seeds_read == 12
