"""The objections of notebook 05: each answer is written from the computed statistics, for both sides."""

import pytest

from detainer_audit import objections, results, verdicts


def test_each_side_is_answered_with_the_numbers_the_notebooks_computed():
    table = results.load()
    found = objections.objections(table)
    assert {item.raised_by for item in found} == {objections.DOUBT, objections.BACK}
    said = "\n".join(item.answer for item in found)
    share = results.display(results.value("travis_share_week2_pct", table), "percent")
    assert f"{share} % in week 2" in said
    matched = int(results.value("claims_matches_its_source_unverified", table))
    assert f"{matched} claims read “{verdicts.MATCHES_SOURCE}”" in said
    # a different computed value gives a different answer: nothing in the answers is typed
    changed = table.copy()
    changed.loc[changed["statistic"] == "travis_share_week2_pct", "value"] = 12.5
    changed.loc[changed["statistic"] == "claims_matches_its_source_unverified", "value"] = 9
    said = "\n".join(item.answer for item in objections.objections(changed))
    assert "12.5 % in week 2" in said and f"9 claims read “{verdicts.MATCHES_SOURCE}”" in said


def test_a_statistic_nobody_computed_is_named():
    table = results.load()
    with pytest.raises(KeyError, match="'detainers_per_person_2014' is not in data/processed/results.csv"):
        objections.objections(table[table["statistic"] != "detainers_per_person_2014"])
