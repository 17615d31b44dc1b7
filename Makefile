# Mishu: two commands for a new machine with Python 3.11+:  make demo  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CONFIG := $(if $(wildcard config.toml),config.toml,config.example.toml)

.PHONY: demo test lint bench scores clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

## make demo: install, migrate a SQLite database, load the demo office, open `mishu chat`
demo: $(STAMP)
	$(BIN)/mishu db upgrade --config $(CONFIG)
	$(BIN)/mishu directory import $(CONFIG) --config $(CONFIG)
	$(BIN)/mishu chat --config $(CONFIG)

## make test: the whole suite on SQLite, then the scenario suite again on PostgreSQL (when a server can
## be started; storage and durability tests use PostgreSQL in the first pass already)
test: $(STAMP)
	@url="$${MISHU_TEST_PG_URL:-$$(scripts/test-postgres.sh 2>/dev/null)}"; \
	  if [ -n "$$url" ]; then echo "PostgreSQL for tests: $$url"; else echo "PostgreSQL: no server could be started; its tests will be skipped"; fi; \
	  MISHU_TEST_PG_URL="$$url" $(BIN)/pytest || exit $$?; \
	  if [ -n "$$url" ]; then echo "== scenario suite on PostgreSQL"; \
	    MISHU_TEST_PG_URL="$$url" MISHU_TEST_BACKEND=postgresql $(BIN)/pytest tests/scenarios; fi

lint: $(STAMP)
	$(BIN)/ruff check bot storage adapters tests bench
	$(BIN)/mypy bot storage

bench: $(STAMP)
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f; done

scores: $(STAMP)
	@for c in ../shared/corpora/dev_*.jsonl; do \
	  case "$$c" in *commands*) s=score_commands.py ;; *) s=score_time.py ;; esac; \
	  printf '%s: ' "$$(basename $$c)"; python3 ../shared/tools/$$s "$$c" --mishu $(BIN)/mishu | tail -1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache mishu.db mishu.db-*
