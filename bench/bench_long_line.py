"""One long line against the same text in lines: every analysis step, at growing sizes (is it linear?).

Run: .venv/bin/python bench/bench_long_line.py [--kb 32 64 128 256]
For each size it writes a one-document corpus (the seeds' own sentences recombined, with a target sentence
every fourth, as bench/generate_corpus.py makes them) twice: once as ONE line (one provision of that size) and
once with each sentence on its own line (as many short provisions), then times loading (segmentation) and each
build step (themes, measures, terms, mentions, relations, actors, targets) in CPU seconds. A step that is linear
in the text takes about twice as long when the size doubles, and about as long on one line as in lines.
No asserts: figures are printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import _target, read_material  # noqa: E402

from dashboard.corpus.load import load_corpus  # noqa: E402
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


def sentences(kb: int, seed: int = 16) -> list[str]:
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
    times["load+segment"] = time.process_time() - start
    for step in analysis_steps():
        start = time.process_time()
        tables.update(step(corpus, tables))
        times[step.__name__] = time.process_time() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, nargs="+", default=[32, 64, 128, 256])
    args = parser.parse_args()
    vocabulary = read_material().vocabulary_text
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kb in args.kb:
            text = sentences(kb)
            one_line = timed_build(Path(tmp) / f"line-{kb}", " ".join(text), vocabulary)
            in_lines = timed_build(Path(tmp) / f"lines-{kb}", "\n".join(text), vocabulary)
            rows.append((kb, one_line, in_lines))
    steps = list(rows[0][1])
    print(f"CPU seconds per step; 'line' = the text as one line, 'lines' = one sentence a line "
          f"({len(steps)} steps)")
    print(f"{'step':<24}" + "".join(f"{f'{kb} KB line':>13}{f'{kb} KB lines':>14}" for kb, _, _ in rows))
    for step in [*steps, "total"]:
        cells = ""
        for _, one, many in rows:
            a = sum(one.values()) if step == "total" else one[step]
            b = sum(many.values()) if step == "total" else many[step]
            cells += f"{a:>13.2f}{b:>14.2f}"
        print(f"{step:<24}{cells}")


if __name__ == "__main__":
    main()
