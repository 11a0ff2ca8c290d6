"""The third alignment gold set (dashboard/analysis/diff/gold/alignment_annotator3.yml) is well formed.

It was labelled from the seed texts alone, before the many-to-many engine. These tests check only the labels
against the segmentation (data/provisions.csv), never against the engine: every one of the ten document pairs is
covered once with A the earlier document, every line names exactly one provision of its own document, no line is
both linked and "only in", and no "not a pair" is also a pair. A broken copy of the file must fail the same check.
"""

from __future__ import annotations

import copy
from datetime import date
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
import yaml

from dashboard.analysis.diff.evaluate import find_line
from dashboard.analysis.diff.report import GOLD_DIR
from dashboard.errors import InputError

GOLD3 = GOLD_DIR / "alignment_annotator3.yml"


def documents(seeds_dir: Path) -> dict[str, date]:
    """Document id -> date of issue, from the seeds' sidecars."""
    out = {}
    for sidecar in sorted(seeds_dir.glob("[0-9]*_*.yml")):
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        issued = meta["issued"]
        out[meta["id"]] = issued if isinstance(issued, date) else date.fromisoformat(str(issued))
    return out


def problems(entries: list[dict], provisions: pd.DataFrame, issued: dict[str, date]) -> list[str]:
    """Every way `entries` breaks the gold set's conventions, one line each (empty when the set is sound)."""
    found: list[str] = []
    if not entries:
        return ["the gold set is empty"]
    seen: dict[frozenset, int] = {}
    n_pairs = 0
    for i, entry in enumerate(entries):
        a_doc, b_doc = entry.get("a_doc"), entry.get("b_doc")
        where = f"entry {i} ({a_doc} x {b_doc})"
        if a_doc not in issued or b_doc not in issued or a_doc == b_doc:
            found.append(f"{where}: not a pair of two seed documents")
            continue
        key = frozenset((a_doc, b_doc))
        if key in seen:
            found.append(f"{where}: document pair already labelled in entry {seen[key]}")
        seen[key] = i
        if issued[a_doc] > issued[b_doc]:
            found.append(f"{where}: A is the later document")

        def resolve(doc: str, prefix: object, what: str) -> str | None:
            if not isinstance(prefix, str) or not prefix.strip():
                found.append(f"{where}: {what}: empty line name")
                return None
            try:
                return find_line(provisions, doc, prefix, gold_file=str(GOLD3))
            except InputError as exc:
                found.append(f"{where}: {what}: {exc}")
                return None

        def links(key: str) -> list[tuple[str | None, str | None]]:
            out = []
            for link in entry.get(key) or []:
                out.append((resolve(a_doc, link.get("a"), f"{key} a"), resolve(b_doc, link.get("b"), f"{key} b")))
                if key == "pairs" and not str(link.get("why") or "").strip():
                    found.append(f"{where}: pair {link.get('a')!r} has no why")
                if key == "pairs" and link.get("relation") not in (None, "kept", "reworded", "merged", "split"):
                    found.append(f"{where}: pair {link.get('a')!r}: unknown relation {link.get('relation')!r}")
            return out

        pairs, not_pairs = links("pairs"), links("not_pairs")
        n_pairs += len(pairs)
        only_a = {resolve(a_doc, line, "only_in_a") for line in entry.get("only_in_a") or []}
        only_b = {resolve(b_doc, line, "only_in_b") for line in entry.get("only_in_b") or []}
        if len(set(pairs)) != len(pairs):
            found.append(f"{where}: a pair is listed twice")
        for both in sorted(p for p in set(pairs) & set(not_pairs) if None not in p):
            found.append(f"{where}: {both} is both a pair and a not-pair")
        for line in sorted(({a for a, _ in pairs} & only_a) - {None}):
            found.append(f"{where}: {line} is paired and only_in_a")
        for line in sorted(({b for _, b in pairs} & only_b) - {None}):
            found.append(f"{where}: {line} is paired and only_in_b")
    for a_doc, b_doc in combinations(sorted(issued), 2):
        if frozenset((a_doc, b_doc)) not in seen:
            found.append(f"document pair {a_doc} x {b_doc} is not labelled")
    if n_pairs == 0:
        found.append("the gold set has no pairs")
    return found


