"""Compare two documents: provisions linked across structure with their word-level changes, and what moved.

`compare_documents(source, a, b)` returns a `Comparison` (result.py); `diff --json` prints its `as_dict()`:

- `pairs`: one row per link (a provision merged or split appears in several rows), plus one one-sided row
  (`new`, `dropped`) for each provision with no link at all, in reading order (A's order, each B provision
  without a link placed after the rows of the B provision before it). Statuses: kept, reworded, merged (several
  A provisions → one B), split (one A → several B), new, dropped; `set_by` says whether the engine, a curated
  entry (seeds/alignments.yml, the package's `alignments` table) or a reader's pin made the link.
- Own text: when a document has provisions of its own words, its publisher's framing (commentary) and any
  secondary narrative (reported) are not aligned and not counted: their rows have `counted: False`. Bare
  headings are aligned through their children (links.py) and not counted either. `basis="all"` aligns and
  counts every provision instead (as the Themes page's basis switch).
- `sections`: for each part or item of A, one line on what became of it in B (sections.py).
- `notices`: comparing a document with itself, or a later document as A.
- `themes`, `terms`, `entities`, `targets`, `documents`, `coverage_warning`, `summary`, `settings`: as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol, cast

import pandas as pd

from dashboard.analysis.diff import pins as pinning
from dashboard.analysis.diff.align import AlignSettings
from dashboard.analysis.diff.candidates import candidates, link_rules
from dashboard.analysis.diff.crosslang import across_languages
from dashboard.analysis.diff.curated import CuratedLink, curated_for
from dashboard.analysis.diff.deltas import (
    MEASURE,
    basis,
    counted,
    distinctive_terms,
    entity_deltas,
    target_deltas,
    theme_deltas,
)
from dashboard.analysis.diff.links import choose_links, family_degree
from dashboard.analysis.diff.memo import derived as _derived
from dashboard.analysis.diff.memo import memo as _memo
from dashboard.analysis.diff.result import STATUSES, Comparison, DocumentSummary, Record, Terms, ThemeDelta
from dashboard.analysis.diff.rows import build_rows, subject_text
from dashboard.analysis.diff.sections import sections
from dashboard.i18n import t

__all__ = ["STATUSES", "compare_documents", "coverage_warning", "diff_provisions", "subject_text"]


class TableSource(Protocol):
    """Anything that serves the data package's tables by name (dashboard.dataset.load.Dataset does)."""

    @property
    def table_names(self) -> list[str]: ...

    def table(self, name: str) -> pd.DataFrame: ...


def compare_documents(
    source: TableSource,
    a: str,
    b: str,
    settings: AlignSettings = AlignSettings(),
    pins: Sequence[str] = (),
    *,
    use_curated: bool = True,
    basis_mode: str = "own",
) -> Comparison:
    """Return the comparison of documents `a` and `b` (ids, already resolved).

    `pins` are a reader's corrections such as "3.b1-p2" (diff/pins.py); a wrong one raises InvalidPin. The
    package's curated links (table `alignments`) apply unless `use_curated` is False; a reader's pins override
    them."""
    documents = source.table("documents")
    provisions = source.table("provisions")
    table = optional_table(source, "alignments") if use_curated else None
    doc_a = _derived(documents, ("doc", a), lambda t: cast(Record, t[t["id"] == a].iloc[0].to_dict()))
    doc_b = _derived(documents, ("doc", b), lambda t: cast(Record, t[t["id"] == b].iloc[0].to_dict()))
    result = diff_provisions(
        _derived(provisions, ("rows", a), lambda t: t[t["document_id"] == a]),
        _derived(provisions, ("rows", b), lambda t: t[t["document_id"] == b]),
        doc_a=doc_a,
        doc_b=doc_b,
        provision_themes=optional_table(source, "provision_themes"),
        mentions=optional_table(source, "mentions"),
        entities=optional_table(source, "entities"),
        targets=optional_table(source, "targets"),
        theme_order=_theme_order(source),
        settings=settings,
        pins=pins,
        curated=curated_for(table, a, b),
        basis_mode=basis_mode,
    )
    # A and B in two languages: a notice and pairs by numbering instead of a meaningless word diff (crosslang.py)
    return across_languages(result, doc_a, doc_b, provisions)


