# Langelis: `make run` serves the demo, `make test` runs every check. Both set themselves up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

# Demo settings for `make run` (an embedded SQLite file in var/, a known demo secret).
RUN_ENV := LANGELIS_DEMO=true LANGELIS_SERVE_FRONTEND=true LANGELIS_LOG_JSON=false \
           LANGELIS_PUBLIC_BASE_URL=http://$(HOST):$(PORT)

.PHONY: install run test lint typecheck test-sqlite test-postgres test-browser openapi bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

run: install
	@$(RUN_ENV) $(BIN)/langelis migrate
	@$(RUN_ENV) $(BIN)/langelis seed --demo
	@echo "Langelis: web app and API on http://$(HOST):$(PORT)/ (API docs: /api/v1/docs)"
	@$(RUN_ENV) $(BIN)/langelis serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check api tests bench migrations
	$(BIN)/ruff format --check api tests bench migrations
	LANGELIS_LOG_LEVEL=WARNING $(BIN)/langelis openapi --check

typecheck: install
	$(BIN)/mypy api

test-sqlite: install
	LANGELIS_TEST_DATABASE_URL=sqlite $(PYTEST) -m "not e2e" $(PYTEST_ARGS)

# PostgreSQL: runs when LANGELIS_TEST_DATABASE_URL (or 127.0.0.1:5432) answers; with
# LANGELIS_REQUIRE_PG=1 an unreachable server is a failure instead of a skip.
test-postgres: install
	@url="$${LANGELIS_TEST_DATABASE_URL:-$(PG_URL)}"; \
	if [ "$$url" = "sqlite" ]; then url="$(PG_URL)"; fi; \
	if $(BIN)/python -m tests.pg_available "$$url"; then \
		LANGELIS_TEST_DATABASE_URL="$$url" $(PYTEST) -m "not e2e" $(PYTEST_ARGS); \
	elif [ "$$LANGELIS_REQUIRE_PG" = "1" ]; then \
		echo "PostgreSQL at $$url is not reachable and LANGELIS_REQUIRE_PG=1"; exit 1; \
	else \
		echo "PostgreSQL at $$url is not reachable: skipping the PostgreSQL pass"; \
	fi

test-browser: install
	LANGELIS_TEST_DATABASE_URL=sqlite $(PYTEST) -m e2e $(PYTEST_ARGS)

test: lint typecheck test-sqlite test-postgres test-browser

openapi: install
	LANGELIS_LOG_LEVEL=WARNING $(BIN)/langelis openapi

bench: install
	LANGELIS_SECRET_KEY=$${LANGELIS_SECRET_KEY:-bench-only-secret-key-not-for-production-000} $(BIN)/python -m bench $(BENCH)

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
