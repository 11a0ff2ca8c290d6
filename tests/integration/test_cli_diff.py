"""`policy-timeline diff A B`: --json is the library's object, the contract holds for every pair of the seed
documents, ids and symbols resolve in any case, unknown documents fail in one line, --html escapes text."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.analysis.diff import STATUSES, compare_documents
from dashboard.cli import main
from dashboard.dataset.load import Dataset

CLI = [sys.executable, "-m", "dashboard"]


@pytest.fixture(scope="module")
def shipped(shipped_data: Path) -> Dataset:
    return Dataset(shipped_data)


def held_pairs(dataset: Dataset) -> list[tuple[str, str]]:
    return list(itertools.permutations(dataset.held_documents()["id"], 2))


def run_json(*args: str) -> dict:
    result = CliRunner().invoke(main, ["diff", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_equals_the_library_result(shipped: Dataset):
    proc = subprocess.run(
        [*CLI, "diff", "40-QD-TTg-2016", "153-NQ-CP-2025", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(proc.stdout) == json.loads(
        json.dumps(compare_documents(shipped, "40-QD-TTg-2016", "153-NQ-CP-2025").as_dict(), ensure_ascii=False)
    )


def test_the_contract_holds_for_every_pair_of_seed_documents(shipped: Dataset):
    provisions = shipped.provisions
    pairs = held_pairs(shipped)
    assert len(pairs) == 20
    for a, b in pairs:
        out = run_json(a, b)
        assert (out["a"], out["b"]) == (a, b)
        # every provision appears at least once (one row per link), and one-sided rows only for the unlinked
        a_ids = {p["a"] for p in out["pairs"] if p["a"] is not None}
        b_ids = {p["b"] for p in out["pairs"] if p["b"] is not None}
        assert a_ids == set(provisions.loc[provisions.document_id == a, "id"]), (a, b)
        assert b_ids == set(provisions.loc[provisions.document_id == b, "id"]), (a, b)
        links = [(p["a"], p["b"]) for p in out["pairs"] if p["a"] and p["b"]]
        assert len(links) == len(set(links))  # a link is one row
        linked = {x for link in links for x in link}
        for pair in out["pairs"]:
            assert pair["a"] is not None or pair["b"] is not None
            assert pair["status"] in STATUSES
            assert pair["set_by"] in ("engine", "curated", "reader")
            if pair["a"] and pair["b"]:
                assert pair["status"] in ("kept", "reworded", "merged", "split")
            else:
                assert pair["status"] == ("dropped" if pair["a"] else "new")
                assert (pair["a"] or pair["b"]) not in linked
        # merged: its B provision has several A links; split: its A provision has several B links
        for pair in out["pairs"]:
            if pair["status"] == "merged":
                assert sum(1 for x, y in links if y == pair["b"]) > 1
            if pair["status"] == "split":
                assert sum(1 for x, y in links if x == pair["a"]) > 1
        assert out["summary"] == {
            s: sum(1 for p in out["pairs"] if p["status"] == s and p["counted"]) for s in STATUSES
        }
        assert all(set(s) == {"a", "title", "outcome", "summary", "b"} for s in out["sections"])
        assert {x for s in out["sections"] for x in s["b"]} <= b_ids
        for pair in out["pairs"]:
            assert 0.0 <= pair["similarity"] <= 1.0
            assert isinstance(pair["a_text"], str) and isinstance(pair["b_text"], str)
            assert isinstance(pair["themes"], list)
            assert "".join(op["a"] for op in pair["ops"]) == pair["a_text"]
            assert "".join(op["b"] for op in pair["ops"]) == pair["b_text"]
            assert all(op["op"] in {"equal", "insert", "delete", "replace"} for op in pair["ops"])
        for theme in out["themes"]:
            assert set(theme) >= {"id", "a_share", "b_share", "delta"}
            assert theme["delta"] == pytest.approx(theme["b_share"] - theme["a_share"], abs=1e-3)
        for side in ("a_distinctive", "b_distinctive"):
            assert all(set(t) >= {"term", "score"} for t in out["terms"][side])
        assert out["basis"]["a"] in ("own", "all") and out["basis"]["b"] in ("own", "all")


def test_sections_framing_and_notices_on_the_seed_pair():
    out = run_json("40/QĐ-TTg", "153/NQ-CP")
    lines = {s["a"]: s for s in out["sections"]}
    assert "40-QD-TTg-2016:7" in lines and lines["40-QD-TTg-2016:7"]["summary"].startswith("7. ")
    assert "153-NQ-CP-2025:p13" in lines["40-QD-TTg-2016:7"]["b"]
    framing = [p for p in out["pairs"] if p["b"] in {"153-NQ-CP-2025:c1", "153-NQ-CP-2025:c2"}]
    assert framing and all(p["status"] == "new" and not p["counted"] for p in framing)
    assert out["notices"] == []
    backwards = run_json("153/NQ-CP", "40/QĐ-TTg")
    assert backwards["notices"] and "Swap" in backwards["notices"][0]
    itself = run_json("153/NQ-CP", "153/NQ-CP")
    assert itself["notices"] and "same document" in itself["notices"][0]


def test_no_curated_leaves_only_the_engines_links():
    out = run_json("40/QĐ-TTg", "153/NQ-CP", "--no-curated")
    assert out["curated"] == [] and all(p["set_by"] == "engine" for p in out["pairs"])


def test_a_news_report_counts_all_its_provisions(shipped: Dataset):
    out = run_json("22-NQ/TW", "59-NQ/TW")
    assert out["basis"] == {"a": "all", "b": "own"}
    assert all(p["a_kind"] == "reported" for p in out["pairs"] if p["a"])


def test_ids_and_symbols_resolve_in_any_case():
    by_symbol = run_json("40/qđ-ttg", "153/nq-cp")
    assert (by_symbol["a"], by_symbol["b"]) == ("40-QD-TTg-2016", "153-NQ-CP-2025")
    assert run_json("40-qd-ttg-2016", "153-NQ-CP-2025") == by_symbol


def test_unknown_document_is_one_line_and_exit_2():
    proc = subprocess.run([*CLI, "diff", "40/QĐ-TTg", "99-XX-2099", "--json"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "99-XX-2099" in lines[0]


def test_json_and_html_together_is_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["diff", "40/QĐ-TTg", "153/NQ-CP", "--json", "--html", str(tmp_path / "x")]
    )
    assert result.exit_code == 2


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_opens_and_escapes_document_text(tmp_path: Path, fixture_data: Path):
    out = tmp_path / "report" / "compare.html"
    result = CliRunner().invoke(
        main, ["diff", "1-NQ/TW", "2/NQ-CP", "--data", str(fixture_data), "--html", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # the fixture's provision quotes a script tag: it must arrive as text, never as markup
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parser = _Collect()
    parser.feed(html)
    assert "script" not in parser.tags and "table" in parser.tags
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text


def test_plain_output_summarises(fixture_data: Path):
    result = CliRunner().invoke(main, ["diff", "1-nq-tw-2020", "2-NQ-CP-2021", "--data", str(fixture_data)])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("1-NQ-TW-2020 → 2-NQ-CP-2021:")


def test_eval_alignment_prints_every_gold_sets_figures_their_agreement_and_honours_the_bar(shipped_data):
    runner = CliRunner()
    ok = runner.invoke(main, ["eval-alignment", "--data", str(shipped_data), "--bar", "0.5"])
    assert ok.exit_code == 0, ok.output
    assert "pairing accuracy" in ok.output and "threshold sensitivity" in ok.output
    assert "agreement of alignment_expected.yml and alignment_annotator2.yml:" in ok.output
    assert "counterpart paired or offered beside one of the two provisions:" in ok.output
    for measure in ("strict precision, the same links whichever document is A", "strict precision, each order",
                    "consistent precision"):
        assert f"ceiling, {measure}" in ok.output
    for name in ("alignment_expected.yml", "alignment_annotator2.yml", "alignment_annotator3.yml"):
        for what in ("engine alone", "with curated links", "cross-validated (leave one document pair out)"):
            assert f"{name}, {what}: link precision " in ok.output and "link recall" in ok.output
        assert f"{name}, correcting by hand: a reader using only the page's offered links" in ok.output
        assert f"{name}, cross-validated, by kind: missed gold pairs: " in ok.output
    too_high = runner.invoke(main, ["eval-alignment", "--data", str(shipped_data), "--bar", "0.99", "--no-cv"])
    assert too_high.exit_code == 1
    as_json = json.loads(
        runner.invoke(main, ["eval-alignment", "--data", str(shipped_data), "--json", "--no-cv"]).output
    )
    second = next(s for s in as_json["sets"] if s["file"] == "alignment_annotator2.yml")
    assert second["engine"]["pairs"] == 20 and as_json["agreement"]["shared"] >= 18
    assert as_json["ceiling"]["sets"] == ["alignment_expected.yml", "alignment_annotator2.yml",
                                          "alignment_annotator3.yml"]


def test_pins_correct_the_pairing_and_the_rest_is_realigned():
    plain = run_json("40/QĐ-TTg", "153/NQ-CP")
    engine = {(p["a"], p["b"]) for p in plain["pairs"] if p["a"] and p["b"]}
    assert ("40-QD-TTg-2016:3.b1", "153-NQ-CP-2025:p2") not in engine
    # one reader's pair, one pair undone (both left alone), as repeated options and as a comma list
    a, b = next(iter(sorted(engine)))
    pa, pb = a.split(":")[1], b.split(":")[1]
    for args in (["--pin", "3.b1-p2", "--pin", f"{pa}-", "--pin", f"-{pb}"], ["--pin", f"3.b1-p2,{pa}-,-{pb}"]):
        out = run_json("40/QĐ-TTg", "153/NQ-CP", *args)
        by = {(p["a"], p["b"]): p["set_by"] for p in out["pairs"]}
        assert by[("40-QD-TTg-2016:3.b1", "153-NQ-CP-2025:p2")] == "reader"
        assert by[(a, None)] == "reader" and by[(None, b)] == "reader"
        assert out["pins"] == ["3.b1-p2", f"{pa}-", f"-{pb}"]
        assert sum(1 for p in out["pairs"] if p["set_by"] == "reader") == 3
    plain_text = CliRunner().invoke(main, ["diff", "40/QĐ-TTg", "153/NQ-CP", "--pin", "3.b1-p2"]).output
    assert "pinned by the reader (*): 3.b1-p2" in plain_text
    assert any(line.startswith("reworded *") and "40-QD-TTg-2016:3.b1" in line for line in plain_text.splitlines())


def test_an_also_link_adds_a_second_counterpart_and_removes_no_other_link():
    plain = run_json("40/QĐ-TTg", "153/NQ-CP")
    before = {(p["a"], p["b"]): p["set_by"] for p in plain["pairs"] if p["a"] and p["b"]}
    out = run_json("40/QĐ-TTg", "153/NQ-CP", "--pin", "3.b1-p2", "--pin", "3.b1+p13")
    by = {(p["a"], p["b"]): p["set_by"] for p in out["pairs"] if p["a"] and p["b"]}
    a = "40-QD-TTg-2016:3.b1"
    assert by[(a, "153-NQ-CP-2025:p2")] == "reader" and by[(a, "153-NQ-CP-2025:p13")] == "reader"
    assert out["pins"] == ["3.b1-p2", "3.b1+p13"]
    # p13 keeps every link it had: the reader's link is one more, not a replacement
    others = {k: v for k, v in before.items() if k[1] == "153-NQ-CP-2025:p13" and k[0] != a}
    assert others and all(by.get(k) == v for k, v in others.items())
    # alone, the also link leaves 3.b1 free for the engine (nothing placed), and it counts like any link
    alone = run_json("40/QĐ-TTg", "153/NQ-CP", "--pin", "3.b1+p13")
    rows = [p for p in alone["pairs"] if p["a"] == a]
    assert ("153-NQ-CP-2025:p13", "reader") in {(p["b"], p["set_by"]) for p in rows}
    assert all(p["status"] not in ("dropped", "new") for p in rows)


@pytest.mark.parametrize(
    ("pin", "says"),
    [
        ("3.b9-p2", "3.b9 is not a provision of 40/QĐ-TTg"),
        ("3.b1+p13,3.b1!p13", "already decides"),
        ("3.b1-,3.b1+p13", "leaves it alone"),
        ("3.b1-p2,3.b1-", "already placed"),
        ("3.b1-p2,3.b1!p2", "already decides"),
        ("p2-3.b1", "not a"),
    ],
)
def test_a_wrong_pin_is_one_line_and_exit_2(pin: str, says: str):
    proc = subprocess.run([*CLI, "diff", "40/QĐ-TTg", "153/NQ-CP", "--pin", pin], capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: pin ") and says in lines[0]


def test_the_html_report_marks_the_readers_pairs(tmp_path: Path):
    out = tmp_path / "pinned.html"
    result = CliRunner().invoke(main, ["diff", "40/QĐ-TTg", "153/NQ-CP", "--pin", "3.b1-p2", "--html", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    row = html.split('<tr id="40-QD-TTg-2016:3.b1">', 1)[1].split("</tr>", 1)[0]
    assert "set by the reader" in row and "153-NQ-CP-2025:p2" in row
    assert html.count("<strong>set by the reader</strong>") == 1 and "1 set by the reader (3.b1-p2)." in html
    assert "<h2>What became of each part of A</h2>" in html and "7. Proactively participate" in html
    assert "curated (seeds/alignments.yml)" in html  # the curated links are marked


def test_fit_alignment_writes_a_link_model_that_diff_can_load(shipped_data, tmp_path):
    from dashboard.analysis.diff.linkmodel import load, shipped

    out = tmp_path / "model.json"
    result = CliRunner().invoke(main, ["fit-alignment", "--data", str(shipped_data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}")
    model = load(out)
    # the shipped model is this fit on the shipped gold sets: a refit reproduces it, to the last of the six decimals
    # it is written with (the solver's sums, over BLAS threads, can round the sixth decimal either way)
    ship = shipped()
    assert (model.version, model.features, model.mean, model.scale, model.bar, model.trained_on) == (
        ship.version,
        ship.features,
        ship.mean,
        ship.scale,
        ship.bar,
        ship.trained_on,
    )
    assert model.coef == pytest.approx(ship.coef, abs=2e-6)
    assert model.intercept == pytest.approx(ship.intercept, abs=2e-6)
