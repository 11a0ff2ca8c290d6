"""The per-document tables of a rebuild taken from the previous package's bytes, so that an unchanged document's
written rows are never read from the build cache.

The per-document tables (perdoc.CHUNKED_TABLES) hold each document's rows as one stretch, in corpus order, and a
document's stretch depends on that document alone (its cache key: its seed, sidecar, vocabulary and the analysis
code's version). So when the build has validated and swapped in a package, it records beside the package's
digests (validate_changed.record_validated) an index of where each document's stretch lies in each table: the
documents' cache keys in package order, and per table the byte offset and row offset of the first document's rows
(after the header, and the cited targets of seeds/cited.yml in the targets table) and each document's number of
rows and of CSV bytes.

The next build over the same --out, while that package still holds those very bytes (validated_before), writes
each table as pieces in corpus order: for a run of documents whose keys the index holds one after another, their
CSV bytes cut from the old file and their rows sliced from the old table (one piece for the run); for any other
document (added, edited, or whose key changed), its chunk as the per-document step wrote it (in memory, or read
from the cache). The old table is the Arrow file the previous build kept in the cache as it wrote the table
(`Splicer.keep`, memory-mapped: nothing decoded), or else the old Parquet twin. The pieces are the same CSV
lines and Arrow rows as the documents' chunks, so the files are byte-identical to a full build's
(`tests/integration/test_build_splice.py`). A removed or reordered document needs nothing special: its stretch is
simply not taken, or taken in its new place.
"""

from __future__ import annotations

import mmap
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.dataset.kept import Part, Planned, as_parts, files_named, keep_table, prune, read_parts, slice_parts
from dashboard.dataset.package import Chunk, Pieces
from dashboard.dataset.writer import FileRun, Stamp, stamp_of

# as JSON: {"keys": [...], "tables": {name: {"start": [bytes, rows], "rows": [...], "bytes": [...],
# "arrow": [[file, first row, rows], ...]}}}: "arrow", the table's kept Arrow parts (dataset.kept); an index
# recorded before names one folder of whole files instead ("arrow": token, at the top)
Index = dict[str, Any]
Plan = list[Part | pa.Table]  # a table to keep: runs of kept parts and new rows, in order (kept.Planned)
ARROW_DIR = "package-tables"  # in the build cache: the last package's per-document tables as Arrow files


@dataclass
class _Table:
    # where each document's rows lie in one table of a package
    start_bytes: int
    start_rows: int
    rows: list[int] = field(default_factory=list[int])
    nbytes: list[int] = field(default_factory=list[int])


def mapped(path: Path) -> tuple[memoryview, Stamp]:
    """Return the bytes of the file at `path` memory-mapped (read-only; the mapping outlives the file's removal),
    so that its runs are written to the new file without reading it whole into memory and copying them out, and
    the file's stamp (the writer copies a run from the file itself while the file is still the one mapped)."""
    with path.open("rb") as handle:
        stamp = stamp_of(handle.fileno())
        if os.fstat(handle.fileno()).st_size == 0:
            return memoryview(b""), stamp
        mapping = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    mapping.madvise(mmap.MADV_SEQUENTIAL)  # (read once, in order: the kernel reads ahead and drops behind)
    return memoryview(mapping), stamp


def header_bytes(resource: dict[str, Any]) -> int:
    """Return the byte length of a table's CSV header line (package.write_csv writes it)."""
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([f["name"] for f in resource["schema"]["fields"]])
    return len(buffer.getvalue().encode("utf-8"))


