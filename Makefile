# Claim Workbench — the README's commands. `make run` serves the app; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# The first Python >= 3.12 found: on PATH, then pyenv's versions.
PYTHON_FOR_VENV ?= $(shell for p in python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

.PHONY: help run test test-fast lint format typecheck bench requirements install browser wrk clean manage backup restore

help:
	@echo "make run        set up, migrate, load the demo and serve http://127.0.0.1:8000 with a worker"
	@echo "make test       the whole test suite (PostgreSQL, Redis, Celery worker, Chromium)"
	@echo "make test-fast  the suite without browser tests"
	@echo "make lint       ruff check + ruff format --check"
	@echo "make bench      extraction, detection, page, export and load benchmarks"
	@echo "make manage ARGS=\"import_article URL\"   any manage.py command, against make run's database"

$(VENV)/.installed: requirements/base.txt requirements/local.txt requirements/dev.txt
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
		echo "Claim Workbench needs Python 3.12 or newer (Django 6.1 requires it), and none was found." >&2; \
		echo "Install one (e.g. 'pyenv install 3.12') or set PYTHON_FOR_VENV=/path/to/python3.12." >&2; exit 1; fi
	@test -x $(PY) || $(PYTHON_FOR_VENV) -m venv $(VENV)
	@# uv installs the pinned requirements in seconds where pip takes minutes; uv itself is pinned in
	@# requirements/dev.txt and bootstrapped with the interpreter's own pip.
	@test -x $(VENV)/bin/uv || $(PY) -m pip install -q --disable-pip-version-check "$$(grep -E '^uv==' requirements/dev.txt)"
	$(VENV)/bin/uv pip install -q --python $(PY) -r requirements/base.txt -r requirements/local.txt -r requirements/dev.txt
	@touch $@

install: $(VENV)/.installed

# Browser tests drive Debian's Chromium; Playwright's own download is not used.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's chromium for the browser tests"; \
			(apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)); \
		else echo "chromium is missing: install it (apt-get install chromium) to run the browser tests" >&2; exit 1; fi; fi

# The load benchmark drives gunicorn with Debian's wrk.
wrk:
	@if ! command -v wrk >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's wrk for the load benchmark"; \
			(apt-get install -y -q wrk >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null)); \
		else echo "wrk is missing: install it (apt-get install wrk) to run the load benchmark" >&2; exit 1; fi; fi

run: install
	$(PY) scripts/dev.py run

test: install browser
	$(PY) scripts/dev.py test $(ARGS)

# manage.py with the same services as make run (started if it is not running): no DATABASE_URL needed.
manage: install
	$(PY) scripts/dev.py manage $(ARGS)

# A PostgreSQL custom-format dump of everything (backups/ by default), and its restore.
backup: install
	$(PY) scripts/dev.py backup $(FILE)

restore: install
	@test -n "$(FILE)" || { echo 'Say which backup: make restore FILE=backups/workbench-….dump' >&2; exit 1; }
	$(PY) scripts/dev.py restore $(FILE)

test-fast: install
	$(PY) scripts/dev.py test -m "not browser" $(ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# mypy's Django plugin loads the settings, which need these (it opens no connection).
typecheck: install
	SECRET_KEY=$${SECRET_KEY:-typecheck-only} DATABASE_URL=$${DATABASE_URL:-postgresql://localhost/typecheck} $(VENV)/bin/mypy .

bench: install wrk
	$(PY) scripts/dev.py bench

requirements: install
	$(VENV)/bin/uv pip compile -q requirements/base.in -o requirements/base.txt --python-version 3.12
	$(VENV)/bin/uv pip compile -q requirements/local.in -o requirements/local.txt --python-version 3.12
	$(VENV)/bin/uv pip compile -q requirements/dev.in -o requirements/dev.txt --python-version 3.12

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
