"""Judging claims against the record with the claims audit's own judgement (`audit.ledger.audit`), not a copy.

Each claim becomes a ledger row and each count on its footing a statistic; the best count is the one the
claim is judged against, the others are its cross-checks (low-confidence figures are context, never
judged). The verdict, the reason and the evidence grade are then exactly those the claims audit gives:
the same rules, the same tolerances, the same grades (a claim backed only by its own publisher's count
is *own source only*; another publisher's count makes it *independent*).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from .. import params
from ..audit import ledger as claims_audit
from .. import longer_record as lr
from ..results import SOURCE_KEYS
from ..longer_record.shared import PUBLISHERS, SPELLED_OUT
from .claims import MEASURES, Claim, claim_words, unit
from .footing import Footed, bearing
from .record import Record

CHECK_COLUMNS = ["claim_id", "said_by", "measure", "value", "value_high", "comparator", "from", "to", "per", "verdict",
                 "evidence_grade", "reproduced_value", "low", "high", "reason", "counts_used", "evidence"]
USED_COLUMNS = ["claim_id", "rank", "count_id", "role", "sources", "publisher", "definition", "period_start",
                "period_end", "relation", "how", "estimate", "low", "high", "confidence"]
def source_key(said_by: str) -> str:
    """The publisher key of who made the claim, when it is a publisher of the record (CIS, ICE, DHS...);
    otherwise the name as given (a claim by anyone else is checked against every publisher's counts)."""
    text = said_by.strip()
    for key in SOURCE_KEYS:
        names = {key.lower(), SOURCE_KEYS[key].lower(), PUBLISHERS.get(key, "").lower(), SPELLED_OUT.get(key, "").lower()}
        if text.lower() in names or any(name and text.lower() in name.split(" (")[0:1] for name in names):
            return key
    return text or "unattributed"


def _day(ordinal: int) -> str:
    return dt.date.fromordinal(int(ordinal)).isoformat()


def _words(footed: Footed, claim: Claim) -> str:
    relation = {"same": "", "contains": "; it counts more outcomes than the claim's measure, so it is an upper bound",
                "contained": "; it counts fewer outcomes than the claim's measure, so it is a lower bound"}[footed.relation]
    period = f"{_day(footed.start)} to {_day(footed.end)}"
    differs = "" if (footed.start, footed.end) == (claim.start.toordinal(), claim.end.toordinal()) else \
        f" (its period differs from the claim's {claim.start} to {claim.end})"
    shown = footed.value.shown(unit(claim))
    return (f"{footed.publisher}, {footed.definition}, {period}{differs}: {shown} on the claim's footing, "
            f"{footed.how}{relation}" + ("; low confidence, context only" if footed.context_only else ""))


def _settled_by(claim: Claim, record: Record) -> str:
    if claim.measure == "detainers_issued":
        spans = [f"{s.publisher.split(',')[0]}'s {s.definition} cover {s.first} to {s.last}" for s in record.series
                 if s.measure == "issued" and not s.series_id.endswith("_summed")]
        return ("a count of the detainers ICE issued over those days, such as ICE's record-level detainer files or an "
                "ICE annual report; in the record here, " + "; ".join(spans))
    if claim.measure == "declined_share":
        return ("a count of declines and a count of detainers issued that both hold every day of the claim, or a "
                "published share over exactly those days")
    return (f"a count of {MEASURES[claim.measure]} over those days, such as ICE's record-level files with their lift "
            "reasons (the Deportation Data Project publishes them) or an ICE or CIS release covering them")


def _statistics(name: str, footed: Footed, claim: Claim) -> list[dict]:
    """A count on the claim's footing as the claims audit reads a statistic: a number, a lower or an upper
    bound, or the low end of two bounds with the high end beside it (``<name>_high``)."""
    kind = footed.kind
    value, suffix = footed.value.low, ""
    if kind == "lower":
        suffix = " (lower bound)"
    elif kind == "upper":
        value, suffix = footed.value.high, " (upper bound)"
    elif kind == "between":
        suffix = " (between bounds)"
    row = {"statistic": name, "value": value, "unit": unit(claim) + suffix, "headline": "no", "notebook": "check",
           "sources": footed.sources, "description": f"{footed.publisher.split(',')[0]}, {footed.definition}, "
                                                     f"{_day(footed.start)} to {_day(footed.end)}"}
    if kind != "between":
        return [row]
    return [row, {**row, "statistic": f"{name}_high", "value": footed.value.high, "unit": unit(claim) + " (upper bound)"}]


# a count spread over a period more than twice the claim's is too coarse to cross-check it (the same
# threshold as the longer record's pairing of counts, notebook 04's published min_period_overlap)
MIN_FIT = params.published(lr.Parameters)["min_period_overlap"]


def roles(footed: list[Footed]) -> dict[int, str]:
    """What each count does in the judgement: the best one is judged against; others holding all the claim's
    days, over a period at most twice the claim's, are cross-checks; counts of part of the days only bound
    it, and those spread over a much longer period are context like low-confidence figures."""
    usable = [f for f in footed if not f.context_only]
    best = usable[0] if usable else None

    def role(f: Footed) -> str:
        if f.context_only:
            return "context"
        if f is best:
            return "judged against"
        if not f.whole:
            return "part of the days"
        return "cross-check" if f.fit >= MIN_FIT else "longer period"
    return {id(f): role(f) for f in footed}


def judge(claims: list[Claim], record: Record) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every claim judged against the record: one row a claim (``check.csv``) and one row a count used."""
    ledger, statistics, used, footed_by_claim = [], [], [], {}
    for number, claim in enumerate(claims):
        footed = bearing(record, claim)
        role = roles(footed)
        footed_by_claim[claim.claim_id] = (footed, role)
        names = {id(f): f"k{number}_{rank}" for rank, f in enumerate(footed)}
        for rank, f in enumerate(footed):
            statistics.extend(_statistics(names[id(f)], f, claim))
            used.append({"claim_id": claim.claim_id, "rank": rank, "count_id": f.count_id, "role": role[id(f)],
                         "sources": f.sources, "publisher": f.publisher, "definition": f.definition,
                         "period_start": _day(f.start), "period_end": _day(f.end), "relation": f.relation,
                         "how": f.how, "estimate": f.estimate, "low": _finite(f.value.low),
                         "high": _finite(f.value.high), "confidence": f.confidence})
        judged = [names[id(f)] for f in footed if role[id(f)] == "judged against"]
        ledger.append({
            "claim_id": claim.claim_id, "label": claim.claim_id, "article": claim.said_by or "unattributed",
            "article_date": "", "claim": claim_words(claim), "claimed_value": claim.value,
            "claimed_high": claim.value_high, "comparator": claim.comparator, "unit": unit(claim),
            "period": f"{claim.start} to {claim.end}", "check": "compare" if judged else "not_verifiable",
            "statistic": judged[0] if judged else "", "caveat": "",
            "settled_by": "" if judged else _settled_by(claim, record),
            # the evidence is graded against the publisher whose figure the claim repeats, where the file names
            # one, else against who made the claim
            "claim_source": source_key(claim.relies_on or claim.said_by), "claim_source_kind": "secondary",
            "cross_checks": " ".join(names[id(f)] for f in footed if role[id(f)] == "cross-check"),
            "context_checks": "", "scale_check": "", "notebook": "check",
        })
    results_table = pd.DataFrame(statistics, columns=["statistic", "value", "unit", "headline", "notebook", "sources",
                                                      "description"])
    judged_table = claims_audit.audit(pd.DataFrame(ledger), results_table)
    rows = []
    for claim, verdict in zip(claims, judged_table.itertuples()):
        footed, role = footed_by_claim[claim.claim_id]
        best = next((f for f in footed if role[id(f)] == "judged against"), None)
        rows.append({"claim_id": claim.claim_id, "said_by": claim.said_by, "measure": claim.measure,
                     "value": claim.value, "value_high": claim.value_high, "comparator": claim.comparator,
                     "from": claim.start.isoformat(), "to": claim.end.isoformat(), "per": claim.per,
                     "verdict": verdict.verdict, "evidence_grade": verdict.evidence_grade,
                     "reproduced_value": None if best is None else (best.estimate if best.estimate is not None
                                                                    else _statistics("", best, claim)[0]["value"]),
                     "low": None if best is None else _finite(best.value.low),
                     "high": None if best is None else _finite(best.value.high),
                     "reason": _reason(verdict.reason, footed, role, claim),
                     "counts_used": " ".join(f.count_id for f in footed),
                     "evidence": verdict.evidence if isinstance(verdict.evidence, str) else ""})
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    for column in ("reproduced_value", "low", "high"):
        table[column] = table[column].astype("float64").round(4)
    counts = pd.DataFrame(used, columns=USED_COLUMNS)
    for column in ("estimate", "low", "high"):
        counts[column] = counts[column].astype("float64").round(4)
    return table, counts


def _reason(judged: str, footed: list[Footed], role: dict[int, str], claim: Claim) -> str:
    """The audit's reason, then every count used, in words: the one judged against and the cross-checks in
    full; those of part of the days and the context, briefly."""
    parts = [judged]
    main = [f for f in footed if role[id(f)] in ("judged against", "cross-check")]
    if main:
        parts.append("Counts used: " + "; ".join(f"{role[id(f)]}, {_words(f, claim)}" for f in main))
    partial = [f for f in footed if role[id(f)] == "part of the days"]
    if partial:
        parts.append(f"{len(partial)} other count(s) cover only part of the claim's days and give only lower bounds: "
                     + "; ".join(f"{f.publisher.split(',')[0]} {_day(f.start)} to {_day(f.end)}, "
                                 f"{f.value.shown(unit(claim))}" for f in partial))
    longer = [f for f in footed if role[id(f)] == "longer period"]
    if longer:
        parts.append("Spread over a period more than twice the claim's, so shown but not judged: "
                     + "; ".join(_words(f, claim) for f in longer))
    context = [f for f in footed if role[id(f)] == "context"]
    if context:
        parts.append("Low-confidence figures, context only: " + "; ".join(_words(f, claim) for f in context))
    return ". ".join(parts) + "."


def _finite(value):
    return None if value is None or (isinstance(value, float) and (math.isinf(value) or math.isnan(value))) else value
