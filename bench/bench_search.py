"""Time the explorer's ranked search (SQLite FTS5, bm25) on the seeds and on a generated corpus of 1,000
documents.

Run: .venv/bin/python bench/bench_search.py [--n 1000] [--seed 9] [--repeat 30] [--work tmp/bench-search]

For each corpus the script prints how long building the index takes at load (the FTS5 tables over every
provision and over the titles and names), then, for a fixed set of queries (single words, a stem that also
matches longer words, a phrase, Vietnamese with and without its marks, an exclusion, a query with filters), the
median and the 95th percentile of:
- `search`: the engine alone (`SearchIndex.search`: match, rank, filter);
- `results`: what the explorer's callback builds for one page: the search, the match spans of the 25 shown
  provisions and their cards with highlighted snippets.
Goal (issue 14): p95 under 100 ms on 1,000 documents. No asserts: figures are printed, not checked. The
generated corpus comes from bench/generate_corpus.py and is built once into --work (reused; --rebuild).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_callbacks import build, generated_corpus  # noqa: E402

from dashboard.analysis.search import SearchIndex, SearchQuery, name_entries  # noqa: E402
from dashboard.app.context import AppData, optional_table  # noqa: E402
from dashboard.app.state import ExplorerView  # noqa: E402
from dashboard.app.views.explorer import results  # noqa: E402
from dashboard.paths import REPO_DIR, SEEDS_DIR  # noqa: E402

QUERIES = [
    ExplorerView(q="integration"),
    ExplorerView(q="diploma"),
    ExplorerView(q="integr"),
    ExplorerView(q='"mutual recognition"'),
    ExplorerView(q="science technology innovation"),
    ExplorerView(q="hội nhập"),
    ExplorerView(q="hoi nhap"),
    ExplorerView(q="Bộ Ngoại giao"),
    ExplorerView(q="ASEAN -WTO"),
    ExplorerView(q="trade", theme="economy_trade", own=True),
    ExplorerView(q="the"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="documents in the generated corpus")
    # seed 8's corpus does not build at the moment: one generated document is 40/QĐ-TTg, whose entity id the
    # gazetteer's real 40/QĐ-TTg already has (entities.csv: duplicate id "40-qd-ttg-2016")
    parser.add_argument("--seed", type=int, default=9, help="seed of the generated corpus")
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per query after a warm-up call")
    parser.add_argument("--work", type=Path, default=REPO_DIR / "tmp" / "bench-search", help="work folder")
    parser.add_argument("--rebuild", action="store_true", help="build the generated corpus again")
    args = parser.parse_args()
    corpora = [
        ("seeds", build(SEEDS_DIR, args.work / "seeds-data", rebuild=True)),
        (f"generated ({args.n} documents)", generated_corpus(args.work, args.n, args.seed, args.rebuild)),
    ]
    for label, data_dir in corpora:
        report(label, data_dir, args.repeat)


def report(label: str, data_dir: Path, repeat: int) -> None:
    """Print the index build time and the per-query timings on one corpus."""
    data = AppData.load(data_dir)
    ds = data.dataset
    tables = {n: optional_table(ds, n) for n in ("provision_themes", "mentions", "assignments", "actors", "entities")}
    start = time.perf_counter()
    index = SearchIndex.build(
        ds.provisions,
        ds.documents,
        provision_themes=tables["provision_themes"],
        mentions=tables["mentions"],
        assignments=tables["assignments"],
        names=name_entries(ds.documents, themes=optional_table(ds, "themes"), actors=tables["actors"],
                           entities=tables["entities"]),
    )
    built = time.perf_counter() - start
    print(f"\n{label}: {len(ds.provisions):,} provisions, {len(index.names):,} titles and names; "
          f"index built in {built * 1000:.0f} ms")
    print(f"{'query':40} {'hits':>6} {'search p50':>11} {'p95':>7} {'results p50':>12} {'p95':>7}")
    all_search, all_results = [], []
    for view in QUERIES:
        query = SearchQuery(text=view.q, theme=view.theme, own_only=view.own)
        hits = len(data.index.search(query))
        results(data, view)  # warm-up
        search_ms = _times(lambda q=query: data.index.search(q), repeat)
        results_ms = _times(lambda v=view: results(data, v), repeat)
        all_search += search_ms
        all_results += results_ms
        name = view.q + (" +filters" if view.theme else "")
        print(f"{name:40} {hits:>6} {_p(search_ms, 50):>9.1f}ms {_p(search_ms, 95):>5.1f}ms "
              f"{_p(results_ms, 50):>10.1f}ms {_p(results_ms, 95):>5.1f}ms")
    print(f"{'all queries':40} {'':>6} {_p(all_search, 50):>9.1f}ms {_p(all_search, 95):>5.1f}ms "
          f"{_p(all_results, 50):>10.1f}ms {_p(all_results, 95):>5.1f}ms")


def _times(call, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


if __name__ == "__main__":
    main()
