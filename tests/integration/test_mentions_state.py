"""An add keeps a document's mentions entry without computing its fingerprint only when the state the last build
kept (dataset.mentions_state) shows nothing it looks up changed: every entry so kept has the fingerprint it would
compute, and a document citing the added one is not kept."""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.analysis.entities import mention_context, mention_fingerprint
from dashboard.corpus.load import load_corpus
from dashboard.dataset.build import run as build_package
from dashboard.dataset.mentions_cache import MentionsEntry
from dashboard.dataset.mentions_state import GazetteerDiff
from dashboard.dataset.parallel import MENTIONS_STATE, BuildCache, DocumentRunner

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from bench_build_parallel import corpora  # noqa: E402
from generate_corpus import read_material  # noqa: E402


def test_entries_kept_by_the_state_have_the_fingerprint_they_would_compute(tmp_path: Path):
    base, full = corpora(12, 8, tmp_path, read_material())
    symbol = next(line for line in (full / "added.yml").read_text(encoding="utf-8").splitlines()
                  if line.startswith("symbol: ")).removeprefix("symbol: ")
    citing = sorted(base.glob("*.txt"))[2].name
    for folder in (base, full):
        text = (folder / citing).read_text(encoding="utf-8")
        (folder / citing).write_text(text.replace("\na) ", f"\na) Carry out Conclusion No. {symbol}; ", 1), "utf-8")
    cache = tmp_path / "cache"
    build_package(base, tmp_path / "out", runner=DocumentRunner(jobs=1, cache_dir=cache))
    assert (cache / "mentions" / MENTIONS_STATE).is_file()

    runner = DocumentRunner(jobs=1, cache_dir=cache)
    corpus = load_corpus(full, runner.load)
    ctx = mention_context(corpus)
    diff = GazetteerDiff(ctx, cache / "mentions" / MENTIONS_STATE)
    store = BuildCache(cache / "mentions", MentionsEntry)
    kept, computed = [], []
    for doc in corpus.documents:
        key = runner._keys[id(doc)]  # noqa: SLF001 (the per-document step's cache key)
        entry = store.get(key)
        if entry is None:  # the added document: scanned
            continue
        holds = mention_fingerprint(doc.meta.id, (frozenset(entry.words.split("\n")), entry.symbols), ctx)
        if diff.unchanged(key, doc.meta.id, entry):
            assert holds == entry.fingerprint, doc.meta.id
            kept.append(doc.meta.seed_file)
        else:
            computed.append(doc.meta.seed_file)
    assert len(kept) == 11 and computed == [citing]
