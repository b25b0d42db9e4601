"""Outputs described: every file of data/processed/ has a Frictionless Table Schema in
data/processed.datapackage.json (a committed input beside the folder, which make reproduce and make clean
leave alone), the committed files are valid under it, a broken file is caught, and the data dictionary
data/processed.README.md is generated from it."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from helpers import ROOT
from audit_pipeline import rawdocs

DESCRIPTOR = ROOT / "data" / "processed.datapackage.json"
PACKAGE = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))


def _validate(descriptor):
    import frictionless

    report = frictionless.validate(str(descriptor))
    return report.valid, [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + \
        [error.message for error in report.errors]


def test_the_processed_files_are_valid_under_their_schemas():
    valid, errors = _validate(DESCRIPTOR)
    assert valid, "\n".join(errors[:20])


def test_every_processed_file_has_a_schema_and_every_schema_a_file():
    described = {resource["path"] for resource in PACKAGE["resources"]}
    present = {f"processed/{path.name}" for path in (ROOT / "data" / "processed").iterdir() if not path.name.startswith(".")}
    assert present == described, (f"without a schema in data/processed.datapackage.json: {sorted(present - described)}; "
                                  f"described but absent: {sorted(described - present)}")
    for resource in PACKAGE["resources"]:
        with open(ROOT / "data" / resource["path"], newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in resource["schema"]["fields"]], resource["path"]


def test_the_schemas_name_what_the_code_writes():
    from detainer_audit import results, verdicts
    from detainer_audit.audit import ledger

    schemas = {resource["name"]: resource["schema"] for resource in PACKAGE["resources"]}
    fields = {name: {field["name"]: field for field in schema["fields"]} for name, schema in schemas.items()}
    assert list(fields["claims_audit"]) == ledger.AUDIT_COLUMNS
    assert list(fields["results"]) == results.COLUMNS
    assert fields["claims_audit"]["verdict"]["constraints"]["enum"] == list(verdicts.VERDICTS)
    assert fields["claims_audit"]["evidence_grade"]["constraints"]["enum"] == list(verdicts.GRADES)
    raw = json.loads((ROOT / "data" / "raw" / "datapackage.json").read_text())
    assert PACKAGE["version"] == raw["version"]


@pytest.mark.parametrize("file, old, new, message", [
    ("claims_audit.csv", ",reproduced with caveat,", ",mostly true,", "constraint"),
    ("results.csv", "statistic,value,unit,headline", "statistic,value,units,headline", "label"),
    ("claims_audit.csv", ",own source only,CIS,", ",own source only,CIS,extra_column_value,", "cell"),
])
def test_a_broken_processed_file_is_caught(tmp_path, file, old, new, message):
    shutil.copytree(ROOT / "data" / "processed", tmp_path / "processed")
    shutil.copy(DESCRIPTOR, tmp_path / DESCRIPTOR.name)
    target = tmp_path / "processed" / file
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    valid, errors = _validate(tmp_path / DESCRIPTOR.name)
    assert not valid and any(message in error.lower() for error in errors), errors


def test_a_claim_checked_against_a_statistic_that_does_not_exist_is_caught(tmp_path):
    shutil.copytree(ROOT / "data" / "processed", tmp_path / "processed")
    shutil.copy(DESCRIPTOR, tmp_path / DESCRIPTOR.name)
    target = tmp_path / "processed" / "claims_audit.csv"
    target.write_text(target.read_text(encoding="utf-8").replace(",declined_fy2021,", ",declined_fy2031,", 1))
    valid, errors = _validate(tmp_path / DESCRIPTOR.name)
    assert not valid and any("foreign" in error.lower() for error in errors), errors


def test_the_data_dictionary_is_generated_from_the_schemas():
    assert rawdocs.PROCESSED_DOCS.read_text(encoding="utf-8") == rawdocs.render_processed(), \
        "data/processed.README.md is out of date with data/processed.datapackage.json: run `make raw-docs`"
    text = rawdocs.render_processed()
    for resource in PACKAGE["resources"]:
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` | {field['description']}" in text


def test_make_clean_and_publish_leave_the_schema_alone():
    makefile = (ROOT / "Makefile").read_text()
    clean = makefile.split("\nclean:")[1]
    assert "data/processed/*" in clean and "processed.datapackage.json" not in clean
    from audit_pipeline import staging

    assert all(not DESCRIPTOR.is_relative_to(ROOT / top) for top in staging.PUBLISHED_OUTPUTS)
