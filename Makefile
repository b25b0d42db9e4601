# The two commands that matter: `make reproduce` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PY        := .venv/bin/python
# the Python the published outputs come from (runtime.txt, which BinderHub reads too)
PYTHON_MINOR := $(shell sed -n 's/^python-//p' runtime.txt)
export PYTHONPATH := $(CURDIR)
# .venv is installed without bytecode (faster set-up); Python caches it on first import, unless the
# machine sets PYTHONDONTWRITEBYTECODE (this one does), when every process would compile pandas,
# matplotlib and IPython from source again: about a quarter of a forced reproduce's CPU time
unexport PYTHONDONTWRITEBYTECODE
STAGE     := build/stage
CORES     := $(shell nproc 2>/dev/null || echo 2)
JOBS      ?= $(CORES)
# the recount's paths reach its recipe through the environment, so that no shell splits them on spaces
export RECORDS RECORDS_FROM OUT
# kernels forked from a server that has imported the notebooks' libraries once (FORK=0: ordinary kernels)
FORK      ?= 1
export DETAINER_AUDIT_FORK := $(FORK)

.PHONY: help venv verify reproduce test test-fast test-environment bench lab clean checksums raw-docs run recount check requirements

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(firstword $(MAKEFILE_LIST)) | sed -E 's/:.*## /\t/' | expand -t 18

venv: ## create .venv from requirements.txt if it is missing or out of date
	@scripts/ensure-venv

verify: venv ## check data/raw/ against SHA256SUMS and its schema
	@$(PY) -m audit_pipeline verify

reproduce: venv ## verify raw data, run every notebook, publish outputs only if all succeed (FORCE=1: even if nothing changed)
	@# when nothing changed, the check says so and names report/index.html, as a run ends by doing
	@if [ -z "$(FORCE)" ] && $(PY) -m audit_pipeline.fingerprint check; then \
	  :; \
	else \
	  $(PY) -m audit_pipeline.runner --stage $(STAGE) --jobs $(JOBS) $(if $(FORCE),,--if-changed); \
	fi

test: venv ## unit tests, nbval (strict) on every notebook, committed outputs = computed outputs, and beside them the slow end-to-end group
	@# the checks of other environments (tests marked environment) are `make test-environment`'s, not this target's;
	@# the end-to-end group (copies of the project, waiting on kernels most of the time) runs beside
	@# the rest, into a log; once the first group has reported, the log is shown as it grows (one line per
	@# test as it ends, with the share done), so the end-to-end group is never silent; either failing fails make test
	@mkdir -p build; log=$$(mktemp build/.slow-tests.XXXXXX); \
	  $(PY) -m pytest -m "slow and not environment" -n $(CORES) --maxschedchunk 1 -v tests > "$$log" 2>&1 & slow=$$!; \
	  trap 'kill $$slow 2>/dev/null; rm -f "$$log"' INT TERM; \
	  fast=0; $(PY) -m pytest -m "not slow and not environment" || fast=$$?; \
	  echo "---------------- end-to-end group (tests marked slow), as each test ends ----------------"; \
	  tail -n +1 -f "$$log" & follow=$$!; \
	  status=0; wait $$slow || status=$$?; sleep 1; kill $$follow 2>/dev/null || true; wait $$follow 2>/dev/null || true; \
	  rm -f "$$log"; \
	  test $$fast -eq 0 && test $$status -eq 0

test-fast: venv ## the same without the slow end-to-end group (day-to-day)
	@$(PY) -m pytest -m "not slow and not environment"

test-environment: venv ## the environments the project runs in: a Binder-like build, a second patch release of Python 3.11, JupyterLab, every platform's wheels (CI runs it after make test)
	@$(PY) -m pytest -m environment -n $(CORES) --maxschedchunk 1 -v tests

bench: venv ## measure set-up, reproduce, test, recount and check times (several minutes; BENCH_ARGS=--only-tests, --only-recount or --only-check for one alone)
	@python3 scripts/bench.py $(BENCH_ARGS)

