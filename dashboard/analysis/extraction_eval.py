"""Measure segmentation, targets, entity mentions, actor roles and relations against hand-labelled sets.

The Vietnamese sets (dashboard/analysis/labelled/*_vi_*.yml and the two invented documents in its vi/) are scored
here, and the English sets beside them (the target sentences; the entity and role labels of the seed corpus,
mentions_expected.yml and assignments_expected.yml), so that `policy-timeline eval-extraction` prints
both languages in one table. Each scorer returns counts of true positives, false positives and false negatives,
and one line per mistake.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from dashboard.analysis.actors import assignments_step
from dashboard.analysis.entities import SYMBOL, AliasMatcher, Match, load_gazetteer, mentions_step, select_longest
from dashboard.analysis.relations import relation_kind
from dashboard.analysis.targets import extract_targets
from dashboard.analysis.vi_words import segment
from dashboard.corpus.ids import symbol_key
from dashboard.corpus.load import Corpus, SeedDocument, load_corpus
from dashboard.corpus.normalise import fold
from dashboard.corpus.segment import segment_document
from dashboard.corpus.sidecar import load_vocabulary, load_yaml, parse_meta, read_seed
from dashboard.paths import SEEDS_DIR

TARGET_FIELDS = ("kind", "start_year", "end_year", "value", "unit", "stage")


@dataclass
class Score:
    """Counts for one labelled set, and one line per mistake."""

    name: str
    counts: Counter[str] = field(default_factory=Counter[str])
    mistakes: list[str] = field(default_factory=list[str])

    @property
    def precision(self) -> float:
        tp, fp = self.counts["tp"], self.counts["fp"]
        return tp / (tp + fp) if tp + fp else 1.0

    @property
    def recall(self) -> float:
        tp, fn = self.counts["tp"], self.counts["fn"]
        return tp / (tp + fn) if tp + fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def compare(self, key: str, want: Set[object], have: Set[object]) -> None:
        """Count one unit's expected and found items."""
        self.counts.update({"tp": len(want & have), "fp": len(have - want), "fn": len(want - have)})
        self.mistakes += [f"not labelled: {key} {item}" for item in sorted(have - want, key=str)]
        self.mistakes += [f"missed: {key} {item}" for item in sorted(want - have, key=str)]

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON form: the set's name, counts, precision, recall, F1 and mistakes."""
        return {
            "name": self.name,
            **{k: self.counts[k] for k in ("tp", "fp", "fn")},
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "mistakes": self.mistakes,
        }


def _entries(path: Path) -> list[Any]:
    # a labelled set's entries: mappings, or (vi_words.yml) hand-segmented sentences
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []


# ---------------------------------------------------------------- documents


def load_document(text_path: Path) -> SeedDocument:
    """Read and segment one labelled document (a .txt with its .yml sidecar, as in seeds/)."""
    meta = parse_meta(
        load_yaml(text_path.with_suffix(".yml"), text_path.name),
        _vocabulary(),
        text_path.name,
        held=True,
        seed_file=text_path.name,
    )
    raw = read_seed(text_path, text_path.name)
    return SeedDocument(meta=meta, raw=raw, provisions=segment_document(raw, meta, text_path.name))


def _line(doc: SeedDocument, start: str) -> Any:
    key = fold(start)
    return next((p for p in doc.provisions if fold(p.text).startswith(key)), None)


def score_segments(doc: SeedDocument, path: Path, name: str) -> Score:
    """Score each body line's (kind, label, parent) against the labels; an extra or missing line is a mistake."""
    score = Score(name)
    labelled: set[str] = set()
    for entry in _entries(path):
        p = _line(doc, entry["line"])
        parent = _line(doc, entry["parent"]) if entry.get("parent") else None
        want = {(entry["kind"], str(entry.get("label") or ""), parent.id if parent else None)}
        have: set[tuple[Any, ...]] = {(p.kind, p.label, p.parent_id)} if p else set()
        if p:
            labelled.add(p.id)
        score.compare(entry["line"], want, have)
    for p in doc.provisions:
        if p.id not in labelled:
            score.compare(p.text[:40], set(), {(p.kind, p.label, p.parent_id)})
    return score


