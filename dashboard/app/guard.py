"""Answers for requests that the app's own pages never send.

A browser running the dashboard sends callback requests that Dash built from the callbacks' definitions. A
hand-made one can be anything, and Dash would answer most malformed ones with a 500 from deep inside its
dispatcher (a list where it expects an object, an output no callback has, JSON nested ten thousand deep). Here
such a request gets a 400 with a JSON message naming what is wrong (`code` "malformed-callback"), before any
callback runs; a body over MAX_REQUEST_BYTES gets 413 unread; a script asked for under a package Dash does not
serve gets 404 rather than 500. Every input and state value is checked against what the pages send for its
property (PROP_CHECKS: a pathname is text starting with "/", n_clicks a count, a dropdown's value text or a
list of them, …, and no text over MAX_TEXT_CHARS), so a hand-made value never reaches Dash's router or a
callback, where its failure would be logged with the value quoted. If a callback still fails, the client gets a
JSON 500 (`code` "callback-error") and the log a traceback cut to size (`logs.py`: per record, per request,
repeated errors rate-limited).

Every answer carries security headers (SECURITY_HEADERS): a Content-Security-Policy that allows scripts only
from this server and Dash's own inline blocks by their hashes (`Dash.csp_hashes()`: the renderer's start and
the clientside callbacks), nosniff, and no framing by any site. Source maps (`*.map`) are not served: they
would publish the bundles' sources and are only useful with a debugger.
An address that is no page gets the friendly not-found page, with status 404 (Dash would answer 200).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash
from dash.exceptions import DependencyException
from flask import jsonify, request
from werkzeug.exceptions import InternalServerError

from dashboard.app import logs
from dashboard.settings import MAX_REQUEST_BYTES

TEXT_PROPS = {"search", "pathname", "hash", "href"}  # props a dcc.Location only ever sends as text
MAX_TEXT_CHARS = 8192  # longer than any address or choice the pages make; a browser's own URL limit is larger
MAX_ITEMS = 1000  # items of a list value (a multi-select dropdown holds at most every document)


def _text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        return "must be text"
    return "is too long" if value and len(value) > MAX_TEXT_CHARS else None


def _pathname(value: Any) -> str | None:
    problem = _text(value)
    return problem or (None if value is None or value.startswith("/") else "must start with /")


def _scalar(value: Any) -> bool:
    return (
        value is None
        or isinstance(value, str | int | float)
        and not (isinstance(value, str) and len(value) > MAX_TEXT_CHARS)
    )


def _choice(value: Any) -> str | None:
    if isinstance(value, list):
        ok = len(value) <= MAX_ITEMS and all(_scalar(v) for v in value)
        return None if ok else "must be a short list of choices"
    return None if _scalar(value) else "must be a choice"


def _count(value: Any) -> str | None:
    ok = value is None or isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31
    return None if ok else "must be a count"


def _flag(value: Any) -> str | None:
    return None if value is None or isinstance(value, bool) else "must be true or false"


def _mapping(value: Any) -> str | None:
    return None if value is None or isinstance(value, dict) else "must be an object or null"


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# inline style attributes are how React and Plotly lay out and colour; scripts are never inline without a hash
CSP = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data: "
    "blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


# property -> check of its value (None when fine); a property not listed here is refused
PROP_CHECKS = {
    "pathname": _pathname,
    "search": _text,
    "hash": _text,
    "href": _text,
    "value": _choice,
    "n_clicks": _count,
    "clickData": _mapping,
    "is_open": _flag,  # the navbar's menu on a phone
    "search_value": _text,  # what a reader types in a document picker (app/components/pickers.py)
    "data": lambda v: None,
    "children": lambda v: None,
}


def install(app: Dash) -> None:
    """Limit request bodies and check callback requests on `app` before Dash dispatches them."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    logs.bound(server.logger)
    update_path = f"{app.config.routes_pathname_prefix}_dash-update-component"
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": CSP.format(hashes=" ".join(app.csp_hashes()))}

    @server.after_request
    def _security_headers(response: Any) -> Any:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response

    @server.before_request
    def _no_source_maps() -> Any:
        if request.path.endswith(".map"):
            return jsonify(error="no such resource", code="not-found"), 404
        return None

    @server.before_request
    def _check_callback_request() -> Any:
        if request.method != "POST" or request.path != update_path:
            return None
        try:
            body = request.get_json(silent=True)
        except RecursionError:
            body = None
        problem = callback_problem(app.callback_map, body)
        if problem:
            return jsonify(error=f"malformed callback request: {problem}", code="malformed-callback"), 400
        return None

    @server.errorhandler(InternalServerError)
    def _callback_failed(error: InternalServerError) -> Any:
        # Flask has already logged the traceback; the client gets one JSON line and never the traceback
        if request.path == update_path:
            return jsonify(error="the callback failed on this request", code="callback-error"), 500
        return error

    prefix = app.config.routes_pathname_prefix.rstrip("/")

    @server.after_request
    def _not_found_status(response: Any) -> Any:
        # Dash serves its page shell, with status 200, for any address; the router then shows the friendly
        # not-found page. Give an address that no page has the status that says so (the page stays the same).
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and response.mimetype == "text/html"
            and request.path != f"{prefix}/export"  # a chart exported as HTML (app/export_route.py)
            and not is_page_path(request.path, prefix)
        ):
            response.status_code = 404
        return response

    @server.errorhandler(DependencyException)
    def _unknown_resource(error: DependencyException) -> Any:
        return jsonify(error="no such resource", code="not-found"), 404


