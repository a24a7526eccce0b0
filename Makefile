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

# Debian packages: antiword reads legacy .doc/.wps attachments, chromium runs the report's browser
# tests, fonts-noto-cjk lets it draw Chinese (and the OCR tests draw scanned pages with it; the OCR
# models themselves ship in the rapidocr wheel). Installed with apt-get when we are root.
SYSTEM_PACKAGES := antiword chromium fonts-noto-cjk
system-deps:
	@missing=""; command -v antiword >/dev/null 2>&1 || missing="$$missing antiword"; \
	 command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	 [ -d /usr/share/fonts/opentype/noto ] || missing="$$missing fonts-noto-cjk"; \
	 if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	   echo "installing Debian packages:$$missing"; \
	   (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null) \
	     || echo "note: could not install$$missing"; \
	 elif [ -n "$$missing" ]; then echo "note: missing$$missing (legacy .doc unreadable; browser tests skip locally, fail in CI)"; fi

demo: $(STAMP) system-deps
	$(BIN)/kjwatch run --demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
