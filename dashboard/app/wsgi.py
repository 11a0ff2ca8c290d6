"""A WSGI `server` for any WSGI server. The shipped production command is `make serve-prod`
(`dashboard/app/production.py`: waitress, which buffers whole requests so that slow clients cannot hold a worker;
see docs/operations.md). Behind a buffering proxy, any WSGI server can serve this module:

    gunicorn -w 2 -b 127.0.0.1:8050 dashboard.app.wsgi:server

Each worker process imports this module once, so each loads the data package once (from the folder named by
POLICY_TIMELINE_DATA, default data/) and then answers from memory: workers share nothing and keep no session
state (a view lives in its URL), so any number of them, on any number of machines, can sit behind a load
balancer. Debug mode is never on here.
"""

from __future__ import annotations

import os

from dashboard.app import create_app

DATA_ENV = "POLICY_TIMELINE_DATA"

app = create_app(os.environ.get(DATA_ENV) or None)
server = app.server
