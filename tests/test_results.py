import threading

import pandas as pd
import pytest

from detainer_audit import results
from detainer_audit.results import Statistic


@pytest.fixture
def output(tmp_path, monkeypatch):
    monkeypatch.setenv("DETAINER_AUDIT_OUTPUT", str(tmp_path))
    return tmp_path


def test_format_value_is_canonical():
    import numpy as np

    assert results.format_value(np.int64(7934)) == "7934"
    assert results.format_value(np.float64(7435.245674740484)) == "7435.2457"
    assert results.format_value(5723.0) == "5723"
    assert results.format_value(-6.28631) == "-6.2863"
    with pytest.raises(TypeError):
        results.format_value(True)
    with pytest.raises(ValueError):
        results.format_value(float("nan"))


@pytest.fixture
def stage(output):
    """A staged run's folder, as make reproduce starts it."""
    results.mark_staged(output)
    return output


def test_in_a_staged_run_each_notebook_writes_its_own_file_and_the_run_assembles_the_table(stage):
    recorded = results.record("02_b", [Statistic("b_one", 2, "u", "d")])
    results.record("01_a", [Statistic("a_one", 1, "u", "d"), Statistic("a_two", 1.5, "u", "d", sources="CIS")])
    # a notebook writes its own file only: no table, no versions, nothing of another notebook
    assert sorted(p.name for p in (stage / "build" / "results").glob("*.csv")) == ["01_a.csv", "02_b.csv"]
    assert not results.results_path().exists() and not results.environment_path().exists()
    assert results.part_path("02_b").read_text() == (
        "statistic,value,unit,headline,notebook,sources,description\nb_one,2,u,no,02_b,,d\n")
    assert recorded.equals(results.table("02_b", [Statistic("b_one", 2, "u", "d")]))
    assert results.assemble(stage) == ["01_a", "02_b"]
    first = results.results_path().read_bytes()
    assert first == (b"statistic,value,unit,headline,notebook,sources,description\n"
                     b"a_one,1,u,no,01_a,,d\na_two,1.5,u,no,01_a,CIS,d\nb_one,2,u,no,02_b,,d\n")
    # recording again and assembling again writes the same bytes
    results.record("01_a", [Statistic("a_one", 1, "u", "d"), Statistic("a_two", 1.5, "u", "d", sources="CIS")])
    results.assemble(stage)
    assert results.results_path().read_bytes() == first
    table = results.load()
    assert table["statistic"].tolist() == ["a_one", "a_two", "b_one"]
    assert results.value("a_two", table) == 1.5
    assert (stage / "data" / "processed" / "environment.csv").read_text().startswith("component,version\npython,")


def test_a_run_of_one_notebook_puts_its_rows_into_its_folders_table_whatever_the_order(output):
    results.record("02_b", [Statistic("b_one", 2, "u", "d")])
    results.record("01_a", [Statistic("a_one", 1, "u", "d")])
    first = results.results_path().read_bytes()
    assert first.endswith(b"a_one,1,u,no,01_a,,d\nb_one,2,u,no,02_b,,d\n")
    assert results.environment_path().read_text().startswith("component,version\npython,")
    results.record("01_a", [Statistic("a_one", 1, "u", "d")])
    assert results.results_path().read_bytes() == first
    # another run of 01 replaces its rows only, in a folder whose other results files are long gone
    for part in (output / "build" / "results").glob("*.csv"):
        part.unlink()
    results.record("01_a", [Statistic("a_one", 7, "u", "d"), Statistic("a_new", 3, "u", "d")])
    table = results.load()
    assert list(zip(table["statistic"], table["value"])) == [("a_one", 7), ("a_new", 3), ("b_one", 2)]


