"""Sidecar facts: dates are written YYYY-MM-DD and real, or the build says which file and field is wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.corpus.sidecar import parse_date
from dashboard.errors import ImpossibleDate


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-01-24", dt.date(2025, 1, 24)), (" 2016-01-07 ", dt.date(2016, 1, 7)),
     (dt.date(2013, 4, 10), dt.date(2013, 4, 10))],
)
def test_a_real_iso_date_is_read(value, expected):
    assert parse_date(value, "seeds/a.yml", "issued") == expected


@pytest.mark.parametrize("value", ["2025-13-40", "2025-02-30", "20250124", 20250124, "2025-W04-5", "24/01/2025",
                                   "2025-1-24", ""])
def test_anything_else_is_refused_naming_the_file_and_field(value):
    with pytest.raises(ImpossibleDate) as caught:
        parse_date(value, "seeds/a.yml", "issued")
    assert str(caught.value).startswith("error: seeds/a.yml: issued: ") and "YYYY-MM-DD" in str(caught.value)
