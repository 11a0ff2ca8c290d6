"""Benchmark `diff` on the two largest seed documents and two generated 500-provision documents, vs difflib.

Run: .venv/bin/python bench/bench_diff.py [--repeat 7]
Prints, for each case, the first and the median wall time of compare_documents/diff_provisions (alignment, word
ops, deltas; the distinctive terms are counted when first read, result.Terms), then their CPU time (which a busy
machine inflates less), and the time of Python's difflib on the same input in the same run: a line diff
(unified_diff over the provision texts) and a word diff (SequenceMatcher over all words). Then the first call on
another generated pair with its JSON (`as_dict()`, what `diff --json` prints: the distinctive terms counted too).
Goals (issue 13): under 100 ms warm for the seed pair, under 1 s for the generated 500 × 500 pair. On the
generated pair, whose true pairs are known, it also prints link precision and recall.
No asserts: figures are printed, not checked.
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.analysis.diff import compare_documents, diff_provisions  # noqa: E402
from dashboard.dataset.load import get_dataset  # noqa: E402

CPU: dict[str, tuple[float, float]] = {}  # case → (first run, median of the next runs), CPU ms


def timed(fn, repeat: int, case: str = "") -> tuple[float, float, object]:
    """Return (first run, median of the next runs) in wall ms, and the last result; the CPU time of the same runs
    (time.process_time, which a busy machine inflates less than wall time) goes to CPU[case]."""
    times, cpu, result = [], [], None
    for _ in range(repeat + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    if case:
        CPU[case] = (cpu[0], statistics.median(cpu[1:] or cpu))
    return times[0], statistics.median(times[1:] or times), result


def difflib_times(texts_a: list[str], texts_b: list[str], repeat: int) -> tuple[float, float]:
    words_a = " ".join(texts_a).split()
    words_b = " ".join(texts_b).split()
    _, lines, _ = timed(lambda: list(difflib.unified_diff(texts_a, texts_b, lineterm="")), repeat)
    _, words, _ = timed(lambda: difflib.SequenceMatcher(None, words_a, words_b).get_opcodes(), repeat)
    return lines, words


def generated_pair(sentences: list[str], n: int, seed: int = 6) -> tuple[pd.DataFrame, pd.DataFrame, set]:
    """Return two n-provision documents and the true pairs: B rewords 70% of A, drops 15% and adds 15%."""
    rng = random.Random(seed)
    vocabulary = sorted({w for s in sentences for w in s.split()})
    # each provision joins two seed sentences, so that the generated document has few near-duplicates
    texts_a = [_mutate(" ".join(rng.sample(sentences, 2)), rng, vocabulary, 0.1) for _ in range(n)]
    b_items: list[tuple[str, int | None]] = []
    for i, text in enumerate(texts_a):
        roll = rng.random()
        if roll < 0.70:
            b_items.append((_mutate(text, rng, vocabulary, 0.25), i))
        elif roll < 0.85:
            continue  # dropped
        else:
            b_items.append((_mutate(text, rng, vocabulary, 0.25), i))
            b_items.append((_mutate(rng.choice(sentences), rng, vocabulary, 0.3), None))  # new
    while len(b_items) > n:
        b_items.pop(rng.randrange(len(b_items)))
    # rewriting moves provisions: shuffle blocks of ten
    blocks = [b_items[k : k + 10] for k in range(0, len(b_items), 10)]
    rng.shuffle(blocks)
    b_items = [item for block in blocks for item in block]
    a = _table("GEN-A", texts_a)
    b = _table("GEN-B", [t for t, _ in b_items])
    truth = {(f"GEN-A:{i}", f"GEN-B:{j}") for j, (_, i) in enumerate(b_items) if i is not None}
    return a, b, truth


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


def _mutate(text: str, rng: random.Random, vocabulary: list[str], rate: float) -> str:
    out = []
    for word in text.split():
        roll = rng.random()
        if roll < rate / 3:
            continue
        if roll < 2 * rate / 3:
            out.append(rng.choice(vocabulary))
            continue
        out.append(word)
        if roll > 1 - rate / 3:
            out.append(rng.choice(vocabulary))
    return " ".join(out)


def _table(doc: str, texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [f"{doc}:{i}" for i in range(len(texts))],
            "document_id": doc,
            "ordinal": range(len(texts)),
            "label": "",
            "kind": "paragraph",
            "own_text": True,
            "text": texts,
            "content": texts,
            "words": [len(t.split()) for t in texts],
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    dataset = get_dataset()
    provisions = dataset.provisions
    held = dataset.held_documents()
    sizes = provisions.groupby("document_id").agg(n=("id", "size"), words=("words", "sum"))
    largest = sizes.loc[list(held["id"])].sort_values(["n", "words"], ascending=False).index[:2].tolist()
    a, b = largest
    texts = {
        d: list(provisions.loc[provisions.document_id == d].sort_values("ordinal")["text"]) for d in largest
    }

    print(
        f"{'case':<44} {'A x B':>9} {'first ms':>9} {'median ms':>10} {'difflib lines':>14} "
        f"{'difflib words':>14} {'goal':>7}"
    )
    first, median, _ = timed(lambda: compare_documents(dataset, a, b), args.repeat, "seed")
    lines, words = difflib_times(texts[a], texts[b], args.repeat)
    print(
        f"{f'seed: {a} vs {b}':<44} {f'{len(texts[a])}x{len(texts[b])}':>9} {first:>9.1f} {median:>10.1f} "
        f"{lines:>14.2f} {words:>14.2f} {'100 ms':>7}"
    )

    sentences = [t for t in provisions["content"].dropna() if len(t.split()) >= 8]
    gen_a, gen_b, truth = generated_pair(sentences, 500)
    doc_a = {"id": "GEN-A", "symbol": "GEN/A", "coverage": "full", "source_kind": "generated"}
    doc_b = {"id": "GEN-B", "symbol": "GEN/B", "coverage": "full", "source_kind": "generated"}
    first, median, result = timed(
        lambda: diff_provisions(gen_a, gen_b, doc_a=doc_a, doc_b=doc_b), args.repeat, "generated"
    )
    lines, words = difflib_times(list(gen_a["text"]), list(gen_b["text"]), args.repeat)
    print(
        f"{'generated: 500 provisions, 70% reworded':<44} {f'{len(gen_a)}x{len(gen_b)}':>9} {first:>9.1f} "
        f"{median:>10.1f} {lines:>14.2f} {words:>14.2f} {'1000 ms':>7}"
    )
    # another pair (nothing of it cached), its first call with the whole answer: as `diff --json` gives it
    other_a, other_b, _ = generated_pair(sentences, 500, seed=7)
    first, _, _ = timed(lambda: diff_provisions(other_a, other_b, doc_a=doc_a, doc_b=doc_b).as_dict(), 0, "json")
    print(
        f"{'generated, first call with its JSON':<44} {f'{len(other_a)}x{len(other_b)}':>9} {first:>9.1f} "
        f"{'':>10} {'':>14} {'':>14} {'1000 ms':>7}"
    )
    for case, (first_cpu, median_cpu) in CPU.items():
        median = "" if case == "json" else f", median {median_cpu:.1f} ms"  # one call: cold
        print(f"{case}: CPU time first {first_cpu:.1f} ms{median} (load average {_load()})")
    found = {(p.a, p.b) for p in result.pairs if p.a and p.b}
    precision = len(found & truth) / len(found) if found else 0.0
    recall = len(found & truth) / len(truth) if truth else 0.0
    print(
        f"generated pair: {len(truth)} true pairs; engine links precision {precision:.3f}, "
        f"recall {recall:.3f}"
    )


if __name__ == "__main__":
    main()
