"""Bad raw input is refused with a message that names the file, the line and the column."""

import shutil

import pytest

from detainer_audit import paths, rawdata
from detainer_audit.rawdata import RawDataError

TABLE = "declined_detainers_by_fiscal_year"
FILE = f"{TABLE}.csv"


@pytest.fixture
def raw(tmp_path):
    copy = tmp_path / "raw"
    shutil.copytree(paths.RAW, copy)
    return copy


def rewrite(raw, name, text=None, data=None, resum=True):
    """Change a raw file; re-record checksums so that the schema check is what is tested."""
    target = raw / name
    target.write_bytes(data if data is not None else text.encode("utf-8"))
    if resum:
        (raw / rawdata.CHECKSUM_FILE).write_text(rawdata.write_checksums(raw))


def original(name=FILE):
    return (paths.RAW / name).read_text(encoding="utf-8")


def test_the_committed_raw_data_verify():
    counts = rawdata.verify_all()
    assert counts[TABLE] == 4


def test_typed_columns():
    frame = rawdata.read_table(TABLE)
    assert frame["declined_detainers"].dtype == "int64"
    assert str(frame["counted_from"].dtype).startswith("datetime64")


# ---------------------------------------------------------------- checksums

def test_one_changed_byte_is_caught_and_named(raw):
    data = bytearray((raw / FILE).read_bytes())
    data[-3] = ord("2") if data[-3] != ord("2") else ord("3")
    (raw / FILE).write_bytes(bytes(data))
    with pytest.raises(RawDataError, match=rf"data/raw/{FILE} does not match its recorded checksum"):
        rawdata.verify_all(raw)
    with pytest.raises(RawDataError, match=rf"data/raw/{FILE} does not match its recorded checksum"):
        rawdata.read_table(TABLE, raw)


def test_missing_file_is_named(raw):
    (raw / FILE).unlink()
    with pytest.raises(RawDataError, match=rf"data/raw/{FILE} is listed in SHA256SUMS but missing"):
        rawdata.verify_all(raw)


def test_unlisted_file_is_named(raw):
    (raw / "extra.csv").write_text("a\n1\n")
    with pytest.raises(RawDataError, match=r"data/raw/extra.csv is not listed in SHA256SUMS \(unrecorded file\)"):
        rawdata.verify_all(raw)


def test_listed_but_undescribed_csv_is_named(raw):
    rewrite(raw, "extra.csv", "a\n1\n")
    with pytest.raises(RawDataError, match=r"data/raw/extra.csv is not described in datapackage.json"):
        rawdata.verify_all(raw)


def test_missing_checksum_file(raw):
    (raw / "SHA256SUMS").unlink()
    with pytest.raises(RawDataError, match="SHA256SUMS is missing"):
        rawdata.verify_all(raw)


# ---------------------------------------------------------------- schema

@pytest.mark.parametrize("header, message", [
    ("fiscal_year,counted_from,counted_to", r"line 1: header .*missing column\(s\): declined_detainers"),
    ("fiscal_year,counted_from,counted_to,declined", r"line 1: header .*missing column\(s\): declined_detainers; unexpected column\(s\): declined"),
    ("counted_from,fiscal_year,counted_to,declined_detainers", r"line 1: header .*\(columns out of order\)"),
])
def test_header_must_match_schema(raw, header, message):
    lines = original().splitlines()
    body = "\n".join([header] + [",".join(l.split(",")[: len(header.split(","))]) for l in lines[1:]]) + "\n"
    rewrite(raw, FILE, body)
    with pytest.raises(RawDataError, match=rf"data/raw/{FILE}, {message}"):
        rawdata.read_table(TABLE, raw)


