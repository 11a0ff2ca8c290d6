"""keys: checking the keys of a rebuilt package by what changed against a package that passed them names the
same rows, with the same lines in the same order, as checking every row."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from dashboard.dataset.keys import key_problems
from dashboard.dataset.stretch import ROW, Stretch, find_stretch

SCHEMAS = {
    "parents": {
        "fields": [{"name": "id"}, {"name": "code", "constraints": {"unique": True}}],
        "primaryKey": ["id"],
    },
    "children": {
        "fields": [
            {"name": "id", "constraints": {"unique": True}},
            {"name": "parent_id"},
            {"name": "n"},
            {"name": "up"},
        ],
        "primaryKey": ["parent_id", "n"],
        "foreignKeys": [
            {"fields": "parent_id", "reference": {"resource": "parents", "fields": "id"}},
            {"fields": "up", "reference": {"resource": "", "fields": "id"}},  # a row of the same table, or none
        ],
    },
}
Rows = dict[str, list[list[str]]]


def tables(rows: Rows) -> dict[str, pa.Table]:
    """The tables as read_text_table gives them: every cell as text, and each row's number in its file."""
    out: dict[str, pa.Table] = {}
    for name, schema in SCHEMAS.items():
        columns = [f["name"] for f in schema["fields"]]
        data = {c: pa.array([r[i] for r in rows[name]], pa.string()) for i, c in enumerate(columns)}
        out[name] = pa.table({**data, ROW: pa.array(range(2, len(rows[name]) + 2), pa.int64())})
    return out


def stretches(new: dict[str, pa.Table], old: dict[str, pa.Table]) -> dict[str, Stretch]:
    out: dict[str, Stretch] = {}
    for name, table in new.items():
        columns = [c for c in table.column_names if c != ROW]
        out[name] = find_stretch(table, old[name], columns)
    return out


def valid(rng: random.Random, size: int) -> Rows:
    parents = [[f"p{i}", f"c{i}" if i % 3 else ""] for i in range(size)]
    children: list[list[str]] = []
    for i in range(size):
        for n in range(rng.randint(0, 4)):
            up = rng.choice([r[0] for r in children]) if children and rng.random() < 0.4 else ""
            children.append([f"k{i}.{n}", f"p{i}", str(n), up])
    return {"parents": parents, "children": children}


def edited(rng: random.Random, rows: Rows) -> Rows:
    # a stretch of each table replaced: rows removed, copied from elsewhere (keys duplicated), changed, added
    out = {name: [list(r) for r in table] for name, table in rows.items()}
    for name, table in out.items():
        if not table or rng.random() < 0.3:
            continue
        at = rng.randrange(len(table))
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(["remove", "copy", "change", "add"])
            at = min(at, len(table) - 1)
            if kind == "remove" and len(table) > 1:
                del table[at]
            elif kind == "copy":
                table.insert(at, list(rng.choice(table)))
            elif kind == "change":
                column = rng.randrange(len(table[at]))
                table[at][column] = rng.choice(["", "p1", "k1.0", "c2", "nowhere", table[rng.randrange(len(table))][0]])
            else:
                table.insert(at, [f"new{rng.randrange(5)}", rng.choice(["p0", "p2", "gone"]), "9", ""][: len(table[0])])
    return out


@pytest.mark.parametrize("seed", range(300))
def test_the_keys_by_what_changed_are_the_keys_over_every_row(seed: int):
    rng = random.Random(seed)
    before = tables(valid(rng, rng.randint(1, 30)))
    assert key_problems(before, SCHEMAS) == []  # the package validated before
    after = tables(
        edited(rng, {name: [[str(c) for c in r.values()][:-1] for r in t.to_pylist()] for name, t in before.items()})
    )
    assert key_problems(after, SCHEMAS, before, stretches(after, before)) == key_problems(after, SCHEMAS)


def test_an_old_row_whose_target_was_removed_is_named():
    rows = valid(random.Random(1), 6)
    before = tables(rows)
    removed = rows["parents"].pop(2)
    after = tables(rows)
    orphans = [i + 2 for i, r in enumerate(rows["children"]) if r[1] == removed[0]]
    assert orphans  # (the corpus has children of that parent, which did not change)
    problems = key_problems(after, SCHEMAS, before, stretches(after, before))
    assert problems == [f"error: children.csv: row {n}: parent_id: 'p2' is not in parents.id" for n in orphans]


def test_a_new_row_duplicating_an_old_key_is_named_at_its_own_row():
    rows = valid(random.Random(2), 6)
    before = tables(rows)
    rows["parents"].append(["p0", "c-new"])  # p0 is the first row's key
    after = tables(rows)
    assert key_problems(after, SCHEMAS, before, stretches(after, before)) == [
        f"error: parents.csv: row {len(rows['parents']) + 1}: primary key id is duplicated"
    ]


def test_unchanged_tables_have_no_rows_to_check():
    before = tables(valid(random.Random(3), 8))
    assert all(s.start == s.stop for s in stretches(before, before).values())
    assert key_problems(before, SCHEMAS, before, stretches(before, before)) == []
