"""Term emergence over a build cache: the running state of a full computation, which an add goes on from.

A full computation (`terms.term_emergence_rows` over the documents' cached counts) also returns its state: the
rows, each term's kind, themes, written forms and corpus totals, and per basis and language the pass's running
state (each term's totals, first date and last document; each document's date and words). `dataset.terms_add`
adds a document to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dashboard.analysis.keyness import commonest_form, is_true, records
from dashboard.analysis.terms import (  # the pass and its pieces, shared with the full computation
    BASES,
    TermInventory,
    _emergence,  # pyright: ignore[reportPrivateUsage]
    _finish,  # pyright: ignore[reportPrivateUsage]
    _merge,  # pyright: ignore[reportPrivateUsage]
    nested_in,
    weak_phrase,
)

FORMAT = 1


@dataclass
class TermState:
    """What a pure add needs of the previous computation (pickled in the build cache)."""

    keys: list[str]  # the documents' cache keys, in corpus order
    rows: list[dict[str, Any]]
    last_held: tuple[str, str]  # the latest held document: (issued, id)
    raw_kinds: dict[str, str]  # before the corpus settles them: word or phrase
    kinds: dict[str, str]
    themes: dict[str, set[str]]
    totals: dict[str, int]  # corpus totals, all text
    forms: dict[str, dict[str, int]]
    parents: dict[str, list[str]]  # a phrase: the longer phrases that start or end with it
    language: dict[str, dict[str, str]]  # basis: document: its language
    groups: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict[tuple[str, str], dict[str, Any]])
    format: int = FORMAT


display = commonest_form  # a term's commonest written form, as keyness.TermCounts.display gives it


def _held(documents: Any) -> list[dict[str, Any]]:
    return sorted(
        (d for d in records(documents) if is_true(d.get("held", True))), key=lambda d: (str(d["issued"]), d["id"])
    )


def full(
    documents: Any, provisions: Any, counted: Sequence[TermInventory], keys: list[str]
) -> tuple[list[dict[str, Any]], TermState | None]:
    """Return terms.term_emergence_rows' rows over `counted`, and the state an add goes on from (None when a
    document has text in two languages on one basis)."""
    provisions = records(provisions)
    inv = _finish(_merge(counted))
    held = _held(documents)
    order = {d["id"]: i for i, d in enumerate(held)}
    out: list[dict[str, Any]] = []
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    language: dict[str, dict[str, str]] = {}
    single = True
    for basis in BASES:
        chosen = [p for p in provisions if basis == "all" or is_true(p.get("own_text"))]
        mine = language[basis] = {}
        for p in chosen:
            lang = str(p.get("language") or "")
            single = single and mine.setdefault(p["document_id"], lang) == lang
        for lang in sorted({str(p.get("language") or "") for p in chosen}):
            same = [p for p in chosen if str(p.get("language") or "") == lang]
            aux = groups[(basis, lang)] = {}
            out.extend(_emergence(held, same, inv, basis, aux))
    rows = sorted(out, key=lambda r: (BASES.index(r["basis"]), order[r["document_id"]]))
    if not single or not held:
        return rows, None
    raw: dict[str, str] = {}
    forms: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    owned: set[str] = set()  # the terms whose forms are this state's own dict
    for part in counted:
        for key, kind in part.kinds.items():
            raw.setdefault(key, kind)
        for key, fs in part.forms.forms.items():
            merged = forms.get(key)
            if merged is None:  # a term's first document's forms are shared, copied when a second one adds its
                forms[key] = fs
                continue
            if key not in owned:
                merged = forms[key] = dict(merged)
                owned.add(key)
            for form, n in fs.items():
                merged[form] = merged.get(form, 0) + n
        for bases in part.per_document.values():
            for key, n in bases["all"][0].items():
                totals[key] = totals.get(key, 0) + n
    state = TermState(
        keys=list(keys),
        rows=rows,
        last_held=(str(held[-1]["issued"]), held[-1]["id"]),
        raw_kinds=raw,
        kinds=dict(inv.kinds),
        themes={k: set(v) for k, v in inv.themes.items()},
        totals=totals,
        forms=forms,
        parents={},
        language=language,
        groups=groups,
    )
    for key in raw:
        link(state, key)
    for aux in groups.values():
        _index_group(aux)
    return rows, state


def link(state: TermState, key: str) -> None:
    # record `key` (a phrase, not a codebook term) as the longer phrase of the phrases it starts and ends with
    if state.raw_kinds.get(key) != "phrase" or key in state.themes:
        return
    for part in nested_in(key):
        state.parents.setdefault(part, []).append(key)


def _index_group(aux: dict[str, Any]) -> None:
    # each document's date and words by id, and the words and documents issued before each date
    aux["doc"] = {d: (day, w) for d, day, w in zip(aux.pop("docs"), aux.pop("day"), aux.pop("words"), strict=True)}
    before_words = [0] * (len(aux["dates"]) + 1)
    before_docs = [0] * (len(aux["dates"]) + 1)
    for day, w in aux["doc"].values():
        before_words[day + 1] += w
        before_docs[day + 1] += 1
    for t in range(1, len(before_words)):
        before_words[t] += before_words[t - 1]
        before_docs[t] += before_docs[t - 1]
    aux["before_words"], aux["before_docs"] = before_words, before_docs


def weak(state: TermState, key: str) -> bool:
    # terms.weak_phrase for one phrase, over the state's totals, forms and longer phrases
    longer = [state.totals.get(p, 0) for p in state.parents.get(key, ())]
    return weak_phrase(state.totals.get(key, 0), lambda: display(state.forms.get(key), key), longer)


class View:
    """What terms._row reads of an inventory (kinds, themes, forms.display), over a state."""

    def __init__(self, state: TermState) -> None:
        self.kinds = state.kinds
        self.themes = state.themes
        self.forms = self
        self._forms = state.forms

    def display(self, key: str) -> str:
        return display(self._forms.get(key), key)
