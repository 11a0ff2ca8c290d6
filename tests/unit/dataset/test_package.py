"""package: values are written in one form per schema type, columns in schema order, and the same rows always give
the same bytes (CSV, Parquet and datapackage.json), so a rebuild from unchanged seeds changes no file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dashboard.dataset.package import (
    format_value,
    make_chunk,
    resource_schemas,
    write_csv,
    write_package,
    write_parquet,
)
from dashboard.paths import SCHEMA_DIR

from .tiny import META, tables, write_tiny


@pytest.mark.parametrize(("value", "field", "written"), [
    (None, {"type": "string"}, ""),
    (float("nan"), {"type": "number"}, ""),
    (0.123456, {"type": "number"}, "0.1235"),
    (2.5, {"type": "number"}, "2.5"),
    (3.0, {"type": "number"}, "3"),
    (-0.00001, {"type": "number"}, "0"),  # rounds to -0, written as 0
    (3.0, {"type": "integer"}, "3"),
    (True, {"type": "boolean"}, "true"),
    (0, {"type": "boolean"}, "false"),
    (dt.date(2025, 1, 24), {"type": "date"}, "2025-01-24"),
    ("2025-01-24", {"type": "date"}, "2025-01-24"),
    ([2025, 2030], {"type": "list"}, "2025,2030"),
    (["a b", "c"], {"type": "list", "delimiter": "; "}, "a b; c"),
    ([], {"type": "list"}, ""),
    ("<b>x</b>", {"type": "string"}, "<b>x</b>"),
])
def test_each_type_has_one_written_form(value, field, written):
    assert format_value(value, field) == written


RESOURCE = {"name": "t", "schema": {"fields": [
    {"name": "id", "type": "string"}, {"name": "n", "type": "integer"}, {"name": "share", "type": "number"},
    {"name": "ok", "type": "boolean"}, {"name": "tags", "type": "list", "delimiter": "; "},
]}}
ROWS = [
    {"share": 0.333333, "id": "a", "n": 2, "ok": True, "tags": ["x", "y"], "unused": "dropped"},
    {"id": "b,\"quoted\"\nline", "ok": False},
]


def test_csv_columns_follow_the_schema_with_lf_line_ends(tmp_path: Path):
    path = tmp_path / "t.csv"
    write_csv(ROWS, RESOURCE, path)
    assert path.read_bytes().decode("utf-8") == (
        'id,n,share,ok,tags\na,2,0.3333,true,x; y\n"b,""quoted""\nline",,,false,\n'
    )


def test_parquet_twin_has_typed_columns_and_the_csvs_rounding(tmp_path: Path):
    path = tmp_path / "t.parquet"
    write_parquet(ROWS, RESOURCE, path)
    table = pq.read_table(path)
    assert [str(t) for t in table.schema.types] == ["string", "int64", "double", "bool", "list<element: string>"]
    assert table.to_pylist() == [
        {"id": "a", "n": 2, "share": 0.3333, "ok": True, "tags": ["x", "y"]},
        {"id": 'b,"quoted"\nline', "n": None, "share": None, "ok": False, "tags": None},
    ]


def test_a_table_written_from_chunks_has_the_bytes_of_its_rows(tmp_path: Path):
    # the build writes each document's rows in its worker (a chunk) and joins the chunks: the same files
    many = [{**row, "id": f"{row['id']}-{i}", "n": i} for i in range(40) for row in ROWS]
    pieces = [many[:3], make_chunk(many[3:50], RESOURCE), make_chunk([], RESOURCE), make_chunk(many[50:], RESOURCE)]
    for write, suffix in ((write_csv, "csv"), (write_parquet, "parquet")):
        write(many, RESOURCE, tmp_path / f"rows.{suffix}")
        write(pieces, RESOURCE, tmp_path / f"chunks.{suffix}")
        assert (tmp_path / f"chunks.{suffix}").read_bytes() == (tmp_path / f"rows.{suffix}").read_bytes()


def test_the_same_rows_give_the_same_bytes(tmp_path: Path):
    first, second = write_tiny(tmp_path / "one"), write_tiny(tmp_path / "two")

    def digests(folder: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}

    assert digests(first) == digests(second)
    assert {p.suffix for p in first.iterdir()} == {".csv", ".parquet", ".json"}


def test_descriptor_lists_every_schema_in_order_with_the_metadata(tmp_path: Path):
    descriptor = json.loads((write_tiny(tmp_path / "data") / "datapackage.json").read_text(encoding="utf-8"))
    assert {k: descriptor[k] for k in META} == META
    names = [r["name"] for r in descriptor["resources"]]
    assert names == [r["name"] for r in resource_schemas()] and names[0] == "documents"
    assert all(r["path"] == f"{r['name']}.csv" and r["encoding"] == "utf-8" for r in descriptor["resources"])


def test_a_schema_without_its_table_stops_the_write(tmp_path: Path):
    partial = {k: v for k, v in tables().items() if k != "themes"}
    with pytest.raises(KeyError, match="no table 'themes' although dataset/schema/themes.json exists"):
        write_package(partial, tmp_path, META)


def test_schemas_are_read_in_their_order_then_by_name(tmp_path: Path):
    for name, order in [("zeta", 1), ("alpha", 2), ("beta", None), ("aleph", None)]:
        resource = {"name": name, "schema": {"fields": []}, **({"order": order} if order else {})}
        (tmp_path / f"{name}.json").write_text(json.dumps(resource), encoding="utf-8")
    assert [r["name"] for r in resource_schemas(tmp_path)] == ["zeta", "alpha", "aleph", "beta"]


def test_each_shipped_schema_is_named_for_its_file_and_keys_its_own_fields():
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        resource = json.loads(path.read_text(encoding="utf-8"))
        fields = {f["name"] for f in resource["schema"]["fields"]}
        assert resource["name"] == path.stem
        assert set(resource["schema"].get("primaryKey", [])) <= fields, path.name
        for key in resource["schema"].get("foreignKeys", []):
            assert set([key["fields"]] if isinstance(key["fields"], str) else key["fields"]) <= fields, path.name
            assert (SCHEMA_DIR / f"{key['reference']['resource']}.json").exists(), path.name


def test_a_chunk_pickles_whole_and_one_pickled_the_old_way_still_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # chunks cross from the workers to the build, and into the build cache, pickled (as one Arrow stream)
    import pickle

    from dashboard.dataset.package import Chunk

    many = [{**row, "id": f"{row['id']}-{i}", "n": i} for i in range(40) for row in ROWS]
    chunk = make_chunk(many, RESOURCE)
    sliced = Chunk(chunk.csv, chunk.arrow.slice(5, 10))  # (a table cut from a longer one: only its rows go)
    for original in (chunk, sliced, make_chunk([], RESOURCE)):
        back = pickle.loads(pickle.dumps(original))
        assert back.csv == original.csv
        assert back.arrow.equals(original.arrow)
        assert back.arrow.schema.equals(original.arrow.schema, check_metadata=True)
    write_parquet([pickle.loads(pickle.dumps(chunk))], RESOURCE, tmp_path / "back.parquet")
    write_parquet(many, RESOURCE, tmp_path / "rows.parquet")
    assert (tmp_path / "back.parquet").read_bytes() == (tmp_path / "rows.parquet").read_bytes()
    # the build cache's entries written before chunks pickled as an Arrow stream (the dataclass's own way) still read
    monkeypatch.delattr(Chunk, "__reduce__")
    old = pickle.dumps(chunk)
    monkeypatch.undo()
    assert b"_chunk_from_ipc" not in old and b"_chunk_from_ipc" in pickle.dumps(chunk)
    assert pickle.loads(old).arrow.equals(chunk.arrow)
