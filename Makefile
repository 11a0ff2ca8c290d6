# make run  : set everything up and open the dashboard on the shipped data (http://127.0.0.1:8050)
# make test : set everything up and run every test tier (unit, integration, eval, browser)
PY := .venv/bin/python
PIP := .venv/bin/pip
STAMP := .venv/.stamp-install

.PHONY: run test setup chromium lint typecheck data check-data bench eval clean

run: setup
	$(PY) -m dashboard serve

# the unit, integration, eval and export tiers over the cores (pytest-xdist; at most 4 processes), then the browser
# journeys one at a time (each drives its own Chromium against the running app)
test: setup chromium
	$(PY) -m pytest -q -n auto --maxprocesses 4 -m "not browser"
	$(PY) -m pytest -q -m browser

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e ".[dev]"
	touch $(STAMP)

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils; fi; }

# make lint: ruff, the import contracts, and pyright over all of dashboard/ ([tool.pyright] in pyproject.toml:
# strict on corpus, analysis and dataset, the standard checks elsewhere); each must pass clean
lint: setup
	.venv/bin/ruff check dashboard tests bench tools
	.venv/bin/lint-imports
	.venv/bin/pyright --pythonpath $(PY)

# make typecheck: pyright alone (the same check as in make lint)
typecheck: setup
	.venv/bin/pyright --pythonpath $(PY)

data: setup
	$(PY) -m dashboard build

check-data: setup
	$(PY) -m dashboard validate --seeds seeds

bench: setup
	for script in bench_tagger bench_diff bench_callbacks bench_export bench_build bench_build_parallel bench_add bench_long_line bench_slow_clients; do \
	  echo "== bench/$$script.py"; $(PY) bench/$$script.py || exit 1; done

eval: setup
	$(PY) -m pytest -q -m eval -s

# make serve-prod: the dashboard under waitress (buffers whole requests, so slow clients cannot hold a worker),
# 2 processes on loopback (WORKERS=4 BIND=0.0.0.0:8050 to change; POLICY_TIMELINE_DATA=/path/to/data to serve
# another data package). See docs/operations.md.
.PHONY: serve-prod audit screenshots
serve-prod: setup
	$(PY) -m dashboard.app.production --workers $(or $(WORKERS),2) --bind $(or $(BIND),127.0.0.1:8050)

# make audit: pip-audit of the pinned dependency set, from a throwaway venv (needs PyPI's JSON API or OSV)
audit:
	test -x /tmp/policy-timeline-audit/bin/pip-audit || { python3 -m venv /tmp/policy-timeline-audit && \
	  /tmp/policy-timeline-audit/bin/pip install -q pip-audit; }
	/tmp/policy-timeline-audit/bin/pip-audit -r constraints.txt

clean:
	rm -rf .venv .pytest_cache tmp

# make screenshots: every page on the shipped data, in headless Chromium, to tmp/screenshots/ (look at them after a UI
# change); README=1 also refreshes the README's two images in docs/
screenshots: setup chromium
	$(PY) bench/screenshots.py $(if $(README),--readme)
