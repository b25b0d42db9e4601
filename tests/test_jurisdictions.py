from functools import cache

import pandas as pd
import pytest

from detainer_audit import jurisdictions, rawdata
from detainer_audit.jurisdictions import s1_week1, s2_share, s3_weeks, s4_readings, s5_sheriff, s6_rows, shared
from detainer_audit.params import ParameterError


# week 1's medium- and high-confidence rows, summed by hand from data/raw/week1_declined_by_jurisdiction.csv
# (Sac County, Iowa, the one low-confidence row, left out): TX 142 + 4 + 3, CO 6 + 3 + 1 + 1, CA 5 + 1 + 1 + 1 + 1,
# NY 4, MN 2, MD 1 + 1 + 1, PA 1 + 1, NC 1, FL 1, OR 1 + 1 + 1, WA 2, IA 1
IDENTIFIED_WEEK1 = 149 + 11 + 9 + 4 + 2 + 3 + 2 + 1 + 1 + 3 + 2 + 1
assert IDENTIFIED_WEEK1 == 188


@cache
def answer(jurisdiction: str = shared.TRAVIS, report_week: int = 1):
    """Notebook 03's one call at these parameters (each computed once for the whole module; the published one
    once for the whole session)."""
    if (jurisdiction, report_week) == (shared.TRAVIS, 1):
        from helpers import published_answer

        return published_answer(jurisdictions)
    found = jurisdictions.answer(jurisdictions.Parameters(jurisdiction=jurisdiction, report_week=report_week))
    found.close()
    return found


@pytest.fixture(scope="module")
def data():
    return {name: rawdata.read_table(table) for name, table in
            [("week1", shared.WEEK1), ("reports", shared.REPORTS), ("sheriff", shared.SHERIFF),
             ("top", shared.TOP_ISSUED), ("statements", shared.STATEMENTS), ("absent", shared.ABSENT)]}


def evidence_of(data, week1=None, absent=None, reports=None) -> dict:
    return s1_week1.week1_evidence(data["week1"] if week1 is None else week1, data["absent"] if absent is None else absent,
                                   data["statements"], data["reports"] if reports is None else reports)


def shares_of(data, jurisdiction: str, report_week: int = 1) -> dict:
    return s2_share.shares(jurisdiction, report_week, data["week1"], data["reports"], data["sheriff"], evidence_of(data))


def test_remainder_is_its_own_row_and_never_spread(data):
    table = s1_week1.week1_table(data["week1"], evidence_of(data))
    remainder = table[table["jurisdiction"] == shared.NOT_IDENTIFIED]
    assert len(remainder) == 1 and remainder["count_is"].item() == "at_most"
    # the remainder completes the counted rows to the report's 206; a low-confidence row is shown, never counted
    assert table.loc[table["confidence"] != shared.LOW, "declined_records"].sum() == 206
    assert remainder["declined_records"].item() == 206 - IDENTIFIED_WEEK1
    known = table[table["jurisdiction"] != shared.NOT_IDENTIFIED].set_index("jurisdiction")["declined_records"]
    assert known.equals(data["week1"].set_index("jurisdiction")["declined_records"].loc[known.index])


def test_travis_shares(data):
    result = shares_of(data, "Travis County")
    assert result["share"] == pytest.approx(142 / 206)
    # the sheriff's 128 over all the week's 206: the 14 rows he does not count were declines of that week too
    assert result["share_sheriff_count"] == pytest.approx(128 / 206)
    assert result["state_share"] == pytest.approx((142 + 4 + 3) / 206)
    # corrected rows: Williamson 4, Bastrop 3, Chester >=1, Richmond >=1
    assert result["corrected_records"] == 9
    assert result["share_excluding_corrected"] == pytest.approx(142 / (206 - 9))
    assert result["share_of_issued"] == pytest.approx(142 / 3083)


