# The two front-door commands: `make serve` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: serve test build check bench linkcheck clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Debian's chromium for the browser tests; playwright never downloads a browser of its own.
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

check: $(STAMP)
	$(BIN)/python -m generator check

build: $(STAMP)
	$(BIN)/python -m generator build

serve: build
	$(BIN)/python -m mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP) browser
	$(BIN)/python -m pytest

bench: $(STAMP) browser
	$(BIN)/python -m bench

clean:
	rm -rf build site site.old
