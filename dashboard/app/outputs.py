"""Callback outputs keyed by component id.

A page's callback declares `output=keyed(Output(ids.X, "children"), ...)` and returns a dict keyed by the same
ids (`{ids.URL: view.to_query(), **outputs(data, view)}`), which its view builders return too. Nothing hangs on
the order of a list in another file: Dash matches the returned dict to the outputs by key.
"""

from __future__ import annotations

from dash import Output


def keyed(*outputs: Output) -> dict[str, Output]:
    """Return the outputs as {component id: Output}, for `@callback(output=...)` (one output per component)."""
    out = {str(o.component_id): o for o in outputs}
    if len(out) != len(outputs):
        raise ValueError("keyed outputs need one output per component id")
    return out