@pytest.mark.parametrize("old, new, message", [
    ("2022,2021-10-01,2022-09-30,5723", "2022,2021-10-01,2022-09-30,5,723",
     r"line 3: 5 values, but the header has 4"),
    ("2022,2021-10-01,2022-09-30,5723", "2022,2021-10-01,2022-09-30,about 5700",
     r"line 3, column 'declined_detainers': 'about 5700' is not a whole number"),
    ("2022,2021-10-01,2022-09-30,5723", "2022,2021-10-01,2022-09-30,-5723",
     r"line 3, column 'declined_detainers': -5723 is below the minimum 0"),
    ("2022,2021-10-01,2022-09-30,5723", "2022,2021-10-01,2022-09-30,",
     r"line 3, column 'declined_detainers': empty, but a value is required"),
    ("2024,2023-10-01,2024-07-15,5871", "2024,2023-10-01,2024-10-15,5871",
     r"line 5, column 'counted_to': 2024-10-15 is outside fiscal year 2024 \(2023-10-01 to 2024-09-30\)"),
    ("2023,2022-10-01,2023-09-30,7934", "2022,2021-10-01,2022-09-30,7934",
     r"line 4: duplicate key \(fiscal_year=2022\); first seen on line 3"),
    ("2022,2021-10-01,2022-09-30,5723", "2022,2022-09-30,2021-10-01,5723",
     r"line 3, column 'counted_to': period ends \(2021-10-01\) before it starts"),
    ("2022,2021-10-01,2022-09-30,5723", "2022,2021-10-01,2022-09-31,5723",
     r"line 3, column 'counted_to': '2022-09-31' is not a date"),
    ("2022,2021-10-01,2022-09-30,5723", "2030,2029-10-01,2030-09-30,5723",
     r"line 3, column 'fiscal_year': 2030 is above the maximum 2024"),
])
def test_bad_values_are_named(raw, old, new, message):
    rewrite(raw, FILE, original().replace(old, new))
    with pytest.raises(RawDataError, match=rf"data/raw/{FILE}, {message}"):
        rawdata.read_table(TABLE, raw)


def test_blank_line(raw):
    rewrite(raw, FILE, original().replace("5723\n", "5723\n\n"))
    with pytest.raises(RawDataError, match=rf"data/raw/{FILE}, line 4: blank line"):
        rawdata.read_table(TABLE, raw)


def test_byte_order_mark(raw):
    rewrite(raw, FILE, data=b"\xef\xbb\xbf" + original().encode())
    with pytest.raises(RawDataError, match="byte-order mark"):
        rawdata.read_table(TABLE, raw)


def test_other_encoding(raw):
    rewrite(raw, FILE, data=original().replace("5871", "5871").encode() + "2025,é\n".encode("latin-1"))
    with pytest.raises(RawDataError, match=rf"data/raw/{FILE}, line 6: not valid UTF-8 \(byte 0xe9\)"):
        rawdata.read_table(TABLE, raw)


def test_windows_line_ends(raw):
    rewrite(raw, FILE, original().replace("\n", "\r\n"))
    with pytest.raises(RawDataError, match="line 1: carriage return"):
        rawdata.read_table(TABLE, raw)


def test_unknown_table_lists_available():
    with pytest.raises(RawDataError, match="no raw table named 'nope'.*available: .*declined_detainers_by_fiscal_year"):
        rawdata.read_table("nope")


def test_schema_needs_provenance(raw):
    text = (raw / "datapackage.json").read_text().replace('"location": "body: the total', '"location": "", "x": "')
    rewrite(raw, "datapackage.json", text)
    with pytest.raises(RawDataError, match="a source has no 'location'"):
        rawdata.load_package(raw)


def test_raw_readme_is_generated_from_the_schema():
    from audit_pipeline import rawdocs

    assert (paths.RAW / "README.md").read_text(encoding="utf-8") == rawdocs.render(), \
        "data/raw/README.md is out of date: run `make raw-docs`"


# ---------------------------------------------------------------- foreign keys

def test_a_count_naming_an_unknown_document_is_refused(raw):
    text = original("detainer_counts.csv").replace(",trac_748,,text,high,,", ",trac_749,,text,high,,", 1)
    rewrite(raw, "detainer_counts.csv", text)
    with pytest.raises(RawDataError, match=r"data/raw/detainer_counts.csv, line \d+, column 'document_id': "
                                           r"'trac_749' is not a document_id in data/raw/documents.csv"):
        rawdata.verify_all(raw)