def diff_provisions(
    prov_a: pd.DataFrame,
    prov_b: pd.DataFrame,
    *,
    doc_a: Mapping[str, Any],
    doc_b: Mapping[str, Any],
    provision_themes: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    entities: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    theme_order: list[str] | None = None,
    settings: AlignSettings = AlignSettings(),
    pins: Sequence[str] = (),
    curated: Sequence[CuratedLink] = (),
    basis_mode: str = "own",
) -> Comparison:
    """Return the comparison of two documents' provision tables (the core of compare_documents)."""
    rows_a = _derived(prov_a, "records", records)
    rows_b = _derived(prov_b, "records", records)
    ids_a, ids_b = [r["id"] for r in rows_a], [r["id"] for r in rows_b]
    names = (str(doc_a.get("symbol") or doc_a["id"]), str(doc_b.get("symbol") or doc_b["id"]))
    applied = pinning.parse_pins(pins, ids_a, ids_b, names)
    themes_of = None if provision_themes is None else _derived(provision_themes, "by", themes_by_provision)
    # the similarity and the structures do not depend on pins or curated links: computed once per pair of tables
    entities_of = None if mentions is None else _derived(mentions, "by", entities_by_provision)
    # word vectors are English: for a document in another language the link model goes without them
    english = all(str(doc.get("language") or "en") == "en" for doc in (doc_a, doc_b))
    cands = _memo(
        (prov_a, prov_b, provision_themes, mentions),
        ("similarity", settings, english),
        lambda: candidates(rows_a, rows_b, themes_of, entities_of, settings, english=english),
    )
    sim, sa, sb, signals = cands.similarity, cands.sa, cands.sb, cands.signals
    aligned_a, aligned_b = aligned_flags(rows_a, basis_mode), aligned_flags(rows_b, basis_mode)
    fixed, kept_curated = _fixed(applied, curated, ids_a, ids_b)
    # a reader's pin places its provisions (the engine links them no further); a curated pair and a reader's
    # "also link" add their link and leave the two free to link elsewhere (a split or merge is several entries);
    # no_counterpart places
    placing = {k for k in fixed if k[0] is None or k[1] is None}
    placing |= {(ids_a.index(p.a), ids_b.index(p.b)) for p in applied if p.placed() and p.a and p.b}
    placed_a = {i for i, _ in placing if i is not None}
    placed_b = {j for _, j in placing if j is not None}
    apart = [(ids_a.index(p.a), ids_b.index(p.b)) for p in applied if p.apart and p.a and p.b]
    apart += [(ids_a.index(c.a), ids_b.index(c.b)) for c in kept_curated if c.relation == "not_pair"]
    engine = choose_links(
        cands.score,
        sa,
        sb,
        **link_rules(settings),
        blocked_rows=frozenset(placed_a | {i for i in range(len(rows_a)) if not aligned_a[i]}),
        blocked_cols=frozenset(placed_b | {j for j in range(len(rows_b)) if not aligned_b[j]}),
        apart=apart,
    )
    set_by = {link: "engine" for link in engine}
    set_by.update({(i, j): by for (i, j), by in fixed.items() if i is not None and j is not None})
    links = sorted(set_by)
    alone = {k: by for k, by in fixed.items() if k[0] is None or k[1] is None}
    degree_a, degree_b = family_degree(links, sa, sb)
    order = theme_order or (sorted(set(provision_themes["theme_id"])) if provision_themes is not None else [])
    pairs = build_rows(
        rows_a,
        rows_b,
        links,
        set_by,
        alone,
        sim,
        degree_a,
        degree_b,
        counted_a=[aligned_a[i] and not sa.bare[i] for i in range(len(rows_a))],
        counted_b=[aligned_b[j] and not sb.bare[j] for j in range(len(rows_b))],
        bare_a=sa.bare,
        bare_b=sb.bare,
        themes_of=themes_of or {},
        theme_order=order,
        settings=settings,
        context=cands.context,
        heads_a=sa.heads,
        heads_b=sb.heads,
        meaning=cands.meaning,
    )
    wholes = _memo(
        (prov_a, prov_b, provision_themes, mentions, entities, targets),
        (str(doc_a["id"]), str(doc_b["id"]), tuple(order)),
        lambda: _wholes(prov_a, prov_b, doc_a, doc_b, provision_themes, mentions, entities, targets, order),
    )
    summary: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for row in pairs:
        if row.counted:
            summary[row.status] += 1
    not_counted = {
        "framing": sum(1 for r in pairs if not r.counted and not r.heading),
        "headings": sum(1 for r in pairs if r.heading),
    }
    return Comparison(
        a=str(doc_a["id"]),
        b=str(doc_b["id"]),
        documents=wholes["documents"],
        coverage_warning=coverage_warning(doc_a, doc_b),
        notices=notices(doc_a, doc_b),
        summary=summary,
        not_counted=not_counted,
        pairs=tuple(pairs),
        sections=sections(rows_a, rows_b, pairs),
        pins=tuple(pin.text() for pin in applied),
        curated=tuple(c.text() for c in kept_curated),
        measure=MEASURE,
        basis=wholes["basis"],
        themes=wholes["themes"],
        terms=wholes["terms"],
        entities=wholes["entities"],
        targets=wholes["targets"],
        settings={
            "threshold": settings.threshold,
            "link_threshold": settings.link_threshold,
            "link_ratio": settings.link_ratio,
            "context_weight": settings.context_weight,
            "mutual_threshold": settings.mutual_threshold,
            "theme_weight": settings.theme_weight,
            "entity_weight": settings.entity_weight,
            "kept_overlap": settings.kept_overlap,
            "model": settings.model.version if settings.model is not None else None,
            "signals": list(signals),
            "basis": basis_mode,
        },
    )


