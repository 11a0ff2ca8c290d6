"""TF-IDF rows and the one-to-one assignment as scikit-learn and scipy compute them, without importing
scikit-learn or `scipy.optimize`.

The comparison's lexical and character similarities are scikit-learn's `TfidfVectorizer` / `TfidfTransformer`
(smoothed IDF, sublinear TF, rows scaled to unit length) and its assignments scipy's `linear_sum_assignment`. The
packages cost every app worker that serves the Compare page ~60 MB of imports and ~1 s of CPU (scikit-learn's
package import runs ~600 sklearn and scipy modules; `scipy.optimize` ~26 MB) for a few array operations, so they
are done here with the same operations in the same order, giving the same floats bit for bit
(tests/unit/analysis/test_diff_tfidf.py compares them with scikit-learn's and scipy's on the seeds' provisions):

- `term_counts`: `CountVectorizer(analyzer=...)`'s matrix: terms numbered by first appearance, each row's entries
  in that order, then renumbered in term order without moving (sklearn's `_sort_features`);
- `tfidf`: the TF-IDF step of `TfidfVectorizer(sublinear_tf=True)`: idf = ln((n + 1) / (df + 1)) + 1, tf =
  1 + ln(count), each row divided by its Euclidean length summed entry by entry in the row's order (sklearn's
  Cython loop);
- `linear_sum_assignment`: scipy's own compiled `_lsap` module (the function `scipy.optimize` re-exports), loaded
  from its file without running `scipy/optimize/__init__.py`.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import numpy as np


def term_counts(texts: Sequence[str], analyzer: Callable[[str], Iterable[str]]) -> Any:
    """Return the counts of each text's terms laid out as scikit-learn's `CountVectorizer(analyzer=analyzer)`
    lays them out (a scipy.sparse.csr_matrix of float64; Any, as scipy has no type hints), or None when no text
    has a term (where scikit-learn raises "empty vocabulary")."""
    from scipy import sparse  # pyright: ignore[reportMissingTypeStubs]  # no hints

    vocabulary: dict[str, int] = {}
    cols: list[int] = []
    values: list[int] = []
    indptr = [0]
    for text in texts:
        counter: dict[int, int] = {}
        for term in analyzer(text):
            k = vocabulary.setdefault(term, len(vocabulary))
            counter[k] = counter.get(k, 0) + 1
        cols.extend(counter)
        values.extend(counter.values())
        indptr.append(len(cols))
    if not vocabulary:
        return None
    csr_matrix = cast(Any, sparse.csr_matrix)  # scipy: no hints
    counts = csr_matrix(
        (np.asarray(values, dtype=np.float64), np.asarray(cols, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
        shape=(len(texts), len(vocabulary)),
    )
    return in_term_order(counts, vocabulary)


def in_term_order(counts: Any, ids: dict[str, int]) -> Any:
    """Return a csr matrix of counts whose columns are numbered by first appearance (`ids`: term → column) laid
    out as sklearn lays out its counts: each row's entries sorted by that number, then the columns renumbered in
    term order without moving the entries (sklearn's `_sort_features`)."""
    counts.sort_indices()
    indices: np.ndarray = counts.indices
    rank = np.empty(len(ids), dtype=indices.dtype)
    rank[[ids[t] for t in sorted(ids)]] = np.arange(len(ids), dtype=indices.dtype)
    counts.indices = rank[indices]
    counts.has_sorted_indices = False
    return counts


def tfidf(counts: Any) -> Any:
    """Return the TF-IDF rows of a csr matrix of counts laid out as `term_counts` lays them out, as
    `TfidfVectorizer(sublinear_tf=True).fit_transform` computes them: the same float operations in the same
    order, each row's entries left in their order."""
    x = counts.astype(np.float64)  # a copy: the counts are left as they are
    n_rows, n_cols = x.shape
    data: np.ndarray = x.data
    indices: np.ndarray = x.indices
    indptr: np.ndarray = x.indptr
    df = np.bincount(indices, minlength=n_cols).astype(np.float64)
    df += 1.0
    idf = np.full_like(df, fill_value=n_rows + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    np.log(data, data)
    data += 1.0
    data *= idf[indices]
    # each row's sum of squares, added one entry at a time in the row's order (as sklearn's loop adds them; numpy's
    # own sums add in pairs, which can differ in the last bit): step k adds every row's k-th entry
    lengths = np.diff(indptr)
    sums = np.zeros(n_rows, dtype=np.float64)
    squares = data * data
    for k in range(int(lengths.max(initial=0))):
        rows = np.flatnonzero(lengths > k)
        sums[rows] += squares[indptr[rows] + k]
    norms = np.sqrt(sums)
    norms[sums == 0.0] = 1.0  # an empty row stays as it is
    data /= np.repeat(norms, lengths)
    return x


def linear_sum_assignment(weights: np.ndarray, maximize: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Return scipy's `linear_sum_assignment(weights, maximize=maximize)`: the rows and columns of the optimal
    one-to-one assignment."""
    return _lsap()(weights, maximize=maximize)


@lru_cache(maxsize=1)
def _lsap() -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """Return scipy's compiled `linear_sum_assignment`, from `scipy.optimize` if it is imported already, else
    from its extension module's file (registered under its own name, so a later `import scipy.optimize` reuses
    it: the same function object)."""
    module = sys.modules.get("scipy.optimize") or sys.modules.get("scipy.optimize._lsap")
    if module is None:
        spec = importlib.util.find_spec("scipy")  # finds the installed scipy without importing it
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("scipy is not installed: its linear_sum_assignment is needed")
        folder = Path(next(iter(spec.submodule_search_locations))) / "optimize"
        paths = [folder / f"_lsap{suffix}" for suffix in importlib.machinery.EXTENSION_SUFFIXES]
        path = next((p for p in paths if p.exists()), None)
        module_spec = importlib.util.spec_from_file_location("scipy.optimize._lsap", path) if path else None
        if module_spec is None or module_spec.loader is None:
            raise ImportError(f"scipy's compiled _lsap module is not in {folder}")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        sys.modules.setdefault("scipy.optimize._lsap", module)
    return cast(Callable[..., tuple[np.ndarray, np.ndarray]], module.linear_sum_assignment)