def test_a_superseded_figure_must_name_a_row_of_the_same_table(raw):
    text = original("detainer_counts.csv").replace(",trac511_fy2012,before TRAC", ",trac511_fy2021,before TRAC", 1)
    rewrite(raw, "detainer_counts.csv", text)
    with pytest.raises(RawDataError, match="column 'superseded_by': 'trac511_fy2021' is not a count_id in "
                                           "data/raw/detainer_counts.csv"):
        rawdata.read_table("detainer_counts", raw)


# (end to end, test_robustness.py and test_pipeline.py prove once per kind that these messages reach the
# user before any notebook runs, with nothing changed)


def test_a_month_outside_its_series_is_named(raw):
    """The one value rule the fiscal-year table above cannot show: a year-month beyond a series' end."""
    name = "detainers_issued_by_month.csv"
    rewrite(raw, name, (raw / name).read_text() + "2015-08,7000,yes\n")
    with pytest.raises(RawDataError, match=rf"data/raw/{name}, line 96, column 'month': 2015-08 is above the maximum 2015-07"):
        rawdata.read_table("detainers_issued_by_month", raw)


def test_a_boolean_column_must_declare_its_true_and_false_values(raw):
    import json

    package = json.loads((raw / "datapackage.json").read_text())
    field = next(f for r in package["resources"] for f in r["schema"]["fields"] if f["type"] == "boolean")
    del field["trueValues"]
    rewrite(raw, "datapackage.json", json.dumps(package, indent=2) + "\n")
    with pytest.raises(RawDataError, match=rf"field {field['name']}: a boolean needs trueValues and falseValues"):
        rawdata.load_package(raw)


def test_make_checksums_refuses_a_file_that_breaks_its_schema_and_records_nothing(raw, monkeypatch, capsys):
    from audit_pipeline.__main__ import main

    monkeypatch.setattr(paths, "RAW", raw)
    monkeypatch.setattr(paths, "RAW_CHECKSUMS", raw / rawdata.CHECKSUM_FILE)
    before = (raw / rawdata.CHECKSUM_FILE).read_bytes()
    rewrite(raw, FILE, original().replace("5723", "57k23"), resum=False)
    with pytest.raises(SystemExit) as stopped:
        main(["checksums"])
    assert stopped.value.code != 0
    assert f"data/raw/{FILE}, line 3, column 'declined_detainers': '57k23' is not a whole number" in capsys.readouterr().err
    assert (raw / rawdata.CHECKSUM_FILE).read_bytes() == before


# ---------------------------------------------------------------- the weekly counts of detainers issued

WEEKLY = "detainers_issued_by_week"
WEEKLY_FILE = f"{WEEKLY}.csv"


def _weekly_lines():
    return original(WEEKLY_FILE).splitlines(keepends=True)


def _line_of(week_from):
    return next(i + 1 for i, line in enumerate(_weekly_lines()) if line.startswith(week_from))


@pytest.mark.parametrize("old, new, message", [
    ("2021-01-17,2021-01-23,", "2021-01-18,2021-01-24,",
     r"column 'week_from': 2021-01-18 is a Monday, but every week here starts on a Sunday$"),
    ("2021-01-17,2021-01-23,", "2021-01-17,2021-01-24,",
     r"column 'week_to': 2021-01-24 is not the sixth day after 2021-01-17 \(a week is seven days, both ends counted\)$"),
    ("2021-01-17,2021-01-23,2121,", "2021-01-17,2021-01-23,-2121,",
     r"column 'detainers_prepared': -2121 is below the minimum 0$"),
    (",2121,1,S2,", ",2121,3,S2,", r"column 'releases_counted': 3 is above the maximum 2$"),
], ids=["not a Sunday", "not seven days", "negative count", "three releases"])
def test_a_bad_week_is_refused_with_its_line_and_column(raw, old, new, message):
    line = _line_of("2021-01-17")
    lines = _weekly_lines()
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    rewrite(raw, WEEKLY_FILE, "".join(lines))
    with pytest.raises(RawDataError, match=rf"^data/raw/{WEEKLY_FILE}, line {line}, " + message):
        rawdata.read_table(WEEKLY, raw)


