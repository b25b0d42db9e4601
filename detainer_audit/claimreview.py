"""Each claim's verdict as a schema.org ClaimReview (https://schema.org/ClaimReview), the form in which
fact-checks are exchanged: Google's Fact Check Explorer reads it, and so do the archives of fact-checks that
researchers mine. Pure functions: one row of data/processed/claims_audit.csv (with its ledger row and the
audited article) in, one dict out; the report embeds them as JSON-LD, and `check` says what a block lacks.

The rating scale is the order of `verdicts.VERDICTS`, counted from its end: the first verdict listed
(*reproduced*) is the best rating, ``len(VERDICTS)``, and the last (*opinion or context*) is 1. The number
only places a verdict in the project's list; the verdict in words (``alternateName``) and the reason
(``ratingExplanation``) say what was found. `SCALE_IN_WORDS` says so for readers.
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

from . import verdicts
from .results import SOURCE_KEYS

CONTEXT = "https://schema.org"
ANCHOR_PREFIX = "claim-"

# what ClaimReview consumers require (Google's fact-check markup: claimReviewed, reviewRating with its
# alternateName, url) and recommend (author; itemReviewed as a Claim with its author and where it
# appeared; the rating's scale; dates). `check` treats all of them as required: the project has them all.
REQUIRED = ("claimReviewed", "reviewRating", "url", "author", "datePublished", "itemReviewed")
REQUIRED_RATING = ("alternateName", "ratingValue", "bestRating", "worstRating", "ratingExplanation")
REQUIRED_CLAIM = ("author", "appearance", "datePublished")
# a claim checked by `make check` whose date its file does not give has no datePublished; every other
# property is required of it too (`check(review, dated=False)`)


def rating_value(verdict: str) -> int:
    """A verdict's place on the scale: len(VERDICTS) for the first verdict listed, 1 for the last."""
    if verdict not in verdicts.VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}: the verdicts are {', '.join(verdicts.VERDICTS)}")
    return len(verdicts.VERDICTS) - verdicts.VERDICTS.index(verdict)


def scale_in_words() -> str:
    """The rating scale for readers, from the verdicts as the package lists them."""
    steps = ", ".join(f"{rating_value(v)} {v}" for v in verdicts.VERDICTS)
    return (f"The rating's number is the verdict's place in the project's list of verdicts, from "
            f"{len(verdicts.VERDICTS)} (best) to 1: {steps}. It orders the verdicts, it does not score a claim's "
            "truth: the verdict in words and its reason say what was found.")


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def _organization(name: str, url: str | None = None) -> dict:
    out = {"@type": "Organization", "name": name}
    if url:
        out["url"] = url
    return out


def addresses(recorded: str) -> tuple[str | None, str | None]:
    """(the document's own address, its publisher's site) from an address as the data package records it:
    a bare address with a path is the document's; an address followed by words, or without a path, is only
    the publisher's site (the document itself was not found at a known address)."""
    recorded = (recorded or "").strip()
    first = recorded.split()[0] if recorded else ""
    parts = urlsplit(first)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None, None
    site = f"{parts.scheme}://{parts.netloc}"
    own = first if first == recorded and parts.path.strip("/") else None
    return own, site


def source_publishers(documents: list[dict]) -> dict[str, str]:
    """Source key (CIS, ICE, TRAC...) -> the organisation that publishes it, from the raw documents table:
    the publisher of the first original document of that source."""
    names: dict[str, str] = {}
    for row in documents:
        if row.get("kind") == "original" and not _blank(row.get("source")):
            names.setdefault(str(row["source"]), str(row["publisher"]))
    return names


