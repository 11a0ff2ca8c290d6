"""The keys of a package's tables: primary keys, unique fields and foreign keys, checked in Arrow (hash group-bys
and set look-ups) over tables as validate_changed.read_text_table reads them.

Over every row (`key_problems` without `before`: a first build, a package compared with its old CSVs), or by what
changed (`before` and `stretches`: an add compared with the tables its previous package's validation kept). The
previous package passed these very checks, and a rebuilt table is that table with one stretch of rows replaced
(dataset.stretch: the rows before and after it are the old table's rows, position for position).
So a key can only break where that stretch is involved:

- a duplicated primary key or unique value needs a row of the new stretch (two old rows never share one): the
  rows that share their first key column's value with a row of the stretch are grouped, nothing else;
- a reference to nothing is either a row of the new stretch, or an old row whose target value was in the old
  stretch of the referenced table and is gone from the new table.

The lines are those of the check over every row, in the same order with the same row numbers: the same rows are
grouped or looked up, only fewer of the others (tests/unit/dataset/test_keys.py compares the two).
"""

from __future__ import annotations

from typing import Any, cast

import pyarrow as pa
import pyarrow.compute as compute

from dashboard.dataset.stretch import ROW, Stretch

# pyarrow.compute's stubs overload on Arrow scalars a plain str does not meet: reached through an Any
pc: Any = compute


def key_problems(
    tables: dict[str, pa.Table],
    schemas: dict[str, dict[str, Any]],
    before: dict[str, pa.Table] | None = None,
    stretches: dict[str, Stretch] | None = None,
) -> list[str]:
    """Return the primary key, unique field and foreign key problems of every table (`tables` as read_text_table
    gives them). `before`: the same tables of a package that passed these checks with the same schemas, and
    `stretches` where each table differs from it: only the rows that can break a key are looked at, with the
    same result as over every row. Without them, every row is."""
    lookups: dict[tuple[str, str], _Lookup] = {}
    problems: list[str] = []
    for name, schema in schemas.items():
        table = tables[name]
        stretch = _small(table, stretches.get(name)) if before is not None and stretches is not None else None
        keys: list[str] = schema.get("primaryKey") or []
        shares: dict[str, pa.Table] = {}  # by column: a one-field key that is also unique is looked up once
        if keys:
            shares[keys[0]] = _sharing(table, keys[0], stretch)
            for row in _repeated(shares[keys[0]], keys):
                problems.append(f"error: {name}.csv: row {row}: primary key {', '.join(keys)} is duplicated")
        fields: list[dict[str, Any]] = schema["fields"]
        foreign: list[dict[str, Any]] = schema.get("foreignKeys") or []
        for field in fields:
            constraints: dict[str, Any] = field.get("constraints") or {}
            if constraints.get("unique"):
                if field["name"] not in shares:
                    shares[field["name"]] = _sharing(table, field["name"], stretch)
                shared = shares[field["name"]]
                for row in _repeated(shared.filter(pc.not_equal(shared[field["name"]], "")), [field["name"]]):
                    problems.append(f"error: {name}.csv: row {row}: {field['name']}: value is not unique")
        for fk in foreign:
            key: str = fk["fields"]
            ref: dict[str, str] = fk["reference"]
            target = ref["resource"] or name
            if before is not None and stretches is not None and target in stretches:
                if (target, ref["fields"]) not in lookups:
                    lookups[target, ref["fields"]] = _Lookup(
                        tables[target], before[target], ref["fields"], stretches[target], _unique(schemas[target])
                    )
                lookup = lookups[target, ref["fields"]]
                # (a table whose stretch is most of it: every row looked up, the referenced column still scanned)
                rows = table if stretch is None else _referring(table, key, stretch, lookup.removed())
                dangling = lookup.dangling(rows, key)
            else:
                values, present = table[key], pc.unique(tables[target][ref["fields"]])
                dangling = table.filter(
                    pc.and_(pc.not_equal(values, ""), pc.invert(pc.is_in(values, value_set=present)))
                )
            for row, value in zip(dangling[ROW].to_pylist(), dangling[key].to_pylist(), strict=True):
                problems.append(f"error: {name}.csv: row {row}: {key}: {value!r} is not in {target}.{ref['fields']}")
    return problems


