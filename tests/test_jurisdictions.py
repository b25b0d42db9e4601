import pandas as pd
import pytest

from detainer_audit import jurisdictions as j
from detainer_audit import rawdata
from detainer_audit.jurisdictions import s1_week1, s2_share, s3_weeks, s4_readings, s5_sheriff, s6_rows
from detainer_audit.params import ParameterError


# week 1's medium- and high-confidence rows, summed by hand from data/raw/week1_declined_by_jurisdiction.csv
# (Sac County, Iowa, the one low-confidence row, left out): TX 142 + 4 + 3, CO 6 + 3 + 1 + 1, CA 5 + 1 + 1 + 1 + 1,
# NY 4, MN 2, MD 1 + 1 + 1, PA 1 + 1, NC 1, FL 1, OR 1 + 1 + 1, WA 2, IA 1
IDENTIFIED_WEEK1 = 149 + 11 + 9 + 4 + 2 + 3 + 2 + 1 + 1 + 3 + 2 + 1
assert IDENTIFIED_WEEK1 == 188


def statistics(result, weeks, data):
    """Every section's statistics, as the notebook's results cell concatenates them."""
    week = result["week"]
    evidence = s1_week1.week1_evidence(data["week1"], data["absent"], data["statements"], data["reports"])
    readings = s4_readings.readings_for(result, data["statements"], data["sheriff"])
    return (s2_share.statistics(result) + s3_weeks.statistics(result, weeks) + s5_sheriff.statistics(result, data["sheriff"])
            + s6_rows.statistics(week, evidence) + s4_readings.statistics(readings) + s1_week1.statistics(week, data["top"]))


def findings(result, weeks, data, evidence=None, readings=None):
    """Every section's sentences, as the notebook's findings cell concatenates them."""
    return s2_share.findings(result, readings) + s3_weeks.findings(result, weeks) + s6_rows.findings(evidence, data["reports"])


@pytest.fixture(scope="module")
def data():
    return {name: rawdata.read_table(table) for name, table in
            [("week1", j.WEEK1), ("reports", j.REPORTS), ("sheriff", j.SHERIFF), ("top", j.TOP_ISSUED),
             ("statements", j.STATEMENTS), ("absent", j.ABSENT)]}


def test_remainder_is_its_own_row_and_never_spread(data):
    table = j.week1_table(data["week1"], data["reports"])
    remainder = table[table["jurisdiction"] == j.NOT_IDENTIFIED]
    assert len(remainder) == 1 and remainder["count_is"].item() == "at_most"
    # the remainder completes the counted rows to the report's 206; a low-confidence row is shown, never counted
    assert table.loc[table["confidence"] != j.LOW, "declined_records"].sum() == 206
    assert remainder["declined_records"].item() == 206 - IDENTIFIED_WEEK1
    known = table[table["jurisdiction"] != j.NOT_IDENTIFIED].set_index("jurisdiction")["declined_records"]
    assert known.equals(data["week1"].set_index("jurisdiction")["declined_records"].loc[known.index])


def test_identified_records_above_total_is_an_error(data):
    reports = data["reports"].copy()
    reports.loc[reports["report_week"] == 1, "declined_detainer_records"] = 100
    with pytest.raises(ValueError, match="exceed the week's total"):
        j.week1_table(data["week1"], reports)


def test_travis_shares(data):
    result = j.shares("Travis County", 1, data["week1"], data["reports"], data["sheriff"])
    assert result["share"] == pytest.approx(142 / 206)
    # the sheriff's 128 over all the week's 206: the 14 rows he does not count were declines of that week too
    assert result["share_sheriff_count"] == pytest.approx(128 / 206)
    assert result["state_share"] == pytest.approx((142 + 4 + 3) / 206)
    # corrected rows: Williamson 4, Bastrop 3, Chester >=1, Richmond >=1
    assert result["corrected_records"] == 9
    assert result["share_excluding_corrected"] == pytest.approx(142 / (206 - 9))
    assert result["share_of_issued"] == pytest.approx(142 / 3083)


def test_lower_bound_row_keeps_its_bound(data):
    result = j.shares("Philadelphia", 1, data["week1"], data["reports"], data["sheriff"])
    assert result["count_is"] == "at_least" and result["count"] == 1
    names = [s.statistic for s in statistics(result, j.week_shares(data["reports"]), data)]
    assert "philadelphia_share_week1_pct" in names and "pennsylvania_share_week1_pct" in names
    assert "travis_share_weeks_1_3_pct" not in names


