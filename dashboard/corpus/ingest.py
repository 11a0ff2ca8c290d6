"""Read a document a user brings (.txt, .docx, .pdf, .html) into plain text, one paragraph a line.

The text becomes a seed verbatim, so the readers only lay it out: a paragraph (a .docx paragraph or table cell, an
HTML block, a PDF paragraph rebuilt from its lines) is one line, paragraphs are separated by a blank line. Every
failure is an InputError naming the file: a corrupt or encrypted file, one without text, an unknown suffix, one
that is too large. Libraries: python-docx, pypdf (its text layer), selectolax (HTML, with the Lexbor parser).
"""

from __future__ import annotations

import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard import errors
from dashboard.corpus.sidecar import read_seed
from dashboard.settings import MAX_SEED_BYTES, MAX_SOURCE_BYTES, MAX_UNPACKED_BYTES

if TYPE_CHECKING:
    from docx.oxml.table import CT_Tc
    from docx.table import Table

SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
# a line that starts a provision or a header field: a PDF line starting so is never glued to the line above
_STARTS_BLOCK = re.compile(
    r"^\s*(?:[IVXL]{1,6}\.\s|\d{1,2}(?:\.\d{1,2})*\.?\s|[a-zđ]{1,2}\)\s|[-–•+*]\s|(?:Phần|Chương|Mục|Điều|Part|"
    r"Chapter|Article|Số|No\.)\b)"
)
_ENDS_SENTENCE = re.compile(r"[.:;!?…]\s*$")
# HTML elements that break a line; inline ones (b, a, span …) do not
_BLOCKS = ("p,div,br,li,tr,td,th,h1,h2,h3,h4,h5,h6,table,section,article,blockquote,pre,dd,dt,caption,"
           "figcaption,hr")
_DROP = "script,style,noscript,template,svg,iframe,nav,footer,aside,form,button,select"
_BREAK = "\u2029"


