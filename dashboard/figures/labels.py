"""How the theme and target charts name documents and themes: "59-NQ/TW (2025) ○ summary", codebook labels.

A chart that compares documents must flag each source's coverage where the reader looks first, in the
document's own label; the glyphs are those of `figures.coverage` (the badges on every page use the same ones).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import pandas as pd

from dashboard import i18n
from dashboard.dataset.load import Dataset
from dashboard.dataset.scoped import ScopedDataset
from dashboard.figures.coverage import COVERAGE_STYLE, comparable, coverage_key, coverage_label, source_kind_label
from dashboard.figures.registry import ChartOptions
from dashboard.i18n import table


def row_dicts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return a table's rows as dicts keyed by column name, the values `to_dict("records")` gives (Python
    scalars, missing values as they are), built a column at a time: `to_dict` boxes every cell of an Arrow
    column one by one (the targets' derived columns at 10,000 documents: 16.4 s of CPU before, 6.4 s after)."""
    if not frame.columns.is_unique:
        return cast(list[dict[str, Any]], frame.to_dict("records"))
    names: list[Any] = list(frame.columns)
    if not names:
        return [{} for _ in range(len(frame))]
    columns = [frame[c].tolist() for c in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


LANGS = ("en", "vi")
# the one-word coverage of a document label; the long words (coverage_label) go in hovers and legends
COVERAGE_WORD = table("coverage_word")

# short theme names for labels at the end of a line (the legend and hovers use the codebook's full labels)
SHORT_THEME_LABELS = table("theme_short")


@dataclass(frozen=True)
class ChartDocument:
    """A held document as a theme or target chart names it."""

    id: str
    symbol: str
    issued: str  # ISO date
    year: int
    coverage: str  # full | partial | summary | not_held
    source_kind: str
    provisions: int
    own_provisions: int

    @property
    def glyph(self) -> str:
        """Return the coverage glyph (● full, ◐ partial, ○ summary)."""
        return COVERAGE_STYLE[self.coverage]["glyph"]

    @property
    def comparable(self) -> bool:
        """Return whether this document's measures compare like for like with another's (coverage.comparable)."""
        return comparable(self.coverage, self.source_kind)

    def label(self, lang: str = "en", sep: str = " ") -> str:
        """Return e.g. "59-NQ/TW (2025) ○ summary" (`sep="<br>"` puts the coverage on a second line)."""
        return f"{self.symbol} ({self.year}){sep}{self.glyph} {word(COVERAGE_WORD, self.coverage, lang)}"

    def describe(self, lang: str = "en") -> str:
        """Return e.g. "59-NQ/TW (2025-01-24), Secondary summary, infographic summary" for hovers."""
        kind = source_kind_label(self.source_kind, lang)
        return f"{self.symbol} ({self.issued}) · {coverage_label(self.coverage, lang)}" + (f", {kind}" if kind else "")


def chart_documents(ds: Dataset, docs: Iterable[str] = ()) -> list[ChartDocument]:
    """Return the held documents (all, or those of `docs`: ids or symbols) in order of issue."""
    asked = tuple(docs)
    # a dataset seen through a few documents (dataset.scoped) has its base's documents: the same answer, kept once
    base = ds.base if isinstance(ds, ScopedDataset) else ds
    return list(_chosen(base, asked) if asked else _held(base))


@lru_cache(maxsize=128)
def _chosen(ds: Dataset, docs: tuple[str, ...]) -> tuple[ChartDocument, ...]:
    """Return the held documents of `docs` in order of issue (cached: a page asks a dozen times per view, and
    each walk is of every held document, 10,000 at scale)."""
    chosen = {ds.resolve_document(d) for d in docs}
    return tuple(d for d in _held(ds) if d.id in chosen)


@lru_cache(maxsize=8)
def _held(ds: Dataset) -> tuple[ChartDocument, ...]:
    held = ds.held_documents()
    out = []
    for row in held.to_dict("records"):
        issued = pd.Timestamp(row["issued"]).date()
        out.append(
            ChartDocument(
                id=str(row["id"]),
                symbol=str(row["symbol"]),
                issued=issued.isoformat(),
                year=issued.year,
                coverage=coverage_key(row.get("coverage"), row.get("held")),
                source_kind=text(row.get("source_kind")),
                provisions=int(row.get("provisions") or 0),
                own_provisions=int(row.get("own_provisions") or 0),
            )
        )
    return tuple(out)


@lru_cache(maxsize=8)
def _themes(ds: Dataset) -> tuple[tuple[str, str, str], ...]:
    if "themes" not in ds.table_names:
        return ()
    table = ds.table("themes")
    return tuple(
        (str(i), str(en), text(vi) or str(en))
        for i, en, vi in zip(table["id"], table["label_en"], table["label_vi"], strict=True)
    )


def theme_ids(ds: Dataset) -> list[str]:
    """Return the codebook's theme ids in codebook order."""
    return [tid for tid, _en, _vi in _themes(ds)]


def theme_labels(ds: Dataset, lang: str = "en") -> dict[str, str]:
    """Return theme id → label in `lang` (label_vi from the codebook for Vietnamese)."""
    return {tid: (vi if lang == "vi" else en) for tid, en, vi in _themes(ds)}


def theme_short_labels(ds: Dataset, lang: str = "en") -> dict[str, str]:
    """Return theme id → a short label in `lang` ("Diplomacy"), for a label written next to a line's end.

    The codebook has one label per language; the short ones are kept here (a chart's words, not data). A theme
    this table does not know is named by its label up to the first comma or "and".
    """
    out = {}
    for tid, label in theme_labels(ds, lang).items():
        short = SHORT_THEME_LABELS.get(tid, {}).get(lang)
        if not short:
            head = label.split(",")[0]
            short = head.split(" và " if lang == "vi" else " and ")[0].strip() or label
        out[tid] = short
    return out


def chart_lang(options: ChartOptions) -> str:
    """Return the language of a chart (English when the options ask for an unknown one)."""
    return options.lang if options.lang in LANGS else "en"


def word(table: Mapping[str, Mapping[str, str]], key: str, lang: str, **values: Any) -> str:
    """Return `table[key]` in `lang` (English when untranslated), formatted with `values` (a catalogue table
    picks the plural form for `n=`)."""
    namespace = getattr(table, "namespace", "")
    if namespace and key in table:
        return i18n.t(f"{namespace}.{key}", lang, **values)
    entry = table.get(key, {})
    out = entry.get(lang) or entry.get("en") or key
    return out.format(**values) if values else out


def text(value: Any) -> str:
    """Return a cell as text: empty for None and NaN."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def percent(value: float | None, digits: int = 0) -> str:
    """Return a share as "13%" ("–" when there is none)."""
    if value is None or value != value:
        return "–"
    return f"{value * 100:.{digits}f}%"
