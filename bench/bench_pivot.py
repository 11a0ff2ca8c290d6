"""Does a pivot (third-document) similarity help the link model? Measured before changing the engine (issue 13).

Run: .venv/bin/python bench/bench_pivot.py [--data data]
Half the gold pairs share almost no subject words; the five seed documents restate one another, so a and b may
each share words with the same provision z of a third document. Two definitions, fixed before measuring, each
tried as one 19th feature of the link model (never both):
- `pivot`: for a candidate (a in A, b in B), the maximum over every other held document C (neither A nor B) and
  every provision z of C the engine can link (own text, not a bare heading) of min(S(a, z), S(z, b)), where S is
  the engine's combined similarity (align.py with block context, as `candidates` computes it without a model);
- `pivot vectors`: the same with the word-vector soft score (vectors.py) as S.
Both come from the documents' texts alone. For each variant and the shipped 18 features, in the same run and
with the existing machinery (fitting.py's training rows and leave-one-document-pair-out models, evaluate.py's
scores, reader.py's simulated reader): per gold set the cross-validated link precision and recall at bars 0.25,
0.3 and 0.35, the pooled cross-validated average precision of the pairwise model, and the simulated reader's
clicks in sample (a model fitted on all three sets) and cross-validated, with the most per comparison; then each
new signal alone as a ranking of the judged candidates (average precision, and how many gold pairs it puts above
the 0.9 quantile of the non-pairs), over all of them and within the vocabulary gap.
The held-out fourth gold set is never read. No asserts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from link_variants import Key, alone, extra_features, measure  # noqa: E402

from dashboard.analysis.diff import candidates as _candidates  # noqa: E402
from dashboard.analysis.diff import compare as _compare  # noqa: E402
from dashboard.analysis.diff.align import AlignSettings  # noqa: E402
from dashboard.analysis.diff.evaluate import load_gold  # noqa: E402
from dashboard.analysis.diff.report import GOLD_SETS  # noqa: E402
from dashboard.analysis.diff.rows import subject_text  # noqa: E402
from dashboard.dataset.load import get_dataset  # noqa: E402


def pair_signals(source: Any, x: str, y: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the combined similarity and the word-vector score of documents x × y, and which of y's provisions
    the engine can link (own text, not a bare heading)."""
    provisions = source.table("provisions")
    rows_x = _compare.records(provisions[provisions["document_id"] == x])
    rows_y = _compare.records(provisions[provisions["document_id"] == y])
    themes_of = _compare.themes_by_provision(_compare.optional_table(source, "provision_themes"))
    entities_of = _compare.entities_by_provision(_compare.optional_table(source, "mentions"))
    cands = _candidates.candidates(
        rows_x, rows_y, themes_of, entities_of, AlignSettings(model=None), with_features=True
    )
    assert cands.meaning is not None  # every seed document is in English and the vectors ship
    ok_y = np.array(_compare.aligned_flags(rows_y, "own")) & ~np.array(cands.sb.bare, dtype=bool)
    return np.array(cands.similarity), np.array(cands.meaning), ok_y


def through(s_ac: np.ndarray, s_cb: np.ndarray) -> np.ndarray:
    """Return max over z of min(s_ac[a, z], s_cb[z, b]) for every (a, b)."""
    if s_ac.shape[1] == 0:
        return np.zeros((s_ac.shape[0], s_cb.shape[1]))
    return np.minimum(s_ac[:, :, None], s_cb[None, :, :]).max(axis=1)


def pivots(source: Any) -> dict[str, dict[Key, np.ndarray]]:
    """Return both pivot matrices of every ordered pair of held documents, keyed by their subject texts."""
    held = sorted(source.held_documents()["id"])
    provisions = source.table("provisions")
    texts = {
        d: tuple(subject_text(r) for r in _compare.records(provisions[provisions["document_id"] == d])) for d in held
    }
    signals = {(x, y): pair_signals(source, x, y) for x in held for y in held if x != y}
    out: dict[str, dict[Key, np.ndarray]] = {"pivot": {}, "pivot vectors": {}}
    for a in held:
        for b in held:
            if a == b:
                continue
            for name, k in (("pivot", 0), ("pivot vectors", 1)):
                value = np.zeros((len(texts[a]), len(texts[b])))
                for c in held:
                    if c in (a, b):
                        continue
                    ok_c = signals[(a, c)][2]
                    value = np.maximum(value, through(signals[(a, c)][k][:, ok_c], signals[(c, b)][k][ok_c, :]))
                out[name][(texts[a], texts[b])] = value
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", default="data")
    parser.add_argument("--only", choices=("shipped", "pivot", "pivot vectors"), default=None)
    args = parser.parse_args()
    source = get_dataset(args.data)
    sets = [(p.name, load_gold(p)) for p in GOLD_SETS if p.exists()]
    table = pivots(source)
    for name in (None, "pivot", "pivot vectors"):
        if args.only is not None and (name or "shipped") != args.only:
            continue
        with extra_features({name: table[name]} if name else {}):
            measure(source, sets, name or "shipped (18 features)")
            alone(source, sets, ("similarity", "vectors") if name is None else (name,))


if __name__ == "__main__":
    main()
