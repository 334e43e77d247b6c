# The two commands of the README: `make build` (install, then build the sample graph end to end)
# and `make test` (install, then run the tests against a real local graph server they start).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: build test install server-stop clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

build: install
	$(BIN)/kg build

test: install
	$(BIN)/python -m pytest

server-stop: install
	$(BIN)/kg server stop

clean:
	rm -rf out var $(VENV)
