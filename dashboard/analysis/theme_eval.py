"""Measure the theme tagger against hand-labelled sets: precision, recall and F1 per theme, micro and macro.

Two kinds of set: a development set keyed by seed file and the first words of a provision (`seed`,
`starts_with`, `themes`), matched against the provisions of the data package, and a hold-out set of free
sentences (`text`, `themes`) that are not in the corpus, which shows whether the tagger generalises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

# scikit-learn ships no type hints, and no stub package is installed
from sklearn import metrics, preprocessing  # pyright: ignore[reportMissingTypeStubs]

from dashboard.analysis.codebook import theme_ids
from dashboard.analysis.keyness import records
from dashboard.analysis.themes import Tagger, get_tagger
from dashboard.corpus.normalise import fold
from dashboard.corpus.yamlfile import read_yaml
from dashboard.errors import InputError

# scikit-learn ships no type hints, and what pyright reads from its code is wrong (zero_division: str): Any here
_METRICS: Any = metrics
_PREPROCESSING: Any = preprocessing


@dataclass(frozen=True)
class Item:
    """One labelled unit: what identifies it, its text, the hand labels and the tagger's themes."""

    key: str
    text: str
    gold: tuple[str, ...]
    predicted: tuple[str, ...]


@dataclass
class Report:
    """The figures for one labelled set."""

    name: str
    file: str
    items: list[Item]
    unmatched: list[str] = field(default_factory=list[str])
    themes: list[dict[str, Any]] = field(default_factory=list[dict[str, Any]])
    micro: dict[str, float] = field(default_factory=dict[str, float])
    macro: dict[str, float] = field(default_factory=dict[str, float])

    def as_dict(self, *, with_items: bool = False) -> dict[str, Any]:
        """Return the JSON form printed by `policy-timeline eval-themes --json`."""
        out = {"name": self.name, "file": self.file, "items": len(self.items), "unmatched": self.unmatched,
               "themes": self.themes, "micro": self.micro, "macro": self.macro}
        if with_items:
            out["errors"] = [{"key": i.key, "gold": list(i.gold), "predicted": list(i.predicted)}
                             for i in self.items if set(i.gold) != set(i.predicted)]
        return out


def load_labels(path: Path) -> list[dict[str, Any]]:
    """Return the entries of a labelled YAML file, checked; raise InputError on a malformed file."""
    try:
        data = read_yaml(path)
    except FileNotFoundError:
        raise InputError(str(path), "file", "labelled set not found") from None
    if not isinstance(data, list):
        raise InputError(str(path), "file", "expected a list of entries")
    entries = cast(list[Any], data)
    known = set(theme_ids())
    for i, raw in enumerate(entries, start=1):
        entry = cast(dict[str, Any], raw) if isinstance(raw, dict) else None
        if entry is None or not ("text" in entry or {"seed", "starts_with"} <= set(entry)):
            raise InputError(str(path), f"entry {i}", "needs `text`, or `seed` and `starts_with`")
        themes: list[Any] = entry.get("themes") or []
        unknown = set(themes) - known
        if unknown:
            raise InputError(str(path), f"entry {i}.themes", f"unknown theme {sorted(unknown)[0]!r}")
    return entries


def evaluate_dev_set(path: Path, provisions: Any, documents: Any, *, tagger: Tagger | None = None) -> Report:
    """Evaluate against a set keyed by seed file and first words, matched to the package's provisions.

    An entry matches every provision of its seed file whose folded text starts with the folded `starts_with`;
    entries that match none (lines the build skips as page chrome) are reported as unmatched and left out.
    """
    tagger = tagger or get_tagger()
    seed_of = {d["id"]: d["seed_file"] for d in records(documents)}
    by_seed: dict[str, list[dict[str, Any]]] = {}
    for row in records(provisions):
        by_seed.setdefault(seed_of.get(row["document_id"], ""), []).append(row)
    items: list[Item] = []
    unmatched: list[str] = []
    for entry in load_labels(path):
        prefix = fold(str(entry["starts_with"]))
        hits = [p for p in by_seed.get(str(entry["seed"]), []) if fold(p["text"]).startswith(prefix)]
        if not hits:
            unmatched.append(f"{entry['seed']}: {entry['starts_with']}")
        for p in hits:
            items.append(_item(p["id"], p["text"], entry.get("themes") or [], tagger))
    return _score("dev", str(path), items, unmatched)