class Splicer:
    """Build one rebuild's per-document tables from the previous package (`previous`, with its `index`) where its
    documents' stretches can be reused, and record the new package's index as it goes."""

    def __init__(self, previous: Path | None, index: Index | None, cache_dir: Path | None = None) -> None:
        self.previous = previous if index else None
        # the previous package's tables as Arrow files in the cache (read without decoding the Parquet twins)
        self._folder = cache_dir / ARROW_DIR if cache_dir else None
        self.token = uuid.uuid4().hex  # the folder of this build's Arrow files (named in its index)
        self._old_parts: dict[str, list[Part]] = {}  # each table's kept parts, as the index recorded them
        self._plans: dict[str, Plan | None] = {}  # what of each table to keep (None: the whole table)
        self._kept: dict[str, list[Part]] = {}  # each table's kept parts, as this build keeps them
        # each table's pieces as the validation reads them: runs of the previous table's rows, or new rows parsed
        self._text: dict[str, list[tuple[int, int] | pa.Table]] = {}
        self._at: dict[str, int] = {k: i for i, k in enumerate(index["keys"])} if index and previous else {}
        self._old: dict[str, _Table] = {}
        # a table whose documents' stretches have keys of their own (the mentions: see `pieces`' own_keys)
        self._at_own: dict[str, dict[str, int]] = {}
        self._own: dict[str, list[str]] = {}
        if self._at and index:
            for name, t in index["tables"].items():
                self._old[name] = _Table(t["start"][0], t["start"][1], list(t["rows"]), list(t["bytes"]))
                parts = as_parts(t.get("arrow"))
                if parts is None and isinstance(index.get("arrow"), str):  # (one folder of whole files)
                    parts = [(f"{index['arrow']}/{name}.arrow", 0, t["start"][1] + sum(t["rows"]))]
                if parts is not None:
                    self._old_parts[name] = parts
                if "keys" in t:
                    self._at_own[name] = {k: i for i, k in enumerate(t["keys"])}
        self._cum: dict[str, tuple[list[int], list[int]]] = {}
        # per table, what each piece is: a run of the previous table's rows (first row, number of rows) or CSV bytes
        self._parts: dict[str, list[tuple[int, int] | bytes]] = {}
        self.keys: list[str] = []
        self.tables: dict[str, _Table] = {}
        self.reused = 0  # documents whose rows were taken from the previous package
        self.reused_own: dict[str, int] = {}  # the same, for a table with keys of its own

    def _cumulative(self, name: str) -> tuple[list[int], list[int]]:
        # each document's first byte and first row in the previous table
        if name not in self._cum:
            old = self._old[name]
            b, r = [old.start_bytes], [old.start_rows]
            for nb, nr in zip(old.nbytes, old.rows, strict=True):
                b.append(b[-1] + nb)
                r.append(r[-1] + nr)
            self._cum[name] = (b, r)
        return self._cum[name]

    def pieces(
        self,
        name: str,
        resource: dict[str, Any],
        lead: list[dict[str, Any]] | None,
        keys: list[str],
        chunk: Callable[[int], Chunk],
        own_keys: bool = False,
    ) -> Pieces:
        """Return table `name` as pieces: the `lead` rows (the cited targets) first, then each document's rows, in
        the order of `keys` (the documents' cache keys); `chunk(i)` gives document i's chunk when its rows
        cannot be taken from the previous package. Records the new package's index of the table. `own_keys`: the
        keys are this table's own (a document's mentions depend on its cache key and on the gazetteer's part
        it looks up: both in its key here), recorded with the table's index; an empty key is never reused."""
        from dashboard.dataset.package import arrow_table, csv_lines

        lead_rows = lead or []
        pieces: Pieces = [lead_rows] if lead is not None else []
        lead_csv = csv_lines(lead_rows, resource)
        table = _Table(header_bytes(resource) + len(lead_csv), len(lead_rows))
        parts: list[tuple[int, int] | bytes] = [lead_csv]
        self._plans[name] = [arrow_table(lead_rows, resource)] if lead_rows else []
        old = self._old.get(name)
        csv_bytes: memoryview | None = None
        csv_stamp: Stamp | None = None
        arrow: pa.Table | None = None
        arrow_parts: list[Part] | None = None  # the kept parts `arrow` was read from (None: the Parquet twin)
        run: list[int] = []  # the previous package's positions of a run of consecutive documents

        def flush() -> None:
            nonlocal csv_bytes, csv_stamp, arrow, arrow_parts
            if not run:
                return
            assert old is not None and self.previous is not None
            source = self.previous / f"{name}.csv"
            if csv_bytes is None:
                csv_bytes, csv_stamp = mapped(source)
                arrow, arrow_parts = self._previous_arrow(name, resource)
            assert arrow is not None and csv_stamp is not None
            b, r = self._cumulative(name)
            first, last = run[0], run[-1] + 1
            # (a view of the mapped file, not a copy: package.write_csv writes it as it writes bytes, and
            # writer.write_csv copies the same bytes from the file itself)
            lines = cast(bytes, csv_bytes[b[first] : b[last]])
            rows = arrow.slice(r[first], r[last] - r[first])
            pieces.append(FileRun(lines, rows, source, b[first], csv_stamp))
            parts.append((r[first], r[last] - r[first]))
            plan = self._plans[name]
            if plan is not None and arrow_parts is not None:
                plan.extend(slice_parts(arrow_parts, r[first], r[last] - r[first]))
            else:  # (the rows read from the Parquet twin: the table is kept whole)
                self._plans[name] = None
            run.clear()

        at = self._at_own.get(name, {}) if own_keys else self._at
        for i, key in enumerate(keys):
            j = at.get(key) if old is not None and key else None
            if j is not None and (not run or run[-1] + 1 == j):
                run.append(j)
            else:
                flush()
                if j is not None:
                    run.append(j)
            if j is not None:
                assert old is not None
                table.rows.append(old.rows[j])
                table.nbytes.append(old.nbytes[j])
                continue
            piece = chunk(i)
            pieces.append(piece)
            parts.append(piece.csv)
            plan = self._plans[name]
            if plan is not None:
                plan.append(piece.arrow)
            table.rows.append(piece.arrow.num_rows)
            table.nbytes.append(len(piece.csv))
        flush()
        if own_keys:
            self._own[name] = list(keys)
            self.reused_own[name] = sum(1 for k in keys if k and k in at) if old is not None else 0
        else:
            self.reused = sum(1 for k in keys if k in self._at) if old is not None else 0
            self.keys = list(keys)
        self.tables[name] = table
        self._parts[name] = parts
        if len(pieces) == 1 and isinstance(pieces[0], Chunk) and any(c.num_chunks > 1 for c in pieces[0].arrow.columns):
            # one run of the kept files (several chunks a column): package.write_parquet writes one piece as it is,
            # and the Parquet writer's pages follow the chunks; a full build's table has one chunk a column
            pieces[0] = replace(pieces[0], arrow=pieces[0].arrow.combine_chunks())
        return pieces

    def text_tables(self, kept: dict[str, pa.Table] | None, data_dir: Path) -> dict[str, pa.Table]:
        """Return the per-document tables written from `pieces` into `data_dir` as the validation reads them
        (validate_changed.read_text_table: every cell as text, with the `__row` column), without parsing their
        files: each run of rows cut from the previous package is sliced from that package's table as its
        validation read it (`kept`, validate_changed.kept_tables, recorded with the index this splicer was given),
        and only the other documents' CSV lines are parsed. A table is left out (its file is then read) when the
        previous one is not in `kept`, when most of it is new lines (a first build, a new code version: reading
        the file is then as cheap), or when its file does not have the size its pieces add up to."""
        from dashboard.dataset.validate_changed import ROW, text_table

        out: dict[str, pa.Table] = {}
        for name, parts in self._parts.items():
            old = (kept or {}).get(name)
            written = self.tables[name]
            new_bytes = sum(len(p) for p in parts if isinstance(p, bytes))
            size = written.start_bytes + sum(written.nbytes)
            if old is None or new_bytes * 2 > size or (data_dir / f"{name}.csv").stat().st_size != size:
                continue
            with (data_dir / f"{name}.csv").open("rb") as handle:
                header = handle.readline()
            columns = [c for c in old.column_names if c != ROW]
            slices: list[pa.Table] = []
            text: list[tuple[int, int] | pa.Table] = []  # (what of it to keep for the next build: `text_plans`)
            lines: list[bytes] = []  # CSV lines in a row, parsed at once
            try:
                for part in [*parts, (0, 0)]:  # (a last empty run: parses the lines left)
                    if isinstance(part, bytes):
                        lines.append(part)
                        continue
                    if b"".join(lines):
                        slices.append(text_table(header + b"".join(lines), columns))
                        text.append(slices[-1])
                    lines.clear()
                    if part[1]:
                        slices.append(old.slice(part[0], part[1]).select(columns))
                        text.append(part)
                table = pa.concat_tables(slices) if slices else text_table(header, columns)
            except pa.ArrowInvalid:  # (other columns than the kept table's: the file is read)
                continue
            out[name] = table.append_column(ROW, pa.array(range(2, table.num_rows + 2), pa.int64()))
            self._text[name] = text
        return out

    def text_plans(
        self, tables: dict[str, pa.Table], assembled: tuple[str, ...], kept: dict[str, list[Part]] | None
    ) -> dict[str, pa.Table | Planned]:
        """Return the package's `tables` as the validation read them (Changed.tables) to keep for the next build
        (validate_changed.record_validated): an `assembled` table (`text_tables`, used by the validation) as the
        parts of the previous tables it took (`kept`: their parts, validate_changed.kept_parts) and its new rows
        alone; any other whole."""
        from dashboard.dataset.validate_changed import ROW

        out: dict[str, pa.Table | Planned] = {}
        for name, table in tables.items():
            whole = table.drop_columns([ROW]) if ROW in table.column_names else table
            old, text = (kept or {}).get(name), self._text.get(name)
            if name not in assembled or old is None or text is None:
                out[name] = whole
                continue
            try:
                out[name] = Planned(
                    [p for t in text for p in (slice_parts(old, *t) if isinstance(t, tuple) else [t])], whole
                )
            except ValueError:  # (the parts recorded do not hold the rows taken: kept whole)
                out[name] = whole
        return out

    def _previous_arrow(self, name: str, resource: dict[str, Any]) -> tuple[pa.Table, list[Part] | None]:
        # the previous package's table and the kept parts it was read from: its Arrow files in the cache,
        # memory-mapped (no copy, nothing decoded), or else its Parquet twin (no parts)
        from dashboard.dataset.package import arrow_table

        schema = arrow_table([], resource).schema
        parts = self._old_parts.get(name)
        if parts is not None and self._folder is not None:
            try:
                table = read_parts(self._folder, parts)
                if table.schema.equals(schema) and table.num_rows == self._cumulative(name)[1][-1]:
                    return table, parts
            except (OSError, pa.ArrowInvalid):
                pass
        assert self.previous is not None
        # one file, read by its own reader (pq.read_table goes through the datasets module: 0.3 s to load)
        parquet = pq.ParquetFile(self.previous / f"{name}.parquet")
        read = parquet.read(use_threads=False)  # pyright: ignore[reportUnknownMemberType] (stubs: list[Unknown])
        # Parquet names a list's items "element" where Arrow names them "item": the table's own types
        return read.cast(schema), None

    def keep(self, name: str, table: pa.Table) -> None:
        """Keep a table as written (package.write_package's `keep`) in the cache for the next build: its new rows
        alone after the parts of the previous table it took (dataset.kept), or whole (best effort: without it
        the next build reads the Parquet twin)."""
        if self._folder is None:
            return
        plan = self._plans.get(name)
        try:
            self._kept[name] = keep_table(self._folder, self.token, name, Planned(plan, table) if plan else table)
        except OSError:
            self._kept.pop(name, None)

    def prune(self, recorded: Index | None = None) -> None:
        """Remove the Arrow files no index names: neither this build's nor `recorded` (the index this build was
        given, still the one recorded if recording this build's failed; call once this build's index is recorded)."""
        if self._folder is None:
            return
        named = [*self._kept.values()]
        for name, t in (recorded or {}).get("tables", {}).items():
            named.append(as_parts(t.get("arrow")) or [])
            if recorded and isinstance(recorded.get("arrow"), str):  # (one folder of whole files)
                named.append([(f"{recorded['arrow']}/{name}.arrow", 0, 0)])
        prune(self._folder, files_named(named))

    def index(self) -> Index:
        """Return the index of the package written from these pieces (recorded once it is validated)."""
        return {
            "arrow": None,
            "keys": self.keys,
            "tables": {
                name: {"start": [t.start_bytes, t.start_rows], "rows": t.rows, "bytes": t.nbytes}
                | ({"keys": self._own[name]} if name in self._own else {})
                | ({"arrow": [list(p) for p in self._kept[name]]} if name in self._kept else {})
                for name, t in self.tables.items()
            },
        }