def _wholes(
    prov_a: pd.DataFrame,
    prov_b: pd.DataFrame,
    doc_a: Record,
    doc_b: Record,
    provision_themes: pd.DataFrame | None,
    mentions: pd.DataFrame | None,
    entities: pd.DataFrame | None,
    targets: pd.DataFrame | None,
    order: list[str],
) -> dict[str, Any]:
    """Return what moved between the two documents as a whole (it does not depend on the links or pins)."""
    count_a, count_b = counted(prov_a), counted(prov_b)
    return {
        "documents": {"a": _document(doc_a, prov_a), "b": _document(doc_b, prov_b)},
        "basis": {"a": basis(prov_a), "b": basis(prov_b)},
        "themes": ()
        if provision_themes is None
        else tuple(ThemeDelta(**t) for t in theme_deltas(_units(count_a), _units(count_b), provision_themes, order)),
        "terms": Terms(lambda: distinctive_terms(count_a["text"], count_b["text"])),  # counted when read
        "entities": entity_deltas(list(count_a["id"]), list(count_b["id"]), mentions, entities),
        "targets": target_deltas(str(doc_a["id"]), str(doc_b["id"]), targets),
    }


def notices(doc_a: Mapping[str, Any], doc_b: Mapping[str, Any], lang: str = "en") -> tuple[str, ...]:
    """Return what a reader must know before reading the comparison, in `lang`: the same document on both sides,
    or A issued after B (the comparison then reads backwards in time). `diff --json` carries them in English; the
    page and the briefing pack ask again in the reader's language."""
    sym_a, sym_b = str(doc_a.get("symbol") or doc_a["id"]), str(doc_b.get("symbol") or doc_b["id"])
    if doc_a["id"] == doc_b["id"]:
        return (t("compare.notice.same", lang, doc=sym_a),)
    issued_a, issued_b = _date(doc_a.get("issued")), _date(doc_b.get("issued"))
    if issued_a and issued_b and issued_a > issued_b:
        return (t("compare.notice.backwards", lang, a=sym_a, issued_a=issued_a, b=sym_b, issued_b=issued_b),)
    return ()


def _date(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)[:10]


def records(provisions: pd.DataFrame) -> list[Record]:
    """Return a document's provisions as records in document order."""
    return cast("list[Record]", provisions.sort_values("ordinal").to_dict("records"))


def aligned_flags(rows: Sequence[Record], basis_mode: str) -> list[bool]:
    """Return, per provision, whether it is aligned: the document's own text, or all when it has none (or
    when the reader asks for all)."""
    own = [bool(r.get("own_text", True)) for r in rows]
    return [True] * len(rows) if basis_mode == "all" or not any(own) else own


