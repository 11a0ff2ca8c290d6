"""Found by tests/browser/test_hostile_urls.py: when a page's controls rewrite the address on load (a `from` at
the first year is no filter, so the controls' view differs from the address's), the friendly notice about the
rest of the address vanished with it. The view built from the controls keeps the address's notices."""

from __future__ import annotations

from dashboard.app.context import AppData
from dashboard.app.views import explorer, targets
from dashboard.figures.targets.tables import year_bounds


def codes(view) -> set[tuple[str, str]]:
    return {(n.code, n.param) for n in view.notices}


def test_explorer_keeps_the_notices_of_the_address_it_rewrites(app_data: AppData):
    first, last = app_data.vocab.years
    search = f"?from={first}&bogus=1&doc=%3Cscript%3E"
    view = explorer.view_from_controls(app_data, search, q=None, docs=None, theme=None, issuer=None,
                                       years=[first, last], entity=None, actor=None, role=None, own=None)
    assert not view.same_as(search, app_data.vocab, ignore=("page",))  # the callback will rewrite the address
    assert {("unknown-param", "bogus"), ("unknown-value", "doc")} <= codes(view)


def test_targets_keeps_the_notices_of_the_address_it_rewrites(app_data: AppData):
    first, last = year_bounds(app_data.dataset)
    search = f"?from={first}&bogus=1"
    view = targets.view_from_controls(app_data, search, docs=None, theme=None, kinds=None, years=[first, last],
                                      by=None)
    assert ("unknown-param", "bogus") in codes(view)


def test_a_clean_address_gives_no_notices(app_data: AppData):
    first, last = app_data.vocab.years
    view = explorer.view_from_controls(app_data, "?q=trade", q="trade", docs=None, theme=None, issuer=None,
                                       years=[first, last], entity=None, actor=None, role=None, own=None)
    assert view.notices == ()
