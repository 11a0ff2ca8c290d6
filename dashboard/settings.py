"""Settings: each a constant with a help string. CLI options may override them via POLICY_TIMELINE_* variables."""

from __future__ import annotations

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050
MAX_SEED_BYTES = 50 * 1024 * 1024
DATASET_NAME = "policy-timeline-vn-integration"

SETTINGS: list[tuple[str, object, str]] = [
    ("DEFAULT_HOST", DEFAULT_HOST, "Interface the dashboard binds to; loopback so nothing is exposed by default."),
    ("DEFAULT_PORT", DEFAULT_PORT, "Port of the dashboard."),
    ("MAX_SEED_BYTES", MAX_SEED_BYTES, "Largest seed text the build accepts."),
    ("DATASET_NAME", DATASET_NAME, "Name of the Frictionless data package."),
]
