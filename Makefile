# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make demo   creates .venv, installs charter, replays the bundled scenarios
#   make test   creates .venv, installs with dev extras, runs ruff, mypy and pytest
# Both install the exact versions in constraints.txt, the set the suite last passed with;
# `make lock` refreshes it from the newest releases, `make test-latest` tries them first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HYPOTHESIS_PROFILE ?= $(if $(filter true,$(CI)),ci,dev)
LOCK := constraints.txt
PIP := python -m pip install --quiet --disable-pip-version-check
# The lock also holds back the build backend, which pip installs in an environment of its own.
INSTALL := PIP_CONSTRAINT=$(CURDIR)/$(LOCK) $(BIN)/$(PIP)

.PHONY: demo test test-latest lint typecheck pytest pytest-pure install dev docs index countries bench bench-quick serve lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(INSTALL) pip

$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) -e '.[dev,bench]'
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

# Everything that reads files, again under PyYAML's pure-Python parser: charter's limits and
# messages must not depend on whether libyaml is installed (or which version it is).
READING_TESTS := tests/test_invalid_inputs.py tests/test_reader.py tests/test_plain_reader.py \
	tests/test_fuzz.py tests/test_safety.py tests/test_formats.py tests/test_shipped_scenarios.py \
	tests/test_schema.py
pytest-pure: dev
	CHARTER_YAML_PARSER=python HYPOTHESIS_PROFILE=dev $(BIN)/pytest -q $(READING_TESTS)

test: lint typecheck pytest pytest-pure

$(VENV)/.installed-docs: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) -e '.[docs]'
	touch $@

# Refresh the lock: the newest releases of everything the dev and docs extras need, in a
# throw-away environment; then run `make test` to see that the suite passes with them.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/$(PIP) --upgrade pip setuptools
	.venv-lock/bin/$(PIP) -e '.[dev,docs,bench]'
	{ echo "# The exact versions make test installs (make lock refreshes this file)."; \
	  .venv-lock/bin/python -m pip freeze --all --exclude-editable --disable-pip-version-check \
	  | grep -v -i -E '^(charter|wheel)=='; } > $(LOCK)
	rm -rf .venv-lock
	rm -f $(VENV)/.installed $(VENV)/.installed-dev $(VENV)/.installed-docs

# The suite against the newest releases, in its own environment (not part of CI): drift seen
# on purpose, before `make lock` takes it in.
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/$(PIP) --upgrade pip
	.venv-latest/bin/$(PIP) -e '.[dev,bench]'
	.venv-latest/bin/ruff check src tests benchmarks
	.venv-latest/bin/mypy
	HYPOTHESIS_PROFILE=$(HYPOTHESIS_PROFILE) .venv-latest/bin/pytest

# The web service and its pages on the embedded record: http://127.0.0.1:8000/ (Ctrl-C stops it).
serve: dev
	$(BIN)/charter serve

# The benchmark suite: rewrites docs/performance.md (about 30 minutes; the machine should be
# quiet). The bench extra brings the clingo peer's solver and the plain loop's decoder.
$(VENV)/.installed-bench: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) -e '.[bench]'
	touch $(VENV)/.installed $@

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench.py

# A quick look (one small size, few rounds; under two minutes), written to
# build/performance-quick.md so that the page keeps the full run's figures.
bench-quick: $(VENV)/.installed-bench
	mkdir -p build
	$(BIN)/python benchmarks/bench.py --quick --output build/performance-quick.md

# The quick-query index of the record (regenerate after editing each pack's data/*.yaml).
index: install
	$(BIN)/python -c "import json; from charter.engine.check import build_index; \
	from charter.files._write import write_file; \
	[write_file(f'src/charter/rulebooks/{name}/data/{name}-index.json', \
	json.dumps(build_index(name), indent=1, ensure_ascii=False) + '\n', overwrite=True) \
	for name in ('csto', 'sco')]"

# The country table (src/charter/engine/_iso3166.py), from pycountry's ISO 3166-1 list.
countries: dev
	$(BIN)/python -m tests.countries

docs: $(VENV)/.installed-docs
	$(BIN)/charter rules --markdown --examples scenarios/rules > docs/rulebook.md
	$(BIN)/charter rules --rulebook sco --markdown --examples scenarios/sco/rules > docs/sco-rulebook.md
	$(BIN)/charter timeline --format svg --output docs/record-timeline.svg --force
	$(BIN)/python -m charter.output._documents > docs/json-output.md
	$(BIN)/python -m charter.cli._reference docs
	$(BIN)/mkdocs build --strict --quiet
	@echo "site built in site/ (open site/index.html)"

clean:
	rm -rf $(VENV) .venv-lock .venv-latest build dist site src/*.egg-info .mypy_cache .pytest_cache .ruff_cache .hypothesis
