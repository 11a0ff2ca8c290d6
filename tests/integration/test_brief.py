"""Briefing packs written for real (python-pptx, kaleido, headless Chromium) and opened: the PPTX holds its
16:9 slides, pictures and quotations with sources, the PDF has a page per slide, the HTML escapes document
text."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from dashboard.cli import main
from dashboard.dataset.build import run as build_package
from dashboard.dataset.load import Dataset, get_dataset
from dashboard.errors import UnknownDocument
from dashboard.export import kaleido
from dashboard.export.brief import build_brief, render_brief, write_brief
from dashboard.export.errors import UnsupportedFormat

pytestmark = pytest.mark.export

TODAY = dt.date(2026, 3, 14)
A, B = "40/QĐ-TTg", "153/NQ-CP"  # the design's journey: the 2016 strategy against the 2025 action programme
PROVISION_ID = re.compile(r"\b[0-9A-Za-z]+(?:-[0-9A-Za-z]+)+-\d{4}:[\w.]+")


@pytest.fixture(scope="session")
def export_browser():
    kaleido.start_server()
    yield
    kaleido.stop_server()


@pytest.fixture(scope="session")
def dataset(shipped_data: Path) -> Dataset:
    return get_dataset(str(shipped_data))


@pytest.fixture(scope="session")
def pack(export_browser, dataset):
    return build_brief(dataset, A, B, image=".png", today=TODAY)


@pytest.fixture(scope="session")
def pptx_file(export_browser, dataset, tmp_path_factory) -> Path:
    return write_brief(dataset, A, B, tmp_path_factory.mktemp("brief") / "brief.pptx", today=TODAY)


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def test_pack_holds_every_part(pack, dataset):
    titles = [s.title for s in pack.slides]
    kinds = [s.kind for s in pack.slides]
    assert kinds[0] == "title"
    assert any("timeline" in t for t in titles)
    assert any(s.kind == "chart" and "Theme" in s.title for s in pack.slides)  # the theme deltas of A and B
    assert any(s.kind == "quotes" for s in pack.slides)
    assert any(t.startswith("Targets") for t in titles)
    assert titles[-1].startswith("Methods")
    assert any(dataset.citation in b for b in pack.slides[-1].bullets)


def test_the_pack_says_what_became_of_each_part_of_a(pack):
    """The section summary of the comparison, one line per part or item of A, before the quoted changes."""
    titles = [s.title for s in pack.slides]
    at = next(i for i, t in enumerate(titles) if t.startswith("What became of each part of"))
    lines = pack.slides[at].bullets
    assert any(line.startswith("7. ") and "→" in line and "p13" in line for line in lines)
    assert at < next(i for i, s in enumerate(pack.slides) if s.kind == "quotes")


def test_pptx_opens_with_its_slides_and_pictures(pptx_file, pack, dataset):
    prs = Presentation(str(pptx_file))
    assert round(Emu(prs.slide_width).inches, 2) == 13.33 and round(Emu(prs.slide_height).inches, 2) == 7.5
    slides = list(prs.slides)
    assert len(slides) == len(pack.slides)
    for slide, spec in zip(slides, pack.slides, strict=True):
        assert slide.shapes.title is not None and slide.shapes.title.text == spec.title
        pictures = [s for s in slide.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        if spec.kind == "chart":
            assert len(pictures) == 1
            picture = pictures[0]
            assert picture.image.content_type == "image/png" and picture.image.size[0] >= 3000
            # inside the slide, clear of the footer
            assert picture.left >= 0 and picture.top + picture.height <= prs.slide_height - Emu(300000)
        else:
            assert not pictures
    text = "\n".join(slide_text(s) for s in slides)
    assert f"v{dataset.version}" in text and dataset.citation in text


def test_key_changes_are_quoted_with_their_sources(pptx_file, pack):
    prs = Presentation(str(pptx_file))
    paired = zip(prs.slides, pack.slides, strict=True)
    quote_slides = [(s, spec) for s, spec in paired if spec.kind == "quotes"]
    statuses = {q.status for _, spec in quote_slides for q in spec.quotes}
    assert statuses <= {"new", "dropped", "reworded"} and len(statuses) >= 2
    for slide, spec in quote_slides:
        text = slide_text(slide)
        assert "“" in text and "”" in text
        for quote in spec.quotes:
            for cite in filter(None, (quote.cite_a, quote.cite_b)):
                # provision id and its span in the seed, in words
                assert PROVISION_ID.search(cite) and "characters " in cite and " of the seed file " in cite
                assert cite in text
        # the full provision texts, with their ids, are in the speaker notes
        notes = slide.notes_slide.notes_text_frame.text
        assert PROVISION_ID.search(notes)
    reworded = [q for _, spec in quote_slides for q in spec.quotes if q.status == "reworded"]
    for quote in reworded:  # changed words are marked on both sides
        assert any(r.mark == "del" for r in quote.a) or any(r.mark == "ins" for r in quote.b)


def test_coverage_caveats_are_stated(pack):
    sources = next(s for s in pack.slides if s.title.startswith("Sources"))
    assert {row[3] for row in sources.rows} <= {"full", "partial", "summary"}
    assert any("(A)" in row[0] for row in sources.rows) and any("(B)" in row[0] for row in sources.rows)
    assert "partial" in pack.slides[0].note  # the title slide warns that the sources differ


def test_pdf_has_a_page_per_slide(export_browser, dataset, pack, tmp_path):
    path = write_brief(dataset, A, B, tmp_path / "brief.pdf", today=TODAY)
    reader = PdfReader(str(path))
    assert len(reader.pages) == len(pack.slides)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (960, 540)  # 13.333 x 7.5 in
    first = reader.pages[0].extract_text()
    assert "40/QĐ-TTg" in first and "153/NQ-CP" in first
    last = reader.pages[-1].extract_text()
    assert "Methods" in last and "policy-timeline contributors" in last


def test_html_is_standalone(export_browser, dataset, pack):
    page = render_brief(dataset, A, B, ".html", today=TODAY).decode("utf-8")
    assert page.count('<section class="slide') == len(pack.slides)
    assert "data:image/svg+xml;base64," in page
    # nothing is fetched from the network
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', page)


def test_document_text_is_escaped(export_browser, fixture_seeds, tmp_path):
    # a document whose title carries markup: it must come out as text in the HTML pack (the title slide
    # always names both documents) and the PowerPoint pack must still open
    seeds = tmp_path / "seeds"
    shutil.copytree(fixture_seeds, seeds)
    sidecar = seeds / "beta.yml"
    marked = "Action <script>alert('x')</script> & <b>digital</b> programme"
    sidecar.write_text(
        re.sub(r"(?m)^title_en: .*$", f'title_en: "{marked}"', sidecar.read_text("utf-8")), encoding="utf-8"
    )
    data = tmp_path / "data"
    build_package(seeds, data)
    dataset = Dataset(data)
    a, b = list(dataset.held_documents()["id"])[:2]
    page = render_brief(dataset, a, b, ".html", today=TODAY).decode("utf-8")
    assert "<script" not in page and "<b>digital</b>" not in page  # the pack itself has no script at all
    assert "Action &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;digital&lt;/b&gt;" in page
    prs = Presentation(io.BytesIO(render_brief(dataset, a, b, ".pptx", today=TODAY)))
    assert marked in slide_text(prs.slides[0])  # in PowerPoint it is plain text


def test_every_field_is_escaped_in_html():
    from dashboard.export.brief import Brief, Quote, Run, Slide
    from dashboard.export.brief_html import html_bytes

    evil = "<img src=x onerror=alert(1)>"
    doc = {"symbol": evil, "id": "x"}
    quote = Quote("reworded", a=[Run(evil, "del")], b=[Run(evil, "ins")], cite_a=evil, cite_b=evil, themes=[evil])
    slides = [
        Slide("title", evil, evil, bullets=[evil], note=evil),
        Slide(
            "bullets", evil, evil, bullets=[evil], columns=[evil], rows=[[evil]], links=[f"{evil}: {evil}"], note=evil
        ),
        Slide("quotes", evil, evil, quotes=[quote], note=evil),
        Slide("table", evil, evil, columns=[evil], rows=[[evil]], note=evil),
    ]
    page = html_bytes(Brief(doc, doc, evil, evil, evil, slides)).decode("utf-8")
    assert "<img" not in page and page.count("&lt;img src=x onerror=alert(1)&gt;") >= 20


def test_unknown_document_and_bad_suffix(dataset, tmp_path):
    with pytest.raises(UnknownDocument):
        write_brief(dataset, "99/XX", B, tmp_path / "brief.pptx")
    with pytest.raises(UnsupportedFormat):
        write_brief(dataset, A, B, tmp_path / "brief.docx")
    assert not list(tmp_path.iterdir())


def test_cli_brief(export_browser, shipped_data, tmp_path):
    out = tmp_path / "pack.pptx"
    result = CliRunner().invoke(main, ["brief", A, B, "--data", str(shipped_data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(Presentation(str(out)).slides) >= 8
    for args, needle in (
        (["brief", A, B, "--out", str(tmp_path / "x.docx")], ".docx"),
        (["brief", "99/XX", B, "--out", str(tmp_path / "x.pptx")], "unknown document"),
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0]


def test_a_readers_pins_lead_the_quoted_pairs_and_are_stated(export_browser, dataset, tmp_path):
    pinned = build_brief(dataset, A, B, image=".png", today=TODAY, pins=["3.b1-p2", "6-p3"])
    reworded = next(s for s in pinned.slides if s.title.startswith("Reworded from"))
    cited = [(q.cite_a, q.cite_b) for q in reworded.quotes]
    assert any("40-QD-TTg-2016:3.b1" in a and "153-NQ-CP-2025:p2" in b for a, b in cited)
    assert all("paired by the reader" in q.themes for q in reworded.quotes[:2])
    assert "the reader's corrections first" in reworded.subtitle
    methods = next(s for s in pinned.slides if s.title.startswith("Methods"))
    assert any("2 correction(s) to the pairing by the reader (3.b1-p2, 6-p3:" in b for b in methods.bullets)
    # without pins nothing says so
    plain = build_brief(dataset, A, B, image=".png", today=TODAY)
    assert not any("paired by the reader" in q.themes for s in plain.slides for q in s.quotes)
    # a pin naming nothing: one line, exit 2, no file
    out = tmp_path / "pinned.pptx"
    result = CliRunner().invoke(main, ["brief", A, B, "--pin", "3.b9-p2", "--out", str(out)])
    assert result.exit_code == 2 and result.output.startswith("error: pin '3.b9-p2'") and not out.exists()


def test_a_vietnamese_pack_says_everything_in_vietnamese(export_browser, dataset):
    """The pack's own words (titles, headings, tables, notes, methods) are Vietnamese; only the documents'
    words (quotations, targets) and data the sources give in English stay as they are."""
    from dashboard import i18n

    pack = build_brief(dataset, A, B, image=".svg", lang="vi", today=TODAY)
    own = [pack.title]
    for s in pack.slides:
        own += [s.title, s.subtitle, *s.columns, *(row[0] for row in s.rows if s.kind == "bullets")]
        own += [b for b in s.bullets if not b.startswith(("A  ", "B  "))]  # the title slide's English titles
        own += [line for line in s.note.splitlines() if s.kind != "title"]
    said = "\n".join(own)
    english = [
        text.split("{", 1)[0].strip()
        for key, text in i18n.catalogue("en").items()
        if key.startswith("brief.") and isinstance(text, str) and len(text.split("{", 1)[0].strip()) >= 8
    ]
    assert [e for e in english if e in said] == []
    assert pack.title == "Từ 40/QĐ-TTg đến 153/NQ-CP: những gì đã thay đổi"
    assert pack.slides[-1].title == "Phương pháp, nguồn và trích dẫn"
    assert any("Bộ dữ liệu không" in s.note or "Mục tiêu đặt ra" in s.title for s in pack.slides)
    assert any("Nhóm tác giả policy-timeline" in b for b in pack.slides[-1].bullets)  # the Vietnamese citation
    page = render_brief(dataset, A, B, ".html", lang="vi", today=TODAY).decode()
    assert '<html lang="vi">' in page and "Lưu ý khi đọc:" in page and "bộ dữ liệu policy-timeline v" in page
