"""The sentences a notebook ends with about the articles' claims: which claims its figures bear on, and
the figure each is judged against.

A notebook never judges a claim itself: each claim is judged once, with its cross-checks and evidence
grade, by the claims audit (notebook 05, `audit.answer`), and every place that shows a verdict reads that
one result. A claim the public data cannot settle says here what would.
"""

from __future__ import annotations

from . import rawdata, verdicts
from .results import Statistic, display, unit_words

CLAIMS = "claims"


def for_claims(notebook: str, statistics: list[Statistic], changed: dict | None = None) -> list[str]:
    """What this notebook's statistics contribute to the claims of the ledger, in one sentence; with
    parameters other than the published ones (``changed``, as `answers.changed` gives it), one sentence
    saying that the claims are judged at the published parameters only: a statistic of the same name
    may then measure something else (another span of years, another week)."""
    if changed:
        names = list(changed)
        shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return [f"The articles' claims are judged only at the published parameters, in the claims audit (notebook "
                f"05). This run sets {shown} to other values, so its numbers answer another question than the "
                "articles ask."]
    ledger = rawdata.read_table(CLAIMS)
    computed = {item.statistic: item for item in statistics}
    judged, missing, unsettled = [], [], []
    for claim in ledger[ledger["notebook"] == notebook].to_dict("records"):
        label = f"“{claim['label']}”"
        if claim["check"] in ("compare", "trend"):
            item = computed.get(claim["statistic"])
            if item is None:
                missing.append(label)
            elif claim["check"] == "trend":
                judged.append(f"{label} (the smallest yearly change of the share, {item.value:+.1f} percentage "
                              "points, and the counts)")
            else:
                prefix = {"lower": "at least ", "upper": "at most "}.get(verdicts.bound_of(item.unit), "")
                words = unit_words(item.unit, item.value)
                judged.append(f"{label} ({prefix}{display(item.value, item.unit)}{' ' + words if words else ''})")
        elif claim["check"] == "not_verifiable":
            settled = claim.get("settled_by")
            unsettled.append(f"{label}" + (f" (it would take {settled})" if isinstance(settled, str) and settled else ""))
    sentences = []
    if judged:
        sentences.append("This notebook computes the figures these claims are judged against: " + "; ".join(judged)
                         + ". Each claim is judged once, with its cross-checks and evidence grade, in the claims audit "
                           "(notebook 05).")
    if missing:
        sentences.append("Not computed in this run, whose parameters do not cover what they refer to: "
                         + ", ".join(missing) + ".")
    if unsettled:
        sentences.append("The public record cannot settle " + "; ".join(unsettled) + ".")
    return sentences
