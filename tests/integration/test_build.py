"""build → validate → load on the fixture corpus and the shipped seeds; bad input is refused and loses nothing."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dashboard.corpus.load import RELATION_KINDS
from dashboard.corpus.normalise import normalise_text
from dashboard.dataset.build import run as build_package
from dashboard.dataset.validate import validate_package

BAD = Path(__file__).parents[1] / "fixtures" / "bad"
REPO = Path(__file__).parents[2]
CLI = [sys.executable, "-m", "dashboard"]


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_fixture_builds_and_validates(fixture_data: Path, fixture_seeds: Path):
    validate_package(fixture_data, seeds_dir=fixture_seeds)
    docs = {d["id"]: d for d in rows(fixture_data, "documents")}
    assert set(docs) == {"1-NQ-TW-2020", "2-NQ-CP-2021"}
    assert docs["2-NQ-CP-2021"]["coverage"] == "partial"


def test_rebuild_is_byte_identical(tmp_path: Path, fixture_seeds: Path, fixture_data: Path):
    again = tmp_path / "again"
    build_package(fixture_seeds, again)
    assert digest(again) == digest(fixture_data)


def test_shipped_data_is_up_to_date_with_seeds(tmp_path: Path, seeds_dir: Path, shipped_data: Path):
    fresh = tmp_path / "data"
    build_package(seeds_dir, fresh)
    stale = [name for name, sha in digest(fresh).items() if digest(shipped_data).get(name) != sha]
    assert not stale, f"data/ is out of date with seeds/ (run `make data`): {stale}"


def test_cli_validate_exit_codes(tmp_path: Path, fixture_data: Path):
    ok = subprocess.run([*CLI, "validate", "--data", str(fixture_data)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    broken = tmp_path / "broken"
    shutil.copytree(fixture_data, broken)
    text = (broken / "provisions.csv").read_text(encoding="utf-8")
    (broken / "provisions.csv").write_text(text.replace(",item,", ",chapter,", 1), encoding="utf-8")
    bad = subprocess.run([*CLI, "validate", "--data", str(broken)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "provisions.csv" in bad.stderr and "kind" in bad.stderr


@pytest.mark.parametrize(
    ("column", "change", "where"),
    [
        ("starts", lambda v: "; ".join(str(int(x) + 1) for x in v.split("; ")), "starts"),
        ("source_starts", lambda v: "; ".join(str(int(x) + 1) for x in v.split("; ")), "source_starts"),
        ("terms", lambda v: v + "; extra", "evidence"),
    ],
)
def test_validate_checks_every_piece_of_theme_evidence(fixture_data, fixture_seeds, tmp_path, column, change, where):
    broken = tmp_path / "broken"
    shutil.copytree(fixture_data, broken)
    with (broken / "provision_themes.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    table[0][column] = change(table[0][column])
    with (broken / "provision_themes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    bad = subprocess.run(
        [*CLI, "validate", "--data", str(broken), "--seeds", str(fixture_seeds)], capture_output=True, text=True
    )
    assert bad.returncode == 1, bad.stderr
    key = f"{table[0]['provision_id']} {table[0]['theme_id']}"
    assert f"provision_themes.csv: {key}: {where}:" in bad.stderr


def _apply_defect(seeds: Path, defect: str) -> None:
    for src in (BAD / defect).iterdir():
        if src.name.endswith(".delete"):
            (seeds / src.name.removesuffix(".delete")).unlink()
        else:
            shutil.copy(src, seeds / src.name)


@pytest.mark.parametrize(
    ("defect", "file", "where"),
    [
        ("missing-sidecar", "alpha.txt", "sidecar"),
        ("not-yaml", "alpha.yml", "line"),
        ("missing-issued", "alpha.yml", "issued"),
        ("impossible-date", "alpha.yml", "issued"),
        ("unknown-doc-type", "alpha.yml", "doc_type"),
        ("unknown-issuer", "alpha.yml", "issuer"),
        ("duplicate-id", "gamma.yml", "id"),
        ("unknown-relation-target", "relations.yml", "item 1.target"),
        ("unknown-relation-kind", "relations.yml", "item 1.kind"),
        ("missing-vocabulary", "vocabulary.yml", "file"),
        ("body-span-not-in-text", "alpha.yml", "body.start"),
        ("empty-seed", "beta.txt", "file"),
        ("not-utf8", "beta.txt", "byte"),
        ("binary-seed", "beta.txt", "byte"),
        ("alignment-unknown-provision", "alignments.yml", "entry 2.a"),
        ("alignment-unknown-document", "alignments.yml", "entry 1.a_doc"),
        ("alignment-alias", "alignments.yml", "line 11"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_out_is_untouched(seeds_copy, tmp_path, fixture_data, defect, file, where):
    out = tmp_path / "data"
    shutil.copytree(fixture_data, out)
    before = digest(out)
    _apply_defect(seeds_copy, defect)
    result = subprocess.run(
        [*CLI, "build", "--quiet", "--seeds", str(seeds_copy), "--out", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    prefix, shown_file, shown_where, problem = (lines[0].split(": ", 3) + ["", "", ""])[:4]
    assert prefix == "error" and shown_file.endswith(file) and shown_where.startswith(where) and problem
    assert digest(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".data-")], "staging folder left behind"


def test_every_shipped_provision_traces_back_to_its_span(shipped_data: Path, seeds_dir: Path):
    docs = {d["id"]: d for d in rows(shipped_data, "documents")}
    provisions = rows(shipped_data, "provisions")
    assert len(provisions) > 100
    raw = {
        d["seed_file"]: (seeds_dir / d["seed_file"]).read_bytes().decode("utf-8")
        for d in docs.values()
        if d["seed_file"]
    }
    for p in provisions:
        text = raw[docs[p["document_id"]]["seed_file"]]
        assert normalise_text(text[int(p["start"]) : int(p["end"])]) == p["text"], p["id"]


FACTS = {  # ../shared/facts.md: date, English title, issuer, horizons, Vietnamese title
    "22-NQ-TW-2013": (
        "2013-04-10",
        "Resolution of the Politburo on international integration",
        "politburo",
        "2020",
        "Nghị quyết số 22-NQ/TW của Bộ Chính trị về hội nhập quốc tế",
    ),
    "40-QD-TTg-2016": (
        "2016-01-07",
        "Overall strategy for international integration through 2020, vision to 2030",
        "prime_minister",
        "2020,2025,2030",
        "Chiến lược tổng thể hội nhập quốc tế đến năm 2020, tầm nhìn đến năm 2030",
    ),
    "01-NQ-CP-2016": (
        "2016-01-07",
        "Major tasks and solutions for directing the 2016 socio-economic development plan and State budget",
        "government",
        "2016",
        "Nghị quyết về những nhiệm vụ, giải pháp chủ yếu chỉ đạo điều hành thực hiện kế hoạch phát "
        "triển kinh tế - xã hội và dự toán ngân sách nhà nước năm 2016",
    ),
    "59-NQ-TW-2025": (
        "2025-01-24",
        "Resolution of the Politburo on international integration in the new situation",
        "politburo",
        "2045",  # "the middle of the 21st century", read as 2045 (horizons_note)
        "Nghị quyết số 59-NQ/TW của Bộ Chính trị về hội nhập quốc tế trong tình hình mới",
    ),
    "153-NQ-CP-2025": (
        "2025-05-31",
        "Government's Action Programme to implement Resolution 59-NQ/TW",
        "government",
        "2030,2035",
        "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 59-NQ/TW",
    ),
}


def test_documents_carry_the_reference_facts(shipped_data: Path):
    docs = {d["id"]: d for d in rows(shipped_data, "documents")}
    for doc_id, facts in FACTS.items():
        doc = docs[doc_id]
        assert (doc["issued"], doc["title_en"], doc["issuer"], doc["horizons"], doc["title_vi"]) == facts
        assert docs[doc_id]["held"] == "true" and docs[doc_id]["coverage"] in {"partial", "summary"}
    assert docs["22-NQ-TW-2013"]["source_kind"] == "news_report"
    # the timeline's lanes are the issuing bodies (issue: "lanes by issuing body (Politburo, Prime Minister, …)")
    assert {d["symbol"]: d["lane"] for d in docs.values()} == {
        "22-NQ/TW": "Politburo",
        "59-NQ/TW": "Politburo",
        "57-KL/TW": "Politburo",
        "40/QĐ-TTg": "Prime Minister",
        "01/NQ-CP": "Government",
        "153/NQ-CP": "Government",
        "1052/NQ-UBTVQH13": "National Assembly Standing Committee",
    }
    assert docs["1052-NQ-UBTVQH13-2015"]["held"] == "false"


CHROME = [
    "Other news",
    "Back to top",
    "Leave a Reply",
    "Comment (0)",
    "Same category",
    "Photo: VGP",
    "Site map",
    "Source: https",
    "Cuba-Vietnam Relations",
    "Producers:",
    "No videos available",
    "View previous part",
    "Phiên bản di động",
    "Unique mini jellyfish",
]


def test_no_provision_contains_page_chrome(shipped_data: Path):
    for p in rows(shipped_data, "provisions"):
        for marker in CHROME:
            assert marker not in p["text"], (p["id"], marker)


@pytest.mark.parametrize("which", ["fixture", "shipped"])
def test_every_sidecar_fact_reaches_the_documents_table(which, fixture_data, fixture_seeds, shipped_data, seeds_dir):
    data_dir, seeds = (fixture_data, fixture_seeds) if which == "fixture" else (shipped_data, seeds_dir)
    docs = {d["seed_file"]: d for d in rows(data_dir, "documents") if d["seed_file"]}
    sidecars = [p for p in sorted(seeds.glob("*.yml")) if p.with_suffix(".txt").is_file()]
    assert sidecars and {p.with_suffix(".txt").name for p in sidecars} == set(docs)  # one row per seed, no more
    for sidecar in sidecars:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        doc = docs[sidecar.with_suffix(".txt").name]
        assert doc["symbol"] == data["symbol"] and doc["source_url"] == data["source_url"]
        assert doc["coverage_note"] and doc["source_kind"] == data["source_kind"]


def test_conflicting_claims_are_kept_both(shipped_data: Path):
    claims = [c for c in rows(shipped_data, "claims") if c["document_id"] == "59-NQ-TW-2025"]
    assert {c["status"] for c in claims} == {"accepted", "rejected"}
    groups = [t for t in rows(shipped_data, "targets") if t["conflict_group"]]
    assert len(groups) >= 2 and len({t["source_url"] for t in groups}) == 2


def test_curated_alignments_become_the_alignments_table(seeds_copy: Path, tmp_path: Path):
    (seeds_copy / "alignments.yml").write_text(
        "- a_doc: 1-NQ-TW-2020\n  b_doc: 2/NQ-CP\n  a: '1.a'\n  b: p1\n  relation: pair\n  note: same subject\n"
        "  by: tester\n  on: 2026-12-06\n  source: fixture\n"
        "- a_doc: 1-NQ-TW-2020\n  b_doc: 2-NQ-CP-2021\n  a: ''\n  b: p2\n  relation: no_counterpart\n"
        "  note: new task\n  by: tester\n  on: 2026-12-06\n  source: fixture\n",
        encoding="utf-8",
    )
    out = tmp_path / "data"
    build_package(seeds_copy, out)
    table = rows(out, "alignments")
    assert [(r["a_provision"], r["b_provision"], r["relation"], r["on"]) for r in table] == [
        ("1-NQ-TW-2020:1.a", "2-NQ-CP-2021:p1", "pair", "2026-12-06"),
        ("", "2-NQ-CP-2021:p2", "no_counterpart", "2026-12-06"),
    ]
    assert table[0]["b_doc"] == "2-NQ-CP-2021"  # a symbol is resolved to the document's id
    schema = json.loads((REPO / "dashboard" / "dataset" / "schema" / "alignments.json").read_text(encoding="utf-8"))
    assert all(f.get("description") for f in schema["schema"]["fields"])
    from dashboard.analysis.diff import compare_documents
    from dashboard.dataset.load import Dataset

    result = compare_documents(Dataset(out), "1-NQ-TW-2020", "2-NQ-CP-2021")
    by = {(p.a, p.b): p for p in result.pairs}
    assert by[("1-NQ-TW-2020:1.a", "2-NQ-CP-2021:p1")].set_by == "curated"
    assert by[(None, "2-NQ-CP-2021:p2")].set_by == "curated"
    off = compare_documents(Dataset(out), "1-NQ-TW-2020", "2-NQ-CP-2021", use_curated=False)
    assert all(p.set_by == "engine" for p in off.pairs)


def test_relation_kinds_checked_at_build_are_the_schemas():
    schema = json.loads((REPO / "dashboard" / "dataset" / "schema" / "relations.json").read_text(encoding="utf-8"))
    kind = next(f for f in schema["schema"]["fields"] if f["name"] == "kind")
    assert tuple(kind["constraints"]["enum"]) == RELATION_KINDS


@pytest.mark.parametrize("kind", ["file", "folder-of-other-files"])
def test_build_never_replaces_an_out_that_is_not_a_data_package(fixture_seeds, tmp_path, kind):
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("a user's file\n", encoding="utf-8")
    else:
        out.mkdir()
        (out / "notes.txt").write_text("a user's notes\n", encoding="utf-8")
    before = sorted((p.name, p.read_bytes()) for p in ([out] if out.is_file() else out.iterdir()))
    result = subprocess.run(
        [*CLI, "build", "--quiet", "--seeds", str(fixture_seeds), "--out", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {out}: --out: "), result.stderr
    assert sorted((p.name, p.read_bytes()) for p in ([out] if out.is_file() else out.iterdir())) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging or backup left beside it