def test_lower_bound_row_keeps_its_bound(data):
    result = shares_of(data, "Philadelphia")
    assert result["count_is"] == "at_least" and result["count"] == 1
    names = answer("Philadelphia").names()
    assert "philadelphia_share_week1_pct" in names and "pennsylvania_share_week1_pct" in names
    assert "travis_share_weeks_1_3_pct" not in names


def test_corrected_jurisdiction_counts_zero_once_corrections_are_applied(data):
    assert shares_of(data, "Williamson County")["share_excluding_corrected"] == 0


def test_pooled_share(data):
    weeks = s3_weeks.week_shares(data["reports"]).set_index("report_week")
    assert weeks.loc["1-3 pooled", "share_pct"] == pytest.approx((142 + 2 + 10) / (206 + 47 + 65) * 100)


def test_unknown_choices_list_what_is_available(data):
    with pytest.raises(ParameterError, match=r"jurisdiction='Nowhere County' has no declined-detainer count for week 1; "
                                             r"available for week 1: .*Boulder County Jail.*Travis County"):
        jurisdictions.check_choice("Nowhere County", 1, data["reports"], data["week1"])
    with pytest.raises(ParameterError, match="available for week 2: Travis County"):
        jurisdictions.check_choice("Boulder County Jail", 2, data["reports"], data["week1"])
    with pytest.raises(ParameterError, match="report_week=4 is not a published week; available: 1, 2, 3"):
        jurisdictions.check_choice("Travis County", 4, data["reports"], data["week1"])
    with pytest.raises(ParameterError, match="report_week='1'"):
        jurisdictions.check_choice("Travis County", "1", data["reports"], data["week1"])


def test_only_the_week_whose_rows_are_known_has_jurisdictions_other_than_travis(data):
    """One predicate decides which week the public record holds by jurisdiction: week 1, and no other."""
    assert [w for w in data["reports"]["report_week"] if shared.has_rows(w)] == [shared.ROWS_WEEK] == [1]
    assert jurisdictions.available(2, data["week1"]) == jurisdictions.available(3, data["week1"]) == ["Travis County"]
    assert len(jurisdictions.available(1, data["week1"])) == len(data["week1"])


def test_slugs():
    assert shared.slug("Travis County") == "travis"
    assert shared.slug("Boulder County Jail") == "boulder"
    assert shared.slug("Los Angeles (city and county jails)") == "los_angeles"
    assert shared.slug("Prince George's County") == "prince_george_s"
    assert shared.slug("New York City") == "new_york"


def test_another_jurisdiction_gets_its_own_statistics():
    """What `make run NB=03 ARGS="-p jurisdiction 'Boulder County Jail'"` records (moved here from an
    end-to-end test: the single-run machinery itself is proven once, in test_pipeline)."""
    stats = {s.statistic: s.value for s in answer("Boulder County Jail").statistics}
    assert stats["boulder_share_week1_pct"] == pytest.approx(6 / 206 * 100)
    assert stats["colorado_share_week1_pct"] == pytest.approx((6 + 3 + 1 + 1) / 206 * 100)
    assert not {name for name in stats if name.startswith("travis")}


def test_a_low_confidence_row_is_context_and_enters_no_bound(data):
    week1 = data["week1"]
    assert (week1["confidence"] == shared.LOW).sum() == 1  # Sac County, Iowa: a blog's account only
    evidence = evidence_of(data)
    assert evidence["records"] == IDENTIFIED_WEEK1 and evidence["rows"] == 26  # 27 rows less Sac County
    # raising the row to medium confidence would raise the low end: the filter, not the data, keeps it out
    raised = week1.copy()
    raised.loc[raised["confidence"] == shared.LOW, "confidence"] = "medium"
    assert evidence_of(data, week1=raised)["jails_low"] == evidence["jails_low"] + 1


