from dashboard.corpus.normalise import fold, normalise_text


def test_nbsp_and_runs_of_spaces_become_one_space():
    assert normalise_text("a\u00a0\u00a0 b\u202fc ") == "a b c"


def test_icon_glyphs_and_variation_selectors_are_removed():
    assert normalise_text("🕊️ Peace and stability") == "Peace and stability"
    assert normalise_text("🕊️") == ""


def test_curly_quotes_and_diacritics_are_kept_for_reading():
    assert normalise_text("country’s “image” Bộ") == "country’s “image” Bộ"


def test_fold_makes_quotes_dashes_case_and_diacritics_searchable():
    assert fold("Country’s IMAGE – Bộ Ngoại giao") == "country's image - bo ngoai giao"
    assert fold("Đổi mới") == "doi moi"


def test_normalisation_is_idempotent():
    text = "  “Agenda 2030”\u00a0for\tsustainable  development 📈 "
    assert normalise_text(normalise_text(text)) == normalise_text(text)
