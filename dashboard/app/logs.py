"""The server's log, bounded: a hostile client cannot fill the disk through it.

A failing callback is logged with its traceback, and tracebacks quote the values that failed: a 1 MB pathname
came back as 1 MB of log per request (four clients wrote 789 MB in ten seconds). Three limits, on the handler
that Flask (and, under `make serve-prod`, waitress) logs through:

- one record is at most MAX_RECORD_CHARS characters: the head and the tail of a long traceback are kept (where
  it started and the exception itself), the middle is replaced by "[… N characters cut …]";
- one request logs at most MAX_REQUEST_CHARS characters in all; what comes after is dropped, with one notice;
- the same error (logger, message, exception type) is logged at most REPEATS times a WINDOW seconds; then the
  next one that gets through says how many like it were suppressed.
"""

from __future__ import annotations

import logging
import sys
import threading
import time

MAX_RECORD_CHARS = 2000
MAX_REQUEST_CHARS = 4000
REPEATS = 5
WINDOW = 60.0
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class CappedFormatter(logging.Formatter):
    """Format a record, then cut it to `limit` characters keeping its start and end."""

    def __init__(self, fmt: str = FORMAT, limit: int = MAX_RECORD_CHARS) -> None:
        super().__init__(fmt)
        self.limit = limit

    def format(self, record: logging.LogRecord) -> str:
        return cap(super().format(record), self.limit)


def cap(text: str, limit: int) -> str:
    """Return `text` cut to about `limit` characters: its first and last parts around a note of what was cut."""
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 3
    return f"{text[:head]}\n[… {len(text) - head - tail} characters cut …]\n{text[-tail:]}"


class Budget(logging.Filter):
    """Drop records past a per-request budget of characters and repeated errors past REPEATS a WINDOW."""

    def __init__(self, per_request: int = MAX_REQUEST_CHARS, repeats: int = REPEATS, window: float = WINDOW):
        super().__init__()
        self.per_request, self.repeats, self.window = per_request, repeats, window
        self._seen: dict[tuple[str, str, str], list[float]] = {}
        self._suppressed: dict[tuple[str, str, str], int] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        return self._within_request(record) and self._not_repeated(record)

    def _within_request(self, record: logging.LogRecord) -> bool:
        try:
            from flask import g, has_request_context
        except ImportError:  # pragma: no cover (flask is a dependency of the app)
            return True
        if not has_request_context():
            return True
        used = g.get("_log_chars", 0)
        size = min(len(str(record.msg)), MAX_RECORD_CHARS) + (MAX_RECORD_CHARS if record.exc_info else 0)
        if used >= self.per_request:
            return False
        g._log_chars = used + size
        if used + size > self.per_request:
            record.msg, record.args, record.exc_info, record.exc_text = (
                f"{str(record.msg)[:200]} [this request's log budget is spent; the rest is not logged]",
                None, None, None)
        return True

    def _not_repeated(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        exc = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        key = (record.name, str(record.msg)[:200], exc)
        now = time.monotonic()
        with self._lock:
            times = [t for t in self._seen.get(key, []) if now - t < self.window]
            if len(times) >= self.repeats:
                self._seen[key] = times
                self._suppressed[key] = self._suppressed.get(key, 0) + 1
                return False
            self._seen[key] = [*times, now]
            if len(self._seen) > 1000:  # bounded: forget the oldest keys
                for old in list(self._seen)[:500]:
                    self._seen.pop(old, None)
            suppressed = self._suppressed.pop(key, 0)
        if suppressed:
            record.msg = f"{record.msg} [{suppressed} more like this suppressed in the last {self.window:.0f} s]"
        return True


_HANDLER: logging.Handler | None = None


def handler() -> logging.Handler:
    """Return the process's one bounded stderr handler."""
    global _HANDLER
    if _HANDLER is None:
        _HANDLER = logging.StreamHandler(sys.stderr)
        _HANDLER.setFormatter(CappedFormatter())
        _HANDLER.addFilter(Budget())
    return _HANDLER


def bound(logger: logging.Logger) -> None:
    """Make `logger` log through the bounded handler only (Flask's default handler is replaced)."""
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(handler())
    logger.propagate = False
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
