"""Does leaving links beside a gold pair unlabelled in the one-to-one gold sets help the link model? (issue 13)

Run: .venv/bin/python bench/bench_unlabelled.py [--data data]
The first two gold sets were labelled one to one (their headers: "Pairs are one-to-one within a document pair",
"Same conventions: one-to-one within a document pair"); the third many to many ("Many-to-many: a line may appear
in several pairs"). fitting.py's training rows give a 0 to a link from an item's bullet (or sibling) to the
paragraph its item is paired with in the first two sets, while the third often gives the same structure a 1.
One change to the training rows only, fixed before measuring:
- in a one-to-one set (`ONE_TO_ONE`, named from the headers above, not from results), a candidate "beside a gold
  pair" gives no row instead of a 0: it is not a gold pair, and one side is in a gold pair of that set whose
  partner is the other side's parent, child or sibling (errors.py's family); as in errors.py's order, a
  `not_pairs` entry and a link to a line the set leaves alone (only_in_a / only_in_b) stay 0;
- every other row, and every row of a many-to-many set, is as fitting.py makes it; scoring is unchanged (strict
  precision still counts such links wrong on the first two sets).
For the shipped convention and the change, in the same run and with the existing machinery (fitting.py's
leave-one-document-pair-out models, evaluate.py's scores, reader.py's simulated reader): per gold set the
cross-validated link precision (strict and consistent) and recall at bars 0.25, 0.3 and 0.35; the pooled
cross-validated average precision of the pairwise model, scored on the shipped convention's judged candidates
(the same rows and labels for both, so fewer negatives cannot lift it); and the simulated reader's clicks in
sample (a model fitted on all three sets) and cross-validated, with the most per comparison; and, at bar 0.3,
errors.py's classes of the cross-validated misses and wrong links.
The held-out fourth gold set is never read. No asserts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from link_variants import print_figures  # noqa: E402

from dashboard.analysis.diff import compare as _compare  # noqa: E402
from dashboard.analysis.diff import fitting as _fitting  # noqa: E402
from dashboard.analysis.diff import linkmodel as _linkmodel  # noqa: E402
from dashboard.analysis.diff.align import AlignSettings  # noqa: E402
from dashboard.analysis.diff.candidates import candidates  # noqa: E402
from dashboard.analysis.diff.evaluate import GoldEntry, load_gold, resolve_entry, resolve_not_pairs  # noqa: E402
from dashboard.analysis.diff.fitting import GoldSets, cross_validate, fit_model  # noqa: E402
from dashboard.analysis.diff.report import GOLD_SETS  # noqa: E402
from dashboard.dataset.load import get_dataset  # noqa: E402

# declared by the sets' own headers (above): labelled one to one within a document pair
ONE_TO_ONE = ("alignment_expected.yml", "alignment_annotator2.yml")
SHIPPED_ROWS = _fitting.training_rows


def _family(parent: dict[str, str | None], x: str, y: str) -> bool:
    """Return whether provisions x and y are parent and child or siblings (and not the same), as errors.py's
    family."""
    if x == y:
        return False
    return parent[x] == y or parent[y] == x or (parent[x] is not None and parent[x] == parent[y])


def training_rows(
    source: Any, sets: GoldSets, one_to_one: Sequence[str] = ONE_TO_ONE, dropped: dict[str, int] | None = None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return fitting.training_rows' rows, without the candidates beside a gold pair of a one-to-one set (their
    number per set is added to `dropped`, when given): fitting.training_rows itself, told which 0s to drop, so with
    no one-to-one set they are its rows by construction."""
    provisions = source.table("provisions")
    parents: dict[tuple[str, str], dict[str, str | None]] = {}  # per document pair: each provision's parent
    judged: dict[tuple[str, str, str], tuple[set[tuple[str, str]], set[str], set[str], set[tuple[str, str]]]] = {}

    def parent_of(a: str, b: str) -> dict[str, str | None]:
        if (a, b) not in parents:
            rows_a = _compare.records(provisions[provisions["document_id"] == a])
            rows_b = _compare.records(provisions[provisions["document_id"] == b])
            shape = candidates(rows_a, rows_b, None, None, AlignSettings(model=None))
            parents[(a, b)] = {
                str(r["id"]): (str(rows[k]["id"]) if k >= 0 else None)
                for rows, structure in ((rows_a, shape.sa), (rows_b, shape.sb))
                for r, k in zip(rows, structure.parent, strict=True)
            }
        return parents[(a, b)]

    def beside_a_pair(name: str, entry: GoldEntry, x: str, y: str) -> bool:
        if name not in one_to_one:
            return False
        key = (name, entry["a_doc"], entry["b_doc"])
        if key not in judged:
            pairs, only_a, only_b = resolve_entry(entry, provisions, name)
            judged[key] = (pairs, set(only_a), set(only_b), resolve_not_pairs(entry, provisions, name))
        pairs, only_a, only_b, not_pairs = judged[key]
        parent = parent_of(entry["a_doc"], entry["b_doc"])
        beside = any(_family(parent, x, p) for p, q in pairs if q == y) or any(
            _family(parent, y, q) for p, q in pairs if p == x
        )
        explicit = (x, y) in not_pairs or x in only_a or y in only_b
        if beside and not explicit and dropped is not None:
            dropped[name] = dropped.get(name, 0) + 1
        return beside and not explicit

    return SHIPPED_ROWS(source, sets, beside_a_pair)