def test_week1_jails_are_counted_as_the_report_names_them(data):
    evidence = evidence_of(data)
    rows = data["week1"].set_index("jurisdiction")
    # ICE listed all 142 of Travis County's rows, the 14 of the state jail included, under one jail
    assert (rows.loc["Travis County", "jails_at_least"], rows.loc["Travis County", "jails_at_most"]) == (1, 1)
    assert (evidence["travis_records"], evidence["travis_jails"]) == (142, 1)
    assert "(Travis County's 142 rows name one)" in answer()["rows"].text()
    # Los Angeles's five records name three facilities
    assert rows.loc["Los Angeles (city and county jails)", ["jails_at_least", "jails_at_most"]].tolist() == [3, 3]
    # the 26 counted rows name at least one jail each, Los Angeles three: 26 - 1 + 3 = 28
    assert evidence["jails_low"] == 28
    # at most: Travis 1 and Los Angeles 3, one per record elsewhere (188 - 142 - 5 = 41), and one per record nobody
    # identified (206 - 188 = 18)
    assert evidence["unidentified"] == 18 and evidence["jails_high"] == 1 + 3 + 41 + 18


def test_week1_states_are_bounded_by_the_unidentified_records_and_the_states_left(data):
    evidence = evidence_of(data)
    assert evidence["states_low"] == 12 and "IA" in set(data["week1"]["state"])
    # 51 (50 states and DC) - 12 identified - 3 shown absent = 36 states left, more than the 18 unidentified records
    assert evidence["open_states"] == 36 and evidence["states_high"] == 12 + 18
    assert evidence["states_absent"] == ["CT", "GA", "NV"]  # medium confidence only; New England's repost is context
    assert evidence["states_absent_context"] == ["MA", "ME", "NH", "RI", "VT"]
    # with more unidentified records than states left, the states left cap the high end
    reports = data["reports"].copy()
    reports.loc[reports["report_week"] == 1, "declined_detainer_records"] = 188 + 40
    wide = evidence_of(data, reports=reports)
    assert wide["states_high"] == 12 + 36 and wide["jails_high"] == 1 + 3 + 41 + 40


def test_a_row_whose_jails_run_backwards_is_refused(data):
    week1 = data["week1"].copy()
    week1.loc[week1["jurisdiction"] == "New York City", "jails_at_most"] = 0
    with pytest.raises(ValueError, match="'New York City': jails_at_most is below jails_at_least"):
        evidence_of(data, week1=week1)


def test_identified_records_above_the_weeks_total_are_refused_by_the_bounds(data):
    """The bounds, which the week's table (its unidentified remainder) and the shares read, refuse them."""
    reports = data["reports"].copy()
    reports.loc[reports["report_week"] == 1, "declined_detainer_records"] = 100
    with pytest.raises(ValueError, match="exceed the week's total"):
        evidence_of(data, reports=reports)


def test_a_state_both_identified_and_shown_absent_is_refused(data):
    absent = data["absent"].copy()
    absent.loc[absent.index[0], "state"] = "TX"
    with pytest.raises(ValueError, match="TX both identified in week 1 and shown absent"):
        evidence_of(data, absent=absent)


def test_travis_read_by_place_and_by_the_sheriffs_jail(data):
    readings = s4_readings.travis_readings(shares_of(data, "Travis County"), data["statements"])
    # the report's 142 by place; less the 14 rows the press traced to the state jail: the sheriff's 128
    assert (readings["in_county"], readings["state_jail"], readings["county_jail"]) == (142, 14, 128)
    assert readings["difference"] == 0


def test_the_homicide_charge_is_the_reports_own_row_relayed():
    stats = {s.statistic: s for s in answer("Philadelphia").statistics}
    homicide = stats["ddor_week1_philadelphia_homicide_records"]
    assert homicide.value == 1 and homicide.source_set() == {"ICE"}  # relayed, so never a source of its own


# ----------------------------------------------------------------- issue 21: parameters, words, findings

def test_every_share_is_a_percentage():
    stats = answer().statistics
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
    weeks = s3_weeks.week_shares(data["reports"], "Boulder County Jail", data["week1"]).set_index("report_week")
    assert weeks.loc["1", "jurisdiction_records"] == 6 and weeks.loc["1", "share_pct"] == pytest.approx(6 / 206 * 100)
    for week in ("2", "3", "1-3 pooled"):
        assert pd.isna(weeks.loc[week, "jurisdiction_records"]) and pd.isna(weeks.loc[week, "share_pct"])
        assert weeks.loc[week, "count_is"] == "not published"
    assert set(weeks["jurisdiction"]) == {"Boulder County Jail"}


