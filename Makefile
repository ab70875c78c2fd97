# Every target builds its own virtual environment: nothing to install by hand.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint bench reliability docs format clean browser

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/broadcaster demo

test: $(STAMP) browser
	$(PY) -m pytest -q -m "not reliability"

# The HTML report is checked in headless Chromium (Debian's package). Installed when we can
# (root with apt); elsewhere that one test skips, except under CI=true where it fails.
browser:
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1 \
	  || apt-get install -y -qq chromium >/dev/null 2>&1 \
	  || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1) \
	  || echo "chromium could not be installed: the browser test will skip"

lint: $(STAMP)
	$(VENV)/bin/ruff check broadcaster tests benchmarks
	$(VENV)/bin/ruff format --check broadcaster tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/cog --check docs/cli.md

format: $(STAMP)
	$(VENV)/bin/ruff check --fix broadcaster tests benchmarks
	$(VENV)/bin/ruff format broadcaster tests benchmarks

docs: $(STAMP)
	$(VENV)/bin/cog -r docs/cli.md

bench: $(STAMP)
	$(PY) benchmarks/run.py

reliability: $(STAMP)
	$(PY) -m pytest -q -s -m reliability -p no:cacheprovider

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