def _small(table: pa.Table, stretch: Stretch | None) -> Stretch | None:
    # a stretch worth checking on its own: over half the table (a new code version, say), every row is checked
    if stretch is None or (stretch.stop - stretch.start) * 2 > table.num_rows:
        return None
    return stretch


def _unique(schema: dict[str, Any]) -> set[str]:
    # the fields whose values no two rows share: a one-field primary key, a field constrained unique
    keys: list[str] = schema.get("primaryKey") or []
    fields: list[dict[str, Any]] = schema["fields"]
    unique: set[str] = set()
    for field in fields:
        constraints: dict[str, Any] = field.get("constraints") or {}
        if constraints.get("unique"):
            unique.add(field["name"])
    return unique | ({keys[0]} if len(keys) == 1 else set())


def _stretch_of(table: pa.Table, stretch: Stretch) -> pa.Table:
    return table.slice(stretch.start, stretch.stop - stretch.start)


def _sharing(table: pa.Table, column: str, stretch: Stretch | None) -> pa.Table:
    # the rows of `table` (in file order) whose `column` (a key's first) holds a value of a row of the stretch:
    # every row that may share its key with a row of the stretch (the table itself when every row is checked)
    if stretch is None:
        return table
    if stretch.stop == stretch.start:
        return table.slice(0, 0)
    wanted = pc.unique(_stretch_of(table, stretch)[column])
    return table.filter(pc.is_in(table[column], value_set=wanted))


def _referring(table: pa.Table, key: str, stretch: Stretch, removed: Any) -> pa.Table:
    # the rows whose reference may not resolve: the stretch's, and the old rows referring to a removed value
    if len(removed) == 0:
        return _stretch_of(table, stretch)
    rows = table[ROW]
    within = pc.and_(pc.greater_equal(rows, stretch.start + 2), pc.less(rows, stretch.stop + 2))
    return table.filter(pc.or_(within, pc.is_in(table[key], value_set=removed)))


_NONE: Any = pa.array([], pa.string())


class _Lookup:
    """Which values one referenced column holds, found by scanning it for the values asked (never a hash set of
    the whole column; the answers kept for the next question), and the values the rebuild removed from it."""

    def __init__(self, table: pa.Table, old: pa.Table, field: str, stretch: Stretch, unique: set[str]) -> None:
        self._column = table[field]
        self._old = old.slice(stretch.old_start, stretch.old_stop - stretch.old_start)[field]
        self._new = _stretch_of(table, stretch)[field]
        self._unique = field in unique
        self._asked: Any = _NONE
        self._held: Any = _NONE
        self._removed: Any = None

    def held(self, values: Any) -> Any:
        """Return the values the column holds, among them those of `values` (distinct, none empty) it holds."""
        new = values.filter(pc.invert(pc.is_in(values, value_set=self._asked)))
        if len(new):
            found = pc.unique(self._column.filter(pc.is_in(self._column, value_set=new)))
            self._asked = pa.concat_arrays([self._asked, new])
            self._held = pa.concat_arrays([self._held, found])
        return self._held

    def removed(self) -> Any:
        """Return the values the old stretch held and the new table does not (an old row referring to one no
        longer resolves). A unique column's other rows hold none of the old stretch's values: only the new
        stretch is looked at."""
        if self._removed is None:
            old = pc.unique(self._old.filter(pc.not_equal(self._old, "")))
            kept = pc.unique(self._new) if self._unique else self.held(old)
            self._removed = old.filter(pc.invert(pc.is_in(old, value_set=kept)))
        return self._removed

    def dangling(self, rows: pa.Table, key: str) -> pa.Table:
        """Return the rows of `rows` whose `key` is filled and not a value of the column."""
        filled = rows.filter(pc.not_equal(rows[key], ""))
        held = self.held(pc.unique(filled[key]))
        return filled.filter(pc.invert(pc.is_in(filled[key], value_set=held)))


def _repeated(table: pa.Table, keys: list[str]) -> list[int]:
    # the row numbers of the rows whose `keys` an earlier row already has, in file order
    if table.num_rows == 0:
        return []
    firsts = table.group_by(keys, use_threads=False).aggregate([(ROW, "min")])[f"{ROW}_min"]
    if len(firsts) == table.num_rows:
        return []
    return cast("list[int]", table.filter(pc.invert(pc.is_in(table[ROW], value_set=firsts)))[ROW].to_pylist())
