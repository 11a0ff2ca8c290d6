"""Typed catalogue of errors. Each class has a stable `code`; tests assert on codes, never on prose."""

from __future__ import annotations

import difflib


class PolicyTimelineError(Exception):
    """Something went wrong in policy-timeline."""

    code = "policy-timeline-error"


class InputError(PolicyTimelineError):
    """An input file is not usable."""

    code = "input-error"

    def __init__(self, file: str, where: str, problem: str | None = None) -> None:
        self.file = file
        self.where = where
        self.problem = problem or (self.__doc__ or "").strip().rstrip(".").lower()
        super().__init__(self.render())

    def render(self) -> str:
        """Return the one-line form `error: <file>: <where>: <problem>`."""
        return f"error: {self.file}: {self.where}: {self.problem}"


class MissingSidecar(InputError):
    """The seed text has no metadata sidecar (.yml) beside it."""

    code = "missing-sidecar"


class NotYaml(InputError):
    """The sidecar is not valid YAML."""

    code = "not-yaml"


class MissingField(InputError):
    """A required field is missing or empty."""

    code = "missing-field"


class InvalidField(InputError):
    """A field has the wrong type or form."""

    code = "invalid-field"


class ImpossibleDate(InputError):
    """The date is not a real calendar date (YYYY-MM-DD)."""

    code = "impossible-date"


class UnknownVocabulary(InputError):
    """The value is not in the controlled vocabulary (seeds/vocabulary.yml)."""

    code = "unknown-vocabulary"


class DuplicateId(InputError):
    """The id is already used by another document."""

    code = "duplicate-id"


class UnknownReference(InputError):
    """The record refers to a document id or symbol that is not known."""

    code = "unknown-reference"


class SpanNotFound(InputError):
    """The text that marks the body span does not occur in the seed text."""

    code = "span-not-found"


class EmptySeed(InputError):
    """The seed text is empty."""

    code = "empty-seed"


class NotUtf8(InputError):
    """The seed text is not valid UTF-8."""

    code = "not-utf8"


class BinarySeed(InputError):
    """The seed looks binary (NUL or control bytes), not text."""

    code = "binary-seed"


class TooLarge(InputError):
    """The seed is larger than the build accepts."""

    code = "too-large"


class OutsideSeeds(InputError):
    """The file is a link to a place outside the seeds folder; the build reads only the seeds folder."""

    code = "outside-seeds"


class MissingFile(InputError):
    """The file does not exist."""

    code = "missing-file"


class UnknownFormat(InputError):
    """The file's suffix is not one `add` reads (.txt, .docx, .pdf, .html)."""

    code = "unknown-format"


class UnreadableDocument(InputError):
    """The file cannot be read as its suffix says (a corrupt .docx, .pdf or .html)."""

    code = "unreadable-document"


class NoTextLayer(InputError):
    """The document holds no text (a scanned PDF needs OCR first)."""

    code = "no-text-layer"


class FieldNotFound(InputError):
    """The document's header does not give this field; give it as an option."""

    code = "field-not-found"


class DuplicateDocument(InputError):
    """The seeds folder already holds a document with this symbol and year."""

    code = "duplicate-document"


class BuildFailed(PolicyTimelineError):
    """The build found input errors; nothing was written."""

    code = "build-failed"

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.render() for e in errors))


class DataInvalid(PolicyTimelineError):
    """The data package does not validate."""

    code = "data-invalid"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class UnknownDocument(PolicyTimelineError):
    """No document has this id or symbol."""

    code = "unknown-document"

    LISTED = 12  # a corpus of up to this many held documents is listed whole; a larger one by the closest ids

    def __init__(self, ref: str, known: list[str] | None = None) -> None:
        self.ref = ref
        self.known = known or []
        super().__init__(f"unknown document {ref!r}{self._hint()}")

    def _hint(self) -> str:
        """Every held id of a small corpus; of a large one (10,000 ids made a line of 200 KB) the count and the
        closest ids by spelling, so the line still says what to type."""
        if not self.known:
            return ""
        if len(self.known) <= self.LISTED:
            return f" (known: {', '.join(self.known)})"
        close = difflib.get_close_matches(self.ref, self.known, n=5, cutoff=0.5)
        near = f"; closest: {', '.join(close)}" if close else ""
        return f" ({len(self.known):,} held documents{near}; every id is in the data package's documents.csv)"


class UnknownTheme(PolicyTimelineError):
    """No theme has this id."""

    code = "unknown-theme"


class UnknownChart(PolicyTimelineError):
    """No chart has this name."""

    code = "unknown-chart"


class InvalidPin(PolicyTimelineError):
    """A reader's pin names no provision of the two documents, or one another pin already fixes."""

    code = "invalid-pin"

    def __init__(self, pin: str, problem: str, reason: str = "malformed", provision: str = "") -> None:
        self.pin = pin
        self.problem = problem
        self.reason = reason  # malformed | unknown | conflict | too-many (a page words its notice from it)
        self.provision = provision  # the provision path the problem is about, when there is one
        super().__init__(f"pin {pin!r}: {problem}")
