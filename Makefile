# Two entry points: `make demo` and `make test`.  Both bootstrap the virtual
# environment on a fresh machine, so nothing has to be done by hand first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
PYTEST_ARGS ?=

.PHONY: all demo test lint typecheck pytest serve bench clean venv

all: test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/corroborate demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	CORROBORATE_SHARED=$(SHARED) $(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest

serve: $(STAMP)
	$(BIN)/corroborate serve --db demo-output/demo.db

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do CORROBORATE_SHARED=$(SHARED) $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache demo-output
