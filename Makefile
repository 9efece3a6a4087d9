# Every target creates .venv and installs what it needs when that is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: build serve test lint screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/python build.py build

serve: $(STAMP)
	$(BIN)/python build.py serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check newsdigest tests build.py bench scripts/*.py
	$(BIN)/mypy

test: $(STAMP) lint
	./scripts/ensure-chromium
	$(BIN)/python -m pytest

screenshot: $(STAMP) build
	./scripts/ensure-chromium
	$(BIN)/python scripts/screenshot.py public docs/screenshots

clean:
	rm -rf public .cache