def test_corrected_jurisdiction_counts_zero_once_corrections_are_applied(data):
    result = j.shares("Williamson County", 1, data["week1"], data["reports"], data["sheriff"])
    assert result["share_excluding_corrected"] == 0


def test_pooled_share(data):
    weeks = j.week_shares(data["reports"]).set_index("report_week")
    assert weeks.loc["1-3 pooled", "share_pct"] == pytest.approx((142 + 2 + 10) / (206 + 47 + 65) * 100)


def test_unknown_choices_list_what_is_available(data):
    with pytest.raises(ParameterError, match=r"jurisdiction='Nowhere County' has no declined-detainer count for week 1; "
                                             r"available for week 1: .*Boulder County Jail.*Travis County"):
        j.check_choice("Nowhere County", 1, data["reports"], data["week1"])
    with pytest.raises(ParameterError, match="available for week 2: Travis County"):
        j.check_choice("Boulder County Jail", 2, data["reports"], data["week1"])
    with pytest.raises(ParameterError, match="report_week=4 is not a published week; available: 1, 2, 3"):
        j.check_choice("Travis County", 4, data["reports"], data["week1"])
    with pytest.raises(ParameterError, match="report_week='1'"):
        j.check_choice("Travis County", "1", data["reports"], data["week1"])


def test_slugs():
    assert j.slug("Travis County") == "travis"
    assert j.slug("Boulder County Jail") == "boulder"
    assert j.slug("Los Angeles (city and county jails)") == "los_angeles"
    assert j.slug("Prince George's County") == "prince_george_s"
    assert j.slug("New York City") == "new_york"


def test_another_jurisdiction_gets_its_own_statistics(data):
    """What `make run NB=03 ARGS="-p jurisdiction 'Boulder County Jail'"` records (moved here from an
    end-to-end test: the single-run machinery itself is proven once, in test_pipeline)."""
    weeks = j.week_shares(data["reports"])
    result = j.shares("Boulder County Jail", 1, data["week1"], data["reports"], data["sheriff"])
    stats = {s.statistic: s.value for s in statistics(result, weeks, data)}
    assert stats["boulder_share_week1_pct"] == pytest.approx(6 / 206 * 100)
    assert stats["colorado_share_week1_pct"] == pytest.approx((6 + 3 + 1 + 1) / 206 * 100)
    assert not {name for name in stats if name.startswith("travis")}


def test_a_low_confidence_row_is_context_and_enters_no_bound(data):
    week1 = data["week1"]
    assert (week1["confidence"] == j.LOW).sum() == 1  # Sac County, Iowa: a blog's account only
    evidence = j.week1_evidence(week1, data["absent"], data["statements"], data["reports"])
    assert evidence["records"] == IDENTIFIED_WEEK1 and evidence["rows"] == 26  # 27 rows less Sac County
    # raising the row to medium confidence would raise the low end: the filter, not the data, keeps it out
    raised = week1.copy()
    raised.loc[raised["confidence"] == j.LOW, "confidence"] = "medium"
    assert j.week1_evidence(raised, data["absent"], data["statements"], data["reports"])["jails_low"] == evidence["jails_low"] + 1


def test_week1_jails_are_counted_as_the_report_names_them(data):
    evidence = j.week1_evidence(data["week1"], data["absent"], data["statements"], data["reports"])
    rows = data["week1"].set_index("jurisdiction")
    # ICE listed all 142 of Travis County's rows, the 14 of the state jail included, under one jail
    assert (rows.loc["Travis County", "jails_at_least"], rows.loc["Travis County", "jails_at_most"]) == (1, 1)
    # Los Angeles's five records name three facilities
    assert rows.loc["Los Angeles (city and county jails)", ["jails_at_least", "jails_at_most"]].tolist() == [3, 3]
    # the 26 counted rows name at least one jail each, Los Angeles three: 26 - 1 + 3 = 28
    assert evidence["jails_low"] == 28
    # at most: Travis 1 and Los Angeles 3, one per record elsewhere (188 - 142 - 5 = 41), and one per record nobody
    # identified (206 - 188 = 18)
    assert evidence["unidentified"] == 18 and evidence["jails_high"] == 1 + 3 + 41 + 18


