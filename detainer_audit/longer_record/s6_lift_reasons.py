"""Section 6 of notebook 04, "ICE's own lift reasons": ICE's record-level files (2007-2015, as NPR
aggregated them) give a reason for each lifted detainer.

They are counted by the calendar year of each detainer's *prepare* date (NPR's clean.py dates a record by
ICE's "Prepare Date"), not the year it was lifted; only lifted detainers carry a reason. "Detainer Declined
by LEA" and "Early Release" are two of the three outcomes CIS counts for 2021-2024. The first and last
years of the extract are partial and stay out of the statistics.
"""

from __future__ import annotations

import pandas as pd

from .. import results
from ..results import Statistic, display
from .shared import DECLINED_BY_LEA, EARLY_RELEASE, OUTCOME_WORDS

FIGURE = "04-lift-reasons-by-prepare-year"


def lift_reasons(lift: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """Per calendar year of the prepare date: detainers later lifted as declined by the law enforcement
    agency or as an early release, against lifted and prepared detainers (whole years only for the latter)."""
    from ..weekly.rates import complete_years

    whole_years = set(complete_years(series, "calendar"))
    prepared = series[series["whole_month"]].groupby("calendar_year")["detainers_issued"].sum()
    lifted = lift.groupby("calendar_year")["detainers"].sum()
    reason = lift.set_index(["calendar_year", "lift_reason"])["detainers"]
    rows = []
    for year in sorted(lifted.index):
        complete = year in whole_years
        declined = int(reason.get((year, DECLINED_BY_LEA), 0))
        early = int(reason.get((year, EARLY_RELEASE), 0))
        rows.append({
            "prepared_in": int(year), "complete_year": complete, "declined_by_lea": declined, "early_release": early,
            "lifted_with_a_reason": int(lifted[year]), "declined_share_of_lifted_pct": declined / lifted[year] * 100,
            "detainers_prepared": int(prepared[year]) if complete else pd.NA,
            "declined_share_of_prepared_pct": declined / prepared[year] * 100 if complete else pd.NA,
        })
    frame = pd.DataFrame(rows)
    frame["detainers_prepared"] = frame["detainers_prepared"].astype("Int64")
    frame["declined_share_of_prepared_pct"] = frame["declined_share_of_prepared_pct"].astype("Float64")
    return frame


def readers(lift_table: pd.DataFrame) -> pd.DataFrame:
    """NPR's lift reasons by prepare year, in words."""
    frame = lift_table.copy()
    frame["complete_year"] = frame["complete_year"].map({True: "yes", False: "no (partial)"})
    for column in ("detainers_prepared", "declined_share_of_prepared_pct"):
        frame[column] = frame[column].astype("float64")
    return results.for_readers(frame, {
        "prepared_in": "prepared in", "complete_year": "whole year", "declined_by_lea": "declined by the agency",
        "early_release": "early release", "lifted_with_a_reason": "lifted with a reason",
        "declined_share_of_lifted_pct": "declined, of lifted (%)", "detainers_prepared": "detainers prepared",
        "declined_share_of_prepared_pct": "declined, of prepared (%)"},
        {"declined_by_lea": 0, "early_release": 0, "lifted_with_a_reason": 0, "declined_share_of_lifted_pct": 2,
         "detainers_prepared": 0, "declined_share_of_prepared_pct": 2})


def findings(lift_table: pd.DataFrame) -> list[str]:
    complete = lift_table[lift_table["complete_year"]]
    first, last = complete.iloc[0], complete.iloc[-1]
    return [f"In ICE's own records, detainers lifted as declined by the law enforcement agency rose from "
            f"{display(first.declined_by_lea)} of those prepared in {first.prepared_in} to {display(last.declined_by_lea)} "
            f"of those prepared in {last.prepared_in} ({display(last.declined_share_of_prepared_pct, 'percent')}% of that "
            "year's detainers)."]


def statistics(lift_table: pd.DataFrame) -> list[Statistic]:
    complete = lift_table[lift_table["complete_year"]]
    stats = [Statistic(f"declined_by_lea_{row.prepared_in}", row.declined_by_lea, "detainers",
                       f"detainers prepared in {row.prepared_in} and later lifted as declined by the law enforcement "
                       "agency (calendar year of the prepare date; one outcome only)", sources="NPR")
             for row in complete.itertuples()]
    peak = complete.loc[complete["declined_by_lea"].idxmax()]
    return stats + [
        Statistic("declined_by_lea_peak_year", peak["prepared_in"], "year",
                  "complete prepare year with the most detainers lifted as declined by the law enforcement agency "
                  f"({complete.prepared_in.min()}-{complete.prepared_in.max()})", sources="NPR"),
        Statistic("declined_by_lea_peak_share_of_prepared_pct", peak["declined_share_of_prepared_pct"], "percent",
                  f"detainers prepared in {peak['prepared_in']} and lifted as declined by the law enforcement agency, "
                  "as a share of the detainers prepared that year", sources="NPR"),
    ]


def figure(lift_table: pd.DataFrame):
    """Detainers later lifted as declined by the agency or as an early release, by prepare year (whole years)."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ..figures import PALETTE, source_note, thousands

    complete = lift_table[lift_table["complete_year"]]
    drawn = complete.melt(id_vars="prepared_in", value_vars=["declined_by_lea", "early_release"],
                          var_name="lift_reason", value_name="detainers")
    drawn["lift_reason"] = drawn["lift_reason"].map({"declined_by_lea": OUTCOME_WORDS["declined"],
                                                     "early_release": OUTCOME_WORDS["early_release"]})
    fig, ax = plt.subplots(figsize=(8.0, 4.0))
    sns.barplot(drawn, x="prepared_in", y="detainers", hue="lift_reason", errorbar=None, ax=ax,
                palette=[PALETTE["highlight"], PALETTE["partial"]])
    thousands(ax)
    ax.legend(title="lifted as")
    ax.set(xlabel="calendar year the detainer was prepared", ylabel="detainers later lifted",
           title="ICE's own lift reasons: detainers later lifted, by the year they were prepared")
    source_note(fig, "Source: ICE's record-level files as NPR aggregated them; whole prepare years only. Only lifted "
                     "detainers carry a reason.")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig, drawn