def claim_review(audit_row: dict, article: dict, *, claim_source: str | None, reviewer: dict,
                 date_published: str, page: str = "index.html") -> dict:
    """One claim's ClaimReview.

    ``audit_row``: a row of claims_audit.csv. ``article``: the audited article (publisher, title, date,
    url as the data package records it). ``claim_source``: the organisation whose figure the claim relies
    on, when not the article's publisher itself (None otherwise). ``reviewer``: the project (name, url).
    ``date_published``: the review's date (committed data, never today's date). ``page``: the report page
    the claim's anchor is on (relative, or a full address)."""
    for key in ("claim_id", "claim", "verdict", "reason", "evidence_grade", "article"):
        if _blank(audit_row.get(key)):
            raise ValueError(f"claim {audit_row.get('claim_id', '?')}: no {key} in the audit row")
    if article["publisher"] != audit_row["article"]:
        raise ValueError(f"claim {audit_row['claim_id']}: the article given is {article['publisher']!r}'s, "
                         f"not {audit_row['article']!r}'s")
    own_address, site = addresses(article.get("url", ""))
    publisher = _organization(article["publisher"], site)
    appearance = {"@type": "CreativeWork", "headline": article["title"], "publisher": publisher}
    if not _blank(article.get("date")):  # a statement checked by `make check` may come without its date
        appearance["datePublished"] = str(article["date"])
    if own_address:
        appearance["url"] = own_address
    authors = [publisher]
    if claim_source and claim_source != article["publisher"]:
        authors.append(_organization(claim_source))
    explanation = (f"{audit_row['reason']}. Evidence: {audit_row['evidence_grade']}"
                   + (f" (reproduced from {audit_row['reproduced_from']})" if not _blank(audit_row.get("reproduced_from")) else "")
                   + ".")
    return {
        "@type": "ClaimReview",
        "url": f"{page}#{anchor(audit_row['claim_id'])}",
        "claimReviewed": audit_row["claim"],
        "itemReviewed": {"@type": "Claim", "author": authors if len(authors) > 1 else authors[0],
                         **({} if _blank(audit_row.get("article_date")) else
                            {"datePublished": str(audit_row["article_date"])}),
                         "appearance": appearance},
        "author": reviewer,
        "datePublished": date_published,
        "reviewRating": {"@type": "Rating", "ratingValue": rating_value(audit_row["verdict"]),
                         "bestRating": len(verdicts.VERDICTS), "worstRating": 1,
                         "alternateName": audit_row["verdict"], "ratingExplanation": explanation},
    }


def anchor(claim_id: str) -> str:
    """The id of a claim's row in the report (claim-<claim id>)."""
    return ANCHOR_PREFIX + claim_id


def graph(reviews: list[dict]) -> dict:
    """Every review in one JSON-LD document."""
    return {"@context": CONTEXT, "@graph": reviews}


_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def check(review: dict, dated: bool = True) -> list[str]:
    """What a ClaimReview lacks or gets wrong for its consumers, in words (empty when nothing). ``dated``:
    the claim itself must carry its date (the audited articles do; a statement given to `make check`
    without one does not)."""
    problems = []
    if review.get("@type") != "ClaimReview":
        problems.append(f"@type is {review.get('@type')!r}, not ClaimReview")
    problems += [f"no {key}" for key in REQUIRED if _blank_value(review.get(key))]
    rating = review.get("reviewRating") or {}
    if rating.get("@type") != "Rating":
        problems.append("reviewRating is not a Rating")
    problems += [f"reviewRating has no {key}" for key in REQUIRED_RATING if _blank_value(rating.get(key))]
    if rating.get("alternateName") not in verdicts.VERDICTS:
        problems.append(f"reviewRating.alternateName {rating.get('alternateName')!r} is not a verdict")
    else:
        numbers = (rating.get("worstRating"), rating.get("ratingValue"), rating.get("bestRating"))
        if not all(isinstance(n, int) for n in numbers) or not numbers[0] <= numbers[1] <= numbers[2]:
            problems.append(f"reviewRating's worst, value and best ({numbers}) are not in order")
        elif numbers[1] != rating_value(rating["alternateName"]):
            problems.append(f"reviewRating.ratingValue {numbers[1]} is not {rating['alternateName']!r}'s place on the scale")
    claim = review.get("itemReviewed") or {}
    if claim.get("@type") != "Claim":
        problems.append("itemReviewed is not a Claim")
    problems += [f"itemReviewed has no {key}" for key in REQUIRED_CLAIM
                 if _blank_value(claim.get(key)) and (dated or key != "datePublished")]
    authors = claim.get("author")
    for author in authors if isinstance(authors, list) else [authors]:
        if not isinstance(author, dict) or author.get("@type") != "Organization" or _blank_value(author.get("name")):
            problems.append(f"itemReviewed.author {author!r} is not a named Organization")
    appearance = claim.get("appearance") or {}
    if appearance.get("@type") != "CreativeWork" or _blank_value((appearance.get("publisher") or {}).get("name")):
        problems.append("itemReviewed.appearance is not a CreativeWork with a named publisher")
    reviewer = review.get("author") or {}
    if reviewer.get("@type") != "Organization" or _blank_value(reviewer.get("name")):
        problems.append("author (the reviewer) is not a named Organization")
    for where, value in (("datePublished", review.get("datePublished")), ("itemReviewed.datePublished", claim.get("datePublished")),
                         ("appearance.datePublished", appearance.get("datePublished"))):
        if not _blank_value(value) and not _DATE.fullmatch(str(value)):
            problems.append(f"{where} {value!r} is not an ISO 8601 date")
    if not _blank_value(review.get("url")) and f"#{ANCHOR_PREFIX}" not in str(review["url"]):
        problems.append(f"url {review['url']!r} does not point at a claim's anchor")
    return problems


