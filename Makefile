# The two set-up commands of the README's Quick start. Each installs what it needs, then runs.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip

.PHONY: install install-test redis-server run test

install:
	$(PIP) install -q torch==2.13.0   # the CPU wheel first: anything else pulls GBs of CUDA
	$(PIP) install -q -e .

install-test: install redis-server
	$(PIP) install -q -e ".[test]"

# The tests start a real redis-server (Debian package) of their own.
redis-server:
	@command -v redis-server >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server)

run: install
	zitat run seeds/

test: install-test
	$(PYTHON) -m pytest
