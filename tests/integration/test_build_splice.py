"""A rebuild over the package it replaces takes the unchanged documents' rows of the per-document tables from that
package's files (dataset.splice) instead of the build cache: the same bytes as a cold build, whatever changed."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pyarrow.feather as feather
import pyarrow.parquet as pq
import pytest

from dashboard import errors
from dashboard.dataset.build import run as build_package
from dashboard.dataset.parallel import CHUNKS, DocumentRunner
from dashboard.dataset.perdoc import CHUNKED_TABLES
from dashboard.dataset.splice import ARROW_DIR
from tests.package_files import cold, files

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from bench_build_parallel import corpora  # noqa: E402
from generate_corpus import read_material  # noqa: E402


def rebuild(seeds: Path, out: Path, cache: Path) -> DocumentRunner:
    runner = DocumentRunner(jobs=1, cache_dir=cache)
    build_package(seeds, out, runner=runner)
    return runner


TABLES = [*CHUNKED_TABLES, "mentions"]  # the tables taken from the previous package, kept as Arrow files


def table_rows(out: Path, name: str) -> int:
    return pq.ParquetFile(out / f"{name}.parquet").metadata.num_rows


def kept_rows(cache: Path, token: str) -> int:
    # the rows one build kept in its own Arrow files (dataset.kept), over every table
    return sum(feather.read_table(str(p), memory_map=True).num_rows for p in (cache / ARROW_DIR / token).iterdir())


def copy_as_new(seeds: Path, sidecar: Path, number: str, name: str) -> None:
    # a copy of a generated document under a new number (symbol and id), dated as the original: it takes its
    # place in corpus order beside the original
    head = dict(line.split(": ", 1) for line in sidecar.read_text(encoding="utf-8").splitlines()[:2])
    renumber = lambda text: text.replace(head["symbol"], re.sub(r"^\d+", number, head["symbol"])).replace(  # noqa: E731
        head["id"], re.sub(r"^\d+", number, head["id"]))
    for src in (sidecar, sidecar.with_suffix(".txt")):
        (seeds / f"{name}{src.suffix}").write_text(renumber(src.read_text(encoding="utf-8")), encoding="utf-8")


def test_an_added_document_takes_the_others_rows_from_the_previous_package(warm, tmp_path: Path):
    full, out, cache = warm
    runner = rebuild(full, out, cache)
    assert (runner.processed, runner.cached, runner.reused, runner.mentions_reused) == (1, 12, 12, 12)
    assert files(out) == cold(full, tmp_path / "cold")
    # the add kept its new rows alone beside the first build's files, which its tables' parts still name
    kept = list((cache / ARROW_DIR).iterdir())
    assert len(kept) == 2 and all(sorted(p.stem for p in k.iterdir()) == sorted(TABLES) for k in kept)
    assert 0 < kept_rows(cache, runner.splicer.token) * 5 < sum(table_rows(out, name) for name in TABLES)
    # and again, with nothing changed: every document's rows from the package just written, its tables read from
    # the Arrow files the builds kept, or from its Parquet twins when they are gone
    again = rebuild(full, out, cache)
    assert (again.reused, again.mentions_reused) == (13, 13)
    assert files(out) == files(tmp_path / "cold")
    shutil.rmtree(cache / ARROW_DIR)
    assert rebuild(full, out, cache).reused == 13
    assert files(out) == files(tmp_path / "cold")


def test_edited_removed_and_inserted_documents_match_a_cold_build(warm, tmp_path: Path):
    full, out, cache = warm
    rebuild(full, out, cache)
    sidecars = sorted(p for p in full.glob("*.yml") if p.with_suffix(".txt").exists())
    # a document inserted in the middle of the corpus order, one edited, one removed
    copy_as_new(full, sidecars[5], "8888", "inserted")
    edited = sidecars[3]
    title = next(line for line in edited.read_text(encoding="utf-8").splitlines() if line.startswith("title_en:"))
    edited.write_text(edited.read_text(encoding="utf-8").replace(title, "title_en: An edited title"), "utf-8")
    sidecars[8].with_suffix(".txt").unlink()
    sidecars[8].unlink()
    runner = rebuild(full, out, cache)
    assert (runner.processed, runner.reused) == (2, 11)
    assert files(out) == cold(full, tmp_path / "cold")
    assert "An edited title" in (out / "documents.csv").read_text(encoding="utf-8")


def test_a_package_edited_by_hand_is_not_reused(warm, tmp_path: Path):
    full, out, cache = warm
    provisions = out / "provisions.csv"
    provisions.write_bytes(provisions.read_bytes().replace(b"a", b"b", 1))
    runner = rebuild(full, out, cache)
    assert runner.reused == 0  # the rows come from the cache, and the edited file is replaced
    assert files(out) == cold(full, tmp_path / "cold")


def test_rows_missing_from_the_cache_are_written_again(warm, tmp_path: Path):
    # a new --out (no previous package) over a cache whose written rows were deleted: each document's rows are
    # written again from its cached result
    full, _, cache = warm
    shutil.rmtree(cache / CHUNKS)
    runner = rebuild(full, tmp_path / "elsewhere", cache)
    assert (runner.cached, runner.reused) == (12, 0)
    assert files(tmp_path / "elsewhere") == cold(full, tmp_path / "cold")


def test_bad_input_leaves_the_previous_package_as_it_was(warm):
    full, out, cache = warm
    before = files(out)
    (full / "added.yml").write_text("symbol: [unclosed\n", encoding="utf-8")
    with pytest.raises(errors.BuildFailed) as caught:
        rebuild(full, out, cache)
    assert [Path(e.file).name for e in caught.value.errors] == ["added.yml"]
    assert files(out) == before


def test_a_document_citing_the_added_one_has_its_mentions_found_again(tmp_path: Path):
    # an unchanged document that cites the added document's symbol: its mentions change with the add (its
    # fingerprint does), so its rows are not cut from the previous package; the others' are
    base, full = corpora(12, 8, tmp_path, read_material())
    symbol = next(line for line in (full / "added.yml").read_text(encoding="utf-8").splitlines()
                  if line.startswith("symbol: ")).removeprefix("symbol: ")
    citing = sorted(base.glob("*.txt"))[2].name
    for folder in (base, full):
        text = (folder / citing).read_text(encoding="utf-8")
        (folder / citing).write_text(text.replace("\na) ", f"\na) Carry out Conclusion No. {symbol}; ", 1), "utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_package(base, out, runner=DocumentRunner(jobs=1, cache_dir=cache))
    assert symbol in (out / "mentions.csv").read_text(encoding="utf-8")
    runner = rebuild(full, out, cache)
    assert (runner.processed, runner.reused, runner.mentions_reused) == (1, 12, 11)
    assert files(out) == cold(full, tmp_path / "cold")
