import datetime as dt
from pathlib import Path

import pytest

from detainer_audit.params import ParameterError, choice, integer, integer_list, name_list, number, window


def test_choice():
    assert choice("basis", "365", ["365", "366"]) == "365"
    with pytest.raises(ParameterError, match=r"parameter basis='360' is not allowed; choose one of: '365', '366'"):
        choice("basis", "360", ["365", "366"])


def test_integer_rejects_strings_and_bools():
    assert integer("week", 2, [1, 2, 3]) == 2
    with pytest.raises(ParameterError, match="must be a whole number, got str '2'"):
        integer("week", "2", [1, 2, 3])
    with pytest.raises(ParameterError, match="must be a whole number, got bool"):
        integer("week", True, [1, 2, 3])
    with pytest.raises(ParameterError, match="week=4 is not allowed; choose one of: 1, 2, 3"):
        integer("week", 4, [3, 1, 2])


def test_integer_list():
    assert integer_list("fiscal_years", [2023, 2022], [2021, 2022, 2023, 2024]) == [2022, 2023]
    with pytest.raises(ParameterError, match="non-empty list"):
        integer_list("fiscal_years", "2022", [2022])
    with pytest.raises(ParameterError, match="non-empty list"):
        integer_list("fiscal_years", [], [2022])
    with pytest.raises(ParameterError, match="fiscal_years=2030 is not allowed; choose one of: 2021, 2022"):
        integer_list("fiscal_years", [2030], [2022, 2021])
    with pytest.raises(ParameterError, match="twice"):
        integer_list("fiscal_years", [2022, 2022], [2022])


def test_number():
    assert number("tolerance", 1, 0, 5) == 1.0
    with pytest.raises(ParameterError, match="out of range; allowed: 0 to 5"):
        number("tolerance", 6, 0, 5)
    with pytest.raises(ParameterError, match="must be a number, got str"):
        number("tolerance", "1", 0, 5)


def test_command_line_parameters_read_dates_as_iso_text():
    from audit_pipeline.__main__ import _parameters

    got = _parameters([("window_start", "2006-01-01"), ("years", "[2022, 2023]"), ("when", "[2024-07-15]")],
                      Path("notebooks/04_longer_record_2008_2025.ipynb"))
    assert got == {"window_start": "2006-01-01", "years": [2022, 2023], "when": ["2024-07-15"]}


@pytest.mark.parametrize("text", ["2023-13-01", "2023-02-30", "2023-00-10"])
def test_an_unquoted_date_that_is_no_date_stays_the_text_given(text):
    """YAML reads 2023-13-01 as a date and fails ('month must be in 1..12'); the value is kept as given, so that
    the notebook's own check refuses it naming the parameter (test below)."""
    from audit_pipeline.__main__ import read_value

    assert read_value(text) == text
    assert read_value(f"'{text}'") == text


@pytest.mark.parametrize("value", ["2023-13-01", "2023-02-30", "'2023-13-01'"])
def test_an_impossible_date_on_the_command_line_names_notebook_parameter_and_value(value, tmp_path, capsys):
    from audit_pipeline.__main__ import main

    with pytest.raises(SystemExit) as stopped:
        main(["run", "01", "--stage", str(tmp_path / "run"), "-p", "monthly_from", value])
    assert stopped.value.code == 1
    said = capsys.readouterr().err
    shown = value.strip("'")
    assert said.startswith(f"error: notebooks/01_declined_detainers_fy2021_2024.ipynb: ParameterError: parameter "
                           f"monthly_from='{shown}' is not a date (YYYY-MM-DD)"), said
    assert "(refused before any kernel started)" in said
    assert not (tmp_path / "run").exists()


def test_text_that_is_not_yaml_names_notebook_and_parameter(tmp_path, capsys):
    from audit_pipeline.__main__ import main

    with pytest.raises(SystemExit):
        main(["run", "02", "--stage", str(tmp_path / "run"), "-p", "report_week", "[1, 2"])
    said = capsys.readouterr().err
    assert said.startswith("error: notebooks/02_weekly_detainer_rates_2011_vs_2017.ipynb: parameter report_week: "
                           "cannot read '[1, 2'"), said


@pytest.mark.parametrize("start, end, message", [
    ("2020-13-01", "2025-01-01", "window_start='2020-13-01' is not a date"),
    ("2006-01-01", "2025-01-01", "window_start='2006-01-01' is outside the record; allowed: 2007-10-01 to 2025-12-31"),
    ("2024-01-01", "2023-01-01", "window_end='2023-01-01' must come after window_start='2024-01-01'"),
    (2020, "2025-01-01", "window_start must be a date (YYYY-MM-DD), got int 2020"),
])
def test_window(start, end, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        window(start, end, dt.date(2007, 10, 1), dt.date(2025, 12, 31))


def test_window_takes_text_or_dates_and_names_its_own_parameters():
    assert window("2023-02-01", dt.date(2024, 10, 31), dt.date(2023, 1, 1), dt.date(2025, 1, 1)) == (
        dt.date(2023, 2, 1), dt.date(2024, 10, 31))
    with pytest.raises(ParameterError, match="monthly_to='2023-01-01' must come after monthly_from='2023-02-01'"):
        window("2023-02-01", "2023-01-01", dt.date(2023, 1, 1), dt.date(2025, 1, 1), ("monthly_from", "monthly_to"))


def test_name_list():
    assert name_list("declined_outcomes", ["declined"], ["declined", "early_release"]) == ["declined"]
    assert name_list("sources", ["TRAC", "CIS"], ["CIS", "TRAC"]) == ["TRAC", "CIS"]  # the order given is kept
    with pytest.raises(ParameterError, match="parameter declined_outcomes names 'refused', which is not allowed"):
        name_list("declined_outcomes", ["refused"], ["declined"])
    with pytest.raises(ParameterError, match="must be a non-empty list of names, got str 'CIS'"):
        name_list("sources", "CIS", ["CIS"])
    with pytest.raises(ParameterError, match="lists a value twice"):
        name_list("sources", ["CIS", "CIS"], ["CIS"])