def test_a_lower_bound_stays_one_through_the_weeks(data):
    """Philadelphia's week 1 is "at least 1" (data/raw/week1_declined_by_jurisdiction.csv): the bound must
    reach its share by week, the readers' table, the statistic's description and the sentence."""
    weeks = s3_weeks.week_shares(data["reports"], "Philadelphia", data["week1"])
    assert weeks.set_index("report_week").loc["1", "count_is"] == "at_least"
    shown = s3_weeks.weeks_readers(weeks)
    assert shown.loc["week 1", "of them Philadelphia"] == "at least 1"
    assert shown.loc["week 1", "Philadelphia's share (%)"] == f"{1 / 206 * 100:.1f}"
    described = {s.statistic: s.description for s in answer("Philadelphia").statistics}
    assert described["ddor_week1_philadelphia_declined"].endswith("(at least)")
    assert f"Philadelphia accounts for at least 1 of the 206 declined detainer records, at least {1 / 206 * 100:.1f}%" \
        in " ".join(answer("Philadelphia").findings)


def test_weeks_2_and_3_have_only_travis_and_an_unidentified_remainder(data):
    week1 = s1_week1.week1_table(data["week1"], evidence_of(data))
    table = s1_week1.week_table(2, week1, data["reports"])
    assert list(table["jurisdiction"]) == ["Travis County", shared.NOT_IDENTIFIED]
    assert list(table["declined_records"]) == [2, 47 - 2]  # the report's week 2: 2 of 47
    assert list(table["count_is"]) == ["exact", "at_most"]
    shown = s1_week1.week_table(1, week1, data["reports"]).set_index("jurisdiction")
    assert shown.loc["Travis County", "declined_records"] == 142 and shown.loc["Travis County", "count_is"] == "exact"
    assert shown.loc[shared.NOT_IDENTIFIED, "declined_records"] == 206 - IDENTIFIED_WEEK1


def _figure_data(jurisdiction, week):
    drawn = answer(jurisdiction, week)["weeks"].figure
    fig = drawn.figure
    titles = [ax.get_title(loc=where) for ax in fig.axes for where in ("left", "center", "right")] + [fig.get_suptitle()]
    ylabels = [ax.get_ylabel() for ax in fig.axes]
    return drawn.drawn, titles, ylabels


def test_the_figure_draws_the_chosen_week():
    drawn, titles, _ = _figure_data("Travis County", 2)
    left = drawn[drawn["panel"].str.startswith("records by jurisdiction")]
    assert set(left["panel"]) == {"records by jurisdiction, week 2 (2017-02-04 to 2017-02-10)"}
    assert dict(zip(left["label"], left["value"])) == {"Travis County": 2, shared.NOT_IDENTIFIED: 45}
    assert any("week 2 (2017-02-04 to 2017-02-10)" in t for t in titles)
    assert any("no breakdown" in t for t in titles) and not any("142" in t for t in titles)


def test_the_figure_shows_the_chosen_jurisdiction():
    drawn, titles, ylabels = _figure_data("Boulder County Jail", 1)
    right = drawn[drawn["panel"] == "Boulder County Jail share by week (%)"]
    assert len(right) == 4 and right["value"].iloc[0] == round(6 / 206 * 100, 2)
    assert right["value"].iloc[1:].isna().all() and set(right["bound"].iloc[1:]) == {"not published"}
    assert not drawn["panel"].str.contains("Travis").any()
    assert "Boulder County Jail, week by week" in titles and not any("Travis" in t for t in titles + ylabels)


def test_findings_say_what_holds_what_does_not_and_what_cannot_be_known():
    text = " ".join(answer().findings)
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