def test_week1_states_are_bounded_by_the_unidentified_records_and_the_states_left(data):
    evidence = j.week1_evidence(data["week1"], data["absent"], data["statements"], data["reports"])
    assert evidence["states_low"] == 12 and "IA" in set(data["week1"]["state"])
    # 51 (50 states and DC) - 12 identified - 3 shown absent = 36 states left, more than the 18 unidentified records
    assert evidence["open_states"] == 36 and evidence["states_high"] == 12 + 18
    assert evidence["states_absent"] == ["CT", "GA", "NV"]  # medium confidence only; New England's repost is context
    assert evidence["states_absent_context"] == ["MA", "ME", "NH", "RI", "VT"]
    # with more unidentified records than states left, the states left cap the high end
    reports = data["reports"].copy()
    reports.loc[reports["report_week"] == 1, "declined_detainer_records"] = 188 + 40
    wide = j.week1_evidence(data["week1"], data["absent"], data["statements"], reports)
    assert wide["states_high"] == 12 + 36 and wide["jails_high"] == 1 + 3 + 41 + 40


def test_a_row_whose_jails_run_backwards_is_refused(data):
    week1 = data["week1"].copy()
    week1.loc[week1["jurisdiction"] == "New York City", "jails_at_most"] = 0
    with pytest.raises(ValueError, match="'New York City': jails_at_most is below jails_at_least"):
        j.week1_evidence(week1, data["absent"], data["statements"], data["reports"])


def test_identified_records_above_the_weeks_total_are_refused_by_the_bounds(data):
    reports = data["reports"].copy()
    reports.loc[reports["report_week"] == 1, "declined_detainer_records"] = 100
    with pytest.raises(ValueError, match="exceed the week's total"):
        j.week1_evidence(data["week1"], data["absent"], data["statements"], reports)


def test_a_state_both_identified_and_shown_absent_is_refused(data):
    absent = data["absent"].copy()
    absent.loc[absent.index[0], "state"] = "TX"
    with pytest.raises(ValueError, match="TX both identified in week 1 and shown absent"):
        j.week1_evidence(data["week1"], absent, data["statements"], data["reports"])


def test_travis_read_by_place_and_by_the_sheriffs_jail(data):
    result = j.shares("Travis County", 1, data["week1"], data["reports"], data["sheriff"])
    readings = j.travis_readings(result, data["statements"], data["sheriff"])
    # the report's 142 by place; less the 14 rows the press traced to the state jail: the sheriff's 128
    assert (readings["in_county"], readings["state_jail"], readings["county_jail"]) == (142, 14, 128)
    assert readings["difference"] == 0


def test_the_homicide_charge_is_the_reports_own_row_relayed(data):
    result = j.shares("Philadelphia", 1, data["week1"], data["reports"], data["sheriff"])
    stats = {s.statistic: s for s in statistics(result, j.week_shares(data["reports"]), data)}
    homicide = stats["ddor_week1_philadelphia_homicide_records"]
    assert homicide.value == 1 and homicide.source_set() == {"ICE"}  # relayed, so never a source of its own


# ----------------------------------------------------------------- issue 21: parameters, words, findings

def test_every_share_is_a_percentage(data):
    result = j.shares("Travis County", 1, data["week1"], data["reports"], data["sheriff"])
    stats = statistics(result, j.week_shares(data["reports"]), data)
    shares = [s for s in stats if "share" in s.statistic]
    assert shares and all(s.statistic.endswith("_pct") and s.unit.startswith("percent") for s in shares)
    by_name = {s.statistic: s.value for s in stats}
    assert by_name["travis_share_week1_pct"] == pytest.approx(142 / 206 * 100)
    assert by_name["travis_share_week1_sheriff_count_pct"] == pytest.approx(128 / 206 * 100)
    assert "travis_share_week1_sheriff_count_same_total_pct" not in by_name  # one share, over the week's 206
    assert (by_name["ddor_week1_jails_low"], by_name["ddor_week1_jails_high"]) == (28, 63)
    assert (by_name["ddor_week1_states_low"], by_name["ddor_week1_states_high"]) == (12, 30)
    assert by_name["travis_share_week2_pct"] == pytest.approx(2 / 47 * 100)
    assert by_name["travis_declined_share_six_weeks_after_policy_pct"] == pytest.approx(11 / 41 * 100)
    assert not any("DDOR" in s.description or "TCSO" in s.description for s in stats)


