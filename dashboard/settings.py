"""Settings: each a constant with a help string. CLI options may override them via POLICY_TIMELINE_* variables."""

from __future__ import annotations

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
# The longest Vietnamese codes run to well under 1 MB of text. A 5 MB seed in ordinary lines takes about 25 s of
# CPU in the analysis steps (bench/bench_long_line.py --kb 5000; under a minute with loading, writing and
# validation); the same 5 MB as ONE line takes about 150 s (themes 60 s, targets 49 s, mentions 31 s: still
# superlinear, docs/operations.md). A document that size already makes a document page of tens of MB
# (docs/operations.md, "Limits, continued"). Larger files are refused unread.
MAX_SEED_BYTES = 5 * 1024 * 1024
# `add` reads a .docx, .pdf or .html up to this size (a 300-page PDF with fonts is well under it); the text it
# extracts must still fit MAX_SEED_BYTES.
MAX_SOURCE_BYTES = 25 * 1024 * 1024
# a .docx is a zip: its parts together may unpack to this much (a long resolution's parts are a few MB)
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
DATASET_NAME = "policy-timeline-vn-integration"
MAX_REQUEST_BYTES = 1024 * 1024  # a callback request is a few KB; the app answers larger bodies with 413

SETTINGS: list[tuple[str, object, str]] = [
    ("DEFAULT_HOST", DEFAULT_HOST, "Interface the dashboard binds to; loopback so nothing is exposed by default."),
    ("DEFAULT_PORT", DEFAULT_PORT, "Port of the dashboard."),
    ("MAX_SEED_BYTES", MAX_SEED_BYTES, "Largest seed file (text or YAML) the build reads."),
    ("MAX_SOURCE_BYTES", MAX_SOURCE_BYTES, "Largest .docx, .pdf or .html file `add` reads."),
    ("MAX_UNPACKED_BYTES", MAX_UNPACKED_BYTES, "Largest total size a .docx may unpack to."),
    ("DATASET_NAME", DATASET_NAME, "Name of the Frictionless data package."),
    ("MAX_REQUEST_BYTES", MAX_REQUEST_BYTES, "Largest request body the dashboard reads (413 above it)."),
]
