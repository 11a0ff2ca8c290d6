"""relations_cache and provision_rows: the relations from the kept state and the provision rows made on first use
are the rows the whole computations give, in the same order."""

from __future__ import annotations

from pathlib import Path

from dashboard.analysis.entities import mentions_step
from dashboard.analysis.relations import relations_step
from dashboard.corpus.load import load_corpus
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