def test_another_jurisdictions_weeks_2_and_3_are_not_published_never_guessed(data):
    weeks = j.week_shares(data["reports"], "Boulder County Jail", data["week1"]).set_index("report_week")
    assert weeks.loc["1", "jurisdiction_records"] == 6 and weeks.loc["1", "share_pct"] == pytest.approx(6 / 206 * 100)
    for week in ("2", "3", "1-3 pooled"):
        assert pd.isna(weeks.loc[week, "jurisdiction_records"]) and pd.isna(weeks.loc[week, "share_pct"])
        assert weeks.loc[week, "count_is"] == "not published"
    assert set(weeks["jurisdiction"]) == {"Boulder County Jail"}


def test_a_lower_bound_stays_one_through_the_weeks(data):
    """Philadelphia's week 1 is "at least 1" (data/raw/week1_declined_by_jurisdiction.csv): the bound must
    reach its share by week, the readers' table, the statistic's description and the sentence."""
    weeks = j.week_shares(data["reports"], "Philadelphia", data["week1"])
    assert weeks.set_index("report_week").loc["1", "count_is"] == "at_least"
    shown = j.weeks_readers(weeks)
    assert shown.loc["week 1", "of them Philadelphia"] == "at least 1"
    assert shown.loc["week 1", "Philadelphia's share (%)"] == f"{1 / 206 * 100:.1f}"
    result = j.shares("Philadelphia", 1, data["week1"], data["reports"], data["sheriff"])
    described = {s.statistic: s.description for s in s2_share.statistics(result)}
    assert described["ddor_week1_philadelphia_declined"].endswith("(at least)")
    assert f"Philadelphia accounts for at least 1 of the 206 declined detainer records, at least {1 / 206 * 100:.1f}%" \
        in " ".join(s2_share.findings(result))


def test_weeks_2_and_3_have_only_travis_and_an_unidentified_remainder(data):
    table = j.week_table(2, data["week1"], data["reports"])
    assert list(table["jurisdiction"]) == ["Travis County", j.NOT_IDENTIFIED]
    assert list(table["declined_records"]) == [2, 47 - 2]  # the report's week 2: 2 of 47
    assert list(table["count_is"]) == ["exact", "at_most"]
    week1 = j.week_table(1, data["week1"], data["reports"]).set_index("jurisdiction")
    assert week1.loc["Travis County", "declined_records"] == 142 and week1.loc["Travis County", "count_is"] == "exact"
    assert week1.loc[j.NOT_IDENTIFIED, "declined_records"] == 206 - IDENTIFIED_WEEK1


def _figure_data(data, jurisdiction, week):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    weeks = j.week_shares(data["reports"], jurisdiction, data["week1"])
    fig, drawn = j.figure(j.week_table(week, data["week1"], data["reports"]), weeks, jurisdiction, week)
    titles = [ax.get_title(loc=where) for ax in fig.axes for where in ("left", "center", "right")] + [fig.get_suptitle()]
    ylabels = [ax.get_ylabel() for ax in fig.axes]
    plt.close(fig)
    return drawn, titles, ylabels


def test_the_figure_draws_the_chosen_week(data):
    drawn, titles, _ = _figure_data(data, "Travis County", 2)
    left = drawn[drawn["panel"].str.startswith("records by jurisdiction")]
    assert set(left["panel"]) == {"records by jurisdiction, week 2 (2017-02-04 to 2017-02-10)"}
    assert dict(zip(left["label"], left["value"])) == {"Travis County": 2, j.NOT_IDENTIFIED: 45}
    assert any("week 2 (2017-02-04 to 2017-02-10)" in t for t in titles)
    assert any("no breakdown" in t for t in titles) and not any("142" in t for t in titles)


def test_the_figure_shows_the_chosen_jurisdiction(data):
    drawn, titles, ylabels = _figure_data(data, "Boulder County Jail", 1)
    right = drawn[drawn["panel"] == "Boulder County Jail share by week (%)"]
    assert len(right) == 4 and right["value"].iloc[0] == round(6 / 206 * 100, 2)
    assert right["value"].iloc[1:].isna().all() and set(right["bound"].iloc[1:]) == {"not published"}
    assert not drawn["panel"].str.contains("Travis").any()
    assert "Boulder County Jail, week by week" in titles and not any("Travis" in t for t in titles + ylabels)


