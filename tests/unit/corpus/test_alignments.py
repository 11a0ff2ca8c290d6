"""seeds/alignments.yml entries: every problem is named by entry and field; aliases are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import errors
from dashboard.corpus.alignments import alignment_rows, check_alignments, load_alignments

DOCS = {"A-2016": "A-2016", "A/2016": "A-2016", "B-2025": "B-2025"}
PROVISIONS = {"A-2016:7", "A-2016:7.b1", "B-2025:p13"}


def entry(**kw) -> dict:
    base = {"a_doc": "A/2016", "b_doc": "B-2025", "a": "7.b1", "b": "p13", "relation": "pair", "note": "n",
            "by": "me", "on": "2026-12-06", "source": "seed"}
    return {**base, **kw}


def problems(*entries: dict) -> list[tuple[str, str]]:
    found = check_alignments(list(entries), "seeds/alignments.yml", DOCS.get, PROVISIONS)
    return [(p.where, p.code) for p in found]


def test_a_good_entry_has_no_problem_and_becomes_a_row_with_full_ids():
    assert problems(entry(), entry(b="", relation="no_counterpart")) == []
    rows = alignment_rows([entry()], DOCS.get)
    assert rows[0]["a_doc"] == "A-2016" and rows[0]["a_provision"] == "A-2016:7.b1"
    assert rows[0]["b_provision"] == "B-2025:p13" and str(rows[0]["on"]) == "2026-12-06"


@pytest.mark.parametrize(
    ("bad", "where", "code"),
    [
        ({"a": "9.z"}, "entry 1.a", "unknown-reference"),
        ({"b_doc": "C-2030"}, "entry 1.b_doc", "unknown-reference"),
        ({"relation": "maybe"}, "entry 1.relation", "invalid-field"),
        ({"b": ""}, "entry 1.b", "missing-field"),
        ({"relation": "no_counterpart"}, "entry 1", "invalid-field"),
        ({"on": "2026-13-40"}, "entry 1.on", "invalid-field"),
        ({"by": ""}, "entry 1.by", "missing-field"),
        ({"whom": "x"}, "entry 1.whom", "invalid-field"),
    ],
)
def test_each_problem_names_its_entry_and_field(bad: dict, where: str, code: str):
    assert (where, code) in problems(entry(**bad))


def test_yaml_aliases_are_refused(tmp_path: Path):
    path = tmp_path / "alignments.yml"
    path.write_text("- &x {a_doc: A-2016, b_doc: B-2025, a: '7', b: p13, relation: pair, by: me, on: 2026-12-06}\n"
                    "- *x\n", encoding="utf-8")
    with pytest.raises(errors.NotYaml) as err:
        load_alignments(path, "seeds/alignments.yml")
    assert err.value.where == "line 2" and "alias" in str(err.value)


def test_the_key_on_is_read_as_a_date_not_a_boolean(tmp_path: Path):
    path = tmp_path / "alignments.yml"
    path.write_text("- a_doc: A-2016\n  on: 2026-12-06\n", encoding="utf-8")
    assert load_alignments(path, "x")[0]["on"] == "2026-12-06"
