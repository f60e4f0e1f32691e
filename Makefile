# teacherpa — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
export PYTHAINLP_OFFLINE := 1
export PYTHAINLP_READ_ONLY := 1

.PHONY: help run test check bench seed deps deps-test messages

help:
	@echo "make run    — set up everything and serve the demo on http://127.0.0.1:8000"
	@echo "make test   — install what tests need and run the whole suite on SQLite and PostgreSQL"
	@echo "make check  — ruff, mypy, import contracts, missing migrations"
	@echo "make seed   — (re)seed the demo province; make bench — benchmarks"

$(PY):
	@PYTHON=$$(scripts/find-python) && echo "creating $(VENV) with $$PYTHON" && $$PYTHON -m venv $(VENV)
	@$(VENV)/bin/pip install -q --disable-pip-version-check uv==0.13.8 2>&1 | grep -v "WARNING: Location" || true

$(VENV)/.deps-base: requirements/base.txt | $(PY)
	$(UV) pip install -q --python $(PY) -r requirements/base.txt
	@touch $@

$(VENV)/.deps-test: requirements/test.txt | $(PY)
	$(UV) pip install -q --python $(PY) -r requirements/test.txt
	@touch $@

deps: $(VENV)/.deps-base

deps-test: $(VENV)/.deps-test

# Translations: the compiled .mo files are committed; this rebuilds them after editing a .po file.
messages: deps
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv -v 0

run: deps
	@mkdir -p var
	DEBUG=true $(PY) manage.py migrate --no-input -v 0
	@if [ ! -f var/.demo-seeded ]; then DEBUG=true $(PY) manage.py seed_demo && touch var/.demo-seeded; \
	  else DEBUG=true $(PY) manage.py seed_demo; fi
	@echo "teacherpa: http://127.0.0.1:8000 — web server and background task worker (Ctrl-C stops both)"
	@scripts/serve-dev

seed: deps
	DEBUG=true $(PY) manage.py migrate --no-input -v 0 && DEBUG=true $(PY) manage.py seed_demo

test: deps-test
	@scripts/system-deps
	@echo "=== checks: ruff, mypy, import contracts, migrations ==="
	@$(MAKE) --no-print-directory check
	@echo "=== test suite on SQLite ==="
	@$(VENV)/bin/pytest; sqlite=$$?; \
	echo "=== test suite on PostgreSQL ==="; \
	scripts/test-postgres; postgres=$$?; \
	exit $$(( sqlite != 0 ? sqlite : postgres ))

check: deps-test
	$(VENV)/bin/ruff check -q .
	$(VENV)/bin/ruff format -q --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports --no-cache --no-logo
	@mkdir -p var
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run -v 0

bench: deps-test
	$(PY) scripts/bench
	$(PY) scripts/bench-http
	$(PY) scripts/bench-documents
	$(PY) scripts/bench-rosters
	$(PY) scripts/bench-search
	$(PY) scripts/bench-dashboards
	$(PY) scripts/bench-reminders
