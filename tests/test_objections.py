"""The objections of notebook 05: each answer is written from the computed statistics, for both sides."""

import pandas as pd
import pytest

from detainer_audit import objections, results, verdicts


def test_each_side_is_answered_with_the_numbers_the_notebooks_computed():
    table, audit_table = results.load(), pd.read_csv(results.results_path().parent / "claims_audit.csv")
    found = objections.objections(table, audit_table)
    assert {item.raised_by for item in found} == {objections.DOUBT, objections.BACK}
    said = "\n".join(item.answer for item in found)
    share = results.display(results.value("travis_share_week2_pct", table), "percent")
    assert f"{share} % in week 2" in said
    matched = int((audit_table["verdict"] == verdicts.MATCHES_SOURCE).sum())
    assert f"{matched} claims read “{verdicts.MATCHES_SOURCE}”" in said
    # a different computed value gives a different answer: nothing in the answers is typed
    changed = table.copy()
    changed.loc[changed["statistic"] == "travis_share_week2_pct", "value"] = 12.5
    assert "12.5 % in week 2" in "\n".join(item.answer for item in objections.objections(changed, audit_table))


def test_a_statistic_nobody_computed_is_named():
    table = results.load()
    with pytest.raises(KeyError, match="'detainers_per_person_2014' is not in data/processed/results.csv"):
        objections.objections(table[table["statistic"] != "detainers_per_person_2014"], pd.DataFrame({"verdict": []}))