def test_findings_of_another_week_or_jurisdiction_name_what_was_used():
    text = " ".join(answer("Travis County", 2).findings)
    assert "week 2 (2017-02-04 to 2017-02-10), Travis County accounts for 2 of the 47" in text
    assert "no breakdown by jurisdiction for week 2" in text and "other 45 records" in text
    assert "jails with declines" not in text  # week 1's bounds are said for week 1 only
    text = " ".join(answer("Boulder County Jail").findings)
    assert "Boulder County Jail accounts for 6 of the 206" in text
    assert "count for weeks 2 and 3 is not published" in text and "cannot be known" in text
    assert "Travis" not in text and "Sheriff" not in text


def test_tables_for_readers_are_labelled_in_words(data):
    shown = s1_week1.jurisdictions_readers(s1_week1.week1_table(data["week1"], evidence_of(data)))
    assert "count is" in shown.columns and set(shown["count is"]) == {"exactly", "at least", "at most"}
    weeks = s3_weeks.weeks_readers(s3_weeks.week_shares(data["reports"]))
    assert weeks.loc["week 2", "Travis County's share (%)"] == f"{2 / 47 * 100:.1f}"
    statements = s6_rows.statements_readers(data["statements"])
    assert not statements.index.str.contains("_").any()
    assert "figure_id" not in s5_sheriff.sheriff_readers(data["sheriff"]).columns


# ----------------------------------------------------------------- issue 22: one module per section

def test_section_n_of_the_notebook_is_module_n():
    """The notebook's numbered headings and the modules s<n>_*.py match one to one, and each module's
    docstring names its section; each section's cell shows the answer's section named after its module
    (``s1_week1`` -> ``"week1"``), and the answer holds those sections in the same order."""
    import json
    import re
    from pathlib import Path

    from detainer_audit import paths

    cells = json.loads((paths.NOTEBOOKS / f"{jurisdictions.NOTEBOOK}.ipynb").read_text())["cells"]
    headings = {}
    for index, cell in enumerate(cells):
        match = re.match(r"## (\d+)\. (.+)", "".join(cell["source"])) if cell["cell_type"] == "markdown" else None
        if match:
            headings[int(match[1])] = (match[2].strip(), index)
    modules = {int(p.name[1]): p for p in Path(jurisdictions.__file__).parent.glob("s[0-9]_*.py")}
    assert sorted(headings) == sorted(modules) == list(range(1, len(modules) + 1))
    names = [modules[n].stem.split("_", 1)[1] for n in sorted(modules)]
    assert [name for name in answer().sections if name in names] == names
    for n, (title, index) in headings.items():
        module = modules[n]
        assert module.read_text().startswith(f'"""Section {n} of notebook 03, "{title}"'), module.name
        code = cells[index + 1]
        assert code["cell_type"] == "code" and "".join(code["source"]).strip() == f'run.show("{names[n - 1]}")', \
            (n, module.stem)


def test_the_statistics_are_recorded_in_section_order():
    """Sections 1 to 6 in turn, each section's statistics together (the findings likewise)."""
    first = {}
    for place, item in enumerate(answer().statistics):
        first.setdefault(item.statistic, place)
    order = [first[name] for name in ("ddor_week1_top10_issued", "ddor_week1_declined", "travis_share_weeks_1_3_pct",
                                      "ddor_week1_travis_state_jail_records",
                                      "travis_declined_share_six_weeks_after_policy_pct", "ddor_week1_jails_low")]
    assert order == sorted(order)


def test_the_sheriffs_sentence_names_a_gap_the_state_jail_does_not_explain(data):
    result = shares_of(data, "Travis County")
    readings = {**s4_readings.travis_readings(result, data["statements"]), "state_jail": 10, "county_jail": 132,
                "difference": 4}
    text = " ".join(s2_share.findings(result, readings))
    assert "That leaves 132 at the sheriff's jail: 4 more than he counts." in text and "The other" not in text


