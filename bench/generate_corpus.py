"""Write N synthetic policy documents in the seeds format: a text and a sidecar each, plus the corpus files.

Run: .venv/bin/python bench/generate_corpus.py --n 1000 --seed 8 --out tmp/corpus-1000
Then: .venv/bin/python -m dashboard build --seeds tmp/corpus-1000 --out tmp/data-1000

Deterministic: the same --n and --seed (and the same seeds/) give byte-identical files. The documents are made
of the real seeds' own sentences recombined, so the codebook's themes, the gazetteer's organisations and
agreements, and the year-and-figure phrases of targets all occur at the seeds' rates. Each document has the
structure the segmenter reads in the real ones: publisher chrome around the body, a framing line (commentary),
Roman parts, numbered items, decimal sub-items (2.1., 2.1.1.), lettered points and bullets. Issuers and
document types come from seeds/vocabulary.yml; symbols follow the issuer's pattern (12-NQ/TW, 34/NQ-CP, 56/QĐ-
TTg, …); later documents name earlier ones ("to implement Resolution No. 12-NQ/TW"), so mentions and relations
are exercised. Other scripts import `generate(out_dir, n, seed)`."""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.corpus.ids import document_slug  # noqa: E402
from dashboard.corpus.load import load_corpus  # noqa: E402
from dashboard.paths import SEEDS_DIR  # noqa: E402

# (doc_type, issuer, symbol pattern, weight): the forms Vietnamese legal documents take
KINDS = [
    ("resolution", "politburo", "{n}-NQ/TW", 3),
    ("conclusion", "politburo", "{n}-KL/TW", 2),
    ("directive", "secretariat", "{n}-CT/TW", 1),
    ("resolution", "party_central_committee", "{n}-NQ/TW", 1),
    ("resolution", "government", "{n}/NQ-CP", 4),
    ("action_programme", "government", "{n}/NQ-CP", 2),
    ("decision", "prime_minister", "{n}/QĐ-TTg", 4),
    ("directive", "prime_minister", "{n}/CT-TTg", 2),
    ("strategy", "prime_minister", "{n}/QĐ-TTg", 1),
    ("action_plan", "ministry", "{n}/KH-{ministry}", 4),
    ("resolution", "national_assembly", "{n}/{year}/QH{tenure}", 1),
    ("law", "national_assembly", "{n}/{year}/QH{tenure}", 1),
    ("resolution", "national_assembly_standing_committee", "{n}/NQ-UBTVQH{tenure}", 1),
]
MINISTRIES = ["BNG", "BCT", "BKHĐT", "BGDĐT", "BYT", "BVHTTDL", "BKHCN", "BQP", "BCA", "BTNMT"]
SUBJECTS = [
    "international integration", "international economic integration", "foreign affairs and diplomacy",
    "defence and security cooperation", "cultural and social integration",
    "science and technology cooperation",
    "education and training cooperation", "trade and investment", "digital transformation and innovation",
    "climate change and the environment", "overseas Vietnamese", "multilateral diplomacy",
]
RIGHTS = ["sources: generated for benchmarking; not a real document", "synthetic text built from the seeds"]
CHROME_TOP = ["Home | Contact us | Site map | Vietnamese", "Legal documents > International integration"]
_ABBREVIATION = re.compile(r"\b(?:No|Nos|e\.g|i\.e|etc|Mr|Ms|Dr|St|Art|para)\.$", re.I)
CHROME_END = ["Related news", "Back to top", "Other news: ministry holds press briefing on the plan"]


@dataclass(frozen=True)
class Material:
    """What the documents are made of: the seeds' sentences, headings and issuer/type vocabulary."""

    sentences: list[str]
    headings: list[str]
    vocabulary_text: str
    issuers: dict[str, dict[str, str]]
    doc_types: dict[str, dict[str, str]]


