"""mentions_cache: the mentions scanned over several processes (a first build with --jobs) are the rows the
one-process step finds, in the same order, whether or not the build keeps a cache."""

from __future__ import annotations

from pathlib import Path

from dashboard.analysis.entities import mentions_step
from dashboard.corpus.load import load_corpus
from dashboard.dataset.mentions_cache import MentionsEntry, cached_mentions
from dashboard.dataset.parallel import BuildCache

REPO = Path(__file__).resolve().parents[3]


def test_mentions_scanned_over_processes_are_the_one_process_rows(tmp_path: Path):
    corpus = load_corpus(REPO / "seeds")
    alone = mentions_step(corpus, {})
    assert alone["mentions"]  # the seeds mention organisations, agreements and one another
    assert cached_mentions(corpus, None, {}, jobs=2, pool_documents=0) == alone
    # kept in a cache as they are scanned, then read back from it
    store = BuildCache(tmp_path, MentionsEntry)
    keys = {id(doc): f"{i:064x}" for i, doc in enumerate(corpus.documents)}
    assert cached_mentions(corpus, store, keys, jobs=2, pool_documents=0) == alone
    assert len(list(tmp_path.rglob("*.pickle"))) == len(corpus.documents)
    assert cached_mentions(corpus, store, keys, jobs=2, pool_documents=0) == alone
