"""Small layout builders shared by the pages. Each takes plain values and returns Dash components.

Text from documents is always passed as component children (React escapes it); nothing here builds HTML
strings, uses `dangerously_allow_html` or renders document text as Markdown.
"""

from dashboard.app.components.badges import coverage_note, source_badge, theme_chip, theme_chips
from dashboard.app.components.links import (
    document_link,
    external_link,
    pager,
    safe_href,
    seed_url,
    source_href,
    source_link,
)
from dashboard.app.components.notices import notices_alert
from dashboard.app.components.provision import provision_card, span_reference
from dashboard.app.components.text import highlight, highlight_legend

__all__ = [
    "coverage_note",
    "document_link",
    "external_link",
    "highlight",
    "highlight_legend",
    "notices_alert",
    "pager",
    "provision_card",
    "safe_href",
    "seed_url",
    "source_href",
    "source_link",
    "source_badge",
    "span_reference",
    "theme_chip",
    "theme_chips",
]
