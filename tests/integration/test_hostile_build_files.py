"""What lies in the seeds folder or around --out, through the real `policy-timeline build`: FIFOs, folders and
hard links named like seeds, one symbol in two years, a full disk, --out given as a folder to a file option,
leftovers of killed builds, and two builds of the same --out at once. Each is refused in one `error:` line (exit
2, --out intact) or handled, never a hang or a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .test_hostile_build import CLI, assert_refused, build, digest, published  # noqa: F401 (fixture)


def test_a_fifo_named_like_a_seed_is_refused_without_blocking(seeds_copy: Path, published: Path):  # noqa: F811
    before = digest(published)
    os.mkfifo(seeds_copy / "gamma.txt")  # opening it to read would wait forever for a writer
    lines = assert_refused(build(seeds_copy, published), published, before, "gamma.txt", "file")
    assert "FIFO" in lines[0]


def test_a_folder_named_like_a_seed_is_refused(seeds_copy: Path, published: Path):  # noqa: F811
    before = digest(published)
    (seeds_copy / "gamma.txt").mkdir()
    (seeds_copy / "gamma.yml").mkdir()
    lines = assert_refused(build(seeds_copy, published), published, before, "gamma.txt", "file")
    assert "folder" in lines[0] and len(lines) == 2


def test_a_hard_linked_seed_is_refused(seeds_copy: Path, tmp_path: Path, published: Path):  # noqa: F811
    before = digest(published)
    outside = tmp_path / "private.txt"
    outside.write_text("Resolution No. 1-NQ/TW on openness\n\n1. A private text.\n\nRelated news\n", encoding="utf-8")
    (seeds_copy / "alpha.txt").unlink()
    os.link(outside, seeds_copy / "alpha.txt")
    lines = assert_refused(build(seeds_copy, published), published, before, "alpha.txt", "file")
    assert "hard links" in lines[0]


def _second_year(seeds: Path, note: bool) -> None:
    """Add a second document bearing alpha's symbol, issued another year."""
    shutil.copy(seeds / "alpha.txt", seeds / "alpha2.txt")
    sidecar = (seeds / "alpha.yml").read_text(encoding="utf-8").replace("issued: 2020-03-01", "issued: 2024-05-02")
    (seeds / "alpha2.yml").write_text(sidecar + ("symbol_note: the 2024 resolution\n" if note else ""),
                                      encoding="utf-8")
    if note:
        with (seeds / "alpha.yml").open("a", encoding="utf-8") as handle:
            handle.write("symbol_note: the 2020 resolution\n")


def test_one_symbol_in_two_years_is_refused_unless_the_sidecars_say_which_is_which(seeds_copy: Path,
                                                                                    published: Path):  # noqa: F811
    before = digest(published)
    _second_year(seeds_copy, note=False)
    lines = assert_refused(build(seeds_copy, published), published, before, "alpha.yml", "symbol")
    assert sorted(line.split(":")[1].strip() for line in lines if "symbol_note" in line) == [
        "seeds/alpha.yml", "seeds/alpha2.yml"]


def test_with_symbol_notes_both_build_and_a_bare_symbol_reference_asks_for_the_id(seeds_copy: Path,
                                                                                  published: Path):  # noqa: F811
    _second_year(seeds_copy, note=True)
    cited = seeds_copy / "cited.yml"  # the fixture's cited figures name the document by id here: relations test it
    cited.write_text(cited.read_text(encoding="utf-8").replace("1-NQ/TW", "1-NQ-TW-2020"), encoding="utf-8")
    relations = (seeds_copy / "relations.yml").read_text(encoding="utf-8")
    assert "1-NQ/TW" in relations or "1-NQ-TW" in relations, relations
    before = digest(published)
    lines = assert_refused(build(seeds_copy, published), published, before, "relations.yml", "item")
    assert "several documents" in lines[0] and "use the id" in lines[0]
    (seeds_copy / "relations.yml").write_text(relations.replace("1-NQ/TW", "1-NQ-TW-2020"), encoding="utf-8")
    result = build(seeds_copy, published)
    assert result.returncode == 0, result.stderr
    ids = (published / "documents.csv").read_text(encoding="utf-8")
    assert "1-NQ-TW-2020" in ids and "1-NQ-TW-2024" in ids


def test_a_full_disk_is_one_error_line_and_nothing_left(seeds_copy: Path, tmp_path: Path):
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(tiny)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        result = build(seeds_copy, tiny / "data")
        assert result.returncode == 2 and "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and "No space left" in lines[0], lines
        # no package, whole or half written: only the build's lock and its cache of analysed seeds may stay
        assert [p.name for p in tiny.iterdir() if not p.name.endswith(".lock") and p.name != ".cache"] == []
        assert not list(tiny.glob("**/*.csv"))
    finally:
        subprocess.run(["umount", str(tiny)], check=False)


def test_a_folder_given_as_an_output_file_is_one_error_line(tmp_path: Path, fixture_data: Path):
    result = subprocess.run([*CLI, "export", "timeline", "--data", str(fixture_data), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: --out:") and len(result.stderr.strip().splitlines()) == 1
    assert "Usage" not in result.stderr and "Traceback" not in result.stderr


def test_leftovers_of_killed_builds_are_removed(seeds_copy: Path, published: Path):  # noqa: F811
    for name in (".data-build-k1ll3d00", ".data-old-k1ll3d00"):
        (published.parent / name).mkdir()
        (published.parent / name / "provisions.csv").write_text("half", encoding="utf-8")
    result = build(seeds_copy, published)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in published.parent.iterdir() if p.name.startswith(".data-")) == []


def test_two_builds_at_once_never_leave_out_missing(seeds_copy: Path, published: Path):  # noqa: F811
    args = [*CLI, "build", "--quiet", "--seeds", str(seeds_copy), "--out", str(published)]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    missing = 0
    deadline = time.monotonic() + 300
    while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
        missing += not (published / "datapackage.json").is_file()
        time.sleep(0.005)
    results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
    assert missing == 0
    for code, _, err in results:
        assert "Traceback" not in err
        assert code == 0 or (code == 2 and "another build is writing" in err), err
    assert any(code == 0 for code, _, _ in results)
    assert (published / "datapackage.json").is_file()
