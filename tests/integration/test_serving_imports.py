"""A serving worker never loads the packages only the build, the exports or the evaluation need: after
create_app on the shipped data and every callback of every page (bench/bench_callbacks.py's cases, Compare's
included), scikit-learn, scipy.optimize and pypdf are not imported. Each costs every worker its memory (together
~70 MB of the 600 MB a worker may hold at 10,000 documents, docs/scale.md) and its start-up CPU; this guards
that without a memory or time assertion. Run in a process of its own: the test session imports them all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dashboard.paths import REPO_DIR

# packages, with all their modules; scipy.optimize's compiled assignment (scipy.optimize._lsap) is loaded on its
# own by analysis/diff/tfidf.py, without the package
HEAVY = ("sklearn", "joblib", "pypdf", "fontTools")
HEAVY_PACKAGES = ("scipy.optimize", "scipy.linalg")

SERVE_EVERY_PAGE = """
import json, sys
sys.path.insert(0, sys.argv[2])
from bench_callbacks import cases, request_for
from dashboard.app import create_app
from dashboard.app.context import current

app = create_app(sys.argv[1])
with app.server.app_context():
    data = current()
client = app.server.test_client()
deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))
answered = 0
for case in cases(data):
    response = client.post("/_dash-update-component", json=request_for(case, deps))
    answered += response.status_code == 200
print(json.dumps({"answered": answered, "modules": sorted(sys.modules)}))
"""


def test_serving_every_page_imports_no_build_or_export_package(shipped_data: Path):
    out = subprocess.run(
        [sys.executable, "-c", SERVE_EVERY_PAGE, str(shipped_data), str(REPO_DIR / "bench")],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_DIR,
    ).stdout
    report = json.loads(out.strip().splitlines()[-1])
    assert report["answered"] > 10  # the pages were served, Compare's included
    assert "dashboard.analysis.diff.align" in report["modules"]  # a comparison ran
    modules: list[str] = report["modules"]
    loaded = [m for m in modules if m in HEAVY_PACKAGES or any(m == h or m.startswith(f"{h}.") for h in HEAVY)]
    assert loaded == []