def test_the_sheriffs_share_is_computed_once_and_said_as_recorded():
    found = answer()
    share = found.value("travis_declined_share_six_weeks_after_policy_pct")
    assert f"11 of 41 detainer requests declined ({share / 100:.0%})" in found["sheriff"].text()
    # another jurisdiction's run shows the sheriff's counts without recording the share
    boulder = answer("Boulder County Jail")
    assert "11 of 41" in boulder["sheriff"].text()
    assert "travis_declined_share_six_weeks_after_policy_pct" not in boulder.names()


# ----------------------------------------------------------------- the parameter sweep, in-process (issue 28)

def test_the_answer_follows_report_week():
    """Notebook 03's one call at report week 2: the figure, the statistics and the sentences show week 2, and
    never week 1's 142 of 206. (Its two parameters take two calls: a jurisdiction other than Travis County is
    known for week 1 only, so building the Parameters refuses the pair.)"""
    found = answer("Travis County", 2)
    text, names = found.text(), found.names()
    assert "judged only at the published parameters" in text and "This run sets report_week to other values" in text
    drawn = found["weeks"].figure.drawn
    assert not drawn.equals(answer()["weeks"].figure.drawn), "the figure did not change at all"
    left = drawn[drawn["panel"].str.startswith("records by jurisdiction")]
    # the week drawn is week 2 (2017-02-04 to 2017-02-10: Travis County 2 of 47), never week 1's 142 of 206
    assert set(left["panel"]) == {"records by jurisdiction, week 2 (2017-02-04 to 2017-02-10)"}
    assert dict(zip(left["label"], left["value"])) == {"Travis County": 2, "not identified": 45}
    assert 142 not in set(left["value"])
    # statistics: week 2's, named so; week 1's only as Travis County's other weeks
    assert {"ddor_week2_declined", "ddor_week2_travis_declined", "travis_share_week2_pct"} <= names
    assert not {n for n in names if n.startswith("ddor_week1")} and "travis_share_week1_pct" in names
    assert found.value("ddor_week2_declined") == 47
    assert found.value("travis_share_week2_pct") == pytest.approx(2 / 47 * 100)
    # sentences: the week used, and what cannot be known about it
    assert "Weekly Declined Detainer Outcome Report for week 2 (2017-02-04 to 2017-02-10)" in text
    assert "Travis County accounts for 2 of the 47 declined detainer records" in text
    assert "no breakdown by jurisdiction for week 2" in text
    assert "Travis County, week 2: 2 (exact) of 47 records" in text
    assert "for week 1 (" not in text
    assert found.changed == {"report_week": (2, 1)}


def test_the_answer_follows_jurisdiction():
    """Notebook 03's one call for Boulder County Jail: its figure, statistics and sentences are Boulder's, and
    Travis County's appear nowhere."""
    found = answer("Boulder County Jail")
    text, names = found.text(), found.names()
    assert "judged only at the published parameters" in text
    drawn = found["weeks"].figure.drawn
    assert not drawn.equals(answer()["weeks"].figure.drawn), "the figure did not change at all"
    right = drawn[~drawn["panel"].str.startswith("records by jurisdiction")]
    # the right-hand panel is Boulder's: week 1 known (6 of 206), weeks 2, 3 and the pooled share not published
    assert set(right["panel"]) == {"Boulder County Jail share by week (%)"}
    assert float(right["value"].iloc[0]) == round(6 / 206 * 100, 2)
    assert right["value"].iloc[1:].isna().all() and list(right["bound"].iloc[1:]) == ["not published"] * 3
    assert not drawn["panel"].str.contains("Travis").any()
    assert {"ddor_week1_boulder_declined", "boulder_share_week1_pct", "colorado_share_week1_pct"} <= names
    assert not {n for n in names if "travis" in n}
    assert "Boulder County Jail accounts for 6 of the 206 declined detainer records" in text
    assert "Boulder County Jail's count for weeks 2 and 3 is not published" in text
    assert "Travis County accounts for" not in text and "Travis County's share" not in text
    assert found.changed == {"jurisdiction": ("Boulder County Jail", "Travis County")}
