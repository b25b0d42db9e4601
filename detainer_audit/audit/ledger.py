"""Every row of the claims ledger judged once against the results table: its verdict, reason, evidence grade
and the words readers see (`audit`). Every place that shows a verdict (notebook 05, claims_audit.csv, the
README, the report, `make check`) reads what this judges."""

from __future__ import annotations

import pandas as pd

from .. import evidence, verdicts
from ..results import display, fill, split_sources

AUDIT_COLUMNS = ["claim_id", "label", "article", "article_date", "claim", "claimed_value", "claimed_high", "comparator",
                 "unit", "statistic", "reproduced_value", "bound", "difference", "relative_difference",
                 "claimed_shown", "reproduced_shown", "verdict", "evidence_grade", "reproduced_from", "source_named_by_article", "cross_checks_agreeing",
                 "cross_checks_disagreeing", "reason", "evidence", "shared_notes", "statistics", "notebook"]


class LedgerError(ValueError):
    """A ledger row cannot be audited (for example: it names a statistic nobody computes)."""


def _names(text) -> list[str]:
    return [] if text is None or (isinstance(text, float) and pd.isna(text)) else str(text).split()


class Known:
    """The results table by statistic: ``.loc`` and ``.index`` as a DataFrame indexed by statistic, and
    ``row(name)`` for the one read each claim needs many times (a dictionary, not a pandas look-up, so that
    a thousand claims are judged in well under a second)."""

    def __init__(self, results_table: pd.DataFrame):
        self.frame = results_table.set_index("statistic")
        self.loc = self.frame.loc
        self.index = set(self.frame.index)
        self.rows = {name: (float(value), unit, sources, description) for name, value, unit, sources, description
                     in zip(results_table["statistic"], results_table["value"], results_table["unit"],
                            results_table["sources"], results_table["description"])}
        self._sources: dict[str, frozenset] = {}

    def row(self, name: str) -> tuple[float, str, frozenset, str]:
        value, unit, sources, description = self.rows[name]
        if sources not in self._sources:
            self._sources[sources] = frozenset(split_sources(sources))
        return value, unit, self._sources[sources], description


def _lookup(known: Known, name: str, line: int, claim_id: str, column: str) -> tuple[float, str, frozenset, str]:
    if name not in known.index:
        raise LedgerError(f"data/raw/claims.csv, line {line}, column '{column}': claim {claim_id!r} points at "
                          f"{name!r}, which no notebook computes (not in data/processed/results.csv)")
    return known.row(name)


