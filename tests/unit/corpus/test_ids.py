import pytest

from dashboard.corpus.ids import document_slug, provision_id, symbol_key


@pytest.mark.parametrize(
    ("symbol", "year", "slug"),
    [("59-NQ/TW", 2025, "59-NQ-TW-2025"), ("40/QĐ-TTg", 2016, "40-QD-TTg-2016"),
     ("1052/NQ-UBTVQH13", 2015, "1052-NQ-UBTVQH13-2015"), ("01/NQ-CP", 2016, "01-NQ-CP-2016")],
)
def test_document_slug_follows_the_design(symbol, year, slug):
    assert document_slug(symbol, year) == slug


def test_symbols_match_whatever_the_case_and_diacritics():
    assert symbol_key("40/qđ-ttg") == symbol_key("40/QĐ-TTg") == symbol_key("40/QD-TTg")
    assert symbol_key("59-NQ/TW") != symbol_key("57-KL/TW")


def test_provision_id_joins_the_path():
    assert provision_id("40-QD-TTg-2016", ["3", "b2"]) == "40-QD-TTg-2016:3.b2"
