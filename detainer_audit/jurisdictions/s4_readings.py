"""Section 4 of notebook 03, "Travis County's count read two ways".

The report counts rows by place. Part of Travis County's week-1 rows, the press found, were at the
state jail facility inside the county, which the Texas prison system runs, not the sheriff: by place
the report's count stands; by the sheriff's own jail those rows come off, and the result is set
against the count the sheriff gives for his jail. (Section 2's sentence on the sheriff's count names
the difference these readings account for.)
"""

from __future__ import annotations

import pandas as pd

from ..results import Statistic
from .shared import TRAVIS, has_rows, statement


def travis_readings(result: dict, statements: pd.DataFrame) -> dict:
    """Travis County's week-1 count read two ways: the county's area (the report's own count, which
    includes the state jail facility inside the county) and the sheriff's own jail (less the rows the
    press says were the state jail's), against the count the sheriff gives for his jail (section 2's
    ``result``, `shares`, holds both counts)."""
    state_jail = int(statement(statements, "travis_rows_at_state_jail")["value"])
    county_jail = result["count"] - state_jail
    sheriff_count = result["sheriff_count"]
    return {"in_county": result["count"], "state_jail": state_jail, "county_jail": county_jail,
            "sheriff": sheriff_count, "difference": county_jail - sheriff_count}


def readings_for(result: dict, statements: pd.DataFrame) -> dict | None:
    """`travis_readings` where the run concerns Travis County's week-1 count, else None."""
    if result["jurisdiction"] == TRAVIS and has_rows(result["week"]):
        return travis_readings(result, statements)
    return None


def summary(readings: dict | None, jurisdiction: str, report_week: int) -> list[str]:
    """The section's lines for readers: the two readings, or why this run has none."""
    if readings is None:
        return [f"not read two ways in this run: the two readings concern Travis County's week-1 count, and this run is "
                f"{jurisdiction}, week {report_week}"]
    return [f"in Travis County (the report's count, by place): {readings['in_county']}",
            f"of them at the state jail facility in the county: {readings['state_jail']}",
            f"at the sheriff's own jail: {readings['county_jail']}; the sheriff's count for his jail: {readings['sheriff']} "
            f"(difference {readings['difference']:+d})"]


def statistics(readings: dict | None) -> list[Statistic]:
    """The two readings' counts (recorded when the run has them: Travis County, week 1)."""
    if readings is None:
        return []
    return [
        Statistic("ddor_week1_travis_state_jail_records", readings["state_jail"], "records",
                  "of Travis County's rows, those the press says belonged to the state jail facility in the county",
                  sources="ICE+press"),
        Statistic("ddor_week1_travis_county_jail_records", readings["county_jail"], "records",
                  "Travis County's rows less the state jail's: the rows at the sheriff's own jail", sources="ICE+press"),
        Statistic("ddor_week1_travis_county_jail_minus_sheriff", readings["difference"], "records",
                  "the rows at the sheriff's own jail minus the count the sheriff gives for it", sources="ICE+TCSO+press"),
    ]
