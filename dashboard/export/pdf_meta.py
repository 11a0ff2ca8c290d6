"""A PDF's document properties: kaleido writes "Kaleido-fier" as every PDF's title; a reader's PDF viewer shows
that in its title bar and a library catalogues the file by it. `titled` rewrites the properties with pypdf
after kaleido has drawn the page: the chart's title, its subject, and this tool as the creator.
"""

from __future__ import annotations

import html
import io
import re

from dashboard import __version__

_TAG = re.compile(r"<[^>]+>")


def plain_title(title: str) -> str:
    """Return the first line of a plotly title as plain text ("<b>Theme weight</b><br>…" → "Theme weight")."""
    first = re.split(r"<br\s*/?>", title or "", maxsplit=1)[0]
    return " ".join(html.unescape(_TAG.sub("", first)).split())


def titled(data: bytes, title: str, subject: str = "") -> bytes:
    """Return the PDF `data` with its title, subject, creator and producer set (the pages are untouched)."""
    from pypdf import PdfReader, PdfWriter  # here, not at the top: an app worker that never exports never loads it

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.metadata = None  # drop what kaleido wrote
    meta = {"/Title": title, "/Creator": f"policy-timeline {__version__}", "/Producer": "policy-timeline, kaleido"}
    if subject:
        meta["/Subject"] = subject
    writer.add_metadata(meta)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
