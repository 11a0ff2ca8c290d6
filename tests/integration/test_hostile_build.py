"""Hostile input through the real `policy-timeline build`: markup stays plain text, every script survives with its
provenance, deep numbering nests, and whatever cannot be built is refused in one line per problem with --out
untouched and nothing read from outside seeds/."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from dashboard.corpus.load import load_corpus
from dashboard.corpus.normalise import normalise_text
from dashboard.errors import BuildFailed
from dashboard.settings import MAX_SEED_BYTES
from tests import hostile_corpus as hostile

CLI = [sys.executable, "-m", "dashboard"]


def build(seeds: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, "build", "--quiet", "--seeds", str(seeds), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def hostile_build(fixture_seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture corpus plus the hostile document, built by the CLI."""
    root = tmp_path_factory.mktemp("hostile")
    seeds = hostile.write_hostile_corpus(fixture_seeds, root / "seeds")
    result = build(seeds, root / "data")
    assert result.returncode == 0, result.stderr
    return seeds, root / "data"


@pytest.fixture()
def published(tmp_path: Path, fixture_data: Path) -> Path:
    """A data package already in --out, which a refused build must leave byte for byte."""
    out = tmp_path / "data"
    shutil.copytree(fixture_data, out)
    return out


def assert_refused(
    result: subprocess.CompletedProcess, out: Path, before: dict[str, str], file: str, where: str
) -> list[str]:
    """The build exited 2 with one `error: <file>: <where>: <problem>` line per problem, and --out is intact."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), result.stderr
    assert "Traceback" not in result.stderr
    _, shown_file, shown_where, problem = (lines[0].split(": ", 3) + ["", "", ""])[:4]
    assert shown_file.endswith(file) and shown_where.startswith(where) and problem, lines[0]
    assert digest(out) == before, "--out changed although the build was refused"
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".data-")], "staging folder left behind"
    return lines


# ------------------------------------------------------------------------------------------ kept, as text
def test_markup_in_sidecar_fields_is_kept_as_plain_text(hostile_build):
    _, data = hostile_build
    doc = next(d for d in rows(data, "documents") if d["id"] == hostile.HOSTILE_ID)
    assert doc["title_en"] == hostile.TITLE
    assert doc["issuer_detail"] == hostile.ISSUER_DETAIL
    assert doc["seed_publisher"] == hostile.PUBLISHER
    assert doc["coverage_note"] == hostile.COVERAGE_NOTE
    assert doc["facts_note"] == "/etc/passwd"  # a path in a field is text, never opened
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert any(hostile.TITLE in source["title"] for source in package["sources"])


def test_markup_in_provisions_is_kept_as_plain_text_and_nothing_is_lost(hostile_build):
    _, data = hostile_build
    texts = [p["text"] for p in rows(data, "provisions") if p["document_id"] == hostile.HOSTILE_ID]
    expected = [unicodedata.normalize("NFC", line) for line in hostile.BODY]
    assert texts == expected  # every line of the body, in order, none dropped, none escaped
    assert hostile.SCRIPT_LINE in texts and hostile.IMG_LINE in texts and hostile.FORMULA in texts


def test_rtl_and_combining_text_survive_with_their_provenance(hostile_build):
    seeds, data = hostile_build
    raw = (seeds / "hostile.txt").read_text(encoding="utf-8")
    provisions = [p for p in rows(data, "provisions") if p["document_id"] == hostile.HOSTILE_ID]
    for p in provisions:
        assert normalise_text(raw[int(p["start"]) : int(p["end"])]) == p["text"], p["id"]
    texts = {p["text"] for p in provisions}
    assert hostile.ARABIC in texts and hostile.HEBREW in texts
    assert hostile.BIDI in texts  # bidi controls are the document's characters: kept, and shown as text
    nfc = unicodedata.normalize("NFC", hostile.DECOMPOSED)
    assert nfc in texts and "Nghị quyết" in nfc and nfc != hostile.DECOMPOSED
    assert unicodedata.normalize("NFC", hostile.COMBINING_FIRST) in texts
    # the same spans serve the mentions and theme evidence: the validator re-reads them from the seed
    check = subprocess.run(
        [*CLI, "validate", "--data", str(data), "--seeds", str(seeds)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["windows-crlf", "old-mac-cr"])
def test_a_seed_saved_with_other_line_endings_builds_validates_and_traces_back(
    seeds_copy: Path, tmp_path: Path, ending: str
):
    lf = [r["text"] for r in _provisions_of(seeds_copy, tmp_path / "lf")]
    for seed in seeds_copy.glob("*.txt"):
        text = seed.read_bytes().decode("utf-8")
        seed.write_bytes(text.replace("\r\n", "\n").replace("\n", ending).encode("utf-8"))
    result = build(seeds_copy, tmp_path / "data")
    assert result.returncode == 0, result.stderr
    provisions = rows(tmp_path / "data", "provisions")
    assert [p["text"] for p in provisions] == lf  # the same provisions as with \n
    docs = {d["id"]: d for d in rows(tmp_path / "data", "documents")}
    for p in provisions:  # offsets count the file's characters with its line endings as they are
        raw = (seeds_copy / docs[p["document_id"]]["seed_file"]).read_bytes().decode("utf-8")
        assert normalise_text(raw[int(p["start"]) : int(p["end"])]) == p["text"], p["id"]
    check = subprocess.run(
        [*CLI, "validate", "--data", str(tmp_path / "data"), "--seeds", str(seeds_copy)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def _provisions_of(seeds: Path, out: Path) -> list[dict[str, str]]:
    result = build(seeds, out)
    assert result.returncode == 0, result.stderr
    return rows(out, "provisions")


def test_deeply_nested_numbering_nests_by_prefix(hostile_build):
    _, data = hostile_build
    provisions = {p["id"]: p for p in rows(data, "provisions") if p["document_id"] == hostile.HOSTILE_ID}
    by_label = {p["label"]: p for p in provisions.values() if p["kind"] == "item"}
    chain = ["7", "7.1", "7.1.1", "7.1.1.1", "7.1.1.1.1"]
    for parent, child in zip(chain, chain[1:], strict=False):
        assert by_label[child]["parent_id"] == by_label[parent]["id"], child
    assert by_label["7.1.1.1.2"]["parent_id"] == by_label["7.1.1.1"]["id"]
    assert by_label["7.2"]["parent_id"] == by_label["7"]["id"]
    assert by_label["8"]["parent_id"] == ""
    point = provisions[f"{hostile.HOSTILE_ID}:7.1.1.1.1.a"]
    assert point["kind"] == "point" and point["parent_id"] == by_label["7.1.1.1.1"]["id"]


# --------------------------------------------------------------------------------------- refused, untouched
def test_a_20_mb_seed_is_refused_unread_in_one_line(seeds_copy: Path, published: Path, capsys):
    before = digest(published)
    line = "1. Expand trade and investment cooperation with major partners through 2030.\n\n"
    big = seeds_copy / "alpha.txt"
    text = big.read_text(encoding="utf-8")
    with big.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.write(line * (20 * 1024 * 1024 // len(line) + 1))
    assert big.stat().st_size > 20 * 1024 * 1024 > MAX_SEED_BYTES
    start = time.perf_counter()
    result = build(seeds_copy, published)
    seconds = time.perf_counter() - start
    assert_refused(result, published, before, "alpha.txt", "file")
    assert "more than the limit" in result.stderr
    with pytest.raises(BuildFailed) as caught:
        load_corpus(seeds_copy)
    assert [e.code for e in caught.value.errors] == ["too-large"]
    with capsys.disabled():
        print(f"\n20 MB seed: refused by the CLI in {seconds:.2f} s (interpreter start included)")


def test_an_oversized_file_is_refused_without_being_read(seeds_copy: Path, published: Path):
    before = digest(published)
    with (seeds_copy / "beta.txt").open("r+b") as handle:
        handle.truncate(64 * 1024**3)  # sparse: 64 GB that would exhaust memory if read
    assert_refused(build(seeds_copy, published), published, before, "beta.txt", "file")


def test_a_huge_sidecar_is_refused_like_a_huge_seed(seeds_copy: Path, published: Path):
    before = digest(published)
    with (seeds_copy / "alpha.yml").open("a", encoding="utf-8") as handle:
        handle.write("facts_note: >-\n" + "  padding padding padding padding padding padding\n" * 120_000)
    assert_refused(build(seeds_copy, published), published, before, "alpha.yml", "file")


def test_a_yaml_alias_bomb_is_refused_quickly(seeds_copy: Path, published: Path):
    before = digest(published)
    bomb, previous = 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n', "l0"
    for level in range(1, 10):
        bomb += f"l{level}: &l{level} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
        previous = f"l{level}"
    sidecar = seeds_copy / "alpha.yml"
    sidecar.write_text(
        sidecar.read_text(encoding="utf-8").replace("title_en:", "old_title:")
        + bomb
        + f"title_en: *{previous}\ncommentary: *{previous}\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    result = build(seeds_copy, published)
    assert time.perf_counter() - start < 60  # 9^10 strings if anything expanded the aliases
    assert_refused(result, published, before, "alpha.yml", "line")  # refused at its first anchor


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("source_url", "javascript:alert(1)"),
        ("source_url", "file:///etc/passwd"),
        ("seed_url", "../../etc/passwd"),
        ("seed_url", "/etc/passwd"),
        ("id", "../../etc/passwd"),
        ("id", "1-NQ-TW-2020/../../x"),
    ],
)
def test_a_path_or_script_address_in_a_sidecar_is_refused(seeds_copy: Path, published: Path, field, value):
    before = digest(published)
    sidecar = seeds_copy / "alpha.yml"
    lines = [line for line in sidecar.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{field}:")]
    sidecar.write_text("\n".join([*lines, f"{field}: {json.dumps(value)}"]) + "\n", encoding="utf-8")
    assert_refused(build(seeds_copy, published), published, before, "alpha.yml", field)


AUDITED_BUILD = """
import json, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" and args
                 and isinstance(args[0], str) else None)
