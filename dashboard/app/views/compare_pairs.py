"""Compare: the aligned provisions of A and B in two columns (views/compare.py), filtered by the view's theme and
statuses, each row with its status, its links, its changed words and the corrections it offers."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dash import html

from dashboard.analysis.diff.pins import Pin
from dashboard.app import ids
from dashboard.app.components.links import source_href
from dashboard.app.components.provision import NOT_OWN_KINDS
from dashboard.app.context import AppData
from dashboard.app.i18n import t
from dashboard.app.state import CompareView, DocumentView, span_words
from dashboard.app.views import compare_parts as parts
from dashboard.app.views.compare_pins import (
    candidate_parts,
    cell_id,
    correction,
    manual_pairing,
    pair_actions,
    pins_bar,
)
from dashboard.app.views.compare_rows import Drawn, rows_json
from dashboard.app.views.compare_text import text

# pairs drawn at once: a page of rows (`&page=N`). Each row's corrections and counterparts take ~4 KB of the
# answer, so 150 rows of two 500-provision documents were over 1 MB (issue 17); the seeds' pairs have ≤ 70 rows.
MAX_ROWS = 100


def pairs_section(
    data: AppData, result: dict[str, Any], view: CompareView, pins: list[Pin] | None = None
) -> html.Section:
    """Return the aligned provisions in two columns, filtered by the view's theme and statuses; each
    provision offers its closest counterparts, to correct the pairing (`pins`: the corrections applied).
    A new address rewrites the boxes of the corrections, the count and the rows (views/compare_update.py)."""
    lang = view.lang
    docs = result["documents"]
    return html.Section(
        [
            html.H2(_t("pairs", lang), className="h5 mt-4"),
            html.P(_t("method", lang), className="small text-muted"),
            html.Div(pins_bar(view, pins or []), id=ids.COMPARE_PINS_BOX),
            manual_pairing(data, view),
            html.Div(pair_count(result, view), id=ids.COMPARE_COUNT_BOX),
            html.Div(
                [
                    html.Div(f"A · {docs['a']['symbol']}", className="pair-col-head"),
                    html.Div(f"B · {docs['b']['symbol']}", className="pair-col-head"),
                ],
                className="pair-cols pair-cols-head",
            ),
            rows_box(pair_rows(data, result, view, pins or []), view, pins or [], scope=data),
        ],
        className="compare-pairs",
    )


def rows_box(
    rows: list[Drawn], view: CompareView | None = None, pins: list[Pin] | None = None, scope: object = None
) -> html.Div:
    """Return the box of the rows: empty, with the rows as data (`data-rows`, views/compare_rows.py) that
    assets/compare_links.js makes into elements and, on a new list, reconciles row by row (`view` and `pins`:
    the view and the pins the rows' corrections start from; `scope`: the data they are drawn from)."""
    packed = rows_json(rows, view, pins, scope=scope)
    return html.Div(id=ids.COMPARE_PAIRS, className="compare-rows", **parts.data({"data-rows": packed}))


def shown_pairs(result: dict[str, Any], view: CompareView) -> list[dict[str, Any]]:
    """Return the pairs the view's theme and statuses let through (a row the reader set always stays: a
    correction must not vanish under a filter)."""
    return [
        p
        for p in result["pairs"]
        if (not view.theme or view.theme in p["themes"])
        and (not view.status or p["status"] in view.status or p.get("set_by") == "reader")
    ]


def pair_count(result: dict[str, Any], view: CompareView) -> html.P:
    """Return "Showing n of total rows" (the numbers also as data attributes) and, when the rows are more than
    a page, which rows are drawn with links to the previous and next pages (followed in place, as corrections
    are: the address changes and only the rows are drawn again)."""
    shown, total = len(shown_pairs(result, view)), len(result["pairs"])
    count: list[Any] = [_t("showing", view.lang).format(n=shown, total=total)]
    page, pages = row_page(view, shown)
    if pages > 1:
        first, last = (page - 1) * MAX_ROWS + 1, min(page * MAX_ROWS, shown)
        count.append(html.Span(" · " + _t("rows", view.lang).format(first=first, last=last), className="me-2"))
        for to, label, cls in ((page - 1, f"← {t('common.previous', view.lang)}", "prev"),
                               (page + 1, f"{t('common.next', view.lang)} →", "next")):
            if 1 <= to <= pages:
                href = view.replace(page=to).href() + f"#{ids.COMPARE_PAIRS}"
                count.append(correction(label, href=href, className=f"rows-page rows-{cls} me-2"))
    paged = {"data-page": str(page)} if pages > 1 else {}
    return html.P(
        count if pages > 1 else count[0],
        id=ids.COMPARE_PAIR_COUNT,
        className="fw-semibold",
        **parts.data({"data-count": str(shown), "data-total": str(total), **paged}),
    )


def row_page(view: CompareView, shown: int) -> tuple[int, int]:
    """Return the page of rows the view draws (its `page`, at most the last) and how many pages there are."""
    pages = max(1, -(-shown // MAX_ROWS))
    return min(view.page, pages), pages


def pair_rows(data: AppData, result: dict[str, Any], view: CompareView, pins: list[Pin]) -> list[Drawn]:
    """Return the rows of the shown pairs on the view's page (at most MAX_ROWS), or a line saying none
    matches: each row as its key, its part and its corrections' addresses (compare_rows.rows_data), built as
    data directly (a Dash component per element, turned into data afterwards, cost ~1 ms a row)."""
    seen: set[str] = set()  # a provision linked several times is an anchor (an id) in its first row only
    pairs = shown_pairs(result, view)
    page, _ = row_page(view, len(pairs))
    if page != view.page:  # past the last page: the rows' links name the page drawn
        view = view.replace(page=page)
    start = (page - 1) * MAX_ROWS
    _prefetch(data, pairs[start : start + MAX_ROWS])
    rows = [_pair_row(data, result, pair, view, pins, seen) for pair in pairs[start : start + MAX_ROWS]]
    return rows or [("none", parts.element("p", {"class": "text-muted"}, [parts.text(_t("none", view.lang))]), [])]


def _prefetch(data: AppData, pairs: list[dict[str, Any]]) -> None:
    """Read the provisions the rows name (their own and those offered beside them) in one query: read one by one
    as the rows are drawn, the first page of a pair at 10,000 documents asked the query database ~340 times."""
    prefetch = getattr(data.provisions, "prefetch", None)
    if prefetch is None:
        return
    ids: list[str] = []
    for pair in pairs:
        ids += [pid for pid in (pair["a"], pair["b"]) if pid]
        for side in ("a", "b"):
            ids += [c["id"] for c in (pair.get("candidates") or {}).get(side) or []]
    prefetch(ids)


def _pair_row(
    data: AppData,
    result: dict[str, Any],
    pair: dict[str, Any],
    view: CompareView,
    pins: list[Pin],
    seen: set[str] | None = None,
) -> Drawn:
    lang = view.lang
    status = pair["status"]
    hrefs: list[str] = []  # the corrections' addresses, in document order
    el = parts.element
    if status in ("new", "dropped") and not pair.get("counted", True):
        # a publisher's framing, a narrative paragraph or a bare heading: shown apart, never as new or dropped
        badge = el("span", {"class": "status-badge status-not-counted", "title": _t("not_counted_title", lang)},
                   [parts.text(_t("not_counted_row", lang))])
    else:
        badge = el("span", {"class": f"status-badge status-{status}"}, [parts.text(_t(status, lang))])
    meta: list[Any] = [badge]
    if pair.get("set_by") == "curated":
        meta.append(el("span", {"class": "pin-badge curated-badge"}, [parts.text(_t("by_curated", lang))]))
    if pair["a"] and pair["b"] and pair["similarity"] is not None:  # none across languages (crosslang.py)
        similarity = f"{_t('similarity', lang)} {pair['similarity']:.2f}"
        meta.append(el("span", {"class": "pair-sim"}, [parts.text(similarity)]))
    meta += pair_actions(data, view, pins, pair, hrefs)  # before the theme chips, which can fill a line
    if pair["themes"]:
        meta.append(el("span", {"class": "theme-chips"}, [parts.chip(theme, lang) for theme in pair["themes"]]))
    seen = set() if seen is None else seen
    cells = [
        _cell(data, result, pair, "a", view, pins, seen, hrefs),
        _cell(data, result, pair, "b", view, pins, seen, hrefs),
    ]
    row = el(
        "div",
        {
            "class": f"pair pair-{status}" + ("" if pair.get("counted", True) else " pair-not-counted"),
            "data-a": pair["a"] or "",
            "data-b": pair["b"] or "",
            "data-set-by": pair.get("set_by") or "engine",
            "data-status": status,
        },
        [el("div", {"class": "pair-meta"}, meta), el("div", {"class": "pair-cols"}, cells)],
    )
    return f"{pair['a'] or ''}|{pair['b'] or ''}", row, hrefs


def _cell(
    data: AppData,
    result: dict[str, Any],
    pair: dict[str, Any],
    side: str,
    view: CompareView,
    pins: list[Pin],
    seen: set[str] | None,
    hrefs: list[str],
) -> list[Any]:
    lang = view.lang
    pid = pair[side]
    if not pid:
        other = "a" if side == "b" else "b"
        only = parts.element("span", {}, [parts.text(_t("only_a" if side == "b" else "only_b", lang))])
        return parts.element("div", {"class": f"pair-cell pair-empty empty-{other}-only"}, [only])
    provision = data.provisions.get(pid, {"id": pid, "start": 0, "end": 0})
    doc_id = result[side]
    kind = pair[f"{side}_kind"] or ""
    head = [parts.mark("span", pid.split(":", 1)[-1], "provision-path", pid)]
    if not pair[f"{side}_own"]:
        head.append(
            parts.mark("span", t(f"kind.{kind}", lang) if kind in NOT_OWN_KINDS else kind, f"kind-badge kind-{kind}")
        )
    seed_file = str(data.documents.get(doc_id, {}).get("seed_file") or "")
    children = [
        parts.element("div", {"class": "provision-head"}, head),
        parts.text_part(pair, side),
        # the links to the provision in its document and to its source span (the same for every row it is on)
        parts.element(
            "div",
            {"class": "provision-meta"},
            _links(doc_id, pid, lang, provision.get("start"), provision.get("end"), seed_file),
        ),
    ]
    offers = candidate_parts(data, view, pins, pair, side, hrefs)
    if offers is not None:
        children.append(offers)
    return parts.element("div", {"class": f"pair-cell side-{side}", **_anchor(data, pid, side, seen)}, children)


@lru_cache(maxsize=4096)  # ~1 KB each: a page of rows names at most 200 provisions
def _links(doc_id: str, pid: str, lang: str, start: Any, end: Any, seed_file: str) -> list[Any]:
    """Return the links of a provision to its place in its document and to its source span (cached: a page of
    rows names the same provisions again and again, each link an address and a number in words)."""
    try:
        words = span_words(int(start), int(end), lang, seed_file)
    except (TypeError, ValueError):
        words = t("source.title", lang)
    return [
        parts.link(
            t("common.open", lang) + " →", DocumentView(doc=doc_id, p=pid, lang=lang).href(), "open-link", "", "spa"
        ),
        parts.group(
            "span-ref-line",
            [
                parts.text(f"{t('common.source', lang)}: "),
                parts.link(
                    words,
                    source_href(doc_id, start, end, lang),
                    "span-ref source-link",
                    t("source.link_title", lang),
                    "spa",
                ),
            ],
        ),
    ]


def _anchor(data: AppData, pid: str, side: str, seen: set[str] | None) -> dict[str, Any]:
    if seen is not None and pid in seen:
        return {}
    if seen is not None:
        seen.add(pid)
    return {"id": cell_id(data, pid, side)}


def _t(key: str, lang: str) -> str:
    return text(key, lang)
