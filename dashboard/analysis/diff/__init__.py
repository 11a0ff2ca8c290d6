"""Compare two documents: provisions aligned by meaning, word-level changes, theme/term/entity/target
deltas."""

from dashboard.analysis.diff.align import AlignSettings, align_provisions
from dashboard.analysis.diff.compare import STATUSES, compare_documents, diff_provisions
from dashboard.analysis.diff.words import word_ops

__all__ = [
    "AlignSettings",
    "STATUSES",
    "align_provisions",
    "compare_documents",
    "diff_provisions",
    "word_ops",
]
