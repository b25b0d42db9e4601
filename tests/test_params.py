import pytest

from detainer_audit.params import ParameterError, choice, integer, integer_list, number


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

    got = _parameters([("window_start", "2006-01-01"), ("years", "[2022, 2023]"), ("when", "[2024-07-15]")])
    assert got == {"window_start": "2006-01-01", "years": [2022, 2023], "when": ["2024-07-15"]}
