# The two front-door commands: `make serve` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What the site needs to build and serve; the test packages come on top, for `make test` only.
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.test-installed
CHROMIUM := /usr/bin/chromium
BENCH_STAMP := $(VENV)/.bench-installed
NODE_STAMP := node_modules/.installed
# The publishing council: its profile is councils/$(COUNCIL).yaml.
COUNCIL ?= default
# What turns the docs folder into the site: mkdocs (MkDocs 1.6) or properdocs, its maintained
# fork, which comes with the test packages (docs/engines.md).
ENGINE ?= mkdocs
# Where `make serve` listens.
SERVE_ADDRESS ?= 127.0.0.1:8000

.PHONY: serve test test-fast build check bench linkcheck audit-pages clean browser page-checker-runtimes

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

# The test packages (pytest, playwright, the readability and PDF readers and the rest) are
# most of the environment's size: `make serve` shows a page without them.
$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

# Debian's chromium for the browser tests; playwright never downloads a browser of its own.
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

# Java runs the Nu HTML Checker; npm installs it and axe-core.
page-checker-runtimes:
	@command -v java >/dev/null && command -v npm >/dev/null || { \
	  echo "Installing Java and npm for the HTML and accessibility checks"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq default-jre-headless npm; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq default-jre-headless npm; fi; }

# axe-core and vnu.jar at the versions in package-lock.json. No install scripts: vnu-jar's
# would fetch a Java runtime of its own, and the machine's Java runs the jar.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

check: $(STAMP)
	$(BIN)/python -m generator check --council $(COUNCIL)

build: $(STAMP)
	$(BIN)/python -m generator build --council $(COUNCIL) --engine $(ENGINE)

# Material's notice about MkDocs 2 is for us, not for every author's terminal. No full build
# first: with broken content the server still starts and shows the problems in the browser.
# `generator config` writes the council's config, build/mkdocs.$(COUNCIL).yml, which
# inherits mkdocs.yml, from its profile alone.
serve: $(STAMP)
	mkdir -p build/docs
	$(BIN)/python -m generator config --council $(COUNCIL)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs serve --dev-addr $(SERVE_ADDRESS) \
	  --config-file build/mkdocs.$(COUNCIL).yml

# One test process a core; `.venv/bin/python -m pytest tests/test_x.py` runs some in one.
# worksteal: a process that runs out of tests takes some of another's, so the long browser
# tests of one file do not keep the other cores waiting at the end.
test: $(TEST_STAMP) browser page-checker-runtimes $(NODE_STAMP)
	$(BIN)/python -m pytest -n auto --dist worksteal

# The quick loop after an edit: the content checked, the docs folder
# generated, the finder's and the other browser modules' pure tests in Node. No engine builds
# the site and no browser opens: the tests that need one are marked slow (tests/conftest.py)
# and `make test` runs them.
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not slow" -q
	node --test tests/js/

# Links to other websites, checked over the network; the report, grouped by page, goes to
# build/linkcheck.md for content editors.
linkcheck: build
	$(BIN)/python -m generator.linkcheck --site site --report build/linkcheck.md

# pa11y (the version in package-lock.json, both runners: HTML_CodeSniffer and axe) on every
# page, printing the counts and each error; then Lighthouse on the pages people land on, as a
# phone sees them, with the reports and a summary against the targets in build/lighthouse/.
# Both run, and the target fails if either finds a fault. Not part of `make test`:
# Lighthouse's scores move with the machine's load. puppeteer, which pa11y drives, uses
# Debian's chromium and downloads no browser of its own.
audit-pages: build browser page-checker-runtimes $(NODE_STAMP)
	PUPPETEER_SKIP_DOWNLOAD=1 $(BIN)/python -m generator.pa11y --site site --chromium $(CHROMIUM); \
	  pa11y=$$?; $(BIN)/python -m generator.lighthouse --site site --out build/lighthouse && \
	  exit $$pa11y

# Pagefind, the peer in the benchmark, is installed for it alone: `make test` never needs it.
$(BENCH_STAMP): $(TEST_STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) browser
	$(BIN)/python -m bench

clean:
	rm -rf build site site.old