def _blank_value(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


AUDITED_ARTICLE = "audited article"  # the role of the two articles among the claims ledger's sources


def articles(ledger_sources) -> dict[str, dict]:
    """The audited articles by publisher, from the claims ledger's sources in data/raw/datapackage.json."""
    found = {s["publisher"]: dict(s) for s in ledger_sources if s.get("role") == AUDITED_ARTICLE}
    if not found:
        raise ValueError(f"the claims ledger names no source with role {AUDITED_ARTICLE!r}")
    return found


_CFF_SCALAR = re.compile(r'^(?P<key>[a-z-]+):[ \t]*"?(?P<value>[^"\n]*?)"?[ \t]*$', re.MULTILINE)
_CFF_AUTHOR = re.compile(r'^authors:\s*\n\s*-\s*name:[ \t]*"?(?P<name>[^"\n]*?)"?[ \t]*$', re.MULTILINE)


def reviewer_and_date(citation: str) -> tuple[dict, str]:
    """(the reviewer, the reviews' date) from CITATION.cff's text: its first author (an organisation),
    its ``url`` or ``repository-code`` where it gives one, and ``date-released``, the date of the release
    the verdicts belong to (committed, so the report's bytes do not depend on the day it is built)."""
    scalars = {m["key"]: m["value"] for m in _CFF_SCALAR.finditer(citation)}
    author = _CFF_AUTHOR.search(citation)
    if author is None or not author["name"]:
        raise ValueError("CITATION.cff: no first author with a name (the reviewer of the ClaimReviews)")
    date = scalars.get("date-released", "")
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
        raise ValueError(f"CITATION.cff: date-released {date!r} is not a YYYY-MM-DD date (the reviews' date)")
    return _organization(author["name"], scalars.get("url") or scalars.get("repository-code")), date


def claim_reviews(audit_rows: list[dict], ledger_rows: list[dict], documents: list[dict], ledger_sources,
                  citation: str, page: str = "index.html") -> list[dict]:
    """Every claim's ClaimReview, in the audit's order, from the rows of claims_audit.csv, the claims ledger,
    the raw documents table, the ledger's sources (the audited articles) and CITATION.cff's text."""
    reviewer, date = reviewer_and_date(citation)
    by_publisher = articles(ledger_sources)
    sources = source_publishers(documents)
    ledger = {row["claim_id"]: row for row in ledger_rows}
    reviews = []
    for row in audit_rows:
        if row["claim_id"] not in ledger:
            raise ValueError(f"claim {row['claim_id']} of the audit is not in the claims ledger")
        if row["article"] not in by_publisher:
            raise ValueError(f"claim {row['claim_id']}: no audited article by {row['article']!r} among the ledger's sources")
        key = ledger[row["claim_id"]].get("claim_source")
        # the organisation behind the figure: a raw document's publisher, else the source key in words
        source = None if _blank(key) else sources.get(str(key), SOURCE_KEYS.get(str(key)))
        reviews.append(claim_review(row, by_publisher[row["article"]], claim_source=source, reviewer=reviewer,
                                    date_published=date, page=page))
    return reviews
