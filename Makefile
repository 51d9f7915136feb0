# Wortlaut: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint unit system-deps venv es-start es-stop es-status clean

run: system-deps venv  ## set up, start a local node if needed, index the samples, serve the app
	@if [ -z "$$WORTLAUT_ES_URL" ]; then $(BIN)/wortlaut es start; fi
	$(BIN)/wortlaut index data/samples
	$(BIN)/wortlaut serve

test: system-deps venv lint  ## the whole suite (browser tests included) on a throwaway node
	$(BIN)/pytest

unit: venv  ## only the tests that need no node
	$(BIN)/pytest tests/unit

lint: venv
	$(BIN)/ruff check search_service indexer web tests scripts
	$(BIN)/mypy

system-deps:  ## Java, Maven, Hunspell de_DE, and Chromium + driver for the browser tests
	@scripts/install-system-deps.sh --browser

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,server]'
	@touch $@

es-start: system-deps venv
	$(BIN)/wortlaut es start

es-stop: venv
	$(BIN)/wortlaut es stop

es-status: venv
	$(BIN)/wortlaut es status

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
