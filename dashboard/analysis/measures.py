"""Theme measures per document: how much of each document a theme takes up.

The unit is the provision, as the quasi-sentence is in the Manifesto Project: a theme's `share_provisions` is
the share of a document's provisions that carry it (share-of-units). Because a provision carries every theme
it addresses, the shares of one document add up to more than one; `share_split` divides each provision
equally among its themes, so that it adds up to the share of provisions with any theme. `share_words` weighs
provisions by length.

Two bases: `own` counts the document's own words only, `all` adds the publisher's commentary and a secondary
account's report. 22-NQ/TW is known only through a news report, so it has no `own` units at all; the dashboard
says which basis a chart counts and flags the document's coverage (full text, partial or summary) next to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from dashboard.analysis.codebook import theme_ids
from dashboard.analysis.keyness import is_true, records
from dashboard.corpus.load import Corpus

BASES = ("own", "all")


def theme_measure_rows(documents: Any, provisions: Any, provision_themes: Any,
                       themes: list[str] | None = None) -> list[dict[str, Any]]:
    """Return one row per held document, theme and basis (own | all), in document then codebook order; a
    document held in two languages counts its primary version only (see counted_elsewhere).

    A unit is a provision with at least one word (bare markers such as "Part V" are not units). Shares are
    empty when the document has no unit on the basis.
    """
    themes = themes or theme_ids()
    tags: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in records(provision_themes):
        tags[row["provision_id"]][row["theme_id"]] = row
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in records(provisions):
        by_doc[p["document_id"]].append(p)
    out: list[dict[str, Any]] = []
    for doc in records(documents):
        if not is_true(doc.get("held", True)) or counted_elsewhere(doc):
            continue
        for basis in BASES:
            units = [p for p in by_doc[doc["id"]]
                     if int(p.get("words") or 0) > 0 and (basis == "all" or is_true(p.get("own_text")))]
            out.extend(_rows_for(doc, basis, units, tags, themes))
    return out


def counted_elsewhere(doc: Mapping[str, Any]) -> bool:
    """True for another language's version of a document (its `version_of` is set): theme shares count one
    version per document, the primary one, so a document held in English and Vietnamese is not counted twice."""
    value = doc.get("version_of")
    return isinstance(value, str) and bool(value.strip())


def _rows_for(doc: Mapping[str, Any], basis: str, units: list[dict[str, Any]],
              tags: Mapping[str, Mapping[str, Mapping[str, Any]]], themes: list[str]) -> list[dict[str, Any]]:
    n = len(units)
    words = sum(int(p["words"]) for p in units)
    carrying: dict[str, int] = defaultdict(int)
    theme_words: dict[str, int] = defaultdict(int)
    split: dict[str, float] = defaultdict(float)
    mentions: dict[str, int] = defaultdict(int)
    scores: dict[str, list[float]] = defaultdict(list)
    for p in units:
        found = tags.get(p["id"], {})
        for theme, tag in found.items():
            carrying[theme] += 1
            theme_words[theme] += int(p["words"])
            split[theme] += 1 / len(found)
            mentions[theme] += len(tag.get("evidence") or [])
            scores[theme].append(float(tag["score"]))
    rows: list[dict[str, Any]] = []
    for theme in themes:
        rows.append({
            "document_id": doc["id"], "theme_id": theme, "basis": basis, "provisions": n,
            "theme_provisions": carrying[theme], "share_provisions": carrying[theme] / n if n else None,
            "words": words, "theme_words": theme_words[theme],
            "share_words": theme_words[theme] / words if words else None,
            "share_split": split[theme] / n if n else None, "mentions": mentions[theme],
            "mean_score": sum(scores[theme]) / len(scores[theme]) if scores[theme] else None,
            "rank": None, "coverage": doc.get("coverage", ""), "source_kind": doc.get("source_kind", ""),
        })
    # rank the themes present by share of units, then of words; ties keep codebook order
    present = sorted((r for r in rows if r["theme_provisions"]),
                     key=lambda r: (-r["share_provisions"], -r["share_words"]))
    for rank, row in enumerate(present, start=1):
        row["rank"] = rank
    return rows


def theme_measures_step(corpus: Corpus, tables: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Build step: add the theme_measures table (needs documents, provisions and provision_themes)."""
    return {"theme_measures": theme_measure_rows(tables["documents"], tables["provisions"],
                                                 tables["provision_themes"])}


def share_delta(measures: Any, a: str, b: str, *, basis: str = "auto",
                measure: str = "share_provisions") -> list[dict[str, Any]]:
    """Return, per theme in table order, {"id", "a_share", "b_share", "delta"} for documents a and b.

    basis: "own", "all" or "auto" (own where the document has own provisions, else all).
    measure: a share column of theme_measures (share_provisions, share_words or share_split).
    delta = b_share - a_share.
    """
    rows = records(measures)
    shares = {doc: _shares(rows, doc, basis, measure) for doc in (a, b)}
    out: list[dict[str, Any]] = []
    for theme in dict.fromkeys(r["theme_id"] for r in rows):  # codebook order, as the table is written
        a_share, b_share = shares[a].get(theme, 0.0), shares[b].get(theme, 0.0)
        out.append({"id": theme, "a_share": round(a_share, 4), "b_share": round(b_share, 4),
                    "delta": round(b_share - a_share, 4)})
    return out


def _shares(rows: list[dict[str, Any]], doc: str, basis: str, measure: str) -> dict[str, float]:
    if basis not in ("own", "all", "auto"):
        raise ValueError(f"basis must be own, all or auto, not {basis!r}")
    mine = [r for r in rows if r["document_id"] == doc]
    chosen = basis
    if basis == "auto":
        chosen = "own" if any(r["basis"] == "own" and int(r["provisions"] or 0) > 0 for r in mine) else "all"
    return {r["theme_id"]: _number(r.get(measure)) for r in mine if r["basis"] == chosen}


def _number(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if number != number else number

