"""Does `diff A B` link the same provisions as `diff B A`? And what does making it so cost? (issue 13)

Run: .venv/bin/python bench/bench_symmetry.py [--data data] [--only shipped|averaged|averaged, fitted both ways]
The Compare page has a Swap button, and a reader expects the links to survive it. Every feature of the link model
is the same whichever document is A, except three pairs that name a side (row_share and col_share, row_best and
col_best, row_margin and col_margin), which change places; the fitted coefficients of a pair differ, so the
shipped model gives a candidate one probability as A × B and another as B × A, and the links differ. Two variants,
fixed before measuring:
- `averaged`: the shipped coefficients; a candidate's probability is the mean of its probability in both orders
  (the features, and the same features with each pair's two members swapped);
- `averaged, fitted both ways`: the same, with every model fitted on each training row twice, as given and with
  the pairs swapped, each copy at weight 1/2 (so the regularisation is unchanged); such a model is symmetric.
A third option was measured after those two failed the rule below (its rule fixed before it ran: the same):
- `earlier document as A`: the shipped model, always run with the earlier document (by date of issue, then id) as
  A, and its links turned round when asked the other way; only its link precision and recall, cross-validated at
  the shipped bar, are printed (the reader's pins would need turning round too).
For the shipped engine and the first two variants, in the same run, with the existing machinery
(link_variants.py): how many links differ between `diff A B` and `diff B A` over the ten document pairs (the model
fitted on all three sets), the pooled cross-validated average precision, the cross-validated link precision
(strict and consistent) and recall per gold set at bars 0.25, 0.3 and 0.35, and the simulated reader's clicks.
The rule, fixed before measuring: a variant is adopted only if its links are the same in both orders and,
cross-validated at bar 0.3, no set's strict precision or recall falls by more than 0.03, pooled average
precision falls by at most 0.01, and no set's worst comparison needs more than one click more; of two that pass,
the one with the higher pooled average precision. If neither passes, the engine stays as it is and the asymmetry
is documented.
The held-out fourth gold set is never read. No asserts.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from link_variants import measure  # noqa: E402

from dashboard.analysis.diff import fitting as _fitting  # noqa: E402
from dashboard.analysis.diff import linkmodel as _linkmodel  # noqa: E402
from dashboard.analysis.diff import memo as _memo  # noqa: E402
from dashboard.analysis.diff.align import AlignSettings  # noqa: E402
from dashboard.analysis.diff.compare import compare_documents  # noqa: E402
from dashboard.analysis.diff.evaluate import load_gold, score_alignment  # noqa: E402
from dashboard.analysis.diff.fitting import cross_validate, fit_model, group  # noqa: E402
from dashboard.analysis.diff.linkmodel import FEATURES, LinkModel  # noqa: E402
from dashboard.analysis.diff.report import GOLD_SETS  # noqa: E402
from dashboard.dataset.load import get_dataset  # noqa: E402

PAIRS = (("row_share", "col_share"), ("row_best", "col_best"), ("row_margin", "col_margin"))
VARIANTS = ("shipped", "averaged", "averaged, fitted both ways", "earlier document as A")


def swap_order() -> list[int]:
    """Return, per feature, the index of the feature it becomes when A and B change places."""
    other = {a: b for pair in PAIRS for a, b in (pair, pair[::-1])}
    return [FEATURES.index(other.get(name, name)) for name in FEATURES]


@contextmanager
def variant(name: str) -> Iterator[None]:
    """Run the engine (and the fits) as the variant `name` says."""
    order = swap_order()
    original_probability = LinkModel.probability
    original_fit = _fitting.fit

    def averaged(self: LinkModel, features: Sequence[np.ndarray]) -> np.ndarray:
        swapped = [features[k] for k in order]
        return (original_probability(self, features) + original_probability(self, swapped)) / 2

    def fitted_both_ways(x: np.ndarray, y: np.ndarray, **kwargs: Any) -> LinkModel:
        return _linkmodel.fit(
            np.vstack([x, x[:, order]]), np.concatenate([y, y]), sample_weight=np.full(2 * len(y), 0.5), **kwargs
        )

    if name != "shipped":
        LinkModel.probability = averaged  # type: ignore[method-assign]
    if name == "averaged, fitted both ways":
        _fitting.fit = fitted_both_ways  # pyright: ignore[reportAttributeAccessIssue]
    _memo._MEMO.clear()  # pyright: ignore[reportPrivateUsage]
    try:
        yield
    finally:
        LinkModel.probability = original_probability  # type: ignore[method-assign]
        _fitting.fit = original_fit  # pyright: ignore[reportAttributeAccessIssue]
        _memo._MEMO.clear()  # pyright: ignore[reportPrivateUsage]


def asymmetry(source: Any, model: LinkModel) -> tuple[int, int]:
    """Return how many links differ between diff A B and diff B A over every two held documents, of how many."""
    held = sorted(source.held_documents()["id"])
    differ, total = 0, 0
    for a, b in itertools.combinations(held, 2):
        settings = AlignSettings(model=model)
        ab = {(p.a, p.b) for p in compare_documents(source, a, b, settings, use_curated=False).pairs if p.a and p.b}
        ba = {(p.b, p.a) for p in compare_documents(source, b, a, settings, use_curated=False).pairs if p.a and p.b}
        differ, total = differ + len(ab ^ ba), total + len(ab | ba)
    return differ, total


def earlier_as_a(source: Any, sets: Any) -> None:
    """Print the cross-validated link precision and recall per set with the earlier document always run as A."""
    documents = source.table("documents")
    issued = {str(d): (str(i), str(d)) for d, i in zip(documents["id"], documents["issued"], strict=True)}
    folds = cross_validate(source, sets)

    def links(a: str, b: str) -> list[tuple[str, str]]:
        settings = AlignSettings(model=folds[group(a, b)])
        return [(p.a, p.b) for p in compare_documents(source, a, b, settings, use_curated=False).pairs if p.a and p.b]

    def differ(a: str, b: str) -> dict[str, Any]:
        if issued[a] <= issued[b]:
            return {"pairs": [{"a": x, "b": y} for x, y in links(a, b)]}
        return {"pairs": [{"a": y, "b": x} for x, y in links(b, a)]}

    cells = []
    for file, entries in sets:
        r = score_alignment(entries, source.table("provisions"), differ, file)
        cells.append(f"{r['pair_precision']:.3f}/{r['consistent_precision']:.3f}/{r['pair_recall']:.3f}")
    print(f"   cross-validated, bar {_fitting.DEFAULT_BAR}: P strict/consistent/R sets 1-3 {', '.join(cells)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", default="data")
    parser.add_argument("--only", choices=VARIANTS, default=None)
    args = parser.parse_args()
    source = get_dataset(args.data)
    sets = [(p.name, load_gold(p)) for p in GOLD_SETS if p.exists()]
    for name in VARIANTS:
        if args.only is not None and name != args.only:
            continue
        if name == "earlier document as A":
            print(f"== {name}: the same links in both orders by construction", flush=True)
            earlier_as_a(source, sets)
            continue
        with variant(name):
            differ, total = asymmetry(source, fit_model(source, sets))
            print(f"== {name}: {differ} of {total} links differ between diff A B and diff B A", flush=True)
            measure(source, sets, name)


if __name__ == "__main__":
    main()
