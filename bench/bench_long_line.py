"""One long line against the same text in lines: every analysis step, at growing sizes (is it linear?).

Run: .venv/bin/python bench/bench_long_line.py [--mb 0.25 0.5 1 2]
For each size it writes a one-document corpus (the seeds' own sentences recombined, with a target sentence
every fourth, as bench/generate_corpus.py makes them) twice: once as ONE line (one provision of that size) and
once with each sentence on its own line (as many short provisions), then times cleaning (normalise_text over the
file), segmentation (segment_document), loading the corpus, and each build step (themes, measures, terms,
mentions, relations, actors, targets) in CPU seconds, and prints each as seconds per MB. A step that is linear in
the text keeps the same seconds per MB as the size doubles, and costs about as much on one line as in lines.
The load average (os.getloadavg) is printed beside the figures: the machine may be shared.
No asserts: figures are printed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import _target, read_material  # noqa: E402

from dashboard.corpus.load import load_corpus  # noqa: E402
from dashboard.corpus.normalise import normalise_text  # noqa: E402
from dashboard.corpus.segment import segment_document  # noqa: E402
from dashboard.dataset.build import analysis_steps, base_tables  # noqa: E402

SIDECAR = """symbol: 9-NQ/TW
doc_type: resolution
issuer: politburo
issued: 2020-03-01
title_en: A long generated resolution (benchmark)
source_url: https://example.org/long
source_kind: official_translation
coverage: full
coverage_note: Generated for bench/bench_long_line.py.
body:
  start: "RESOLUTION"
  end: "Related news"
"""


def sentences(kb: float, seed: int = 16) -> list[str]:
    material = read_material()
    rng = random.Random(seed)
    out, size = [], 0
    while size < kb * 1024:
        sentence = _target(rng, rng.randint(2021, 2045)) if len(out) % 4 == 3 else rng.choice(material.sentences)
        out.append(sentence)
        size += len(sentence.encode("utf-8")) + 1
    return out


def timed_build(folder: Path, text: str, vocabulary: str) -> dict[str, float]:
    folder.mkdir()
    (folder / "vocabulary.yml").write_text(vocabulary, encoding="utf-8")
    (folder / "long.txt").write_text(f"RESOLUTION\n\n{text}\n\nRelated news\n", encoding="utf-8")
    (folder / "long.yml").write_text(SIDECAR, encoding="utf-8")
    times: dict[str, float] = {}
    start = time.process_time()
    corpus = load_corpus(folder)
    tables = base_tables(corpus)
    times["load (all)"] = time.process_time() - start
    doc = corpus.documents[0]
    start = time.process_time()
    normalise_text(doc.raw)
    times["clean"] = time.process_time() - start
    start = time.process_time()
    segment_document(doc.raw, doc.meta, "long.yml")
    times["segment"] = time.process_time() - start
    for step in analysis_steps():
        start = time.process_time()
        tables.update(step(corpus, tables))
        times[step.__name__] = time.process_time() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[0.25, 0.5, 1, 2])
    args = parser.parse_args()
    vocabulary = read_material().vocabulary_text
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.mb:
            text = sentences(mb * 1024)
            load = os.getloadavg()[0]
            one_line = timed_build(Path(tmp) / f"line-{mb}", " ".join(text), vocabulary)
            in_lines = timed_build(Path(tmp) / f"lines-{mb}", "\n".join(text), vocabulary)
            rows.append((mb, one_line, in_lines, load))
    steps = list(rows[0][1])
    print("CPU seconds per MB of text, per step; 'line' = the text as one line, 'lines' = one sentence a line")
    print("(linear: the same figure at every size; 'load (all)' includes clean and segment)")
    print(f"{'step':<24}" + "".join(f"{f'{mb:g} MB line':>13}{f'{mb:g} MB lines':>14}" for mb, _, _, _ in rows))
    for step in [*steps, "total"]:
        cells = ""
        for mb, one, many, _ in rows:
            a = sum(v for k, v in one.items() if k not in ("clean", "segment")) if step == "total" else one[step]
            b = sum(v for k, v in many.items() if k not in ("clean", "segment")) if step == "total" else many[step]
            cells += f"{a / mb:>13.2f}{b / mb:>14.2f}"
        print(f"{step:<24}{cells}")
    print(f"{'total seconds':<24}" + "".join(
        f"{sum(v for k, v in one.items() if k not in ('clean', 'segment')):>13.2f}"
        f"{sum(v for k, v in many.items() if k not in ('clean', 'segment')):>14.2f}"
        for _, one, many, _ in rows))
    print(f"{'load average (1 min)':<24}" + "".join(f"{load:>27.2f}" for _, _, _, load in rows))


if __name__ == "__main__":
    main()
