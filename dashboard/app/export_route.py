"""The export address: GET /export?chart=<registry name>&fmt=.png&size=slide&page=<the page's address>.

The same file the page's download menu sends, for a script or a link: the chart drawn for the page's state
(`page` is the page's path and query, e.g. `/themes?docs=...`). While the export queue is full the answer is
HTTP 503 with `Retry-After` (and the menu's "busy, try again in N seconds" as plain text), so a client that is
not a browser can tell "busy" from "failed" (400, JSON with a stable code).
"""

from __future__ import annotations

import mimetypes
from typing import Any

from flask import Flask, Response, jsonify, request

from dashboard.app.components.download import STATIC, _t, chart_file, page_options
from dashboard.app.context import current
from dashboard.errors import PolicyTimelineError
from dashboard.export.gate import ExportBusy
from dashboard.export.static import SIZES
from dashboard.figures.catalogue import CHARTS

FORMATS = (*STATIC, ".html", ".csv")


def install(server: Flask, prefix: str = "/") -> None:
    """Serve chart files at `<prefix>export` on `server`."""

    @server.get(f"{prefix.rstrip('/')}/export")
    def _export() -> Any:
        chart, fmt = request.args.get("chart", ""), request.args.get("fmt", "")
        size = request.args.get("size") or None
        page = request.args.get("page", "/")
        if chart not in CHARTS or fmt not in FORMATS or (size is not None and size not in SIZES):
            return jsonify(error="unknown chart, format or size", code="bad-export-request"), 400
        if not page.startswith("/") or len(page) > 8192:
            return jsonify(error="page must be the page's address, starting with /", code="bad-export-request"), 400
        pathname, _, query = page.partition("?")
        options = page_options(pathname, f"?{query}" if query else "", current().vocab)
        try:
            payload, name = chart_file(chart, fmt, size, options)
        except ExportBusy as exc:
            busy = Response(_t("busy", options.lang, seconds=exc.retry_after), 503, mimetype="text/plain")
            busy.headers["Retry-After"] = str(exc.retry_after)
            return busy
        except PolicyTimelineError as exc:
            return jsonify(error=str(exc), code=exc.code), 400
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return Response(payload, 200, mimetype=kind, headers={"Content-Disposition": f'attachment; filename="{name}"'})
