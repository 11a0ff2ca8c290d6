"""Term emergence: which terms each document brings in that no earlier document used, and which terms stop.

Three kinds of term: single content `word`s, `phrase`s (runs of two or three content words seen at least
twice in the corpus, such as "climate change" or "free trade agreements") and `codebook` terms the tagger
matched (such as "digital transformation", "protection of citizens", "Agenda 2030"; a word or phrase that is
also a codebook term is listed once, as codebook, with its themes). Terms are keyed by Snowball stems
(analysis.keyness), so "agreement" and "agreements" are one term.

A term is `new` in document D when D uses it and no document issued before D does; it is `dropped` at D when
the documents issued just before D were the last to use it and neither D nor any later document does. The
first date of the corpus has no earlier document, so it has no rows. Documents issued the same day are not
earlier than one another. Like theme shares, emergence is computed on two bases (own text, all text);
comparing a full text with a summary makes many terms look new or dropped, so read it with the documents'
coverage. Texts are compared only with earlier texts in their own language (`provisions.language`): a
Vietnamese original is not new against English translations, nor does it drop their English words; the first
text in a language has no rows, like the first date of the corpus.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dashboard.analysis.keyness import TermCounts, is_true, iter_terms, log_likelihood, records
from dashboard.analysis.vi_words import word_units
from dashboard.corpus.load import Corpus

BASES = ("own", "all")
MAX_N = 3
MIN_PHRASE_COUNT = 2  # a phrase seen once in the whole corpus is a chance run of words, not a term
_LEAD = re.compile(r"^(?:\w+ly|shall|must|should|may|need|needs)\b", re.I)


Aggregate = tuple[dict[str, int], dict[str, int], dict[str, str]]  # counts, provisions using, first provision


@dataclass
class TermInventory:
    """Term counts per provision, with each term's kind, themes and written forms."""

    per_provision: dict[str, Counter[str]] = field(default_factory=dict[str, Counter[str]])
    kinds: dict[str, str] = field(default_factory=dict[str, str])
    themes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    forms: TermCounts = field(default_factory=TermCounts)
    # per document and basis: its counts, the number of its provisions using each term and the first of them
    per_document: dict[str, dict[str, Aggregate]] = field(default_factory=dict[str, dict[str, "Aggregate"]])

    # The build cache pickles one inventory per document and the build only merges them (`_merge`): what that
    # reads is kept, as plain dicts (a Counter unpickles through Counter.update, in Python; turning each dict back
    # into a Counter was half of reading the cache). The per-provision counts (summed into `per_document` when
    # counted) and the forms' totals are not kept: an unpickled inventory is for merging.
    def __getstate__(self) -> dict[str, Any]:
        return {
            "kinds": self.kinds,
            "themes": dict(self.themes),
            "forms": {k: dict(v) for k, v in self.forms.forms.items()},
            "per_document": self.per_document,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.per_provision = {}
        self.kinds = state["kinds"]
        self.themes = defaultdict(set, state["themes"])
        # each term's written forms stay plain dicts: _MergedForms sums them for the displayed terms only
        self.forms = TermCounts(Counter(), defaultdict(Counter, state["forms"]))
        self.per_document = state["per_document"]


def _counter(counts: dict[str, int]) -> Counter[str]:
    # a Counter of `counts`, filled by dict.update (in C; Counter's own update is Python)
    out: Counter[str] = Counter()
    super(Counter, out).update(counts)
    return out


def term_emergence_rows(
    documents: Any, provisions: Any, provision_themes: Any, counted: Iterable[TermInventory] | None = None
) -> list[dict[str, Any]]:
    """Return the new and dropped terms of every held document, on both bases, strongest (G²) first.

    `counted`: the term counts of each document (`count_document_terms`), in corpus order, when the build has
    them already (its per-document step computes and caches them); otherwise they are counted here.
    """
    provisions = records(provisions)
    inventory = _finish(_merge(counted)) if counted is not None else _inventory(provisions, records(provision_themes))
    held = sorted(
        (d for d in records(documents) if is_true(d.get("held", True))), key=lambda d: (str(d["issued"]), d["id"])
    )
    order = {d["id"]: i for i, d in enumerate(held)}
    out: list[dict[str, Any]] = []
    for basis in BASES:
        chosen = [p for p in provisions if basis == "all" or is_true(p.get("own_text"))]
        for language in sorted({str(p.get("language") or "") for p in chosen}):
            same = [p for p in chosen if str(p.get("language") or "") == language]
            out.extend(_emergence(held, same, inventory, basis))
    # documents in order of issue, whatever their language
    return sorted(out, key=lambda r: (BASES.index(r["basis"]), order[r["document_id"]]))


def term_emergence_step(corpus: Corpus, tables: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Build step: add the term_emergence table (needs documents, provisions and provision_themes)."""
    return {
        "term_emergence": term_emergence_rows(tables["documents"], tables["provisions"], tables["provision_themes"])
    }


def _inventory(provisions: list[dict[str, Any]], provision_themes: list[dict[str, Any]]) -> TermInventory:
    return _finish(count_document_terms(provisions, provision_themes))


def count_document_terms(provisions: list[dict[str, Any]], provision_themes: list[dict[str, Any]]) -> TermInventory:
    """Return the term counts of some provisions (one document's, in the build): the expensive part of term
    emergence, which depends on those provisions only, so the build's per-document step computes and caches it.
    Kinds are not final yet (codebook terms and weak phrases are settled over the whole corpus, `_finish`)."""
    inv = TermInventory()
    evidence: dict[str, dict[tuple[int, int], tuple[str, str]]] = defaultdict(dict)
    for row in provision_themes:
        for text, start, end in zip(row["evidence"], row["starts"], row["ends"], strict=True):
            evidence[row["provision_id"]][(int(start), int(end))] = (text, row["theme_id"])
            inv.themes[_key(text)].add(row["theme_id"])
    for p in provisions:
        counts: Counter[str] = Counter()
        for key, surface in iter_terms(p["text"], max_n=MAX_N):
            counts[key] += 1
            inv.forms.add(key, surface)
        for key in counts:
            if key not in inv.kinds:
                inv.kinds[key] = "phrase" if " " in key else "word"
        # codebook terms with a stop word or a number inside ("protection of citizens", "Agenda 2030") are not
        # among the content-word runs: count their matches as the tagger found them
        extra: Counter[str] = Counter()
        for (_start, _end), (text, _theme) in sorted(evidence[p["id"]].items()):
            key = _key(text)
            if key not in counts:
                extra[key] += 1
                inv.forms.add(key, text if sum(c.isupper() for c in text) >= 2 else text.lower())
        counts.update(extra)
        inv.per_provision[p["id"]] = counts
    for p in provisions:
        bases = inv.per_document.setdefault(p["document_id"], {b: ({}, {}, {}) for b in BASES})
        for basis in BASES if is_true(p.get("own_text")) else BASES[1:]:
            total, spread, first = bases[basis]
            for key, n in inv.per_provision[p["id"]].items():
                total[key] = total.get(key, 0) + n
                spread[key] = spread.get(key, 0) + 1
                first.setdefault(key, p["id"])
    return inv


class _MergedForms(TermCounts):
    """The written forms of several documents' terms, summed only for the terms displayed (a fraction of them):
    `display` alone is read from a merged inventory, so `counts` stays empty."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: dict[str, list[Counter[str]]] = {}

    def update(self, other: TermCounts) -> None:
        for key, forms in other.forms.items():
            self.parts.setdefault(key, []).append(forms)

    def display(self, key: str) -> str:
        if key not in self.forms:
            parts = self.parts.get(key)
            if not parts:
                return key
            merged: dict[str, int] = {}
            for forms in parts:  # summed by hand: Counter.update costs a type check and a call per part
                for form, n in forms.items():
                    merged[form] = merged.get(form, 0) + n
            self.forms[key] = _counter(merged)
        return super().display(key)


def _merge(parts: Iterable[TermInventory]) -> TermInventory:
    """Return the counts of several documents together (in the order given: corpus order)."""
    inv = TermInventory(forms=_MergedForms())
    for part in parts:
        for key, kind in part.kinds.items():
            inv.kinds.setdefault(key, kind)
        for key, themes in part.themes.items():
            inv.themes[key].update(themes)
        inv.forms.update(part.forms)
        inv.per_document.update(part.per_document)
    return inv


def _finish(inv: TermInventory) -> TermInventory:
    """Settle the kinds over the whole corpus: codebook terms, and phrases that are not terms dropped."""
    for key in inv.themes:
        inv.kinds[key] = "codebook"
    totals: dict[str, int] = {}
    for bases in inv.per_document.values():
        for key, n in bases["all"][0].items():
            totals[key] = totals.get(key, 0) + n
    for key in _weak_phrases(inv.kinds, totals, inv.forms):
        del inv.kinds[key]
    return inv


def _weak_phrases(kinds: Mapping[str, str], totals: Mapping[str, int], forms: TermCounts) -> set[str]:
    """Return the phrases that are not terms: rare ones, ones led by an adverb or a modal ("effectively
    implement", "shall lead"), and ones always nested in the same longer phrase ("change adaptation" inside
    "climate change adaptation", the C-value idea of nested terms)."""
    phrases = [k for k, kind in kinds.items() if kind == "phrase"]
    longer: dict[str, list[str]] = {}
    for key in phrases:
        for part in nested_in(key):
            if kinds.get(part) == "phrase":
                longer.setdefault(part, []).append(key)
    return {
        k
        for k in phrases
        if weak_phrase(totals.get(k, 0), lambda k=k: forms.display(k), [totals.get(p, 0) for p in longer.get(k, ())])
    }


def nested_in(phrase: str) -> set[str]:
    """Return the phrases `phrase` starts and ends with, one word shorter ("change adaptation" and "climate
    change" in "climate change adaptation"): the ones it may always hold (see weak_phrase)."""
    words = phrase.split()
    return {" ".join(words[1:]), " ".join(words[:-1])}


def weak_phrase(total: int, written: Callable[[], str], longer_totals: Iterable[int]) -> bool:
    """Return True when a phrase is not a term: rarer than MIN_PHRASE_COUNT, always inside one of the longer
    phrases it is nested in (`longer_totals`: their counts; the same count means every occurrence is inside it),
    or led by an adverb or a modal in its commonest written form (`written`, asked last: merging a phrase's
    forms over the corpus costs). The one rule of the full computation and of an add (dataset.terms_state)."""
    if total < MIN_PHRASE_COUNT or any(n == total for n in longer_totals):
        return True
    return bool(_LEAD.search(written()))


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    return " ".join(stem for _word, stem, _start, _end in word_units(text))


def _emergence(
    held: list[dict[str, Any]],
    provisions: list[dict[str, Any]],
    inv: TermInventory,
    basis: str,
    aux: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    with_text = {p["document_id"] for p in provisions}
    docs = [d for d in held if d["id"] in with_text]  # in order of issue (date, then id)
    kinds = inv.kinds
    dates: list[str] = []
    day: list[int] = []  # each document's date, as its index in `dates`
    counts: list[dict[str, int]] = []  # each document's counts over its provisions, of the terms the corpus keeps
    words: list[int] = []
    # one pass in order of issue: each term's total uses, the date it is first used, and the last document to
    # use it (latest date, then most uses, then id: a later document of the same date wins a tie, its id is later)
    totals: dict[str, int] = {}
    first_day: dict[str, int] = {}
    last: dict[str, tuple[int, int, int]] = {}  # (date, uses, document), as indexes
    for i, d in enumerate(docs):
        if not dates or dates[-1] != str(d["issued"]):
            dates.append(str(d["issued"]))
        today = len(dates) - 1
        total = inv.per_document[d["id"]][basis][0]
        mine = {k: n for k, n in total.items() if k in kinds}
        counts.append(mine)
        day.append(today)
        words.append(sum(n for k, n in mine.items() if kinds[k] == "word"))
        for key, n in mine.items():
            held_by = last.get(key)
            if held_by is None:
                totals[key] = n
                first_day[key] = today
                last[key] = (today, n, i)
            else:
                totals[key] += n
                if held_by[0] != today or n >= held_by[1]:
                    last[key] = (today, n, i)
    ending: dict[int, list[str]] = defaultdict(list)  # the terms whose last use is on each date
    for key, (when, _n, _doc) in last.items():
        ending[when].append(key)
    rows: list[dict[str, Any]] = []
    total_before = earlier = 0  # the words and the documents issued before the current date
    i = 0
    while i < len(docs):
        today = day[i]
        j = i
        while j < len(docs) and day[j] == today:
            j += 1
        for k in range(i, j) if today else ():
            doc, per_doc = docs[k]["id"], inv.per_document[docs[k]["id"]][basis]
            for key, n in counts[k].items():
                if first_day[key] == today:  # no document issued before this date uses it
                    score = log_likelihood(n, 0, words[k], total_before)
                    rows.append(_row(doc, basis, "new", key, inv, n, per_doc[1][key], doc, earlier, score,
                                     per_doc[2][key]))
            for key in ending[today - 1]:
                _when, n, at = last[key]
                seen = docs[at]["id"]
                first = inv.per_document[seen][basis]
                # every use of the term is before this date
                score = log_likelihood(totals[key], 0, total_before, words[k])
                rows.append(_row(doc, basis, "dropped", key, inv, n, first[1][key], seen, earlier, score,
                                 first[2][key]))
        total_before += sum(words[i:j])
        earlier += j - i
        i = j
    if aux is not None:  # the pass's running state, for an add (dataset.terms_state)
        aux.update(dates=dates, docs=[d["id"] for d in docs], day=day, words=words, totals=totals,
                   first_day=first_day, last={k: (w, n, docs[i]["id"]) for k, (w, n, i) in last.items()})
    order = {d["id"]: i for i, d in enumerate(docs)}
    return sorted(rows, key=lambda r: (order[r["document_id"]], r["status"], -r["score"], r["key"]))


def _row(
    doc: str,
    basis: str,
    status: str,
    key: str,
    inv: TermInventory,
    count: int,
    provisions: int,
    seen_in: str,
    earlier: int,
    score: float,
    example: str,
) -> dict[str, Any]:
    return {
        "document_id": doc,
        "basis": basis,
        "status": status,
        "term": inv.forms.display(key),
        "key": key,
        "kind": inv.kinds[key],
        "theme_ids": sorted(inv.themes.get(key, ())),
        "count": count,
        "provisions": provisions,
        "seen_in": seen_in,
        "earlier_documents": earlier,
        "score": round(score, 4),
        "example_provision_id": example,
    }
