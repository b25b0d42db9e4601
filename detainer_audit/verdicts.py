"""Verdict rules for the claims audit. Nothing is judged by hand: a verdict follows from the
claimed value, the reproduced value, whether the reproduced value is a bound, and the tolerance.

Rules (``r`` reproduced, ``c`` claimed, tolerances relative to ``c``):

* check ``context``: *opinion or context*.
* check ``not_verifiable``: *not verifiable*; the reason names the record that would settle it.
* comparator ``exactly`` (tolerance ``tolerance_exact``) or ``about`` (``tolerance_about``):
  |r - c| <= tolerance x |c| gives *reproduced*; otherwise *overstated* if c > r, *understated*
  if c < r. Years and other identifiers (unit ``year``) must match exactly.
* comparator ``more_than`` (``at_least``): r > c (r >= c) gives *reproduced*, otherwise *overstated*;
  ``less_than``: r < c gives *reproduced*, otherwise *understated*.
* comparator ``range``: low <= r <= high gives *reproduced*; below it *overstated*, above it
  *understated*.
* When the reproduced value is known only between two bounds, the claim is settled only where every value
  between them gives the same answer; otherwise it is *not verifiable* (consistent, unproven).
* When the reproduced value is a lower bound (its unit says so), the data show only that the true
  value is at least r: a claim below r beyond the tolerance is *understated*, a claim within the
  tolerance of r is *reproduced*, and a claim above it is *not verifiable* (consistent, unproven). An
  upper bound is read the same way from above. A bound on the far side of a claim never settles it.
* *reproduced* becomes *reproduced with caveat* when the ledger gives a caveat; every other verdict keeps
  its word and carries the caveat in its reason (a caveat never vanishes because a verdict is negative).
* A reproduced value backed only by the list the claim quotes (grade *own source only*) is
  *matches its source, unverified*: the audit shows the claim quotes its source correctly, nothing more.
* Cross-checks: the ledger may name other statistics that measure the same thing over the claim's
  period (``cross_checks``). Each is judged against the claim by the same rules. When the claim's own
  statistic says *reproduced* (with or without caveat) and a cross-check says *overstated* or
  *understated*, or the other way round, or the two point in opposite directions, the verdict is
  *sources disagree*, but only when the cross-check comes from a publisher the claim's own statistic
  does not rest on: two publishers at odds. Another span or reading of the same source that points
  another way is a caveat with both numbers, never *sources disagree*. A cross-check that can only bound
  the claim never overturns a verdict.

Trend claims (check ``trend``: "more and more", every year above the year before) are read two ways,
and the rule weighs both (`judge_trend`):

* the *share* reading: the smallest year-over-year change of the share of detainers issued that were
  declined (``statistic``, with its bounds). It *rose* every year when even the low end of the smallest
  change is above zero, it *fell* in some year when even its high end is below zero, otherwise it is
  unsettled;
* the *count* reading: the statistics named in ``cross_checks`` (the smallest change of the annualized
  count, and counts of later days), each judged like a compared claim.

The share decides when it is settled, because a claim that jurisdictions ignored requests more and
more is a claim about how they answered the requests they got: a share that fell gives *overstated*
whatever the count did; a share that rose gives *reproduced*, *with caveat* when the count points
elsewhere. An unsettled share leaves the count to decide, never better than *reproduced with caveat*.
The reason states both readings with their numbers.

Evidence grades (`grade`), strongest first; each names what the verdict rests on:

* *independent*: the claim's statistic, or a cross-check that agrees with the verdict, is computed from
  sources none of which is the source the claim itself relies on (``claim_source``).
* *primary document*: the statistic is read or recomputed from the primary record the claim cites
  (``claim_source_kind`` = primary, e.g. ICE's own weekly report), and nothing independent checks it.
* *press accounts of the document*: as *primary document*, but the project has read the figure only in
  press accounts of that document (``data/raw/claims_read_through_press.csv`` names them), not in a copy
  of the document itself.
* *own source against an independent count*: the verdict rests on the claim's own source set against
  another publisher's count (e.g. CIS's declines over the detainers DDP counts in ICE's records).
* *own source only*: only the source the claim relies on backs it (e.g. CIS's list of ICE records):
  the audit shows the claim quotes its source correctly, nothing more. Where the article names no source
  (``claim_source_kind`` = unnamed), ``claim_source`` is the publisher whose figure the project matched.
* *bounds only*: the public data give only a bound on the claimed value.
* *none*: nothing public checks it (not verifiable, or opinion and context).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .results import display, unit_words

REPRODUCED = "reproduced"
WITH_CAVEAT = "reproduced with caveat"
OVERSTATED = "overstated"
UNDERSTATED = "understated"
NOT_VERIFIABLE = "not verifiable"
CONTEXT = "opinion or context"
SOURCES_DISAGREE = "sources disagree"
MATCHES_SOURCE = "matches its source, unverified"
VERDICTS = (REPRODUCED, WITH_CAVEAT, MATCHES_SOURCE, SOURCES_DISAGREE, OVERSTATED, UNDERSTATED, NOT_VERIFIABLE,
            CONTEXT)

INDEPENDENT = "independent"
PRIMARY = "primary document"
PRESS_ACCOUNTS = "press accounts of the document"
OWN_AGAINST_INDEPENDENT = "own source against an independent count"
OWN_SOURCE = "own source only"
BOUNDS_ONLY = "bounds only"
NO_EVIDENCE = "none"
GRADES = (INDEPENDENT, PRIMARY, PRESS_ACCOUNTS, OWN_AGAINST_INDEPENDENT, OWN_SOURCE, BOUNDS_ONLY, NO_EVIDENCE)
CLAIM_SOURCE_KINDS = ("primary", "secondary", "unnamed")
_DIRECTION = {REPRODUCED: 0, WITH_CAVEAT: 0, MATCHES_SOURCE: 0, OVERSTATED: 1, UNDERSTATED: -1}
DEFINITE = tuple(_DIRECTION)  # the verdicts that settle a claim one way or the other

# what each verdict and grade means, in words for readers (the README, the report and the notebooks read
# these, so that the meaning is written once)
VERDICT_MEANINGS = {
    REPRODUCED: "the number holds, within the tolerance",
    WITH_CAVEAT: "the number holds, but the framing needs the context the reason gives",
    MATCHES_SOURCE: "the claim quotes its source correctly, and nothing else backs the figure",
    SOURCES_DISAGREE: "two publishers' counts point different ways",
    OVERSTATED: "the claim is larger than the data show, beyond the tolerance",
    UNDERSTATED: "the claim is smaller than the data show, beyond the tolerance",
    NOT_VERIFIABLE: "the public data cannot settle it; the reason names the record that would",
    CONTEXT: "no number to check",
}
GRADE_MEANINGS = {
    INDEPENDENT: "a publisher other than the claim's own source gives the value",
    PRIMARY: "read in the record the claim cites",
    PRESS_ACCOUNTS: "the cited record's figure, read only in press accounts of it, which the evidence names",
    OWN_AGAINST_INDEPENDENT: "the claim's own source set against another publisher's count",
    OWN_SOURCE: "only the source the claim quotes backs it",
    BOUNDS_ONLY: "the public data give only a bound",
    NO_EVIDENCE: "nothing public checks it",
}


# The one set of tolerances every verdict is judged at (relative to the claimed value); the claims audit's
# parameters default to these and the published run uses them.
TOLERANCE_EXACT = 0.005  # numbers stated exactly: 0.5 %
TOLERANCE_ABOUT = 0.10   # rounded or "roughly" numbers, including "double": 10 %


@dataclass(frozen=True)
class Verdict:
    verdict: str
    reason: str
    reproduced: float | None = None
    difference: float | None = None
    relative_difference: float | None = None


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def bound_of(unit: str) -> str:
    """'lower' or 'upper' when a results unit marks the value as a bound, 'between' when it is the low end
    of two bounds (the high end is the statistic of the same name with ``_high``), else 'exact'."""
    unit = unit or ""
    if "between bounds" in unit:
        return "between"
    if "lower bound" in unit:
        return "lower"
    if "upper bound" in unit:
        return "upper"
    return "exact"


def judge(claim: dict, reproduced: float | None = None, bound: str = "exact",
          tolerance_exact: float = TOLERANCE_EXACT, tolerance_about: float = TOLERANCE_ABOUT,
          high: float | None = None) -> Verdict:
    check = claim["check"]
    unit = claim.get("unit") or ""

    def fmt(value: float) -> str:  # the one reader formatter, with the claim's unit
        return display(value, unit)

    caveat = "" if _blank(claim.get("caveat")) else str(claim["caveat"])
    if check == "context":
        return Verdict(CONTEXT, "no number to check" + (f": {caveat}" if caveat else ""))
    if check == "not_verifiable":
        settled = claim.get("settled_by")
        return Verdict(NOT_VERIFIABLE, with_caveat("the public data cannot settle it; needs "
                       + (str(settled) if not _blank(settled) else "records that are not public"), caveat))
    if check != "compare":
        raise ValueError(f"claim {claim['claim_id']}: unknown check {check!r}")
    if reproduced is None or _blank(reproduced):
        raise ValueError(f"claim {claim['claim_id']}: no reproduced value for statistic {claim['statistic']!r}")
    comparator = claim["comparator"]
    c, r = claim["claimed_value"], float(reproduced)
    if _blank(c):
        raise ValueError(f"claim {claim['claim_id']}: check 'compare' needs a claimed value")
    c = float(c)
    difference = r - c
    relative = difference / abs(c) if c != 0 else None
    if claim.get("unit") == "year":
        shown = f"claimed {c:.0f} ({comparator.replace('_', ' ')}), reproduced {r:.0f}"
    else:
        shown = f"claimed {fmt(c)} ({comparator.replace('_', ' ')}), reproduced {fmt(r)}"

    def result(verdict: str, why: str) -> Verdict:
        if verdict == REPRODUCED and caveat:
            verdict = WITH_CAVEAT
        return Verdict(verdict, with_caveat(f"{shown}: {why}", caveat), r, difference, relative)

    def unproven(why: str) -> Verdict:  # a bound on the wrong side of the claim: consistent, not proof
        return result(NOT_VERIFIABLE, f"{why}, consistent with the claim but not proof of it"
                      + (f"; needs {claim['settled_by']}" if not _blank(claim.get("settled_by")) else ""))

    if bound == "between":
        if high is None or high < r:
            raise ValueError(f"claim {claim['claim_id']}: a value between bounds needs its high end, at least {r}")
        return _between(claim, c, r, float(high), result, unproven, fmt, tolerance_exact, tolerance_about)
    if comparator in ("exactly", "about"):
        tolerance = 0.0 if claim.get("unit") == "year" else (tolerance_exact if comparator == "exactly" else tolerance_about)
        within = abs(difference) <= tolerance * abs(c) + 1e-12
        band = "exact match that a year requires" if tolerance == 0 else f"tolerance {tolerance:.1%}"
        gap = "equal" if difference == 0 else (f"{abs(relative):.1%} {'above' if difference > 0 else 'below'} the claim"
                                               if relative is not None else f"differs by {fmt(difference)}")
        if bound == "lower":
            if within:
                return result(REPRODUCED, f"the data show at least {fmt(r)}, matching the claim ({band})")
            if c < r:
                return result(UNDERSTATED, f"the data already show at least {fmt(r)}, more than claimed ({band})")
            return unproven(f"the public data give only a lower bound of {fmt(r)}")
        if bound == "upper":
            if within:
                return result(REPRODUCED, f"the data show at most {fmt(r)}, matching the claim ({band})")
            if c > r:
                return result(OVERSTATED, f"the data show at most {fmt(r)}, less than claimed ({band})")
            return unproven(f"the public data give only an upper bound of {fmt(r)}")
        if within:
            return result(REPRODUCED, f"{gap}, within the {band}")
        if c > r:
            return result(OVERSTATED, f"{gap}, outside the {band}")
        return result(UNDERSTATED, f"{gap}, outside the {band}")
    if comparator in ("more_than", "at_least"):
        holds = r > c if comparator == "more_than" else r >= c - 1e-9 * max(1.0, abs(c))
        said = f"{'more than' if comparator == 'more_than' else 'at least'} {fmt(c)}"
        if holds and bound != "upper":
            return result(REPRODUCED, f"{said} holds" + (f" (by {fmt(difference)})" if difference else ""))
        if not holds and bound == "lower":
            return unproven("only a lower bound is known")
        if holds:  # at most r, r above the claim: the data cannot tell
            return unproven(f"the public data give only an upper bound of {fmt(r)}")
        return result(OVERSTATED, f"not {said} (short by {fmt(-difference)})")
    if comparator == "less_than":
        if r < c and bound != "lower":
            return result(REPRODUCED, f"less than {fmt(c)} holds (by {fmt(-difference)})")
        if r < c:
            return unproven("only a lower bound is known")
        if bound == "upper":
            return unproven(f"the public data give only an upper bound of {fmt(r)}")
        return result(UNDERSTATED, f"not less than {fmt(c)} (over by {fmt(difference)})")
    if comparator == "range":
        high = claim.get("claimed_high")
        if _blank(high):
            raise ValueError(f"claim {claim['claim_id']}: a range needs claimed_high")
        high = float(high)
        if bound == "lower" and r <= high:
            return unproven(f"the public data give only a lower bound of {fmt(r)}")
        if bound == "upper" and r >= c:
            return unproven(f"the public data give only an upper bound of {fmt(r)}")
        if c <= r <= high:
            return result(REPRODUCED, f"inside the claimed range {fmt(c)} to {fmt(high)}")
        if r < c:
            return result(OVERSTATED, f"below the claimed range {fmt(c)} to {fmt(high)}")
        return result(UNDERSTATED, f"above the claimed range {fmt(c)} to {fmt(high)}")
    raise ValueError(f"claim {claim['claim_id']}: comparator {comparator!r} cannot be compared")


def _between(claim: dict, c: float, low: float, high: float, result, unproven, fmt, tolerance_exact: float,
             tolerance_about: float) -> Verdict:
    """A claim against a value known only to lie between two bounds: settled only where every value between
    them gives the same answer."""
    comparator = claim["comparator"]
    span = f"the data put it between {fmt(low)} and {fmt(high)}"
    if comparator in ("exactly", "about"):
        tolerance = 0.0 if claim.get("unit") == "year" else (tolerance_exact if comparator == "exactly" else tolerance_about)
        floor, ceiling = c - tolerance * abs(c) - 1e-12, c + tolerance * abs(c) + 1e-12
        if floor <= low and high <= ceiling:
            return result(REPRODUCED, f"{span}, all within the tolerance {tolerance:.1%}")
        if high < floor:
            return result(OVERSTATED, f"{span}, all below the claim beyond the tolerance {tolerance:.1%}")
        if low > ceiling:
            return result(UNDERSTATED, f"{span}, all above the claim beyond the tolerance {tolerance:.1%}")
        return unproven(span)
    if comparator in ("more_than", "at_least"):
        holds = (lambda v: v > c) if comparator == "more_than" else (lambda v: v >= c)
        if holds(low):
            return result(REPRODUCED, f"{span}: {comparator.replace('_', ' ')} {fmt(c)} holds at both ends")
        if not holds(high):
            return result(OVERSTATED, f"{span}: {comparator.replace('_', ' ')} {fmt(c)} fails at both ends")
        return unproven(span)
    if comparator == "less_than":
        if high < c:
            return result(REPRODUCED, f"{span}: less than {fmt(c)} holds at both ends")
        if low >= c:
            return result(UNDERSTATED, f"{span}: less than {fmt(c)} fails at both ends")
        return unproven(span)
    if comparator == "range":
        top = float(claim["claimed_high"])
        if c <= low and high <= top:
            return result(REPRODUCED, f"{span}, inside the claimed range {fmt(c)} to {fmt(top)}")
        if high < c:
            return result(OVERSTATED, f"{span}, below the claimed range {fmt(c)} to {fmt(top)}")
        if low > top:
            return result(UNDERSTATED, f"{span}, above the claimed range {fmt(c)} to {fmt(top)}")
        return unproven(span)
    raise ValueError(f"claim {claim['claim_id']}: comparator {comparator!r} cannot be compared")


def with_caveat(reason: str, caveat: str) -> str:
    """A reason with the ledger's caveat after it, whatever the verdict: a caveat is context that a
    negative verdict must not lose any more than a positive one."""
    if not caveat:
        return reason
    return f"{reason}; caveat: {caveat}"


ROSE, FELL, UNSETTLED = "rose", "fell", "unsettled"


def direction(low: float, high: float) -> str:
    """Which way a change bounded by low..high went: rose (low > 0), fell (high < 0) or unsettled."""
    if low > 0:
        return ROSE
    if high < 0:
        return FELL
    return UNSETTLED


def judge_trend(claim: dict, share_low: float, share_high: float, share_estimate: float,
                counts: list[tuple[str, float, str]]) -> Verdict:
    """A 'more and more' claim weighed on the share and on the count (rules in the module docstring).

    ``share_*``: the smallest year-over-year change of the declined share (percentage points).
    ``counts``: (what it is, value, verdict[, unit]) for each count reading, judged like a compared claim."""
    caveat = "" if _blank(claim.get("caveat")) else str(claim["caveat"])
    share = direction(share_low, share_high)
    span = (f"{share_estimate:+.1f} percentage points" if share_low == share_high else
            f"{share_estimate:+.1f} percentage points with the doubled weeks halved, {share_low:+.1f} to "
            f"{share_high:+.1f} on every reading")
    share_said = {ROSE: f"as a share of detainers issued, declines rose every year (smallest change {span})",
                  FELL: f"as a share of detainers issued, declines did not rise every year (smallest change {span})",
                  UNSETTLED: f"as a share of detainers issued, the bounds leave the smallest change unsettled ({span})"}[share]
    definite = [verdict for _, _, verdict, *_ in counts if verdict in _DIRECTION]
    if definite and all(_DIRECTION[v] == 0 for v in definite):
        count = ROSE
    elif definite and all(_DIRECTION[v] != 0 for v in definite):
        count = FELL
    else:
        count = UNSETTLED
    count_said = "; ".join(f"{what}: {display(value, rest[0] if rest else '')} {unit_words(rest[0] if rest else '')} ({verdict})"
                           for what, value, verdict, *rest in counts)
    count_said = {ROSE: "counted in declines, every reading rose", FELL: "counted in declines, no reading rose every year",
                  UNSETTLED: "counted in declines, the readings point different ways"}[count] + (f" ({count_said})" if count_said else "")
    reason = f"{share_said}; {count_said}"
    if share == FELL:
        verdict = OVERSTATED
    elif share == ROSE:
        verdict = REPRODUCED if count == ROSE else WITH_CAVEAT
    elif count == ROSE:
        verdict = WITH_CAVEAT
    elif count == FELL:
        verdict = OVERSTATED
    else:
        verdict = NOT_VERIFIABLE
    if verdict == REPRODUCED and caveat:
        verdict = WITH_CAVEAT
    return Verdict(verdict, with_caveat(reason, caveat), share_estimate)


@dataclass(frozen=True)
class Check:
    """One statistic judged against the claim: its name, sources, value, bound and verdict."""
    statistic: str
    sources: frozenset
    value: float
    bound: str
    verdict: str


def disagreement(own: str, checks: list[Check]) -> list[Check]:
    """The cross-checks whose verdict points another way than the claim's own verdict.

    Only definite verdicts count (reproduced, overstated, understated): a check that can only bound
    the claim (not verifiable) agrees with anything."""
    if own not in _DIRECTION:
        return []
    return [c for c in checks if c.verdict in _DIRECTION and _DIRECTION[c.verdict] != _DIRECTION[own]]


def grade(check: str, claim_source: str, claim_source_kind: str, own: Check | None,
          cross: list[Check] | tuple = (), read_through_press: bool = False) -> str:
    """The evidence grade of a claim's verdict (rules in the module docstring).

    ``read_through_press``: the project read the cited document's figure only in press accounts of it."""
    if check not in ("compare", "trend") or own is None:
        return NO_EVIDENCE
    if claim_source_kind not in CLAIM_SOURCE_KINDS:
        raise ValueError(f"claim_source_kind must be one of {CLAIM_SOURCE_KINDS}, not {claim_source_kind!r}")
    if not own.sources:
        raise ValueError(f"statistic {own.statistic!r} names no sources: its evidence cannot be graded")
    if read_through_press and claim_source_kind != "primary":
        raise ValueError("only a primary document can be read through press accounts of it "
                         f"(claim_source_kind is {claim_source_kind!r})")
    agreeing = [c for c in cross if c.verdict in _DIRECTION and own.verdict in _DIRECTION
                and _DIRECTION[c.verdict] == _DIRECTION[own.verdict]]
    # two bounds that settle the claim (every value between them gives one answer) settle it like a number
    settled = own.bound == "exact" or (own.bound == "between" and own.verdict in _DIRECTION)
    if own.bound != "exact" and own.verdict == NOT_VERIFIABLE:
        return BOUNDS_ONLY
    if any(claim_source not in c.sources for c in [own] + agreeing):
        return INDEPENDENT if settled or agreeing else BOUNDS_ONLY
    if not settled and check != "trend":
        return BOUNDS_ONLY
    if claim_source_kind == "primary":
        return PRESS_ACCOUNTS if read_through_press else PRIMARY
    if own.sources - {claim_source}:
        return OWN_AGAINST_INDEPENDENT
    return OWN_SOURCE


# one colour per verdict and per evidence grade, for the claims audit's figure and the HTML report (here,
# not in the figure style, so that reading them imports no plotting library)
VERDICT_COLORS = {
    REPRODUCED: "#3b6e8f", WITH_CAVEAT: "#7fa7c2", MATCHES_SOURCE: "#c9a227", SOURCES_DISAGREE: "#8c5a9e",
    OVERSTATED: "#b23a48",
    UNDERSTATED: "#d9822b", NOT_VERIFIABLE: "#6b6b6b", CONTEXT: "#c8c8c8",
}
GRADE_COLORS = {
    INDEPENDENT: "#1b7f4b", PRIMARY: "#3b6e8f", PRESS_ACCOUNTS: "#6f93ad", OWN_AGAINST_INDEPENDENT: "#a3b86c",
    OWN_SOURCE: "#c9a227",
    BOUNDS_ONLY: "#9a9a9a", NO_EVIDENCE: "#dddddd",
}
