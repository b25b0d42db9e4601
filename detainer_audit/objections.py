"""The strongest objections a reviewer from either side would raise against the audit, each answered
with what the data say, in numbers computed by the notebooks (never typed here).

Each objection names the side that would raise it: those who find the articles' picture too dark
("doubt the articles") and those who find it too mild ("back the articles"). The answer is built from
the results table: the other notebooks' statistics and the claims audit's own (how many claims match only
their source); a statistic it needs and nobody computed is an error that names it, so an answer can never
go stale silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import verdicts
from .results import display

DOUBT = "those who doubt the articles"
BACK = "those who back the articles"


@dataclass(frozen=True)
class Objection:
    raised_by: str
    objection: str
    answer: str


class _Known:
    """The results table by statistic, with an error that names a statistic nobody computed."""

    def __init__(self, results_table: pd.DataFrame):
        self.table = results_table.set_index("statistic")

    def value(self, name: str) -> float:
        if name not in self.table.index:
            raise KeyError(f"objections: statistic {name!r} is not in data/processed/results.csv")
        return float(self.table.loc[name, "value"])

    def shown(self, name: str) -> str:
        return display(self.value(name), self.table.loc[name, "unit"])

    def span(self, name: str) -> str:
        """A statistic with its bounds where it has them: '6.5 % (4.8 to 6.5 %)'."""
        low, high = f"{name}_low", f"{name}_high"
        if low in self.table.index and high in self.table.index and self.value(low) != self.value(high):
            return f"{self.shown(name)} % ({self.shown(low)} to {self.shown(high)} % on every reading)"
        return f"{self.shown(name)} %"


def objections(results_table: pd.DataFrame) -> list[Objection]:
    known = _Known(results_table)
    return [
        Objection(
            DOUBT, "Calling CIS's counts 'reproduced' blesses a list nobody else has seen.",
            "The audit does not call them reproduced: "
            f"{known.shown('claims_matches_its_source_unverified')} claims read “{verdicts.MATCHES_SOURCE}”, "
            "because only their source backs them. What an outside count can say is their scale: CIS's total is "
            f"{known.span('declined_share_total')} of the detainers ICE issued over the same days (the Deportation "
            f"Data Project's counts), against {known.shown('declined_share_other_publishers_min')} % to "
            f"{known.shown('declined_share_other_publishers_max')} % in other publishers' counts of other years. "
            "Only a recount of ICE's records would verify the counts themselves."),
        Objection(
            DOUBT, "Detainers are not people: 22,000 declined detainers are not 22,000 people freed.",
            f"In the one period where CIS gave both (January to August 2014), there were "
            f"{known.shown('detainers_per_person_2014')} detainers per person. At that ratio, "
            f"{known.shown('declined_total')} detainers would be about {known.shown('people_for_claimed_detainers_at_2014_ratio')} "
            "people, an illustration rather than a count: the ratio of 2021 to 2024 is not public."),
        Objection(
            DOUBT, "The first 2017 report week was unrepresentative, because one county dominated it.",
            f"Travis County held {known.shown('travis_share_week1_pct')} % of week 1's declined records, but "
            f"{known.shown('travis_share_week2_pct')} % in week 2 and {known.shown('travis_share_week3_pct')} % in "
            f"week 3. Pooled over the three published weeks, its share was {known.shown('travis_share_weeks_1_3_pct')} %."),
        Objection(
            BACK, "A national share dilutes what a few sanctuary jurisdictions did.",
            "Declines are indeed concentrated. California held at most "
            f"{known.shown('largest_state_share_2022_2025')} % of the declines in CIS's April 2025 release, and one "
            f"jail at most {known.shown('largest_jail_share_2022_2025')} %. In 2017's week 1, one county held "
            f"{known.shown('largest_jurisdiction_share_2017_week1')} % of the records. A share for each jurisdiction "
            "would need the detainers issued to each, which no public source gives."),
        Objection(
            BACK, "The count of declines rose, whatever the share did.",
            f"Put on an annual footing, the count rose {known.shown('change_annualized_fy2022_pct')} % in FY2022 and "
            f"{known.shown('change_annualized_fy2023_pct')} % in FY2023, then changed "
            f"{known.shown('change_annualized_fy2024_pct')} % in the part of FY2024 that CIS counted. The share of "
            "detainers issued that were declined is the measure of how jurisdictions answered the requests they got, "
            "so the trend verdict rests on it; the count is given beside it."),
        Objection(
            BACK, "ICE's 2017 report counted only the declines it found, so the true number is higher.",
            "The report says so itself, and no public record gives the declines ICE did not find: the claim that "
            "the true number is higher cannot be checked. What can be counted goes the other way: ICE withdrew or "
            f"reassigned at least {known.shown('ddor_week1_corrected_records')} of week 1's records after publishing them."),
    ]
