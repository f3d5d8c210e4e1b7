# Langelis: `make run` serves the demo, `make test` runs every check. Both set themselves up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Hashed lock files (pip-tools): `make lock` regenerates them from pyproject.toml.
LOCKS  := requirements/runtime.txt requirements/dev.txt
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCKS) | cksum | cut -d' ' -f1)
# The client generator of the contract test lives in its own venv (it pins an older httpx).
TOOLS  := .venv-tools
TOOLS_STAMP := $(TOOLS)/.installed-$(shell cat requirements/contract.txt | cksum | cut -d' ' -f1)
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
               --no-emit-index-url --no-emit-find-links
HOST   ?= 127.0.0.1
PORT   ?= 8000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS)

# Demo settings for `make run` (an embedded SQLite file in var/, a known demo secret).
RUN_ENV := LANGELIS_DEMO=true LANGELIS_SERVE_FRONTEND=true LANGELIS_LOG_JSON=false \
           LANGELIS_PUBLIC_BASE_URL=http://$(HOST):$(PORT)

.PHONY: install lock run test lint typecheck test-sqlite test-postgres test-browser openapi bench clean

# Exactly the locked versions (every file checked against its hash), then the project itself,
# editable and without dependencies. A changed lock file or pyproject.toml reinstalls.
$(STAMP): pyproject.toml $(LOCKS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	@$(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

$(TOOLS_STAMP): requirements/contract.txt
	@test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/python -m pip install --quiet --require-hashes -r requirements/contract.txt
	@rm -f $(TOOLS)/.installed-*
	@touch $(TOOLS_STAMP)

install: $(STAMP) $(TOOLS_STAMP)

# Re-resolve the lock files from pyproject.toml (newest allowed versions; `make lock
# LOCK_ARGS=--upgrade-package=fastapi` for one). dev.txt is constrained by runtime.txt so both agree.
lock:
	@test -x $(BIN)/pip-compile || $(MAKE) install
	$(PIP_COMPILE) $(LOCK_ARGS) -o requirements/runtime.txt pyproject.toml
	$(PIP_COMPILE) $(LOCK_ARGS) --extra dev -c requirements/runtime.txt -o requirements/dev.txt pyproject.toml
	$(PIP_COMPILE) $(LOCK_ARGS) -o requirements/contract.txt requirements/contract.in

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
# LANGELIS_REQUIRE_PG=1 an unreachable server is a failure instead of a skip. The API fuzzing sends
# 10 generated cases per operation here (25 on SQLite): the contract does not depend on the
# database, and the fuzzing is half of a pass.
test-postgres: install
	@url="$${LANGELIS_TEST_DATABASE_URL:-$(PG_URL)}"; \
	if [ "$$url" = "sqlite" ]; then url="$(PG_URL)"; fi; \
	if $(BIN)/python -m tests.pg_available "$$url"; then \
		LANGELIS_SCHEMATHESIS_EXAMPLES=$${LANGELIS_SCHEMATHESIS_EXAMPLES:-10} \
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
	rm -rf $(VENV) $(TOOLS) var .mypy_cache .ruff_cache
