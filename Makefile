# The two commands that matter: `make reproduce` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PY        := .venv/bin/python
export PYTHONPATH := $(CURDIR)
export PYTHONDONTWRITEBYTECODE := 1
STAGE     := build/stage
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
STAGED    := $(addprefix $(STAGE)/,$(NOTEBOOKS))

.PHONY: help venv verify reproduce stage test lab clean checksums raw-docs run requirements

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(firstword $(MAKEFILE_LIST)) | sed -E 's/:.*## /\t/' | expand -t 14

venv: ## create .venv from requirements.txt if it is missing or out of date
	@scripts/ensure-venv

verify: venv ## check data/raw/ against SHA256SUMS and its schema
	@$(PY) -m detainer_audit verify

reproduce: venv ## verify raw data, run every notebook in order, publish outputs only if all succeed
	@$(PY) -m detainer_audit verify
	@rm -rf $(STAGE)
	@$(MAKE) --no-print-directory stage
	@$(PY) -m detainer_audit publish $(STAGE)
	@rm -rf $(STAGE)

# the claims audit reads what every other notebook recorded: it runs last
CLAIMS_AUDIT := $(filter %_claims_audit.ipynb,$(STAGED))
$(CLAIMS_AUDIT): $(filter-out $(CLAIMS_AUDIT),$(STAGED))

stage: $(STAGED)
	@$(PY) -m detainer_audit report $(STAGE)

$(STAGE)/notebooks/%.ipynb: notebooks/%.ipynb
	@$(PY) -m detainer_audit run $< --stage $(STAGE)

test: venv ## unit tests, nbval (strict) on every notebook, committed outputs = computed outputs
	@$(PY) -m pytest

lab: venv ## open JupyterLab on the project's environment
	@$(PY) -m jupyter lab --notebook-dir=notebooks

run: venv ## one notebook with other parameters, written to OUT: make run NB=01 ARGS='-p annualization_basis fixed_365'
	@test -n "$(NB)" || { echo "error: name a notebook: make run NB=01 ARGS='-p NAME VALUE' [OUT=build/runs/NAME]" >&2; exit 2; }
	@nb=$$(ls notebooks/$(NB)*.ipynb 2>/dev/null | head -n 1); \
	  test -n "$$nb" || { echo "error: no notebook matches NB=$(NB); available: $(notdir $(NOTEBOOKS))" >&2; exit 2; }; \
	  out="$${OUT:-build/runs/$$(basename $$nb .ipynb)}"; \
	  $(PY) -m detainer_audit run "$$nb" --stage "$$out" --seed-outputs $(ARGS)

checksums: venv ## record the bytes of data/raw/ after an intended change (then review the diff)
	@$(PY) -m detainer_audit checksums

raw-docs: venv ## regenerate data/raw/README.md from datapackage.json
	@$(PY) -m detainer_audit checksums >/dev/null
	@$(PY) -m detainer_audit raw-docs
	@$(PY) -m detainer_audit checksums

requirements: ## recompile requirements.txt (pins + hashes) from requirements.in; needs uv
	uv pip compile requirements.in --python-version 3.11 --generate-hashes --no-header -o requirements.txt

clean: ## remove what reproduce makes (outputs, executed state, staging) but not .venv
	rm -rf build data/processed/* figures/* report
