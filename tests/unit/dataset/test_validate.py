"""validate: the tiny package is valid, and each check names the one thing a test breaks in it (file, row, field),
from the Frictionless checks of types and keys to the cross-table checks no Table Schema can express."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dashboard.dataset.validate import cross_table_problems, validate_package
from dashboard.errors import DataInvalid

from .tiny import DOC, span, tables, write_tiny

Tables = dict[str, list[dict[str, Any]]]


def test_the_tiny_package_is_valid_with_and_without_its_seeds(tmp_path: Path):
    data = write_tiny(tmp_path / "data", tmp_path / "seeds")
    validate_package(data, seeds_dir=tmp_path / "seeds")
    validate_package(data)
    assert cross_table_problems(data, tmp_path / "seeds") == []


def test_a_folder_without_a_descriptor_is_refused(tmp_path: Path):
    with pytest.raises(DataInvalid) as caught:
        validate_package(tmp_path)
    assert caught.value.problems == [f"error: {tmp_path / 'datapackage.json'}: file: datapackage.json not found"]
    assert caught.value.code == "data-invalid"


def _set(table: str, row: int, **values: Any) -> Callable[[Tables], None]:
    def change(t: Tables) -> None:
        t[table][row].update(values)
    return change


# (what is broken, the change, the problem's line starts with) — each on the cross-table checks
CROSS = [
    ("held-without-provisions", lambda t: (t.update(provisions=[], provision_themes=[], mentions=[], assignments=[],
                                                    targets=[], relations=[]), t["documents"][0].update(provisions=0)),
     f"error: documents.csv: {DOC}: held document has no provisions"),
    ("count-differs", _set("documents", 0, provisions=4),
     f"error: documents.csv: {DOC}: provisions says 4, provisions.csv has 3"),
    ("not-held-with-provisions", _set("documents", 0, held=False),
     f"error: documents.csv: {DOC}: document not held but has provisions"),
    ("id-not-of-its-document", _set("provisions", 0, id="other:h"),
     "error: provisions.csv: other:h: id: does not start with its document id"),
    ("reversed-span", _set("provisions", 0, start=19, end=0),  # and so the seed check fails as well
     f"error: provisions.csv: {DOC}:h: start: span is empty or reversed"),
    ("span-not-its-text", _set("provisions", 1, text="Expand trade with all partners."),
     f"error: provisions.csv: {DOC}:1: start: seeds/alpha.txt["),
    ("years-reversed", _set("targets", 0, start_year=2031),
     f"error: targets.csv: {DOC}:t1: start_year: after end_year"),
    ("extracted-without-provision", _set("targets", 0, provision_id="", start=None, end=None),
     f"error: targets.csv: {DOC}:t1: provision_id: an extracted row needs its provision"),
    ("cited-without-source", _set("targets", 0, origin="cited", start=None, end=None),
     f"error: targets.csv: {DOC}:t1: source_url: a cited row needs its source"),
    ("mention-outside-provision", _set("mentions", 0, start=span("trade")[0], end=span("trade")[1]),
     f"error: mentions.csv: {DOC}:1.a unesco: start: span lies outside its provision"),
    ("mention-other-words", _set("mentions", 0, surface="WHO"),
     f"error: mentions.csv: {DOC}:1.a unesco: surface: seed["),
    ("inherited-from-a-stranger", _set("assignments", 0, inherited_from=f"{DOC}:h"),
     f"error: assignments.csv: {DOC}:1.a mofa lead: inherited_from: not an enclosing provision"),
    ("inherited-from-nobody", _set("assignments", 0, inherited_from=""),
     f"error: assignments.csv: {DOC}:1.a mofa lead: inherited_from: not an enclosing provision"),
    ("relation-to-itself", _set("relations", 0, target_id=DOC),
     f"error: relations.csv: {DOC} references {DOC}: target_id: relates a document to itself"),
    ("evidence-lists-differ", _set("provision_themes", 0, terms=["trade", "partners"]),
     f"error: provision_themes.csv: {DOC}:1 economy_trade: evidence: evidence, terms, weights and offsets differ"),
    ("evidence-off-its-text", _set("provision_themes", 0, starts=[0], ends=[5]),
     f"error: provision_themes.csv: {DOC}:1 economy_trade: starts: text[0:5] is not 'trade'"),
    ("evidence-off-its-seed", _set("provision_themes", 0, source_starts=[0], source_ends=[5]),
     f"error: provision_themes.csv: {DOC}:1 economy_trade: source_starts: seed[0:5] is not 'trade'"),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CROSS], ids=[c[0] for c in CROSS])
def test_each_cross_table_check_names_its_row(tmp_path: Path, change, expected: str):
    t = tables()
    change(t)
    data = write_tiny(tmp_path / "data", tmp_path / "seeds", **t)
    problems = cross_table_problems(data, tmp_path / "seeds")
    assert problems and problems[0].startswith(expected), problems
    assert len(problems) == 1 or "reversed" in expected


def test_an_extracted_target_with_a_span_but_no_provision_is_reported_not_raised(tmp_path: Path):
    t = tables()
    t["targets"][0]["provision_id"] = ""
    data = write_tiny(tmp_path / "data", tmp_path / "seeds", **t)
    assert any("an extracted row needs its provision" in p for p in cross_table_problems(data, tmp_path / "seeds"))


def test_seed_checks_run_from_the_packages_own_seed_texts(tmp_path: Path):
    """The package carries its seeds' text (seed_texts), so a span is checked without seeds/ at hand."""
    t = tables()
    t["mentions"][0]["surface"] = "WHO"
    data = write_tiny(tmp_path / "data", **t)
    assert cross_table_problems(data, None) == [
        "error: mentions.csv: 1-NQ-TW-2020:1.a unesco: surface: seed[69:75] gives other words"
    ]
    assert cross_table_problems(write_tiny(tmp_path / "good"), None) == []


