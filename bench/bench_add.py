"""Benchmark `add`: reading a document and planning its seed (--dry-run), by format and size.

Run: .venv/bin/python bench/bench_add.py [--repeat 3] [--copies 1,40]
Each size is the Vietnamese fixture resolution (tests/fixtures/add/vi_resolution.txt) with its body repeated
`copies` times, written as .txt, .docx, .pdf and .html by the tests' own writers, then planned against the shipped
seeds (read, header, sidecar checks and segmentation, as `add --dry-run`). Prints the best of `repeat` runs in
CPU seconds of this process and the provisions found. No asserts: figures are printed, not checked.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.corpus.add import plan_addition  # noqa: E402
from dashboard.paths import SEEDS_DIR  # noqa: E402
from tests.add_documents import VI_TEXT, write_docx, write_html, write_pdf  # noqa: E402

WRITERS = {".txt": None, ".docx": write_docx, ".pdf": write_pdf, ".html": write_html}


def document(copies: int) -> str:
    """The fixture resolution with its body (parts I to IV) repeated `copies` times before the signature."""
    text = VI_TEXT.read_text(encoding="utf-8")
    head, rest = text.split("I. TÌNH HÌNH", 1)
    body, tail = ("I. TÌNH HÌNH" + rest).split("T/M BỘ CHÍNH TRỊ", 1)
    return head + body * copies + "T/M BỘ CHÍNH TRỊ" + tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", default="1,40")
    args = parser.parse_args()
    print(f"{'format':<7}{'copies':>7}{'bytes':>10}{'provisions':>12}{'cpu s (best)':>14}")
    with tempfile.TemporaryDirectory() as tmp:
        for copies in (int(c) for c in args.copies.split(",")):
            text = document(copies)
            for suffix, writer in WRITERS.items():
                path = Path(tmp) / f"doc{copies}{suffix}"
                if writer is None:
                    path.write_text(text, encoding="utf-8")
                else:
                    writer(text, path)
                best, provisions = float("inf"), 0
                for _ in range(args.repeat):
                    start = time.process_time()
                    addition = plan_addition(path, SEEDS_DIR, {"source_url": "https://example.org/x"})
                    best = min(best, time.process_time() - start)
                    provisions = addition.provisions
                print(f"{suffix:<7}{copies:>7}{path.stat().st_size:>10}{provisions:>12}{best:>14.3f}")


if __name__ == "__main__":
    main()
