"""The briefing pack's slides, built from the dataset and the comparison of two documents: the title, the two
documents at a glance, theme shares as a table, the key changes quoted (new, dropped, reworded), the targets,
the sources and their coverage, methods and citation.

Pure content (`export.brief_model`): `export.brief.build_brief` puts these slides in order between its chart
slides, and the layouts only draw them. A quotation is chosen for what it says (the reader's own pairings first,
then own words, substantive, on themes that moved) and cut at a word boundary, with the full text and its source
span in the speaker notes.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from dashboard.dataset.load import Dataset
from dashboard.export.brief_model import Quote, Run, Slide

QUOTE_CHARS = 330  # a longer provision is cut at a word boundary (the full text is in the speaker notes)
MAX_QUOTES = {"new": 3, "dropped": 3, "reworded": 2}
MIN_WORDS = 6  # headings ("2 Tasks and solutions") are not key changes
_LIST_MARK = re.compile(r"^\s*[-–•+*]\s+")


def title_slide(doc_a: dict, doc_b: dict, result: dict, version: str, date: str) -> Slide:
    """Return the title slide: the two documents, the dataset version and date, the coverage warning."""
    bullets = [
        f"A  {doc_a['symbol']} ({_year(doc_a)}): {_text(doc_a.get('title_en'))}",
        f"B  {doc_b['symbol']} ({_year(doc_b)}): {_text(doc_b.get('title_en'))}",
    ]
    return Slide(
        "title",
        f"From {doc_a['symbol']} to {doc_b['symbol']}: what changed",
        f"Briefing pack · policy-timeline dataset v{version} · {date}",
        bullets=bullets,
        note=_text(result.get("coverage_warning")),
    )


def glance_slide(dataset: Dataset, doc_a: dict, doc_b: dict, result: dict) -> Slide:
    """Return the slide with the two documents at a glance: pairing counts, themes that moved, distinctive words."""
    summary = result.get("summary", {})
    counts = ", ".join(f"{summary.get(s, 0)} {s}" for s in ("kept", "reworded", "merged", "split", "new", "dropped"))
    bullets = [f"Provisions linked by meaning (own text): {counts}."]
    bullets += [f"Notice: {n}" for n in result.get("notices") or []]
    moves = sorted(result.get("themes") or [], key=lambda t: -abs(t.get("delta") or 0))[:3]
    labels = _theme_labels(dataset)
    for move in moves:
        if move.get("delta"):
            bullets.append(
                f"{labels.get(move['id'], move['id'])}: {move['a_share']:.0%} of provisions in "
                f"{doc_a['symbol']}, {move['b_share']:.0%} in {doc_b['symbol']} "
                f"({move['delta']:+.0%})."
            )
    if not result.get("themes"):
        bullets.append("Theme shares: this data package has no theme tags yet, so themes are not compared.")
    terms = result.get("terms") or {}
    for side, doc in (("a_distinctive", doc_a), ("b_distinctive", doc_b)):
        words = [t["term"] for t in terms.get(side, [])[:8]]
        if words:
            bullets.append(f"Words distinctive of {doc['symbol']}: {', '.join(words)}.")
    rows = [
        ["Issued", _text(doc_a.get("issued"))[:10], _text(doc_b.get("issued"))[:10]],
        ["Issued by", _issuer(doc_a), _issuer(doc_b)],
        ["Source", _kind(doc_a), _kind(doc_b)],
        ["Coverage", _text(doc_a.get("coverage")), _text(doc_b.get("coverage"))],
        ["Provisions (own / all)", _counts(doc_a), _counts(doc_b)],
    ]
    return Slide(
        "bullets",
        f"{doc_a['symbol']} and {doc_b['symbol']} at a glance",
        bullets=bullets,
        columns=["", f"A  {doc_a['symbol']}", f"B  {doc_b['symbol']}"],
        rows=rows,
        widths=[1.3, 2, 2],
        note=_text(result.get("coverage_warning")),
    )


def sections_slide(doc_a: dict, doc_b: dict, result: dict) -> list[Slide]:
    """Return the section-level summary: what became in B of each part or item of A, one line each."""
    lines = [s["summary"] for s in result.get("sections") or []]
    if not lines:
        return []
    return [
        Slide(
            "bullets",
            f"What became of each part of {doc_a['symbol']} in {doc_b['symbol']}",
            "Links by meaning, many to many: merged = several A provisions in one B provision; split = one "
            "A part over several B provisions.",
            bullets=lines[:14],
            note=f"{len(lines) - 14} more in the diff" if len(lines) > 14 else "",
        )
    ]


def theme_table(dataset: Dataset, doc_a: dict, doc_b: dict, result: dict) -> list[Slide]:
    """Return theme shares as a table slide (when no compare chart is registered); none without theme tags."""
    labels = _theme_labels(dataset)
    themes = sorted(result.get("themes") or [], key=lambda t: -abs(t.get("delta") or 0))[:12]
    if not themes:  # no theme tags in this data package: the glance slide says so
        return []
    rows = [
        [labels.get(t["id"], t["id"]), f"{t['a_share']:.0%}", f"{t['b_share']:.0%}", f"{t['delta']:+.0%}"]
        for t in themes
    ]
    return [
        Slide(
            "table",
            f"Theme shares: {doc_a['symbol']} against {doc_b['symbol']}",
            "Share of each document's own provisions tagged with the theme; largest moves first.",
            columns=["Theme", doc_a["symbol"], doc_b["symbol"], "Change"],
            rows=rows,
            widths=[4, 1, 1, 1],
        )
    ]


def change_slides(dataset: Dataset, doc_a: dict, doc_b: dict, result: dict) -> list[Slide]:
    """Return one slide of quoted key changes per status (new, dropped, reworded) that has any worth quoting."""
    docs = result.get("documents", {})
    basis = {"a": docs.get("a", {}).get("basis", "own"), "b": docs.get("b", {}).get("basis", "own")}
    deltas = {t["id"]: t.get("delta") or 0.0 for t in result.get("themes") or []}
    provisions = dataset.provisions.set_index("id")
    labels = _theme_labels(dataset)
    headings = {
        "new": f"New in {doc_b['symbol']}: said in B, no counterpart in A",
        "dropped": f"Dropped from {doc_a['symbol']}: said in A, no counterpart in B",
        "reworded": f"Reworded from {doc_a['symbol']} to {doc_b['symbol']}",
    }
    slides = []
    for status in ("new", "dropped", "reworded"):
        picked = _key_pairs(result.get("pairs", []), status, basis, deltas)
        if not picked:
            continue
        quotes = [_quote(p, provisions, doc_a, doc_b, labels) for p in picked]
        notes = "\n\n".join(_quote_notes(q) for q in quotes)
        total = sum(1 for p in result.get("pairs", []) if p["status"] == status and p.get("counted", True))
        first = (
            "the reader's corrections first, then the most substantive"
            if any(p.get("set_by") == "reader" for p in picked)
            else "the most substantive first"
        )
        slides.append(
            Slide(
                "quotes",
                headings[status],
                f"{len(quotes)} of {total} {status} provisions, {first}",
                quotes=quotes,
                note=_text(result.get("coverage_warning")),
                notes=notes,
            )
        )
    return slides


def _key_pairs(pairs: list[dict], status: str, basis: dict[str, str], deltas: dict[str, float]) -> list[dict]:
    """Return the pairs of `status` most worth quoting: the reader's own pairings first, then own words,
    substantive, on themes that moved."""

    def counted(p: dict, side: str) -> bool:
        return bool(p.get(side)) and (p.get(f"{side}_own") is not False or basis[side] == "all")

    def words(p: dict, side: str) -> int:
        return len((p.get(f"{side}_text") or "").split())

    def score(p: dict) -> float:
        themes = p.get("themes") or []
        moving = max((abs(deltas.get(t, 0.0)) for t in themes), default=0.0)
        if status == "reworded":
            # nearly identical pairs say little, barely similar ones read as new text: quote the middle
            sim = float(p.get("similarity") or 0)
            return 4 * sim * (1 - sim) + moving
        side = "b" if status == "new" else "a"
        return min(words(p, side), 40) / 40 + 2 * moving

    sides = {"new": ("b",), "dropped": ("a",), "reworded": ("a", "b")}[status]
    found = [
        p for p in pairs if p.get("status") == status and all(counted(p, s) and words(p, s) >= MIN_WORDS for s in sides)
    ]
    # a reader's corrections (pins) are deliberate: quote them first
    found.sort(key=lambda p: (p.get("set_by") != "reader", -score(p)))
    return found[: MAX_QUOTES[status]]


def _quote(pair: dict, provisions: Any, doc_a: dict, doc_b: dict, labels: dict[str, str]) -> Quote:
    themes = [labels.get(t, t) for t in (pair.get("themes") or [])[:3]]
    if pair.get("set_by") == "reader":  # shown on the quote's heading line, beside its themes
        themes.append("paired by the reader" if pair.get("a") and pair.get("b") else "left unpaired by the reader")
    quote = Quote(pair["status"], themes=themes, similarity=float(pair.get("similarity") or 0))
    if pair.get("a"):
        quote.cite_a, quote.full_a = _cite(pair["a"], provisions, doc_a), pair.get("a_text") or ""
    if pair.get("b"):
        quote.cite_b, quote.full_b = _cite(pair["b"], provisions, doc_b), pair.get("b_text") or ""
    ops = pair.get("ops") or []
    if pair["status"] == "reworded" and ops:
        changed = ("insert", "delete", "replace")
        quote.a = _clip([Run(o["a"], "del" if o["op"] in changed else "") for o in ops if o["a"]])
        quote.b = _clip([Run(o["b"], "ins" if o["op"] in changed else "") for o in ops if o["b"]])
    else:
        quote.a = _clip([Run(quote.full_a)]) if quote.full_a else []
        quote.b = _clip([Run(quote.full_b)]) if quote.full_b else []
    return quote


def _clip(runs: list[Run], limit: int = QUOTE_CHARS) -> list[Run]:
    """Return the runs cut to about `limit` characters at a word boundary, with an ellipsis when cut."""
    out, used = [], 0
    for run in runs:
        if used + len(run.text) <= limit:
            out.append(run)
            used += len(run.text)
            continue
        room = run.text[: max(0, limit - used)]
        cut = room.rsplit(" ", 1)[0] if " " in room else ""
        if cut.strip():
            out.append(Run(cut, run.mark))
        out.append(Run(" …"))
        break
    if out:
        out[-1] = Run(out[-1].text.rstrip(), out[-1].mark)
        out[0] = Run(_LIST_MARK.sub("", out[0].text), out[0].mark)  # the source's "- " or "• " is layout
    return [run for run in out if run.text]


def _quote_notes(quote: Quote) -> str:
    lines = [
        f"A: {quote.full_a} [{quote.cite_a}]" if quote.full_a else "",
        f"B: {quote.full_b} [{quote.cite_b}]" if quote.full_b else "",
    ]
    return "\n".join(line for line in lines if line)


def _cite(provision_id: str, provisions: Any, doc: dict) -> str:
    """Return where a provision comes from: its id, label, character span in the seed file, and the source."""
    row = provisions.loc[provision_id] if provision_id in provisions.index else None
    parts = [f"{doc['symbol']}", provision_id]
    if row is not None:
        label = _text(row.get("label"))
        if label and label != "-":
            # the item's number with its parent's ("1.b", not "b"): the id's path within its document
            parts.append(f"item {provision_id.split(':', 1)[-1]}")
        if _text(row.get("kind")) in ("commentary", "reported"):
            parts.append(f"{row['kind']} text, not the document's own words")
        if _text(doc.get("seed_file")):
            span = f"{int(row['start']) + 1:,}–{int(row['end']):,}"
            parts.append(f"characters {span} of the seed file {doc['seed_file']}")
    parts.append(f"{_text(doc.get('source_kind')).replace('_', ' ')}, {_text(doc.get('coverage'))} coverage")
    return " · ".join(p for p in parts if p)


def targets_slide(dataset: Dataset, doc_a: dict, doc_b: dict) -> Slide:
    """Return the table of targets the two documents set (the first ten by year), with where each is stated."""
    targets = dataset.table("targets") if "targets" in dataset.table_names else None
    rows = []
    if targets is not None:
        chosen = targets[targets["document_id"].isin([doc_a["id"], doc_b["id"]])]
        chosen = chosen.sort_values(["end_year", "document_id", "id"], na_position="last")
        symbols = {doc_a["id"]: doc_a["symbol"], doc_b["id"]: doc_b["symbol"]}
        for t in chosen.to_dict("records")[:10]:
            value = "" if _missing(t.get("value")) else f"{t['value']:g} {_text(t.get('unit'))}".strip()
            where = _text(t.get("provision_id")) or "cited secondary source"
            rows.append(
                [
                    symbols[t["document_id"]],
                    _year_span(t),
                    _LIST_MARK.sub("", _text(t.get("text"))),
                    value,
                    f"{where} ({_text(t.get('kind')).replace('_', ' ')})",
                ]
            )
    none = f"Neither {doc_a['symbol']} nor {doc_b['symbol']} sets a target that the dataset holds."
    note = "" if rows else none
    if targets is not None and len(rows) == 10:
        note = "The first ten by year; the targets table of the data package lists all."
    columns, widths = ["Document", "Year", "Target", "Value", "Where stated"], [1.2, 0.9, 5.2, 1.3, 3.2]
    keep = [j for j in range(len(columns)) if j in (0, 2) or any(row[j] for row in rows)]
    return Slide(
        "table",
        f"Targets set in {doc_a['symbol']} and {doc_b['symbol']}",
        "Goals, milestones and reported indicators, with where each is stated",
        note=note,
        columns=[columns[j] for j in keep],
        rows=[[row[j] for j in keep] for row in rows],
        widths=[widths[j] for j in keep],
    )


def sources_slide(dataset: Dataset, compared: tuple[str, str]) -> Slide:
    """Return the table of held sources and their coverage, with the two compared marked (A) and (B)."""
    rows = []
    for d in dataset.held_documents().to_dict("records"):
        mark = " (A)" if d["id"] == compared[0] else " (B)" if d["id"] == compared[1] else ""
        rows.append(
            [
                f"{d['symbol']}{mark}",
                _text(d.get("issued"))[:10],
                _text(d.get("source_kind")).replace("_", " "),
                _text(d.get("coverage")),
                _text(d.get("coverage_note")),
            ]
        )
    return Slide(
        "table",
        "Sources and their coverage",
        "Every chart counts only what each source holds: read a partial or secondary source as such",
        columns=["Document", "Issued", "Source", "Coverage", "What the source holds"],
        rows=rows,
        widths=[1.5, 1.1, 1.6, 1.0, 7.0],
    )


def methods_slide(dataset: Dataset, result: dict, date: str) -> Slide:
    """Return the slide on methods, sources and how to cite the dataset."""
    settings = result.get("settings") or {}
    method = _text(settings.get("method")) if isinstance(settings, dict) else ""
    bullets = [
        "Provisions: each source text is split into numbered provisions; every provision keeps its character "
        "span in the verbatim seed file, so each quotation here can be checked against its source.",
        "Own words only: publishers' framing (commentary, reported speech) is kept but not counted as the "
        "document's provisions, unless a document is known only through such an account.",
        "Themes: provisions tagged against a sixteen-theme codebook; a theme's share is the share of a "
        "document's counted provisions tagged with it.",
        "Comparison: provisions of A and B paired one-to-one by meaning (TF-IDF similarity); a pair is kept, "
        "reworded, new or dropped; changed words come from a word-level diff."
        + (f" {method}" if method else "")
        + (
            f" {len(result['pins'])} correction(s) to the pairing by the reader ({', '.join(result['pins'])}: "
            "A-B pairs two provisions, A- or -B leaves one without a counterpart, A!B keeps two apart); the rest "
            "were re-aligned around them."
            if result.get("pins")
            else ""
        ),
        f"Cite the dataset as: {dataset.citation}",
    ]
    held = dataset.held_documents().to_dict("records")
    sources = [f"{d['symbol']}: {_text(d.get('source_url'))}" for d in held]
    return Slide(
        "bullets",
        "Methods, sources and citation",
        bullets=bullets,
        note=f"Dataset v{dataset.version}, exported {date}.",
        notes="\n".join(sources),
        links=sources,
    )


# ---------------------------------------------------------------- small helpers


def _theme_labels(dataset: Dataset) -> dict[str, str]:
    themes = dataset.table("themes")
    return dict(zip(themes["id"], themes["label_en"], strict=True))


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, list | tuple | dict) and bool(pd.isna(value)))


def _issuer(doc: dict) -> str:
    return _text(doc.get("issuer_label")) or _text(doc.get("issuer"))


def _kind(doc: dict) -> str:
    return _text(doc.get("source_kind")).replace("_", " ")


def _counts(doc: dict) -> str:
    own, total = doc.get("own_provisions"), doc.get("provisions")
    return "" if _missing(total) else f"{0 if _missing(own) else int(own)} / {int(total)}"


def _year(doc: dict) -> str:
    return _text(doc.get("issued"))[:4]


def _year_span(target: dict) -> str:
    start, end = target.get("start_year"), target.get("end_year")
    if _missing(end):
        return ""
    return f"{int(start)}–{int(end)}" if not _missing(start) and int(start) != int(end) else str(int(end))
