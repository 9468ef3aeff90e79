# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out
CORPUS := corpora/briefings

.PHONY: setup browser label-studio run extract evaluate review test bench bench-wh bench-speakers bench-labels bench-verbs cluster-demo notebook lint clean

setup: $(STAMP)

# Re-installs only when the dependency pins change (idempotent).
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# Debian's Chromium for the review page's browser test (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO apt-get install -y -qq chromium >/dev/null 2>&1 || \
	  { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }; }

# Label Studio in its own environment: its Django pins would fight ours.
LS_VENV := .venv-ls
label-studio: $(LS_VENV)/.installed
$(LS_VENV)/.installed: requirements-label-studio.txt
	test -x $(LS_VENV)/bin/python || $(PYTHON) -m venv $(LS_VENV)
	$(LS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LS_VENV)/bin/python -m pip install --quiet -r requirements-label-studio.txt
	touch $@

extract: setup
	$(BIN)/claims extract $(CORPUS) --out $(OUT)

evaluate: setup
	$(BIN)/claims evaluate --gold gold --pred $(OUT)/claims.csv --out $(OUT)/eval

run: extract evaluate

# A static review site: every document with its claims highlighted, errors against gold.
review: setup
	$(BIN)/claims review $(OUT) --gold gold --out $(OUT)/review
	@echo "open $(OUT)/review/index.html in a browser"

test: setup browser label-studio
	$(BIN)/ruff check pipeline tests
	$(BIN)/mypy --ignore-missing-imports pipeline
	CLAIMS_REQUIRE_BROWSER=1 CLAIMS_REQUIRE_LABEL_STUDIO=1 LABEL_STUDIO_BIN=$(CURDIR)/$(LS_VENV)/bin/label-studio \
	  $(BIN)/python -m pytest

bench: setup
	$(BIN)/claims bench $(CORPUS)

# The scale benchmark on the 10,212 White House documents (needs ../shared/corpora; about an hour on
# 2 cores, the import included): appends a section to benchmarks/results.md
WH ?= ../shared/corpora/whitehouse
bench-wh: setup
	$(BIN)/python benchmarks/whitehouse.py --wh $(WH) --work $(OUT)/wh --jobs 2

# Speakers over the 1,152 White House press briefings (needs ../shared/corpora; about 12 minutes)
WH_BRIEFINGS ?= ../shared/corpora/whitehouse/press-briefings
bench-speakers: setup
	rm -rf $(OUT)/wh-briefings
	$(BIN)/claims add $(WH_BRIEFINGS) --corpus $(OUT)/wh-briefings/corpus > $(OUT)/wh-briefings-add.log 2>&1 || test $$? -eq 3
	$(BIN)/claims extract $(OUT)/wh-briefings/corpus --out $(OUT)/wh-briefings/out --jobs 2 --quiet
	$(BIN)/python benchmarks/speakers.py $(OUT)/wh-briefings/out

# Speakers when the dev transcripts' labels are rewritten in other conventions (title case, bracketed
# timestamps, "MS. PSAKI." …; about two minutes): writes benchmarks/label_conventions.md
bench-labels: setup
	$(BIN)/python benchmarks/label_conventions.py

# Speakers in dev articles when their reporting "said" is replaced by other verbs (about a minute):
# writes benchmarks/reporting_verbs.md
bench-verbs: setup
	$(BIN)/python benchmarks/reporting_verbs.py

# JupyterLab on the notebook (installed on first use; not needed for anything else)
notebook: setup
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[notebook]'
	$(BIN)/jupyter lab notebooks/quickstart.ipynb

# Dask as on a cluster: scheduler and two workers as separate processes, one killed mid-run;
# the tables must be byte-identical to a local run (exit 1 otherwise).
cluster-demo: setup
	$(BIN)/python scripts/cluster_demo.py $(CORPUS) --out $(OUT)/cluster-demo

lint: setup
	$(BIN)/ruff check pipeline tests

clean:
	rm -rf $(OUT) .pytest_cache