def test_a_held_document_the_seed_texts_lack_is_named_not_raised(tmp_path: Path):
    """Without seeds/ at hand, a held document whose text the package's seed_texts lack is reported once (its
    spans cannot be checked), while the other documents' spans are still checked from their seed texts."""
    t = tables()
    other = "3-NQ-TW-2022"
    t["documents"].append({**t["documents"][0], "id": other, "symbol": "3-NQ/TW", "seed_file": "beta.txt",
                           "provisions": 1, "own_provisions": 1})
    t["provisions"].append({**t["provisions"][0], "id": f"{other}:h", "document_id": other})
    assert cross_table_problems(write_tiny(tmp_path / "data", **t), None) == [
        f"error: seed_texts.csv: {other}: document_id: held document has no seed text"
    ]


def test_a_missing_or_short_parquet_twin_is_named(tmp_path: Path):
    data = write_tiny(tmp_path / "data", tmp_path / "seeds")
    (data / "actors.parquet").unlink()
    short = write_tiny(tmp_path / "short", themes=[])
    (data / "themes.parquet").write_bytes((short / "themes.parquet").read_bytes())
    assert cross_table_problems(data, tmp_path / "seeds") == [
        "error: themes.parquet: rows: 0 rows, CSV has 1",  # package order: themes come before actors
        "error: actors.parquet: file: Parquet twin missing",
    ]


def _edit_csv(table: str, row: int, field: str, value: str) -> Callable[[Path], None]:
    """Return a change to one cell of a written CSV (a value the package writer would never write)."""
    def change(data: Path) -> None:
        path = data / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        rows[row][field] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return change


@pytest.mark.parametrize(("change", "expected"), [
    (_edit_csv("provisions", 1, "start", "twelve"), "error: provisions.csv: row 3: start: "),
    (_edit_csv("documents", 0, "coverage", "most"), "error: documents.csv: row 2: coverage: "),
    (_edit_csv("mentions", 0, "entity_id", "who"), "error: mentions.csv: row 2: "),  # no such entity
    (_edit_csv("themes", 0, "id", "trade"), "error: provision_themes.csv: row 2: "),  # its theme is gone
], ids=["not-an-integer", "not-in-the-enum", "unknown-entity", "unknown-theme"])
def test_frictionless_problems_come_first_one_line_each(tmp_path: Path, change, expected: str):
    data = write_tiny(tmp_path / "data", tmp_path / "seeds")
    change(data)
    with pytest.raises(DataInvalid) as caught:
        validate_package(data, seeds_dir=tmp_path / "seeds")
    assert [p for p in caught.value.problems if p.startswith(expected)], caught.value.problems
    assert all(p.startswith("error: ") and "\n" not in p for p in caught.value.problems)