def is_page_path(path: str, prefix: str = "") -> bool:
    """Return True when `path` (under the app's `prefix`) is the address of a page of the app (not /404)."""
    if prefix and not path.startswith(prefix):
        return False
    local = path[len(prefix) :] or "/"
    local = local.rstrip("/") or "/"
    pages = {str(p.get("path")) for p in dash.page_registry.values()} - {"/404"}
    return local in pages


def callback_problem(callback_map: dict[str, dict[str, Any]], body: Any) -> str | None:
    """Return what is wrong with a callback request's envelope, or None when Dash can dispatch it."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    entry = callback_map.get(output) if isinstance(output, str) else None
    if entry is None or "callback" not in entry:
        return "no server callback has this output"
    if not isinstance(body.get("outputs", []), dict | list):
        return "outputs must be an object or a list"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changedPropIds must be a list of texts"
    for key in ("inputs", "state"):
        sent, declared = body.get(key, []), entry.get(key) or []
        if not isinstance(sent, list) or len(sent) != len(declared):
            return f"{key} must list the callback's {len(declared)} {key}"
        for item, spec in zip(sent, declared, strict=True):
            if isinstance(item, list):  # a pattern-matching ALL input: each of its items is checked
                if len(item) > MAX_ITEMS:
                    return f"{key} list too many items"
                problem = next(filter(None, (_item_problem(key, i, spec, pattern=True) for i in item)), None)
            else:
                problem = _item_problem(key, item, spec, pattern=str(spec["id"]).startswith("{"))
            if problem:
                return problem
    return None


def _item_problem(key: str, item: Any, spec: dict[str, Any], pattern: bool) -> str | None:
    if not isinstance(item, dict) or item.get("property") != spec["property"]:
        return f"{key} do not match the callback's {key}"
    if not pattern and item.get("id") != spec["id"]:
        return f"{key} do not match the callback's {key}"
    if pattern and not isinstance(item.get("id"), dict):
        return f"{key} do not match the callback's {key}"
    check = PROP_CHECKS.get(spec["property"])
    problem = check(item.get("value")) if check else "is not a property the pages send"
    where = spec["id"] if not pattern else "pattern"
    return f"{where}.{spec['property']} {problem}" if problem else None
