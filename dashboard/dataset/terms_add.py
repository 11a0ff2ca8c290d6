"""Term emergence: one added document from the state of the last computation (dataset.terms_state).

When a build only adds one held document issued on or after every other (the usual add: a new document), `add`
recomputes only what that document can change: its own rows; the dropped rows of the terms it uses again (they
are no longer dropped); the rows of the phrases whose status it changes (a phrase whose corpus total reaches
MIN_PHRASE_COUNT, or that stops or starts being nested in a longer one: its rows computed again over the
documents that use it, or removed); and the written form, kind and themes of the terms whose commonest form or
themes it changes. Anything else falls back to the full computation (`add` returns None, with the reason): an
edit or a removal (the documents' cache keys differ otherwise), a document issued before another, a word that
becomes a codebook term (every document's word count changes), a document with text in two languages. The rows
are the same as the full computation's.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, cast

from dashboard.analysis.keyness import is_true, log_likelihood, records
from dashboard.analysis.terms import (  # the row, shared with the full computation
    BASES,
    TermInventory,
    _row,  # pyright: ignore[reportPrivateUsage]
)
from dashboard.dataset.provision_rows import rows_of_document
from dashboard.dataset.terms_state import FORMAT, TermState, View, display, link, weak


def add(
    state: TermState,
    documents: Any,
    provisions: Any,
    counted: Sequence[TermInventory],
    keys: list[str],
) -> tuple[list[dict[str, Any]] | None, str]:
    """Update `state` (in place) by the one document `keys` adds to its documents; return the rows and "added", or
    None and why the full computation is needed (then `state` must not be used again)."""
    if state.format != FORMAT:
        return None, "format"
    old = set(state.keys)
    new_at = [i for i, k in enumerate(keys) if k not in old]
    if len(keys) != len(state.keys) + 1 or len(new_at) != 1 or not old <= set(keys):
        return None, "not one added document"
    inv_x = counted[new_at[0]]
    if len(inv_x.per_document) != 1:
        return None, "not one document"
    (x,) = inv_x.per_document
    doc = next((d for d in records(documents) if d["id"] == x), None)
    if doc is None or not is_true(doc.get("held", True)) or (str(doc["issued"]), x) <= state.last_held:
        return None, "not the latest held document"
    mine_p = rows_of_document(provisions, x)  # (of a table made on first use: that document's alone)
    langs: dict[str, str] = {}
    for basis in BASES:
        chosen = {str(p.get("language") or "") for p in mine_p if basis == "all" or is_true(p.get("own_text"))}
        if len(chosen) > 1:
            return None, "two languages"
        if chosen:
            langs[basis] = chosen.pop()
    retagged: set[str] = set()  # terms whose kind or themes change: their rows are rewritten
    touched: set[str] = set()  # the phrases whose status the document can change
    for key, themes in inv_x.themes.items():
        known = state.themes.get(key)
        if known is None and state.raw_kinds.get(key) == "word":
            return None, "a word becomes a codebook term"  # (every document's word count changes)
        if known is None and state.raw_kinds.get(key) == "phrase":  # a phrase becomes a codebook term
            words = key.split()
            for part in {" ".join(words[1:]), " ".join(words[:-1])}:
                if key in state.parents.get(part, ()):
                    state.parents[part].remove(key)
                    touched.add(part)
        if known is None or not themes <= known:
            retagged.add(key)
        state.themes.setdefault(key, set()).update(themes)
    # the corpus totals and forms with the document's
    x_all = inv_x.per_document[x]["all"][0]
    for key, forms in inv_x.forms.forms.items():
        merged = state.forms.get(key)
        if merged is None:
            state.forms[key] = dict(forms)
            continue
        before = display(merged, key)
        merged = state.forms[key] = dict(merged)  # (a state just computed shares a document's forms)
        for form, n in forms.items():
            merged[form] = merged.get(form, 0) + n
        if display(merged, key) != before:
            retagged.add(key)  # (its commonest written form changes)
    for key, n in x_all.items():
        state.totals[key] = state.totals.get(key, 0) + n
    for key, kind in inv_x.kinds.items():
        if key not in state.raw_kinds:  # a term no other document uses
            state.raw_kinds[key] = kind
            link(state, key)
            if kind == "word" and key not in state.themes:
                state.kinds[key] = "word"
    for key in x_all:
        if state.raw_kinds.get(key) == "phrase" and key not in state.themes:
            words = key.split()
            touched.update((key, " ".join(words[1:]), " ".join(words[:-1])))
    # the terms that start or stop being terms: their rows computed again over the documents before this one
    gained: set[str] = set()
    lost: set[str] = set()
    for key in touched:
        if state.raw_kinds.get(key) != "phrase" or key in state.themes:
            continue
        term = not weak(state, key)
        if term != (key in state.kinds):
            (gained if term else lost).add(key)
            if term:
                state.kinds[key] = "phrase"
            else:
                del state.kinds[key]
    for key in retagged:
        if key in state.themes:
            if key not in state.kinds:
                gained.add(key)  # (a phrase that was not a term becomes a codebook term)
            state.kinds[key] = "codebook"
    ids: list[str] | None = getattr(counted, "ids", None)  # (dataset.cached_terms: each read when first used)
    by_doc: Mapping[str, TermInventory] = (
        _ByDocument(counted, ids)
        if ids is not None
        else {next(iter(part.per_document)): part for part in counted if len(part.per_document) == 1}
    )
    view = cast(Any, View(state))
    rows = state.rows
    if retagged or lost:  # rows of terms that are no longer terms go; those of renamed or retagged are rewritten
        rows = [
            dict(
                r,
                term=view.display(r["key"]),
                kind=state.kinds[r["key"]],
                theme_ids=sorted(state.themes.get(r["key"], ())),
            )
            if r["key"] in retagged
            else r
            for r in rows
            if r["key"] not in lost
        ]
        for group in state.groups.values():
            for key in lost:
                for part in (group["totals"], group["first_day"], group["last"]):
                    part.pop(key, None)
    try:
        rows = _with(rows, _gained_rows(state, gained, by_doc, x, view))
    except LookupError:
        return None, "a term's document without rows"
    for basis, lang in langs.items():
        rows = _add_to_group(state, rows, basis, lang, x, str(doc["issued"]), inv_x, by_doc, view)
    state.keys = list(keys)
    state.last_held = (str(doc["issued"]), x)
    state.rows = rows
    return rows, "added"


class _ByDocument(Mapping[str, TermInventory]):
    # the documents' counts by document id, each read from `counted` when first asked for; a count that is not its
    # document's alone is not there (as the dict of counts of one document each leaves it out)

    def __init__(self, counted: Sequence[TermInventory], ids: list[str]) -> None:
        self._counted = counted
        self._at = {d: i for i, d in enumerate(ids)}

    def __getitem__(self, d: str) -> TermInventory:
        part = self._counted[self._at[d]]
        if list(part.per_document) != [d]:
            raise KeyError(d)
        return part

    def __iter__(self) -> Iterator[str]:
        return (d for d in self._at if d in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _gained_rows(
    state: TermState, gained: set[str], by_doc: Mapping[str, TermInventory], x: str, view: Any
) -> list[dict[str, Any]]:
    # the rows of terms that were not terms before, over the documents before `x` (updating each group's pass)
    extra: list[dict[str, Any]] = []
    if not gained:
        return extra
    for basis in BASES:
        language = state.language[basis]
        users: dict[tuple[str, str], list[tuple[int, str, int]]] = {}  # (language, term): (day, document, uses)
        for d, part in by_doc.items():
            group = state.groups.get((basis, language.get(d, "")))
            if d == x or group is None or d not in group["doc"]:
                continue
            counts = part.per_document[d][basis][0]
            for key in gained:
                if key in counts:
                    users.setdefault((language[d], key), []).append((group["doc"][d][0], d, counts[key]))
        for (lang, key), uses in sorted(users.items()):
            group = state.groups[(basis, lang)]
            uses.sort()
            first_day = uses[0][0]
            last = (uses[0][0], uses[0][2], uses[0][1])
            for day, d, n in uses[1:]:  # in order of issue: a later document of the same date wins a tie
                if last[0] != day or n >= last[1]:
                    last = (day, n, d)
            total = sum(n for _day, _d, n in uses)
            group["totals"][key], group["first_day"][key], group["last"][key] = total, first_day, last
            for day, d, n in uses if first_day else ():
                if day == first_day:
                    per = by_doc[d].per_document[d][basis]
                    score = log_likelihood(n, 0, group["doc"][d][1], group["before_words"][day])
                    extra.append(
                        _row(
                            d, basis, "new", key, view, n, per[1][key], d, group["before_docs"][day], score, per[2][key]
                        )
                    )
            when, n, seen = last
            if when + 1 < len(group["dates"]):  # the documents of the next date drop it
                first = by_doc[seen].per_document[seen][basis]
                for d, (day, words_d) in group["doc"].items():
                    if day == when + 1:
                        score = log_likelihood(total, 0, group["before_words"][day], words_d)
                        extra.append(
                            _row(
                                d,
                                basis,
                                "dropped",
                                key,
                                view,
                                n,
                                first[1][key],
                                seen,
                                group["before_docs"][day],
                                score,
                                first[2][key],
                            )
                        )
    return extra


def _add_to_group(
    state: TermState,
    rows: list[dict[str, Any]],
    basis: str,
    lang: str,
    x: str,
    issued: str,
    inv_x: TermInventory,
    by_doc: Mapping[str, TermInventory],
    view: Any,
) -> list[dict[str, Any]]:
    # the added document's rows on one basis (in its language), the dropped rows of the terms it uses removed
    group = state.groups.setdefault(
        (basis, lang),
        {"dates": [], "totals": {}, "first_day": {}, "last": {}, "doc": {}, "before_words": [0], "before_docs": [0]},
    )
    state.language[basis][x] = lang
    kinds = state.kinds
    mine = {k: n for k, n in inv_x.per_document[x][basis][0].items() if k in kinds}
    words_x = sum(n for k, n in mine.items() if kinds[k] == "word")
    dates: list[str] = group["dates"]
    if not dates or dates[-1] != issued:
        dates.append(issued)
        group["before_words"].append(group["before_words"][-1])
        group["before_docs"].append(group["before_docs"][-1])
    today = len(dates) - 1
    totals, first_day, last = group["totals"], group["first_day"], group["last"]
    total_before, earlier = group["before_words"][today], group["before_docs"][today]
    per_x = inv_x.per_document[x][basis]
    own: list[dict[str, Any]] = []
    if today:
        for key, n in mine.items():
            if first_day.get(key, today) == today:
                score = log_likelihood(n, 0, words_x, total_before)
                own.append(_row(x, basis, "new", key, view, n, per_x[1][key], x, earlier, score, per_x[2][key]))
        for key, (when, n, seen) in last.items():
            if when == today - 1 and key not in mine:
                first = by_doc[seen].per_document[seen][basis]
                score = log_likelihood(totals[key], 0, total_before, words_x)
                own.append(_row(x, basis, "dropped", key, view, n, first[1][key], seen, earlier, score, first[2][key]))
    own.sort(key=_order)
    for key, n in mine.items():
        held_by = last.get(key)
        if held_by is None:
            totals[key], first_day[key], last[key] = n, today, (today, n, x)
        else:
            totals[key] += n
            if held_by[0] != today or n >= held_by[1]:
                last[key] = (today, n, x)
    group["doc"][x] = (today, words_x)
    group["before_words"][-1] += words_x
    group["before_docs"][-1] += 1
    language = state.language[basis]
    kept = [
        r
        for r in rows
        if not (
            r["basis"] == basis
            and r["status"] == "dropped"
            and r["key"] in mine
            and language.get(r["document_id"]) == lang
        )
    ]
    at = len(kept) if basis == BASES[-1] else next((i for i, r in enumerate(kept) if r["basis"] != basis), len(kept))
    return kept[:at] + own + kept[at:]


def _order(row: dict[str, Any]) -> tuple[str, float, str]:
    return row["status"], -row["score"], row["key"]


def _with(rows: list[dict[str, Any]], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # `rows` with `extra` rows of documents that have rows already, each among its document's rows on its basis
    if not extra:
        return rows
    pending: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in extra:
        pending.setdefault((row["document_id"], row["basis"]), []).append(row)
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(rows):
        block = (rows[i]["document_id"], rows[i]["basis"])
        j = i + 1
        while j < len(rows) and (rows[j]["document_id"], rows[j]["basis"]) == block:
            j += 1
        out.extend(sorted(rows[i:j] + pending.pop(block), key=_order) if block in pending else rows[i:j])
        i = j
    if pending:
        raise LookupError(next(iter(pending)))
    return out
