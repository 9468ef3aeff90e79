# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out
CORPUS := corpora/briefings

.PHONY: setup run extract evaluate test bench bench-speakers lint clean

setup: $(STAMP)

# Re-installs only when the dependency pins change (idempotent).
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

extract: setup
	$(BIN)/claims extract $(CORPUS) --out $(OUT)

evaluate: setup
	$(BIN)/claims evaluate --gold gold --pred $(OUT)/claims.csv --out $(OUT)/eval

run: extract evaluate

test: setup
	$(BIN)/ruff check pipeline tests
	$(BIN)/mypy --ignore-missing-imports pipeline
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/claims bench $(CORPUS)

# Speakers over the 1,152 White House press briefings (needs ../shared/corpora; about 12 minutes)
WH_BRIEFINGS ?= ../shared/corpora/whitehouse/press-briefings
bench-speakers: setup
	rm -rf $(OUT)/wh-briefings
	$(BIN)/claims add $(WH_BRIEFINGS) --corpus $(OUT)/wh-briefings/corpus > $(OUT)/wh-briefings-add.log 2>&1 || test $$? -eq 3
	$(BIN)/claims extract $(OUT)/wh-briefings/corpus --out $(OUT)/wh-briefings/out --jobs 2 --quiet
	$(BIN)/python benchmarks/speakers.py $(OUT)/wh-briefings/out

lint: setup
	$(BIN)/ruff check pipeline tests

clean:
	rm -rf $(OUT) .pytest_cache
