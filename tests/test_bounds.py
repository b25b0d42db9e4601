"""Counts known within bounds: a 'more than' must stay a lower bound through every step, and a
window of days must take only what the pieces covering it can say."""

import datetime as dt
from fractions import Fraction

import pytest

from detainer_audit import bounds
from detainer_audit.bounds import INF, Bounds, Piece

D = dt.date


def test_figures_as_bounds():
    assert bounds.of_figure(25000, "more_than") == Bounds(25000, INF)
    assert bounds.of_figure(79000, "fewer_than") == Bounds(0, 79000)
    assert bounds.of_figure(8800, "about") == Bounds.exactly(8800)
    assert bounds.of_figure(6, "range", 7) == Bounds(6, 7)
    with pytest.raises(ValueError, match="high end"):
        bounds.of_figure(6, "range", float("nan"))
    with pytest.raises(ValueError, match="unknown comparator"):
        bounds.of_figure(1, "nearly")


def test_a_more_than_is_carried_through_sums_differences_and_ratios():
    april = bounds.of_figure(25000, "more_than") + bounds.of_figure(1400, "more_than")
    assert april == Bounds(26400, INF) and april.kind == "lower"
    rest = april - Bounds.exactly(13805)
    assert rest == Bounds(12595, INF) and rest.kind == "lower"
    pace = rest.scale(1 / 206)
    assert pace.low == pytest.approx(float(Fraction(12595, 206)), rel=1e-12) and pace.high == INF
    assert (pace / Bounds.exactly(21.1)).kind == "lower"
    # subtracting an unbounded count leaves nothing certain at the low end
    assert (Bounds.exactly(10) - Bounds(1, INF)).low == -INF


def test_ratio_bounds():
    assert Bounds.exactly(5) / Bounds.exactly(100) == Bounds.exactly(0.05)
    assert Bounds(16169, 22040) / Bounds(0, 295456) == Bounds(16169 / 295456, INF)
    assert Bounds(0, 13025) / Bounds(25000, INF) == Bounds(0, 13025 / 25000)
    assert (Bounds(0, 13025) / Bounds(25000, INF)).kind == "upper"
    with pytest.raises(ValueError):
        Bounds(2, 1)


def test_outcomes_a_count_of_more_outcomes_is_an_upper_bound_and_of_fewer_a_lower_one():
    three = {"declined", "insufficient_notice", "early_release"}
    assert bounds.for_outcomes(Bounds.exactly(13805), three, three) == Bounds.exactly(13805)
    assert bounds.for_outcomes(Bounds.exactly(13805), three, {"declined"}) == Bounds(0, 13805)
    assert bounds.for_outcomes(Bounds(25000, INF), {"declined"}, three) == Bounds(25000, INF)
    assert bounds.for_outcomes(Bounds.exactly(5), {"declined"}, three) == Bounds(5, INF)
    assert bounds.for_outcomes(Bounds.exactly(5), {"declined", "early_release"},
                               {"declined", "insufficient_notice"}) == Bounds(0, INF)


def test_inclusive_day_counts_and_overlaps_across_a_leap_day():
    assert bounds.overlap_days(D(2024, 2, 28), D(2024, 3, 1), D(2024, 1, 1), D(2024, 12, 31)) == 3
    assert bounds.overlap_days(D(2023, 2, 28), D(2023, 3, 1), D(2023, 1, 1), D(2023, 12, 31)) == 2
    assert bounds.overlap(D(2021, 1, 20), D(2024, 7, 15), D(2022, 10, 1), D(2025, 2, 6)) == (D(2022, 10, 1), D(2024, 7, 15))
    assert bounds.overlap_days(D(2022, 10, 1), D(2024, 7, 15), D(2022, 10, 1), D(2025, 2, 6)) == 654
    assert bounds.overlap(D(2020, 1, 1), D(2020, 1, 31), D(2020, 2, 1), D(2020, 2, 29)) is None
    # a single shared day counts as one day
    assert bounds.overlap_days(D(2020, 1, 1), D(2020, 1, 31), D(2020, 1, 31), D(2020, 2, 29)) == 1


FISCAL = [Piece(D(2021, 1, 20), D(2021, 9, 30), Bounds.exactly(2512)),
          Piece(D(2021, 10, 1), D(2022, 9, 30), Bounds.exactly(5723)),
          Piece(D(2022, 10, 1), D(2023, 9, 30), Bounds.exactly(7934)),
          Piece(D(2023, 10, 1), D(2024, 7, 15), Bounds.exactly(5871))]


def test_whole_pieces_count_partial_pieces_only_up_to_their_high_end():
    assert bounds.count_in_window(FISCAL, D(2022, 10, 1), D(2024, 7, 15)) == Bounds.exactly(13805)
    # the window ends inside FY2024: that year may put anything from 0 to 5,871 in it
    assert bounds.count_in_window(FISCAL, D(2021, 1, 20), D(2023, 12, 31)) == Bounds(16169, 22040)
    # a window inside one piece: nothing certain beyond the piece's high end
    assert bounds.count_in_window(FISCAL, D(2022, 1, 1), D(2022, 3, 31)) == Bounds(0, 5723)
    assert bounds.count_in_window(FISCAL, D(2019, 1, 1), D(2020, 12, 31)) == Bounds.exactly(0)
    lower = [Piece(D(2022, 10, 1), D(2025, 2, 6), Bounds(25000, INF))]
    assert bounds.count_in_window(lower, D(2022, 10, 1), D(2024, 7, 15)) == Bounds(0, INF)
    assert bounds.count_in_window(lower, D(2022, 1, 1), D(2025, 12, 31)) == Bounds(25000, INF)


def test_overlapping_pieces_are_refused_and_coverage_is_checked():
    with pytest.raises(ValueError, match="pieces overlap"):
        bounds.count_in_window(FISCAL + [Piece(D(2022, 1, 1), D(2022, 1, 31), Bounds.exactly(1))],
                               D(2021, 1, 1), D(2024, 12, 31))
    assert bounds.covered(FISCAL, D(2021, 1, 20), D(2024, 7, 15))
    assert not bounds.covered(FISCAL, D(2021, 1, 1), D(2024, 7, 15))
    assert not bounds.covered(FISCAL[:2] + FISCAL[3:], D(2021, 1, 20), D(2024, 7, 15))
    # a count known only as "more than" stays unbounded above however much is added to it
    assert (Bounds(1, INF) + Bounds.exactly(5)) == Bounds(6, INF)


def test_bounds_are_shown_by_the_one_rule_for_readers_numbers():
    # results.display: counts with thousands separators, percents to one decimal, ratios to two, other small
    # values to four significant digits; the bound in words before it
    assert Bounds.exactly(13805).shown("declined detainers") == "13,805"
    assert Bounds(26400, INF).shown("declined detainers") == "at least 26,400"
    assert Bounds(float(Fraction(12595, 206)), INF).shown("declined detainers per day") == "at least 61.14"
    assert Bounds(0, float(Fraction(13025, 25000) * 100)).shown("percent") == "at most 52.1"
    assert Bounds(6, 7).shown("percent") == "6 to 7"
    assert Bounds(float(Fraction(12595 * 654, 206 * 13805)), INF).shown("ratio") == "at least 2.90"
    assert Bounds(0, INF).shown() == "unknown"
