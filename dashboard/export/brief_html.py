"""Lay a briefing pack out as one standalone HTML page of 16:9 "slides" (every document text escaped,
charts as embedded SVG), and print that page to PDF with headless Chromium: one vector page per slide."""

from __future__ import annotations

import base64
import html
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dashboard.export.brief_model import Brief, Quote, Run, Slide
from dashboard.export.errors import ExportFailed
from dashboard.figures.template import FONT, GAIN, LOSS
from dashboard.i18n import t

PRINT_TIMEOUT_S = 90

CSS = (
    """
@page { size: 13.333in 7.5in; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; background: #E9ECF1; font-family: FONT; color: #1F2A44; }
.slide { position: relative; width: 13.333in; height: 7.5in; margin: 0.3in auto; padding: 0.3in 0.45in 0.5in;
  background: white; overflow: hidden; box-shadow: 0 1px 4px rgba(0,0,0,.25); display: flex;
  flex-direction: column; }
h1 { font-size: 38pt; margin: 1.1in 0 0.1in 0.3in; line-height: 1.15; }
h2 { font-size: 24pt; margin: 0 0 0.04in; line-height: 1.2; }
.subtitle { font-size: 13pt; color: #555; margin: 0 0 0.12in; }
.title .subtitle { font-size: 16pt; margin-left: 0.3in; }
.title .band { position: absolute; left: 0; top: 0; bottom: 0; width: 0.35in; background: GAIN; }
.title ul { list-style: none; padding: 0; margin: 0.3in 0 0 0.3in; font-size: 18pt; }
.title li { margin-bottom: 8pt; }
.caution { background: #F3F6FA; color: #555; font-size: 13pt; padding: 0.1in 0.15in; margin-top: auto; }
.title .caution { margin-left: 0.3in; }
.chart { flex: 1; min-height: 0; position: relative; }
.chart img { position: absolute; left: 0; top: 0; width: 100%; height: 100%; object-fit: contain;
  object-position: center top; }
ul.bullets { font-size: 17pt; padding-left: 0.3in; margin: 0.1in 0; }
ul.bullets li { margin-bottom: 10pt; }
ul.sources { font-size: 10pt; color: #555; list-style: none; padding: 0; margin: 0.05in 0; }
ul.sources a { color: #555; }
.quote { border-left: 0.06in solid GAIN; padding: 0.02in 0 0.02in 0.14in; margin: 0.08in 0 0.14in; }
.quote.dropped { border-left-color: LOSS; }
.themes { font-size: 10pt; font-weight: bold; color: #555; }
.quote p { margin: 0.02in 0; font-size: 14pt; line-height: 1.25; }
.quote.reworded p { font-size: 13pt; }
.quote .side { font-weight: bold; margin-right: 0.08in; }
.cite { font-size: 9pt; color: #555; margin-bottom: 0.04in; }
ins { color: GAIN; font-weight: bold; text-decoration: underline; }
del { color: LOSS; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; }
.bullets + table { width: 70%; font-size: 13pt; margin-left: 0.3in; }
th { background: #1F2A44; color: white; text-align: left; padding: 0.06in 0.08in; }
td { border-bottom: 1px solid #D0D5DD; padding: 0.05in 0.08in; vertical-align: top; }
table.small { font-size: 9.5pt; }
.note { font-size: 11pt; color: #555; margin-top: 0.12in; }
footer { position: absolute; left: 0.45in; right: 0.45in; bottom: 0.15in; font-size: 9pt; color: #555;
  display: flex; justify-content: space-between; }
@media print { body { background: white; } .slide { margin: 0; box-shadow: none; break-after: page; } }
""".replace("FONT", FONT)
    .replace("GAIN", GAIN)
    .replace("LOSS", LOSS)
)