def read_source(path: Path, display: str) -> str:
    """Return the text of a .txt, .docx, .pdf or .html file, or raise an InputError naming `display`."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise errors.UnknownFormat(display, "file", f"unknown suffix {path.suffix or '(none)'!r}: add reads "
                                                    ".txt, .docx, .pdf and .html")
    if not path.is_file():
        raise errors.MissingFile(display, "file", "not found")
    size = path.stat().st_size
    limit = MAX_SEED_BYTES if suffix == ".txt" else MAX_SOURCE_BYTES
    if size > limit:
        raise errors.TooLarge(display, "file", f"{size} bytes, more than the limit of {limit}")
    if suffix == ".txt":
        text = read_seed(path, display)
    elif suffix == ".docx":
        text = _read_docx(path, display)
    elif suffix == ".pdf":
        text = _read_pdf(path, display)
    else:
        text = _read_html(path, display)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise errors.NoTextLayer(display, "file", "no text in the document" + (" (a scan? run OCR first)"
                                                                               if suffix == ".pdf" else ""))
    if len(text.encode("utf-8")) > MAX_SEED_BYTES:
        raise errors.TooLarge(display, "text", f"the text is more than the limit of {MAX_SEED_BYTES} bytes")
    return text if text.endswith("\n") else text + "\n"


def html_source_url(path: Path) -> tuple[str, str]:
    """Return (address, evidence) from an HTML file's canonical link or og:url, or ("", "")."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(path.read_bytes())
    for selector, attr in (('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content")):
        node = tree.css_first(selector)
        value = (node.attributes.get(attr) or "").strip() if node else ""
        if node and value.startswith(("http://", "https://")):
            return value, f'<{node.tag} {" ".join(f"{k}={v!r}" for k, v in node.attributes.items())}>'
    return "", ""


def _paragraphs(lines: Iterable[str]) -> str:
    kept = [" ".join(line.split()) for line in lines]
    return "\n\n".join(line for line in kept if line)


def _read_docx(path: Path, display: str) -> str:
    import docx
    from docx.table import Table

    try:
        with zipfile.ZipFile(path) as archive:  # a small .docx can unpack to gigabytes: refuse it unopened
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise errors.UnreadableDocument(display, "file", f"not a readable .docx ({type(exc).__name__})") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise errors.TooLarge(display, "file", f"unpacks to {unpacked} bytes, more than the limit of "
                                               f"{MAX_UNPACKED_BYTES} (MAX_UNPACKED_BYTES)")
    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.extend(block.text.split("\n"))  # a soft line break (Shift+Enter) starts a new line
    except Exception as exc:  # PackageNotFoundError, BadZipFile, lxml's XMLSyntaxError … inside a damaged package
        raise errors.UnreadableDocument(display, "file", f"not a readable .docx ({type(exc).__name__})") from exc
    return _paragraphs(lines)


def _table_lines(table: Table) -> list[str]:
    # the header of a Vietnamese administrative document is a two-column table (issuer | motto, number | date):
    # read it column by column so that each column's lines stay together
    lines: list[str] = []
    seen: list[CT_Tc] = []  # the cells' XML elements: a merged cell is the same element in several rows
    columns = max((len(row.cells) for row in table.rows), default=0)
    for col in range(columns):
        for row in table.rows:
            if col >= len(row.cells):
                continue
            cell = row.cells[col]
            # python-docx has no public handle on a cell's XML element, the one thing a merged cell's rows share
            element = cell._tc  # pyright: ignore[reportPrivateUsage]
            if any(element is tc for tc in seen):
                continue
            seen.append(element)
            for paragraph in cell.paragraphs:
                lines.extend(paragraph.text.split("\n"))
    return lines


def _read_pdf(path: Path, display: str) -> str:
    from pypdf import PdfReader

    quiet = logging.getLogger("pypdf")  # a damaged file makes pypdf log repairs; the user gets one line, not ten
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise errors.UnreadableDocument(display, "file", "the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except errors.InputError:
        raise
    except Exception as exc:  # a damaged PDF raises anything from PdfReadError to NotImplementedError (a bad filter)
        raise errors.UnreadableDocument(display, "file", f"not a readable .pdf ({type(exc).__name__})") from exc
    finally:
        quiet.setLevel(level)
    return _join_pdf_lines(pages)


def _join_pdf_lines(pages: list[str]) -> str:
    """Rebuild paragraphs from PDF pages' visual lines.

    A line continues the one above unless that one ends a sentence, ends well short of the right margin (the last
    line of a paragraph, a centred header line), or the new line starts a numbered item, a point, a bullet or a
    header field. Upper-case and mixed-case lines never join (a title under its type line). A paragraph goes on
    across a page break; a page number alone on the page's first or last line is left out.
    """
    lines: list[str] = []
    for page in pages:
        rows = [" ".join(line.split()) for line in page.splitlines()]
        rows = [line for line in rows if line]
        while rows and rows[-1].isdigit():
            rows.pop()
        while rows and rows[0].isdigit():
            rows.pop(0)
        lines.extend(rows)
    if not lines:
        return ""
    width = max(len(line) for line in lines)
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:], strict=False):
        if (_ENDS_SENTENCE.search(prev) or _STARTS_BLOCK.match(line) or len(prev) < 0.75 * width
                or prev.isupper() != line.isupper()):
            out.append(line)
        else:
            out[-1] = f"{out[-1]} {line}"
    return "\n\n".join(out)


def _read_html(path: Path, display: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise errors.UnreadableDocument(display, "file", "looks binary (NUL bytes), not HTML")
    try:
        tree = LexborHTMLParser(raw)
    except Exception as exc:  # selectolax raises plain errors on bytes it cannot decode
        raise errors.UnreadableDocument(display, "file", f"not readable HTML ({type(exc).__name__})") from exc
    for node in tree.css(_DROP):
        node.decompose()
    # the main content when the page marks it; else the whole body (the sidecar's body markers cut the rest)
    root = tree.css_first("main") or tree.css_first("article") or tree.css_first('[role="main"]') or tree.body
    if root is None:
        raise errors.UnreadableDocument(display, "file", "no <body> in the HTML")
    for node in root.css(_BLOCKS):
        node.insert_before(_BREAK)
        node.insert_after(_BREAK)
    text = root.text(separator="")
    return _paragraphs(text.split(_BREAK))
