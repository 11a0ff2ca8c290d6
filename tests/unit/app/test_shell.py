"""The shell follows the address: the navbar and footer are drawn for a page and a language, and a new view of
the same page (a filter, a Compare correction) only moves the language links to the new address."""

from __future__ import annotations

from pathlib import Path

from dash import no_update

from dashboard.app.shell import shell_update


def test_the_navbar_is_drawn_again_only_for_another_page_or_language(fixture_data: Path):
    from dashboard.app.context import AppData

    data = AppData.load(fixture_data)
    nav, foot, en, vi, drawn = shell_update(data, "/compare", "?a=x&b=y", None)
    assert nav is not no_update and foot is not no_update and drawn == "/compare|en"
    assert en is no_update and vi is no_update  # the new navbar carries them
    # the same page and language, another view: the language links follow the address, nothing is drawn again
    nav, foot, en, vi, again = shell_update(data, "/compare", "?a=x&b=y&pin=3-p2", drawn)
    assert nav is no_update and foot is no_update and again is no_update
    assert en == "/compare?a=x&b=y&pin=3-p2" and vi == "/compare?a=x&b=y&pin=3-p2&lang=vi"
    # another language, or another page: drawn anew
    assert shell_update(data, "/compare", "?a=x&b=y&lang=vi", drawn)[4] == "/compare|vi"
    assert shell_update(data, "/timeline", "", drawn)[4] == "/timeline|en"
