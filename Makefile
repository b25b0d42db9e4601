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
# kernels forked from a server that has imported the notebooks' libraries once (FORK=0: ordinary kernels)
FORK      ?= 1
export DETAINER_AUDIT_FORK := $(FORK)

.PHONY: help venv verify reproduce test test-fast bench lab clean checksums raw-docs run recount requirements

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(firstword $(MAKEFILE_LIST)) | sed -E 's/:.*## /\t/' | expand -t 14

venv: ## create .venv from requirements.txt if it is missing or out of date
	@scripts/ensure-venv

verify: venv ## check data/raw/ against SHA256SUMS and its schema
	@$(PY) -m audit_pipeline verify

reproduce: venv ## verify raw data, run every notebook, publish outputs only if all succeed (FORCE=1: even if nothing changed)
	@if [ -z "$(FORCE)" ] && $(PY) -m audit_pipeline.fingerprint check; then \
	  echo "nothing changed since the last published run: outputs are current (FORCE=1 to run anyway)"; \
	else \
	  $(PY) -m audit_pipeline.runner --stage $(STAGE) --jobs $(JOBS); \
	fi

test: venv ## unit tests, nbval (strict) on every notebook, committed outputs = computed outputs, and beside them the slow end-to-end group
	@# the end-to-end group (copies of the project, waiting on kernels most of the time) runs beside
	@# the rest; its report follows the first group's, and either failing fails make test
	@mkdir -p build; log=$$(mktemp build/.slow-tests.XXXXXX); \
	  $(PY) -m pytest -m slow -n $(CORES) --maxschedchunk 1 tests > "$$log" 2>&1 & slow=$$!; \
	  trap 'kill $$slow 2>/dev/null; rm -f "$$log"' INT TERM; \
	  fast=0; $(PY) -m pytest -m "not slow" || fast=$$?; \
	  status=0; wait $$slow || status=$$?; \
	  echo "---------------- end-to-end group (tests marked slow) ----------------"; cat "$$log"; rm -f "$$log"; \
	  test $$fast -eq 0 && test $$status -eq 0

test-fast: venv ## the same without the slow end-to-end group (day-to-day)
	@$(PY) -m pytest -m "not slow"

bench: venv ## measure set-up, reproduce, test and recount times (several minutes; BENCH_ARGS=--only-recount for the recount alone)
	@python3 scripts/bench.py $(BENCH_ARGS)

lab: venv ## open JupyterLab on the whole repository, at notebooks/ (LAB_ARGS='--port=8899 --no-browser' for more)
	@$(PY) -m jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks \
	  $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

run: venv ## one notebook with other parameters, written to build/runs/<notebook>/ or OUT: make run NB=01 ARGS='-p annualization_basis fixed_365'
	@test -n "$(NB)" || { echo "error: name a notebook: make run NB=01 ARGS='-p NAME VALUE' [OUT=build/runs/NAME]" >&2; exit 2; }
	@# the pipeline's own list of notebooks (NN_name.ipynb only) resolves NB, and names them all if none matches
	@$(PY) -m audit_pipeline run "$(NB)" $(if $(OUT),--stage "$(OUT)") --seed-outputs $(ARGS)

recount: venv ## recount CIS's four counts from DDP's record files: make recount RECORDS=<file, folder or glob> [OUT=build/recount]
	@test -n "$(RECORDS)" || { echo "error: name the record files: make recount RECORDS=<file, folder or glob> [OUT=build/recount] (DDP publishes them: see README.md, Recount from ICE's records)" >&2; exit 2; }
	@$(PY) -m audit_pipeline recount "$(RECORDS)" --out "$${OUT:-build/recount}"

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
