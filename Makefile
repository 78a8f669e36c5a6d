# The KPN support assistant. Two commands matter: `make run` and `make test`.
# Everything else is a step they call, or a tool for developers.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
# Rasa's command line through server/cli.py: quiet warnings, validation that fails on them.
RASA      := $(PY) -m server.cli
ENV       := source scripts/env.sh &&
SPACY_NL  := .spacy/nl_kpn
INSTALLED := $(VENV)/.installed
LOOKUPS   := data/nlu/generated/countries.yml
LOOKUPS_STAMP := data/nlu/generated/.countries.checked
MODEL_STAMP := models/.trained
# Only what the model uses triggers `rasa train`: config, domain, training data and the
# generated lookup table. Prices (knowledge/data/price_lists/) are read by the action
# server when it starts: a price change restarts it and trains nothing.
TRAIN_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' -not -path 'data/nlu/generated/*' 2>/dev/null)
# The lookup table is made of country names and aliases only (not of the zones, which are
# price-list facts): the code, countries.yml and its schema can change it, a price list cannot.
LOOKUP_SOURCES := $(wildcard knowledge/*.py) knowledge/data/countries.yml \
                  knowledge/schemas/countries.schema.yml scripts/generate_lookups.py

.PHONY: help install lookups train run run-scaled shell stop test test-unit test-e2e test-stories test-browser test-production screenshots validate check-data kb-diff nlu-report eval bench purge lock clean

help:
	@echo "make run    set up if needed, train if needed, start the assistant"
	@echo "make test   set up if needed, run every check"
	@echo "make shell  talk to the assistant in this terminal (to a running 'make run' if there is one)"
	@echo "make run-scaled N=2   the same on N Rasa servers behind HAProxy (PostgreSQL + Redis)"
	@echo "other: install train validate kb-diff screenshots nlu-report eval bench purge lock clean"

# --- setup -----------------------------------------------------------------------
install: $(INSTALLED) $(SPACY_NL)/meta.json

$(INSTALLED): requirements.lock
	@python=$$(scripts/find_python.sh) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	  rm -rf $(VENV) && "$$python" -m venv $(VENV) || { echo "error: could not create $(VENV) with $$python. Fix: install python3.10-venv." >&2; exit 1; }; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.0"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(SPACY_NL)/meta.json: $(INSTALLED) scripts/build_spacy_nl.py
	$(ENV) $(PY) scripts/build_spacy_nl.py $(SPACY_NL)

# The NLU country lookup table is generated from knowledge/, never typed twice. The script
# rewrites it only when its content changes (the stamp records the check), so regenerating
# an identical table never triggers `rasa train`.
lookups: $(LOOKUPS)
$(LOOKUPS) data/nlu/generated/regex.yml: $(LOOKUPS_STAMP)
	@test -f $@ || $(ENV) $(PY) scripts/generate_lookups.py $(LOOKUPS)
$(LOOKUPS_STAMP): $(INSTALLED) $(LOOKUP_SOURCES)
	$(ENV) $(PY) scripts/generate_lookups.py $(LOOKUPS)
	@touch $@

# --- model -----------------------------------------------------------------------
train: $(MODEL_STAMP)
$(MODEL_STAMP): $(INSTALLED) $(SPACY_NL)/meta.json $(LOOKUPS) data/nlu/generated/regex.yml $(TRAIN_INPUTS)
	$(ENV) $(RASA) train --fixed-model-name kpn-assistent --out models
	touch $@

# --- run -------------------------------------------------------------------------
run: train
	$(ENV) scripts/stack.sh foreground

# N Rasa servers behind HAProxy on the same public ports, with PostgreSQL + Redis
# (scripts/services.sh) and one action server (docs/production.md, "Running at scale").
N ?= 2
run-scaled: train
	$(ENV) RASA_SERVERS=$(N) scripts/stack.sh scaled

shell: train
	$(ENV) scripts/stack.sh shell

# --- checks ----------------------------------------------------------------------
# Every data file and every price list (file, entry, problem; complete versions), then
# Rasa's own checks of the training data. `make run` and `make shell` run the first part
# before starting anything (scripts/stack.sh).
validate: check-data $(LOOKUPS)
	$(ENV) $(RASA) data validate --fail-on-warnings

check-data: install
	$(ENV) $(PY) -m knowledge.validate

# What changed between two price lists, entry by entry: make kb-diff A=2020-09-28 B=<newer>
# (default: the newest against the one before it; A/B may also be folders).
kb-diff: install
	$(ENV) $(PY) -m knowledge.kb_diff $(A) $(B)

# The checks run on one day and answer from the list their expectations quote, whatever
# newer list is added (knowledge/clock.py, knowledge/price_lists.py; tests/conftest.py uses
# the same defaults).
TEST_DAY ?= 2026-11-29
TEST_PRICE_LIST ?= 2020-09-28
test-unit test-e2e test-stories test-browser test-production screenshots: export KPN_TODAY = $(TEST_DAY)
test-unit test-e2e test-stories test-browser test-production screenshots: export KPN_PRICE_LIST = $(TEST_PRICE_LIST)

test-unit: install $(LOOKUPS)
	$(ENV) $(PY) -m pytest -q -m "not browser and not production and not e2e" tests

# Text -> model -> actions -> reply over REST for every case of tests/eval/e2e_*.yml, on a
# stack of its own (ports 5205/5255/5280, run/e2e/), started and stopped by the tests.
test-e2e: train
	$(ENV) $(PY) -m pytest -q -p no:randomly -m e2e tests/e2e

test-stories: train
	$(ENV) $(RASA) test core --stories tests/test_stories.yml --fail-on-prediction-errors --no-plot --out results/stories

# The widget in real headless Chromium (Debian's package) against the running stack.
# Screenshots go to results/screenshots/ (ignored by git); `make screenshots` refreshes
# the two in docs/img/ from the real-stack test.
BROWSER_TESTS = $(ENV) scripts/stack.sh start && \
	$(ENV) BROWSER_TESTS_REQUIRED=1 WEB_URL=http://localhost:$${WEB_PORT}/ BOT_URL=http://localhost:$${RASA_PORT}
test-browser: train
	bash scripts/install_browser.sh
	$(BROWSER_TESTS) $(PY) -m pytest -q -m browser tests/browser; rc=$$?; $(ENV) scripts/stack.sh stop; exit $$rc

screenshots: train
	bash scripts/install_browser.sh
	$(BROWSER_TESTS) PUBLISH_SCREENSHOTS=1 $(PY) -m pytest -q -m browser tests/browser/test_widget.py; \
	  rc=$$?; $(ENV) scripts/stack.sh stop; exit $$rc

stop:
	$(ENV) scripts/stack.sh stop

# Scale-out, failure, bad-input and personal-data tests (docs/production.md): PostgreSQL + Redis from
# Debian's packages (scripts/services.sh) and two Rasa servers + one action server on
# ports of their own (5105/5106/5155, 5499, 6399; a third Rasa server on SQLite: 5107; HAProxy: 5108),
# all stopped afterwards.
test-production: train
	$(ENV) $(PY) -m pytest -q -p no:randomly -m production tests/production

# Every stage in order, then a check that the run left the work tree as it found it, and a
# table of stage, result and time (scripts/test_all.py). One stage = one name=target pair.
TEST_STAGES := validate=validate unit=test-unit stories=test-stories e2e=test-e2e browser=test-browser \
	production=test-production
test: install
	@$(PY) scripts/test_all.py $(TEST_STAGES)

# Rasa's cross-validation, two folds at a time (bench/nlu_cv.py; ~3 min instead of ~9).
nlu-report: install $(SPACY_NL)/meta.json $(LOOKUPS)
	rm -rf results/nlu
	$(ENV) $(PY) bench/nlu_cv.py --config config.yml --out results/nlu
	$(ENV) $(PY) scripts/nlu_report.py results/nlu

eval:
	$(ENV) $(PY) ../shared/eval/score.py ../shared/eval/dev.yml --url http://localhost:$${RASA_PORT} --show-fail

# Our pipeline vs plain Rasa: training, start-up, memory, latency under load, NLU F1.
# Own ports (5305/5306/5355) and files (bench/out/); prints and writes bench/results.md.
# BENCH_QUICK=1 for a smoke run, BENCH_PLAIN_CV=1 to cross-validate plain Rasa too (bench/README.md).
bench: install $(SPACY_NL)/meta.json $(LOOKUPS)
	$(ENV) $(PY) bench/run_bench.py

# Retention: delete the conversations whose last event is older than RETENTION_DAYS (90)
# from the tracker store the servers use (TRACKER_DB_URL: SQLite or PostgreSQL). Run it
# nightly from cron (docs/production.md "Personal data"); one conversation on request:
# scripts/forget.py SENDER_ID.
.PHONY: purge
purge: $(INSTALLED)
	$(ENV) $(PY) scripts/forget.py --older-than "$${RETENTION_DAYS}"

# Re-pin every transitive package after changing requirements.txt.
lock: $(INSTALLED)
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf models results run .spacy .encoder data/nlu/generated
