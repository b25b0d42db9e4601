"""Section 5 of notebook 04, "Detainers or people": a count of declined detainers is not a count of people,
since one person can have several detainers. One source gives both for the same declines (CIS, January to
August 2014, from an ICE report); what that ratio says about later counts is an illustration only.
"""

from __future__ import annotations

import math

import pandas as pd

from ..results import Statistic, display

FIGURE = "04-detainers-or-people"
PER_PERSON = "detainers per person"


def detainers_and_people(counts: pd.DataFrame, claimed_detainers: float) -> dict:
    """Where one source gives both the declined detainers and the people they were for (CIS, January
    to August 2014), the detainers per person; what a count of detainers can and cannot say about people."""
    both = counts[counts["count_id"].isin(["cis2015_declined_2014_01_to_08", "cis2015_people_2014_01_to_08"])]
    detainers = float(both.loc[both["unit"] == "detainers", "value"].iloc[0])
    people = float(both.loc[both["unit"] == "people", "value"].iloc[0])
    ap = counts.loc[counts["count_id"] == "ap_declined_2014_01_to_08", "value"]
    ratio = detainers / people
    return {"detainers": detainers, "people": people, "detainers_per_person": ratio,
            "people_per_100_detainers": people / detainers * 100,
            "claimed_detainers": claimed_detainers, "people_at_2014_ratio": claimed_detainers / ratio,
            "ap_declined": float(ap.iloc[0]) if len(ap) else math.nan,
            "ap_vs_cis_pct": (float(ap.iloc[0]) / detainers - 1) * 100 if len(ap) else math.nan}


def summary(people: dict) -> str:
    p = people
    return "\n".join([
        f"{display(p['detainers'])} declined detainers for {display(p['people'])} people: "
        f"{display(p['detainers_per_person'], PER_PERSON)} detainers per person "
        f"({display(p['people_per_100_detainers'])} people per 100 detainers)",
        f"at that ratio the 2024 article's {display(p['claimed_detainers'])} detainers would be about "
        f"{display(p['people_at_2014_ratio'])} people: an illustration, since the ratio of 2014 need not hold later",
        f"ICE's own figure for the same months, via AP: about {display(p['ap_declined'])} "
        f"({display(p['ap_vs_cis_pct'], 'percent')}% against CIS)"])


def findings(people: dict) -> list[str]:
    return [f"A count of detainers is not a count of people: the one source that gives both (January to August 2014) "
            f"has {display(people['detainers_per_person'], PER_PERSON)} detainers per person; how many people later "
            "counts stand for cannot be known from the published figures."]


def statistics(people: dict) -> list[Statistic]:
    p = people
    return [
        Statistic("detainers_per_person_2014", p["detainers_per_person"], PER_PERSON,
                  f"CIS: {display(p['detainers'])} declined detainers for {display(p['people'])} people, "
                  "January to August 2014", headline=True, sources="CIS"),
        Statistic("people_for_claimed_detainers_at_2014_ratio", p["people_at_2014_ratio"], "people (estimate)",
                  f"{display(p['claimed_detainers'])} detainers at the 2014 ratio: an illustration, not a count",
                  sources="CIS"),
        Statistic("ap_vs_cis_declined_2014_pct", p["ap_vs_cis_pct"], "percent",
                  f"ICE's figure via AP (about {display(p['ap_declined'])}) against CIS's {display(p['detainers'])} "
                  "from an ICE report, same months", sources="AP+CIS"),
    ]


def figure(people: dict):
    """Declined detainers against the people they were for (CIS, January to August 2014)."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ..figures import PALETTE, source_note, thousands

    drawn = pd.DataFrame({"label": ["declined detainers, Jan-Aug 2014", "people they were for",
                                    "the 2024 article's detainers", "people, at the 2014 ratio (illustration)"],
                          "value": [people[k] for k in ("detainers", "people", "claimed_detainers", "people_at_2014_ratio")]})
    fig, ax = plt.subplots(figsize=(7.0, 3.4))
    sns.barplot(drawn, x="value", y="label", hue="label", legend=False, errorbar=None, ax=ax,
                palette=[PALETTE[k] for k in ("full", "partial", "annualized", "muted")])
    for bars in ax.containers:
        ax.bar_label(bars, fmt=display, padding=3, fontsize=8)
    thousands(ax, "x")
    ax.tick_params(axis="y", labelsize=8)
    ax.xaxis.grid(True)
    ax.set(xlabel="", ylabel="",
           title=f"Detainers or people: {display(people['detainers_per_person'], PER_PERSON)} detainers per person in 2014")
    source_note(fig, "Source: CIS (July 2015), from an ICE report. The ratio of another period need not hold in 2021-2024.")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig, drawn.round({"value": 2})
