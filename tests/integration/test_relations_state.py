"""An add computes the relations of the added document and of the documents whose mentions changed, taking every
other document's from the state kept in the build cache (dataset.relations_cache), and makes no other document's
provision rows (dataset.provision_rows): the same package as a cold build."""

from __future__ import annotations

import pickle
import re
import sys
from dataclasses import replace
from pathlib import Path

from dashboard.dataset import provision_rows as lazy
from dashboard.dataset.relations_cache import STATE
from tests.package_files import build, files

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from bench_build_parallel import corpora  # noqa: E402
from generate_corpus import read_material  # noqa: E402


def symbol_of(sidecar: Path) -> str:
    lines = sidecar.read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.startswith("symbol: ")).removeprefix("symbol: ")


def cite(seeds: Path, name: str, words: str) -> None:
    # a sentence naming another document, put in the document's first point
    text = (seeds / name).read_text(encoding="utf-8")
    (seeds / name).write_text(text.replace("\na) ", f"\na) {words}; ", 1), encoding="utf-8")


def citing_corpus(tmp_path: Path) -> tuple[Path, Path, str, str]:
    """A generated corpus of 12 documents (`base`) and the same with a 13th added (`full`), where an unchanged
    document cites the added one and the added one states that it supersedes another."""
    base, full = corpora(12, 8, tmp_path, read_material())
    texts = sorted(base.glob("*.txt"))
    citing, cited = texts[2].name, texts[5].with_suffix(".yml")
    for folder in (base, full):
        cite(folder, citing, f"Carry out Conclusion No. {symbol_of(full / 'added.yml')}")
    cite(full, "added.txt", f"This Decision supersedes Decision No. {symbol_of(cited)}")
    return base, full, symbol_of(base / citing.replace(".txt", ".yml")), symbol_of(cited)


def relations_of(out: Path) -> str:
    return (out / "relations.csv").read_text(encoding="utf-8")


def test_an_add_computes_the_relations_of_the_added_and_the_citing_documents_only(tmp_path: Path):
    base, full, _, _ = citing_corpus(tmp_path)
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build(base, out, cache)
    assert first.relations_computed == 12  # (no state yet: every document's)
    runner = build(full, out, cache)
    assert runner.relations_computed == 2  # the added document, and the one whose mentions the add changed
    cold = tmp_path / "cold"
    build(full, cold)
    assert files(out) == files(cold)
    ids = {m.group(1) for m in re.finditer(r"^([^,]+),(?:references|supersedes|implements),", relations_of(out), re.M)}
    added_id = next(
        line for line in (full / "added.yml").read_text(encoding="utf-8").splitlines() if line.startswith("id: ")
    ).removeprefix("id: ")
    assert added_id in ids and re.search(rf",{re.escape(added_id)},", relations_of(out))  # cites and is cited
    again = build(full, out, cache)  # nothing changed: nothing computed
    assert again.relations_computed == 0
    assert files(out) == files(cold)


def test_a_missing_or_unreadable_state_computes_every_document(tmp_path: Path):
    base, full, _, _ = citing_corpus(tmp_path)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(base, out, cache)
    (cache / STATE).write_bytes(b"not a pickle")
    assert build(full, out, cache).relations_computed == 13
    cold = tmp_path / "cold"
    build(full, cold)
    assert files(out) == files(cold)
    (cache / STATE).unlink()
    assert build(full, out, cache).relations_computed == 13
    assert files(out) == files(cold)


def test_a_kept_document_whose_look_ups_changed_is_computed_again(tmp_path: Path):
    # a state whose recorded look-ups no longer hold (here: the symbol recorded for a mentioned document): that
    # document's relations are computed again, and the package is the cold build's
    base, full, _, _ = citing_corpus(tmp_path)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(full, out, cache)
    with (cache / STATE).open("rb") as fh:
        state = pickle.load(fh)
    own, kept = next((own, k) for own, k in state.documents.items() if any(t for _, t, _ in k.lookups))
    lookups = tuple((e, t, f"{s} (was)" if t else s) for e, t, s in kept.lookups)
    documents = {**state.documents, own: replace(kept, lookups=lookups, rows=())}  # (its rows dropped too)
    (cache / STATE).write_bytes(pickle.dumps(replace(state, documents=documents)))
    cold = tmp_path / "cold"
    build(full, cold)
    assert build(full, out, cache).relations_computed == 1
    assert files(out) == files(cold)


def test_an_add_makes_the_added_documents_provision_rows_alone(tmp_path: Path, monkeypatch):
    # the provisions table is written from the previous package and the new chunks: of its rows, the add's term
    # emergence reads the added document's, and no step makes any other document's
    base, full = corpora(12, 8, tmp_path, read_material())
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(base, out, cache)
    made: list[str] = []
    real = lazy.provision_rows

    def counted(corpus):
        made.extend(d.meta.id for d in corpus.documents)
        return real(corpus)

    monkeypatch.setattr(lazy, "provision_rows", counted)
    runner = build(full, out, cache)
    assert runner.term_path == "added" and len(made) == 1
    monkeypatch.undo()
    cold = tmp_path / "cold"
    build(full, cold)
    assert files(out) == files(cold)