@contextmanager
def convention(one_to_one: Sequence[str]) -> Iterator[None]:
    """Fit (fitting.fit_model, cross_validate) on the rows of this convention."""

    def rows(source: Any, sets: GoldSets) -> tuple[np.ndarray, np.ndarray, list[str]]:
        return training_rows(source, sets, one_to_one)

    _fitting.training_rows = rows  # pyright: ignore[reportAttributeAccessIssue]
    try:
        yield
    finally:
        _fitting.training_rows = SHIPPED_ROWS


def pooled_ap(source: Any, sets: GoldSets, one_to_one: Sequence[str]) -> float:
    """Return the average precision over the shipped convention's judged candidates, each scored by the model
    fitted on this convention's rows without its document pair."""
    from sklearn.metrics import average_precision_score  # pyright: ignore[reportMissingTypeStubs]

    x_all, y_all, g_all = SHIPPED_ROWS(source, sets)
    x, y, groups = training_rows(source, sets, one_to_one)
    g, g_eval = np.array(groups), np.array(g_all)
    p = np.zeros(len(y_all))
    for held in sorted(set(g_all)):
        model = _linkmodel.fit(x[g != held], y[g != held], bar=_fitting.DEFAULT_BAR, c=_fitting.DEFAULT_C, version="cv")
        p[g_eval == held] = model.probability([x_all[g_eval == held][:, k] for k in range(x_all.shape[1])])
    return float(average_precision_score(y_all, p))


def measure(source: Any, sets: GoldSets, label: str, one_to_one: Sequence[str]) -> None:
    """Print one convention's figures."""
    dropped: dict[str, int] = {}
    _, y, _ = training_rows(source, sets, one_to_one, dropped)
    ap = pooled_ap(source, sets, one_to_one)
    with convention(one_to_one):
        insample = fit_model(source, sets)
        folds = cross_validate(source, sets)
    print(
        f"== {label}: {len(y)} training rows, {int(y.sum())} positives (no row: {dropped or 'none'}); "
        f"pooled cross-validated AP {ap:.3f}",
        flush=True,
    )
    print_figures(source, sets, insample, folds, classes=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", default="data")
    parser.add_argument("--only", choices=("shipped", "unlabelled"), default=None)
    args = parser.parse_args()
    source = get_dataset(args.data)
    sets = [(p.name, load_gold(p)) for p in GOLD_SETS if p.exists()]
    for label, one_to_one in (("shipped (every set labelled as it is)", ()), ("unlabelled beside", ONE_TO_ONE)):
        if args.only is not None and args.only != label.split()[0]:
            continue
        measure(source, sets, label, one_to_one)


if __name__ == "__main__":
    main()