lab: venv ## open JupyterLab on the whole repository, at notebooks/ (LAB_ARGS='--port=8899 --no-browser' for more)
	@$(PY) -m jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks \
	  $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

run: venv ## one notebook with other parameters, written with its page to build/runs/<notebook>/ or OUT, naming the statistics that differ from the published run: make run NB=01 ARGS='-p annualization_basis fixed_365'
	@test -n "$(NB)" || { echo "error: name a notebook: make run NB=01 ARGS='-p NAME VALUE' [OUT=build/runs/NAME]" >&2; exit 2; }
	@# the pipeline's own list of notebooks (NN_name.ipynb only) resolves NB, and names them all if none matches
	@$(PY) -m audit_pipeline run "$(NB)" $(if $(OUT),--stage "$(OUT)") --seed-outputs $(ARGS)

recount: venv ## recount CIS's four counts from DDP's record files: make recount RECORDS=<file, folder or glob> [RECORDS_FROM=list.txt] [OUT=build/recount] [ARGS='-p tolerance 0.05'] [MIXED_IDS=1]
	@test -n "$${RECORDS:-}$${RECORDS_FROM:-}" || { echo "error: name the record files: make recount RECORDS=<file, folder or glob> or RECORDS_FROM=<a file listing them, one per line> [OUT=build/recount] (DDP publishes them: see README.md, Recount from ICE's records)" >&2; exit 2; }
	@# RECORDS reaches the pipeline as the text given (from the environment, never re-split by this shell):
	@# one path even with spaces in it, or several as a shell splits them (quoted, or spaces escaped)
	@$(PY) -m audit_pipeline recount $${RECORDS:+--records-text "$$RECORDS"} $${RECORDS_FROM:+--from "$$RECORDS_FROM"} \
	  --out "$${OUT:-build/recount}" $(if $(MIXED_IDS),--allow-mixed-ids) $(ARGS)

check: venv ## judge new detainer claims against the whole record: make check MEASURE=<m> VALUE=<n> FROM=<date> TO=<date> [PER=month] [COMPARATOR=about] [SAID_BY="<publisher>"], or CLAIMS=<file.csv>; [OUT=build/check]
	@# the values reach the pipeline from the environment, as given (a publisher's name may hold spaces)
	@$(PY) -m audit_pipeline check $${CLAIMS:+--claims "$$CLAIMS"} $${MEASURE:+--measure "$$MEASURE"} \
	  $${VALUE:+--value "$$VALUE"} $${VALUE_HIGH:+--value-high "$$VALUE_HIGH"} $${COMPARATOR:+--comparator "$$COMPARATOR"} \
	  $${FROM:+--from "$$FROM"} $${TO:+--to "$$TO"} $${PER:+--per "$$PER"} $${SAID_BY:+--said-by "$$SAID_BY"} \
	  $${RELIES_ON:+--relies-on "$$RELIES_ON"} \
	  $${CLAIM_ID:+--claim-id "$$CLAIM_ID"} --out "$${OUT:-build/check}"

checksums: venv ## record the bytes of data/raw/ after an intended change (then review the diff)
	@$(PY) -m audit_pipeline checksums

raw-docs: venv ## regenerate data/raw/README.md and data/processed.README.md from their datapackage descriptors
	@$(PY) -m audit_pipeline checksums >/dev/null
	@$(PY) -m audit_pipeline raw-docs
	@$(PY) -m audit_pipeline checksums

requirements: venv ## recompile requirements.txt (pins + hashes, Linux, macOS and Windows) from requirements.in
	@# existing pins are kept unless requirements.in asks otherwise; one lock for every platform
	$$(command -v uv || echo .tools/uv/bin/uv) pip compile requirements.in --universal \
	  --python-version $(PYTHON_MINOR) --generate-hashes --no-header --quiet -o requirements.txt

clean: ## remove what reproduce makes (outputs, staging, the run fingerprint) but not .venv
	rm -rf build data/processed/* figures/* report