def test_bad_names_and_a_statistic_of_two_notebooks_are_refused(output):
    with pytest.raises(ValueError, match="snake_case"):
        results.record("01_a", [Statistic("Bad Name", 1, "u", "d")])
    with pytest.raises(ValueError, match="twice"):
        results.record("01_a", [Statistic("x", 1, "u", "d"), Statistic("x", 2, "u", "d")])
    results.record("01_a", [Statistic("x", 1, "u", "d")])
    with pytest.raises(ValueError, match="02_b records statistic 'x', which 01_a records too"):
        results.record("02_b", [Statistic("x", 1, "u", "d")])
    results.mark_staged(output)
    results.results_path().unlink()
    with pytest.raises(ValueError, match="02_b records statistic 'x', which 01_a records too"):
        results.assemble(output)
    assert not results.results_path().exists(), "a refused table is not written"


def test_missing_statistic_is_named(output):
    results.record("01_a", [Statistic("x", 1, "u", "d")])
    with pytest.raises(KeyError, match="'nope' is not in results.csv"):
        results.value("nope")


def test_concurrent_records_of_a_staged_run_lose_nothing(stage):
    threads = [threading.Thread(target=results.record, args=(f"{i:02d}_nb", [Statistic(f"s{i}", i, "u", "d")]))
               for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.assemble(stage)
    assert pd.read_csv(results.results_path())["statistic"].tolist() == [f"s{i}" for i in range(8)]


def test_a_notebook_reads_the_results_it_declares_from_the_run_it_is_part_of(output):
    results.record("01_a", [Statistic("a_one", 1, "u", "d")])
    results.record("02_b", [Statistic("b_one", 2, "u", "d")])
    # a run of one notebook (a folder seeded with the published run): the folder's table, in the order named
    assert results.read(["02_b", "01_a"])["statistic"].tolist() == ["b_one", "a_one"]
    with pytest.raises(FileNotFoundError, match="no results of 03_c in data/processed/results.csv: run that "
                                                "notebook first"):
        results.read(["01_a", "03_c"])
    # a staged run: each notebook's own file of this run, never the table
    results.mark_staged(output)
    results.results_path().write_text("statistic,value,unit,headline,notebook,sources,description\n"
                                      "b_one,9,u,no,02_b,,d\n")
    results.record("02_b", [Statistic("b_one", 5, "u", "d")])
    assert results.read(["01_a", "02_b"])["value"].tolist() == [1.0, 5.0]
    with pytest.raises(FileNotFoundError, match=r"no results of 03_c in this run \(no build/results/03_c.csv\): "
                                                "it must run first"):
        results.read(["03_c"])


def test_display_format():
    assert results.display(22040.0) == "22,040"
    assert results.display(2011.0, "year") == "2011"
    assert results.display(1.7616) == "1.762"
    assert results.display(206) == "206"
    assert results.display(1.7616, "ratio") == "1.76" and results.display(6.5348, "percent (estimate)") == "6.5"
    assert results.display(-6.2863, "percent") == "-6.3" and results.display(52.0, "percent") == "52"
    assert results.display(float("nan")) == "" and results.display("") == "" and results.display(None) == ""


def test_tables_for_readers_are_labelled_in_words_and_years_never_read_2_011():
    import pandas as pd

    from detainer_audit.results import for_readers

    frame = pd.DataFrame({"year": [2011.0, 2012.0], "total": [317347.0, 286530.0], "share_pct": [6.9312, 5.0]})
    shown = for_readers(frame, {"year": "fiscal year", "total": "detainers", "share_pct": "share (%)"},
                        {"total": 0, "share_pct": 1})
    assert shown.index.name == "fiscal year" and list(shown.columns) == ["detainers", "share (%)"]
    assert "2011" in shown.to_string() and "2,011" not in shown.to_string()
    assert list(shown["detainers"]) == ["317,347", "286,530"] and list(shown["share (%)"]) == ["6.9", "5.0"]


def _table(rows):
    return pd.DataFrame(rows, columns=["statistic", "value", "unit", "notebook"])


def test_differences_lists_changed_values_and_statistics_only_one_run_has():
    published = _table([("a_rate", 6086.1068, "detainers per week", "02_x"), ("a_same", 2011, "year", "02_x"),
                        ("a_gone", 1.9741, "ratio", "02_x"), ("other_nb", 5, "days", "01_y")])
    run = _table([("a_new", 3, "weeks", "02_x"), ("a_rate", 5123.5, "detainers per week", "02_x"),
                  ("a_same", 2011.0, "year", "02_x"), ("other_nb", 6, "days", "01_y")])
    found = results.differences(published, run, notebook="02_x")
    assert found == [results.Difference("a_rate", "detainers per week", 6086.1068, 5123.5),
                     results.Difference("a_gone", "ratio", 1.9741, None),
                     results.Difference("a_new", "weeks", None, 3.0)]
    assert [item.shown() for item in found] == [("6,086", "5,124"), ("1.97", results.ABSENT), (results.ABSENT, "3")]
    # without a notebook, every row counts (the other notebook's value changed too)
    assert [item.statistic for item in results.differences(published, run)] == ["a_rate", "a_gone", "other_nb", "a_new"]
    assert results.differences(published, published) == []


def test_differences_compare_values_as_recorded_and_stay_visible_when_rounded_alike():
    published = _table([("annualized", 3609.7638, "declined detainers per year", "01"),
                        ("tiny", 1.00001, "ratio", "01")])
    run = _table([("annualized", 3609.8425, "declined detainers per year", "01"),
                  ("tiny", 1.00004, "ratio", "01")])  # both record 1 (four decimals): no difference
    found = results.differences(published, run)
    assert [item.statistic for item in found] == ["annualized"]
    assert found[0].shown() == ("3609.7638", "3609.8425"), "3,610 twice would hide the difference"


def test_make_run_ends_with_the_statistics_that_differ(tmp_path):
    from audit_pipeline.__main__ import compare_with_published

    def write(path, rows):
        path.write_text("statistic,value,unit,headline,notebook,sources,description\n"
                        + "".join(f"{name},{value},{unit},no,{nb},NPR,d\n" for name, value, unit, nb in rows))
        return path

    published = write(tmp_path / "published.csv", [("peak", 2011, "year", "02_x"), ("rate", 6086.1068, "detainers per week", "02_x"),
                                                    ("kept", 1.5, "ratio", "02_x"), ("elsewhere", 4, "days", "01_y")])
    run = write(tmp_path / "run.csv", [("peak", 2012, "year", "02_x"), ("rate", 6086.1068, "detainers per week", "02_x"),
                                       ("added", 2, "weeks", "02_x"), ("elsewhere", 5, "days", "01_y")])
    assert compare_with_published("02_x", run, published) == [
        "3 of its 4 statistics differ from the published run (data/processed/results.csv):",
        "  statistic     published      this run  unit",
        "  peak               2011          2012  year",
        "  kept               1.50  not recorded  ratio",
        "  added      not recorded             2  weeks",
    ]
    assert compare_with_published("02_x", published, published) == [
        "every one of its 3 statistics equals the published run's (data/processed/results.csv)"]
    assert "is missing" in compare_with_published("02_x", run, tmp_path / "none.csv")[0]


def test_every_notebook_records_once_and_reads_no_results_table_back():
    """A notebook writes its statistics once (its own results file); one that needs another notebook's results
    reads those it declares (`READS`, as `results.read` gives them), never the whole table, which is only
    assembled once every notebook has run."""
    import json

    from audit_pipeline import staging

    for path in staging.published_notebooks():
        code = "\n".join("".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]
                         if cell["cell_type"] == "code")
        recorded = code.count("results.record(") + code.count("run.record()")
        assert recorded == 1, f"{path.name} should record its statistics exactly once"
        assert "results.load(" not in code and "results_path(" not in code, f"{path.name} reads the results table back"
