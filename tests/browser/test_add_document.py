"""Journey: an analyst adds a Vietnamese resolution (.docx) with one command, builds, reads it on its Document page
and exports a chart that includes it.

The fixture corpus is copied to a temporary seeds folder, `policy-timeline add` runs in a subprocess on a .docx
the test writes (tests/fixtures/add/vi_resolution.txt), `policy-timeline build` writes a temporary package, and
the app serves that package on a free port.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from dashboard.app import ids
from dashboard.paths import REPO_DIR
from tests.add_documents import VI_TEXT, write_docx

from .conftest import Journey
from .pages import sel, wait_for_page

pytestmark = pytest.mark.browser
DOC_ID = "77-NQ-TW-2026"


def cli(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m dashboard …` as a user would; fail with its output when it fails."""
    done = subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=REPO_DIR, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr + done.stdout
    return done


@pytest.fixture(scope="module")
def added_data(tmp_path_factory: pytest.TempPathFactory, fixture_seeds: Path) -> Path:
    """The fixture corpus plus the Vietnamese resolution, added from a .docx and built."""
    root = tmp_path_factory.mktemp("added")
    seeds = root / "seeds"
    shutil.copytree(fixture_seeds, seeds)
    docx = write_docx(VI_TEXT.read_text(encoding="utf-8"), root / "nghi-quyet-77.docx")
    added = cli("add", str(docx), "--seeds", str(seeds), "--source-url", "https://example.org/van-ban/77-nq-tw")
    assert DOC_ID in added.stdout
    cli("build", "--seeds", str(seeds), "--out", str(root / "data"), "--quiet")
    return root / "data"


@pytest.fixture(scope="module")
def added_url(added_data: Path) -> Iterator[str]:
    """The dashboard on the added package, served as a user would start it (`serve --data`), in its own process:
    this test process already serves the shipped and fixture packages."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "dashboard", "serve", "--data", str(added_data), "--port",
                               str(port)], cwd=REPO_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    pytest.fail(f"the dashboard on the added package did not start: {server.communicate()[0]}")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.communicate(timeout=10)  # also closes the pipe
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


def test_add001_added_vietnamese_resolution_has_its_document_page(journey: Journey, added_url: str) -> None:
    page = journey.page
    page.goto(added_url + "/document?doc=77-nq/tw")  # its symbol, any case
    wait_for_page(page, ids.DOC_PROVISIONS)
    header = page.locator(sel(ids.DOC_HEADER))
    expect(header).to_contain_text("77-NQ/TW")
    expect(header).to_contain_text("2026-03-15")
    cards = page.locator(f"{sel(ids.DOC_PROVISIONS)} article.provision")
    expect(cards.first).to_contain_text("TÌNH HÌNH VÀ NGUYÊN NHÂN")
    body = page.locator(sel(ids.DOC_PROVISIONS))
    expect(body).to_contain_text("Thu hút ít nhất 5.000 sinh viên quốc tế đến học tập tại Việt Nam.")
    expect(body).to_contain_text("Bộ Giáo dục và Đào tạo chủ trì, phối hợp với Bộ Ngoại giao")
    expect(body).not_to_contain_text("Nơi nhận")  # the signature block is outside the body
    journey.shot()
    journey.assert_clean()


@pytest.mark.export
def test_add002_export_a_chart_with_the_added_document(added_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline.png"
    cli("export", "timeline", "--docs", "1-NQ/TW", "77-NQ/TW", "--data", str(added_data), "--out", str(out))
    with Image.open(out) as image:
        assert image.format == "PNG" and image.size[0] >= 1600
    table = tmp_path / "timeline.csv"
    cli("export", "timeline", "--docs", "77-NQ/TW", "--data", str(added_data), "--out", str(table))
    assert DOC_ID in table.read_text(encoding="utf-8")
