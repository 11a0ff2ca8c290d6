"""Compare two documents: provisions linked across structure (many to many), word-level changes, section
summary, theme/term/entity/target deltas."""

from dashboard.analysis.diff.align import AlignSettings, align_provisions
from dashboard.analysis.diff.compare import STATUSES, compare_documents, diff_provisions
from dashboard.analysis.diff.result import Comparison, DocumentSummary, Link, Section, ThemeDelta
from dashboard.analysis.diff.words import word_ops

__all__ = [
    "AlignSettings",
    "Comparison",
    "DocumentSummary",
    "Link",
    "STATUSES",
    "Section",
    "ThemeDelta",
    "align_provisions",
    "compare_documents",
    "diff_provisions",
    "word_ops",
]
