"""Mentions of organisations, agreements, mechanisms and documents: the gazetteer (gazetteer.yml), a
longest-match alias matcher shared with the actors, and the build step of the mentions table (raw seed offsets
come from `corpus.spans.SpanMap`).

Documents are found two ways: by the gazetteer's aliases (titles, "Resolution No.22"), and by their symbol
(`22-NQ/TW`, `1052/NQ-UBTVQH13`) resolved against the corpus, so that a new seed that cites a held or
referenced document needs no gazetteer entry.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NotRequired, TypedDict, cast

from dashboard.corpus.ids import symbol_key
from dashboard.corpus.load import Corpus, SeedDocument
from dashboard.corpus.normalise import normalise_text
from dashboard.corpus.segment import Provision
from dashboard.corpus.spans import SpanMap, Tables
from dashboard.corpus.yamlfile import read_yaml
from dashboard.errors import InputError
from dashboard.paths import ANALYSIS_DIR

GAZETTEER_FILE = ANALYSIS_DIR / "gazetteer.yml"
ENTITY_KINDS = (
    "organisation",
    "forum",
    "agreement",
    "mechanism",
    "programme",
    "document",
    "country",
    "region",
    "event",
)
# a Vietnamese document symbol: number, then letter groups joined by - or / with at least one slash
# (22-NQ/TW, 01/NQ-CP, 40/QĐ-TTg, 1052/NQ-UBTVQH13); "2021-2030" or "COVID-19" are not symbols
SYMBOL = re.compile(r"(?<![\w/-])\d{1,4}(?:[-/][A-ZĐ][A-Za-zĐđ]*\d*)+(?![\w/])")
_WORD = re.compile(r"[^\W_]+")
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "đ": "d",
        "Đ": "D",
    }
)


# ---------------------------------------------------------------- matching aliases


def fold_keep_length(text: str) -> str:
    """Return `text` without diacritics, with straight quotes and hyphens, one character per character."""
    return text.translate(_FOLDED)


class _FoldTable(dict[int, str]):
    """str.translate's table for fold_keep_length, each character's entry worked out the first time it is met."""

    def __missing__(self, code: int) -> str:
        folded = "".join(
            unicodedata.normalize("NFD", ch)[0] if not ch.isascii() else ch for ch in chr(code).translate(_FOLD)
        )
        self[code] = folded
        return folded


_FOLDED = _FoldTable()


class Entity(TypedDict):
    """An entity of gazetteer.yml."""

    id: str
    name: str
    kind: str  # one of ENTITY_KINDS
    aliases: list[str]
    document_symbol: NotRequired[str]  # for a document


@dataclass(frozen=True)
class Match:
    """One alias found in a text: the key it stands for and its span in the text."""

    key: str
    start: int
    end: int
    surface: str


class AliasMatcher:
    """Whole-word alias matching where the longest match wins.

    Single-word aliases (acronyms such as WHO, DOC, ISO, and "Government") match case-sensitively, otherwise
    "who" or "government agencies" would be hits; longer names match in any case. Quotes, dashes and
    diacritics are folded on both sides.
    """

    def __init__(self, aliases: Iterable[tuple[str, str]], *, names_as_written: bool = False) -> None:
        """`names_as_written`: a name of two capitalised words ("Doi Moi", "East Sea") matches only in capitals,
        since folding diacritics away makes it a common phrase ("đổi mới", innovation)."""
        self.index: dict[str, list[tuple[str, bool, str]]] = {}
        seen: set[tuple[str, str]] = set()
        for alias, key in aliases:
            folded = fold_keep_length(normalise_text(alias))
            words = _WORD.findall(folded)
            if not words or (folded, key) in seen:
                continue
            seen.add((folded, key))
            exact = len(words) == 1 or (names_as_written and len(words) == 2 and all(w[0].isupper() for w in words))
            entry = (folded if exact else folded.casefold(), exact, key)
            self.index.setdefault(words[0].casefold(), []).append(entry)
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def find_all(self, text: str) -> list[Match]:
        """Return every alias occurrence (overlapping ones included), longest first at each position."""
        folded = fold_keep_length(text)
        lower = folded.casefold() if len(folded.casefold()) == len(folded) else folded.lower()
        found: list[Match] = []
        for word in _WORD.finditer(folded):
            pos = word.start()
            if pos and (folded[pos - 1].isalnum() or folded[pos - 1] == "/"):
                continue
            for alias, exact, key in self.index.get(word.group(0).casefold(), []):
                end = pos + len(alias)
                if (folded if exact else lower)[pos:end] == alias and _ends_word(folded, end, alias):
                    found.append(Match(key, pos, end, text[pos:end]))
        return found

    def find(self, text: str) -> list[Match]:
        """Return non-overlapping matches: the longest wins, matches inside it are dropped."""
        return select_longest(self.find_all(text))


def _ends_word(text: str, end: int, alias: str) -> bool:
    if end < len(text) and (text[end].isalnum() or text[end] == "/"):
        return False
    # "Resolution No.22" must not stand for 22/NQ-CP: a number followed by -LETTERS is part of a symbol
    return not (alias[-1].isdigit() and text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha())


def select_longest(matches: list[Match]) -> list[Match]:
    """Return the matches no longer match overlaps, in text order."""
    kept: list[Match] = []
    starts: list[int] = []  # of the kept matches, sorted; they never overlap, so only the last one starting
    ends: list[int] = []  # before a match's end can overlap it (bisection: linear in the text, not quadratic)
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        i = bisect_left(starts, m.end)
        if i and ends[i - 1] > m.start:
            continue
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


# ---------------------------------------------------------------- the gazetteer


@lru_cache(maxsize=1)
def load_gazetteer() -> tuple[Entity, ...]:
    """Return the gazetteer's entities, checked (ids unique, kinds known, aliases present)."""
    data = cast(list[Any], read_yaml(GAZETTEER_FILE) or [])
    seen: set[str] = set()
    for i, raw in enumerate(data, start=1):
        item = cast(dict[str, Any], raw) if isinstance(raw, dict) else {}
        where = f"item {i}"
        if not item.get("id") or not item.get("aliases"):
            raise InputError(GAZETTEER_FILE.name, where, "an entity needs an id and aliases")
        if item["id"] in seen:
            raise InputError(GAZETTEER_FILE.name, f"{where}.id", f"duplicate id {item['id']!r}")
        if item.get("kind") not in ENTITY_KINDS:
            raise InputError(GAZETTEER_FILE.name, f"{where}.kind", f"unknown kind {item.get('kind')!r}")
        seen.add(item["id"])
    return tuple(cast(list[Entity], data))


