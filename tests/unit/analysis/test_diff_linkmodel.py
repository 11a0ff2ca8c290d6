"""The graded link model: its features, its probability, fitting on gold entries and leaving a document pair out."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from dashboard.analysis.diff import AlignSettings, diff_provisions
from dashboard.analysis.diff.features import FEATURES, _char_grams, char_similarity, feature_matrices
from dashboard.analysis.diff.fitting import cross_validate, group, training_rows
from dashboard.analysis.diff.linkmodel import fit, load, save, shipped
from dashboard.analysis.diff.links import Structure
from tests.unit.analysis.diff_tables import provisions

A = [
    "Negotiate and sign free trade agreements with major partners by 2020.",
    "Protect the rights and interests of Vietnamese citizens abroad.",
    "Support overseas Vietnamese communities to keep the mother tongue.",
    "Build a national space observatory for astronomy research.",
]
B = [
    "Sign and implement new-generation free trade agreements with partners by 2030.",
    "Teach the Vietnamese language to children of Vietnamese communities abroad.",
    "Host international sports games and attract tourists.",
]


def features(sim: np.ndarray, texts_a: list[str], texts_b: list[str]) -> dict[str, np.ndarray]:
    n, m = sim.shape
    out = feature_matrices(
        texts_a, texts_b, [t.lower().split() for t in texts_a], [t.lower().split() for t in texts_b], sim, sim,
        np.zeros((n, m)), Structure.flat(n), Structure.flat(m),
    )
    return dict(zip(FEATURES, out, strict=True))


def test_rank_features_say_which_candidate_is_best_on_each_side_and_by_how_much():
    sim = np.array([[0.6, 0.2], [0.5, 0.1]])
    f = features(sim, ["a 2020", "b"], ["c 2020", "d"])
    assert f["row_best"].tolist() == [[1, 0], [1, 0]] and f["col_best"].tolist() == [[1, 1], [0, 0]]
    assert np.isclose(f["row_margin"][0, 0], 0.4) and np.isclose(f["col_margin"][0, 0], 0.1)
    assert np.isclose(f["row_margin"][0, 1], -0.4)  # not the best: how far below it
    assert np.isclose(f["row_share"][1, 1], 0.2) and np.isclose(f["col_share"][1, 0], 0.5 / 0.6)
    assert f["numbers"][0, 0] == 1.0 and f["numbers"][1, 1] == 0.0  # both state 2020; no number at all


def test_character_ngrams_see_a_shared_word_stem_the_subject_stems_may_miss():
    f = features(np.zeros((1, 2)), ["globalisation of markets"], ["globalization of markets", "space research"])
    assert f["chars"][0, 0] > 0.5 and f["chars"][0, 1] == 0.0


def test_the_probability_is_the_fitted_logistic_regression_and_survives_a_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, len(FEATURES))) * 3 + 1
    y = (x[:, 0] + rng.normal(size=200) > 1).astype(int)
    model = fit(x, y, bar=0.4, version="test")
    reference = LogisticRegression(C=1.0, max_iter=5000).fit((x - x.mean(0)) / x.std(0), y)
    expected = reference.predict_proba((x - x.mean(0)) / x.std(0))[:, 1]
    assert np.allclose(model.probability([x[:, k] for k in range(len(FEATURES))]), expected, atol=1e-4)
    again = load(save(model, tmp_path / "model.json"))
    assert again == model and again.bar == 0.4


def test_the_shipped_model_links_by_default_and_can_be_turned_off():
    a, b = provisions("A", A), provisions("B", B)
    with_model = diff_provisions(a, b, doc_a={"id": "A"}, doc_b={"id": "B"})
    assert shipped() is not None and with_model.settings["model"] == shipped().version
    assert any(s.startswith("model ") for s in with_model.settings["signals"])
    links = {(p.a, p.b) for p in with_model.pairs if p.a and p.b}
    assert ("A:1", "B:1") in links and not any(a == "A:4" for a, _ in links)  # the observatory stays alone
    plain = diff_provisions(a, b, doc_a={"id": "A"}, doc_b={"id": "B"}, settings=AlignSettings(model=None))
    assert plain.settings["model"] is None


class Tables:
    """A dataset-like source over provision tables (compare_documents's TableSource)."""

    def __init__(self, provisions: pd.DataFrame):
        self.provisions = provisions
        self.table_names = ["provisions"]

    def table(self, name: str) -> pd.DataFrame:
        return self.provisions


def gold_entry(a_doc: str, b_doc: str, pairs: list[tuple[str, str]], only_a=()) -> dict:
    return {"a_doc": a_doc, "b_doc": b_doc, "pairs": [{"a": a, "b": b} for a, b in pairs], "only_in_a": list(only_a)}


def test_training_rows_label_gold_pairs_and_the_links_a_gold_set_judges_and_cv_leaves_each_pair_out():
    source = Tables(pd.concat([provisions("A", A), provisions("B", B), provisions("C", B[:2])], ignore_index=True))
    sets = [
        ("one.yml", [gold_entry("A", "B", [("Negotiate", "Sign and"), ("Support", "Teach")], only_a=["Build"])]),
        ("two.yml", [gold_entry("A", "C", [("Negotiate", "Sign and")])]),
    ]
    x, y, groups = training_rows(source, sets)
    assert x.shape[1] == len(FEATURES) and set(groups) == {group("A", "B"), group("A", "C")}
    # A×B: the gold set scores A:1, A:3, A:4, B:1 and B:2; A:2 × B:3 touches no scored line and gives no row
    assert sum(1 for g in groups if g == group("A", "B")) == 4 * 3 - 1
    assert y.sum() == 3
    folds = cross_validate(source, sets)
    assert set(folds) == {group("A", "B"), group("A", "C")} and group("B", "A") == group("A", "B")
    assert "without A × B" in folds[group("A", "B")].version
    # a bench's other convention: the 0s `drop` names give no row, and every gold pair stays
    asked: list[tuple[str, str, str]] = []
    kept_x, kept_y, _ = training_rows(source, sets, drop=lambda name, entry, a, b: asked.append((name, a, b)) or True)
    assert kept_y.tolist() == [1, 1, 1] and len(asked) == len(y) - 3 and ("one.yml", "A:1", "B:2") in asked


def test_char_similarity_is_sklearns_tfidf_of_the_grams():
    # the 4-grams are counted per distinct word; the cosine must be exactly sklearn's TF-IDF over the grams
    a = ["Expand trade and investment with ASEAN partners.", "", "Labour export; labour markets", "x"]
    b = ["Trade, investment: expanding partnerships", "Labor exports of Viet Nam", "ASEAN", "x y x"]
    matrix = TfidfVectorizer(analyzer=_char_grams, sublinear_tf=True).fit_transform([*a, *b])
    expected = np.clip((matrix[: len(a)] @ matrix[len(a) :].T).toarray(), 0.0, 1.0)
    assert np.array_equal(char_similarity(a, b), expected)
    assert char_similarity(["", "12"], ["..."]).tolist() == [[0.0], [0.0]]
