# Two entry points, both working on a fresh machine with only Python 3:
#   make demo   set up .venv on first use, then open the review app on the bundled examples
#               (without a terminal, e.g. in CI, it prints the `checker check` report instead)
#   make test   set up .venv (with test extras) on first use, then run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench bench-scale fuzz clean golden

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

# 10,000+ hypothesis cases per stage (tests/test_fuzz.py, profile "fuzz"), then a summary: cases
# tried per stage, crashes, wrong spans and the slowest inputs.  CHECKER_FUZZ_EXAMPLES=N changes N.
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_ci.py
	$(BIN)/python benchmarks/bench_hostile.py

# --jobs 1 vs --jobs 2, and peak RSS of jsonl, json and sarif runs on the corpus (SCALE_ARGS="--rss-only --rss-mb 200": the issue's figure)
bench-scale: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_scale.py $(SCALE_ARGS)

# rewrite tests/data/golden/ (the JSON reports tests/test_golden.py compares with) from this tree:
# run it after an intended change of results, and review the diff (tests/golden.py says how)
golden: $(VENV)/.installed
	$(BIN)/python tests/golden.py

clean:
	rm -rf $(VENV) build *.egg-info

# re-extract the message template from checker/ and merge it into every catalogue (checker/i18n.py)
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -k _ -k gettext -k ngettext:1,2 -k _n --no-location --sort-output \
		--project checker --copyright-holder checker -o checker/locale/checker.pot checker
	$(BIN)/pybabel update -D checker -i checker/locale/checker.pot -d checker/locale --no-fuzzy-matching --ignore-obsolete
