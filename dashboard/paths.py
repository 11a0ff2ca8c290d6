"""Where things live.

Layering: this module imports nothing from the package. Nothing at run time (app, export) reads SEEDS_DIR;
only `dataset.build` does.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SEEDS_DIR = REPO_DIR / "seeds"
DATA_DIR = REPO_DIR / "data"
SCHEMA_DIR = PACKAGE_DIR / "dataset" / "schema"
ANALYSIS_DIR = PACKAGE_DIR / "analysis"
LABELLED_DIR = ANALYSIS_DIR / "labelled"  # the labelled sets eval-themes and eval-extraction score against
ASSETS_DIR = PACKAGE_DIR / "app" / "assets"
