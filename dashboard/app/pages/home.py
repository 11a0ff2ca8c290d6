"""Home page (/)."""

from __future__ import annotations

from dashboard.app.page import register_page
from dashboard.app.state import HomeView
from dashboard.app.views.home import home_page

register_page(__name__, HomeView, home_page, name="Home", title="Policy timeline", order=0)
