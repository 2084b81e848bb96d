# Park IOC — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test install catalogues lint migrate seed clean

include mk/mqtt.mk

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency list changes, so a second `make run` starts at once.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

catalogues: install
	$(BIN)/python manage.py compile_catalogues

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_park

## run: install, migrate, load the demo park and start the IOC on http://127.0.0.1:$(PORT)/
run: catalogues seed
	DEBUG=$${DEBUG-1} $(BIN)/python manage.py run_ioc --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## test: lint, the import contract and the whole test suite (on PostgreSQL and Redis in CI)
test: lint catalogues
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var
