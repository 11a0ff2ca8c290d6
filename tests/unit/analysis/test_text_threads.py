"""Stemming from many threads at once (the production server's worker threads) gives each thread its own words'
stems: the same as stemming them one after another."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from dashboard.analysis import text


def test_threads_stemming_at_once_get_the_stems_of_their_own_words():
    words = [f"{root}{suffix}{i}" for i in range(300) for root in ("national", "integrat", "cooperat", "develop")
             for suffix in ("ing", "ions", "ed", "ively", "ment")]
    expected = {w: text.snowballstemmer.stemmer("english").stemWord(w) for w in words}
    text.stem.cache_clear()
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(text.stem, words * 2))
    assert got == [expected[w] for w in words * 2]
