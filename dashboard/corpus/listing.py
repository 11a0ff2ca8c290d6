"""The seeds folder as the loader lists it: the names of its seed texts and sidecars (strings, one scan of the
folder), the links among them that lead outside it, the sidecars whose text is missing, and what is named like a
seed without being one plain file. Apart from corpus.load so that the loader reads as the steps it takes."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path, PurePath

from dashboard import errors

CORPUS_FILES = (
    "vocabulary.yml",
    "package.yml",
    "references.yml",
    "relations.yml",
    "cited.yml",
    "notes.yml",
    "alignments.yml",
)
Shown = Callable[[Path], str]  # a path as the messages name it (relative to the seeds folder's parent)


def seed_names(seeds_dir: Path) -> tuple[list[str], list[str]]:
    """Return the names of the folder's *.txt and *.yml entries (what Path.glob finds: dot files, folders and
    dangling links too), sorted as Path objects of one folder sort, and those of them that are symbolic links.
    Strings, not Paths: at 10,000 documents, resolving 20,000 Paths and sorting them cost about 1.5 s an add."""
    names: list[str] = []
    links: list[str] = []
    with os.scandir(seeds_dir) as entries:
        for entry in entries:
            if entry.name.endswith((".txt", ".yml")):
                names.append(entry.name)
                if entry.is_symlink():
                    links.append(entry.name)
    names.sort()
    links.sort()
    return names, links


def linked_out(seeds_dir: Path, links: list[str]) -> list[str]:
    """Return the linked names whose target lies outside the seeds folder. An entry that is no link lies in the
    folder itself, so only links need resolving (with Path.resolve, whose errors, a link loop's, stay as they were)."""
    root = seeds_dir.resolve()
    return [name for name in links if not (seeds_dir / name).resolve().is_relative_to(root)]


def orphans(names: list[str], text_names: set[str]) -> list[str]:
    """Return, sorted, the seed-text names that sidecars (*.yml but the corpus files) name and that are missing:
    each sidecar's name with .txt for .yml (Path.with_suffix's rule, under which ".yml" alone has no suffix)."""
    wanted = {
        str(PurePath(name).with_suffix(".txt")) for name in names if name.endswith(".yml") and name not in CORPUS_FILES
    }
    return sorted(wanted - text_names)


def not_plain_files(seeds_dir: Path, names: list[str], shown: Shown) -> list[errors.InputError]:
    """Refuse what is not one plain file: a folder, a FIFO, a socket or a device named like a seed, and a file
    with several hard links (a hard link cannot be told from the original: it may be a file from outside the
    seeds folder, which must be copied in, not linked)."""
    problems: list[errors.InputError] = []
    folder = str(seeds_dir)
    for name in names:
        try:
            info = os.stat(os.path.join(folder, name))
        except OSError:  # a dangling link: reading it is refused with the seed's own error line
            continue
        if not stat.S_ISREG(info.st_mode):
            kind = (
                "a folder"
                if stat.S_ISDIR(info.st_mode)
                else "a FIFO"
                if stat.S_ISFIFO(info.st_mode)
                else "a socket or a device"
            )
            problems.append(errors.InvalidField(shown(seeds_dir / name), "file", f"is {kind}, not a seed file"))
        elif info.st_nlink > 1:
            problems.append(
                errors.OutsideSeeds(
                    shown(seeds_dir / name),
                    "file",
                    f"has {info.st_nlink} hard links; it may be "
                    "a file from outside the seeds folder: copy it in instead",
                )
            )
    return problems
