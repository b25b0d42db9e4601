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


def six_weeks_after(sheriff: pd.DataFrame) -> dict:
    """The detainer requests the office declined, those it received, and the share declined (percent), in
    the six weeks after 2017-02-01."""
    declined = sheriff_value(sheriff, "tcso_declined_six_weeks_after")
    received = sheriff_value(sheriff, "tcso_received_six_weeks_after")
    return {"declined": declined, "received": received, "share_pct": declined / received * 100}


def summary(six_weeks: dict) -> str:
    """The section's line for readers (``six_weeks``, `six_weeks_after`)."""
    return (f"six weeks after 2017-02-01: {six_weeks['declined']} of {six_weeks['received']} detainer requests "
            f"declined ({six_weeks['share_pct'] / 100:.0%})")


def statistics(result: dict, six_weeks: dict) -> list[Statistic]:
    """The share the office declined after the policy's first day (recorded when the run is Travis County's)."""
    if result["jurisdiction"] != TRAVIS:
        return []
    return [Statistic("travis_declined_share_six_weeks_after_policy_pct", six_weeks["share_pct"], "percent",
                      "detainer requests the Travis County Sheriff's Office declined, as a share of those it "
                      "received in the six weeks after 2017-02-01", sources="TCSO")]
