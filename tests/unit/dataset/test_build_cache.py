"""The build cache's entries on disk: a damaged entry reads as no entry (the document is processed again), never as
an error that stops the build."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

from dashboard.dataset.package import make_chunk
from dashboard.dataset.parallel import BuildCache, Written

from .test_package import RESOURCE, ROWS

KEY = "ab" + "0" * 62


def test_a_damaged_chunk_in_a_cache_entry_reads_as_none(tmp_path: Path):
    cache = BuildCache(tmp_path, Written)
    chunk = make_chunk([{**row, "id": f"{row['id']}-{i}", "n": i} for i in range(20) for row in ROWS], RESOURCE)
    cache.put(KEY, Written({}, {"t": chunk}))
    (path,) = tmp_path.rglob("*.pickle")
    good = path.read_bytes()
    stream = chunk.__reduce__()[1][1]  # the chunk's Arrow stream, as the entry holds it
    start = good.index(stream)
    rng = random.Random(7)
    seen = set()
    for _ in range(300):  # one flipped bit within the stream: Arrow's errors are among what a flip gives
        damaged = bytearray(good)
        damaged[start + rng.randrange(len(stream))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(damaged))
        entry = cache.get(KEY)
        assert entry is None or isinstance(entry, Written)
        seen.add(entry is None)
    assert True in seen  # (some flips are caught as damage)
    path.write_bytes(good)
    back = cache.get(KEY)
    assert back is not None and back.chunks["t"].arrow.equals(chunk.arrow)
    assert pickle.loads(good).chunks["t"].csv == chunk.csv
