"""Reading the claims to check: one claim from the command line, or a CSV of many, validated row by row.

Every error names the file, the line and the column, with the allowed values; nothing is judged until
every row reads. A claim the record cannot check is not an error: it is judged *not verifiable*.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .. import periods

MEASURES = {
    "detainers_issued": "detainers issued",
    "declined_by_lea": "detainers declined by the law enforcement agency",
    "cis_outcomes": "declines as CIS counts them (declined by the agency, insufficient notice and early release together)",
    "declined_share": "declined detainers as a percentage of detainers issued",
}
COMPARATORS = ("exactly", "about", "more_than", "at_least", "less_than", "range")
PERS = ("total", "week", "month", "year")
COLUMNS = ("claim_id", "said_by", "measure", "value", "comparator", "from", "to", "per")
# a range's high end; where the claim was made; whose figure it repeats, when it quotes another publisher
OPTIONAL = ("value_high", "said_on", "said_in", "source_url", "relies_on")
_SAID_ON = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_ALIAS = re.compile(r"(FY|CY)(\d{4})")


COMPARATOR_WORDS = {"exactly": "", "about": "about ", "more_than": "more than ", "at_least": "at least ",
                    "less_than": "less than ", "range": ""}
_UNIT = {"detainers_issued": "detainers issued", "declined_by_lea": "declined detainers",
         "cis_outcomes": "declined detainers", "declined_share": "percent"}


class ClaimsError(ValueError):
    """A claim that cannot be read: the message names the file (or parameter), line and column."""


@dataclass(frozen=True)
class Claim:
    claim_id: str
    said_by: str
    measure: str
    value: float
    comparator: str
    start: dt.date
    end: dt.date
    per: str
    value_high: float | None = None
    said_on: str = ""  # when the claim was made (YYYY, YYYY-MM or YYYY-MM-DD), for its ClaimReview
    said_in: str = ""  # the statement, release or article it was made in
    source_url: str = ""  # where it can be read
    relies_on: str = ""  # the publisher whose figure the claim repeats (a newspaper quoting TRAC: TRAC)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1  # both ends counted


def _date(text: str, side: str, where: str) -> dt.date:
    """An ISO date, or FY2023 / CY2025 (the first day for ``from``, the last for ``to``)."""
    text = text.strip()
    alias = _ALIAS.fullmatch(text.upper())
    if alias:
        kind, year = alias.groups()
        start, end = periods.year_bounds(int(year), "fiscal" if kind == "FY" else "calendar")
        return start if side == "from" else end
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ClaimsError(f"{where}, column '{side}': {text!r} is not a date; write YYYY-MM-DD, or FY2023 / CY2025 "
                          "for a fiscal (October to September) or calendar year") from None


def _number(text: str, column: str, where: str, required: bool = True) -> float | None:
    text = (text or "").strip().replace(",", "")
    if not text:
        if required:
            raise ClaimsError(f"{where}, column '{column}': empty, but a number is required")
        return None
    try:
        value = float(text)
    except ValueError:
        raise ClaimsError(f"{where}, column '{column}': {text!r} is not a number") from None
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise ClaimsError(f"{where}, column '{column}': {text!r} must be a finite number of at least 0")
    return value


def _choice(text: str, column: str, allowed, where: str) -> str:
    text = (text or "").strip()
    if text not in allowed:
        raise ClaimsError(f"{where}, column '{column}': {text!r} is not allowed; allowed values: {', '.join(allowed)}")
    return text


def parse_row(row: dict, where: str) -> Claim:
    """One claim from a row of text (a CSV line or the command line's values); ``where`` names it."""
    claim_id = (row.get("claim_id") or "").strip()
    if not _ID.fullmatch(claim_id):
        raise ClaimsError(f"{where}, column 'claim_id': {claim_id!r} is not an identifier (letters, digits, '_', '-', '.')")
    measure = _choice(row.get("measure"), "measure", tuple(MEASURES), where)
    comparator = _choice(row.get("comparator") or "about", "comparator", COMPARATORS, where)
    per = _choice(row.get("per") or "total", "per", PERS, where)
    if measure == "declined_share" and per != "total":
        raise ClaimsError(f"{where}, column 'per': a share is a percentage of its whole period; allowed values for "
                          f"declined_share: total (got {per!r})")
    value = _number(row.get("value"), "value", where)
    high = _number(row.get("value_high"), "value_high", where, required=comparator == "range")
    if comparator == "range" and high < value:
        raise ClaimsError(f"{where}, column 'value_high': {high:g} is below value {value:g}")
    if comparator != "range" and high is not None:
        raise ClaimsError(f"{where}, column 'value_high': only a range (comparator range) has a high end")
    start = _date(row.get("from") or "", "from", where)
    end = _date(row.get("to") or "", "to", where)
    if end < start:
        raise ClaimsError(f"{where}, column 'to': {end} is before 'from' ({start})")
    said_on = (row.get("said_on") or "").strip()
    if said_on and not _SAID_ON.fullmatch(said_on):
        raise ClaimsError(f"{where}, column 'said_on': {said_on!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    if said_on and len(said_on) == 10:
        _date(said_on, "said_on", where)
    url = (row.get("source_url") or "").strip()
    if url and not re.fullmatch(r"https?://\S+", url):
        raise ClaimsError(f"{where}, column 'source_url': {url!r} is not an http(s) address")
    return Claim(claim_id, (row.get("said_by") or "").strip(), measure, value, comparator, start, end, per, high,
                 said_on, (row.get("said_in") or "").strip(), url, (row.get("relies_on") or "").strip())


def read_file(path: Path) -> list[Claim]:
    """Every claim of a CSV file; the first unreadable row stops with its file, line and column."""
    path = Path(path)
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ClaimsError(f"{shown}: no such file") from None
    except UnicodeDecodeError as error:
        raise ClaimsError(f"{shown}: not valid UTF-8 (byte {error.object[error.start]:#04x})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS + OPTIONAL]
    if missing or unknown:
        raise ClaimsError(f"{shown}, line 1: header does not match ("
                          + "; ".join(part for part in (f"missing column(s): {', '.join(missing)}" if missing else "",
                                                        f"unexpected column(s): {', '.join(unknown)}" if unknown else "")
                                      if part)
                          + f"); the columns are {', '.join(COLUMNS)}, and optionally {', '.join(OPTIONAL)}")
    claims, seen = [], {}
    for line, row in enumerate(reader, start=2):
        if None in row or any(row.get(column) is None for column in header):
            raise ClaimsError(f"{shown}, line {line}: {len(header)} columns expected")
        claim = parse_row(row, f"{shown}, line {line}")
        if claim.claim_id in seen:
            raise ClaimsError(f"{shown}, line {line}, column 'claim_id': duplicate {claim.claim_id!r}; first on line "
                              f"{seen[claim.claim_id]}")
        seen[claim.claim_id] = line
        claims.append(claim)
    if not claims:
        raise ClaimsError(f"{shown}: no claims (a header and at least one row are needed)")
    return claims


def unit(claim: Claim) -> str:
    """What the claim's number counts, with its rate: 'detainers issued per month', 'percent'."""
    base = _UNIT[claim.measure]
    return base if claim.per == "total" else f"{base} per {claim.per}"


def claim_words(claim: Claim) -> str:
    """The claim in words, as the audit's ledger and its ClaimReview state it: 'about 10,000 detainers
    issued per month on average, from 2023-02-01 to 2023-12-31'."""
    value = f"{claim.value:,.10g}" + (f" to {claim.value_high:,.10g}" if claim.comparator == "range" else "")
    rate = "in all" if claim.per == "total" else f"per {claim.per} on average"
    return (f"{COMPARATOR_WORDS[claim.comparator]}{value} {unit(claim).split(' per ')[0]} {rate}, "
            f"from {claim.start} to {claim.end}")