@pytest.fixture(scope="module")
def provisions(shipped_data: Path) -> pd.DataFrame:
    return pd.read_csv(shipped_data / "provisions.csv")


@pytest.fixture(scope="module")
def issued(seeds_dir: Path) -> dict[str, date]:
    return documents(seeds_dir)


@pytest.fixture()
def gold3() -> list[dict]:
    return yaml.safe_load(GOLD3.read_text(encoding="utf-8"))


@pytest.mark.eval
def test_the_third_gold_set_covers_all_ten_document_pairs_and_every_line_resolves(gold3, provisions, issued):
    assert len(issued) == 5
    assert problems(gold3, provisions, issued) == []
    assert len(gold3) == 10
    pairs = sum(len(entry["pairs"]) for entry in gold3)
    not_pairs = sum(len(entry["not_pairs"]) for entry in gold3)
    print(f"\ngold set 3: {pairs} pairs, {not_pairs} not-pairs over {len(gold3)} document pairs")
    assert pairs >= 40 and not_pairs >= 30


@pytest.mark.eval
def test_the_third_gold_set_tests_precision_on_every_document_pair(gold3):
    # the brief: at least three "not a pair" per document pair, so that a linker cannot score by linking everything
    assert all(len(entry["not_pairs"]) >= 3 for entry in gold3)


@pytest.mark.eval
def test_a_provision_may_be_linked_to_several_on_the_other_side(gold3, provisions):
    # many-to-many is in the labels: some A line is split over several B lines, some B line merges several A lines
    rich = next(e for e in gold3 if (e["a_doc"], e["b_doc"]) == ("40-QD-TTg-2016", "153-NQ-CP-2025"))
    a_ids = [find_line(provisions, rich["a_doc"], p["a"]) for p in rich["pairs"]]
    b_ids = [find_line(provisions, rich["b_doc"], p["b"]) for p in rich["pairs"]]
    assert max(a_ids.count(x) for x in a_ids) >= 2
    assert max(b_ids.count(x) for x in b_ids) >= 2


def _broken(gold3: list[dict], how: str) -> list[dict]:
    bad = copy.deepcopy(gold3)
    entry = next(e for e in bad if e["pairs"] and e["only_in_a"])
    if how == "missing document pair":
        bad.remove(entry)
    elif how == "unknown line":
        entry["pairs"][0]["b"] = "This sentence is in no seed"
    elif how == "line of the other document":
        entry["pairs"][0]["a"] = entry["pairs"][0]["b"]
    elif how == "paired and only_in":
        entry["only_in_a"].append(entry["pairs"][0]["a"])
    elif how == "not-pair that is a pair":
        entry["not_pairs"].append({"a": entry["pairs"][0]["a"], "b": entry["pairs"][0]["b"]})
    elif how == "later document as A":  # the whole entry mirrored, so that every line still resolves
        entry["a_doc"], entry["b_doc"] = entry["b_doc"], entry["a_doc"]
        entry["only_in_a"], entry["only_in_b"] = entry["only_in_b"], entry["only_in_a"]
        for link in entry["pairs"] + entry["not_pairs"]:
            link["a"], link["b"] = link["b"], link["a"]
    elif how == "empty":
        bad = []
    return bad


@pytest.mark.eval
@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("missing document pair", "is not labelled"),
        ("unknown line", "matches 0 provisions"),
        ("line of the other document", "matches 0 provisions"),
        ("paired and only_in", "is paired and only_in_a"),
        ("not-pair that is a pair", "is both a pair and a not-pair"),
        ("later document as A", "A is the later document"),
        ("empty", "the gold set is empty"),
    ],
)
def test_a_broken_copy_of_the_third_gold_set_is_caught(gold3, provisions, issued, how, message):
    found = problems(_broken(gold3, how), provisions, issued)
    assert found and all(message in line for line in found), found
