# One entry point for people and CI. `make test` works on a fresh machine: it builds .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run crm selftest test lint bench screenshots crm-screenshots bundle venv clean

venv: $(STAMP)

# Reinstall when the dependency list changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The terminal, with demo data in the per-user data folder on first start.
run: $(STAMP)
	tools/run-terminal

# The CRM on an SQLite file in the per-user data folder, with the demo programme on first start.
crm: $(STAMP)
	$(BIN)/python -m crm --demo

# The quick start without a screen: a local CRM, enrolment, first sync, one sale sent.
selftest: $(STAMP)
	tools/selftest

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist loadgroup -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python -m bench all

# The till's one-folder bundle (PyInstaller, build.spec): dist/pos-terminal/pos-terminal.
bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean build.spec

screenshots: $(STAMP)
	tools/screenshots build/screenshots --check

# The CRM's pages at 1366x768 and 800x1280 in headless Chromium, checked (nothing wider
# than the screen, touch targets of 44 px) and saved for docs/screenshots/crm/.
crm-screenshots: $(STAMP)
	CRM_SCREENSHOTS=docs/screenshots/crm $(BIN)/python -m pytest -q tests/crm_web/test_screens.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