def read_material(seeds_dir: Path = SEEDS_DIR) -> Material:
    """Return the sentences and headings of the real seeds and their controlled vocabularies."""
    corpus = load_corpus(seeds_dir)
    sentences, headings = [], []
    for p in corpus.provisions():
        if p.kind == "heading" or (p.kind in ("part", "section") and p.content):
            headings.append(p.content.rstrip(":"))
            continue
        for sentence in _split_sentences(p.content):
            if len(sentence.split()) >= 6:
                sentences.append(sentence)
    sentences = sorted(set(sentences))
    headings = sorted({h for h in headings if 2 <= len(h.split()) <= 10})
    return Material(
        sentences=sentences,
        headings=headings,
        vocabulary_text=(seeds_dir / "vocabulary.yml").read_text(encoding="utf-8"),
        issuers=corpus.vocabulary.issuers,
        doc_types=corpus.vocabulary.doc_types,
    )


def generate(out_dir: Path, n: int, seed: int = 8, material: Material | None = None) -> list[str]:
    """Write `n` documents and the corpus files into `out_dir` (created; must be empty); return the ids."""
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise SystemExit(f"error: {out_dir}: folder: not empty (use --force to replace it)")
    out_dir.mkdir(parents=True, exist_ok=True)
    material = material or read_material()
    rng = random.Random(seed)
    weights = [k[3] for k in KINDS]
    numbers: dict[str, int] = {}
    written: list[tuple[str, str, int]] = []  # (id, symbol, year) in date order
    dates = sorted(_date(rng) for _ in range(n))
    for i, issued in enumerate(dates):
        doc_type, issuer, pattern, _ = rng.choices(KINDS, weights=weights)[0]
        key = f"{pattern}:{issued[:4]}"
        numbers[key] = numbers.get(key, rng.randint(1, 40)) + rng.randint(1, 9)
        year = int(issued[:4])
        symbol = pattern.format(n=numbers[key], year=year, tenure=max(11, (year - 1946) // 5 - 1),
                                ministry=rng.choice(MINISTRIES))
        doc_id = document_slug(symbol, year)
        parent = rng.choice(written[-40:]) if written and rng.random() < 0.6 else None
        stem = f"{i:04d}_{rng.getrandbits(64):016x}"
        text, meta = _document(rng, material, doc_type, issuer, symbol, doc_id, issued, parent)
        (out_dir / f"{stem}.txt").write_text(text, encoding="utf-8")
        (out_dir / f"{stem}.yml").write_text(_yaml(meta), encoding="utf-8")
        written.append((doc_id, symbol, year))
    (out_dir / "vocabulary.yml").write_text(material.vocabulary_text, encoding="utf-8")
    (out_dir / "package.yml").write_text(_yaml({
        "name": "policy-timeline-generated",
        "title": f"Generated corpus of {n} documents (seed {seed}) for benchmarks",
        "version": "0.0.0",
        "description": "Synthetic documents recombined from the seeds' sentences; not real policy.",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
    }), encoding="utf-8")
    (out_dir / "relations.yml").write_text(_yaml(_relations(rng, written)), encoding="utf-8")
    return [w[0] for w in written]


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _document(rng: random.Random, m: Material, doc_type: str, issuer: str, symbol: str, doc_id: str,
              issued: str, parent: tuple[str, str, int] | None) -> tuple[str, dict]:
    year = int(issued[:4])
    subject = rng.choice(SUBJECTS)
    type_en = m.doc_types[doc_type]["en"]
    if parent and doc_type in ("action_programme", "action_plan"):
        title = f"{type_en} to implement Resolution No. {parent[1]} on {subject}"
    else:
        title = f"{type_en} on {subject} to {year + rng.choice((5, 10, 15))}"
    framing = (f"The {m.issuers[issuer]['en']} issued {type_en} No. {symbol} dated {_long_date(issued)} "
               f"on {subject}, with the following main contents.")
    lines = [*CHROME_TOP, "", f"{type_en} No. {symbol}", "", title, "", framing, ""]
    horizons: set[int] = set()
    for part in range(1, rng.randint(2, 4) + 1):
        lines += [f"{_roman(part)}. {rng.choice(m.headings).upper()}", ""]
        for item in range(1, rng.randint(2, 5) + 1):
            lines += [f"{item}. {_sentences(rng, m, 1, 2)}", ""]
            shape = rng.random()
            if shape < 0.35:
                for letter in "abcdeg"[: rng.randint(2, 5)]:
                    lines += [f"{letter}) {_sentences(rng, m, 1, 2)}", ""]
            elif shape < 0.6:
                lines += [f"- {_sentences(rng, m, 1, 1)}" for _ in range(rng.randint(2, 4))] + [""]
            elif shape < 0.8:
                lines += _decimal(rng, m, str(item), depth=rng.randint(2, 4))
            if rng.random() < 0.3:
                due = year + rng.choice((2, 3, 5, 10))
                horizons.add(due)
                lines += [f"- {_target(rng, due)}", ""]
    if parent:
        lines += [f"Ministries and localities shall implement this {type_en.lower()} together with "
                  f"Resolution No. {parent[1]} and report on its implementation every year.", ""]
    lines += [f"{m.issuers[issuer]['en'].upper()}", "", *CHROME_END, ""]
    coverage = rng.choices(["full", "partial"], weights=[4, 1])[0]
    meta = {
        "id": doc_id, "symbol": symbol, "doc_type": doc_type, "issuer": issuer, "issued": issued,
        "symbol_note": f"the {type_en.lower()} of {issued}",  # numbering restarts: this says which one it is
        "title_en": title, "title_vi": f"{m.doc_types[doc_type]['vi']} số {symbol}", "language": "en",
        "source_url": f"https://example.org/generated/{doc_id}",
        "source_kind": rng.choices(["official_translation", "press_quotation"], weights=[5, 1])[0],
        "coverage": coverage,
        "coverage_note": "the whole generated text" if coverage == "full" else "generated; parts left out",
        "horizons": sorted(horizons),
        "body": {"start": f"{type_en} No. {symbol}", "end": CHROME_END[0]},
        "commentary": [f"{type_en} No. {symbol}", framing[:60]],
    }
    return "\n".join(lines), meta


def _decimal(rng: random.Random, m: Material, prefix: str, depth: int) -> list[str]:
    lines: list[str] = []
    for k in range(1, rng.randint(2, 3) + 1):
        label = f"{prefix}.{k}"
        lines += [f"{label}. {_sentences(rng, m, 1, 1)}", ""]
        if depth > 1 and rng.random() < 0.5:
            lines += _decimal(rng, m, label, depth - 1)
    return lines


def _target(rng: random.Random, due: int) -> str:
    share = rng.randint(10, 90)
    return rng.choice([
        f"By {due}, raise the share of exports to free trade agreement partners to {share}%.",
        f"Strive to complete the negotiation of the regional agreements by {due}.",
        f"By {due}, train {rng.randint(1, 20) * 500} officials in international law and negotiation.",
        f"In the period {due - 5}-{due}, attract at least USD {rng.randint(2, 40)} billion of foreign "
        "investment.",
    ])


def _sentences(rng: random.Random, m: Material, low: int, high: int) -> str:
    return " ".join(rng.choice(m.sentences) for _ in range(rng.randint(low, high)))


def _split_sentences(text: str) -> list[str]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".;" and (i + 1 == len(text) or text[i + 1] == " ") and i - start > 20 \
                and not _ABBREVIATION.search(text, 0, i + 1):
            out.append(text[start:i + 1].strip())
            start = i + 1
    tail = text[start:].strip()
    if tail:
        out.append(tail if tail.endswith((".", ";")) else tail + ".")
    return [s[0].upper() + s[1:] for s in out if s]


def _relations(rng: random.Random, written: list[tuple[str, str, int]]) -> list[dict]:
    rows = []
    for i in range(1, len(written)):
        if rng.random() < 0.1:
            source, target = written[i], written[rng.randrange(max(0, i - 30), i)]
            # by id: a symbol without its year (34/NQ-CP) recurs in other years, as real numbering does
            rows.append({"source": source[0], "kind": rng.choice(["references", "implements"]),
                         "target": target[0], "source_url": f"https://example.org/generated/{source[0]}",
                         "confidence": "V", "evidence": "generated relation"})
    return rows


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI"][n - 1]


def _long_date(iso: str) -> str:
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    y, mo, d = iso.split("-")
    return f"{months[int(mo) - 1]} {int(d)}, {y}"


def _yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="number of documents")
    parser.add_argument("--seed", type=int, default=8, help="random seed (same seed, same files)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (must be empty or absent)")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = parser.parse_args()
    if args.force and args.out.exists():
        shutil.rmtree(args.out)
    ids = generate(args.out, args.n, args.seed)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"wrote {len(ids)} documents to {args.out} ({size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
