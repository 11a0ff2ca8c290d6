"""`policy-timeline add`: a .docx, .pdf and .html made here, in Vietnamese and English, into a seeds folder that
the build then accepts; the evidence for every field; --json and --dry-run; and every bad input refused with one
line, exit 2 and nothing written."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dashboard import errors
from dashboard.cli import main
from dashboard.corpus import add as add_module
from dashboard.corpus.add import plan_addition
from dashboard.corpus.load import load_corpus
from dashboard.settings import MAX_SEED_BYTES
from tests.add_documents import EN_TEXT, VI_TEXT, write_docx, write_html, write_pdf

URL = "https://example.org/van-ban/77-nq-tw"
WRITERS = {".docx": write_docx, ".pdf": write_pdf, ".html": write_html, ".txt": None}
EXPECTED = {
    "vi": {"symbol": "77-NQ/TW", "issued": "2026-03-15", "issuer": "politburo", "doc_type": "resolution",
           "language": "vi", "id": "77-NQ-TW-2026",
           "title": "Nghị quyết về mở rộng hợp tác quốc tế trong lĩnh vực giáo dục và đổi mới sáng tạo"},
    "en": {"symbol": "78-NQ/TW", "issued": "2026-04-02", "issuer": "politburo", "doc_type": "resolution",
           "language": "en", "id": "78-NQ-TW-2026",
           "title": "Resolution on digital trade cooperation with regional partners"},
}


def make(lang: str, suffix: str, folder: Path, text: str | None = None) -> Path:
    """Write the fixture document of `lang` as a `suffix` file in `folder`."""
    source = (VI_TEXT if lang == "vi" else EN_TEXT).read_text(encoding="utf-8") if text is None else text
    path = folder / f"{lang}_resolution{suffix}"
    if WRITERS[suffix] is None:
        path.write_text(source, encoding="utf-8")
        return path
    return WRITERS[suffix](source, path)


def run_add(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["add", *args])
    return result.exit_code, result.stdout, result.stderr


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_add_reads_the_header_and_the_build_accepts_the_seed(lang, suffix, inbox, seeds_copy):
    path = make(lang, suffix, inbox)
    code, out, err = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL)
    assert (code, err) == (0, "")
    new = sorted(seeds_copy.glob("000_*"))  # the fixture seeds hold no numbered seed: this is the first
    assert [p.suffix for p in new] == [".txt", ".yml"]
    sidecar = yaml.safe_load(new[1].read_text(encoding="utf-8"))
    want = EXPECTED[lang]
    for key in ("symbol", "issuer", "doc_type", "language", "id"):
        assert sidecar[key] == want[key], key
    assert str(sidecar["issued"]) == want["issued"]
    assert sidecar[f"title_{lang}"] == want["title"]
    assert sidecar["source_url"] == URL
    assert "wrote" in out and want["id"] in out
    corpus = load_corpus(seeds_copy)  # exactly the build's checks: sidecar, body span, provisions, duplicates
    doc = next(d for d in corpus.documents if d.meta.id == want["id"])
    # the same provisions whatever the format: the reader rebuilt the paragraphs (PDF lines, table cells)
    plain = plan_addition(make(lang, ".txt", inbox), seeds_copy, {"source_url": URL, "symbol": "1-X/Y"})
    assert len(doc.provisions) == plain.provisions
    texts = [p.text for p in doc.provisions]
    assert texts[0] in ("I. TÌNH HÌNH VÀ NGUYÊN NHÂN", "I. PURPOSE")
    assert not any(marker in " ".join(texts) for marker in ("Số:", "No.:", "T/M", "ON BEHALF", "Trang chủ"))


def test_output_gives_the_line_each_field_came_from(inbox, seeds_copy):
    path = make("vi", ".docx", inbox)
    code, out, _ = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL)
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines() if line and not line.startswith(("note", "wrote"))}
    assert "77-NQ/TW" in lines["symbol"] and "Số: 77-NQ/TW" in lines["symbol"]
    assert "2026-03-15" in lines["issued"] and "ngày 15 tháng 3 năm 2026" in lines["issued"]
    assert "politburo" in lines["issuer"] and "BỘ CHÍNH TRỊ" in lines["issuer"]
    assert "given as --source-url" in lines["source_url"]
    assert "note: coverage: not given; defaulted to 'full'" in out


def test_json_is_one_object_with_evidence_pointing_into_the_seed(inbox, seeds_copy):
    path = make("vi", ".pdf", inbox)
    code, out, _ = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL, "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) >= {"file", "id", "seed", "sidecar_file", "fields", "notes", "provisions", "sidecar",
                           "written", "dry_run"}
    assert result["dry_run"] is False and len(result["written"]) == 2
    for name, found in result["fields"].items():
        assert set(found) == {"value", "line", "evidence", "from"}, name
        assert found["from"] in ("document", "option", "default")
    seed = (seeds_copy / result["seed"]).read_text(encoding="utf-8").split("\n")
    for name in ("symbol", "issued", "issuer", "doc_type", "body_start", "body_end"):
        found = result["fields"][name]
        assert seed[found["line"] - 1].strip() == found["evidence"], name  # the line number is the seed's
    assert result["fields"]["coverage"] == {"value": "full", "line": None, "evidence": "default", "from": "default"}
    assert result["sidecar"]["id"] == "77-NQ-TW-2026"
    # the PDF prints the header's two columns side by side: one line holds the issuer and the Party's motto
    assert result["fields"]["issuer"]["evidence"] == "BỘ CHÍNH TRỊ ĐẢNG CỘNG SẢN VIỆT NAM"
    assert result["fields"]["place"]["value"] == "Hà Nội"


def test_dry_run_writes_nothing(inbox, seeds_copy):
    before = listing(seeds_copy)
    code, out, _ = run_add(str(make("en", ".html", inbox)), "--seeds", str(seeds_copy), "--dry-run", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["dry_run"] is True and result["written"] == []
    assert result["fields"]["source_url"]["value"] == URL  # the page's canonical link
    assert listing(seeds_copy) == before


def test_options_fill_and_override_the_header(inbox, seeds_copy):
    text = VI_TEXT.read_text(encoding="utf-8").replace("Số: 77-NQ/TW\n", "")
    path = make("vi", ".txt", inbox, text)
    code, out, _ = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL, "--symbol", "79-NQ/TW",
                           "--issued", "2026-03-16", "--coverage", "partial", "--source-kind", "press_quotation",
                           "--title-en", "Resolution on international cooperation in education", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["id"] == "79-NQ-TW-2026"
    sidecar = result["sidecar"]
    assert (sidecar["issued"], sidecar["coverage"], sidecar["source_kind"]) == ("2026-03-16", "partial",
                                                                               "press_quotation")
    assert sidecar["title_en"] == "Resolution on international cooperation in education"
    assert any(n.startswith("issued: --issued '2026-03-16' replaces '2026-03-15'") for n in result["notes"])
    load_corpus(seeds_copy)


def test_a_version_in_another_language_gets_its_own_id(inbox, seeds_copy):
    # the fixture corpus holds 1-NQ/TW of 2020 in English; its Vietnamese original is a second version
    text = (VI_TEXT.read_text(encoding="utf-8").replace("77-NQ/TW", "1-NQ/TW")
            .replace("ngày 15 tháng 3 năm 2026", "ngày 01 tháng 3 năm 2020"))
    code, out, _ = run_add(str(make("vi", ".txt", inbox, text)), "--seeds", str(seeds_copy), "--source-url", URL,
                           "--json")
    assert code == 0
    assert json.loads(out)["id"] == "1-NQ-TW-2020-vi"
    load_corpus(seeds_copy)


def _bad(tmp: Path, name: str, content: bytes) -> Path:
    path = tmp / name
    path.write_bytes(content)
    return path


def _header(text: str) -> str:
    return VI_TEXT.read_text(encoding="utf-8").replace("Số: 77-NQ/TW\n", text)


BAD_INPUTS = {
    # name: (file name, content or a maker, extra options, where, code)
    "unknown-suffix": ("resolution.rtf", b"{\\rtf1 NGHI QUYET}", (), "file", "unknown-format"),
    "empty": ("empty.txt", b"", (), "file", "empty-seed"),
    "binary": ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, (), "byte 0", "binary-seed"),
    "utf16": ("utf16.txt", "Nghị quyết số 1".encode("utf-16"), (), "byte 3", "binary-seed"),
    "cp1258": ("cp1258.txt", b"NGH\xcf QUY\xc9T\n", (), "byte 3", "not-utf8"),
    "corrupt-docx": ("corrupt.docx", b"PK\x03\x04 this is not a zip archive", (), "file", "unreadable-document"),
    "text-as-docx": ("renamed.docx", "BỘ CHÍNH TRỊ".encode(), (), "file", "unreadable-document"),
    "corrupt-pdf": ("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", (), "file",
                    "unreadable-document"),
    "binary-html": ("page.html", b"\x00\x00\x00\x00<html>", (), "file", "unreadable-document"),
    "empty-html": ("page.html", b"<html><body><nav>Menu</nav><script>x()</script></body></html>", (), "file",
                   "no-text-layer"),
    "no-symbol": ("no-symbol.txt", _header("").encode(), ("--source-url", URL), "symbol", "field-not-found"),
    "no-date": ("no-date.txt", _header("Số: 77-NQ/TW\n").replace("Hà Nội, ngày 15 tháng 3 năm 2026\n", "").encode(),
                ("--source-url", URL), "issued", "field-not-found"),
    "impossible-date": ("feb30.txt", _header("Số: 77-NQ/TW\n").replace("ngày 15 tháng 3", "ngày 30 tháng 2").encode(),
                        ("--source-url", URL), "issued (line 5)", "impossible-date"),
    "no-issuer": ("no-issuer.txt", _header("Số: 77-NQ/TW\n").replace("BỘ CHÍNH TRỊ\n*\n", "", 1).encode(),
                  ("--source-url", URL), "issuer", "field-not-found"),
    "no-type": ("no-type.txt", _header("Số: 77-NQ/TW\n").replace("NGHỊ QUYẾT\n", "").encode(),
                ("--source-url", URL), "doc_type", "field-not-found"),
    "no-source-url": ("no-url.txt", VI_TEXT.read_bytes(), (), "source_url", "field-not-found"),
    "bad-source-url": ("bad-url.txt", VI_TEXT.read_bytes(), ("--source-url", "javascript:alert(1)"), "source_url",
                       "invalid-field"),
    "unknown-issuer": ("issuer.txt", VI_TEXT.read_bytes(), ("--source-url", URL, "--issuer", "the_king"), "issuer",
                       "unknown-vocabulary"),
    "bad-issued": ("issued.txt", VI_TEXT.read_bytes(), ("--source-url", URL, "--issued", "2026-02-30"), "issued",
                   "impossible-date"),
    "unknown-source-kind": ("kind.txt", VI_TEXT.read_bytes(), ("--source-url", URL, "--source-kind", "rumour"),
                            "source_kind", "unknown-vocabulary"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_nothing_written(case, inbox, seeds_copy):
    name, content, options, where, code = BAD_INPUTS[case]
    path = _bad(inbox, name, content)
    before = listing(seeds_copy)
    exit_code, out, err = run_add(str(path), "--seeds", str(seeds_copy), *options)
    assert exit_code == 2, out
    assert err.count("\n") == 1 and err.startswith(f"error: {path}: {where}: "), err
    assert listing(seeds_copy) == before
    with pytest.raises(errors.InputError) as caught:
        opts = dict(zip(("source_url", "issuer", "issued", "source_kind"), [None] * 4, strict=True))
        flags = {"--source-url": "source_url", "--issuer": "issuer", "--issued": "issued",
                 "--source-kind": "source_kind"}
        opts.update({flags[k]: v for k, v in zip(options[::2], options[1::2], strict=True)})
        plan_addition(path, seeds_copy, opts)
    assert caught.value.code == code


def test_missing_file_and_pdf_without_text(inbox, seeds_copy):
    from fpdf import FPDF

    blank = inbox / "scan.pdf"
    pdf = FPDF()
    pdf.add_page()  # a page with no text layer, as a scan without OCR
    pdf.output(str(blank))
    for path, code in ((inbox / "missing.docx", "missing-file"), (blank, "no-text-layer")):
        exit_code, _, err = run_add(str(path), "--seeds", str(seeds_copy))
        assert exit_code == 2 and err.startswith(f"error: {path}: file: ")
        with pytest.raises(errors.InputError) as caught:
            plan_addition(path, seeds_copy, {})
        assert caught.value.code == code


def test_too_large_is_refused_unread(inbox, seeds_copy):
    path = inbox / "huge.txt"
    with path.open("wb") as out:
        out.truncate(MAX_SEED_BYTES + 1)  # sparse: nothing to read, only the size is checked
    exit_code, _, err = run_add(str(path), "--seeds", str(seeds_copy))
    assert exit_code == 2 and err.startswith(f"error: {path}: file: {MAX_SEED_BYTES + 1} bytes")


def test_a_duplicate_is_refused(inbox, seeds_copy):
    path = make("en", ".docx", inbox)
    assert run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL)[0] == 0
    before = listing(seeds_copy)
    code, _, err = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL)
    assert code == 2 and err.startswith(f"error: {path}: symbol: 78-NQ/TW of 2026 is already in the seeds")
    assert listing(seeds_copy) == before


def test_not_a_seeds_folder(inbox, tmp_path):
    empty = tmp_path / "nowhere"
    empty.mkdir()
    code, _, err = run_add(str(make("vi", ".txt", inbox)), "--seeds", str(empty), "--source-url", URL)
    assert code == 2 and err.startswith(f"error: {empty}: vocabulary.yml: ")


def test_a_failed_rename_takes_everything_back(inbox, seeds_copy, monkeypatch):
    addition = plan_addition(make("vi", ".txt", inbox), seeds_copy, {"source_url": URL})
    before = listing(seeds_copy)
    calls = []

    def replace_then_fail(src, dst):  # the disk fills up between the two renames
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        os.replace(src, dst)

    monkeypatch.setattr(add_module.os, "replace", replace_then_fail)
    with pytest.raises(OSError):
        add_module.write_addition(addition)
    assert listing(seeds_copy) == before


def test_the_next_free_number_follows_the_seeds(inbox, tmp_path, seeds_dir):
    seeds = tmp_path / "seeds"
    shutil.copytree(seeds_dir, seeds)
    addition = plan_addition(make("vi", ".txt", inbox), seeds, {"source_url": URL})
    numbers = sorted(int(p.name[:3]) for p in seeds_dir.glob("[0-9][0-9][0-9]_*.txt"))
    assert addition.stem.startswith(f"{numbers[-1] + 1:03d}_")


def test_a_text_without_a_header_is_added_from_options(inbox, seeds_copy):
    text = "Thông cáo báo chí\n\n1. Chính phủ thống nhất mở rộng hợp tác quốc tế về giáo dục và đào tạo.\n"
    path = make("vi", ".txt", inbox, text)
    code, _, err = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL)
    assert code == 2 and err.startswith(f"error: {path}: symbol: not found in the document's header; give --symbol")
    code, out, err = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL, "--symbol", "9/TB-VPCP",
                             "--issued", "2026-05-04", "--issuer", "government", "--type", "conclusion",
                             "--title", "Thông báo kết luận về hợp tác giáo dục", "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["id"] == "9-TB-VPCP-2026" and result["fields"]["body_start"]["line"] == 1
    assert all(result["fields"][name]["from"] == "option" for name in ("symbol", "issued", "issuer", "doc_type"))
    load_corpus(seeds_copy)


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html"])
def test_a_long_document_reads_back_paragraph_for_paragraph(suffix, inbox, seeds_copy):
    # the body eight times over: a PDF of several pages, whose paragraphs run across page breaks
    text = VI_TEXT.read_text(encoding="utf-8")
    head, rest = text.split("I. TÌNH HÌNH", 1)
    body, tail = ("I. TÌNH HÌNH" + rest).split("T/M BỘ CHÍNH TRỊ", 1)
    long_text = head + body * 8 + "T/M BỘ CHÍNH TRỊ" + tail
    plain = plan_addition(make("vi", ".txt", inbox, long_text), seeds_copy, {"source_url": URL})
    other = plan_addition(make("vi", suffix, inbox, long_text), seeds_copy, {"source_url": URL})
    paragraphs = lambda t: [line.strip() for line in t.split("\n") if line.strip()]  # noqa: E731
    if suffix == ".pdf":
        from pypdf import PdfReader

        assert len(PdfReader(str(inbox / "vi_resolution.pdf")).pages) >= 3
    if suffix == ".docx":
        assert paragraphs(other.text) == paragraphs(plain.text)
    else:  # a web page's table and a PDF's two columns read row by row: the header's lines pair up differently
        from_type = lambda t: paragraphs(t)[paragraphs(t).index("NGHỊ QUYẾT"):]  # noqa: E731
        assert from_type(other.text) == from_type(plain.text)
    assert other.provisions == plain.provisions == 14 * 8


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
def test_damaged_files_are_read_or_refused_never_crash(suffix, inbox, seeds_copy):
    import random

    from dashboard.corpus.ingest import read_source

    good = make("vi", suffix, inbox).read_bytes()
    rng = random.Random(15)
    outcomes = set()
    for k in range(30):
        data = bytearray(good)
        if k % 2:
            data = data[: rng.randrange(1, len(data))]  # cut short, as an interrupted download
        else:
            start = rng.randrange(len(data))
            data[start:start + 64] = bytes(rng.randrange(256) for _ in range(64))  # a damaged block
        path = inbox / f"damaged{suffix}"
        path.write_bytes(bytes(data))
        try:
            read_source(path, str(path))
            outcomes.add("read")
        except errors.InputError as exc:
            outcomes.add(exc.code)
    assert outcomes <= {"read", "unreadable-document", "no-text-layer", "binary-seed"}, outcomes
    assert outcomes - {"read"}, "no damaged file was refused"
    code, _, err = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL)
    assert code in (0, 2) and (code == 0 or err.count("\n") == 1)


def test_build_takes_what_add_wrote(inbox, seeds_copy, tmp_path):
    import pandas as pd

    from dashboard.dataset.build import run as build_package

    for lang in ("vi", "en"):
        assert run_add(str(make(lang, ".docx", inbox)), "--seeds", str(seeds_copy), "--source-url", URL)[0] == 0
    out = build_package(seeds_copy, tmp_path / "data", progress=False).parent
    documents = pd.read_csv(out / "documents.csv").set_index("id")
    assert documents.loc["77-NQ-TW-2026", "language"] == "vi"
    assert documents.loc["78-NQ-TW-2026", "issued"] == "2026-04-02"
    provisions = pd.read_csv(out / "provisions.csv")
    assert (provisions["document_id"] == "77-NQ-TW-2026").sum() == 14


def test_a_docx_that_unpacks_too_large_is_refused_unopened(inbox, seeds_copy):
    import zipfile

    from dashboard.settings import MAX_UNPACKED_BYTES

    path = inbox / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 1):
                member.write(chunk)
    assert path.stat().st_size < 1 << 20  # a small file …
    code, _, err = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL)
    assert code == 2 and err.startswith(f"error: {path}: file: unpacks to ")  # … refused before it is unpacked


def _vi_of_alpha(inbox: Path, date: str = "ngày 01 tháng 3 năm 2020") -> Path:
    # the fixture corpus holds 1-NQ/TW of 2020 in English; this is a Vietnamese text of it
    text = VI_TEXT.read_text(encoding="utf-8").replace("77-NQ/TW", "1-NQ/TW").replace("ngày 15 tháng 3 năm 2026", date)
    return make("vi", ".txt", inbox, text)


def test_version_of_records_the_text_as_a_version_of_a_held_document(inbox, seeds_copy):
    # a text dated otherwise (the copy at hand was re-issued a year later) is still the version the user names
    path = _vi_of_alpha(inbox, "ngày 02 tháng 3 năm 2021")
    code, out, err = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL, "--version-of",
                             "1-NQ-TW-2020", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["id"] == "1-NQ-TW-2020-vi"
    assert result["sidecar"]["version_of"] == "1-NQ-TW-2020"
    assert list(result["sidecar"]).index("version_of") == list(result["sidecar"]).index("language") + 1
    corpus = load_corpus(seeds_copy)
    assert {d.meta.id: d.meta.version_of for d in corpus.documents}["1-NQ-TW-2020-vi"] == "1-NQ-TW-2020"


def test_same_symbol_and_year_in_the_other_language_is_found_and_noted(inbox, seeds_copy):
    code, out, _ = run_add(str(_vi_of_alpha(inbox)), "--seeds", str(seeds_copy), "--source-url", URL, "--json")
    assert code == 0
    result = json.loads(out)
    assert result["sidecar"]["version_of"] == "1-NQ-TW-2020"
    assert any(n.startswith("version_of: ") and "vi version" in n for n in result["notes"])


@pytest.mark.parametrize("ref, why", [("9-NQ-TW-2020", "not in the seeds"), ("2-NQ-CP-2021", "already held in vi")])
def test_version_of_a_document_not_held_or_in_the_same_language_is_one_error_line(inbox, seeds_copy, ref, why):
    if ref == "2-NQ-CP-2021":  # make beta a Vietnamese text, so a second vi text cannot be its version
        sidecar = seeds_copy / "beta.yml"
        sidecar.write_text(sidecar.read_text(encoding="utf-8") + "language: vi\n", encoding="utf-8")
    before = listing(seeds_copy)
    path = _vi_of_alpha(inbox)
    code, out, err = run_add(str(path), "--seeds", str(seeds_copy), "--source-url", URL, "--version-of", ref)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"error: {path}: --version-of: ") and why in err
    assert listing(seeds_copy) == before