def entity_rows(corpus: Corpus) -> list[dict[str, Any]]:
    """Return the gazetteer's entities, plus one per corpus document the gazetteer does not name."""
    rows: list[dict[str, Any]] = []
    named: set[str | None] = set()
    for item in load_gazetteer():
        symbol = str(item.get("document_symbol") or "")
        doc_id = corpus.resolve(symbol) if symbol else None
        if symbol and doc_id is None:  # a symbol several documents share: the entry's id names its document
            doc_id = corpus.resolve(item["id"])
        named.add(doc_id)
        rows.append(
            {
                "id": item["id"],
                "name": item["name"],
                "kind": item["kind"],
                "aliases": list(dict.fromkeys(normalise_text(a) for a in item["aliases"])),
                "document_symbol": symbol,
                "document_id": doc_id or "",
                "origin": "gazetteer",
            }
        )
    taken = {row["id"] for row in rows}
    for meta in corpus.all_meta():
        # an id is never given twice (a gazetteer entry's id is a document id in lower case)
        if meta.id not in named and meta.id.lower() not in taken:
            rows.append(
                {
                    "id": meta.id.lower(),
                    "name": f"{meta.symbol}: {meta.title_en}",
                    "kind": "document",
                    "aliases": [meta.symbol],
                    "document_symbol": meta.symbol,
                    "document_id": meta.id,
                    "origin": "corpus",
                }
            )
    return rows


@dataclass
class MentionContext:
    """What one document's mentions depend on besides its own text: the gazetteer (entities of the gazetteer and
    of the corpus), their matcher, and the corpus's documents (symbols resolve against them)."""

    corpus: Corpus
    entities: list[dict[str, Any]]
    matcher: AliasMatcher
    by_document: dict[str, str]
    kinds: dict[str, str]  # grows by the unknown symbols' keys as documents are read
    entity_kinds: dict[str, str]  # the entities' kinds alone


def mention_context(corpus: Corpus) -> MentionContext:
    """Return the gazetteer and its matcher for `corpus`."""
    entities = entity_rows(corpus)
    matcher = AliasMatcher(((a, e["id"]) for e in entities for a in e["aliases"]), names_as_written=True)
    by_document = {e["document_id"]: e["id"] for e in entities if e["document_id"]}
    kinds = {e["id"]: e["kind"] for e in entities}
    return MentionContext(corpus, entities, matcher, by_document, kinds, dict(kinds))


