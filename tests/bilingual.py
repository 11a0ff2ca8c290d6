"""The bilingual fixture: the fixture corpus plus 7-NQ/TW held as an English translation and its Vietnamese
original (tests/fixtures/bilingual, made-up sentences), copied into a temporary seeds folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURE_SEEDS, FIXTURES

BILINGUAL = FIXTURES / "bilingual"
DOC_ID = "7-NQ-TW-2021"
VI_ID = "7-NQ-TW-2021-vi"


def bilingual_seeds(dest: Path) -> Path:
    """Copy the fixture corpus and both versions of 7-NQ/TW into `dest` and return it."""
    shutil.copytree(FIXTURE_SEEDS, dest)
    for path in BILINGUAL.iterdir():
        shutil.copy(path, dest / path.name)
    return dest
