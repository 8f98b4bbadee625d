# Two entry points, both working on a fresh machine with only Python 3:
#   make demo   set up .venv on first use, then open the review app on the bundled examples
#               (without a terminal, e.g. in CI, it prints the `checker check` report instead)
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
	@if [ -t 0 ] && [ -t 1 ]; then \
		$(BIN)/checker review examples/zh_district_report.md examples/en_city_report.md; \
	else \
		echo "(no terminal: printing the findings instead of opening checker review)"; \
		$(BIN)/checker check examples/zh_district_report.md examples/en_city_report.md; \
	fi; true

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_ci.py

clean:
	rm -rf $(VENV) build *.egg-info
