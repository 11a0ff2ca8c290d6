"""The parallel, incremental build: the same bytes whatever the jobs, the cache or the Dask cluster; unchanged
seeds are not processed again; bad input found in a worker is the same typed error, all of them collected."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import errors
from dashboard.dataset.build import run as build_package
from dashboard.dataset.parallel import DocumentRunner
from tests.package_files import files
from tests.unit.analysis.test_entities import add_gamma

BAD = Path(__file__).parents[1] / "fixtures" / "bad"
CLI = [sys.executable, "-m", "dashboard"]


def failure(seeds: Path, out: Path, runner: DocumentRunner) -> list[tuple[str, str]]:
    with pytest.raises(errors.BuildFailed) as caught:
        build_package(seeds, out, runner=runner)
    assert not out.exists()
    return [(e.code, e.render()) for e in caught.value.errors]


def test_one_and_two_jobs_write_the_same_bytes(seeds_copy: Path, tmp_path: Path, fixture_data: Path):
    seeds = add_gamma(seeds_copy)
    one, two = tmp_path / "one", tmp_path / "two"
    build_package(seeds, one, runner=DocumentRunner(jobs=1))
    runner = DocumentRunner(jobs=2)
    build_package(seeds, two, runner=runner)
    assert runner.processed == 3
    assert files(one) == files(two)
    assert "gamma" in (two / "documents.csv").read_text(encoding="utf-8").lower()


def test_two_jobs_on_the_fixture_match_the_one_process_build(fixture_seeds: Path, fixture_data: Path,
                                                             tmp_path: Path):
    build_package(fixture_seeds, tmp_path / "data", runner=DocumentRunner(jobs=2))
    assert files(tmp_path / "data") == files(fixture_data)


def test_adding_a_document_processes_only_that_one(seeds_copy: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    first = DocumentRunner(jobs=2, cache_dir=cache)
    build_package(seeds_copy, tmp_path / "before", runner=first)
    assert (first.processed, first.cached) == (2, 0)

    add_gamma(seeds_copy)
    second = DocumentRunner(jobs=2, cache_dir=cache)
    build_package(seeds_copy, tmp_path / "cached", runner=second)
    assert (second.processed, second.cached) == (1, 2)
    build_package(seeds_copy, tmp_path / "fresh", runner=DocumentRunner(jobs=1))
    assert files(tmp_path / "cached") == files(tmp_path / "fresh")

    # a changed sidecar is processed again, and its new facts are in the output
    sidecar = seeds_copy / "beta.yml"
    title = next(line for line in sidecar.read_text(encoding="utf-8").splitlines() if line.startswith("title_en:"))
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace(title, "title_en: Renamed beta resolution"),
                       encoding="utf-8")
    third = DocumentRunner(jobs=1, cache_dir=cache)
    build_package(seeds_copy, tmp_path / "renamed", runner=third)
    assert (third.processed, third.cached) == (1, 2)
    assert "Renamed beta resolution" in (tmp_path / "renamed" / "documents.csv").read_text(encoding="utf-8")


def _apply_defect(seeds: Path, defect: str) -> None:
    for src in (BAD / defect).iterdir():
        if src.name.endswith(".delete"):
            (seeds / src.name.removesuffix(".delete")).unlink()
        else:
            shutil.copy(src, seeds / src.name)


@pytest.mark.parametrize("defects", [("missing-sidecar",), ("not-yaml", "empty-seed"),
                                     ("body-span-not-in-text", "binary-seed"), ("duplicate-id",)])
def test_errors_found_in_workers_are_the_same_typed_errors(seeds_copy: Path, tmp_path: Path, defects):
    for defect in defects:
        _apply_defect(seeds_copy, defect)
    alone = failure(seeds_copy, tmp_path / "one", DocumentRunner(jobs=1))
    pooled = failure(seeds_copy, tmp_path / "two", DocumentRunner(jobs=2, cache_dir=tmp_path / "cache"))
    assert pooled == alone
    assert len(alone) >= len(defects)


def test_oversized_and_dangling_seeds_fail_alike_in_workers(seeds_copy: Path, tmp_path: Path):
    with (seeds_copy / "beta.txt").open("r+b") as handle:
        handle.truncate(64 * 1024**3)  # sparse: never read, refused by its size
    (seeds_copy / "alpha.txt").unlink()
    (seeds_copy / "alpha.txt").symlink_to("missing.txt")
    alone = failure(seeds_copy, tmp_path / "one", DocumentRunner(jobs=1))
    assert [code for code, _ in alone] == ["missing-sidecar", "too-large"]
    assert failure(seeds_copy, tmp_path / "two", DocumentRunner(jobs=2)) == alone


def test_cli_reports_what_the_cache_saved(fixture_seeds: Path, tmp_path: Path):
    command = [*CLI, "build", "--seeds", str(fixture_seeds), "--out", str(tmp_path / "data"), "--jobs", "2"]
    first = subprocess.run(command, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "documents: 2 processed, 0 from cache" in first.stderr
    assert (tmp_path / ".cache" / "build").is_dir()  # beside --out by default
    again = subprocess.run(command, capture_output=True, text=True)
    assert "documents: 0 processed, 2 from cache" in again.stderr
    quiet = subprocess.run([*command, "--quiet", "--no-cache"], capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_dask_cluster_builds_the_same_bytes(seeds_copy: Path, tmp_path: Path):
    distributed = pytest.importorskip("dask.distributed")
    seeds = add_gamma(seeds_copy)
    build_package(seeds, tmp_path / "local", runner=DocumentRunner(jobs=1))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        runner = DocumentRunner(scheduler=cluster.scheduler_address)
        build_package(seeds, tmp_path / "cluster", runner=runner)
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    assert runner.processed == 3
    assert files(tmp_path / "cluster") == files(tmp_path / "local")


def test_unreachable_scheduler_is_one_error_line(fixture_seeds: Path, tmp_path: Path):
    pytest.importorskip("dask.distributed")
    result = subprocess.run([*CLI, "build", "--quiet", "--seeds", str(fixture_seeds), "--out", str(tmp_path / "d"),
                             "--scheduler", "tcp://127.0.0.1:9"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("error: tcp://127.0.0.1:9: --scheduler: ")
    assert not (tmp_path / "d").exists()


def test_one_document_added_over_a_warm_cache_matches_a_cold_build(tmp_path: Path):
    # a generated corpus, so that term emergence (merged from each document's cached term counts) has new and
    # dropped terms to find, and the added document is the latest: it changes the emergence of the others
    sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
    from bench_build_parallel import corpora
    from generate_corpus import read_material

    base, full = corpora(12, 8, tmp_path, read_material())
    cache = tmp_path / "cache"
    build_package(base, tmp_path / "warm", runner=DocumentRunner(jobs=2, cache_dir=cache))
    added = DocumentRunner(jobs=1, cache_dir=cache)
    build_package(full, tmp_path / "warm", runner=added)  # over the previous package, as `build` is run again
    assert (added.processed, added.cached) == (1, 12)
    build_package(full, tmp_path / "cold", runner=DocumentRunner(jobs=1))
    assert files(tmp_path / "warm") == files(tmp_path / "cold")
    assert "added" in (tmp_path / "cold" / "seed_texts.csv").read_text(encoding="utf-8")


def test_mentions_kept_in_the_cache_follow_the_documents_added_and_removed(seeds_copy: Path, tmp_path: Path):
    # gamma cites 77/QĐ-TTg, a symbol no seed bears: a symbol entity. Adding a seed with that symbol turns gamma's
    # cached mention into a mention of that document; removing it turns it back. Each time as a cold build.
    from tests.unit.analysis.test_entities import GAMMA_SIDECAR, GAMMA_TEXT

    add_gamma(seeds_copy)
    cache = tmp_path / "cache"
    build_package(seeds_copy, tmp_path / "warm", runner=DocumentRunner(jobs=2, cache_dir=cache))
    assert "77-qd-ttg" in (tmp_path / "warm" / "entities.csv").read_text(encoding="utf-8").casefold()
    (seeds_copy / "delta.txt").write_text(GAMMA_TEXT.replace("Plan of the", "Decision of the"), encoding="utf-8")
    (seeds_copy / "delta.yml").write_text(
        GAMMA_SIDECAR.replace("3/KH-BNG", "77/QĐ-TTg").replace("Plan of the", "Decision of the")
        .replace("example.org/gamma", "example.org/delta"), encoding="utf-8")
    for step in ("added", "removed"):
        warm = DocumentRunner(jobs=1, cache_dir=cache)
        build_package(seeds_copy, tmp_path / "warm", runner=warm)
        assert warm.processed == (1 if step == "added" else 0)
        build_package(seeds_copy, tmp_path / f"cold-{step}", runner=DocumentRunner(jobs=1))
        assert files(tmp_path / "warm") == files(tmp_path / f"cold-{step}")
        mentions = (tmp_path / "warm" / "mentions.csv").read_text(encoding="utf-8")
        assert (",77-qd-ttg," in mentions) == (step == "removed"), step
        (seeds_copy / "delta.txt").unlink(missing_ok=True)
        (seeds_copy / "delta.yml").unlink(missing_ok=True)


def test_a_worker_sends_back_its_document_chunks_and_counts_and_leaves_its_rows_in_the_cache(
    fixture_seeds: Path, tmp_path: Path
):
    from dashboard.corpus.load import load_corpus
    from dashboard.dataset.parallel import CHUNKS, BuildCache, Written, _process_and_keep
    from dashboard.dataset.perdoc import CHUNKED_TABLES, DOCUMENT_TABLES, make_task

    seen = {}

    def loader(texts, vocabulary, shown):  # the corpus loader's hand-over, captured to make one document's task
        seen.update(texts=texts, vocabulary=vocabulary, shown=shown)
        return DocumentRunner(jobs=1).load(texts, vocabulary, shown)

    load_corpus(fixture_seeds, loader)
    task = make_task(seen["texts"][0], seen["vocabulary"], seen["shown"])
    key = "ab" + "0" * 62
    sent = _process_and_keep(tmp_path, (task, key))
    # what crosses the pipe to the build: no corpus-level step reads a document's rows, so they are not sent
    assert sent.document is not None and sent.tables == {}
    assert set(sent.chunks) == set(CHUNKED_TABLES) and sent.terms is not None
    # the cache keeps them, for a later build that needs them again
    kept = BuildCache(tmp_path / CHUNKS, Written).get(key)
    assert kept is not None and set(kept.tables) == set(DOCUMENT_TABLES) and kept.tables["provision_themes"]
    assert {n: c.csv for n, c in kept.chunks.items()} == {n: c.csv for n, c in sent.chunks.items()}
