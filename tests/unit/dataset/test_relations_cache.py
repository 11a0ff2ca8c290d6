"""relations_cache and provision_rows: the relations from the kept state and the provision rows made on first use
are the rows the whole computations give, in the same order."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from dashboard.analysis.entities import mentions_step
from dashboard.analysis.relations import relations_step
from dashboard.corpus.load import load_corpus
from dashboard.dataset import relations_cache
from dashboard.dataset.build import base_tables
from dashboard.dataset.mentions_cache import cached_mentions
from dashboard.dataset.provision_rows import ProvisionRows, rows_of_document
from dashboard.dataset.relations_cache import relation_rows
from dashboard.dataset.seed_tables import provision_rows

REPO = Path(__file__).resolve().parents[3]


def test_relations_from_the_state_are_the_whole_computations(tmp_path: Path):
    corpus = load_corpus(REPO / "seeds")
    tables = base_tables(corpus)
    per_document: list = []
    tables.update(cached_mentions(corpus, None, {}, per_document=per_document))
    assert tables == {**tables, **mentions_step(corpus, tables)}
    whole = relations_step(corpus, tables)
    assert any(r["origin"] != "cited" for r in whole["relations"])  # the seeds' texts state relations
    own = [f"{i}:fp" for i in range(len(corpus.documents))]
    mentions = [rows for _, rows in per_document]
    state = tmp_path / "relations.pickle"
    assert relation_rows(corpus, tables, own, mentions, state) == (whole, len(corpus.documents))
    assert relation_rows(corpus, tables, own, mentions, state) == (whole, 0)
    # a document without a key is computed (and not kept); one whose key changed is computed again
    changed = ["", "x:fp", *own[2:]]
    assert relation_rows(corpus, tables, changed, mentions, state) == (whole, 2)
    assert relation_rows(corpus, tables, changed, mentions, state) == (whole, 1)


def test_provision_rows_made_on_first_use_are_the_tables():
    corpus = load_corpus(REPO / "seeds")
    rows = provision_rows(corpus)
    some = corpus.documents[1].meta.id
    lazy = ProvisionRows(corpus)
    assert rows_of_document(lazy, some) == [r for r in rows if r["document_id"] == some] != []
    assert not lazy.made
    assert rows_of_document(rows, some) == rows_of_document(lazy, some)
    assert list(lazy) == rows and lazy.made
    assert (len(lazy), lazy[0], lazy[-2:]) == (len(rows), rows[0], rows[-2:])
    assert rows_of_document(lazy, "no such document") == []


def test_mentions_of_another_document_fall_back_to_the_whole_computation(tmp_path: Path):
    # a document's mention rows that name another document as theirs (never so in a build): the rows computed
    # would not be its own, so the whole computation is taken
    corpus = load_corpus(REPO / "seeds")
    tables = base_tables(corpus)
    per_document: list = []
    tables.update(cached_mentions(corpus, None, {}, per_document=per_document))
    whole = relations_step(corpus, tables)
    own = [f"{i}:fp" for i in range(len(corpus.documents))]
    mentions = [rows for _, rows in per_document]
    state = tmp_path / "relations.pickle"
    relation_rows(corpus, tables, own, mentions, state)
    sources = {r["source_id"] for r in whole["relations"] if r["origin"] != "cited"}
    other = next(i for i, d in enumerate(corpus.documents) if i and d.meta.id in sources)
    mixed = [mentions[0] + mentions[other], *mentions[1:]]
    assert relation_rows(corpus, tables, ["y:fp", *own[1:]], mixed, state) == (whole, len(own))


def relations_inputs() -> tuple[Any, dict[str, Any], list[str], list[list[dict[str, Any]]], dict[str, Any]]:
    # the repository's seeds, their mentions, a key a document, and the whole computation's relations
    corpus = load_corpus(REPO / "seeds")
    tables = base_tables(corpus)
    per_document: list = []
    tables.update(cached_mentions(corpus, None, {}, per_document=per_document))
    own = [f"{i}:fp" for i in range(len(corpus.documents))]
    return corpus, tables, own, [rows for _, rows in per_document], relations_step(corpus, tables)


def test_an_add_appends_its_documents_entries_to_the_log_and_leaves_the_state(tmp_path: Path):
    corpus, tables, own, mentions, whole = relations_inputs()
    state = tmp_path / "relations.pickle"
    log = tmp_path / relations_cache.LOG
    relation_rows(corpus, tables, own, mentions, state)
    written = state.read_bytes()
    assert not log.exists()
    added = ["x:fp", *own[1:]]  # (the first document as an add makes it: a key the state does not hold)
    assert relation_rows(corpus, tables, added, mentions, state) == (whole, 1)
    assert state.read_bytes() == written and log.stat().st_size > 0
    assert relation_rows(corpus, tables, added, mentions, state) == (whole, 0)  # read back from the log
    again = ["y:fp", *added[1:]]
    assert relation_rows(corpus, tables, again, mentions, state) == (whole, 1)
    assert relation_rows(corpus, tables, again, mentions, state) == (whole, 0)
    assert state.read_bytes() == written  # (two frames, no whole write)


def test_a_log_cut_short_is_read_to_its_last_whole_frame_and_the_state_written_whole(tmp_path: Path):
    corpus, tables, own, mentions, whole = relations_inputs()
    state = tmp_path / "relations.pickle"
    log = tmp_path / relations_cache.LOG
    relation_rows(corpus, tables, own, mentions, state)
    first = ["x:fp", *own[1:]]
    relation_rows(corpus, tables, first, mentions, state)
    size = log.stat().st_size
    second = ["x:fp", "y:fp", *own[2:]]
    relation_rows(corpus, tables, second, mentions, state)
    with log.open("r+b") as fh:
        fh.truncate(size + (log.stat().st_size - size) // 2)  # (a build killed while appending its frame)
    assert relation_rows(corpus, tables, second, mentions, state) == (whole, 1)  # the cut frame's document
    assert not log.exists()
    assert relation_rows(corpus, tables, second, mentions, state) == (whole, 0)


def test_a_log_of_many_frames_or_stale_entries_is_folded_into_the_state(tmp_path: Path, monkeypatch):
    corpus, tables, own, mentions, whole = relations_inputs()
    state = tmp_path / "relations.pickle"
    log = tmp_path / relations_cache.LOG
    relation_rows(corpus, tables, own, mentions, state)
    monkeypatch.setattr(relations_cache, "MAX_FRAMES", 2)
    keys = list(own)
    for n in range(3):
        keys[0] = f"x{n}:fp"
        assert relation_rows(corpus, tables, keys, mentions, state) == (whole, 1)
    assert not log.exists()  # the third add wrote the state whole: two frames were there
    with state.open("rb") as fh:
        assert set(pickle.load(fh).documents) == set(keys)  # (the stale entries dropped)
    monkeypatch.undo()
    monkeypatch.setattr(relations_cache, "SPARE", 0.0)
    monkeypatch.setattr(relations_cache, "SLACK", 0)
    keys[0] = "z:fp"
    assert relation_rows(corpus, tables, keys, mentions, state) == (whole, 1)
    assert not log.exists()  # an entry that no document uses any more (x2): written whole


def test_a_log_without_its_state_is_not_used(tmp_path: Path):
    corpus, tables, own, mentions, whole = relations_inputs()
    state = tmp_path / "relations.pickle"
    log = tmp_path / relations_cache.LOG
    relation_rows(corpus, tables, own, mentions, state)
    relation_rows(corpus, tables, ["x:fp", *own[1:]], mentions, state)
    assert log.exists()
    state.unlink()
    assert relation_rows(corpus, tables, ["x:fp", *own[1:]], mentions, state) == (whole, len(own))
    assert not log.exists()
