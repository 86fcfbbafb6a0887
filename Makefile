# The quick start is two commands on a fresh clone: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup check site serve test schema benchmark clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

check: setup
	$(PY) -m generator check

site: setup
	$(PY) -m generator build

serve: setup
	$(PY) -m generator serve

test: setup
	$(PY) -m pytest

schema: setup
	$(PY) -m generator schema

benchmark: setup
	$(PY) benchmarks/build_scale.py

clean:
	rm -rf build site .pytest_cache
