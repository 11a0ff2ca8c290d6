"""Load test: the production server with 2 workers on loopback, 50 concurrent clients driving every page's
callbacks, and optionally export clients beside them.

Run: .venv/bin/python bench/load_test.py [--clients 50] [--duration 20] [--workers 2] [--data DIR] [--think 0]
     [--exporters 4] [--server waitress|gunicorn]
     (or --url http://host:port to load a server that is already running)
It starts the production entry point (`python -m dashboard.app.production`, waitress; or gunicorn's sync
workers with --server gunicorn) on a free loopback port with POLICY_TIMELINE_DATA=--data, then discovers what
to drive from the app itself:
- /_dash-dependencies gives every server-side callback;
- the shell callback's navbar gives the pages, and rendering each page through the pages router (the callback
  a browser calls on every navigation) gives its layout, plus links to document pages;
- each page callback is matched to the page whose layout holds its inputs, and its payload is built from that
  layout: dropdowns and checklists pick among their own options, range sliders within their bounds, graphs'
  clickData from points of their own figure, the search box from policy words, the URL state from the page.
Each client is a thread with its own connection that sends one request after another (closed loop; --think
adds
a pause between them, like a person reading). Every callback weighs the same; the router picks a page at
random,
the page load also fetches the HTML index and /_dash-layout. It prints requests per second and p50/p95/p99 per
callback and overall, the HTTP 204s (Dash's PreventUpdate: a callback that decided nothing changed), errors
(status >= 400, malformed bodies, timeouts, refused connections) and the CPU the server and the client used.
--exporters N runs the load twice on the same server: the pages alone, then beside N clients that download
charts one after another (PNG, SVG, PDF at slide and A4 size, in English and Vietnamese, of the timeline and the
themes heatmap: 24 different files, so the cache helps only on repeats); export requests are reported apart,
with the "busy, try again" answers counted. At the end it holds 60 half-sent connections and times 5 normal
requests, and prints a summary: the pages' p95 without and with exports and the slow-client figure, each with
the machine's 1-minute load average when it ran (the machine may be shared: read the figures beside it).
No asserts: figures are printed, not checked.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
UPDATE = "/_dash-update-component"
WORDS = ["trade", "ASEAN", "education", "investment", "science and technology", "climate", "defence",
         "culture", "WTO", "free trade agreement", "Ministry of Foreign Affairs", "overseas Vietnamese",
         "2030", ""]
HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


# ---------------------------------------------------------------------------------------------------- server
def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(workers: int, data: Path | None, log: Path, extra: list[str],
                   nice: int = 0, server: str = "waitress") -> tuple[subprocess.Popen, str]:
    """Start the production server (or `gunicorn -w N dashboard.app.wsgi:server`) on a free loopback port;
    return it and its URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if data:
        env["POLICY_TIMELINE_DATA"] = str(data.resolve())
    if server == "gunicorn":
        serve = ["-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning", *extra,
                 "dashboard.app.wsgi:server"]
    else:
        serve = ["-m", "dashboard.app.production", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    cmd = [*(["nice", "-n", str(nice)] if nice else []), sys.executable, *serve]
    out = log.open("w")
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited ({proc.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/_dash-dependencies", timeout=5) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.5)
    stop(proc)
    raise SystemExit(f"gunicorn did not answer on {url} within 300 s:\n{log.read_text()}")


def stop(proc: subprocess.Popen) -> None:
    """Stop the gunicorn we started (its process group: master and workers)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def process_tree_cpu(pid: int) -> float:
    """Return the CPU seconds (user + system) used so far by `pid` and its children (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return total


def worker_memory(master: int) -> list[float]:
    """Return the resident memory (MB) of each of gunicorn's workers."""
    out = []
    for task in Path(f"/proc/{master}/task").iterdir():
        for child in (task / "children").read_text().split():
            status = Path(f"/proc/{child}/status").read_text()
            out += [int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")]
    return out


# ------------------------------------------------------------------------------------------------- discovery
def http_json(base: str, path: str, payload: Any = None) -> Any:
    """GET (or POST `payload` to) `path` and return the JSON answer."""
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(base + path, data=data, headers=HEADERS if data else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def split_outputs(output: str) -> list[dict[str, str]] | dict[str, str]:
    """Return the `outputs` of a request for a callback's output string (Dash's own format)."""
    if output.startswith(".."):
        return [split_outputs(part) for part in output[2:-2].split("...")]  # type: ignore[misc]
    id_, prop = output.rsplit(".", 1)
    return {"id": id_, "property": prop}


def walk(tree: Any) -> Iterator[dict[str, Any]]:
    """Yield every component (type, namespace, props) of a serialised layout."""
    if isinstance(tree, list):
        for item in tree:
            yield from walk(item)
    elif isinstance(tree, dict):
        if "props" in tree and "type" in tree:
            yield tree
            for value in tree["props"].values():
                yield from walk(value)
        else:
            for value in tree.values():
                yield from walk(value)


def body(dep: dict[str, Any], inputs: list[Any], state: list[Any], changed: list[str]) -> bytes:
    """Return the request body for callback `dep` with these input and state values."""
    return json.dumps({
        "output": dep["output"],
        "outputs": split_outputs(dep["output"]),
        "inputs": [{**spec, "value": v} for spec, v in zip(dep["inputs"], inputs, strict=True)],
        "state": [{**spec, "value": v} for spec, v in zip(dep["state"], state, strict=True)],
        "changedPropIds": changed,
    }).encode()


@dataclass
class Page:
    """A rendered page: its address and its components by id."""

    path: str
    search: str
    components: dict[str, dict[str, Any]]


@dataclass
class Action:
    """One kind of request: a name, and a function making (method, path, body) from a random generator."""

    name: str
    make: Callable[[random.Random], tuple[str, str, bytes | None]]


@dataclass
class Plan:
    """What the clients drive, and what could not be driven."""

    actions: list[Action] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def discover(base: str, max_documents: int = 6) -> Plan:
    """Read the app's callbacks and pages and return the actions to drive."""
    deps = [d for d in http_json(base, "/_dash-dependencies") if not d.get("clientside_function")]
    router = next(d for d in deps if "_pages_content.children" in d["output"])
    url_only = [d for d in deps if d is not router and {i["id"] for i in d["inputs"]} <= {"url"}]

    def render(path: str, search: str) -> Page:
        answer = http_json(base, UPDATE, json.loads(body(router, [path, search], [], [
            "_pages_location.pathname"])))
        tree = answer["response"]["_pages_content"]["children"]
        return Page(path, search, {str(c["props"]["id"]): c for c in walk(tree) if isinstance(
            c["props"].get("id"), str)})

    def hrefs(tree: Any) -> list[str]:
        return [c["props"]["href"] for c in walk(tree) if isinstance(c["props"].get("href"), str)
                and c["props"]["href"].startswith("/")]

    plan = Plan()
    nav = url_only[0] if url_only else None
    paths = ["/"]
    if nav:
        # the shell's state (what it drew last, if any): none, so that it draws the navbar
        shell = http_json(base, UPDATE, json.loads(body(nav, ["/", ""], [None] * len(nav["state"]), ["url.pathname"])))
        paths = list(dict.fromkeys(urlsplit(h).path for h in hrefs(shell["response"]) if "lang=" not in h))
    documents: list[str] = []
    for path in paths:
        page = render(path, "")
        plan.pages.append(page)
        documents += [h for h in hrefs(list(page.components.values())) if h.startswith("/document?")]
    for href in list(dict.fromkeys(documents))[:max_documents]:
        parts = urlsplit(href)
        plan.pages.append(render(parts.path, "?" + parts.query))

    # page loads: the HTML index, the app layout, the router's render of the page
    plan.actions.append(Action("GET page (html index)",
                               lambda rng: ("GET", rng.choice(plan.pages).path, None)))
    plan.actions.append(Action("GET /_dash-layout", lambda rng: ("GET", "/_dash-layout", None)))

    def route(rng: random.Random) -> tuple[str, str, bytes | None]:
        page = rng.choice(plan.pages)
        return "POST", UPDATE, body(router, [page.path, page.search], [], ["_pages_location.pathname"])

    plan.actions.append(Action("pages router (render a page)", route))
    for dep in url_only:
        plan.actions.append(Action(_name(dep), _url_action(dep, plan.pages)))
    for dep in deps:
        if dep is router or dep in url_only:
            continue
        ids = {i["id"] for i in dep["inputs"] + dep["state"]} - {"url"}
        home = next((p for p in plan.pages if ids <= set(p.components)), None)
        if home is None:
            plan.skipped.append(f"{_name(dep)}: no page renders {sorted(ids - {'url'})}")
            continue
        plan.actions.append(Action(_name(dep), _callback_action(dep, home)))
    return plan


def _name(dep: dict[str, Any]) -> str:
    outputs = split_outputs(dep["output"])
    outputs = outputs if isinstance(outputs, list) else [outputs]
    shown = [f"{o['id']}.{o['property'].split('@')[0]}" for o in outputs if o["id"] != "url"]
    shown = shown or ["url.search"]
    trigger = dep["inputs"][0]
    return f"{shown[0]}{'+' if len(shown) > 1 else ''} <- {trigger['id']}.{trigger['property']}"


def _url_action(dep: dict[str, Any], pages: list[Page]) -> Callable[[random.Random], tuple[str, str, bytes]]:
    def make(rng: random.Random) -> tuple[str, str, bytes]:
        page = rng.choice(pages)
        values = [page.path if i["property"] == "pathname" else page.search for i in dep["inputs"]]
        # its state as the page holds it (None for a component the page does not render, as a browser sends)
        state = [_value(spec, page, rng, vary=False) if spec["id"] == "url" or spec["id"] in page.components
                 else None for spec in dep["state"]]
        return "POST", UPDATE, body(dep, values, state, [f"url.{dep['inputs'][0]['property']}"])
    return make


def _callback_action(dep: dict[str, Any], page: Page) -> Callable[[random.Random], tuple[str, str, bytes]]:
    def make(rng: random.Random) -> tuple[str, str, bytes]:
        inputs = [_value(spec, page, rng, vary=True) for spec in dep["inputs"]]
        state = [_value(spec, page, rng, vary=False) for spec in dep["state"]]
        changed = rng.choice(dep["inputs"])
        return "POST", UPDATE, body(dep, inputs, state, [f"{changed['id']}.{changed['property']}"])
    return make


def _value(spec: dict[str, str], page: Page, rng: random.Random, vary: bool) -> Any:
    if spec["id"] == "url":
        return page.path if spec["property"] == "pathname" else page.search
    component = page.components[spec["id"]]
    props, prop = component["props"], spec["property"]
    current = props.get(prop)
    if not vary:
        return current
    if prop == "clickData":
        return click_on(props.get("figure") or {}, rng)
    if prop == "n_clicks":
        return rng.randint(1, 50)
    if prop != "value":
        return current
    options = _option_values(props.get("options"))
    if options:
        if isinstance(current, list) or props.get("multi"):
            return rng.sample(options, k=rng.randint(1, min(3, len(options))))
        return rng.choice(options + ([current] if current is not None else []))
    if component["type"] == "RangeSlider" and "min" in props and "max" in props:
        return sorted(rng.randint(int(props["min"]), int(props["max"])) for _ in range(2))
    if component["type"] in ("Input", "Textarea") or isinstance(current, str):
        return rng.choice(WORDS)
    return current


def _option_values(options: Any) -> list[Any]:
    if isinstance(options, dict):
        return list(options)
    if isinstance(options, list):
        return [o.get("value") if isinstance(o, dict) else o for o in options
                if not (isinstance(o, dict) and o.get("disabled"))]
    return []


def click_on(figure: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """Return the clickData of a random point of `figure` (what Plotly sends when a user clicks it)."""
    # plotly may send numeric arrays typed ({"dtype", "bdata"}); only plain lists are read here
    traces = [(n, t) for n, t in enumerate(figure.get("data") or []) if isinstance(t.get("x"), list) and t["x"]]
    if not traces:
        return None
    n, trace = rng.choice(traces)
    xs, ys, custom = trace["x"], _plain(trace.get("y")), _plain(trace.get("customdata"))
    if trace.get("type") == "heatmap" and ys:
        i, j = rng.randrange(len(ys)), rng.randrange(len(xs))
        z = _plain(trace.get("z"))
        point = {"x": xs[j], "y": ys[i], "z": z[i][j] if len(z) > i and isinstance(z[i], list) else None,
                 "pointIndex": [i, j]}
        if len(custom) > i:
            grid = isinstance(custom[i], list) and len(custom) == len(ys)
            point["customdata"] = custom[i][j] if grid else custom[i]
    else:
        i = rng.randrange(len(xs))
        point = {"x": xs[i], "y": ys[i] if i < len(ys) else None, "pointIndex": i, "pointNumber": i}
        if i < len(custom):
            point["customdata"] = custom[i]
    return {"points": [{"curveNumber": n, **point}]}


def _plain(values: Any) -> list[Any]:
    return values if isinstance(values, list) else []


# ----------------------------------------------------------------------------------------------------- load
@dataclass
class Results:
    """Latencies and outcomes per action, shared by the client threads."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    outcomes: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, ms: float, outcome: str, example: str = "") -> None:
        """Record one request."""
        with self.lock:
            self.latencies[name].append(ms)
            self.outcomes[name][outcome] += 1
            if example and len(self.examples) < 8:
                self.examples.append(f"{name}: {example}")


def send(conn: http.client.HTTPConnection, method: str, path: str, data: bytes | None) -> tuple[int, bytes]:
    """Send one request on `conn` and read the whole answer."""
    conn.request(method, path, body=data, headers=HEADERS if data else {})
    response = conn.getresponse()
    return response.status, response.read()


def classify(status: int, payload: bytes, method: str) -> tuple[str, str]:
    """Return (outcome, example) of an answer: ok, 204 (PreventUpdate) or an error."""
    if status == 204:
        return "204", ""
    if status >= 400:
        return "error", f"HTTP {status}: {payload[:160]!r}"
    if method == "POST" and not (payload.startswith(b"{") and b'"response"' in payload[:400]):
        return "error", f"HTTP {status} without a Dash response: {payload[:160]!r}"
    return "ok", ""


def client(base: str, plan: Plan, results: Results, until: float, seed: int, think: float) -> None:
    """Send requests one after another until `until`, recording each."""
    rng = random.Random(seed)
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    while time.monotonic() < until:
        action = rng.choice(plan.actions)
        method, path, data = action.make(rng)
        start = time.perf_counter()
        try:
            status, payload = send(conn, method, path, data)
            outcome, example = classify(status, payload, method)
        except (OSError, http.client.HTTPException) as exc:
            outcome, example = "error", f"{type(exc).__name__}: {exc}"
            conn.close()
        results.add(action.name, (time.perf_counter() - start) * 1000, outcome, example)
        if think:
            time.sleep(rng.uniform(0.5, 1.5) * think)
    conn.close()


EXPORT_CHARTS = (("timeline", "/timeline"), ("themes-heatmap", "/themes"))


def export_body(chart: str, path: str, fmt: str, size: str, lang: str) -> bytes:
    """Return the body of a click on a chart's download item, as the page sends it."""
    item = {"chart": chart, "fmt": fmt, "size": size, "type": "export-item"}
    ids = {kind: json.dumps({"chart": chart, "type": kind}, separators=(",", ":"))
           for kind in ("export-download", "export-status")}
    return json.dumps({
        "output": '..{"chart":["MATCH"],"type":"export-download"}.data...{"chart":["MATCH"],"type":'
                  '"export-status"}.children..',
        "outputs": [{"id": json.loads(ids["export-download"]), "property": "data"},
                    {"id": json.loads(ids["export-status"]), "property": "children"}],
        "inputs": [[{"id": item, "property": "n_clicks", "value": 1}]],
        "changedPropIds": [json.dumps(item, separators=(",", ":"), sort_keys=True) + ".n_clicks"],
        "state": [{"id": "url", "property": "pathname", "value": path},
                  {"id": "url", "property": "search", "value": f"?lang={lang}" if lang != "en" else ""}],
    }).encode()


def exporter(base: str, results: Results, until: float, seed: int) -> None:
    """Download charts one after another until `until`; a "try again" answer counts as busy."""
    rng = random.Random(seed)
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    while time.monotonic() < until:
        chart, path = rng.choice(EXPORT_CHARTS)
        fmt, size, lang = rng.choice((".png", ".svg", ".pdf")), rng.choice(("slide", "a4")), rng.choice(("en", "vi"))
        start = time.perf_counter()
        try:
            status, payload = send(conn, "POST", UPDATE, export_body(chart, path, fmt, size, lang))
            outcome, example = classify(status, payload, "POST")
            if outcome == "ok" and b'"content"' not in payload:
                outcome = "busy"
        except (OSError, http.client.HTTPException) as exc:
            outcome, example = "error", f"{type(exc).__name__}: {exc}"
            conn.close()
        results.add(f"export {fmt}", (time.perf_counter() - start) * 1000, outcome, example)
        if outcome == "busy":
            time.sleep(rng.uniform(2, 4))  # as a person told to try again in a few seconds would
    conn.close()


def percentile(values: list[float], q: float) -> float:
    """Return the nearest-rank percentile `q` (0-100) of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q / 100 * len(ordered) + 0.5)) - 1))]


def report(results: Results, duration: float) -> tuple[float, int]:
    """Print the table; return (overall p95, errors)."""
    print(f"{'callback':<44} {'requests':>8} {'rps':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
          f"{'max ms':>7} {'204':>5} {'errors':>6} {'busy':>5}")
    everything: list[float] = []
    errors = 0
    for name in sorted(results.latencies, key=lambda n: -percentile(results.latencies[n], 95)):
        lat, out = results.latencies[name], results.outcomes[name]
        if not name.startswith("export "):
            everything += lat
        errors += out["error"]
        print(f"{name[:44]:<44} {len(lat):>8} {len(lat) / duration:>6.1f} {percentile(lat, 50):>7.0f} "
              f"{percentile(lat, 95):>7.0f} {percentile(lat, 99):>7.0f} {max(lat):>7.0f} {out['204']:>5} "
              f"{out['error']:>6} {out['busy']:>5}")
    p95 = percentile(everything, 95) if everything else float("nan")
    if everything:
        print(f"{'all pages (exports apart)':<44} {len(everything):>8} {len(everything) / duration:>6.1f} "
              f"{percentile(everything, 50):>7.0f} {p95:>7.0f} {percentile(everything, 99):>7.0f} "
              f"{max(everything):>7.0f} {sum(o['204'] for o in results.outcomes.values()):>5} {errors:>6}")
    for example in results.examples:
        print(f"  error: {example}")
    return p95, errors


def measure(base: str, plan: Plan, proc: subprocess.Popen | None, args: argparse.Namespace,
            exporters: int) -> tuple[float, int, float]:
    """Run --clients page clients and `exporters` export clients for --duration s; print the table and return
    (pages' p95 ms, errors, 1-minute load average when the run started)."""
    load = os.getloadavg()[0]
    server_cpu = process_tree_cpu(proc.pid) if proc else 0.0
    client_cpu = sum(os.times()[:2])
    results = Results()
    until = time.monotonic() + args.duration
    threads = [threading.Thread(target=client, args=(base, plan, results, until, args.seed + i, args.think))
               for i in range(args.clients)]
    threads += [threading.Thread(target=exporter, args=(base, results, until, args.seed + 1000 + i))
                for i in range(exporters)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    server_cpu = (process_tree_cpu(proc.pid) - server_cpu) if proc else float("nan")
    client_cpu = sum(os.times()[:2]) - client_cpu
    print(f"\n{args.clients} clients and {exporters} exporters, {elapsed:.1f} s, think {args.think:.2f} s, "
          f"{os.cpu_count()} cores, load average at start {load:.1f}, at end "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    p95, errors = report(results, elapsed)
    done = sum(map(len, results.latencies.values()))
    print(f"cpu used: server {server_cpu:.1f} s ({server_cpu / max(done, 1) * 1000:.1f} ms a request), "
          f"load client {client_cpu:.1f} s, of {elapsed * (os.cpu_count() or 1):.1f} s available")
    verdict = "met" if errors == 0 and p95 < 300 else "NOT met"
    print(f"goal (no errors, p95 under 300 ms): {verdict} (errors {errors}, p95 {p95:.0f} ms)")
    return p95, errors, load


def slow_clients(base: str, held: int) -> tuple[float, int, float]:
    """Hold `held` half-sent connections (half stopped inside the headers, half inside a body), then time 5
    normal requests one after another; return (slowest ms, answered, load average)."""
    load = os.getloadavg()[0]
    parts = urlsplit(base)
    socks = []
    try:
        for i in range(held):
            sock = socket.create_connection((parts.hostname, parts.port), timeout=5)
            sock.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{"
                         if i % 2 else b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            socks.append(sock)
        slowest, answered = 0.0, 0
        for _ in range(5):
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{base}/_dash-dependencies", timeout=10) as answer:
                    answer.read()
                answered += 1
            except OSError:
                pass
            slowest = max(slowest, (time.perf_counter() - start) * 1000)
        return slowest, answered, load
    finally:
        for sock in socks:
            sock.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of measured load")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--server", choices=("waitress", "gunicorn"), default="waitress",
                        help="the shipped production server (waitress) or gunicorn's sync workers")
    parser.add_argument("--exporters", type=int, default=0, help="clients downloading charts beside the others")
    parser.add_argument("--data", type=Path, default=None, help="data package folder (default data/)")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between a client's requests, s")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--url", default=None, help="load this running server instead of starting gunicorn")
    parser.add_argument("--gunicorn-arg", action="append", default=[], help="extra gunicorn argument")
    parser.add_argument("--nice", type=int, default=0,
                        help="run gunicorn at this niceness (e.g. -10 on a shared machine, as root)")
    args = parser.parse_args()

    proc = None
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"load-test-gunicorn-{os.getpid()}.log"
    if args.url:
        base = args.url.rstrip("/")
    else:
        started = time.perf_counter()
        proc, base = start_gunicorn(args.workers, args.data, log, args.gunicorn_arg, args.nice, args.server)
        print(f"{args.server}, {args.workers} workers {' '.join(args.gunicorn_arg)} on {base} "
              f"(nice {args.nice}) "
              f"(data {args.data or 'data/'}): answering after {time.perf_counter() - started:.1f} s")
    try:
        plan = discover(base)
        print(f"pages: {', '.join(p.path + p.search for p in plan.pages)}")
        print(f"actions: {len(plan.actions)} ({', '.join(a.name for a in plan.actions)})")
        for line in plan.skipped:
            print(f"not driven: {line}")
        warm = Results()  # each action a few times, so that every worker has touched every code path
        client(base, plan, warm, time.monotonic() + 3, args.seed - 1, 0)
        warm_errors = sum(o["error"] for o in warm.outcomes.values())
        print(f"warm-up: {sum(map(len, warm.latencies.values()))} requests in 3 s, {warm_errors} errors")
        for example in warm.examples:
            print(f"  warm-up error: {example}")
        runs = [0, args.exporters] if args.exporters else [0]  # pages alone first, then beside the exporters
        summary = []
        for exporters in runs:
            p95, errors, load = measure(base, plan, proc, args, exporters)
            summary.append((exporters, p95, errors, load))
        if proc and proc.poll() is None:
            print(f"server processes' memory (RSS; the workers and, beside them, the export process): "
                  f"{', '.join(f'{mb:.0f} MB' for mb in worker_memory(proc.pid))}")
        slow_ms, answered, slow_load = slow_clients(base, 60)
        print(f"\nsummary ({os.cpu_count()} cores; load average = 1-minute uptime figure when each run started)")
        for exporters, p95, errors, load in summary:
            print(f"  pages p95 with {exporters} exporters: {p95:.0f} ms, {errors} errors (load average {load:.1f})")
        print(f"  60 half-sent connections held: {answered}/5 normal requests answered, slowest {slow_ms:.0f} ms "
              f"(load average {slow_load:.1f})")
        if proc and proc.poll() is not None:
            print(f"gunicorn died during the test:\n{log.read_text()}")
    finally:
        if proc:
            stop(proc)
            errors_logged = [line for line in log.read_text().splitlines()
                             if "Traceback" in line or "ERROR" in line]
            if errors_logged:
                print(f"gunicorn logged {len(errors_logged)} error lines (log: {log})")
            else:
                log.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
