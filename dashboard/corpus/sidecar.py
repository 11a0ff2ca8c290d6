"""Read and check seed texts, their metadata sidecars and the corpus-level YAML files in seeds/.

Every problem becomes an InputError naming the file, the field and what is wrong; callers collect them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dashboard import errors
from dashboard.corpus.ids import document_slug
from dashboard.corpus.yamlfile import is_list, is_mapping, parse_yaml
from dashboard.settings import MAX_SEED_BYTES

REQUIRED = (
    "symbol",
    "doc_type",
    "issuer",
    "issued",
    "title_en",
    "source_url",
    "source_kind",
    "coverage",
    "coverage_note",
    "body",
)
VI_NOTES = ("issuer_detail", "seed_publisher", "coverage_note", "horizons_note")  # each may have a `_vi` twin
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class Vocabulary:
    """The controlled vocabularies of seeds/vocabulary.yml."""

    doc_types: dict[str, dict[str, str]]
    issuers: dict[str, dict[str, str]]
    source_kinds: dict[str, str]
    coverages: dict[str, str]
    confidences: dict[str, str]


@dataclass(frozen=True)
class DocumentMeta:
    """One document's facts from its sidecar (or from references.yml for documents not held)."""

    id: str
    symbol: str
    doc_type: str
    issuer: str
    issued: dt.date
    title_en: str
    title_vi: str
    source_url: str
    source_kind: str
    coverage: str
    coverage_note: str
    horizons: tuple[int, ...]
    facts_confidence: str
    facts_note: str
    held: bool
    seed_file: str = ""
    language: str = "en"
    issuer_detail: str = ""
    seed_publisher: str = ""
    seed_url: str = ""
    horizons_note: str = ""
    voice: str = "own"
    body_start: str = ""
    body_end: str = ""
    commentary: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    version_of: str = ""  # the id of the document this text is another language's version of ("" for a document)
    symbol_note: str = ""  # required when another document bears the same symbol: which one this is
    # the notes in Vietnamese, for the Vietnamese interface (empty: the interface shows the English)
    issuer_detail_vi: str = ""
    seed_publisher_vi: str = ""
    coverage_note_vi: str = ""
    horizons_note_vi: str = ""
    extra: dict[str, Any] = field(default_factory=dict[str, Any])


def load_yaml(path: Path, display: str, what: str = "YAML file") -> Any:
    """Parse a YAML file or raise NotYaml naming the line."""
    _check_size(path, display)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise errors.NotUtf8(display, f"byte {exc.start}", f"the {what} is not valid UTF-8") from exc
    return parse_yaml(text, display)


def load_vocabulary(path: Path, display: str) -> Vocabulary:
    """Read seeds/vocabulary.yml."""
    data = load_yaml(path, display)
    if not is_mapping(data):
        raise errors.InvalidField(display, "file", "expected a mapping of vocabularies")
    for key in ("doc_types", "issuers", "source_kinds", "coverages", "confidences"):
        if not isinstance(data.get(key), dict) or not data[key]:
            raise errors.MissingField(display, key)
    return Vocabulary(**{k: data[k] for k in ("doc_types", "issuers", "source_kinds", "coverages", "confidences")})