def _fill(text, known: Known, line: int, claim_id: str, column: str):
    """A ledger text with each ``{statistic}`` replaced by its computed value; a name nobody computes is
    refused with the ledger's line and column."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return text

    def shown(name: str) -> str:
        number, unit, _, _ = _lookup(known, name, line, claim_id, column)
        return display(number, unit)

    return fill(str(text), shown)


def _bounded(known: Known, name: str, line: int, claim_id: str, column: str) -> tuple[float, float, float, frozenset]:
    """A statistic recorded as an estimate with ``_low`` and ``_high`` beside it (or exactly): estimate, low, high."""
    estimate, _, sources, _ = _lookup(known, name, line, claim_id, column)
    low = known.row(f"{name}_low")[0] if f"{name}_low" in known.index else estimate
    high = known.row(f"{name}_high")[0] if f"{name}_high" in known.index else estimate
    return estimate, low, high, sources


def scale_text(known: pd.DataFrame, name: str, line: int, claim_id: str) -> str:
    """One sentence on whether an independent count of detainers issued puts a count's implied share inside
    the range of shares other publishers give: every end shown, and the points outside when it is not
    (`scale.scale_check`). The range is over every lag between detainer and decline when notebook 01
    records one (``<name>_lowest_over_lags``, ``<name>_highest_over_lags``), else over the doubled weeks."""
    from ..scale import scale_check

    estimate, low, high, _ = _bounded(known, name, line, claim_id, "scale_check")
    lagged = f"{name}_lowest_over_lags" in known.index
    if lagged:
        low = _lookup(known, f"{name}_lowest_over_lags", line, claim_id, "scale_check")[0]
        high = _lookup(known, f"{name}_highest_over_lags", line, claim_id, "scale_check")[0]
    others = [_lookup(known, f"declined_share_other_publishers_{end}", line, claim_id, "scale_check")
              for end in ("min", "max")]
    who = "+".join(sorted(others[0][2] | others[1][2]))
    check = scale_check(low, high, others[0][0], others[1][0])
    days = ("over the same days" if not lagged or "declined_share_lag_max_days" not in known.index else
            f"over the same days or up to {display(known.loc['declined_share_lag_max_days', 'value'])} days earlier")
    reading = "any lag and reading of the doubled weeks" if lagged else "any reading of the doubled weeks"
    shown = (f"{estimate:.1f}% of them" + (" over the same days" if lagged else "")
             + ("" if low == high == estimate else f", {low:.1f}% to {high:.1f}% on {reading}"))
    verdict = {"inside": "inside the range other publishers give", "partly outside": "partly outside the range "
               "other publishers give", "outside": "outside the range other publishers give"}[check.verdict]
    own = ""
    if "declined_share_cis_stated_low" in known.index:
        own = (f"; CIS's own {display(known.loc['declined_share_cis_stated_low', 'value'])} to "
               f"{display(known.loc['declined_share_cis_stated_high', 'value'])}% is low confidence, context only")
    return (f"an independent count of detainers issued puts its share {verdict}: set against the detainers ICE issued "
            f"{days} (DDP's weekly counts of ICE's records), the count is {shown}; other publishers give "
            f"{others[0][0]:.1f}% to {others[1][0]:.1f}% ({who}), so the count's range is {check.words()}{own}")


def _high_end(known: Known, name: str, bound: str, line: int, claim_id: str) -> float | None:
    """The high end of a statistic known between two bounds (recorded beside it as ``<name>_high``)."""
    if bound != "between":
        return None
    value, _, _, _ = _lookup(known, f"{name}_high", line, claim_id, "statistic")
    return value


def audit(claims: pd.DataFrame, results_table: pd.DataFrame, tolerance_exact: float = verdicts.TOLERANCE_EXACT,
          tolerance_about: float = verdicts.TOLERANCE_ABOUT,
          press_accounts: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """Every claim of the ledger judged once: its verdict, reason and evidence grade. Every place that
    shows a verdict (notebook 05, claims_audit.csv, the README, the report) reads this one table."""
    known = Known(results_table)
    press_accounts = press_accounts or {}
    rows = []
    for line, claim in enumerate(claims.to_dict("records"), start=2):
        rows.append(_judge_claim(claim, line, known, tolerance_exact, tolerance_about,
                                 press_accounts.get(claim["claim_id"], [])))
    table = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    for column in ("difference", "relative_difference", "reproduced_value"):
        table[column] = table[column].astype("float64").round(6)
    return table


def _judge_claim(claim: dict, line: int, known: Known, tolerance_exact: float, tolerance_about: float,
                 accounts: list[str]) -> dict:
    claim = {**claim, "caveat": _fill(claim.get("caveat"), known, line, claim["claim_id"], "caveat")}
    statistic = claim.get("statistic")
    reproduced, bound, low, high = None, "exact", None, None
    compared = claim["check"] in ("compare", "trend")
    if compared:
        if not statistic or statistic not in known.index:
            raise LedgerError(
                f"data/raw/claims.csv, line {line}, column 'statistic': claim {claim['claim_id']!r} points at "
                f"{statistic!r}, which no notebook computes (not in data/processed/results.csv)"
            )
        reproduced, statistic_unit, _, _ = known.row(statistic)
        bound = verdicts.bound_of(statistic_unit)
        high = _high_end(known, statistic, bound, line, claim["claim_id"])
    elif statistic:
        raise LedgerError(f"data/raw/claims.csv, line {line}, column 'statistic': claim {claim['claim_id']!r} "
                          f"has check {claim['check']!r} but names a statistic")
    if accounts and claim["check"] != "compare":
        raise LedgerError(f"data/raw/claims_read_through_press.csv: claim {claim['claim_id']!r} has check "
                          f"{claim['check']!r}, so no figure of it was read")
    own, checks = None, []
    if claim["check"] == "trend":
        estimate, low, high, sources = _bounded(known, statistic, line, claim["claim_id"], "statistic")
        as_compared = {**claim, "check": "compare", "caveat": None}
        readings = []
        for name in _names(claim.get("cross_checks")):
            value, unit, _, description = _lookup(known, name, line, claim["claim_id"], "cross_checks")
            judged = verdicts.judge(as_compared, value, verdicts.bound_of(unit), tolerance_exact, tolerance_about)
            readings.append((description, value, judged.verdict, unit))
        verdict = verdicts.judge_trend(claim, low, high, estimate, readings)
        verdict = verdicts.Verdict(verdict.verdict, verdict.reason, estimate, estimate - float(claim["claimed_value"]), None)
        bound = "exact" if verdicts.direction(low, high) != verdicts.UNSETTLED else "between"
        own = verdicts.Check(statistic, sources, estimate, bound, verdict.verdict)
    else:
        try:
            verdict = verdicts.judge(claim, reproduced, bound, tolerance_exact, tolerance_about, high)
        except ValueError as error:
            raise LedgerError(f"data/raw/claims.csv, line {line}: {error}") from None
    if claim["check"] == "compare":
        _, _, sources, _ = _lookup(known, statistic, line, claim["claim_id"], "statistic")
        own = verdicts.Check(statistic, sources, reproduced, bound, verdict.verdict)
        for name in _names(claim.get("cross_checks")):
            value, unit, sources, _ = _lookup(known, name, line, claim["claim_id"], "cross_checks")
            judged = verdicts.judge({**claim, "caveat": None}, value, verdicts.bound_of(unit), tolerance_exact,
                                    tolerance_about, _high_end(known, name, verdicts.bound_of(unit), line,
                                                               claim["claim_id"]))
            checks.append(verdicts.Check(name, sources, value, verdicts.bound_of(unit), judged.verdict))
    elif not compared and _names(claim.get("cross_checks")):
        raise LedgerError(f"data/raw/claims.csv, line {line}, column 'cross_checks': claim {claim['claim_id']!r} "
                          f"has check {claim['check']!r}, so there is nothing to cross-check")
    context = []
    for name in _names(claim.get("context_checks")):
        value, unit, _, description = _lookup(known, name, line, claim["claim_id"], "context_checks")
        context.append(evidence.said(name, value, unit, description))
    if compared and not claim.get("claim_source"):
        raise LedgerError(f"data/raw/claims.csv, line {line}, column 'claim_source': claim {claim['claim_id']!r} "
                          "is compared, so it must name the source it relies on")
    pointing_away = verdicts.disagreement(verdict.verdict, checks)
    # two publishers at odds: a cross-check resting on a publisher the claim's own statistic does not
    disagreeing = [c for c in pointing_away if own is not None and c.sources - own.sources]
    same_source = [c for c in pointing_away if c not in disagreeing]
    final, reason = verdict.verdict, verdict.reason

    def named(check: verdicts.Check) -> str:
        prefix = {"lower": "at least ", "upper": "at most "}.get(check.bound, "")
        _, check_unit, _, description = known.row(check.statistic)
        return (f"{description} ({' and '.join(sorted(check.sources))}) gives "
                f"{prefix}{display(check.value, check_unit)}, by which the claim is "
                f"{check.verdict}")

    if disagreeing:
        final = verdicts.SOURCES_DISAGREE
        reason += "; sources disagree: " + "; ".join(named(c) for c in disagreeing)
    if same_source:
        if final == verdicts.REPRODUCED:
            final = verdicts.WITH_CAVEAT
        reason += "; another reading of the same source points the other way: " + "; ".join(
            named(c) for c in same_source)
    try:
        grade = verdicts.grade(claim["check"], claim.get("claim_source") or "", claim.get("claim_source_kind") or "",
                               own, checks, read_through_press=bool(accounts))
    except ValueError as error:
        raise LedgerError(f"data/raw/claims.csv, line {line}: {error}") from None
    if grade == verdicts.OWN_SOURCE and final in (verdicts.REPRODUCED, verdicts.WITH_CAVEAT):
        final = verdicts.MATCHES_SOURCE
    scale = None
    if claim.get("scale_check"):
        scale = scale_text(known, claim["scale_check"], line, claim["claim_id"])
    notes = evidence.shared_note_keys(grade, own)
    return {
        "claim_id": claim["claim_id"], "label": claim["label"], "article": claim["article"],
        "article_date": claim["article_date"],
        "claim": claim["claim"], "claimed_value": claim["claimed_value"], "claimed_high": claim["claimed_high"],
        "comparator": claim["comparator"], "unit": claim["unit"], "statistic": statistic or "",
        "reproduced_value": verdict.reproduced, "bound": bound if reproduced is not None else "",
        "difference": verdict.difference, "relative_difference": verdict.relative_difference,
        "claimed_shown": evidence.claimed_words(claim),
        "reproduced_shown": evidence.reproduced_words(claim, verdict.reproduced if compared else None, bound, low, high),
        "verdict": final, "evidence_grade": grade,
        "reproduced_from": "+".join(sorted(own.sources)) if own else "",
        "source_named_by_article": "" if not compared else
        ("no" if claim.get("claim_source_kind") == "unnamed" else "yes"),
        "cross_checks_agreeing": " ".join(c.statistic for c in checks if c not in pointing_away),
        "cross_checks_disagreeing": " ".join(c.statistic for c in pointing_away),
        "reason": reason,
        "evidence": evidence.evidence_text(grade, claim.get("claim_source") or "", own, checks, pointing_away, context, scale,
                                  {c.statistic: known.row(c.statistic)[3] for c in checks},
                                  accounts=accounts, named_by_article=claim.get("claim_source_kind") != "unnamed"),
        "shared_notes": " ".join(notes),
        "statistics": " ".join(dict.fromkeys(
            ([statistic] if statistic else []) + [c.statistic for c in checks] + _names(claim.get("context_checks")))),
        "notebook": claim["notebook"],
    }


