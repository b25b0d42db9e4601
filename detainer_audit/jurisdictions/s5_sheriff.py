"""Section 5 of notebook 03, "The sheriff's own counts".

The Travis County Sheriff's Office's figures around the same days, and what it declined once the
one-day conversion of existing detainers was over (the six weeks after 2017-02-01).
"""

from __future__ import annotations

import pandas as pd

from .. import results
from ..results import Statistic
from .shared import TRAVIS, sheriff_value


def sheriff_readers(sheriff: pd.DataFrame) -> pd.DataFrame:
    """The Travis County Sheriff's Office's own counts, in words."""
    frame = sheriff.copy()
    frame["as_of"] = frame["as_of"].dt.date.map(lambda d: d.isoformat()) if hasattr(frame["as_of"], "dt") else frame["as_of"]
    return results.for_readers(frame, {"counts": "what was counted", "value": "count", "as_of": "as of",
                                       "publisher": "published by"})


def six_weeks_after(sheriff: pd.DataFrame) -> tuple[int, int]:
    """The detainer requests the office declined, and those it received, in the six weeks after 2017-02-01."""
    return (sheriff_value(sheriff, "tcso_declined_six_weeks_after"),
            sheriff_value(sheriff, "tcso_received_six_weeks_after"))


def summary(sheriff: pd.DataFrame) -> str:
    """The section's line for readers."""
    declined, received = six_weeks_after(sheriff)
    return f"six weeks after 2017-02-01: {declined} of {received} detainer requests declined ({declined / received:.0%})"


def statistics(result: dict, sheriff: pd.DataFrame) -> list[Statistic]:
    """The share the office declined after the policy's first day (recorded when the run is Travis County's)."""
    if result["jurisdiction"] != TRAVIS:
        return []
    declined, received = six_weeks_after(sheriff)
    return [Statistic("travis_declined_share_six_weeks_after_policy_pct", declined / received * 100, "percent",
                      "detainer requests the Travis County Sheriff's Office declined, as a share of those it "
                      "received in the six weeks after 2017-02-01", sources="TCSO")]
