# Wortlaut: the two commands are `make run` and `make test` (see README.md).
# The interpreter the virtualenv is made from: see scripts/pick-python.sh.
PYTHON ?= $(shell scripts/pick-python.sh)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint unit system-deps node-deps venv es-start es-stop es-status clean

run: system-deps venv  ## set up, start a local node if needed, index the samples, serve the app
	@if [ -z "$$WORTLAUT_ES_URL" ]; then $(BIN)/wortlaut es start; fi
	$(BIN)/wortlaut index --if-changed data/samples
	$(BIN)/wortlaut serve

test: system-deps node-deps venv lint  ## the whole suite (browser tests included) on a throwaway node
	$(BIN)/pytest

unit: venv  ## only the tests that need no node
	$(BIN)/pytest tests/unit

lint: venv
	$(BIN)/ruff check search_service indexer web tests scripts
	$(BIN)/mypy

system-deps:  ## Java, Maven, Hunspell de_DE, and Chromium + driver and npm for the browser tests
	@scripts/install-system-deps.sh --browser

node-deps: system-deps node_modules/.package-lock.json  ## axe-core for the accessibility tests

node_modules/.package-lock.json: package-lock.json  # missing, or older than the lock file
	npm ci --no-audit --no-fund

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

es-start: system-deps venv
	$(BIN)/wortlaut es start

es-stop: venv
	$(BIN)/wortlaut es stop

es-status: venv
	$(BIN)/wortlaut es status

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info

# The interface's German and English message catalogs (see web/i18n.py and README.md,
# "Languages"): extract every string of the templates and the web modules, then add new ones
# to both .po files (translate them there; the unit tests fail on any left untranslated). The
# app compiles the .po files itself when it starts: no .mo files to build or commit.
.PHONY: translations
translations: venv  ## extract the interface's strings and update web/translations/*/messages.po
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 \
		--add-location=file --sort-by-file -o web/translations/messages.pot .
	$(BIN)/pybabel update -i web/translations/messages.pot -d web/translations \
		--ignore-obsolete --no-fuzzy-matching

# Benchmarks (issue 6): see bench/README.md. Each provisions its own throwaway node
# (or uses WORTLAUT_ES_URL), prints one table and writes bench/results/*.json.
.PHONY: bench bench-quick bench-peer bench-instructions
bench: system-deps venv $(VENV)/.bench-installed  ## full bench: 10k/100k/1M quotes, about 35 min on 2 cores
	$(BIN)/python -m bench.run --profile full

bench-quick: system-deps venv $(VENV)/.bench-installed  ## the small size only, < 5 min
	$(BIN)/python -m bench.run --profile quick

bench-peer: venv $(VENV)/.bench-installed  ## the peer: Datasette over SQLite FTS5, same quotes and workload
	$(BIN)/python -m bench.peer --sizes 10000,100000 --wortlaut bench/results/latest.json

bench-instructions: venv $(VENV)/.bench-installed  ## the app's instructions per request: BEFORE=<revision> (default HEAD) vs the working tree
	@scripts/install-system-deps.sh --bench
	$(BIN)/python -m bench.ab --before $(or $(BEFORE),HEAD) --instructions

# The bench's extra packages (pyproject.toml, `bench`: Datasette and sqlite-utils for bench/peer.py).
$(VENV)/.bench-installed: pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	@touch $@

.PHONY: soak
soak: system-deps venv  ## the long reliability runs: a 10-minute soak at 16 clients (SOAK_SECONDS) and long API fuzzing (WORTLAUT_FUZZ_EXAMPLES)
	WORTLAUT_SOAK=1 WORTLAUT_FUZZ_EXAMPLES=$${WORTLAUT_FUZZ_EXAMPLES:-300} SOAK_SECONDS=$${SOAK_SECONDS:-600} \
		$(BIN)/pytest tests/reliability/test_http_fuzz.py tests/reliability/test_soak.py -k "not soak_ci"
