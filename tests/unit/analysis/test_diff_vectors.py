"""The shipped word vectors and the word-vector feature of the link model: policy words are covered, the loader
is deterministic and read once, unknown words are skipped, and a rewording with no shared word scores above an
unrelated provision. Without English on both sides the feature adds nothing."""

from __future__ import annotations

import numpy as np

from dashboard.analysis.diff import AlignSettings, diff_provisions
from dashboard.analysis.diff.align import lexical_similarity, subject_words
from dashboard.analysis.diff.candidates import candidates
from dashboard.analysis.diff.compare import records
from dashboard.analysis.diff.linkmodel import FEATURES
from dashboard.analysis.diff.vectors import VECTORS_PATH, load, semantic_similarity, shipped
from tests.unit.analysis.diff_tables import provisions

POLICY_WORDS = ("diplomas", "multilateral", "connectivity", "digital", "semiconductor", "sovereignty", "fisheries",
                "investment", "education", "partnership", "climate", "vaccines")


def similarity(texts_a: list[str], texts_b: list[str]) -> np.ndarray:
    return semantic_similarity([subject_words(t) for t in texts_a], [subject_words(t) for t in texts_b])


def test_the_shipped_vectors_cover_policy_words_with_unit_vectors():
    vectors = shipped()
    assert vectors is not None and len(vectors.words) == 50_000
    rows = [vectors.index(w) for w in POLICY_WORDS]
    assert min(rows) >= 0
    assert np.allclose(np.linalg.norm(vectors.unit(rows), axis=1), 1.0, atol=1e-5)


def test_the_vectors_are_read_once_and_the_same_on_every_load():
    assert shipped() is shipped()
    again = load(VECTORS_PATH)
    vectors = shipped()
    assert vectors is not None and again.words == vectors.words
    assert np.array_equal(again.quantised, vectors.quantised) and np.array_equal(again.scale, vectors.scale)


def test_related_words_are_closer_than_unrelated_ones():
    vectors = shipped()
    assert vectors is not None

    def cosine(x: str, y: str) -> float:
        u = vectors.unit([vectors.index(x), vectors.index(y)])
        return float(u[0] @ u[1])

    assert cosine("diplomas", "degrees") > cosine("diplomas", "submarines")
    assert cosine("semiconductor", "chips") > cosine("semiconductor", "tourism")


def test_unknown_words_have_no_vector_and_a_british_spelling_falls_back():
    vectors = shipped()
    assert vectors is not None
    assert vectors.index("qwzxvbrt") == -1 and vectors.index("Digital") == -1  # lookups take folded words
    assert vectors.index("revitalise") == vectors.index("revitalize") >= 0  # only the American form is kept
    # a text of unknown words only (a Vietnamese one, folded) scores 0 against anything
    sim = similarity(["nghị quyết thường xuyên"], ["Expand digital trade with partners."])
    assert sim.shape == (1, 1) and sim[0, 0] == 0.0


def test_a_rewording_without_a_shared_word_scores_above_an_unrelated_provision():
    a = ["Recognise each other's university degrees and school certificates."]
    b = ["Expand cooperation on higher education and academic diplomas.",
         "Expand cooperation on naval patrols and fishing boats."]
    assert lexical_similarity(a, b)[0, 0] == 0.0  # no subject word in common
    sim = similarity(a, b)
    assert sim[0, 0] > sim[0, 1] + 0.1
    # symmetric: B against A is the transpose
    assert np.allclose(similarity(b, a), sim.T)


def test_the_feature_is_computed_for_english_and_neutral_for_another_language():
    rows_a = records(provisions("A", ["Recognise university degrees of both countries.", "Build new seaports."]))
    rows_b = records(provisions("B", ["Cooperate on higher education diplomas.", "Expand naval patrols."]))
    settings = AlignSettings()
    model = settings.model
    assert model is not None and "vectors" in model.features
    k = FEATURES.index("vectors")
    english = candidates(rows_a, rows_b, None, None, settings)
    other = candidates(rows_a, rows_b, None, None, settings, english=False)
    assert english.meaning is not None and english.features is not None
    assert english.features[k][0, 0] > english.features[k][0, 1]
    # without English on both sides: no offers by meaning, and the feature sits at the model's training mean,
    # so it adds nothing to the probability
    assert other.meaning is None and other.features is not None
    assert np.all(other.features[k] == model.mean[k])
    assert "word vectors" in english.signals and "word vectors" not in other.signals


def test_a_comparison_of_documents_in_vietnamese_does_not_use_the_vectors():
    a = provisions("A", ["Phát triển kinh tế số và chuyển đổi số quốc gia.", "Bảo vệ chủ quyền biển đảo."])
    b = provisions("B", ["Đẩy mạnh chuyển đổi số quốc gia.", "Giữ vững chủ quyền biển đảo."])
    vi = diff_provisions(a, b, doc_a={"id": "A", "language": "vi"}, doc_b={"id": "B", "language": "vi"})
    result = vi.as_dict()
    assert "word vectors" not in result["settings"]["signals"] and result["settings"]["signals"][0] == "lexical"
