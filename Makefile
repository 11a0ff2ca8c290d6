# make run  : set everything up and open the dashboard on the shipped data (http://127.0.0.1:8050)
# make test : set everything up and run every test tier (unit, integration, eval, browser)
PY := .venv/bin/python
PIP := .venv/bin/pip
STAMP := .venv/.stamp-install

.PHONY: run test setup chromium lint data check-data bench eval clean

run: setup
	$(PY) -m dashboard serve

test: setup chromium
	$(PY) -m pytest -q

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

lint: setup
	.venv/bin/ruff check dashboard tests bench
	.venv/bin/lint-imports

data: setup
	$(PY) -m dashboard build

check-data: setup
	$(PY) -m dashboard validate --seeds seeds

bench: setup
	$(PY) bench/run_all.py

eval: setup
	$(PY) -m pytest -q -m eval -s

clean:
	rm -rf .venv .pytest_cache tmp
