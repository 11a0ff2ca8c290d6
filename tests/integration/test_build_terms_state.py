"""Term emergence from the state the build cache keeps: an added document gives the same package as a cold build."""

from __future__ import annotations

import pickle
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.dataset.build import run as build_package
from dashboard.dataset.cached_terms import TERMS
from dashboard.dataset.parallel import DocumentRunner

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from bench_build_parallel import corpora  # noqa: E402
from generate_corpus import read_material  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from test_build_splice import cold, copy_as_new, files, rebuild  # noqa: E402


@pytest.fixture
def warm(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A generated corpus of 12 documents and its latest document copied (`full`), built into `out` over
    `cache` from the 12."""
    base, full = corpora(12, 8, tmp_path, read_material())
    out, cache = tmp_path / "out", tmp_path / "cache"
    runner = DocumentRunner(jobs=1, cache_dir=cache)
    build_package(base, out, runner=runner)
    assert runner.term_path == "full (no state)"
    return full, out, cache


def latest(seeds: Path) -> Path:
    return sorted(p for p in seeds.glob("*.yml") if p.with_suffix(".txt").exists())[-1]


def test_added_documents_take_term_emergence_from_the_cached_state(warm, tmp_path: Path):
    full, out, cache = warm
    # the cached documents' term counts are kept apart from the entries every build reads (dataset.cached_terms):
    # an add reads those its term emergence asks for (here every one: the copied document makes phrases of
    # words the others use, whose rows are computed over their documents)
    entries = [p for p in cache.glob("??/*.pickle")]
    assert len(entries) == 12 and all(pickle.loads(p.read_bytes()).terms is None for p in entries)
    runner = rebuild(full, out, cache)
    assert (runner.term_path, runner.cached, runner.terms_read) == ("added", 12, 12)
    assert files(out) == cold(full, tmp_path / "cold")
    # a second add, from the state the first add left
    copy_as_new(full, latest(full), "99999", "added2")
    assert rebuild(full, out, cache).term_path == "added"
    assert files(out) == cold(full, tmp_path / "cold2")


def test_an_edit_falls_back_to_the_full_computation(warm, tmp_path: Path):
    full, out, cache = warm
    first = sorted(full.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nClimate change adaptation matters.\n", encoding="utf-8")
    runner = rebuild(full, out, cache)
    assert runner.term_path == "full (not one added document)"
    assert files(out) == cold(full, tmp_path / "cold")


def test_documents_added_one_by_one_give_the_full_computations_rows(tmp_path: Path):
    # a generated corpus built up one document at a time in order of issue: every add that takes the state's path
    # gives the rows of the full computation over the same documents (new dates, phrases that become terms or
    # stop being ones, written forms and themes that change)
    from generate_corpus import generate

    from dashboard.analysis.terms import term_emergence_rows
    from dashboard.corpus.load import load_corpus
    from dashboard.dataset import terms_add, terms_state
    from dashboard.dataset.build import base_tables

    generate(tmp_path / "seeds", 25, 3, read_material())
    runner = DocumentRunner(jobs=1)
    corpus = load_corpus(tmp_path / "seeds", runner.load)
    tables = base_tables(corpus)
    counted = runner.term_counts(corpus)
    ids = [next(iter(c.per_document)) for c in counted]
    held = sorted(tables["documents"], key=lambda d: (str(d["issued"]), d["id"]))

    def first(k: int) -> tuple[list, list, list, list]:
        keep = {d["id"] for d in held[:k]}
        return (
            [d for d in tables["documents"] if d["id"] in keep],
            [p for p in tables["provisions"] if p["document_id"] in keep],
            [c for c, i in zip(counted, ids, strict=True) if i in keep],
            [i for i in ids if i in keep],
        )

    _rows, state = terms_state.full(*first(3))
    added = 0
    for k in range(4, len(held) + 1):
        documents, provisions, counts, keys = first(k)
        assert state is not None
        rows, why = terms_add.add(state, documents, provisions, counts, keys)
        if rows is None:
            _rows, state = terms_state.full(documents, provisions, counts, keys)
            continue
        added += 1
        assert rows == term_emergence_rows(documents, provisions, None, counts), (k, why)
    assert added >= len(held) // 2


def test_term_counts_missing_from_the_cache_are_counted_again(warm, tmp_path: Path):
    # a cache without the documents' term counts (deleted): a full computation counts them again from their rows
    full, out, cache = warm
    shutil.rmtree(cache / TERMS)
    (cache / "term-emergence.pickle").unlink()
    runner = rebuild(full, out, cache)
    assert (runner.term_path, runner.terms_read) == ("full (no state)", 12)
    assert files(out) == cold(full, tmp_path / "cold")


def test_an_entry_holding_its_term_counts_is_read_and_kept_apart(warm, tmp_path: Path):
    # an entry written before the counts were kept apart (the counts inside it): read as it is, then split
    full, out, cache = warm
    for path in sorted((cache / TERMS).rglob("*.pickle")):
        entry_path = cache / path.relative_to(cache / TERMS)
        entry = pickle.loads(entry_path.read_bytes())
        entry_path.write_bytes(pickle.dumps(replace(entry, terms=pickle.loads(path.read_bytes()))))
        path.unlink()
    runner = rebuild(full, out, cache)
    assert runner.term_path == "added" and runner.terms_read == 0
    assert files(out) == cold(full, tmp_path / "cold")
    assert len(list((cache / TERMS).rglob("*.pickle"))) == 13