def test_findings_say_what_holds_what_does_not_and_what_cannot_be_known(data):
    result = j.shares("Travis County", 1, data["week1"], data["reports"], data["sheriff"])
    readings = j.travis_readings(result, data["statements"], data["sheriff"])
    evidence = j.week1_evidence(data["week1"], data["absent"], data["statements"], data["reports"])
    text = " ".join(findings(result, j.week_shares(data["reports"]), data, evidence, readings))
    assert "Weekly Declined Detainer Outcome Report for week 1 (2017-01-28 to 2017-02-03)" in text
    assert "Travis County accounts for 142 of the 206" in text and f"{142 / 206 * 100:.1f}%" in text
    assert "Travis County Sheriff's Office counts 128" in text and f"{128 / 206 * 100:.1f}% of the week's 206" in text
    assert "The other 14 were at the state jail" in text and "against his" not in text
    assert f"week 2 {2 / 47 * 100:.1f}% (2 of 47)" in text and f"{154 / 318 * 100:.1f}%" in text
    assert "week 1 had 28 to 63 jails with declines, in 12 to 30 states" in text
    # the 46 and the 16 are CIS's, credited to CIS, never to ICE's report
    assert "CIS states 46 jails in 16 states, within both ranges" in text and "the report's 46" not in text
    assert f"at least {(142 + 4 + 3) / 206 * 100:.1f}% of the week in Texas" in text  # Travis, Williamson, Bastrop
    assert not any(word in text for word in ("DDOR", "TCSO", "LEA", "ddor_", "_pct"))


def test_findings_of_another_week_or_jurisdiction_name_what_was_used(data):
    week2 = j.shares("Travis County", 2, data["week1"], data["reports"], data["sheriff"])
    text = " ".join(findings(week2, j.week_shares(data["reports"]), data))
    assert "week 2 (2017-02-04 to 2017-02-10), Travis County accounts for 2 of the 47" in text
    assert "no breakdown by jurisdiction for week 2" in text and "other 45 records" in text
    boulder = j.shares("Boulder County Jail", 1, data["week1"], data["reports"], data["sheriff"])
    text = " ".join(findings(boulder, j.week_shares(data["reports"], "Boulder County Jail", data["week1"]), data))
    assert "Boulder County Jail accounts for 6 of the 206" in text
    assert "count for weeks 2 and 3 is not published" in text and "cannot be known" in text
    assert "Travis" not in text and "Sheriff" not in text


def test_tables_for_readers_are_labelled_in_words(data):
    shown = j.jurisdictions_readers(j.week1_table(data["week1"], data["reports"]))
    assert "count is" in shown.columns and set(shown["count is"]) == {"exactly", "at least", "at most"}
    weeks = j.weeks_readers(j.week_shares(data["reports"]))
    assert weeks.loc["week 2", "Travis County's share (%)"] == f"{2 / 47 * 100:.1f}"
    statements = j.statements_readers(data["statements"])
    assert not statements.index.str.contains("_").any()
    assert "figure_id" not in j.sheriff_readers(data["sheriff"]).columns


# ----------------------------------------------------------------- issue 22: one module per section

def test_section_n_of_the_notebook_is_module_n():
    """The notebook's numbered headings and the modules s<n>_*.py match one to one, and each module's
    docstring names its section; each section's cell calls its own module."""
    import json
    import re
    from pathlib import Path

    from detainer_audit import paths

    cells = json.loads((paths.NOTEBOOKS / f"{j.NOTEBOOK}.ipynb").read_text())["cells"]
    headings = {}
    for index, cell in enumerate(cells):
        match = re.match(r"## (\d+)\. (.+)", "".join(cell["source"])) if cell["cell_type"] == "markdown" else None
        if match:
            headings[int(match[1])] = (match[2].strip(), index)
    modules = {int(p.name[1]): p for p in Path(j.__file__).parent.glob("s[0-9]_*.py")}
    assert sorted(headings) == sorted(modules) == list(range(1, len(modules) + 1))
    for n, (title, index) in headings.items():
        module = modules[n]
        assert module.read_text().startswith(f'"""Section {n} of notebook 03, "{title}"'), module.name
        code = cells[index + 1]
        assert code["cell_type"] == "code" and f"{module.stem}." in "".join(code["source"]), (n, module.stem)


def test_the_sheriffs_sentence_names_a_gap_the_state_jail_does_not_explain(data):
    result = j.shares("Travis County", 1, data["week1"], data["reports"], data["sheriff"])
    readings = {**j.travis_readings(result, data["statements"], data["sheriff"]), "state_jail": 10, "county_jail": 132,
                "difference": 4}
    text = " ".join(s2_share.findings(result, readings))
    assert "That leaves 132 at the sheriff's jail: 4 more than he counts." in text and "The other" not in text
