# Plein: `make run` to try it, `make test` to test it. Needs Python 3.11 and nothing else.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
DEMO_PEOPLE ?= 250
DEMO_SEED ?= 2026
DEMO_PHASE ?= launched
DEMO_WEEKS ?= 6
PYTEST_ARGS ?= -n 2  # two workers (pytest-xdist); PYTEST_ARGS= make test runs them one by one
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install install-dev messages compile-messages lint format clean serve

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Plein needs Python 3.11; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements/base.lock pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/base.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.lock
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/dev.lock
	@touch $@

install: $(VENV)/.installed compile-messages
install-dev: $(VENV)/.installed-dev compile-messages

compile-messages: $(VENV)/.installed
	$(BIN)/pybabel compile -d src/plein/locale -D django --statistics

run: install
	@mkdir -p "$${PLEIN_VAR_DIR:-var}"
	$(BIN)/plein migrate --noinput -v 0
	$(BIN)/plein demo --if-empty --people $(DEMO_PEOPLE) --seed $(DEMO_SEED) --phase $(DEMO_PHASE) $(if $(filter launched,$(DEMO_PHASE)),--simulate-weeks $(DEMO_WEEKS))
	@# The repeating jobs (digests, reminders, the adoption roll-up, nudges and report): each
	@# job's next run waits in the task queue, and each run queues the next (one waits at a time).
	$(BIN)/plein schedule
	@echo "Plein runs at http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@# The task worker (e-mail, digests, link previews) runs beside the web server and stops with it.
	$(BIN)/plein db_worker --no-reload & worker=$$!; \
	$(BIN)/plein runserver --noreload $(HOST):$(PORT) & server=$$!; \
	trap 'kill $$worker $$server 2>/dev/null; wait' EXIT INT TERM; \
	wait $$server

test: install-dev
	$(BIN)/ruff check src tests conftest.py bench scripts
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev  # no compiled messages needed (CI runs it beside the tests)
	$(BIN)/ruff check src tests conftest.py bench scripts
	$(BIN)/ruff format --check src tests conftest.py bench scripts
	@# The layers of docs/architecture.md (contracts in pyproject.toml).
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy src

format: install-dev
	$(BIN)/ruff check --fix src tests conftest.py bench scripts
	$(BIN)/ruff format src tests conftest.py bench scripts

# For developers (needs GNU gettext): refresh the .po files after changing strings.
messages: install
	cd src/plein && ../../$(BIN)/plein makemessages --locale nl --locale en --no-obsolete --no-location --ignore 'tests/*'

clean:
	rm -rf $(VENV) var/static
