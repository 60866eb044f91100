# Two entry points: `make sample` (set up, then run the main job on samples/) and `make test`.
PY ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/counterclaim: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

.PHONY: setup sample test lint
setup: $(BIN)/counterclaim

sample: setup
	bash scripts/sample.sh

test: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
