from pathlib import Path

import pytest

from dashboard import errors
from dashboard.corpus.normalise import normalise_text
from dashboard.corpus.segment import segment_document
from dashboard.corpus.sidecar import load_vocabulary, parse_meta

VOCAB = load_vocabulary(Path(__file__).parents[2] / "fixtures/seeds/vocabulary.yml", "vocabulary.yml")


def meta(**body):
    data = {"symbol": "9-NQ/TW", "doc_type": "resolution", "issuer": "politburo", "issued": "2020-01-01",
            "title_en": "T", "source_url": "https://example.org", "source_kind": "official_translation",
            "coverage": "full", "coverage_note": "n", "body": {"start": "1.", **body.pop("body", {})}, **body}
    return parse_meta(data, VOCAB, "t.yml", held=True, seed_file="t.txt")


RAW = """Menu

1. Expand trade.

a) Sign agreements.

dd) Later point.

- A bullet under dd.

2. Second item\u00a0with nbsp.

Plain paragraph under item 2.

Part V

1. Stage 1 (2015-2020): deploy.

1. Numbering restarts here.
"""


def test_hierarchy_follows_the_markers():
    got = {p.id: p for p in segment_document(RAW, meta(), "t.yml")}
    assert got["9-NQ-TW-2020:1.a"].parent_id == "9-NQ-TW-2020:1"
    assert got["9-NQ-TW-2020:1.dd.b1"].parent_id == "9-NQ-TW-2020:1.dd"
    assert got["9-NQ-TW-2020:2.p1"].kind == "paragraph"
    assert got["9-NQ-TW-2020:partV.1"].parent_id == "9-NQ-TW-2020:partV"
    assert "9-NQ-TW-2020:partV.1~2" in got, "a restarted numbering must not collide"
    assert got["9-NQ-TW-2020:1"].kind == "item" and got["9-NQ-TW-2020:1.a"].kind == "point"


def test_every_span_gives_back_its_text():
    for p in segment_document(RAW, meta(), "t.yml"):
        assert normalise_text(RAW[p.start:p.end]) == p.text
    assert "Menu" not in {p.text for p in segment_document(RAW, meta(), "t.yml")}


def test_ids_do_not_depend_on_text_elsewhere():
    before = {p.id for p in segment_document(RAW, meta(), "t.yml")}
    after = {p.id for p in segment_document(RAW.replace("Expand trade", "Expand trade and investment"),
                                            meta(), "t.yml")}
    assert before == after


def test_commentary_and_skip_lines():
    provisions = segment_document(RAW, meta(commentary=["Plain paragraph"], skip=["- A bullet"]), "t.yml")
    kinds = {p.text: p.kind for p in provisions}
    assert kinds["Plain paragraph under item 2."] == "commentary"
    assert "- A bullet under dd." not in kinds
    assert not next(p for p in provisions if p.kind == "commentary").own_text


def test_a_skip_line_that_is_not_there_is_an_error():
    with pytest.raises(errors.SpanNotFound) as exc:
        segment_document(RAW, meta(skip=["No such line"]), "t.yml")
    assert exc.value.where == "skip"


def test_body_marker_not_in_text():
    with pytest.raises(errors.SpanNotFound) as exc:
        segment_document(RAW, meta(body={"start": "Nowhere to be found"}), "t.yml")
    assert exc.value.code == "span-not-found" and exc.value.where == "body.start"


NESTED = """I. VIEWPOINTS

1. First viewpoint.

1.1. A sub-item.

1.1.1. Deeper still.

1.1.1.1. And deeper.

1.2. Back up one level.

2. Second viewpoint.

II. TASKS

Article 3. Implementation

a) A point under the article.
"""


def test_deeply_nested_decimal_numbering_nests_by_its_prefix():
    got = {p.text: p for p in segment_document(NESTED, meta(body={"start": "I. VIEWPOINTS"}), "t.yml")}
    assert got["I. VIEWPOINTS"].kind == "part"
    deep = got["1.1.1.1. And deeper."]
    assert deep.id == "9-NQ-TW-2020:partI.1.1.1.1" and deep.depth == 5
    assert got["1.2. Back up one level."].parent_id == "9-NQ-TW-2020:partI.1"
    assert got["2. Second viewpoint."].parent_id == "9-NQ-TW-2020:partI"
    assert got["a) A point under the article."].parent_id == got["Article 3. Implementation"].id
    assert got["Article 3. Implementation"].parent_id == "9-NQ-TW-2020:partII"
