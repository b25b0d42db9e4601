"""`make check`: claims whose answers can be worked out by hand from data/raw/, judged by the claims audit's
one judgement, and every bad input refused with its file, line and column."""

from pathlib import Path

import pandas as pd
import pytest

from helpers import ROOT
from detainer_audit import check, verdicts
from detainer_audit.check.footing import bearing

HEADER = "claim_id,said_by,measure,value,comparator,from,to,per\n"
RECORD = check.load()


def judged(tmp_path, rows: str, header: str = HEADER) -> pd.DataFrame:
    path = tmp_path / "claims.csv"
    path.write_text(header + rows, encoding="utf-8")
    table, _ = check.judge(check.read_file(path), RECORD)
    return table.set_index("claim_id")


def raw(name: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "raw" / f"{name}.csv")


# ------------------------------------------------------------------ answers worked out from data/raw/

def test_each_measure_against_the_count_that_settles_it(tmp_path):
    months = raw("detainers_issued_by_month")
    fy2011 = months[(months["month"] >= "2010-10") & (months["month"] <= "2011-09")]["detainers_issued"].sum()
    cis = raw("declined_detainers_by_fiscal_year")["declined_detainers"].sum()
    table = judged(tmp_path, f"""issued,a reporter,detainers_issued,{fy2011},exactly,FY2011,FY2011,total
lea,a reporter,declined_by_lea,13595,exactly,CY2014,CY2014,total
cis,a reporter,cis_outcomes,{cis},exactly,2021-01-20,2024-07-15,total
""")
    # NPR's twelve months of FY2011 summed; NPR's lift reasons of 2014; CIS's four fiscal years summed
    assert table.loc["issued", "reproduced_value"] == fy2011
    assert table.loc["lea", "reproduced_value"] == 13595
    assert table.loc["cis", "reproduced_value"] == cis == 22040
    assert set(table["verdict"]) == {verdicts.REPRODUCED}
    assert set(table["evidence_grade"]) == {verdicts.INDEPENDENT}  # a reporter quoting another's count


def test_each_rate_is_the_total_over_the_claims_days(tmp_path):
    months = raw("detainers_issued_by_month")
    fy2011 = months[(months["month"] >= "2010-10") & (months["month"] <= "2011-09")]["detainers_issued"].sum()
    table = judged(tmp_path, f"""week,CIS,detainers_issued,6080,exactly,FY2011,FY2011,week
month,x,detainers_issued,26000,about,FY2011,FY2011,month
year,x,detainers_issued,317000,about,FY2011,FY2011,year
""")
    assert table.loc["week", "reproduced_value"] == pytest.approx(round(fy2011 / (365 / 7), 4))
    assert table.loc["month", "reproduced_value"] == pytest.approx(round(fy2011 / (365 / (365.25 / 12)), 4))
    assert table.loc["year", "reproduced_value"] == pytest.approx(round(fy2011 / (365 / 365.25), 4))
    assert table.loc["week", "verdict"] == verdicts.REPRODUCED  # 6,086 a week, 0.1 % from the claim


def test_each_comparator(tmp_path):
    # NPR's count of 2014's detainers declined by the agency is 13,595
    table = judged(tmp_path, """exactly,x,declined_by_lea,13000,exactly,CY2014,CY2014,total,
about,x,declined_by_lea,13000,about,CY2014,CY2014,total,
more,x,declined_by_lea,14000,more_than,CY2014,CY2014,total,
least,x,declined_by_lea,13595,at_least,CY2014,CY2014,total,
less,x,declined_by_lea,13000,less_than,CY2014,CY2014,total,
range,x,declined_by_lea,13000,range,CY2014,CY2014,total,14000
""", header=HEADER.strip() + ",value_high\n")
    assert table["verdict"].to_dict() == {
        "exactly": verdicts.UNDERSTATED, "about": verdicts.REPRODUCED, "more": verdicts.OVERSTATED,
        "least": verdicts.REPRODUCED, "less": verdicts.UNDERSTATED, "range": verdicts.REPRODUCED}


def test_the_publisher_of_the_only_count_gets_own_source_only(tmp_path):
    table = judged(tmp_path, "dhs,DHS,declined_by_lea,17864,exactly,CY2025,CY2025,total\n"
                             "dhs_by_name,Department of Homeland Security,declined_by_lea,17864,exactly,CY2025,CY2025,total\n")
    assert set(table["verdict"]) == {verdicts.MATCHES_SOURCE}
    assert set(table["evidence_grade"]) == {verdicts.OWN_SOURCE}


def test_two_publishers_that_disagree(tmp_path):
    # TRAC's revised FY2012 total, 276,181, against NPR's twelve months of ICE's records, 286,530
    table = judged(tmp_path, "fy2012,TRAC,detainers_issued,276181,exactly,FY2012,FY2012,total\n")
    assert table.loc["fy2012", "verdict"] == verdicts.SOURCES_DISAGREE
    assert "286,530" in table.loc["fy2012", "reason"] and "276,181" in table.loc["fy2012", "reason"]


