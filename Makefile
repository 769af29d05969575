# The whole set-up is these targets: on a fresh Debian machine `make briefs`
# creates .venv, installs system packages (as root) and builds every report.
PY      := .venv/bin/python
STAMP   := .venv/.installed
SEEDS   := $(wildcard seeds/*.txt seeds/*.docx seeds/*.html seeds/*.htm seeds/*.md)

.PHONY: briefs test test-all lint bench system system-test clean

briefs: $(STAMP) system
	@$(PY) -m generator build $(SEEDS) --out build

# Two workers, each test file on one worker (its module fixtures made once).
PYTEST  := $(PY) -m pytest -n 2 --dist loadfile

# `make test` leaves out the tests marked slow (long end-to-end runs); `make test-all` runs every test.
test: lint
	$(PYTEST) -m "not slow"

test-all: lint
	$(PYTEST)

lint: $(STAMP) system-test
	$(PY) -m ruff check generator tests bench tools
	.venv/bin/lint-imports

bench: $(STAMP) system
	$(PY) bench/run.py

$(STAMP): pyproject.toml
	@sh tools/venv.sh

system:
	@sh tools/system-deps.sh

system-test:
	@sh tools/system-deps.sh test

clean:
	rm -rf build
