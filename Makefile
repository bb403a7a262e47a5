# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.lock
	# bench.speed's comparison; its dependencies are all in the lock. Apart, because pip 23's resolver fails on
	# lxml's extra spelled two ways (newspaper4k's "html-clean", justext's "html_clean") in one install.
	$(PY) -m pip install --disable-pip-version-check -q --no-deps newspaper4k==0.9.6
	$(PY) -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsbot run

lint: $(STAMP)
	$(PY) -m ruff check bot tests bench tools
	$(PY) -m ruff format --check bot tests bench tools

typecheck: $(STAMP)
	$(PY) -m mypy

test: $(STAMP) lint typecheck
	$(PY) -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(PY) -m bench.keypoints
	$(PY) -m bench.speed
	$(PY) -m bench.extraction

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build *.egg-info
