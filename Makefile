# Two entry points: `make sample` (set up, then run the main job on samples/) and `make test`.
PY ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/counterclaim: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

.PHONY: setup sample test lint chromium
setup: $(BIN)/counterclaim

# Headless Chromium for the browser tests (tests/web/test_browser.py): installed from Debian only
# when it is missing and we are root; otherwise those tests skip, saying why.
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

sample: setup
	bash scripts/sample.sh

# The tests run under scripts/with-postgres: a throwaway PostgreSQL server (Debian's, installed
# when missing and we are root) for the PostgreSQL store tests, stopped afterwards.
test: setup chromium
	$(BIN)/ruff check src tests benchmarks scripts
	scripts/with-postgres $(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