def html_bytes(brief: Brief) -> bytes:
    """Return the briefing pack as one standalone HTML page (UTF-8)."""
    esc = html.escape
    sections = []
    for number, slide in enumerate(brief.slides, start=1):
        body = _title(slide, brief.lang) if slide.kind == "title" else _section(slide, brief.lang)
        footer = (
            ""
            if slide.kind == "title"
            else (
                f"<footer><span>{esc(brief.a['symbol'])} → {esc(brief.b['symbol'])} · "
                f"{esc(t('brief.footer', brief.lang, version=brief.version))} · {esc(brief.date)}</span>"
                f"<span>{number} / {len(brief.slides)}</span></footer>"
            )
        )
        sections.append(f'<section class="slide {slide.kind}" id="slide-{number}">{body}{footer}</section>')
    page = (
        f'<!DOCTYPE html>\n<html lang="{esc(brief.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(brief.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(sections)
        + "\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def pdf_bytes(brief: Brief) -> bytes:
    """Return the briefing pack as PDF: the HTML pack printed by headless Chromium, one page per slide."""
    with tempfile.TemporaryDirectory(prefix="policy-timeline-brief-") as tmp:
        page, out = Path(tmp) / "brief.html", Path(tmp) / "brief.pdf"
        page.write_bytes(html_bytes(brief))
        command = [
            chromium_path(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            f"--user-data-dir={tmp}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ExportFailed(f"Chromium did not print the pack within {PRINT_TIMEOUT_S} s") from exc
        if not out.exists() or out.stat().st_size == 0:
            last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
            raise ExportFailed(f"Chromium could not print the briefing pack: {last}")
        return out.read_bytes()


def chromium_path() -> str:
    """Return the Chromium to print with: $BROWSER_PATH, Debian's binary (not its wrapper script), or PATH."""
    for candidate in (
        os.environ.get("BROWSER_PATH"),
        "/usr/lib/chromium/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    raise ExportFailed("no Chromium found to print the PDF (install chromium or set BROWSER_PATH)")


# ---------------------------------------------------------------- slide kinds


def _title(slide: Slide, lang: str = "en") -> str:
    esc = html.escape
    items = "".join(f"<li>{esc(b)}</li>" for b in slide.bullets)
    care = esc(t("brief.read_with_care", lang).strip())
    caution = f'<div class="caution"><b>{care}</b> {esc(slide.note)}</div>' if slide.note else ""
    return (
        f'<div class="band"></div><h1>{esc(slide.title)}</h1>'
        f'<p class="subtitle">{esc(slide.subtitle)}</p><ul>{items}</ul>{caution}'
    )


def _section(slide: Slide, lang: str = "en") -> str:
    esc = html.escape
    head = f"<h2>{esc(slide.title)}</h2>"
    if slide.subtitle:
        head += f'<p class="subtitle">{esc(slide.subtitle)}</p>'
    if slide.kind == "chart":
        image = slide.svg or slide.png
        kind = "svg+xml" if slide.svg else "png"
        body = (
            f'<div class="chart"><img alt="{esc(slide.title)}" '
            f'src="data:image/{kind};base64,{base64.b64encode(image).decode()}"></div>'
        )
    elif slide.kind == "bullets":
        body = '<ul class="bullets">' + "".join(f"<li>{esc(b)}</li>" for b in slide.bullets) + "</ul>"
        if slide.rows:
            body += _table(slide, lang)
        if slide.links:
            items = "".join(f"<li>{_linked(line)}</li>" for line in slide.links)
            body += f'<ul class="sources">{items}</ul>'
    elif slide.kind == "quotes":
        body = "".join(_quote(q) for q in slide.quotes)
    else:
        body = _table(slide, lang)
    note = ""
    if slide.note and not (slide.kind == "table" and not slide.rows):
        note = f'<div class="{"caution" if slide.kind == "bullets" else "note"}">{esc(slide.note)}</div>'
    return head + body + note


def _quote(quote: Quote) -> str:
    esc = html.escape
    sides = [(s, runs, cite) for s, runs, cite in (("A", quote.a, quote.cite_a), ("B", quote.b, quote.cite_b)) if runs]
    parts = [f'<div class="themes">{esc(" · ".join(quote.themes))}</div>'] if quote.themes else []
    for side, runs, cite in sides:
        label = f'<span class="side">{side}</span>' if len(sides) == 2 else ""
        parts.append(f'<p>{label}“{_runs(runs)}”</p><div class="cite">{esc(cite)}</div>')
    return f'<div class="quote {quote.status}">{"".join(parts)}</div>'


def _runs(runs: list[Run]) -> str:
    out = []
    for run in runs:
        text = html.escape(run.text)
        out.append(f"<ins>{text}</ins>" if run.mark == "ins" else f"<del>{text}</del>" if run.mark == "del" else text)
    return "".join(out)


def _table(slide: Slide, lang: str = "en") -> str:
    esc = html.escape
    if not slide.rows:
        return f'<p class="subtitle">{esc(slide.note or t("brief.nothing", lang))}</p>'
    total = sum(slide.widths) if slide.widths else len(slide.columns)
    widths = slide.widths or [1.0] * len(slide.columns)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in widths)
    head = "".join(f"<th>{esc(c)}</th>" for c in slide.columns)
    rows = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in slide.rows)
    dense = len(slide.rows) > 12 or sum(len(" ".join(r)) for r in slide.rows) > 1400
    size = ' class="small"' if dense else ""
    return f"<table{size}><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _linked(line: str) -> str:
    """Return 'SYMBOL: URL' with the URL as a link (both escaped)."""
    label, sep, url = line.partition(": ")
    if sep and url.startswith(("http://", "https://")):
        return f'{html.escape(label)}: <a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'
    return html.escape(line)
