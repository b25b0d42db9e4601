"""The verdicts of `make check` as schema.org ClaimReview, built by the report's own code
(`claimreview.claim_review`): one review a claim, its rating on the same scale, its reviewer and the
anchor of the claim on the page `make check` renders."""

from __future__ import annotations

import pandas as pd

from .. import claimreview
from .claims import Claim, claim_words

PAGE = "check_claims.html"


def reviews(table: pd.DataFrame, claims: list[Claim], citation: str, date: str) -> dict:
    """Every claim's ClaimReview in one JSON-LD document. ``citation``: CITATION.cff's text (the reviewer);
    ``date``: the day the claims were checked."""
    reviewer, _ = claimreview.reviewer_and_date(citation)
    by_id = {claim.claim_id: claim for claim in claims}
    found = []
    for row in table.to_dict("records"):
        claim = by_id[row["claim_id"]]
        said_by = claim.said_by or "unattributed"
        article = {"publisher": said_by, "title": claim.said_in or f"a public statement by {said_by}",
                   "date": claim.said_on, "url": claim.source_url}
        audit_row = {"claim_id": claim.claim_id, "claim": claim_words(claim), "verdict": row["verdict"],
                     "reason": row["reason"].rstrip("."), "evidence_grade": row["evidence_grade"],
                     "reproduced_from": "", "article": said_by, "article_date": claim.said_on}
        found.append(claimreview.claim_review(audit_row, article, claim_source=claim.relies_on or None, reviewer=reviewer,
                                              date_published=date, page=PAGE))
    return claimreview.graph(found)
