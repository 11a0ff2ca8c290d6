"""Each seed's cache key taken from its files' stat, as git's index takes a file's hash: the bytes are read and
hashed again only when the stat differs from the one recorded.

A document's cache key (perdoc.DocTask.key) hashes its seed text's and sidecar's bytes, its file name, the
vocabulary, the per-document code's version and, for a text over MAX_SEED_BYTES, its size. Reading and hashing
every seed on every build cost about 0.07 s of CPU per 1,000 documents with the files in the page cache, and a
read of every file when they are not. The index (`seed-keys.pickle` in the build cache) records, for each text
file name, the stat of the text and of its sidecar (size, mtime and ctime in ns, inode; None: no file) and the key
`DocTask.key` gave for them, under a scope (the code version, the vocabulary and MAX_SEED_BYTES: a change to any
of them sets every key aside). A file whose mtime or ctime was less than `RACY_NS` before its stat was taken is
not recorded: it may be written again within the same clock tick, its stat unchanged (git's "racily clean"
entries). An edit changes the ctime, which no tool can set back, so an edit that keeps the size and the mtime
(`cp -p`, `rsync -t`) is seen too. A key taken from the index is only looked up: a document processed in a build
is keyed again from the bytes it was processed from (`DocumentRunner.load`).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dashboard.corpus.load import Shown
from dashboard.corpus.sidecar import Vocabulary
from dashboard.dataset.perdoc import DocTask, code_version, make_task
from dashboard.dataset.swap import read_pickle, write_pickle
from dashboard.settings import MAX_SEED_BYTES

INDEX = "seed-keys.pickle"
FORMAT = 1
RACY_NS = 2_000_000_000  # a file changed this recently when its stat was taken is not recorded
Stat = tuple[int, int, int, int] | None  # size, mtime_ns, ctime_ns, inode; None: no such file


@dataclass
class SeedIndex:
    """The recorded keys of one build cache, and those this build records (written by `save`)."""

    path: Path
    scope: str
    recorded: dict[str, tuple[Stat, Stat, str]]
    found: dict[str, tuple[Stat, Stat, str]] = field(default_factory=dict[str, tuple[Stat, Stat, str]])
    taken: int = 0  # keys taken from the index in this build

    @classmethod
    def open(cls, folder: Path, vocabulary: Vocabulary) -> SeedIndex:
        """Return the index kept in the build cache `folder` for this code and `vocabulary` (empty if none)."""
        scope = _scope(vocabulary)
        stored = _read(folder / INDEX)
        recorded = dict(stored.files) if stored is not None and stored.scope == scope else {}
        return cls(folder / INDEX, scope, recorded)

    def stats(self, text: Path) -> tuple[Stat, Stat, int]:
        """Return the stat of a seed text and of its sidecar, and the time before they were taken (ns)."""
        now = time.time_ns()
        return stat_of(text), stat_of(text.with_suffix(".yml")), now

    def known(self, text: Path, stats: tuple[Stat, Stat, int]) -> str | None:
        """Return the key recorded for the seed `text` with these stats, or None (not recorded, or changed)."""
        entry = self.recorded.get(text.name)
        if entry is None or entry[:2] != stats[:2] or stats[0] is None:
            return None
        self.found[text.name] = entry
        self.taken += 1
        return entry[2]

    def record(self, text: Path, stats: tuple[Stat, Stat, int], key: str) -> None:
        """Record `key` as the seed's for these stats (taken before its bytes were read), unless racy."""
        text_stat, sidecar_stat, before = stats
        if text_stat is None or any(s is not None and max(s[1], s[2]) > before - RACY_NS for s in stats[:2]):
            return  # (it may change again within its clock tick, its stat unchanged)
        self.found[text.name] = (text_stat, sidecar_stat, key)

    def save(self) -> None:
        """Write the index of this build's seeds (those gone dropped), if it changed."""
        if self.found != self.recorded:
            write_pickle(self.path, Recorded(FORMAT, self.scope, self.found))


@dataclass(frozen=True)
class Recorded:
    """The index as kept in the cache: each text file name's stats and key, under a scope."""

    format: int
    scope: str
    files: dict[str, tuple[Stat, Stat, str]]


def keyed_tasks(
    texts: list[Path], vocabulary: Vocabulary, shown: Shown, folder: Path
) -> tuple[list[DocTask | None], list[str], int]:
    """Return each seed's task and cache key, and how many seeds were read: a seed whose files' stat the index in
    the build cache `folder` recorded takes its key from there and is not read (its task None)."""
    index = SeedIndex.open(folder, vocabulary)
    tasks: list[DocTask | None] = []
    keys: list[str] = []
    for text in texts:
        stats = index.stats(text)
        key = index.known(text, stats)
        task = None if key else make_task(text, vocabulary, shown)
        if task is not None:
            key = task.key()
            index.record(text, stats, key)
        tasks.append(task)
        keys.append(key or "")
    index.save()
    return tasks, keys, len(texts) - index.taken


def stat_of(path: Path) -> Stat:
    """Return a file's size, mtime and ctime (ns) and inode, following links as reading it does; None if none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _scope(vocabulary: Vocabulary) -> str:
    # what a key depends on besides a seed's own files
    h = hashlib.sha256()
    for part in (
        code_version(),
        str(MAX_SEED_BYTES),
        json.dumps(asdict(vocabulary), sort_keys=True, ensure_ascii=False),
    ):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def _read(path: Path) -> Recorded | None:
    stored = read_pickle(path)
    return stored if isinstance(stored, Recorded) and stored.format == FORMAT else None
