# Wortlaut: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint unit system-deps venv es-start es-stop es-status clean

run: system-deps venv  ## set up, start a local node if needed, index the samples, serve the app
	@if [ -z "$$WORTLAUT_ES_URL" ]; then $(BIN)/wortlaut es start; fi
	$(BIN)/wortlaut index --if-changed data/samples
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

# Benchmarks (issue 6): see bench/README.md. Each provisions its own throwaway node
# (or uses WORTLAUT_ES_URL), prints one table and writes bench/results/*.json.
.PHONY: bench bench-quick
bench: system-deps venv  ## full bench: 10k/100k/1M quotes, < 30 min on 2 cores
	$(BIN)/python -m bench.run --profile full

bench-quick: system-deps venv  ## the small size only, < 5 min
	$(BIN)/python -m bench.run --profile quick

.PHONY: soak
soak: system-deps venv  ## the long reliability runs: a 10-minute soak at 16 clients (SOAK_SECONDS) and long API fuzzing (WORTLAUT_FUZZ_EXAMPLES)
	WORTLAUT_SOAK=1 WORTLAUT_FUZZ_EXAMPLES=$${WORTLAUT_FUZZ_EXAMPLES:-300} SOAK_SECONDS=$${SOAK_SECONDS:-600} \
		$(BIN)/pytest tests/reliability/test_http_fuzz.py tests/reliability/test_soak.py -k "not soak_ci"