from dashboard.cli import main
try:
    main(["build", "--quiet", "--seeds", sys.argv[1], "--out", sys.argv[2]])
except SystemExit as exc:
    code = exc.code
with open(sys.argv[3], "w") as handle:
    json.dump({"code": code, "opened": opened}, handle)
"""


def test_path_like_fields_never_make_the_build_read_outside_seeds(tmp_path: Path, fixture_seeds: Path):
    secret = tmp_path / "secret.txt"
    token = "CANARY-5f1c0e9a-never-publish-me"
    secret.write_text(f"{token}\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    shutil.copytree(fixture_seeds, seeds)
    sidecar = seeds / "alpha.yml"
    sidecar.write_text(
        sidecar.read_text(encoding="utf-8")
        + (
            "seed_file: ../secret.txt\n"  # not a sidecar field: the seed is always the .txt beside it
            f"facts_note: {secret}\n"
            f"horizons_note: ../secret.txt\n"
            f"seed_url: https://example.org/../../secret.txt\n"
        ),
        encoding="utf-8",
    )
    (seeds / "cited.yml").write_text(
        "indicators:\n  - {indicator: x, text: Reported partners, value: 3, unit: countries, as_of: 2021-01,"
        f" document: 1-NQ/TW, source_seed: ../secret.txt, source_note: {secret}, confidence: V}}\n",
        encoding="utf-8",
    )
    out, report = tmp_path / "data", tmp_path / "opened.json"
    run = subprocess.run(
        [sys.executable, "-c", AUDITED_BUILD, str(seeds), str(out), str(report)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    audit = json.loads(report.read_text(encoding="utf-8"))
    assert audit["code"] in (0, None), run.stderr
    read = {str(Path(p).resolve()) for p in audit["opened"] if not p.startswith(("/proc", "/dev"))}
    read.discard(str(report.resolve()))
    assert str((seeds / "alpha.txt").resolve()) in read  # the hook does see the build's reads
    assert str(secret.resolve()) not in read
    inside_tmp = {p for p in read if p.startswith(str(tmp_path.resolve()))}
    # the build's own files only: the package, its staging folder, and its cache of processed seeds
    outside = {
        p
        for p in inside_tmp
        if not p.startswith(
            (
                str(seeds.resolve()),
                str(tmp_path.resolve() / "data"),
                str(tmp_path.resolve() / ".data"),
                str(tmp_path.resolve() / ".cache" / "build"),
            )
        )
    }
    assert not outside, outside
    assert all(token not in p.read_text(encoding="utf-8", errors="replace") for p in out.iterdir())


def test_a_seed_linked_to_a_file_outside_seeds_is_refused_unread(seeds_copy: Path, published: Path):
    before = digest(published)
    (seeds_copy / "passwd.txt").symlink_to("/etc/passwd")
    shutil.copy(seeds_copy / "alpha.yml", seeds_copy / "passwd.yml")
    lines = assert_refused(build(seeds_copy, published), published, before, "passwd.txt", "file")
    assert len(lines) == 1 and "outside the seeds folder" in lines[0]
    with pytest.raises(BuildFailed) as caught:
        load_corpus(seeds_copy)
    assert [e.code for e in caught.value.errors] == ["outside-seeds"]


@pytest.mark.parametrize(
    ("file", "content", "where", "code"),
    [
        ("relations.yml", "- {source: 1-NQ/TW, target: 2/NQ-CP}\n", "item 1.kind", "missing-field"),
        ("cited.yml", "targets: ['<script>alert(1)</script>']\n", "targets[1]", "invalid-field"),
        ("cited.yml", "targets: {a: 1}\n", "targets", "invalid-field"),
        ("cited.yml", "targets: [{document: 1-NQ/TW}]\n", "targets[1].text", "missing-field"),
        ("cited.yml", "claims: [{document: 1-NQ/TW, field: issued}]\n", "claims[1].value", "missing-field"),
        ("cited.yml", "indicators: [{text: x}]\n", "indicators[1].document", "missing-field"),
        ("package.yml", "- name\n- version\n", "file", "invalid-field"),
    ],
)
def test_malformed_corpus_files_are_refused_not_crashed_on(
    seeds_copy: Path, published: Path, file, content, where, code
):
    before = digest(published)
    (seeds_copy / file).write_text(content, encoding="utf-8")
    assert_refused(build(seeds_copy, published), published, before, file, where)
    with pytest.raises(BuildFailed) as caught:
        load_corpus(seeds_copy)
    assert caught.value.errors[0].code == code
