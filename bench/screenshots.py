"""Screenshots of the dashboard on the shipped data, for the README and for looking at the pages after a change.

Run: .venv/bin/python bench/screenshots.py [--out DIR] [--readme]
It serves the app on a free loopback port in a thread, opens each page in Debian's headless Chromium through
Playwright (never `playwright install`), waits until every chart is drawn and writes one PNG per page to --out
(default tmp/screenshots/, which git ignores). --readme also writes the two README images in docs/.
Open the PNGs and judge them as a user: legible labels, nothing overlapping, nothing empty.
"""

from __future__ import annotations

import argparse
import logging
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
ST = "science_technology"
# name, path, viewport (width, height), full page
PAGES = [
    ("home", "/", (1366, 900), True),
    ("timeline", "/timeline", (1366, 900), False),
    ("themes", f"/themes?theme={ST}&cell=40-QD-TTg-2016%7C{ST}", (1280, 900), True),
    ("targets", "/targets", (1366, 900), True),
    ("explorer", "/explorer?q=ASEAN", (1366, 900), True),
    ("compare", "/compare?a=40-QD-TTg-2016&b=153-NQ-CP-2025", (1366, 900), True),
    # a reader's corrections: two pairs set, one provision left alone, one pin naming nothing (a notice)
    ("compare-pinned", "/compare?a=40-QD-TTg-2016&b=153-NQ-CP-2025&status=reworded&pin=3.b1-p2,b3-p11,-p19,9.z-p1",
     (1366, 900), True),
    ("document", "/document?doc=59-NQ-TW-2025", (1366, 900), True),
    ("timeline-vi", "/timeline?lang=vi", (1366, 900), False),
    ("unknown-document", "/document?doc=no-such-doc", (1366, 700), False),
    # a phone, in both languages (the navbar folds behind its menu button below md)
    ("home-phone", "/", (390, 844), False),
    ("home-vi-phone", "/?lang=vi", (390, 844), False),
    ("themes-vi-phone", f"/themes?theme={ST}&lang=vi", (390, 844), False),
]
# README image and the height it is cut to (the top of a long page: controls, notices and the first chart)
README_IMAGES = {"themes": ("screenshot-themes.png", 1850), "timeline": ("screenshot-timeline.png", None)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "tmp" / "screenshots")
    parser.add_argument("--readme", action="store_true", help="also write the README's images in docs/")
    parser.add_argument("--only", nargs="*", default=None, help="only these pages (names as in PAGES)")
    args = parser.parse_args()
    from dashboard.app import create_app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    app = create_app(REPO / "data")
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            for name, path, (width, height), full in PAGES:
                if args.only and name not in args.only:
                    continue
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.wait_for_function(
                    "() => [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))",
                    timeout=20_000,
                )
                page.wait_for_timeout(300)  # transitions
                target = args.out / f"{name}.png"
                page.screenshot(path=str(target), full_page=full)
                print(f"wrote {target.relative_to(REPO) if target.is_relative_to(REPO) else target}")
                if args.readme and name in README_IMAGES:
                    image, cut = README_IMAGES[name]
                    clip = {"x": 0, "y": 0, "width": width, "height": cut} if cut else None
                    page.screenshot(path=str(REPO / "docs" / image), full_page=full, clip=clip)
                    print(f"wrote docs/{image}")
                page.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
