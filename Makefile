# The whole set-up is these targets: on a fresh Debian machine `make briefs`
# creates .venv, installs system packages (as root) and builds every report.
PY      := .venv/bin/python
STAMP   := .venv/.installed
SEEDS   := $(wildcard seeds/*.txt seeds/*.docx seeds/*.html seeds/*.htm seeds/*.md)

.PHONY: briefs test bench system system-test clean

briefs: $(STAMP) system
	@$(PY) -m generator build $(SEEDS) --out build

test: $(STAMP) system-test
	$(PY) -m ruff check generator tests bench tools
	.venv/bin/lint-imports
	$(PY) -m pytest -n 2

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
