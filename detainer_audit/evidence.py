"""What a verdict rests on, in words for readers: the evidence of each claim, the notes several claims
share (said once), and the claimed and reproduced values with their units. Built from the statistics and
the ledger by the claims audit (`audit`); nothing here judges a claim."""

from __future__ import annotations

import pandas as pd

from . import recount, verdicts
from .results import display, unit_words


def said(name: str, value: float, unit: str, description: str) -> str:
    shown = display(value, unit.replace(" (lower bound)", "").replace(" (upper bound)", ""))
    bound = verdicts.bound_of(unit)
    prefix = {"lower": "at least ", "upper": "at most "}.get(bound, "")
    return f"{description}: {prefix}{shown}"


def evidence_text(grade: str, claim_source: str, own: verdicts.Check | None, checks: list[verdicts.Check],
                  disagreeing: list[verdicts.Check], context: list[str], scale: str | None = None,
                  descriptions: dict[str, str] | None = None, accounts: list[str] | tuple = (),
                  named_by_article: bool = True) -> str:
    """What the verdict rests on, in words built from the statistics (nothing typed by hand): each
    statistic by what it is (``descriptions``), never by its identifier (those are in the audit table's
    ``statistics`` column, for auditors). What several claims share (the shared notes) is said once, in
    `shared_notes`, not here."""
    descriptions = descriptions or {}
    parts = []
    if own is not None:
        parts.append(f"reproduced from the figures of {' and '.join(sorted(own.sources))}")
    if not named_by_article and own is not None:
        parts.append(f"the article names no source for this figure; {claim_source}'s is the only estimate recorded "
                     "here, so nothing checks it against another")
    elif grade == verdicts.OWN_SOURCE:
        parts.append(f"only {claim_source}, the source the claim relies on, backs it (see the shared note)")
    elif grade == verdicts.OWN_AGAINST_INDEPENDENT:
        others = sorted(own.sources - {claim_source})
        parts.append(f"{claim_source}'s own figures, the claim's source, set against {' and '.join(others)}'s count")
    elif grade == verdicts.PRIMARY:
        parts.append(f"read in {claim_source}'s own document, which the claim cites; no independent count confirms it")
    elif grade == verdicts.PRESS_ACCOUNTS:
        parts.append(f"{claim_source}'s document, which the claim cites, was read here only through press accounts of it "
                     f"({', '.join(accounts)}); the project holds no copy of the pages that give this figure")
    elif grade == verdicts.INDEPENDENT:
        parts.append(f"a source other than {claim_source} (the claim's own) gives it")
    elif grade == verdicts.BOUNDS_ONLY:
        parts.append("the public data give only a bound")
    for check in checks:
        word = ("disagrees" if check in disagreeing else "agrees" if check.verdict in verdicts.DEFINITE
                else "is consistent with the claim but cannot settle it")
        shown = display(check.value)
        prefix = {"lower": "at least ", "upper": "at most "}.get(check.bound, "")
        parts.append(f"cross-check, {descriptions.get(check.statistic, 'another count')} ({' and '.join(sorted(check.sources))}): "
                     f"{prefix}{shown}, which {word} ({check.verdict})")
    if scale:
        parts.append(scale)
    if context:
        parts.append("other counts: " + "; ".join(context))
    return ". ".join(part[0].upper() + part[1:] for part in parts) + ("." if parts else "")


OWN_SOURCE_NOTE = "own_source_only"
RECOUNT_NOTE = "recount"


def shared_note_keys(grade: str, own: verdicts.Check | None) -> list[str]:
    """The notes that a claim's evidence shares with other claims: said once, named on each claim."""
    keys = []
    if grade == verdicts.OWN_SOURCE and own is not None:
        keys.append(OWN_SOURCE_NOTE)
    if own is not None and grade not in (verdicts.INDEPENDENT,) and recount.recounts(own.statistic):
        keys.append(RECOUNT_NOTE)
    return keys


def shared_notes(table: pd.DataFrame) -> list[tuple[str, str, list[str]]]:
    """Each shared note once: its key, its text, and the claims (labels) it applies to."""
    texts = {
        OWN_SOURCE_NOTE: (
            f"“{verdicts.MATCHES_SOURCE}” means the claim quotes its source correctly, nothing more: the figure "
            "comes from one publisher alone, and no other publisher's count or estimate covers the same days, so "
            "the audit can check the quotation, not the figure."),
        RECOUNT_NOTE: ("Each of these counts can be checked independently from ICE's own record-level data, as the "
                       f"Deportation Data Project publishes it: `{recount.counting.COMMAND}` recounts them (docs/recount.md). "
                       "Nobody has published that recount yet."),
    }
    notes = []
    for key, text in texts.items():
        labels = [row.label for row in table.itertuples() if key in str(row.shared_notes or "").split()]
        if labels:
            notes.append((key, text, labels))
    return notes


def claimed_words(claim: dict) -> str:
    """The claimed value as readers see it, with its unit, in words (a trend claims a rise every year)."""
    if claim["check"] == "trend":
        return "a rise every year"
    if claim["check"] != "compare":
        return ""
    value, unit = claim["claimed_value"], claim.get("unit") or ""
    word = {"more_than": "more than ", "about": "about ", "at_least": "at least "}.get(claim["comparator"], "")
    if claim["comparator"] == "range":
        return f"{display(value, unit)} to {display(claim['claimed_high'], unit)} {unit_words(unit)}".strip()
    return f"{word}{display(value, unit)} {unit_words(unit, value)}".strip()


def reproduced_words(claim: dict, value: float | None, bound: str, low: float | None = None,
                      high: float | None = None) -> str:
    if value is None:
        return ""
    unit = claim.get("unit") or ""
    if claim["check"] == "trend":
        span = "" if low == high else f" ({low:+.1f} to {high:+.1f} on every reading)"
        return f"smallest yearly change {value:+.1f} percentage points{span}"
    if bound == "between" and high is not None:
        return f"{display(value, unit)} to {display(high, unit)} {unit_words(unit, high)}".strip()
    prefix = {"lower": "at least ", "upper": "at most "}.get(bound, "")
    return f"{prefix}{display(value, unit)} {unit_words(unit, value)}".strip()


def read_through_press(links: pd.DataFrame, statements: pd.DataFrame) -> dict[str, list[str]]:
    """For each claim whose cited document the project read only in press accounts: the publishers of
    those accounts, in the order the link table gives them."""
    publisher = dict(zip(statements["statement_id"], statements["publisher"]))
    accounts: dict[str, list[str]] = {}
    for row in links.itertuples():
        accounts.setdefault(row.claim_id, []).append(publisher[row.statement_id])
    return {claim: list(dict.fromkeys(names)) for claim, names in accounts.items()}
