"""The theme tagger: every theme of the codebook a text substantially addresses, with a score and evidence.

Matching runs on the shared tokeniser's words (analysis.text) reduced to their dictionary lemma (simplemma),
so plurals and inflections match ("partnerships", "raising awareness") but derivations do not ("related" is
not "relations", "technological" is not "technology", "government" is not "governance"), with one
Aho-Corasick automaton (pyahocorasick) over the text's lemma sequence: linear in the number of words, however
many terms the codebook holds. How the matches become scores is written at the top of codebook.yml, so that a
reader can see from the codebook alone why a provision got a theme.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol, cast

import ahocorasick

from dashboard.analysis.codebook import (
    NEUTRAL,
    QUALIFIER,
    SIDE,
    SIDE_AFTER_COMMA,
    Term,
    lexicon,
    tagger_settings,
    theme_ids,
)
from dashboard.analysis.theme_clauses import in_any, side_clause
from dashboard.analysis.theme_words import BOUNDARY as BOUNDARY  # re-exported
from dashboard.analysis.theme_words import WordKeys, is_acronym, key_ends, word_keys
from dashboard.analysis.theme_words import lemma as lemma  # re-exported
from dashboard.analysis.theme_words import lemma_key as lemma_key  # re-exported
from dashboard.analysis.theme_words import word_key as word_key  # re-exported
from dashboard.corpus.load import Corpus
from dashboard.corpus.normalise import normalise_text
from dashboard.corpus.spans import SpanMap

# what may stand between the items of a list of fields: "culture, society, tourism and the environment"
_LIST_GAP = re.compile(r"[\s,/&\-–]*(?:(?:and|or|as well as|và|hoặc|cũng như)\b[\s,/&\-–]*)?(?:the\s+)?", re.I)


@dataclass(frozen=True)
class Evidence:
    """One matched term: the codebook term, the words as they stand in the text, their span and cue weight."""

    term: str
    text: str
    start: int
    end: int
    weight: float

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form used by `policy-timeline tag --json`."""
        return {"term": self.term, "text": self.text, "start": self.start, "end": self.end, "weight": self.weight}


