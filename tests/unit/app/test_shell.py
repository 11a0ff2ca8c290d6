"""The shell follows the address: the navbar and footer are drawn for a page and a language, and a new view of
the same page (a filter, a Compare correction) only moves the language links to the new address."""

from __future__ import annotations

from pathlib import Path

from dash import no_update

from dashboard.app import ids
from dashboard.app.shell import shell_update

EN, VI = ids.lang_link("en"), ids.lang_link("vi")


def test_the_navbar_is_drawn_again_only_for_another_page_or_language(fixture_data: Path):
    from dashboard.app.context import AppData

    data = AppData.load(fixture_data)
    out = shell_update(data, "/compare", "?a=x&b=y", None)
    drawn = out[ids.SHELL_DRAWN]
    assert out[ids.SHELL_NAVBAR] is not no_update and out[ids.SHELL_FOOTER] is not no_update
    assert drawn == "/compare|en"
    assert out[EN] is no_update and out[VI] is no_update  # the new navbar carries them
    # the same page and language, another view: the language links follow the address, nothing is drawn again
    out = shell_update(data, "/compare", "?a=x&b=y&pin=3-p2", drawn)
    assert out[ids.SHELL_NAVBAR] is no_update and out[ids.SHELL_FOOTER] is no_update
    assert out[ids.SHELL_DRAWN] is no_update
    assert out[EN] == "/compare?a=x&b=y&pin=3-p2" and out[VI] == "/compare?a=x&b=y&pin=3-p2&lang=vi"
    # another language, or another page: drawn anew
    assert shell_update(data, "/compare", "?a=x&b=y&lang=vi", drawn)[ids.SHELL_DRAWN] == "/compare|vi"
    assert shell_update(data, "/timeline", "", drawn)[ids.SHELL_DRAWN] == "/timeline|en"
