# Every target creates .venv and installs what it needs when that is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# What the product needs alone (build, serve); STAMP adds the test toolchain on top of it.
RUN_STAMP := $(VENV)/.installed-run
# The standards tests' checkers from npm (vnu-jar, axe-core), pinned by tools/package-lock.json.
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; we use the machine's.
TOOLS := tools/node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: build serve test lint screenshot clean tools

$(RUN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(RUN_STAMP)
	$(BIN)/python build.py build

serve: $(RUN_STAMP)
	$(BIN)/python build.py serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check newsdigest tests build.py bench scripts/*.py
	$(BIN)/mypy

$(TOOLS): tools/package.json tools/package-lock.json
	cd tools && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(TOOLS)

tools: $(TOOLS)

test: $(STAMP) $(TOOLS) lint
	./scripts/ensure-chromium
	$(BIN)/python -m pytest

screenshot: $(STAMP) build
	./scripts/ensure-chromium
	$(BIN)/python scripts/screenshot.py public .cache/screenshots

# The golden site (tests/golden): rebuild its expected output on purpose and show what changed;
# tests/test_golden.py compares every build with it byte for byte.
.PHONY: golden

golden: $(STAMP)
	$(BIN)/python tests/regenerate_golden.py

clean:
	rm -rf public .cache

# Benchmarks (issue 5): `make bench` measures a generated corpus (ARTICLES=10000) beside Hugo and
# Pelican when they are installed, builds and preview servers (issue 11: one edit while `serve`,
# `hugo server` or `pelican --autoreload --listen` runs), and rewrites its part of bench/RESULTS.md;
# `make bench-peers` installs the peers first (Hugo from apt as root, Pelican into bench/.venv).
ARTICLES ?= 10000
BENCH_FLAGS ?= --peers --profile
.PHONY: bench bench-peers

bench: $(STAMP)
	$(BIN)/python bench/run.py --articles $(ARTICLES) $(BENCH_FLAGS) \
		--json /tmp/newsdigest-bench-$(ARTICLES).json --results-md bench/RESULTS.md

bench-peers:
	command -v hugo >/dev/null || apt-get install -y hugo || (apt-get update && apt-get install -y hugo)
	test -x bench/.venv/bin/pelican || ($(PYTHON) -m venv bench/.venv && \
		bench/.venv/bin/pip install --quiet 'pelican[markdown]')
	$(MAKE) bench