def _fixed(
    applied: Sequence[pinning.Pin], curated: Sequence[CuratedLink], ids_a: Sequence[str], ids_b: Sequence[str]
) -> tuple[dict[tuple[int | None, int | None], str], list[CuratedLink]]:
    """Return the links and lone provisions fixed by a reader's pins and by curated entries (pins win: a curated
    entry touching a provision a pin places, or the same two provisions, is set aside), and the curated entries
    applied."""
    row = {pid: i for i, pid in enumerate(ids_a)}
    col = {pid: j for j, pid in enumerate(ids_b)}
    pinned = {x for p in applied for x in p.placed()}
    linked = {x for p in applied if p.also for x in p.ids()}  # a reader's "also link" (none may be left alone)
    decided = {(p.a, p.b) for p in applied if p.a and p.b}
    fixed: dict[tuple[int | None, int | None], str] = {}
    kept: list[CuratedLink] = []
    for c in curated:
        if (c.a and c.a not in row) or (c.b and c.b not in col):
            continue
        if {c.a, c.b} & pinned or (c.a, c.b) in decided or (c.relation == "no_counterpart" and {c.a, c.b} & linked):
            continue
        kept.append(c)
        if c.relation == "pair" and c.a and c.b:  # a curated pair names both (corpus/alignments.py checks)
            fixed[(row[c.a], col[c.b])] = "curated"
        elif c.relation == "no_counterpart":
            fixed[(row[c.a] if c.a else None, col[c.b] if c.b else None)] = "curated"
    for p in applied:  # pairs, also links and provisions left alone: all set by the reader
        if not p.apart:
            fixed[(row[p.a] if p.a else None, col[p.b] if p.b else None)] = "reader"
    return fixed, kept


def coverage_warning(doc_a: Mapping[str, Any], doc_b: Mapping[str, Any]) -> str | None:
    """Return a warning when the sources differ in coverage or kind (an absence may not be a change)."""
    cov_a, cov_b = str(doc_a.get("coverage") or "unknown"), str(doc_b.get("coverage") or "unknown")
    kind_a = str(doc_a.get("source_kind") or "unknown").replace("_", " ")
    kind_b = str(doc_b.get("source_kind") or "unknown").replace("_", " ")
    if cov_a == cov_b and kind_a == kind_b:
        return None
    return (
        f"The sources differ: {doc_a.get('symbol', doc_a['id'])} is {cov_a} ({kind_a}), "
        f'{doc_b.get("symbol", doc_b["id"])} is {cov_b} ({kind_b}). A provision "only in" one of them may '
        f"simply lie outside what the other source holds."
    )


def _units(provisions: pd.DataFrame) -> list[str]:
    # a bare marker such as "Part V" is not a unit of meaning (the theme_measures definition)
    if "words" not in provisions:
        return list(provisions["id"])
    return list(provisions.loc[provisions["words"].fillna(0) > 0, "id"])


def optional_table(source: TableSource, name: str) -> pd.DataFrame | None:
    # provision_themes, mentions and entities are being added to the package; read them when they are there
    return source.table(name) if name in source.table_names else None


def _theme_order(source: TableSource) -> list[str]:
    themes = optional_table(source, "themes")
    return [] if themes is None else [str(t) for t in themes["id"]]


def themes_by_provision(provision_themes: pd.DataFrame | None) -> dict[str, dict[str, float]] | None:
    if provision_themes is None:
        return None
    out: dict[str, dict[str, float]] = {}
    scores = provision_themes["score"] if "score" in provision_themes else pd.Series(1.0, provision_themes.index)
    for pid, theme, score in zip(provision_themes["provision_id"], provision_themes["theme_id"], scores, strict=True):
        out.setdefault(str(pid), {})[str(theme)] = float(score) if score == score else 1.0
    return out


def entities_by_provision(mentions: pd.DataFrame | None) -> dict[str, frozenset[str]] | None:
    if mentions is None:
        return None
    return {str(pid): frozenset(map(str, ids)) for pid, ids in mentions.groupby("provision_id")["entity_id"]}


def _document(doc: Mapping[str, Any], provisions: pd.DataFrame) -> DocumentSummary:
    def text(key: str) -> str:
        value = doc.get(key)
        return "" if value is None or (isinstance(value, float) and value != value) else str(value)

    return DocumentSummary(
        id=text("id"),
        symbol=text("symbol"),
        title_en=text("title_en"),
        issued=text("issued"),
        coverage=text("coverage"),
        source_kind=text("source_kind"),
        coverage_note=text("coverage_note"),
        basis=basis(provisions),
        provisions=len(provisions),
        own_provisions=int(provisions["own_text"].sum()),
    )
