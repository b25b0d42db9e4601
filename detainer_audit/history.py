"""A longer history of declines: ICE's own 'Detainer Declined by LEA' lift reason, 2007-2015.

This outcome is narrower than what CIS counts for 2021-2024 (CIS adds insufficient notice
and early release) and is tallied by calendar year of the lift, not fiscal year; only
lifted detainers carry a reason. It shows the order of magnitude and the trend, not a
like-for-like series.
"""

from __future__ import annotations

import pandas as pd

from .results import Statistic
from .weekly import complete_years

LIFT = "detainers_by_lift_reason_and_year"
DECLINED_BY_LEA = "Detainer Declined by LEA"


def declined_by_lea(lift: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """Per calendar year: declines by the law enforcement agency, against lifted and issued detainers."""
    whole_years = set(complete_years(series, "calendar"))
    issued = series[series["whole_month"]].groupby("calendar_year")["detainers_issued"].sum()
    lifted = lift.groupby("calendar_year")["detainers"].sum()
    declined = lift[lift["lift_reason"] == DECLINED_BY_LEA].set_index("calendar_year")["detainers"]
    rows = []
    for year in sorted(lifted.index):
        complete = year in whole_years
        rows.append({
            "calendar_year": int(year), "complete_year": complete,
            "declined_by_lea": int(declined.get(year, 0)), "lifted_with_a_reason": int(lifted[year]),
            "share_of_lifted_pct": declined.get(year, 0) / lifted[year] * 100,
            "detainers_issued": int(issued[year]) if complete else pd.NA,
            "share_of_issued_pct": declined.get(year, 0) / issued[year] * 100 if complete else pd.NA,
        })
    table = pd.DataFrame(rows)
    table["detainers_issued"] = table["detainers_issued"].astype("Int64")
    table["share_of_issued_pct"] = table["share_of_issued_pct"].astype("Float64")
    return table


def statistics(table: pd.DataFrame) -> list[Statistic]:
    complete = table[table["complete_year"]]
    stats = [Statistic(f"declined_by_lea_{row.calendar_year}", row.declined_by_lea, "detainers",
                       f"detainers lifted in {row.calendar_year} with the reason '{DECLINED_BY_LEA}' "
                       "(calendar year; one outcome only)") for row in complete.itertuples()]
    peak = complete.loc[complete["declined_by_lea"].idxmax()]
    stats.append(Statistic("declined_by_lea_peak_year", peak["calendar_year"], "year",
                           f"complete calendar year with the most '{DECLINED_BY_LEA}' lifts "
                           f"({complete.calendar_year.min()}-{complete.calendar_year.max()})"))
    stats.append(Statistic("declined_by_lea_peak_share_of_issued_pct", peak["share_of_issued_pct"], "percent",
                           f"'{DECLINED_BY_LEA}' lifts in {peak['calendar_year']} / detainers issued that year"))
    return stats
