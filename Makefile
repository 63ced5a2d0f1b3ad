# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make demo   creates .venv, installs charter, replays the bundled scenarios
#   make test   creates .venv, installs with dev extras, runs ruff, mypy and pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HYPOTHESIS_PROFILE ?= $(if $(filter true,$(CI)),ci,dev)

.PHONY: demo test lint typecheck pytest install dev docs index bench serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/charter replay scenarios/

lint: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: dev
	$(BIN)/mypy

pytest: dev
	HYPOTHESIS_PROFILE=$(HYPOTHESIS_PROFILE) $(BIN)/pytest

test: lint typecheck pytest

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	touch $@

# The web service and its pages on the embedded record: http://127.0.0.1:8000/ (Ctrl-C stops it).
serve: dev
	$(BIN)/charter serve

# The benchmark suite: rewrites docs/performance.md (tens of minutes; the machine should be quiet).
bench: install
	$(BIN)/python benchmarks/bench.py

# The quick-query index of the record (regenerate after editing src/charter/data/csto.yaml).
index: install
	$(BIN)/python -c "import json; from charter.check import build_index; \
	open('src/charter/data/csto-index.json', 'w').write(json.dumps(build_index(), indent=1, ensure_ascii=False) + '\n')"

docs: $(VENV)/.installed-docs
	$(BIN)/charter rules --markdown --examples scenarios/rules > docs/rulebook.md
	$(BIN)/charter timeline --format svg --output docs/record-timeline.svg --force
	$(BIN)/mkdocs build --strict --quiet
	@echo "site built in site/ (open site/index.html)"

clean:
	rm -rf $(VENV) build dist site src/*.egg-info .mypy_cache .pytest_cache .ruff_cache .hypothesis