def test_a_duplicate_week_is_refused(raw):
    lines = _weekly_lines()
    line = _line_of("2021-01-17")
    lines.insert(line, lines[line - 1])  # the same week again, on the next line
    rewrite(raw, WEEKLY_FILE, "".join(lines))
    with pytest.raises(RawDataError, match=rf"^data/raw/{WEEKLY_FILE}, line {line + 1}: duplicate key "
                                           rf"\(week_from=2021-01-17\); first seen on line {line}$"):
        rawdata.read_table(WEEKLY, raw)


def test_a_gap_between_weeks_is_refused(raw):
    lines = _weekly_lines()
    line = _line_of("2021-01-17")
    del lines[line - 1]  # the week of 2021-01-17 is missing: the next line is the week of 2021-01-24
    rewrite(raw, WEEKLY_FILE, "".join(lines))
    with pytest.raises(RawDataError, match=rf"^data/raw/{WEEKLY_FILE}, line {line}, column 'week_from': gap: 1 week\(s\) "
                                           r"missing between the week of 2021-01-10 and the week of 2021-01-24 "
                                           r"\(expected 2021-01-17\)$"):
        rawdata.read_table(WEEKLY, raw)


def test_weeks_out_of_order_are_refused(raw):
    lines = _weekly_lines()
    lines[1], lines[2] = lines[2], lines[1]  # the second week first
    rewrite(raw, WEEKLY_FILE, "".join(lines))
    with pytest.raises(RawDataError, match=rf"^data/raw/{WEEKLY_FILE}, line 3, column 'week_from': the week of 2020-09-27 "
                                           r"does not follow the week of 2020-10-04 \(rows must run in date order"):
        rawdata.read_table(WEEKLY, raw)


def test_a_weeks_rule_naming_an_unknown_weekday_is_refused(raw):
    path = raw / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"first_day": "Sunday"', '"first_day": "Sun"'),
                    encoding="utf-8")
    (raw / rawdata.CHECKSUM_FILE).write_text(rawdata.write_checksums(raw))
    with pytest.raises(RawDataError, match=r"resource \d+ \(detainers_issued_by_week\): weeks.first_day must be one of "
                                           r"Monday, .*, Sunday, not 'Sun'"):
        rawdata.read_table(WEEKLY, raw)


def test_a_bad_weekly_table_stops_the_run_before_any_notebook(raw):
    """verify_all, which runs before every notebook, reads every table, the weekly one included."""
    lines = _weekly_lines()
    del lines[_line_of("2021-01-17") - 1]
    rewrite(raw, WEEKLY_FILE, "".join(lines))
    with pytest.raises(RawDataError, match=rf"data/raw/{WEEKLY_FILE}, line \d+, column 'week_from': gap"):
        rawdata.verify_all(raw)


# ---------------------------------------------------------------- DDP's weeks of 2016-2017 (segment S1)

WEEKLY_S1 = "detainers_issued_by_week_2016_2017"


@pytest.mark.parametrize("old, new, message", [
    (",1759,2,S1,", ",1759,1,S1,", r"column 'releases_counted': 1 is below the minimum 2$"),
    (",1759,2,S1,", ",1759,2,S2,", r"column 'segment': 'S2' is not one of"),
], ids=["a week counted once", "another segment"])
def test_a_week_of_segment_s1_is_always_doubled(raw, old, new, message):
    lines = original(f"{WEEKLY_S1}.csv").splitlines(keepends=True)
    assert old in lines[1]
    lines[1] = lines[1].replace(old, new)
    rewrite(raw, f"{WEEKLY_S1}.csv", "".join(lines))
    with pytest.raises(RawDataError, match=rf"^data/raw/{WEEKLY_S1}.csv, line 2, " + message):
        rawdata.read_table(WEEKLY_S1, raw)


def test_a_gap_in_segment_s1_is_refused(raw):
    lines = original(f"{WEEKLY_S1}.csv").splitlines(keepends=True)
    del lines[19]  # the week of 2017-01-29, which the first report week needs
    rewrite(raw, f"{WEEKLY_S1}.csv", "".join(lines))
    with pytest.raises(RawDataError, match=r"gap: 1 week\(s\) missing between the week of 2017-01-22 and the week of "
                                           r"2017-02-05 \(expected 2017-01-29\)$"):
        rawdata.read_table(WEEKLY_S1, raw)
