"""Add a document a user brings to the seeds folder: its text and a sidecar the build accepts.

`plan_addition` reads the file, takes the metadata from its header (options fill or override it), picks the next
free seed number and checks the result exactly as the build will (sidecar rules, body span, provisions, no
duplicate); `write_addition` then writes both files atomically. Nothing is written when anything is wrong.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dashboard import errors
from dashboard.corpus.header import Found, read_header
from dashboard.corpus.ids import document_slug
from dashboard.corpus.ingest import html_source_url, read_source
from dashboard.corpus.seed_folder import held_documents, next_seed_number, version_id
from dashboard.corpus.segment import Provision, find_body, segment_document
from dashboard.corpus.sidecar import load_vocabulary, parse_date, parse_meta

# what a user may give as an option, by sidecar field (the CLI's option names)
OPTIONS = {
    "symbol": "--symbol",
    "issued": "--issued",
    "issuer": "--issuer",
    "doc_type": "--type",
    "title": "--title",
    "title_en": "--title-en",
    "language": "--lang",
    "source_kind": "--source-kind",
    "coverage": "--coverage",
    "source_url": "--source-url",
    "version_of": "--version-of",
}
DEFAULT_SOURCE_KIND = {"vi": "official_text", "en": "official_translation"}
_MARKER_CHARS = 80


@dataclass
class Addition:
    """What `add` found and will write: the fields with their evidence, the notes, the two files' content."""

    file: str
    id: str
    text: str
    sidecar: dict[str, Any]
    fields: dict[str, dict[str, Any]]
    notes: list[str]
    seeds_dir: Path
    stem: str
    provisions: int
    written: list[str] = field(default_factory=list[str])
    segments: list[Provision] = field(default_factory=list[Provision])  # the provisions the build will read

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON object `add --json` prints."""
        return {
            "file": self.file,
            "id": self.id,
            "seed": f"{self.stem}.txt",
            "sidecar_file": f"{self.stem}.yml",
            "fields": self.fields,
            "notes": self.notes,
            "provisions": self.provisions,
            "sidecar": self.sidecar,
            "written": self.written,
        }

    def summary_lines(self, dry_run: bool) -> list[str]:
        """Return what `add` prints: each field with its evidence (the line it came from), the notes, the files."""
        out: list[str] = []
        for name, found in self.fields.items():
            where = f"line {found['line']}: " if found["line"] else ""
            out.append(f"{name:<13} {found['value']:<40} ({where}{found['evidence'][:100]})")
        out += [f"note: {note}" for note in self.notes]
        out.append(
            f"{'would write' if dry_run else 'wrote'} {self.seeds_dir / self.stem}.txt and .yml: {self.id}, "
            f"{self.provisions} provisions; next: policy-timeline build"
        )
        return out


def plan_addition(path: Path, seeds_dir: Path, options: dict[str, str | None], display: str | None = None) -> Addition:
    """Read `path` and return the Addition to write into `seeds_dir`, or raise an InputError naming the field."""
    # load inputs
    display = display or str(path)
    vocab_path = seeds_dir / "vocabulary.yml"
    if not vocab_path.is_file():
        raise errors.MissingFile(str(seeds_dir), "vocabulary.yml", "not a seeds folder (no vocabulary.yml)")
    vocabulary = load_vocabulary(vocab_path, str(vocab_path))
    text = read_source(path, display)
    header = read_header(text, display)

    # process: found fields, then options over them, then defaults with a note
    fields: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for name, found in header.fields.items():
        fields[name] = _field(found, "document")
    if path.suffix.lower() in (".html", ".htm") and not options.get("source_url"):
        url, evidence = html_source_url(path)
        if url:
            fields["source_url"] = {"value": url, "line": None, "evidence": evidence, "from": "document"}
    for name, flag in OPTIONS.items():
        value = (options.get(name) or "").strip()
        if not value:
            continue
        old = fields.get(name, {}).get("value")
        if old is not None and old != value and name != "title":
            notes.append(f"{name}: {flag} {value!r} replaces {old!r} read from the document")
        fields[name] = {"value": value, "line": None, "evidence": f"given as {flag}", "from": "option"}
    for name in ("symbol", "issued", "issuer", "doc_type", "language"):
        if name not in fields:
            raise errors.FieldNotFound(display, name, f"not found in the document's header; give {OPTIONS[name]}")
    language = fields["language"]["value"]
    if language not in ("vi", "en"):
        raise errors.InvalidField(display, "language", f"{language!r} must be vi or en")
    issued = parse_date(fields["issued"]["value"], display, "issued")
    if "title" not in fields:
        raise errors.FieldNotFound(display, "title", "no title under the document's type line; give --title")
    title = fields["title"]["value"]
    title_en = fields.get("title_en", {}).get("value") or (title if language == "en" else "")
    if not title_en:
        title_en = title
        notes.append(
            "title_en: the document is in Vietnamese and has no English title; the Vietnamese title "
            "stands in (give --title-en)"
        )
    if "source_url" not in fields:
        raise errors.FieldNotFound(
            display, "source_url", "no web address in the document; give --source-url (where the text was published)"
        )
    for name, default in (("source_kind", DEFAULT_SOURCE_KIND[language]), ("coverage", "full")):
        if name not in fields:
            fields[name] = {"value": default, "line": None, "evidence": "default", "from": "default"}
            notes.append(f"{name}: not given; defaulted to {default!r} (check it, or give {OPTIONS[name]})")
    start_index, end_index = header.body_start_line, header.body_end_line
    if start_index is None:
        raise errors.SpanNotFound(display, "body", "no text after the header")
    start_marker, end_marker, start_at = _body_markers(text, start_index, end_index, display)
    fields["body_start"] = {
        "value": start_marker,
        "line": start_index + 1,
        "evidence": text.split("\n")[start_index].strip(),
        "from": "document",
    }
    if end_marker and end_index is not None:  # a marker is found only on a line
        fields["body_end"] = {"value": end_marker, "line": end_index + 1, "evidence": end_marker, "from": "document"}
    else:
        notes.append("body.end: no signature block found; the body runs to the end of the text")
    held = held_documents(seeds_dir)
    doc_id, version_of = version_id(
        fields, document_slug(fields["symbol"]["value"], issued.year), language, held, notes, display
    )
    sidecar = _sidecar(fields, doc_id, issued.isoformat(), title, title_en, language, path.name)
    if version_of:  # beside the language, where a reader of the sidecar looks for it
        sidecar = {
            k: v
            for key, value in sidecar.items()
            for k, v in ((key, value), *((("version_of", version_of),) if key == "language" else ()))
        }
    # check it exactly as the build will, so that `build` accepts what `add` writes
    number = next_seed_number(seeds_dir)
    stem = f"{number:03d}_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"
    shown = display  # a problem is the input's (or an option's): name the file the user gave
    meta = parse_meta(sidecar, vocabulary, shown, held=True, seed_file=f"{stem}.txt")
    if find_body(text, meta, shown)[0] != start_at:
        raise errors.SpanNotFound(display, "body.start", "the body's first line also occurs earlier in the text")
    provisions = segment_document(text, meta, shown)
    if not provisions:
        raise errors.SpanNotFound(display, "body", "the body holds no text")
    return Addition(
        file=display,
        id=doc_id,
        text=text,
        sidecar=sidecar,
        fields=fields,
        notes=notes,
        seeds_dir=seeds_dir,
        stem=stem,
        provisions=len(provisions),
        segments=provisions,
    )


def write_addition(addition: Addition) -> list[Path]:
    """Write the seed text and its sidecar; each is written to a temporary file first, then renamed."""
    # save outputs
    seeds = addition.seeds_dir
    notes = "".join(f"# note: {n}\n" for n in addition.notes)
    yml = f"# added by policy-timeline add from {Path(addition.file).name}\n{notes}" + yaml.safe_dump(
        addition.sidecar, sort_keys=False, allow_unicode=True, width=110
    )
    targets = [(seeds / f"{addition.stem}.txt", addition.text), (seeds / f"{addition.stem}.yml", yml)]
    for target, _ in targets:
        if target.exists():
            raise errors.DuplicateDocument(addition.file, "file", f"{target} already exists")
    temps: list[Path] = []
    done: list[Path] = []
    try:
        for _target, content in targets:
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", newline="", dir=seeds, prefix=".add-", suffix=".tmp", delete=False
            ) as out:
                temps.append(Path(out.name))
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
        for (target, _), temp in zip(targets, temps, strict=True):
            os.replace(temp, target)
            done.append(target)
    except BaseException:
        for path in [*temps, *done]:  # a half-added document would fail the next build: take it all back
            path.unlink(missing_ok=True)
        raise
    addition.written = [str(p) for p in done]
    return done


def _field(found: Found, source: str) -> dict[str, Any]:
    return {"value": found.value, "line": found.line, "evidence": found.evidence, "from": source}


def _body_markers(text: str, start_index: int, end_index: int | None, display: str) -> tuple[str, str, int]:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    start_line = lines[start_index].strip()
    start_at = offsets[start_index] + (len(lines[start_index]) - len(lines[start_index].lstrip()))
    start = _marker(text, start_line, start_at, 0)
    if not start:
        raise errors.SpanNotFound(
            display, "body.start", f"the body's first line {start_line[:60]!r} also occurs earlier in the text"
        )
    end = ""
    if end_index is not None:
        end_line = lines[end_index].strip()
        end_at = offsets[end_index] + (len(lines[end_index]) - len(lines[end_index].lstrip()))
        end = _marker(text, end_line, end_at, start_at + 1)
    return start, end, start_at


def _marker(text: str, line: str, at: int, search_from: int) -> str:
    """Return a prefix of `line` (whole words, about 80 characters, else the whole line) first found at `at`."""
    words = line.split()
    candidates: list[str] = []
    for n in range(1, len(words) + 1):
        prefix = " ".join(words[:n])
        if len(prefix) >= _MARKER_CHARS or n == len(words):
            candidates.append(prefix)
            break
    candidates.append(" ".join(words))
    return next((c for c in candidates if _first_after(text, c, search_from) == at), "")


def _first_after(text: str, marker: str, pos: int) -> int:
    pattern = r"[\s\u00a0]+".join(re.escape(part) for part in marker.split())
    match = re.compile(pattern).search(text, pos)
    return match.start() if match else -1


def _sidecar(
    fields: dict[str, dict[str, Any]],
    doc_id: str,
    issued: str,
    title: str,
    title_en: str,
    language: str,
    source_name: str,
) -> dict[str, Any]:
    value: Callable[[str], Any] = lambda name: fields[name]["value"] if name in fields else ""  # noqa: E731
    data: dict[str, Any] = {
        "id": doc_id,
        "symbol": value("symbol"),
        "doc_type": value("doc_type"),
        "issuer": value("issuer"),
    }
    if value("issuer_detail"):
        data["issuer_detail"] = value("issuer_detail")
    data.update(
        {
            "issued": issued,
            "title_en": title_en,
            "title_vi": title if language == "vi" else "",
            "language": language,
            "source_url": value("source_url"),
            "source_kind": value("source_kind"),
            "coverage": value("coverage"),
            "coverage_note": (
                f"Added from {source_name} by policy-timeline add; coverage "
                f"{'given' if fields['coverage']['from'] == 'option' else 'not checked'}."
            ),
            "facts_confidence": "V",
            "facts_note": "symbol, date, issuer and title read from the document's header by policy-timeline add",
            "body": {"start": value("body_start"), **({"end": value("body_end")} if "body_end" in fields else {})},
        }
    )
    if not data["title_vi"]:
        del data["title_vi"]
    return data
