"""Time the dashboard as a reader sees it: page loads and Compare interactions in Debian's headless Chromium.

Run: .venv/bin/python bench/bench_browser.py [--repeat 5] [--work tmp/bench-browser]

The shipped seeds are built into --work once, `create_app` serves them on a free loopback port (werkzeug, in a
thread, as tests/browser/conftest.py does), and Playwright drives /usr/bin/chromium (no `playwright install`).
For each case the script prints p50 and p95 of the browser-side time (from the action until the change is on
screen: the page's key element drawn, a correction's row marked, the count of a filter updated) beside the
server-side time of the same requests, taken from the browser's own network timing of every Dash callback request
made during the case (request sent → first byte of the answer, summed over the case's requests), and how many
callback requests the case made. The difference between the two columns is the browser's work: sending,
rendering and drawing. The `cpu` columns are the CPU time of the page's main thread over the case (Chromium's
`ThreadTime` metric through CDP): on a busy machine the wall times stretch with the other work, this much less.

A "page load" is a fresh navigation (goto) until the page is usable: its key element is visible and Dash has no
callback in flight. Bounded loops (--repeat runs of each case, each with a deadline); no asserts on time.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Page, Request, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from dashboard.app import create_app, ids  # noqa: E402
from dashboard.dataset.build import run as build_package  # noqa: E402
from dashboard.paths import REPO_DIR, SEEDS_DIR  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
TIMEOUT_MS = 60_000  # one case's deadline (--timeout)
A, B = "40-QD-TTg-2016", "153-NQ-CP-2025"
ROW_A = f"{A}:3.b1"  # a provision the engine leaves alone, with candidates offered beside it
COMPARE = f"/compare?a={A}&b={B}"
# Dash marks a component while a callback that writes it is in flight; none left = the page has settled
IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
PAGES = (  # page, address, the element that makes it usable
    ("Home", "/", ids.HOME_CORPUS),
    ("Timeline", "/timeline", ids.TIMELINE_GRAPH + " .main-svg"),
    ("Themes", "/themes", ids.THEMES_HEATMAP + " .main-svg"),
    ("Targets", "/targets", ids.TARGETS_TABLE),
    ("Explorer", "/explorer", ids.EXP_LIST),
    ("Document", f"/document?doc={B}", ids.DOC_PROVISIONS),
    ("Compare", COMPARE, ids.COMPARE_TERMS_CHART + " .main-svg"),
)


@dataclass
class Case:
    name: str
    browser_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)  # the page's main thread, CPU time
    server_ms: list[float] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)
    failed: int = 0  # runs that did not finish within TIMEOUT_MS


class Network:
    """Collects the Dash callback requests a page finishes, with the browser's timing of each, and reads the CPU
    time of the page's main thread (Chromium's `ThreadTime` metric: steadier than wall time on a busy machine)."""

    def __init__(self, page: Page) -> None:
        self.done: list[Request] = []
        page.on("requestfinished", self._finished)
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Performance.enable")

    def cpu_ms(self) -> float:
        metrics = self.cdp.send("Performance.getMetrics")["metrics"]
        return 1000 * next((m["value"] for m in metrics if m["name"] == "ThreadTime"), 0.0)

    def _finished(self, request: Request) -> None:
        if "/_dash-update-component" in request.url or "/_dash-layout" in request.url:
            self.done.append(request)

    @contextmanager
    def window(self) -> Iterator[list[Request]]:
        """Yield the list of callback requests finished inside the block."""
        start = len(self.done)
        out: list[Request] = []
        yield out
        out.extend(self.done[start:])


def server_ms(requests: list[Request]) -> float:
    """Return the time the server took on `requests`: from the request sent to the first byte back, summed."""
    total = 0.0
    for request in requests:
        timing = request.timing
        if timing["responseStart"] >= 0 and timing["requestStart"] >= 0:
            total += timing["responseStart"] - timing["requestStart"]
    return total


def measure(case: Case, page: Page, net: Network, action: Callable[[], None], done: Callable[[], None]) -> None:
    """Time `action` until `done` returns and Dash is idle; record the browser and server figures."""
    with net.window() as requests:
        cpu = net.cpu_ms()
        start = time.perf_counter()
        try:
            action()
            done()
            page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
        except PlaywrightTimeout:
            print(f"  {case.name}: no change within {TIMEOUT_MS / 1000:.0f} s (address {page.url}, "
                  f"{len(requests)} callback requests sent)", file=sys.stderr)
            case.failed += 1
            raise
        elapsed = (time.perf_counter() - start) * 1000
        cpu = net.cpu_ms() - cpu
        page.wait_for_timeout(150)  # let the last requests report their timing
    print(f"  {case.name}: {elapsed:.0f} ms", file=sys.stderr)
    case.browser_ms.append(elapsed)
    case.cpu_ms.append(cpu)
    case.server_ms.append(server_ms(requests))
    case.requests.append(len(requests))


def sel(component: str) -> str:
    return f"#{component}"


def row(a_id: str) -> str:
    return f"{sel(ids.COMPARE_PAIRS)} > .pair[data-a='{a_id}']"


def load_cases(page: Page, net: Network, url: str, repeat: int) -> list[Case]:
    out = []
    for name, path, ready in PAGES:
        case = Case(f"load {name}")
        page.goto(url + path)  # warm: the server's caches and the browser's assets
        page.wait_for_selector(sel(ready), timeout=TIMEOUT_MS)
        for _ in range(repeat):
            page.goto("about:blank")
            try:
                measure(case, page, net, lambda p=path: page.goto(url + p),
                        lambda r=ready: page.wait_for_selector(sel(r), timeout=TIMEOUT_MS))
            except PlaywrightTimeout:
                continue
        out.append(case)
    return out


def compare_cases(page: Page, net: Network, url: str, repeat: int) -> list[Case]:
    cases = {name: Case(name) for name in (
        "Pair with", "undo", "not a pair", "no counterpart", "remove a correction", "Back to the engine's pairs",
        "Back (browser)", "pickers: Pair", "choose document B", "status filter")}
    for _ in range(repeat):
        try:
            compare_run(page, net, url, cases)
        except PlaywrightTimeout as exc:  # a case left the page in an unknown state: the rest of this run is lost
            print(f"  run abandoned: {str(exc).splitlines()[0]}", file=sys.stderr)
    return list(cases.values())


def compare_run(page: Page, net: Network, url: str, cases: dict[str, Case]) -> None:
    """One run of every Compare interaction, in a reader's order, from a fresh page."""
    page.goto(url + COMPARE)
    page.wait_for_selector(sel(ids.COMPARE_TERMS_CHART) + " .main-svg", timeout=TIMEOUT_MS)
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    reader = f"{row(ROW_A)}[data-set-by='reader']"
    engine = f"{row(ROW_A)}[data-set-by='engine']"
    measure(cases["Pair with"], page, net,
            lambda: page.locator(f"{row(ROW_A)} .side-a a.pin-candidate").first.click(),
            lambda: page.wait_for_selector(reader, timeout=TIMEOUT_MS))
    measure(cases["undo"], page, net, lambda: page.locator(f"{row(ROW_A)} a.pin-undo").click(),
            lambda: page.wait_for_selector(engine, timeout=TIMEOUT_MS))
    paired = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-status='reworded']").first
    a_id = paired.get_attribute("data-a")
    measure(cases["not a pair"], page, net, lambda: paired.locator("a.pin-unpair").click(),
            lambda: page.wait_for_selector(f"{sel(ids.COMPARE_PINS)}[data-count='1']", timeout=TIMEOUT_MS))
    other = page.locator(f"{sel(ids.COMPARE_PAIRS)} > .pair[data-status='reworded'][data-set-by='engine']")
    lone = other.first.get_attribute("data-a")
    # the row named by its provision, not "the first engine row" again: a late redraw could make that another row
    measure(cases["no counterpart"], page, net, lambda: page.locator(f"{row(lone)} .side-a a.pin-none").first.click(),
            lambda: page.wait_for_selector(f"{row(lone)}[data-set-by='reader']", timeout=TIMEOUT_MS))
    measure(cases["remove a correction"], page, net,
            lambda: page.locator(f"{sel(ids.COMPARE_PINS)} .pin-item a.pin-remove").first.click(),
            lambda: page.wait_for_selector(f"{sel(ids.COMPARE_PINS)}[data-count='1']", timeout=TIMEOUT_MS))
    measure(cases["Back (browser)"], page, net, page.go_back,
            lambda: page.wait_for_selector(f"{sel(ids.COMPARE_PINS)}[data-count='2']", timeout=TIMEOUT_MS))
    measure(cases["Back to the engine's pairs"], page, net,
            lambda: page.locator(f"{sel(ids.COMPARE_PINS)} a.pin-reset").click(),
            lambda: page.wait_for_selector(f"{sel(ids.COMPARE_PINS)}.d-none", state="attached",
                                           timeout=TIMEOUT_MS))
    del a_id

    page.mouse.wheel(0, 1)  # the reader takes over the scrolling (ends the page's keeping the last row in view)
    page.locator(sel(ids.COMPARE_PIN_BUTTON)).scroll_into_view_if_needed()

    def pick() -> None:
        for picker, option in ((ids.COMPARE_PIN_A, r"^6 · "), (ids.COMPARE_PIN_B, r"^p3 · ")):
            page.click(sel(picker))
            page.get_by_role("option", name=re.compile(option)).click()
            page.keyboard.press("Escape")
        page.click(sel(ids.COMPARE_PIN_BUTTON))

    measure(cases["pickers: Pair"], page, net, pick,
            lambda: page.wait_for_selector(f"{row(A + ':6')}[data-set-by='reader']", timeout=TIMEOUT_MS))
    count = page.locator(sel(ids.COMPARE_PAIR_COUNT)).get_attribute("data-count")

    def untick() -> None:
        page.mouse.wheel(0, -100_000)  # the reader scrolls up to the filters (the page stops keeping the pair)
        page.locator(f"{sel(ids.COMPARE_STATUS)} label", has_text="Reworded").click()

    measure(cases["status filter"], page, net, untick,
            lambda: page.wait_for_selector(f"{sel(ids.COMPARE_PAIR_COUNT)}:not([data-count='{count}'])",
                                           timeout=TIMEOUT_MS))

    page.mouse.wheel(0, -100_000)  # back up to the pickers, as a reader scrolls

    def choose_b() -> None:
        page.click(sel(ids.COMPARE_B))
        page.get_by_role("option", name="59-NQ/TW (2025)", exact=True).click()
        page.keyboard.press("Escape")

    measure(cases["choose document B"], page, net, choose_b,
            lambda: page.wait_for_selector(f"{sel(ids.COMPARE_CAPTION)}:has-text('59-NQ/TW')",
                                           timeout=TIMEOUT_MS))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def print_table(cases: list[Case]) -> None:
    head = (f"{'case':30} {'browser p50':>12} {'browser p95':>12} {'cpu p50':>9} {'cpu p95':>9} {'server p50':>11}"
            f" {'server p95':>11} {'requests':>9} {'failed':>7}")
    print(head)
    print("-" * len(head))
    for case in cases:
        if not case.browser_ms:
            print(f"{case.name:30} {'-':>12} {'-':>12} {'-':>9} {'-':>9} {'-':>11} {'-':>11} {'-':>9} {case.failed:7d}")
            continue
        print(f"{case.name:30} {statistics.median(case.browser_ms):10.0f}ms {percentile(case.browser_ms, .95):10.0f}ms"
              f" {statistics.median(case.cpu_ms):7.0f}ms {percentile(case.cpu_ms, .95):7.0f}ms"
              f" {statistics.median(case.server_ms):9.0f}ms {percentile(case.server_ms, .95):9.0f}ms"
              f" {statistics.median(case.requests):9.0f} {case.failed:7d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each case")
    parser.add_argument("--work", type=Path, default=REPO_DIR / "tmp" / "bench-browser", help="work folder")
    parser.add_argument("--only", choices=("load", "compare"), help="run one group of cases")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a case may take (then it failed)")
    args = parser.parse_args()
    global TIMEOUT_MS
    TIMEOUT_MS = int(args.timeout * 1000)
    data_dir = args.work / "data"
    if not (data_dir / "datapackage.json").exists():
        build_package(SEEDS_DIR, data_dir)
    app = create_app(data_dir)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            net = Network(page)
            cases: list[Case] = []
            if args.only in (None, "load"):
                cases += load_cases(page, net, url, args.repeat)
            if args.only in (None, "compare"):
                cases += compare_cases(page, net, url, args.repeat)
            browser.close()
    finally:
        server.shutdown()
        thread.join(timeout=10)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end of the run")
    print(f"Chromium {CHROMIUM}, seeds, {args.repeat} runs per case (browser: action → change on screen; server: "
          "request sent → first byte, summed over the case's callback requests)")
    print_table(cases)


if __name__ == "__main__":
    main()
