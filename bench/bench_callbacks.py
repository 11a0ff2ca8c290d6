"""Time every dashboard callback on the seed corpus and on a generated corpus of 1,000 documents.

Run: .venv/bin/python bench/bench_callbacks.py [--n 1000] [--seed 8] [--repeat 20] [--work tmp/bench-callbacks]
     .venv/bin/python bench/bench_callbacks.py --data tmp/scale/data-3000   # a package built already
     BENCH_CODE=/path/to/old/checkout .venv/bin/python bench/bench_callbacks.py --data ...   # the same cases, old code

Each callback is timed the way the browser calls it: a POST to /_dash-update-component with the payload the Dash
renderer sends (built from the app's own /_dash-dependencies), through Flask's test client, so the figure covers
parsing the request, the callback, and serialising the response (not the network or the browser's drawing).
The page router (Dash's `_pages_content` callback, which runs each page's layout function) counts as a callback.
Every case runs once cold (first call: caches empty) and then `--repeat` times; for each callback the script
prints the median and the 95th percentile of the repeated calls, the slowest cold call and the response size.

Goals (design.md): p95 under 100 ms on the seeds, under 250 ms on 1,000 documents. No asserts: figures are
printed, not checked. The generated corpus comes from bench/generate_corpus.py (the seeds' own sentences
recombined); it is built once into --work and reused (pass --rebuild to build it again).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# BENCH_CODE=/path/to/another/checkout times that checkout's app with these same cases (the old path, say)
sys.path.insert(0, os.environ.get("BENCH_CODE") or str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard.app import (
    create_app,  # noqa: E402
    ids,  # noqa: E402
)
from dashboard.app.context import AppData, current  # noqa: E402
from dashboard.dataset.build import run as build_package  # noqa: E402
from dashboard.paths import REPO_DIR, SEEDS_DIR  # noqa: E402

GOALS_MS = {"seeds": 100.0, "generated": 250.0}


@dataclass(frozen=True)
class Case:
    """One call of one callback: which callback (by an output it writes) and the values of its inputs."""

    callback: str
    output: str  # "id.property" of one of the callback's outputs
    values: dict[str, Any]  # "id.property" → value, for its inputs and states
    trigger: bool = False  # several callbacks write `output`: take the one whose inputs `values` all name
    changed: str = ""  # "id.property" of the input that changed (default: the callback's first input)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="documents in the generated corpus")
    parser.add_argument("--seed", type=int, default=8, help="seed of the generated corpus")
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per case after the cold one")
    parser.add_argument("--work", type=Path, default=REPO_DIR / "tmp" / "bench-callbacks", help="work folder")
    parser.add_argument("--rebuild", action="store_true", help="build the generated corpus again")
    parser.add_argument("--only", choices=["seeds", "generated"], help="time one corpus only")
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        default=[],
        help="time this already built package instead (repeatable; e.g. tmp/scale/data-3000)",
    )
    parser.add_argument(
        "--callbacks",
        default="",
        help="time only the callbacks whose name contains this (e.g. compare: the Compare page's router and "
        "_on_change)",
    )
    args = parser.parse_args()

    if args.data:
        for data_dir in args.data:
            label = "seeds" if data_dir.resolve() == (REPO_DIR / "data").resolve() else "generated"
            report(label, data_dir, args.repeat, args.callbacks)
        return
    corpora = []
    if args.only in (None, "seeds"):
        corpora.append(("seeds", build(SEEDS_DIR, args.work / "seeds-data", rebuild=True)))
    if args.only in (None, "generated"):
        corpora.append(("generated", generated_corpus(args.work, args.n, args.seed, args.rebuild)))
    for label, data_dir in corpora:
        report(label, data_dir, args.repeat, args.callbacks)


def build(seeds: Path, out: Path, *, rebuild: bool) -> Path:
    """Build `seeds` into `out` (kept between runs unless `rebuild`)."""
    if rebuild or not (out / "datapackage.json").exists():
        start = time.perf_counter()
        build_package(seeds, out)
        print(f"built {out} in {time.perf_counter() - start:.1f} s", flush=True)
    return out


def generated_corpus(work: Path, n: int, seed: int, rebuild: bool) -> Path:
    """Generate and build the synthetic corpus of `n` documents (reused when already built)."""
    from generate_corpus import generate

    root = work / f"generated-{n}-{seed}"
    data = root / "data"
    if rebuild or not (data / "datapackage.json").exists():
        seeds = root / "seeds"
        if seeds.exists():
            import shutil

            shutil.rmtree(seeds)
        generate(seeds, n, seed)
        build(seeds, data, rebuild=True)
    return data


def rss_mb() -> tuple[float, float]:
    """Return this process's resident memory now and at its peak, in MB (Linux /proc)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value
    return tuple(int(fields.get(k, "0 kB").split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))  # type: ignore[return-value]