def test_doubled_weeks_are_kept_as_bounds_and_settle_only_what_both_ends_settle(tmp_path):
    table = judged(tmp_path, """floor,TRAC,detainers_issued,10000,more_than,2023-02-01,2023-12-31,month
inside,x,detainers_issued,12000,about,2023-02-01,2023-12-31,month
""")
    low, high = table.loc["floor", "low"], table.loc["floor", "high"]
    assert 10000 < low < high  # the doubled weeks halved, and counted whole
    assert table.loc["floor", "verdict"] == verdicts.REPRODUCED
    assert table.loc["floor", "evidence_grade"] == verdicts.INDEPENDENT  # DDP's count, not TRAC's own
    assert table.loc["inside", "verdict"] == verdicts.NOT_VERIFIABLE
    assert f"between {low:,.0f} and {high:,.0f}" in table.loc["inside", "reason"]


def test_a_claim_outside_every_count_is_not_verifiable_and_says_what_would_settle_it(tmp_path):
    table = judged(tmp_path, "old,x,detainers_issued,5000,about,1999-01-01,1999-12-31,week\n")
    assert table.loc["old", "verdict"] == verdicts.NOT_VERIFIABLE
    assert table.loc["old", "evidence_grade"] == verdicts.NO_EVIDENCE
    assert "needs a count of the detainers ICE issued over those days" in table.loc["old", "reason"]
    assert pd.isna(table.loc["old", "reproduced_value"])
    assert not str(table.loc["old", "counts_used"]).strip()


def test_counts_of_part_of_the_days_give_only_lower_bounds():
    claim = check.parse_row({"claim_id": "c", "measure": "detainers_issued", "value": "1", "from": "2015-01-01",
                             "to": "2016-12-31"}, "test")
    partial = [f for f in bearing(RECORD, claim) if not f.whole]
    assert partial and all(f.kind == "lower" for f in partial)


def test_a_share_is_computed_only_from_counts_that_hold_all_its_days(tmp_path):
    table = judged(tmp_path, "share,x,declined_share,6.5,about,2021-01-20,2024-07-15,total\n")
    # CIS's 22,040 over the detainers DDP counts over the same days, doubled weeks as bounds
    assert table.loc["share", "low"] < table.loc["share", "high"]
    assert table.loc["share", "verdict"] == verdicts.NOT_VERIFIABLE
    assert "Center for Immigration Studies; Deportation Data Project" in table.loc["share", "reason"]


# ------------------------------------------------------------------ bad input

def write(tmp_path, text: str) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("row, message", [
    ("a,x,declined,1,about,2020-01-01,2020-12-31,total",
     "line 2, column 'measure': 'declined' is not allowed; allowed values: detainers_issued, declined_by_lea, "
     "cis_outcomes, declined_share"),
    ("a,x,declined_by_lea,1,roughly,2020-01-01,2020-12-31,total",
     "line 2, column 'comparator': 'roughly' is not allowed; allowed values: exactly, about, more_than, at_least, "
     "less_than, range"),
    ("a,x,declined_by_lea,many,about,2020-01-01,2020-12-31,total", "line 2, column 'value': 'many' is not a number"),
    ("a,x,declined_by_lea,1,about,2020-13-01,2020-12-31,total",
     "line 2, column 'from': '2020-13-01' is not a date; write YYYY-MM-DD, or FY2023 / CY2025"),
    ("a,x,declined_by_lea,1,about,2020-12-31,2020-01-01,total", "line 2, column 'to': 2020-01-01 is before 'from'"),
    ("a,x,declined_by_lea,1,about,2020-01-01,2020-12-31,day",
     "line 2, column 'per': 'day' is not allowed; allowed values: total, week, month, year"),
    ("a,x,declined_share,5,about,2020-01-01,2020-12-31,month", "line 2, column 'per': a share is a percentage"),
])
def test_a_bad_row_names_file_line_column_and_the_allowed_values(tmp_path, row, message):
    path = write(tmp_path, HEADER + row + "\n")
    with pytest.raises(check.ClaimsError) as error:
        check.read_file(path)
    assert str(error.value).startswith(f"{path}, {message}")


def test_a_duplicate_id_and_a_missing_column_are_refused(tmp_path):
    row = "a,x,declined_by_lea,1,about,2020-01-01,2020-12-31,total\n"
    path = write(tmp_path, HEADER + row + row)
    with pytest.raises(check.ClaimsError, match=r"line 3, column 'claim_id': duplicate 'a'; first on line 2"):
        check.read_file(path)
    path = write(tmp_path, HEADER.replace(",per", "") + row.replace(",total", ""))
    with pytest.raises(check.ClaimsError, match=r"bad.csv, line 1: header does not match \(missing column\(s\): per\)"):
        check.read_file(path)


