"""Source view (/source?doc=<id or symbol>&start=<offset>&end=<offset>&lang=vi): a span of a seed text in
context."""

from __future__ import annotations

from dashboard.app.page import register_page
from dashboard.app.state import SourceView
from dashboard.app.views.source import source_page

register_page(__name__, SourceView, source_page, name="Source", title="Source text · Policy timeline", order=8)
