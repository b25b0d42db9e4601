"""The recount of CIS's counts from ICE's record files (`make recount`), on synthetic files in DDP's schema.

The expected counts are computed here, in plain Python over the generated records, independently of
DuckDB and of detainer_audit.recount. Nothing counted here is ever written as a result.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import synthetic_records as synthetic
from detainer_audit import recount
from helpers import ROOT, make, snapshot

# CIS's windows as the issue states them, both ends included
WINDOWS = {"fy2021": (dt.date(2021, 1, 20), dt.date(2021, 9, 30)), "fy2022": (dt.date(2021, 10, 1), dt.date(2022, 9, 30)),
           "fy2023": (dt.date(2022, 10, 1), dt.date(2023, 9, 30)), "fy2024": (dt.date(2023, 10, 1), dt.date(2024, 7, 15)),
           "total": (dt.date(2021, 1, 20), dt.date(2024, 7, 15))}
THREE = {"detainer declined by lea": "declined_by_lea", "insufficient notice to ice": "insufficient_notice",
         "early release": "early_release"}


def outcome(reason: str | None) -> str:
    text = (reason or "").strip().lower()
    if text in ("", "na", "null") or text.replace(" ", "") == "b(6),b(7)c":
        return "lift_reason_missing"
    return THREE.get(text, "other")


def expected(rows: list[synthetic.Record], by_id: bool, with_lift: bool) -> dict:
    """Counts by (window, dated_by, outcome), one row per detainer id when the file has ids: the row kept
    has a lift reason if any copy has one, then the latest lift date, then the latest prepare date."""
    if by_id:
        kept = {}
        for r in rows:
            rank = (outcome(r.reason) != "lift_reason_missing", r.lift or dt.date.min, r.prepare or dt.date.min)
            if r.detainer_id not in kept or rank > kept[r.detainer_id][0]:
                kept[r.detainer_id] = (rank, r)
        rows = [r for _, r in kept.values()]
    counts = Counter()
    for r in rows:
        for dated_by, day in (("prepare_date", r.prepare), ("lift_date", r.lift)):
            if dated_by == "lift_date" and not with_lift or day is None:
                continue
            for window, (start, end) in WINDOWS.items():
                if start <= day <= end:
                    o = outcome(r.reason)
                    counts[(window, dated_by, "all")] += 1
                    counts[(window, dated_by, o)] += 1
                    if o in THREE.values():
                        counts[(window, dated_by, "cis_outcomes")] += 1
    dated = ("prepare_date", "lift_date") if with_lift else ("prepare_date",)
    return {(w, d, o): counts[(w, d, o)] for w in WINDOWS for d in dated for o in recount.counting.OUTCOMES}


def as_dict(table: pd.DataFrame) -> dict:
    return {(r.window, r.dated_by, r.outcome): r.detainers for r in table.itertuples()}


@pytest.fixture(scope="module")
def rows():
    return synthetic.records()


@pytest.fixture(scope="module")
def files(rows, tmp_path_factory):
    folder = tmp_path_factory.mktemp("records")
    return {"parquet": synthetic.write_processed_parquet(rows, folder / "detainers-latest.parquet"),
            "feather": synthetic.write_processed_feather(rows, folder / "detainers-latest.feather"),
            "csv": synthetic.write_raw_csv(rows, folder / "ERO_Detainers_FY21_FY24.csv")}


# ------------------------------------------------------------------ rules


def test_column_names_are_matched_by_meaning():
    for name in ("Detainer Prepare Date", "Detainer_Prepare_Date", "detainer_prepare_date", " DETAINER--prepare date "):
        assert recount.reading.normalize_name(name) == "detainer_prepare_date"
    assert recount.reading.normalize_name("Detainer Lift Reason2") != recount.reading.normalize_name("Detainer Lift Reason")


def test_windows_and_counts_are_cis_own_from_the_raw_table():
    windows = recount.counting.cis_windows()
    assert {w.name: (w.start, w.end) for w in windows} == WINDOWS
    assert {w.name: w.cis_count for w in windows} == {"fy2021": 2512, "fy2022": 5723, "fy2023": 7934, "fy2024": 5871,
                                                      "total": 22040}


def test_the_generated_files_hold_every_case_the_rules_name(rows):
    reasons = {r.reason for r in rows}
    assert {"b(6), b(7)c", "B(6), B(7)C", "", "NA", None} <= reasons and "detainer declined by lea " in reasons
    ids = Counter(r.detainer_id for r in rows)
    assert any(n > 1 for n in ids.values())
    assert any(r.prepare and not WINDOWS["total"][0] <= r.prepare <= WINDOWS["total"][1] for r in rows)
    assert any(r.prepare_time for r in rows) and any(r.prepare is None for r in rows)
    assert any(synthetic.duplicate_likely(rows))


def test_ddp_processed_parquet_timestamps_no_id_no_lift_date(rows, files):
    result = recount.counting.count(str(files["parquet"]))
    assert list(result.table.columns) == ["window", "dated_by", "outcome", "detainers"]
    assert as_dict(result.table) == expected(rows, by_id=False, with_lift=False)
    details = result.details
    assert details["dated_by"] == ["prepare_date"]
    # anonymized_identifier is a person, and duplicate_likely only a flag: nothing is dropped, the flag is reported
    assert details["duplicate_rows_dropped"] == 0 and details["rows_read"] == len(rows)
    assert details["rows_flagged_duplicate_likely"] == sum(synthetic.duplicate_likely(rows)) > 0
    assert details["lift_reason_redacted"] == sum(1 for r in rows if (r.reason or "").lower() == "b(6), b(7)c")


def test_feather_reads_as_the_same_records(rows, files):
    assert as_dict(recount.counting.count(str(files["feather"])).table) == expected(rows, by_id=False, with_lift=False)


def test_ice_raw_csv_spaced_headers_us_dates_ids_and_lift_dates(rows, files):
    result = recount.counting.count(str(files["csv"]))
    assert as_dict(result.table) == expected(rows, by_id=True, with_lift=True)
    ids = Counter(r.detainer_id for r in rows)
    assert result.details["duplicate_rows_dropped"] == sum(n - 1 for n in ids.values()) > 0
    assert result.details["dated_by"] == ["prepare_date", "lift_date"]
    assert result.details["files"][0]["columns_used"]["detainer_id"] == "Detainer ID"


def test_a_folder_a_glob_and_iso_text_dates_read_together(rows, files, tmp_path):
    import pyarrow.csv

    folder = tmp_path / "ddp"
    folder.mkdir()
    shutil.copy(files["csv"], folder / "raw.csv")
    # DDP's processed names as CSV: ISO text dates with times ("2021-01-20 13:45:00")
    pyarrow.csv.write_csv(synthetic._processed_table(rows, timestamps=True), folder / "processed.csv")
    (folder / "README.md").write_text("not a record file\n")
    together = expected(rows, by_id=True, with_lift=False)
    alone = expected(rows, by_id=False, with_lift=False)
    both = {key: together[key] + alone[key] for key in together}
    by_folder = recount.counting.count(str(folder), allow_mixed_ids=True)
    assert as_dict(by_folder.table) == both
    assert by_folder.details["dated_by"] == ["prepare_date"]  # one of the files has no lift date
    assert by_folder.details["files_without_lift_date"] == [str(folder / "processed.csv")]
    assert by_folder.details["skipped_files"] == [str(folder / "README.md")]
    assert as_dict(recount.counting.count(str(folder / "*.csv"), allow_mixed_ids=True).table) == both


def test_files_with_and_without_detainer_ids_are_refused_together_unless_allowed(files):
    """Rows without an id cannot be matched with rows that have one: their overlap would count twice."""
    both = [str(files["csv"]), str(files["parquet"])]
    with pytest.raises(recount.reading.RecountError, match=(
            r"^\S*detainers-latest.parquet has no detainer id, while \S*ERO_Detainers_FY21_FY24.csv has one: rows "
            r"without an id cannot be matched with rows that have one, so a detainer recorded in both kinds of file "
            r"is counted twice; recount the files with ids on their own, or, .* MIXED_IDS=1")):
        recount.counting.count(both)
    warned = []
    counted = recount.counting.count(both, allow_mixed_ids=True, warn=warned.append)
    assert counted.details["rows_read"] == 2 * len(synthetic.records())
    assert len(warned) == 1 and warned[0].startswith("counted together, as asked, although ")
    # files of one kind are never refused
    assert recount.counting.count([str(files["parquet"]), str(files["feather"])]).details["rows_read"] > 0


def test_any_path_is_read_spaces_included(rows, files, tmp_path):
    folder = tmp_path / "my records" / "from DDP"
    folder.mkdir(parents=True)
    spaced = folder / "ERO Detainers FY21 FY24.csv"
    shutil.copy(files["csv"], spaced)
    other = shutil.copy(files["csv"], tmp_path / "second copy.csv")
    by_id = expected(rows, by_id=True, with_lift=True)
    # one path as a whole, as an argument, as a folder, as a glob
    for spec in (str(spaced), [str(spaced)], str(folder), str(folder / "*.csv")):
        assert as_dict(recount.counting.count(spec).table) == by_id, spec
    # several in one text, quoted or escaped as in a shell (the same detainers twice: one count)
    assert recount.reading.split_spec(f'"{spaced}" {str(other).replace(" ", chr(92) + " ")}') == [str(spaced), str(other)]
    assert as_dict(recount.counting.count(f'"{spaced}" "{other}"').table) == by_id
    with pytest.raises(recount.reading.RecountError, match="cannot be read as a list of paths"):
        recount.reading.split_spec(f'"{tmp_path}/nowhere')


def test_the_pipeline_reads_one_path_per_argument_and_a_list_in_a_file(files, tmp_path):
    import argparse

    from audit_pipeline.__main__ import _records

    listing = tmp_path / "my list.txt"
    listing.write_text(f"# DDP's files\n{files['csv']}\n\n  {tmp_path / 'a b.csv'}\n")
    given = argparse.Namespace(records=["/x/one file.csv"], from_file=str(listing), records_text='"c d.csv" e.csv')
    assert _records(given) == ["/x/one file.csv", str(files["csv"]), str(tmp_path / "a b.csv"), "c d.csv", "e.csv"]


@pytest.mark.parametrize("args, message", [
    (["-p", "tol", "0.5"], "unknown parameter 'tol' for recount_against_cis.ipynb; its parameters: recount_csv, tolerance"),
    (["-p", "tolerance", "0.9"], "parameter tolerance=0.9 is out of range; allowed: 0 to 0.5"),
    (["-p", "recount_csv", "other.csv"], "parameter recount_csv is set by make recount itself"),
])
def test_the_notebooks_parameters_are_checked_before_anything_is_counted(args, message, files, tmp_path, capsys):
    from audit_pipeline.__main__ import main

    with pytest.raises(SystemExit) as stopped:
        main(["recount", str(files["csv"]), "--out", str(tmp_path / "out"), *args])
    assert stopped.value.code == 1
    said = capsys.readouterr().err
    assert said.startswith("error: notebooks/recount/recount_against_cis.ipynb: ") and message in said, said
    assert not list(tmp_path.iterdir())


def test_a_page_that_stands_alone_has_no_link_to_the_reports_index(tmp_path):
    """make recount and make check render their page with index_link=False: OUT has no index.html."""
    from audit_pipeline import report

    notebook = ROOT / "notebooks" / "05_claims_audit.ipynb"
    report.render_notebook(notebook, tmp_path / "alone.html", figures=ROOT / "figures", index_link=False)
    report.render_notebook(notebook, tmp_path / "linked.html", figures=ROOT / "figures")
    assert 'href="index.html"' not in (tmp_path / "alone.html").read_text(encoding="utf-8")
    assert 'href="index.html"' in (tmp_path / "linked.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ bad input: the message names the file


def _parquet(path: Path, columns: dict) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), path)
    return path


def test_bad_input_messages(tmp_path, files):
    cases = {
        "missing": (str(tmp_path / "nowhere.parquet"), r"nowhere.parquet: no such file"),
        "unsupported": (_write(tmp_path / "detainers.dta", b"\x72stata"), r"detainers.dta: unsupported file type"),
        "unreadable": (_write(tmp_path / "broken.parquet", b"PAR1 this is not parquet"),
                       r"broken.parquet: cannot be read as Parquet"),
        "spreadsheet": (_write(tmp_path / "2026-ICLI-00005_Detainers_FY24.xlsx", b"PK\x03\x04"),
                        r"FY24.xlsx: ICE's spreadsheets cannot be read offline here; convert it to CSV first, "
                        r"without its six preamble rows"),
        "column": (_parquet(tmp_path / "no_reason.parquet", {"detainer_prepare_date": ["2022-01-01"], "case_status": ["x"]}),
                   r"no_reason.parquet: no column for the detainer's lift reason \(looked for 'detainer_lift_reason' or "
                   r"'lift_reason', in any case and spelling\); columns found: detainer_prepare_date, case_status"),
        "date": (_parquet(tmp_path / "bad_date.parquet", {"Detainer Prepare Date": ["2022-01-01", "31.01.2022", "NA"],
                                                           "Detainer Lift Reason": ["Early Release"] * 3}),
                 r"bad_date.parquet: column 'Detainer Prepare Date' holds 1 value\(s\) that are not dates, for example "
                 r"'31.01.2022'"),
        "window": (_parquet(tmp_path / "fy2019.parquet", {"detainer_prepare_date": [dt.date(2019, 3, 1)],
                                                          "detainer_lift_reason": ["Early Release"]}),
                   r"fy2019.parquet: no record in CIS's window \(2021-01-20 to 2024-07-15\); prepare dates found run "
                   r"from 2019-03-01 to 2019-03-01"),
        "twice": (_parquet(tmp_path / "twice.parquet", {"Detainer_Prepare_Date": ["2022-01-01"], "detainer prepare date":
                                                        ["2022-01-01"], "detainer_lift_reason": ["x"]}),
                  r"twice.parquet: columns 'Detainer_Prepare_Date', 'detainer prepare date' all mean"),
    }
    for name, (spec, message) in cases.items():
        with pytest.raises(recount.reading.RecountError, match=message):
            recount.counting.count(str(spec))
    # a bad file among good ones is named on its own
    with pytest.raises(recount.reading.RecountError, match=r"^[^,]*bad_date.parquet: column"):
        recount.counting.count(f"{files['parquet']} {tmp_path / 'bad_date.parquet'}")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_the_counts_only_command_writes_only_on_success(files, tmp_path, capsys):
    """make recount's command with --counts-only (what the bench times): the counts alone, written only when
    every file was read."""
    from audit_pipeline.__main__ import main

    out = tmp_path / "out"
    main(["recount", str(files["parquet"]), "--out", str(out), "--counts-only"])
    assert sorted(p.name for p in out.iterdir()) == [recount.counting.CSV_NAME, recount.counting.DETAILS_NAME]
    before = snapshot(tmp_path, ("out",))
    with pytest.raises(SystemExit) as stopped:
        main(["recount", str(tmp_path / "missing.csv"), "--out", str(out), "--counts-only"])
    assert stopped.value.code == 1
    assert "missing.csv: no such file or folder" in capsys.readouterr().err
    assert snapshot(tmp_path, ("out",)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no spill folder or temporary file left


# ------------------------------------------------------------------ the words the notebook prints


def _table(recounted: int, missing: int) -> pd.DataFrame:
    rows = []
    for window in WINDOWS:
        for outcome_name in recount.counting.OUTCOMES:
            value = {"cis_outcomes": recounted, "lift_reason_missing": missing}.get(outcome_name, 0)
            rows.append({"window": window, "dated_by": "prepare_date", "outcome": outcome_name, "detainers": value})
    return pd.DataFrame(rows)


def _windows(cis: int) -> list[recount.counting.Window]:
    return [recount.counting.Window(name, start, end, cis) for name, (start, end) in WINDOWS.items()]


@pytest.mark.parametrize("recounted, missing, says, bounds", [
    (1000, 0, "the same count: CIS's figure is reproduced from ICE's records", "lacks a lift reason"),
    (980, 50, "20 fewer (ratio 0.980, 2.0% below CIS); within the 5%", "the records allow 980 to 1,030: CIS's count lies inside"),
    (900, 50, "100 fewer (ratio 0.900, 10.0% below CIS); more than the 5%", "CIS's count is above even the high end"),
    (1100, 10, "100 more (ratio 1.100, 10.0% above CIS)", "CIS's count is below even the low end"),
])
def test_sentences_follow_from_the_numbers(recounted, missing, says, bounds):
    compared = recount.against_cis.comparison(_table(recounted, missing), _windows(1000), 0.05)
    text = recount.against_cis.sentence(compared.iloc[1], 0.05)
    assert text.startswith("FY2022 (2021-10-01 to 2022-09-30), dated by the day ICE prepared the detainer: the records "
                           f"give {recounted:,} detainers with one of CIS's three outcomes, against CIS's 1,000")
    assert says in text and bounds in text


def test_summary_says_when_the_counts_are_independently_reproduced():
    exact = recount.against_cis.comparison(_table(1000, 7), _windows(1000), 0.05)
    assert "all 4 of CIS's counts are reproduced exactly: they are independently reproduced" in recount.against_cis.summary(exact, 0.05)
    off = recount.against_cis.comparison(_table(800, 7), _windows(1000), 0.05)
    assert "0 of CIS's 4 counts are reproduced within 5% (0 exactly)" in recount.against_cis.summary(off, 0.05)


# ------------------------------------------------------------------ the notebook and the command

NOTEBOOK = ROOT / "notebooks" / "recount" / "recount_against_cis.ipynb"


def test_the_notebook_is_committed_unexecuted_and_kept_out_of_the_published_run_and_nbval():
    from audit_pipeline import parameters as notebook_parameters, staging

    nb = json.loads(NOTEBOOK.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] is None and not c["outputs"] for c in code), "commit it unexecuted"
    assert notebook_parameters.declared(NOTEBOOK) == {"recount_csv": "recount.csv", "tolerance": 0.05}
    assert "recount.Parameters(recount_csv=recount_csv, tolerance=tolerance)" in "".join(code[1]["source"])
    assert NOTEBOOK not in staging.published_notebooks()
    assert "--ignore=notebooks/recount" in (ROOT / "pytest.ini").read_text()


@pytest.mark.slow
@pytest.mark.whole_run
def test_make_recount_writes_counts_notebook_and_page_and_never_touches_the_published_run(rows, files, tmp_path):
    published = ("data/processed", "figures", "notebooks", "report")
    before = snapshot(ROOT, published)
    out = tmp_path / "recount"
    spaced = tmp_path / "my records" / "ERO Detainers.csv"  # a path with spaces, given as it is
    spaced.parent.mkdir()
    shutil.copy(files["csv"], spaced)
    result = make(ROOT, "recount", f"RECORDS={spaced}", f"OUT={out}", "ARGS=-p tolerance 0.5")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["recount.csv", "recount_against_cis.html",
                                                     "recount_against_cis.ipynb", "recount_details.json"]
    assert as_dict(pd.read_csv(out / "recount.csv")) == expected(rows, by_id=True, with_lift=True)
    executed = json.loads((out / "recount_against_cis.ipynb").read_text())
    printed = "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/markdown", ""))
                      for c in executed["cells"] if c["cell_type"] == "code" for o in c["outputs"])
    assert "the records give" in printed and "against CIS's 2,512" in printed
    assert "within 50%" in printed and "within 5%" not in printed, "the tolerance given was not used"
    page = (out / "recount_against_cis.html").read_text()
    assert 'href="index.html"' not in page, "the page links to an index that OUT does not have"
    assert not [o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert "against CIS" in (out / "recount_against_cis.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my records", "recount"]  # the staging folder is gone
    assert snapshot(ROOT, published) == before

    # a bad file afterwards: non-zero, the file named, the earlier recount left as it was
    kept = snapshot(tmp_path, ("recount",))
    bad = make(ROOT, "recount", f"RECORDS={tmp_path / 'nowhere.csv'}", f"OUT={out}")
    assert bad.returncode != 0 and "nowhere.csv: no such file or folder" in bad.stderr
    assert snapshot(tmp_path, ("recount",)) == kept and sorted(p.name for p in tmp_path.iterdir()) == ["my records",
                                                                                                      "recount"]
    no_records = make(ROOT, "recount")
    assert no_records.returncode != 0 and "make recount RECORDS=" in no_records.stderr


def test_a_window_the_files_do_not_span_is_said_to_be_covered_only_in_part():
    details = {"files": [{"prepare_dates": ["2022-09-01", "2026-01-31"]}]}
    compared = recount.against_cis.comparison(_table(300, 0), _windows(1000), 0.05, details)
    assert compared["files_span_window"].tolist() == [False, False, True, True, False]
    assert ("the files' prepare dates run from 2022-09-01 to 2026-01-31, so they cover this period only in part"
            in recount.against_cis.sentence(compared.iloc[0], 0.05))
    assert "only in part" not in recount.against_cis.sentence(compared.iloc[2], 0.05)


def test_the_answer_is_computed_in_one_call_from_the_recount(files, tmp_path):
    """The notebook's one call, in-process: the findings say how the counts compare at the tolerance given,
    and each section holds what the notebook shows."""
    out = tmp_path / "out"
    recount.counting.write(recount.counting.count([str(files["csv"])]), out)
    found = recount.answer(recount.Parameters(recount_csv=str(out / recount.counting.CSV_NAME), tolerance=0.5))
    assert list(found.sections) == ["records", "comparison", "windows", "outcomes"]
    assert len(found.findings) == 1 and "within 50%" in found.findings[0] and "5%" not in found.findings[0]
    assert "the records give" in found["windows"].text() and found["records"].text().startswith("Read 1 file")
    assert not found.changed and not found.statistics and not found.files
