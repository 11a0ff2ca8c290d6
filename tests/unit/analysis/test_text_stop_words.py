"""The shared tokeniser's stop words are scikit-learn's English list, read without importing scikit-learn."""

from __future__ import annotations

import subprocess
import sys

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # pyright: ignore[reportMissingTypeStubs]

from dashboard.analysis.text import STOP_WORDS, english_stop_words


def test_the_list_is_sklearns_english_stop_words():
    assert english_stop_words() == frozenset(ENGLISH_STOP_WORDS)
    assert frozenset(ENGLISH_STOP_WORDS) <= STOP_WORDS
    assert {"etc", "viet", "nam"} <= STOP_WORDS


def test_tokenising_does_not_import_sklearn():
    code = "import sys; import dashboard.analysis.text; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