def report(label: str, data_dir: Path, repeat: int, only: str = "") -> None:
    """Time every case on one corpus (or those of the callbacks whose name contains `only`) and print the
    table."""
    before = os.getloadavg()
    start, cpu0 = time.perf_counter(), time.process_time()
    app = create_app(data_dir)
    with app.server.app_context():
        data = current()  # the data the app loaded
    ready, ready_cpu = time.perf_counter() - start, time.process_time() - cpu0
    rss, peak = rss_mb()
    print(
        f"\n== {label} ({data_dir}): {len(data.documents)} documents, {len(data.provisions)} provisions "
        f"(app ready in {ready:.1f} s, {ready_cpu:.1f} s CPU; RSS {rss:.0f} MB, peak {peak:.0f} MB; "
        f"load average {before[0]:.1f} {before[1]:.1f} {before[2]:.1f}) ==",
        flush=True,
    )
    client = app.server.test_client()
    deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))
    times: dict[str, list[float]] = defaultdict(list)
    cold: dict[str, list[float]] = defaultdict(list)
    sizes: dict[str, list[int]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    for case in [c for c in cases(data) if only in c.callback]:
        payload = request_for(case, deps)
        for i in range(repeat + 1):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.post("/_dash-update-component", json=payload)
            elapsed = (time.perf_counter() - t0) * 1000
            if i:
                cpu[case.callback].append((time.process_time() - c0) * 1000)
            if response.status_code not in (200, 204):
                raise SystemExit(f"{case.callback}: HTTP {response.status_code}: {response.get_data(as_text=True)}")
            (cold if i == 0 else times)[case.callback].append(elapsed)
            sizes[case.callback].append(len(response.get_data()))
    goal = GOALS_MS[label]
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
        f"wall-clock ms (CPU ms of this process beside: the steadier figure on a shared machine); "
        f"goal p95 < {goal:.0f} ms"
    )
    print(
        f"{'callback':<34}{'calls':>6}{'median':>8}{'p95':>8}{'cpu med':>9}{'cpu p95':>9}{'cold max':>10}{'KB':>7}"
        f"{'max KB':>8}"
    )
    for name, values in times.items():
        p95 = percentile(values, 95)
        flag = "ok" if p95 < goal else "OVER"
        big = " >1MB" if max(sizes[name]) > 1 << 20 else ""
        print(
            f"{name:<34}{len(values):>6}{statistics.median(values):>8.1f}{p95:>8.1f}"
            f"{statistics.median(cpu[name]):>9.1f}{percentile(cpu[name], 95):>9.1f}"
            f"{max(cold[name]):>10.1f}{statistics.median(sizes[name]) / 1024:>7.0f}"
            f"{max(sizes[name]) / 1024:>8.0f}  {flag}{big}"
        )
    rss, peak = rss_mb()
    after = os.getloadavg()
    print(
        f"after every page: RSS {rss:.0f} MB, peak {peak:.0f} MB; largest response "
        f"{max(max(v) for v in sizes.values()) / 1024:.0f} KB; load average {after[0]:.1f} {after[1]:.1f} "
        f"{after[2]:.1f}",
        flush=True,
    )