def document_mentions(doc: SeedDocument, ctx: MentionContext) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Return one document's mention rows and the symbols it names that the corpus does not know (key → symbol,
    in order of first mention). They depend on the document and the gazetteer only (`mention_fingerprint`)."""
    mentions: list[dict[str, Any]] = []
    unknown: dict[str, str] = {}
    for p in doc.provisions:
        # ctx.kinds gains the unknown symbols' keys as "document": never an entity's id, so no other document's
        # mentions change with them
        found = provision_mentions(p, ctx.matcher, ctx.kinds, ctx.by_document, ctx.corpus, unknown)
        spans = SpanMap(doc.raw, p.start, p.end) if found else None  # built only where there is a mention
        for m in found:
            raw = spans.raw_span(m.start, m.end) if spans else None
            mentions.append(
                {
                    "provision_id": p.id,
                    "entity_id": m.key,
                    "document_id": p.document_id,
                    "surface": m.surface,
                    "start": raw[0] if raw else None,
                    "end": raw[1] if raw else None,
                    "own_text": p.own_text,
                    "self_reference": ctx.by_document.get(p.document_id) == m.key,
                }
            )
    return mentions, unknown


def mention_lookups(doc: SeedDocument) -> tuple[frozenset[str], tuple[str, ...]]:
    """Return what matching looks up in the gazetteer for `doc`: its words (folded, casefolded) and the document
    symbols it writes."""
    words: set[str] = set()
    symbols: set[str] = set()
    for p in doc.provisions:
        words.update(w.casefold() for w in _WORD.findall(fold_keep_length(p.text)))
        symbols.update(s.group(0) for s in SYMBOL.finditer(p.text) if "/" in s.group(0))
    return frozenset(words), tuple(sorted(symbols))


def mention_fingerprint(doc_id: str, lookups: tuple[frozenset[str], tuple[str, ...]], ctx: MentionContext) -> str:
    """Return a hash of the part of the gazetteer `document_mentions` reads for a document with these lookups
    (`mention_lookups`): the aliases starting with one of its words, what its symbols resolve to, the kinds of
    those entities and the document's own entity. Equal fingerprints, equal mentions (for the same text)."""
    words, symbols = lookups
    index = ctx.matcher.index
    entries = [(w, index[w]) for w in sorted(words & index.keys())]
    keys = {key for _w, es in entries for _a, _e, key in es}
    resolved: list[tuple[str, str | None]] = []
    for sym in symbols:
        key = ctx.by_document.get(ctx.corpus.resolve(sym) or "")
        keys.add(key or symbol_key(sym))
        resolved.append((sym, key))
    kinds = sorted((k, ctx.entity_kinds.get(k)) for k in keys)
    state = (doc_id, ctx.by_document.get(doc_id), entries, resolved, kinds)
    return hashlib.sha256(repr(state).encode("utf-8")).hexdigest()


def mention_tables(ctx: MentionContext, per_document: Iterable[tuple[list[dict[str, Any]], dict[str, str]]]) -> Tables:
    """Return the entities and mentions tables from each document's `document_mentions`, in corpus order."""
    entities = list(ctx.entities)
    mentions: list[dict[str, Any]] = []
    symbols_unknown: dict[str, str] = {}
    for rows, unknown in per_document:
        mentions.extend(rows)
        for key, symbol in unknown.items():
            symbols_unknown.setdefault(key, symbol)
    for key, symbol in symbols_unknown.items():
        entities.append(
            {
                "id": key,
                "name": symbol,
                "kind": "document",
                "aliases": [symbol],
                "document_symbol": symbol,
                "document_id": "",
                "origin": "symbol",
            }
        )
    return {"entities": entities, "mentions": mentions}


def mentions_step(corpus: Corpus, tables: Tables) -> Tables:
    """Build step: return the entities and mentions tables."""
    ctx = mention_context(corpus)
    return mention_tables(ctx, (document_mentions(doc, ctx) for doc in corpus.documents))


def provision_mentions(
    p: Provision,
    matcher: AliasMatcher,
    kinds: dict[str, str],
    by_document: dict[str, str],
    corpus: Corpus,
    unknown: dict[str, str],
) -> list[Match]:
    """Return the entity mentions of one provision, in text order.

    A document named inside a longer name of another document is kept: the title "Government's Action Program
    to implement Resolution No. 59-NQ/TW" mentions 153/NQ-CP and 59-NQ/TW.
    """
    found = matcher.find_all(p.text)
    for sym in SYMBOL.finditer(p.text):
        if "/" not in sym.group(0):
            continue
        doc_id = corpus.resolve(sym.group(0))
        key = by_document.get(doc_id or "")
        if key is None:  # a symbol the corpus does not know still names a document
            key = symbol_key(sym.group(0))
            unknown.setdefault(key, sym.group(0))
            kinds.setdefault(key, "document")
        found.append(Match(key, sym.start(), sym.end(), sym.group(0)))
    kept = select_longest(found)
    titles = [k for k in kept if kinds.get(k.key) == "document"]  # in text order, never overlapping
    kept_set = set(kept)
    nested = [m for m in found if m not in kept_set and kinds.get(m.key) == "document" and _in_title(m, titles)]
    out: dict[tuple[str, int], Match] = {}
    for m in sorted(kept + select_longest(nested), key=lambda m: (m.start, -m.end)):
        out.setdefault((m.key, m.start), m)
    return list(out.values())


def _in_title(m: Match, titles: list[Match]) -> bool:
    """Whether `m` lies inside a title of another entity. The titles do not overlap, so only the last one
    starting at or before `m` can hold it (a bisection, where testing every title was quadratic on a long line)."""
    i = bisect_right(titles, m.start, key=lambda k: k.start)
    return bool(i) and m.end <= titles[i - 1].end and titles[i - 1].key != m.key