def score_assignments(doc: SeedDocument, path: Path, name: str) -> Score:
    """Score (actor, role, inherited) per provision; lines not labelled must assign nothing."""
    corpus = Corpus(_vocabulary(), {}, [doc], [], [], {}, [])
    got: dict[str, set[tuple[Any, ...]]] = {}
    for a in assignments_step(corpus, {})["assignments"]:
        got.setdefault(a["provision_id"], set()).add((a["actor_id"], a["role"], bool(a["inherited"])))
    want: dict[str, set[tuple[Any, ...]]] = {p.id: set() for p in doc.provisions}
    score = Score(name)
    for entry in _entries(path):
        p = _line(doc, entry["line"])
        if p is None:  # a labelled line the segmenter lost: all its roles are missed
            score.compare(entry["line"], {tuple(x) for x in entry["expect"]}, set())
            continue
        want[p.id] |= {tuple(x) for x in entry["expect"]}
    for pid in want:
        score.compare(pid, want[pid], got.get(pid, set()))
    return score


def _vocabulary() -> Any:
    return load_vocabulary(SEEDS_DIR / "vocabulary.yml", "vocabulary.yml")


# ---------------------------------------------------------------- sentence sets


def _same(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    return all((expected.get(f) or None) == (got.get(f) or None) for f in TARGET_FIELDS)


def _overlap(text: str, a: str, b: str) -> bool:
    hay = fold(text)

    def spans(s: str) -> list[tuple[int, int]]:
        key, at = fold(s), hay.find(fold(s))
        out: list[tuple[int, int]] = []
        while at >= 0:
            out.append((at, at + len(key)))
            at = hay.find(key, at + 1)
        return out

    return any(s1 < e2 and s2 < e1 for s1, e1 in spans(a) for s2, e2 in spans(b))


def score_targets(path: Path, name: str) -> Score:
    """Score the targets of free sentences (`issued`, `text`, `expect`), as tests/eval/test_targets_eval.py."""
    score = Score(name)
    for i, case in enumerate(_entries(path), start=1):
        got = [
            {"surface": t.surface, **{f: getattr(t, f) for f in TARGET_FIELDS}}
            for t in extract_targets(case["text"], case["issued"])
        ]
        expected: list[Any] = case["expect"] or []
        for e in expected:
            match = next((g for g in got if _same(e, g) and _overlap(case["text"], e["surface"], g["surface"])), None)
            if match is None:
                score.compare(f"#{i}", {(e["surface"], *(e.get(f) for f in TARGET_FIELDS))}, set())
            else:
                got.remove(match)
                score.counts["tp"] += 1
        for g in got:
            score.compare(f"#{i}", set(), {(g["surface"], *(g[f] for f in TARGET_FIELDS))})
    return score


def text_mentions(text: str, matcher: AliasMatcher | None = None) -> set[str]:
    """Return the gazetteer entity ids a text mentions (names, aliases, and symbols of known documents)."""
    gazetteer = load_gazetteer()
    matcher = matcher or AliasMatcher(((a, e["id"]) for e in gazetteer for a in e["aliases"]), names_as_written=True)
    symbols = {symbol_key(str(s)): e["id"] for e in gazetteer if (s := e.get("document_symbol"))}
    found = matcher.find_all(text)
    found += [m for m in (_symbol_match(s, symbols) for s in SYMBOL.finditer(text)) if m is not None]
    return {m.key for m in select_longest(found)}


def _symbol_match(sym: Any, symbols: dict[str, str]) -> Match | None:
    key = symbols.get(symbol_key(sym.group(0)))
    return Match(key, sym.start(), sym.end(), sym.group(0)) if key else None


def score_mentions(path: Path, name: str) -> Score:
    """Score the entity ids of free sentences (`text`, `entities`)."""
    score = Score(name)
    gazetteer = load_gazetteer()
    matcher = AliasMatcher(((a, e["id"]) for e in gazetteer for a in e["aliases"]), names_as_written=True)
    for i, case in enumerate(_entries(path), start=1):
        score.compare(f"#{i}", set(case["entities"] or []), text_mentions(case["text"], matcher))
    return score


def score_relations(path: Path, name: str) -> Score:
    """Score (symbol, kind) of the documents free sentences name (`text`, `title`, `self`, `expect`)."""
    score = Score(name)
    for i, case in enumerate(_entries(path), start=1):
        own = symbol_key(str(case.get("self") or ""))
        have: set[tuple[str, str]] = set()
        for sym in SYMBOL.finditer(case["text"]):
            if "/" in sym.group(0) and symbol_key(sym.group(0)) != own:
                have.add((symbol_key(sym.group(0)), relation_kind(case["text"], sym.start(), bool(case["title"]))))
        expect: dict[Any, Any] = case["expect"] or {}
        want = {(symbol_key(str(s)), k) for s, k in expect.items()}
        score.compare(f"#{i}", want, have)
    return score


def score_word_units(path: Path, name: str) -> Score:
    """Score the words of two syllables or more against hand-segmented sentences (syllables joined by "_")."""
    score = Score(name)
    for i, gold in enumerate(_entries(path), start=1):
        tokens = [t for t in gold.split() if any(c.isalnum() for c in t)]
        want = _spans(tokens)
        have = _spans(segment(" ".join(gold.replace("_", " ").split())))
        score.compare(f"#{i}", {w for w in want if w[1] > 1}, {h for h in have if h[1] > 1})
    return score


def _spans(tokens: list[str]) -> set[tuple[int, int, str]]:
    out: set[tuple[int, int, str]] = set()
    at = 0
    for t in tokens:
        n = len(t.split("_"))
        out.add((at, n, t.lower()))
        at += n
    return out


def score_seed_sets(seeds: Path, data: Path) -> tuple[Score, Score]:
    """Score the English labels of the seed corpus (mentions_expected.yml, assignments_expected.yml): every
    provision listed with its entities or its (actor, role, inherited); every other provision must yield none."""
    corpus = load_corpus(seeds)
    provisions = [p for d in corpus.documents for p in d.provisions]
    found: dict[str, dict[str, set[tuple[object, ...]]]] = {"mentions": {}, "assignments": {}}
    for m in mentions_step(corpus, {})["mentions"]:
        found["mentions"].setdefault(m["provision_id"], set()).add((m["entity_id"],))
    for a in assignments_step(corpus, {})["assignments"]:
        found["assignments"].setdefault(a["provision_id"], set()).add((a["actor_id"], a["role"], bool(a["inherited"])))
    scores: list[Score] = []
    for table, name, key in (
        ("mentions", "mentions_expected.yml", "entities"),
        ("assignments", "assignments_expected.yml", "expect"),
    ):
        want: dict[str, set[tuple[object, ...]]] = {p.id: set() for p in provisions}
        for entry in _entries(data / name):
            doc = next(d for d in corpus.documents if d.meta.seed_file == entry["seed"])
            for p in doc.provisions:
                if fold(p.text).startswith(fold(entry["starts_with"])):
                    items: list[object] = entry[key]
                    want[p.id] |= {tuple(cast(list[object], x)) if isinstance(x, list) else (x,) for x in items}
        score = Score("en seeds")
        for pid in want:
            score.compare(pid, want[pid], found[table].get(pid, set()))
        scores.append(score)
    return scores[0], scores[1]


# ---------------------------------------------------------------- the report


def extraction_report(data: Path) -> list[tuple[str, list[Score]]]:
    """Return, per task, the scores of the English and Vietnamese sets under `data` (dashboard/analysis/labelled)."""
    dev, blind = load_document(data / "vi" / "900_vi_dev.txt"), load_document(data / "vi" / "901_vi_blind.txt")
    mentions_en, assignments_en = score_seed_sets(SEEDS_DIR, data)
    return [
        (
            "segmentation",
            [
                score_segments(dev, data / "segments_vi_dev.yml", "vi dev"),
                score_segments(blind, data / "segments_vi_blind.yml", "vi blind"),
            ],
        ),
        (
            "targets",
            [
                score_targets(data / "targets_unseen.yml", "en unseen"),
                score_targets(data / "targets_holdout.yml", "en holdout"),
                score_targets(data / "targets_vi_dev.yml", "vi dev"),
                score_targets(data / "targets_vi_blind.yml", "vi blind"),
            ],
        ),
        (
            "entities",
            [
                mentions_en,
                score_mentions(data / "mentions_vi_dev.yml", "vi dev"),
                score_mentions(data / "mentions_vi_blind.yml", "vi blind"),
            ],
        ),
        (
            "actors and roles",
            [
                assignments_en,
                score_assignments(dev, data / "assignments_vi_dev.yml", "vi dev"),
                score_assignments(blind, data / "assignments_vi_blind.yml", "vi blind"),
            ],
        ),
        ("relations", [score_relations(data / "relations_vi.yml", "vi")]),
        ("word units", [score_word_units(data / "vi_words.yml", "vi")]),
    ]


def format_extraction(report: list[tuple[str, list[Score]]], *, errors: bool = False) -> str:
    """Return the report as a plain-text table, one row per task and set."""
    lines = [f"{'task':<18}{'set':<12}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    for task, scores in report:
        for s in scores:
            c = s.counts
            lines.append(
                f"{task:<18}{s.name:<12}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}"
                f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
            )
            if errors:
                lines += [f"    ~ {m}" for m in s.mistakes]
    return "\n".join(lines)