def evaluate_text_set(path: Path, *, name: str = "holdout", tagger: Tagger | None = None) -> Report:
    """Evaluate against a set of free sentences (`text`, `themes`)."""
    tagger = tagger or get_tagger()
    items = [_item(f"{name}:{i}", str(e["text"]), e.get("themes") or [], tagger)
             for i, e in enumerate(load_labels(path), start=1)]
    return _score(name, str(path), items, [])


def _item(key: str, text: str, gold: list[str], tagger: Tagger) -> Item:
    return Item(key, text, tuple(gold), tuple(t.id for t in tagger.tag(text)))


def _score(name: str, file: str, items: list[Item], unmatched: list[str]) -> Report:
    ids = theme_ids()
    report = Report(name, file, items, unmatched)
    if not items:
        return report
    binarizer = _PREPROCESSING.MultiLabelBinarizer(classes=ids)
    gold = binarizer.fit_transform([i.gold for i in items])
    pred = binarizer.transform([i.predicted for i in items])
    p, r, f, support = _METRICS.precision_recall_fscore_support(gold, pred, average=None, zero_division=0)
    predicted = pred.sum(axis=0)
    report.themes = [{"id": t, "precision": _r(p[k]), "recall": _r(r[k]), "f1": _r(f[k]),
                      "support": int(support[k]), "predicted": int(predicted[k])} for k, t in enumerate(ids)]
    for average in ("micro", "macro"):
        ap, ar, af, _ = _METRICS.precision_recall_fscore_support(gold, pred, average=average, zero_division=0)
        setattr(report, average, {"precision": _r(ap), "recall": _r(ar), "f1": _r(af)})
    return report


def _r(value: float) -> float:
    return round(float(value), 4)


def format_report(report: Report, *, errors: bool = False) -> str:
    """Return the report as a plain-text table (per theme, then micro and macro averages)."""
    skipped = f", {len(report.unmatched)} entries unmatched (skipped lines)" if report.unmatched else ""
    lines = [f"{report.name}: {report.file}: {len(report.items)} labelled units{skipped}"]
    lines += [f"  unmatched: {u}" for u in report.unmatched]
    lines.append(f"  {'theme':<30} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'tagged':>6}")
    for t in report.themes:
        lines.append(f"  {t['id']:<30} {t['precision']:>6.3f} {t['recall']:>6.3f} {t['f1']:>6.3f} "
                     f"{t['support']:>5} {t['predicted']:>6}")
    for average in ("micro", "macro"):
        figures = getattr(report, average)
        if figures:
            lines.append(f"  {average + '-average':<30} {figures['precision']:>6.3f} "
                         f"{figures['recall']:>6.3f} {figures['f1']:>6.3f}")
    if errors:
        for item in report.items:
            missed, extra = set(item.gold) - set(item.predicted), set(item.predicted) - set(item.gold)
            if missed or extra:
                note = f"missed {sorted(missed)} extra {sorted(extra)}"
                lines.append(f"  ~ {item.key}: {note} | {item.text[:90]}")
    return "\n".join(lines)


def evaluate_sets(dev: Path, provisions: Any, documents: Any, *,
                  holdouts: tuple[Path, ...] = ()) -> list[Report]:
    """Return the report of the development set, then one per hold-out set (named after its file)."""
    reports = [evaluate_dev_set(dev, provisions, documents)]
    for path in holdouts:
        name = Path(path).stem.removeprefix("themes_")
        reports.append(evaluate_text_set(path, name=name))
    return reports
