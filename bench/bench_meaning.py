"""How well each similarity signal ranks a gold counterpart first: the meaning signals measured on their own.

Run: .venv/bin/python bench/bench_meaning.py [--data data]
For every gold pair of the first three gold sets (never the held-out fourth), from each side: the rank of the
gold counterpart among the other document's provisions the engine can link (own text, not a bare heading), by
- `lexical`: the subject-stem TF-IDF cosine (align.lexical_similarity),
- `combined`: the engine's similarity (themes, entities, block context; no model),
- `word vectors`: the GloVe soft word-vector similarity the link model uses (vectors.py),
- `wordllama text`, `wordllama subject`: the cosine of WordLlama's mean-pooled token embeddings (l2_supercat,
  256-d, the files its wheel ships) of the provision's text, or of its subject words only; measured only when the
  `wordllama` package is installed (it is not a dependency of the project: `pip install wordllama==0.4.0.post1`).
Prints hit@1, hit@3 and the mean reciprocal rank per set and signal, and the pairs' languages (every gold pair is
English-English today). A tie ranks the counterpart after every provision it ties with. No asserts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.analysis.diff import compare as _compare  # noqa: E402
from dashboard.analysis.diff.align import AlignSettings, lexical_similarity, subject_words  # noqa: E402
from dashboard.analysis.diff.candidates import candidates  # noqa: E402
from dashboard.analysis.diff.evaluate import load_gold, resolve_entry  # noqa: E402
from dashboard.analysis.diff.report import GOLD_SETS  # noqa: E402
from dashboard.analysis.diff.rows import subject_text  # noqa: E402
from dashboard.analysis.diff.vectors import semantic_similarity  # noqa: E402
from dashboard.dataset.load import get_dataset  # noqa: E402

Embed = Callable[[Sequence[str]], np.ndarray]


def wordllama_embedder() -> Embed | None:
    """Return WordLlama's embedding of texts (unit vectors), read from the files its wheel ships (no download:
    `WordLlama.load()` of 0.4.0.post1 looks for its tokenizer in a folder the wheel does not have and would go to
    the hub), pooled as its `WordLlamaInference.embed` pools (the mean of the tokens' vectors); None when the
    package is not installed."""
    try:
        import wordllama  # pyright: ignore[reportMissingImports]  # optional, bench only
        from safetensors.numpy import load_file  # pyright: ignore[reportMissingImports]
        from tokenizers import Tokenizer  # pyright: ignore[reportMissingImports]
    except ImportError:
        return None
    root = Path(wordllama.__file__).parent
    table = load_file(str(root / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"].astype(np.float32)
    tokenizer = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()

    def embed(texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), table.shape[1]), np.float32)
        for k, enc in enumerate(tokenizer.encode_batch(list(texts), add_special_tokens=False)):
            ids = np.clip(np.array(enc.ids, dtype=np.int64), 0, table.shape[0] - 1)
            if ids.size:
                out[k] = table[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)

    return embed


def ranks(matrix: np.ndarray, i: int, j: int, ok_a: np.ndarray, ok_b: np.ndarray) -> tuple[int, int]:
    """Return the rank of B's j in A's row i and of A's i in B's column j (ties pessimistic)."""
    out = []
    for line, k, ok in ((matrix[i], j, ok_b), (matrix[:, j], i, ok_a)):
        rivals = line[ok & (np.arange(len(line)) != k)]
        out.append(1 + int((rivals >= line[k]).sum()))
    return out[0], out[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data")
    args = parser.parse_args()
    dataset = get_dataset(args.data)
    provisions = dataset.provisions
    language = dict(zip(dataset.table("documents")["id"], dataset.table("documents")["language"], strict=True))
    embed = wordllama_embedder()
    if embed is None:
        print("wordllama is not installed: its rows are left out (pip install wordllama==0.4.0.post1)")
    for path in GOLD_SETS:
        found: dict[str, list[int]] = {}
        languages: dict[str, int] = {}
        for entry in load_gold(path):
            a, b = entry["a_doc"], entry["b_doc"]
            rows_a = _compare.records(provisions[provisions["document_id"] == a])
            rows_b = _compare.records(provisions[provisions["document_id"] == b])
            texts_a, texts_b = [subject_text(r) for r in rows_a], [subject_text(r) for r in rows_b]
            words_a, words_b = [subject_words(t) for t in texts_a], [subject_words(t) for t in texts_b]
            cands = candidates(rows_a, rows_b, None, None, AlignSettings(model=None))
            ok_a = np.array(_compare.aligned_flags(rows_a, "own")) & ~np.array(cands.sa.bare, dtype=bool)
            ok_b = np.array(_compare.aligned_flags(rows_b, "own")) & ~np.array(cands.sb.bare, dtype=bool)
            signals = {
                "lexical": lexical_similarity(texts_a, texts_b),
                "combined": cands.similarity,
                "word vectors": semantic_similarity(words_a, words_b),
            }
            if embed is not None:
                signals["wordllama text"] = embed(texts_a) @ embed(texts_b).T
                signals["wordllama subject"] = (
                    embed([" ".join(w) for w in words_a]) @ embed([" ".join(w) for w in words_b]).T
                )
            ids_a, ids_b = [r["id"] for r in rows_a], [r["id"] for r in rows_b]
            pairs, _, _ = resolve_entry(entry, provisions, path.name)
            key = f"{language.get(a, '?')}-{language.get(b, '?')}"
            languages[key] = languages.get(key, 0) + len(pairs)
            for x, y in sorted(pairs):
                i, j = ids_a.index(x), ids_b.index(y)
                for name, matrix in signals.items():
                    found.setdefault(name, []).extend(ranks(matrix, i, j, ok_a, ok_b))
        pairs_by_language = ", ".join(f"{k} {v}" for k, v in sorted(languages.items()))
        print(f"\n{path.name} (gold pairs by languages: {pairs_by_language}; each ranked from both sides)")
        for name, values in found.items():
            r = np.array(values)
            print(
                f"  {name:18s} hit@1 {np.mean(r == 1):.3f}  hit@3 {np.mean(r <= 3):.3f}  "
                f"MRR {np.mean(1.0 / r):.3f}  (n {len(r)})"
            )


if __name__ == "__main__":
    main()
