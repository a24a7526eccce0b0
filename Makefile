# kjwatch: two commands do everything on a fresh machine with Python >= 3.11.
#   make demo   set up .venv, run one monitoring run on the bundled demo sites
#   make test   set up .venv, run lint and the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint system-deps clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "kjwatch needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# antiword reads legacy .doc/.wps attachments; installed from Debian when we are root.
system-deps:
	@command -v antiword >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq antiword >/dev/null) \
	      || echo "note: could not install antiword; legacy .doc files will be reported as unreadable"; \
	  else echo "note: antiword not found; legacy .doc files will be reported as unreadable"; fi; }

demo: $(STAMP) system-deps
	$(BIN)/kjwatch run --demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
