# Two entry points, both working on a fresh machine with only Python 3:
#   make demo   set up .venv on first use, then check the bundled example article
#   make test   set up .venv (with test extras) on first use, then run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/checker check examples/zh_district_report.md examples/en_city_report.md; true

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_ci.py

clean:
	rm -rf $(VENV) build *.egg-info
