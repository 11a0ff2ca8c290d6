"""A build never imports nor reads the diff engine (analysis/diff/), which is why that package is outside the build
cache's code version (perdoc.code_files): a change to it must not refill every cache, and a build that came to
depend on it would leave stale entries. Beside the import-linter contract (static imports), this runs a whole build
of the fixture seeds in one process of its own and looks at what it imported and what it opened."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import dashboard
from dashboard.paths import REPO_DIR

from ..conftest import FIXTURE_SEEDS

BUILD_AND_WATCH = """
import json, sys
from pathlib import Path
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" and args else None)
from dashboard.dataset.build import run
from dashboard.dataset.parallel import DocumentRunner
run(Path(sys.argv[1]), Path(sys.argv[2]), runner=DocumentRunner(jobs=1))
print(json.dumps({"modules": sorted(sys.modules), "opened": opened}))
"""


def test_a_build_in_one_process_imports_and_opens_nothing_of_the_diff_engine(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-c", BUILD_AND_WATCH, str(FIXTURE_SEEDS), str(tmp_path / "data")],
        capture_output=True, text=True, cwd=REPO_DIR, check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert (tmp_path / "data" / "datapackage.json").is_file()
    assert "dashboard.dataset.perdoc" in seen["modules"] and "dashboard.analysis.themes" in seen["modules"]
    assert not [m for m in seen["modules"] if m.startswith("dashboard.analysis.diff")]
    diff_dir = str(Path(dashboard.__file__).resolve().parent / "analysis" / "diff")
    assert any(str(FIXTURE_SEEDS) in path for path in seen["opened"])  # the hook does see the build's reads
    assert not [path for path in seen["opened"] if str(Path(path).resolve()).startswith(diff_dir)]
