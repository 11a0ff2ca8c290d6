"""Benchmark the theme tagger: provisions per second on the seed corpus and on 100,000 generated provisions.

Run: .venv/bin/python bench/bench_tagger.py [--n 100000] [--repeat 5]
Times are CPU seconds of this process (other work on a shared machine does not inflate them), wall time
beside. The generated provisions are sentences of the corpus recombined at random (two to four sentences
each, seeded), so they have the corpus's vocabulary and length but are not the corpus. Also prints how long
compiling the codebook takes, the whole build step (tagging plus offsets into the seed files) on the seeds,
and the theme measures and term emergence on the generated corpus. No asserts: figures are printed.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.analysis.measures import theme_measure_rows  # noqa: E402
from dashboard.analysis.terms import term_emergence_rows  # noqa: E402
from dashboard.analysis.themes import Tagger, provision_theme_rows  # noqa: E402
from dashboard.corpus.load import load_corpus  # noqa: E402
from dashboard.paths import SEEDS_DIR  # noqa: E402


def median_ms(fn, repeat: int) -> float:
    """Return the median CPU time of `fn` over `repeat` runs, in ms (CPU time: other work on the machine
    does not count)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


class Clock:
    """CPU and wall time of a block."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __enter__(self) -> Clock:
        self.cpu, self.wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cpu_s = time.process_time() - self.cpu
        self.wall_s = time.perf_counter() - self.wall


def generated(texts: list[str], n: int, seed: int = 7) -> list[str]:
    """Return `n` provisions made of two to four corpus sentences each."""
    sentences = [s for t in texts for s in re.split(r"(?<=[.;])\s+", t) if len(s.split()) >= 4]
    rng = random.Random(seed)
    return [" ".join(rng.choices(sentences, k=rng.randint(2, 4))) for _ in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="generated provisions")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    tagger = Tagger()
    print(f"compile codebook: {(time.perf_counter() - start) * 1000:.0f} ms")

    corpus = load_corpus(SEEDS_DIR)
    texts = [p.text for p in corpus.provisions()]
    words = sum(len(t.split()) for t in texts)
    tagger.tag(texts[0])  # warm the lemma cache as a long-running process would have it
    ms = median_ms(lambda: [tagger.tag(t) for t in texts], args.repeat)
    print(f"seed corpus: {len(texts)} provisions, {words} words: {ms:.1f} ms "
          f"({len(texts) / ms * 1000:,.0f} provisions/s)")
    ms = median_ms(lambda: provision_theme_rows(corpus, tagger), args.repeat)
    print(f"seed corpus build step (tags + seed-file offsets): {ms:.1f} ms")

    many = generated(texts, args.n)
    words = sum(len(t.split()) for t in many)
    with Clock("tag") as clock:
        tags = [tagger.tag(t) for t in many]
    print(f"generated: {len(many):,} provisions, {words:,} words: {clock.cpu_s:.2f} s CPU "
          f"({len(many) / clock.cpu_s:,.0f} provisions/s, {words / clock.cpu_s:,.0f} words/s; "
          f"wall {clock.wall_s:.2f} s)")

    docs = [{"id": f"D{i:03d}", "issued": f"{2000 + i // 12}-{i % 12 + 1:02d}-01", "held": True,
             "coverage": "full", "source_kind": "official_translation"} for i in range(100)]
    provisions, rows = [], []
    for i, (text, found) in enumerate(zip(many, tags, strict=True)):
        pid = f"D{i % 100:03d}:{i}"
        provisions.append({"id": pid, "document_id": f"D{i % 100:03d}", "text": text, "own_text": True,
                           "words": len(text.split())})
        rows.extend({"provision_id": pid, "theme_id": t.id, "score": t.score,
                     "evidence": [e.text for e in t.evidence], "starts": [e.start for e in t.evidence],
                     "ends": [e.end for e in t.evidence]} for t in found)
    with Clock("measures") as clock:
        theme_measure_rows(docs, provisions, rows)
    print(f"theme measures, 100 documents x 16 themes x 2 bases: {clock.cpu_s:.2f} s CPU "
          f"(wall {clock.wall_s:.2f} s)")
    with Clock("emergence") as clock:
        emergence = term_emergence_rows(docs, provisions, rows)
    print(f"term emergence, 100 documents, 2 bases: {clock.cpu_s:.2f} s CPU (wall {clock.wall_s:.2f} s, "
          f"{len(emergence):,} rows)")

if __name__ == "__main__":
    main()
