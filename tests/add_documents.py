"""Write the fixture documents of tests/fixtures/add/ as the files analysts bring: .docx, .pdf and .html.

Each is made here, by the libraries a publisher would use, from the same plain text: a .docx whose header is the
usual two-column table (issuer and number | motto and date), a PDF with a real text layer and the header in two
columns side by side (fpdf2 with a Unicode TrueType font), and a web page with site chrome around a <main>.
"""

from __future__ import annotations

import html
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "add"
VI_TEXT = FIXTURES / "vi_resolution.txt"
EN_TEXT = FIXTURES / "en_resolution.txt"
FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
)


def header_and_body(text: str) -> tuple[list[str], list[str], list[str]]:
    """Split a fixture text into its left header column, right header column and the rest (one line each)."""
    lines = [line for line in text.splitlines() if line.strip()]
    left = [lines[0], lines[1], lines[2]]  # issuer, "*", number
    right = [lines[3], lines[4]]  # motto, place and date
    return left, right, lines[5:]


def write_docx(text: str, path: Path) -> Path:
    """Write `text` as a Word document with the header in a two-column table."""
    import docx

    left, right, rest = header_and_body(text)
    document = docx.Document()
    table = document.add_table(rows=len(left), cols=2)
    for row, line in enumerate(left):
        table.cell(row, 0).text = line
    for row, line in enumerate(right):
        table.cell(row, 1).text = line
    for line in rest:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def font_path() -> Path:
    """A TrueType font with Vietnamese letters, from Debian's fonts (chromium brings Liberation)."""
    for path in FONTS:
        if path.is_file():
            return path
    raise FileNotFoundError(f"no Unicode TrueType font among {[str(p) for p in FONTS]}")


def write_pdf(text: str, path: Path) -> Path:
    """Write `text` as a PDF with a text layer: the header in two columns side by side, as printed, long
    paragraphs wrapping over several lines, and a page number at the foot of each page."""
    from fpdf import FPDF

    class NumberedPages(FPDF):
        def footer(self) -> None:  # a page number alone at the foot of each page, as official PDFs print it
            self.set_y(-15)
            self.cell(0, 10, str(self.page_no()), align="C")

    left, right, rest = header_and_body(text)
    pdf = NumberedPages(format="A4")
    pdf.add_font("body", fname=str(font_path()))
    pdf.set_font("body", size=11)
    pdf.add_page()
    top = pdf.get_y()
    for row, line in enumerate(left):  # drawn row by row, as a word processor prints a table
        pdf.set_xy(10, top + row * 6)
        pdf.cell(80, 6, line, align="C")
        if row < len(right):
            pdf.set_xy(100, top + row * 6)
            pdf.cell(100, 6, right[row], align="C")
    pdf.set_xy(10, top + len(left) * 6 + 4)
    for line in rest:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(path))
    return path


def write_html(text: str, path: Path, canonical: str = "https://example.org/van-ban/77-nq-tw") -> Path:
    """Write `text` as a web page: a menu, the document in <main>, a footer and a script around it."""
    left, right, rest = header_and_body(text)
    cells = "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                    for a, b in zip(left, [*right, ""], strict=False))
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in rest)
    page = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Văn bản</title>
<link rel="canonical" href="{canonical}"><script>var tracker = "Trang chủ";</script>
<style>p {{ margin: 0 }}</style></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/van-ban">Văn bản</a></nav>
<main><table class="header">{cells}</table>
{body}</main>
<footer>Bản quyền thuộc về cổng thông tin</footer></body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path
