"""Errors of the export stage, each with a stable `code` (kept here so the export owns its catalogue; they are
PolicyTimelineErrors, so the CLI prints them as one line and exits 2)."""

from __future__ import annotations

from dashboard.errors import PolicyTimelineError


class UnsupportedFormat(PolicyTimelineError):
    """The output file's suffix is not a format this export writes."""

    code = "unsupported-format"


class UnknownSize(PolicyTimelineError):
    """The size preset is not known."""

    code = "unknown-size"


class MissingPair(PolicyTimelineError):
    """The chart compares two documents and was not given both."""

    code = "missing-pair"


class ExportFailed(PolicyTimelineError):
    """The export browser could not render the chart."""

    code = "export-failed"