def test_fiscal_and_calendar_year_aliases():
    claim = check.parse_row({"claim_id": "c", "measure": "detainers_issued", "value": "1", "from": "FY2024",
                             "to": "FY2024"}, "test")
    assert (str(claim.start), str(claim.end), claim.days) == ("2023-10-01", "2024-09-30", 366)  # a leap year
    claim = check.parse_row({"claim_id": "c", "measure": "detainers_issued", "value": "1", "from": "CY2025",
                             "to": "cy2025"}, "test")
    assert (str(claim.start), str(claim.end), claim.days) == ("2025-01-01", "2025-12-31", 365)


def test_the_real_example_claims_read_and_say_where_each_was_made():
    """docs/examples/real-claims.csv (the README's example, timed by make bench): every row reads, says who,
    when, in what and where, is described in docs/examples/README.md and is not a claim of the ledger."""
    examples = ROOT / "docs" / "examples"
    claims = check.read_file(examples / "real-claims.csv")
    assert len(claims) == 5
    described = (examples / "README.md").read_text(encoding="utf-8")
    ledger = raw("claims")
    for claim in claims:
        assert claim.said_by and claim.said_on and claim.said_in and claim.source_url.startswith("https://"), claim
        assert f"`{claim.claim_id}`" in described and claim.source_url in described, claim.claim_id
        assert claim.claim_id not in set(ledger["claim_id"])
    assert {claim.measure for claim in claims} >= {"detainers_issued", "declined_by_lea", "declined_share"}


def test_a_claim_that_repeats_another_publishers_figure_is_graded_against_that_publisher(tmp_path):
    # TRAC 748's 295,456 for FY2021 to 2023: said by a newspaper, it is independent evidence of the paper's
    # claim; said to repeat TRAC's figure, only TRAC's own count backs it
    table = judged(tmp_path, """paper,The Center Square,detainers_issued,300000,less_than,FY2021,2023-12-31,total,
relayed,The Center Square,detainers_issued,300000,less_than,FY2021,2023-12-31,total,TRAC
""", header=HEADER.strip() + ",relies_on\n")
    assert table.loc["paper", "evidence_grade"] == verdicts.INDEPENDENT
    assert table.loc["relayed", "evidence_grade"] == verdicts.OWN_SOURCE
    assert table.loc["relayed", "verdict"] == verdicts.MATCHES_SOURCE


def test_of_counts_covering_part_of_the_days_the_one_covering_more_is_judged_against(tmp_path):
    # calendar 2020: TRAC's FY2020 (274 of its days) beside DDP's weeks from 27 September (96 days)
    table = judged(tmp_path, "c,x,detainers_issued,10000,about,CY2020,CY2020,month\n")
    assert table.loc["c", "verdict"] == verdicts.NOT_VERIFIABLE
    assert "covers 274 of the claim's 366 days" in table.loc["c", "reason"].split("judged against")[1][:400]


def test_one_claim_from_the_command_line_names_the_parameter_as_typed():
    import argparse

    from audit_pipeline import check as command

    args = argparse.Namespace(claims="", claim_id="", said_by="", relies_on="", measure="declined", value="1",
                              value_high="", comparator="", start="CY2025", end="CY2025", per="")
    with pytest.raises(check.ClaimsError, match=r"^make check, parameter MEASURE: 'declined' is not allowed; "
                                                r"allowed values: detainers_issued, declined_by_lea"):
        command.claims_from(args)


def test_the_page_answers_in_one_call_from_the_files_make_check_writes(tmp_path):
    """The page's one call, in-process: its findings say each claim's verdict against what the record gives,
    the reasons carry the anchors the ClaimReviews point at, and the timeline draws every claim judged."""
    import matplotlib

    from detainer_audit.check import judging, page
    from detainer_audit.files import write_csv

    matplotlib.use("Agg")
    path = tmp_path / "claims.csv"
    path.write_text(HEADER + "dhs,DHS,declined_by_lea,17864,exactly,CY2025,CY2025,total\n"
                             "early,someone,declined_by_lea,100,at_least,2005-01-01,2005-12-31,total\n", encoding="utf-8")
    table, used = check.judge(check.read_file(path), RECORD)
    write_csv(tmp_path / check.CSV_NAME, table[judging.CHECK_COLUMNS])
    write_csv(tmp_path / check.USED_NAME, used)
    found = page.answer(page.Parameters(check_csv=str(tmp_path / check.CSV_NAME),
                                        counts_csv=str(tmp_path / check.USED_NAME)))
    found.close()
    assert found.findings[0] == f"2 claims judged against the whole public record: 1 {verdicts.MATCHES_SOURCE}, 1 {verdicts.NOT_VERIFIABLE}."
    assert found.findings[1].startswith("dhs (DHS): 17,864, ") and "the record gives 17,864" in found.findings[1]
    assert "no count of the record settles it: not verifiable" in found.findings[2]
    assert 'id="claim-dhs"' in found["reasons"].html and 'id="claim-early"' in found["reasons"].html
    assert set(found["timeline"].figure.drawn["claim_id"]) == {"dhs"}
    assert not found.changed and not found.statistics and not found.files