def cases(data: AppData) -> list[Case]:
    """Return the calls to time: every callback of the Home, Timeline, Document, Explorer, Themes, Targets and
    Compare pages, and the page router for each page, with realistic inputs taken from the corpus."""
    held = [d for d in data.documents if d in data.vocab.held]
    biggest = max(held, key=lambda d: int(data.documents[d].get("provisions") or 0))
    middle = data.by_document[biggest][len(data.by_document[biggest]) // 2]
    first, last = data.vocab.years
    router = "_pages_content.children"
    out: list[Case] = []
    for path, search in [
        ("/", ""),
        ("/", "?page=2&lang=vi"),
        ("/timeline", ""),
        ("/timeline", "?lang=vi&hide=horizons"),
        ("/timeline", f"?from={last}&to={last}"),  # one year: the documents one by one on a large corpus
        ("/document", f"?doc={biggest}"),
        ("/document", f"?doc={biggest}&p={middle}"),
        ("/document", f"?doc={biggest}&page=2"),
        ("/document", "?doc=no-such-document"),
        ("/explorer", ""),
        ("/explorer", "?q=asean+cooperation"),
        ("/explorer", f"?actor=mofa&from={first + 1}"),
        ("/themes", ""),
        ("/themes", f"?theme=science_technology&cell={biggest}%7Cscience_technology&lang=vi"),
        ("/targets", ""),
        ("/targets", "?from=2030&to=2030"),
        ("/no/such/page", ""),
    ]:
        pages = ("/", "/timeline", "/document", "/explorer", "/themes", "/targets", "/compare")
        name = "router " + (path if path in pages else "404")
        out.append(Case(name, router, {"_pages_location.pathname": path, "_pages_location.search": search}))
    # the shell: another page or language draws the navbar and footer; a new view of the same page (the last
    # case) moves the language links only
    for path, search, drawn in [
        ("/explorer", "?q=asean&lang=vi", None),
        ("/", "", "/explorer|vi"),
        ("/timeline", "?hide=relations", "/timeline|en"),
    ]:
        out.append(
            Case(
                "shell _update_shell",
                f"{ids.SHELL_NAVBAR}.children",
                {"url.pathname": path, "url.search": search, f"{ids.SHELL_DRAWN}.data": drawn},
            )
        )
    for shown in (["horizons", "not_held"], ["relations"], [], ["relations", "horizons", "not_held"]):
        for search in ("", "?lang=vi&hide=horizons"):
            out.append(
                Case(
                    "timeline _update_timeline",
                    f"{ids.TIMELINE_GRAPH}.figure",
                    {f"{ids.TIMELINE_LAYERS}.value": shown, "url.search": search},
                )
            )
    clicks = [[doc] for doc in (held[0], held[-1], biggest)] + [[f"year:{last}"]]  # a grouped timeline's circle
    for custom in clicks:
        click = {"points": [{"curveNumber": 5, "pointNumber": 0, "customdata": custom}]}
        out.append(
            Case(
                "timeline _on_timeline_click",
                f"{ids.NAV}.href",
                {f"{ids.TIMELINE_GRAPH}.clickData": click, "url.search": "?lang=vi"},
                trigger=True,  # the Compare page's pickers navigate through the same output
            )
        )
    controls = {
        "q": "",
        "docs": [],
        "theme": None,
        "issuer": None,
        "years": [first, last],
        "entity": None,
        "actor": None,
        "role": None,
        "own": [],
    }
    variants = [
        {"q": "ASEAN"},
        {"q": '"international integration" trade'},
        {"q": "cooperation", "own": ["own"]},
        {"docs": held[:3]},
        {"theme": "economy_trade", "years": [first + 2, last - 1]},
        {"issuer": "government", "q": "ministry"},
        {"actor": "mofa"},
        {"entity": "asean"},
        {"actor": "mofa", "role": "lead", "q": "report"},
        {"q": "zzzz no match"},
    ]
    names = {
        "q": ids.EXP_QUERY,
        "docs": ids.EXP_DOCS,
        "theme": ids.EXP_THEME,
        "issuer": ids.EXP_ISSUER,
        "years": ids.EXP_YEARS,
        "entity": ids.EXP_ENTITY,
        "actor": ids.EXP_ACTOR,
        "role": ids.EXP_ROLE,
        "own": ids.EXP_OWN,
    }
    for variant in variants:
        values = {**controls, **variant}
        if data.vocab.entities is None:
            values["entity"] = None
        if data.vocab.actors is None:
            values["actor"] = values["role"] = None
        out.append(
            Case(
                "explorer _update_results",
                f"{ids.EXP_RESULTS}.children",
                {**{f"{names[k]}.value": v for k, v in values.items()}, "url.search": ""},
            )
        )
    return out + theme_and_target_cases(data) + compare_cases(data)


def theme_and_target_cases(data: AppData) -> list[Case]:
    """Return the calls of the Themes page (controls; a click on a heatmap cell, sent as Dash sends it: the
    cell's labels, no customdata) and of the Targets page (filters)."""
    from dashboard.app.state import ThemesView
    from dashboard.app.views.themes import charted
    from dashboard.figures.themes.heatmap import heatmap_axes

    held = [d for d in data.documents if d in data.vocab.held]
    themes = list(data.vocab.themes)
    first, last = data.vocab.years
    out: list[Case] = []
    for docs, theme, measure, basis in [
        ([], ["science_technology"], "share_provisions", "own"),
        ([], [], "share_words", "all"),
        (held[:2], ["economy_trade", "education_training"], "count", "own"),
        (held[-3:], themes[:3], "share_provisions", "all"),
    ]:
        values = {
            f"{ids.THEMES_DOCS}.value": docs,
            f"{ids.THEMES_THEME}.value": theme,
            f"{ids.THEMES_MEASURE}.value": measure,
            f"{ids.THEMES_BASIS}.value": basis,
            "url.search": "",
        }
        out.append(Case("themes _update_themes", f"{ids.THEMES_EVOLUTION}.figure", values))
    for search in ("?theme=science_technology", "?basis=all&lang=vi"):
        options = ThemesView.from_query(search, data.vocab).chart_options()
        columns, rows = heatmap_axes(charted(data, options), options)  # as the page reads it
        for x, y in [(list(columns)[-1], list(rows)[0]), (list(columns)[0], list(rows)[-1])]:
            click = {"points": [{"curveNumber": 1, "x": x, "y": y}]}
            values = {f"{ids.THEMES_HEATMAP}.clickData": click, "url.search": search}
            out.append(Case("themes _on_heatmap_click", f"{ids.THEMES_CELL}.children", values, trigger=True))
    for docs, theme, kinds, years, by in [
        ([], None, [], [first, last], "document"),
        ([], None, [], [2030, 2030], "document"),
        (held[:2], "economy_trade", ["goal", "milestone"], [first, last], "theme"),
        ([], None, ["reported_indicator"], [2020, 2026], "document"),
    ]:
        values = {
            f"{ids.TARGETS_DOCS}.value": docs,
            f"{ids.TARGETS_THEME}.value": theme,
            f"{ids.TARGETS_KIND}.value": kinds,
            f"{ids.TARGETS_YEARS}.value": years,
            f"{ids.TARGETS_BY}.value": by,
            "url.search": "",
        }
        out.append(Case("targets _update_targets", f"{ids.TARGETS_TABLE}.children", values))
    return out


def compare_pair(data: AppData) -> tuple[str, str]:
    """Return the pair the Compare cases time: the two largest seed documents (the design's journey) when the
    corpus holds them, else the corpus's two largest held documents, earlier first."""
    held = [d for d in data.documents if d in data.vocab.held]
    if {"40-QD-TTg-2016", "153-NQ-CP-2025"} <= set(held):
        return "40-QD-TTg-2016", "153-NQ-CP-2025"
    largest = sorted(held, key=lambda d: len(data.by_document.get(d, [])), reverse=True)[:2]
    a, b = sorted(largest, key=lambda d: str(data.documents[d].get("issued")))
    return a, b


def compare_cases(data: AppData) -> list[Case]:
    """Return the calls of the Compare page: the page render (router) for the pair, filtered, in Vietnamese and
    with a reader's pin; and the page's one callback (_on_change) for a control (theme, status, a new pair, a
    language kept: the address and what it changes), a new address (a correction, its undo, a filter, another B)
    and the pickers' Pair button."""
    a, b = compare_pair(data)
    pair = f"?a={a}&b={b}"
    router = "_pages_content.children"
    out: list[Case] = []
    for search in (pair, f"{pair}&theme=education_training&status=reworded,new", f"?a={b}&b={a}&lang=vi", ""):
        values = {"_pages_location.pathname": "/compare", "_pages_location.search": search}
        out.append(Case("router /compare", router, values))
    all_statuses = ["kept", "reworded", "new", "dropped"]
    rows = f"{ids.COMPARE_PAIRS}.data-rows"  # an output of the page's one callback (_on_change)

    def change(changed: str, url: str, shown: str, controls: tuple[Any, ...], **more: Any) -> Case:
        values = {
            f"{ids.COMPARE_ADDRESS}.data": {"search": url, "n": 1},
            **{
                f"{c}.value": v
                for c, v in zip(
                    (ids.COMPARE_A, ids.COMPARE_B, ids.COMPARE_THEME, ids.COMPARE_STATUS), controls, strict=True
                )
            },
            f"{ids.COMPARE_PIN_BUTTON}.n_clicks": 0,
            "url.search": url,
            f"{ids.COMPARE_SHOWN}.data": shown,
            f"{ids.COMPARE_PIN_A}.value": None,
            f"{ids.COMPARE_PIN_B}.value": None,
            **more,
        }
        name = {ids.COMPARE_ADDRESS: "address", ids.COMPARE_PIN_BUTTON: "pickers' Pair"}.get(
            changed.split(".")[0], "controls"
        )
        return Case(f"compare _on_change ({name})", rows, values, changed=changed)

    # the controls writing the address (and drawing what it changes, in the same answer)
    for url, pick_a, pick_b, theme, status in [
        (pair, a, b, "education_training", all_statuses),  # a theme picked
        (pair, a, b, None, ["dropped"]),  # three statuses unticked
        (f"{pair}&theme=education_training", a, b, "governance", ["reworded", "new"]),
        (f"{pair}&status=dropped", a, b, None, all_statuses),  # filters cleared: every pair again
        (f"?a={a}", a, b, None, all_statuses),  # B picked: a new pair
        (f"{pair}&lang=vi", b, a, None, all_statuses),  # after a swap, in Vietnamese
    ]:
        out.append(change(f"{ids.COMPARE_THEME}.value", url, url, (pick_a, pick_b, theme, status)))
    # a reader's corrections: a pinned address (pasted: the router), and the pickers' button
    first_a, last_b = data.by_document[a][0], data.by_document[b][-1]
    pinned = f"{pair}&pin={first_a.split(':', 1)[1]}-{last_b.split(':', 1)[1]}"
    # a new address on the page (a correction, undo, a filter, Back, another B): only what it changes is sent
    for shown, search in ((pair, pinned), (pinned, pair), (pair, f"{pair}&status=dropped"), (f"?a={a}", pair)):
        out.append(change(f"{ids.COMPARE_ADDRESS}.data", search, shown, (a, b, None, all_statuses)))
    out.append(
        Case(
            "router /compare (pinned)",
            router,
            {"_pages_location.pathname": "/compare", "_pages_location.search": pinned},
        )
    )
    for url in (pair, pinned):
        picks = {
            f"{ids.COMPARE_PIN_BUTTON}.n_clicks": 1,
            f"{ids.COMPARE_PIN_A}.value": data.by_document[a][-1],
            f"{ids.COMPARE_PIN_B}.value": data.by_document[b][0],
        }
        out.append(change(f"{ids.COMPARE_PIN_BUTTON}.n_clicks", url, url, (a, b, None, all_statuses), **picks))
    # (the swap button is a clientside callback: no request)
    return out


def request_for(case: Case, deps: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the JSON body the Dash renderer posts for this callback and these values."""
    for dep in deps:
        outputs = [part for part in dep["output"].strip(".").split("...")]
        plain = [o.split("@")[0] for o in outputs]
        if case.output not in plain:
            continue
        if case.trigger and any(f"{i['id']}.{i['property']}" not in case.values for i in dep["inputs"]):
            continue
        specs = [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]} for o in outputs]
        multi = dep["output"].startswith("..")
        inputs = [{**i, "value": case.values[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]]
        state = [{**s, "value": case.values[f"{s['id']}.{s['property']}"]} for s in dep["state"]]
        return {
            "output": dep["output"],
            "outputs": specs if multi else specs[0],
            "inputs": inputs,
            "state": state,
            "changedPropIds": [case.changed or f"{inputs[0]['id']}.{inputs[0]['property']}"],
        }
    raise SystemExit(f"no callback writes {case.output}")


def percentile(values: list[float], q: float) -> float:
    """Return the q-th percentile (nearest rank)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


if __name__ == "__main__":
    main()