def read_seed(path: Path, display: str) -> str:
    """Return the seed's text, refusing empty, oversized, binary and non-UTF-8 files."""
    _check_size(path, display)
    raw = path.read_bytes()
    if not raw.strip():
        raise errors.EmptySeed(display, "file")
    control = _CONTROL.search(raw)
    if control:
        raise errors.BinarySeed(display, f"byte {control.start()}", "looks binary (control or NUL bytes), not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise errors.NotUtf8(display, f"byte {exc.start}") from exc


def _check_size(path: Path, display: str) -> None:
    # refuse before reading: a huge file must not be read into memory only to be refused
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise errors.MissingSidecar(display, "file", "not found") from exc
    if size > MAX_SEED_BYTES:
        raise errors.TooLarge(
            display, "file", f"{size} bytes, more than the limit of {MAX_SEED_BYTES} (MAX_SEED_BYTES)"
        )


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: Any, display: str, where: str) -> dt.date:
    """Return an ISO date, or raise ImpossibleDate."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if not _ISO_DATE.fullmatch(text):  # fromisoformat also takes 20250124 and 2025-W04-5: ambiguous to a reader
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise errors.ImpossibleDate(display, where, f"{text!r} is not a real date (YYYY-MM-DD)") from exc


def _text(data: dict[str, Any], key: str, display: str, required: bool = True) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise errors.MissingField(display, key)
        return ""
    if not isinstance(value, str | int | float):
        raise errors.InvalidField(display, key, f"expected text, got {type(value).__name__}")
    return " ".join(str(value).split())


def _url(data: dict[str, Any], key: str, display: str, required: bool = True) -> str:
    # the app links these; only a web address is a source (no javascript:, file: or relative paths)
    value = _text(data, key, display, required)
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if value and not (parts and parts.scheme in ("http", "https") and parts.netloc):
        raise errors.InvalidField(display, key, f"{value[:80]!r} is not an http(s) address")
    return value


def _choice(data: dict[str, Any], key: str, allowed: dict[str, Any], display: str) -> str:
    value = _text(data, key, display)
    if value not in allowed:
        raise errors.UnknownVocabulary(
            display, key, f"unknown {key} {value!r} (known: {', '.join(sorted(allowed))}; see seeds/vocabulary.yml)"
        )
    return value


def _text_list(data: dict[str, Any], key: str, display: str) -> tuple[str, ...]:
    value: Any = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not is_list(value) or not all(isinstance(v, str) and v.strip() for v in value):
        raise errors.InvalidField(display, key, "expected a list of non-empty texts")
    return tuple(value)


def _horizons(data: dict[str, Any], display: str) -> tuple[int, ...]:
    value: Any = data.get("horizons") or []
    if not is_list(value) or not all(isinstance(v, int) and 1900 <= v <= 2200 for v in value):
        raise errors.InvalidField(display, "horizons", "expected a list of years such as [2020, 2030]")
    return tuple(sorted(set(value)))


def parse_meta(data: Any, vocab: Vocabulary, display: str, *, held: bool, seed_file: str = "") -> DocumentMeta:
    """Check one sidecar (or reference record) and return its DocumentMeta."""
    if not is_mapping(data):
        raise errors.InvalidField(display, "file", "expected a mapping of fields")
    for key in REQUIRED if held else ("symbol", "doc_type", "issuer", "issued", "title_en", "source_url"):
        if data.get(key) in (None, "", [], {}):
            raise errors.MissingField(display, key)
    issued = parse_date(data.get("issued"), display, "issued")
    symbol = _text(data, "symbol", display)
    language = _text(data, "language", display, required=False) or "en"
    version_of = _text(data, "version_of", display, required=False)
    if version_of and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*", version_of):
        raise errors.InvalidField(display, "version_of", f"{version_of!r} is not a document id")
    slug = document_slug(symbol, issued.year)
    # a version's own id is the document's id and its language (59-NQ-TW-2025-vi) unless the sidecar names one
    doc_id = _text(data, "id", display, required=False) or (f"{version_of}-{language}" if version_of else slug)
    if not (doc_id.startswith(slug) or (version_of and doc_id.startswith(version_of))):
        raise errors.InvalidField(display, "id", f"{doc_id!r} must start with {slug!r} (symbol and year)")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*", doc_id):
        raise errors.InvalidField(display, "id", f"{doc_id!r} may hold only letters, digits and hyphens")
    body: dict[str, Any] = {}
    if held:
        found = data.get("body")
        if not is_mapping(found) or not str(found.get("start") or "").strip():
            raise errors.MissingField(display, "body.start")
        body = found
    confidence = _text(data, "facts_confidence", display, required=False) or "V"
    if confidence not in vocab.confidences:
        raise errors.UnknownVocabulary(display, "facts_confidence", f"unknown confidence {confidence!r} (V or P)")
    voice = _text(data, "voice", display, required=False) or "own"
    if voice not in ("own", "reported"):
        raise errors.InvalidField(display, "voice", f"{voice!r} must be own or reported")
    return DocumentMeta(
        id=doc_id,
        symbol=symbol,
        doc_type=_choice(data, "doc_type", vocab.doc_types, display),
        issuer=_choice(data, "issuer", vocab.issuers, display),
        issued=issued,
        title_en=_text(data, "title_en", display),
        title_vi=_text(data, "title_vi", display, required=False),
        source_url=_url(data, "source_url", display),
        source_kind=_choice(data, "source_kind", vocab.source_kinds, display) if held else "",
        coverage=_choice(data, "coverage", vocab.coverages, display) if held else "",
        coverage_note=_text(data, "coverage_note", display, required=held),
        horizons=_horizons(data, display),
        facts_confidence=confidence,
        facts_note=_text(data, "facts_note", display, required=False),
        held=held,
        seed_file=seed_file,
        language=language,
        issuer_detail=_text(data, "issuer_detail", display, required=False),
        seed_publisher=_text(data, "seed_publisher", display, required=False),
        seed_url=_url(data, "seed_url", display, required=False),
        horizons_note=_text(data, "horizons_note", display, required=False),
        voice=voice,
        body_start=str(body.get("start") or ""),
        body_end=str(body.get("end") or ""),
        commentary=_text_list(data, "commentary", display),
        skip=_text_list(data, "skip", display),
        version_of=version_of,
        symbol_note=_text(data, "symbol_note", display, required=False),
        issuer_detail_vi=_text(data, "issuer_detail_vi", display, required=False),
        seed_publisher_vi=_text(data, "seed_publisher_vi", display, required=False),
        coverage_note_vi=_text(data, "coverage_note_vi", display, required=False),
        horizons_note_vi=_text(data, "horizons_note_vi", display, required=False),
    )
