"""Answers for requests that the app's own pages never send.

A browser running the dashboard sends callback requests that Dash built from the callbacks' definitions. A
hand-made one can be anything, and Dash would answer most malformed ones with a 500 from deep inside its
dispatcher (a list where it expects an object, an output no callback has, JSON nested ten thousand deep). Here
such a request gets a 400 with a JSON message naming what is wrong (`code` "malformed-callback"), before any
callback runs; a body over MAX_REQUEST_BYTES gets 413 unread; a script asked for under a package Dash does not
serve gets 404 rather than 500. A well-formed request whose values are merely of the wrong type still reaches
its callback; if that fails, the client gets a JSON 500 (`code` "callback-error") and the log the traceback.
An address that is no page gets the friendly not-found page, with status 404 (Dash would answer 200).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Dash
from dash.exceptions import DependencyException
from flask import jsonify, request
from werkzeug.exceptions import InternalServerError

from dashboard.settings import MAX_REQUEST_BYTES

TEXT_PROPS = {"search", "pathname", "hash", "href"}  # props a dcc.Location only ever sends as text


def install(app: Dash) -> None:
    """Limit request bodies and check callback requests on `app` before Dash dispatches them."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    update_path = f"{app.config.routes_pathname_prefix}_dash-update-component"

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
            if isinstance(item, list):  # a pattern-matching ALL input: its items are checked by Dash
                continue
            if not isinstance(item, dict) or item.get("property") != spec["property"]:
                return f"{key} do not match the callback's {key}"
            if not str(spec["id"]).startswith("{") and item.get("id") != spec["id"]:
                return f"{key} do not match the callback's {key}"
            if spec["property"] in TEXT_PROPS and not isinstance(item.get("value"), str | None):
                return f"{spec['id']}.{spec['property']} must be text"
    return None