@dataclass(frozen=True)
class ThemeTag:
    """A theme a text carries: its id, its score in [0, 1] and the evidence, in text order."""

    id: str
    score: float
    evidence: tuple[Evidence, ...]

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form used by `policy-timeline tag --json`."""
        return {"id": self.id, "score": self.score, "evidence": [e.as_dict() for e in self.evidence]}


@dataclass(frozen=True)
class _Pattern:
    terms: tuple[Term, ...]
    length: int  # in key positions (words and boundaries)
    caps: tuple[int, ...]  # positions whose word must be written in capitals (acronyms)


class _Automaton(Protocol):
    """What the tagger uses of ahocorasick.Automaton (a C extension without type hints), keyed by str."""

    def __len__(self) -> int: ...
    def add_word(self, key: str, value: _Pattern, /) -> bool: ...
    def make_automaton(self) -> None: ...
    def iter(self, string: str, /) -> Iterator[tuple[int, _Pattern]]: ...


@dataclass
class _Match:
    start: int  # first key position
    end: int  # last key position + 1
    pattern: _Pattern
    char_start: int = 0
    char_end: int = 0


class Tagger:
    """A compiled codebook: call `tag(text)` for the themes of one text."""

    def __init__(
        self,
        terms: Iterable[Term] | None = None,
        settings: Mapping[str, Any] | None = None,
        order: Iterable[str] | None = None,
    ) -> None:
        settings = settings or tagger_settings()
        self.threshold = float(settings["threshold"])
        self.strong = float(settings["weights"]["strong"])
        self.side_factor = float(settings["side_clause_factor"])
        self.order = {theme: i for i, theme in enumerate(order or theme_ids())}
        frame_heads: list[Any] = settings.get("frame_heads") or []
        self.frame_heads = {" ".join(word_keys(str(h)).keys) for h in frame_heads}
        # no type hints in the C extension: typed by the _Automaton protocol
        self._automaton = cast(_Automaton, ahocorasick.Automaton())  # pyright: ignore[reportUnknownMemberType]
        grouped: dict[str, list[Term]] = defaultdict(list)
        caps: dict[str, tuple[int, ...]] = {}
        lengths: dict[str, int] = {}
        for term in terms if terms is not None else lexicon():
            words = word_keys(term.text)
            if not words.keys:
                continue
            key = f" {' '.join(words.keys)} "
            grouped[key].append(term)
            lengths[key] = len(words.keys)
            caps[key] = tuple(
                p
                for p, (start, end) in enumerate(zip(words.starts, words.ends, strict=True))
                if start >= 0 and is_acronym(term.text[start:end])
            )
        for key, group in grouped.items():
            self._automaton.add_word(key, _Pattern(tuple(group), lengths[key], caps[key]))
        if len(self._automaton):
            self._automaton.make_automaton()

    def tag(self, text: str, *, threshold: float | None = None) -> list[ThemeTag]:
        """Return the themes `text` carries (score at or above the threshold), strongest first.

        Args:
            text: any text; spans in the evidence are offsets into it (Unicode code points).
            threshold: override the codebook's threshold (0 returns every theme with any cue).
        """
        limit = self.threshold if threshold is None else threshold
        cues = self.cues(text)
        tags: list[ThemeTag] = []
        for theme, evidence in cues.items():
            best: dict[str, float] = {}
            for ev in evidence:
                best[ev.term] = max(best.get(ev.term, 0.0), ev.weight)
            miss = 1.0
            for weight in best.values():
                miss *= 1.0 - weight
            score = round(1.0 - miss, 4)
            if score > 0 and score >= limit - 1e-9:
                tags.append(ThemeTag(theme, score, tuple(sorted(evidence, key=lambda e: (e.start, e.end)))))
        return sorted(tags, key=lambda t: (-t.score, self.order.get(t.id, 99)))

    def cues(self, text: str) -> dict[str, list[Evidence]]:
        """Return every cue found in `text` per theme, after the list-of-fields and side-clause rules."""
        words = word_keys(text)
        if not words.keys:
            return {}
        matches = self._drop_frames(self._select(self._candidates(text, words)), words.keys)

        def kind(m: _Match) -> str:
            return m.pattern.terms[0].themes[0]

        themed = [m for m in matches if kind(m) not in (NEUTRAL, SIDE, SIDE_AFTER_COMMA, QUALIFIER)]
        boosted = self._in_lists(text, themed)
        sides = [
            side_clause(text, m.char_start, after_comma=kind(m) == SIDE_AFTER_COMMA)
            for m in matches
            if kind(m) in (SIDE, SIDE_AFTER_COMMA)
        ]
        out: dict[str, list[Evidence]] = defaultdict(list)
        in_side = in_any(sides)
        for m in themed:
            surface = text[m.char_start : m.char_end]
            side = in_side(m.char_start)
            # terms of one pattern share their stems ("culture", "cultural"): one cue per theme, the heaviest
            best: dict[str, tuple[float, str]] = {}
            for term in m.pattern.terms:
                weight = max(term.weight, self.strong) if term.field and id(m) in boosted else term.weight
                for theme in term.themes:
                    if theme != NEUTRAL and weight > best.get(theme, (-1.0, ""))[0]:
                        best[theme] = (weight, term.text)
            for theme, (weight, label) in best.items():
                weight = round(weight * (self.side_factor if side else 1.0), 4)
                out[theme].append(Evidence(label, surface, m.char_start, m.char_end, weight))
        return {theme: _dedupe(evs) for theme, evs in out.items()}

    def _candidates(self, text: str, words: WordKeys) -> list[_Match]:
        found: list[_Match] = []
        if not len(self._automaton):
            return found
        ends = key_ends(words.keys)
        for end_char, pattern in self._automaton.iter(f" {' '.join(words.keys)} "):
            last = ends[end_char]
            first = last - pattern.length + 1
            if all(is_acronym(text[words.starts[first + p] : words.ends[first + p]]) for p in pattern.caps):
                found.append(_Match(first, last + 1, pattern, words.starts[first], words.ends[last]))
        return found

    @staticmethod
    def _select(candidates: list[_Match]) -> list[_Match]:
        # the longest term at a place wins; its words are not counted again by a shorter term inside it
        taken: set[int] = set()
        chosen: list[_Match] = []
        for m in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
            span = range(m.start, m.end)
            if not taken.intersection(span):
                taken.update(span)
                chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)

    def _drop_frames(self, matches: list[_Match], keys: list[str]) -> list[_Match]:
        # a frame head ("môi trường", "an ninh") right before another theme's term or a qualifier is that
        # term's frame: "môi trường hòa bình" is peace, "môi trường thuận lợi" nothing, not the environment
        if not self.frame_heads:
            return matches
        dropped: set[int] = set()
        for m, after in zip(matches, matches[1:], strict=False):
            if after.start != m.end or " ".join(keys[m.start : m.end]) not in self.frame_heads:
                continue
            head = {t for term in m.pattern.terms for t in term.themes}
            if not head & {t for term in after.pattern.terms for t in term.themes}:
                dropped.add(id(m))
        return [m for m in matches if id(m) not in dropped]

    @staticmethod
    def _in_lists(text: str, matches: list[_Match]) -> set[int]:
        # items joined only by commas, slashes, dashes, "and"/"or" form a list; when two or more of them name
        # fields ("culture, society, tourism and the environment"), each field named in it counts as strong
        boosted: set[int] = set()
        run: list[_Match] = []
        for m in [*matches, None]:
            if m is not None and run and _LIST_GAP.fullmatch(text, run[-1].char_end, m.char_start):
                run.append(m)
                continue
            fields = [x for x in run if any(t.field for t in x.pattern.terms)]
            if len(fields) >= 2:
                boosted.update(id(x) for x in fields)
            run = [m] if m is not None else []
        return boosted


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen: dict[tuple[str, int, int], Evidence] = {}
    for ev in evidence:
        key = (ev.term, ev.start, ev.end)
        if key not in seen or ev.weight > seen[key].weight:
            seen[key] = ev
    return list(seen.values())


@lru_cache(maxsize=1)
def get_tagger() -> Tagger:
    """Return the tagger compiled from the shipped codebook (built once per process)."""
    return Tagger()


def tag_text(text: str) -> list[ThemeTag]:
    """Return the themes `text` carries, strongest first."""
    return get_tagger().tag(text)


def tag_result(text: str) -> dict[str, Any]:
    """Return the object `policy-timeline tag --json` prints: {"themes": [{"id", "score", "evidence"}]}."""
    return {"themes": [t.as_dict() for t in tag_text(text)]}


# ---------------------------------------------------------------- the provision_themes table
def provision_theme_rows(corpus: Corpus, tagger: Tagger | None = None) -> list[dict[str, Any]]:
    """Return one row per provision and theme it carries, strongest theme first (rank 1), in corpus order.

    Every provision is tagged, own text or not (the measures choose their basis later). Evidence offsets are
    given twice: into the provision's text (`starts`, `ends`, for highlighting) and into the seed file
    (`source_starts`, `source_ends`, for provenance: normalising seed[start:end] gives the evidence's words).
    """
    tagger = tagger or get_tagger()
    rows: list[dict[str, Any]] = []
    for doc in corpus.documents:
        for p in doc.provisions:
            tags = tagger.tag(p.text)
            spans = SpanMap(doc.raw, p.start, p.end)
            for rank, tag in enumerate(tags, start=1):
                source = [source_span(spans, e.start, e.end, doc.raw) for e in tag.evidence]
                rows.append(
                    {
                        "provision_id": p.id,
                        "document_id": p.document_id,
                        "theme_id": tag.id,
                        "rank": rank,
                        "score": tag.score,
                        "evidence": [e.text for e in tag.evidence],
                        "terms": [e.term for e in tag.evidence],
                        "weights": [e.weight for e in tag.evidence],
                        "starts": [e.start for e in tag.evidence],
                        "ends": [e.end for e in tag.evidence],
                        "source_starts": [s for s, _ in source],
                        "source_ends": [e for _, e in source],
                    }
                )
    return rows


def provision_themes_step(corpus: Corpus, tables: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Build step: add the provision_themes table."""
    return {"provision_themes": provision_theme_rows(corpus)}


def source_span(spans: SpanMap, start: int, end: int, raw: str) -> tuple[int, int]:
    """Return the span in the seed file `raw` of `spans.text[start:end]` (evidence in a provision's text).

    Normalisation (NFC, spaces, invisible characters and glyphs removed) can change lengths; the SpanMap keeps,
    for each character of the text, the raw characters it came from (a base letter with its combining marks), so
    a span starts and ends on whole raw characters. One pass over the provision, where bisecting on normalised
    prefixes cost a normalisation of the provision per evidence (quadratic on one long line); the bisection is
    kept only for a text the SpanMap cannot mirror (never seen on the seeds).
    """
    found = spans.raw_span(start, end)
    if found is not None:
        return found
    segment = raw[spans.base : spans.end]
    raw_start = _prefix_reaching(segment, start + 1) - 1
    raw_end = _prefix_reaching(segment, end)
    while raw_end < len(segment) and unicodedata.combining(segment[raw_end]):
        raw_end += 1
    return spans.base + raw_start, spans.base + raw_end


def _prefix_reaching(segment: str, length: int) -> int:
    # the shortest prefix of segment whose normalised form is at least `length` characters long
    lo, hi = 0, len(segment)
    while lo < hi:
        mid = (lo + hi) // 2
        if len(normalise_text(segment[:mid])) >= length:
            hi = mid
        else:
            lo = mid + 1
    return lo
