"""The briefing pack's key changes, quoted: for each status (new, dropped, reworded) the few links most worth
quoting (the reader's own pairings first, then own words, substantive, on themes that moved), each cut at a word
boundary, with the full text and its source span (file, characters) in the speaker notes.

Pure content (`export.brief_model`), as the other slides (`export.brief_slides`); `export.brief.build_brief` puts
them in order.
"""

from __future__ import annotations

from typing import Any

from dashboard.dataset.load import Dataset
from dashboard.export.brief_model import Quote, Run, Slide
from dashboard.export.brief_slides import LIST_MARK, cell_text, coverage_word, kind_word
from dashboard.figures.compare.chart import coverage_warning
from dashboard.figures.labels import theme_labels
from dashboard.i18n import label, number, t

QUOTE_CHARS = 330  # a longer provision is cut at a word boundary (the full text is in the speaker notes)
MAX_QUOTES = {"new": 3, "dropped": 3, "reworded": 2}
MIN_WORDS = 6  # headings ("2 Tasks and solutions") are not key changes


def change_slides(dataset: Dataset, doc_a: dict, doc_b: dict, result: dict, lang: str = "en") -> list[Slide]:
    """Return one slide of quoted key changes per status (new, dropped, reworded) that has any worth quoting."""
    docs = result.get("documents", {})
    basis = {"a": docs.get("a", {}).get("basis", "own"), "b": docs.get("b", {}).get("basis", "own")}
    deltas = {t["id"]: t.get("delta") or 0.0 for t in result.get("themes") or []}
    provisions = dataset.provisions.set_index("id")
    labels = theme_labels(dataset, lang)
    headings = {s: t(f"brief.change.{s}", lang, a=doc_a["symbol"], b=doc_b["symbol"]) for s in MAX_QUOTES}
    slides = []
    for status in ("new", "dropped", "reworded"):
        picked = _key_pairs(result.get("pairs", []), status, basis, deltas)
        if not picked:
            continue
        quotes = [_quote(p, provisions, doc_a, doc_b, labels, lang) for p in picked]
        notes = "\n\n".join(_quote_notes(q) for q in quotes)
        total = sum(1 for p in result.get("pairs", []) if p["status"] == status and p.get("counted", True))
        first = t("brief.first_reader" if any(p.get("set_by") == "reader" for p in picked) else "brief.first", lang)
        slides.append(
            Slide(
                "quotes",
                headings[status],
                t(
                    "brief.quotes_subtitle",
                    lang,
                    n=len(quotes),
                    total=total,
                    status=label("compare_view", status, lang),
                    first=first,
                ),
                quotes=quotes,
                note=coverage_warning(result, lang),
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


def _quote(
    pair: dict[str, Any], provisions: Any, doc_a: dict, doc_b: dict, labels: dict[str, str], lang: str = "en"
) -> Quote:
    theme_ids: list[str] = (pair.get("themes") or [])[:3]
    themes = [labels.get(th, th) for th in theme_ids]
    if pair.get("set_by") == "reader":  # shown on the quote's heading line, beside its themes
        themes.append(
            t("brief.paired_by_reader" if pair.get("a") and pair.get("b") else "brief.unpaired_by_reader", lang)
        )
    quote = Quote(pair["status"], themes=themes, similarity=float(pair.get("similarity") or 0))
    if pair.get("a"):
        quote.cite_a, quote.full_a = _cite(pair["a"], provisions, doc_a, lang), pair.get("a_text") or ""
    if pair.get("b"):
        quote.cite_b, quote.full_b = _cite(pair["b"], provisions, doc_b, lang), pair.get("b_text") or ""
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
        out[0] = Run(LIST_MARK.sub("", out[0].text), out[0].mark)  # the source's "- " or "• " is layout
    return [run for run in out if run.text]


def _quote_notes(quote: Quote) -> str:
    lines = [
        f"A: {quote.full_a} [{quote.cite_a}]" if quote.full_a else "",
        f"B: {quote.full_b} [{quote.cite_b}]" if quote.full_b else "",
    ]
    return "\n".join(line for line in lines if line)


def _cite(provision_id: str, provisions: Any, doc: dict, lang: str = "en") -> str:
    """Return where a provision comes from: its id, label, character span in the seed file, and the source."""
    row = provisions.loc[provision_id] if provision_id in provisions.index else None
    parts = [f"{doc['symbol']}", provision_id]
    if row is not None:
        label = cell_text(row.get("label"))
        if label and label != "-":
            # the item's number with its parent's ("1.b", not "b"): the id's path within its document
            parts.append(t("brief.cite.item", lang, path=provision_id.split(":", 1)[-1]))
        if cell_text(row.get("kind")) in ("commentary", "reported"):
            parts.append(t(f"brief.cite.{row['kind']}", lang))
        if cell_text(doc.get("seed_file")):
            span = f"{number(int(row['start']) + 1, lang)}–{number(int(row['end']), lang)}"
            parts.append(t("brief.cite.span", lang, span=span, file=doc["seed_file"]))
    parts.append(t("brief.cite.source", lang, kind=kind_word(doc, lang), coverage=coverage_word(doc, lang)))
    return " · ".join(p for p in parts if p)
