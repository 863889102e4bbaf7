# Two entry points for newcomers: `make demo` and `make test`. Both create (or reuse) .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit docs bench bench-smoke clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,docs]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m maas_sdk.demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict

unit: $(STAMP)
	$(BIN)/pytest -q

# The documentation site, built offline into site/; --strict turns any warning into a failure.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

test: lint typecheck unit docs

# Benchmarks against naive baselines and python-libmaas (installed only into
# benchmarks/.venv-libmaas); prints the table docs/performance.md shows. Takes a few minutes.
bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The same benchmarks at a tiny size, without timing targets (tests/test_benchmarks_smoke.py).
bench-smoke: $(STAMP)
	$(BIN)/python -m benchmarks --machines 50 --calls 50 --bulk 20 --latency-ms 0 --repeat 1 \
		--import-runs 1 --skip-libmaas

clean:
	rm -rf $(VENV) build dist site *.egg-info
