"""Each claim's verdict as schema.org ClaimReview JSON-LD in the report (detainer_audit/claimreview.py builds
it, audit_pipeline/report.py embeds it): every block has what ClaimReview consumers require (Google's
fact-check markup: claimReviewed, reviewRating with alternateName, url, author, itemReviewed with its author
and appearance) and agrees with data/processed/claims_audit.csv row by row. Also: the badges' text contrast
and the figures' descriptions in words."""

from __future__ import annotations

import copy
import html
import json
import re

import matplotlib
import pandas as pd
import pytest

from detainer_audit import claimreview, colours, verdicts
from detainer_audit.verdicts import GRADE_COLORS, VERDICT_COLORS
from helpers import ROOT

matplotlib.use("Agg")

PAGE = (ROOT / "report" / "index.html").read_text(encoding="utf-8")
BLOCKS = re.findall(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', PAGE, re.S)
AUDIT = pd.read_csv(ROOT / "data" / "processed" / "claims_audit.csv")


def reviews() -> list[dict]:
    found = []
    for block in BLOCKS:
        document = json.loads(block)
        assert document.get("@context") == "https://schema.org"
        found += document.get("@graph", [document])
    return found


def test_the_report_publishes_one_claimreview_per_claim_of_the_audit():
    assert BLOCKS, "report/index.html has no JSON-LD block"
    assert [r["url"].split("#claim-")[1] for r in reviews()] == AUDIT["claim_id"].tolist()


@pytest.mark.parametrize("review", reviews(), ids=lambda r: r["url"].split("#")[-1])
def test_every_claimreview_has_what_its_consumers_require(review):
    assert claimreview.check(review) == []


@pytest.mark.parametrize("row", AUDIT.to_dict("records"), ids=lambda r: r["claim_id"])
def test_every_claimreview_agrees_with_the_audit(row):
    review = {r["url"].split("#claim-")[1]: r for r in reviews()}[row["claim_id"]]
    rating = review["reviewRating"]
    assert review["claimReviewed"] == row["claim"]
    assert rating["alternateName"] == row["verdict"]
    assert rating["ratingValue"] == len(verdicts.VERDICTS) - verdicts.VERDICTS.index(row["verdict"])
    assert rating["ratingExplanation"].startswith(row["reason"])
    assert row["evidence_grade"] in rating["ratingExplanation"]
    claim = review["itemReviewed"]
    assert claim["datePublished"] == str(row["article_date"])
    assert claim["appearance"]["publisher"]["name"] == row["article"]
    authors = claim["author"] if isinstance(claim["author"], list) else [claim["author"]]
    assert authors[0]["name"] == row["article"]
    # the anchor the review links to is the claim's row of the page
    assert f'id="{review["url"].split("#")[1]}"' in PAGE


def test_the_reviews_date_and_reviewer_come_from_citation_cff_not_from_today():
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    released = re.search(r'^date-released:\s*"?([0-9-]+)"?', citation, re.M).group(1)
    assert {r["datePublished"] for r in reviews()} == {released}
    assert {r["author"]["name"] for r in reviews()} == {re.search(r'- name:\s*"?([^"\n]+)"?', citation).group(1)}


def test_the_page_states_the_rating_scale_in_words():
    assert claimreview.scale_in_words() in html.unescape(PAGE)


def test_the_rating_scale_follows_the_order_of_the_verdicts():
    values = [claimreview.rating_value(v) for v in verdicts.VERDICTS]
    assert values == list(range(len(verdicts.VERDICTS), 0, -1))
    with pytest.raises(ValueError, match="unknown verdict 'false'"):
        claimreview.rating_value("false")


@pytest.mark.parametrize("damage, message", [
    (lambda r: r["reviewRating"].pop("alternateName"), "reviewRating has no alternateName"),
    (lambda r: r["reviewRating"].update(alternateName="mostly true"), "is not a verdict"),
    (lambda r: r["reviewRating"].update(ratingValue=r["reviewRating"]["ratingValue"] % 2 + 1), "place on the scale"),
    (lambda r: r.pop("claimReviewed"), "no claimReviewed"),
    (lambda r: r.update(url="index.html"), "does not point at a claim's anchor"),
    (lambda r: r["itemReviewed"].pop("appearance"), "itemReviewed has no appearance"),
    (lambda r: r["itemReviewed"].update(author={"@type": "Person"}), "is not a named Organization"),
    (lambda r: r.update(datePublished="5 December 2026"), "is not an ISO 8601 date"),
])
def test_check_names_what_a_damaged_review_lacks(damage, message):
    review = copy.deepcopy(reviews()[0])
    assert claimreview.check(review) == []
    damage(review)
    assert any(message in problem for problem in claimreview.check(review)), claimreview.check(review)


def test_addresses_tell_a_document_from_its_publishers_site():
    assert claimreview.addresses("https://cis.org (press item of March 2017)") == (None, "https://cis.org")
    assert claimreview.addresses("https://example.org/2017/03/post") == ("https://example.org/2017/03/post",
                                                                       "https://example.org")
    assert claimreview.addresses("seen in a repost") == (None, None)


def test_a_citation_without_a_release_date_is_refused():
    with pytest.raises(ValueError, match="date-released"):
        claimreview.reviewer_and_date('authors:\n  - name: "Someone"\ndate-released: "today"\n')


@pytest.mark.parametrize("palette", [VERDICT_COLORS, GRADE_COLORS], ids=["verdicts", "grades"])
def test_every_badge_text_contrasts_at_least_4_5_to_1(palette):
    for name, colour in palette.items():
        assert colours.contrast(colours.text_on(colour), colour) >= colours.READABLE, name
        assert f"background:{colour};color:{colours.text_on(colour)}" in PAGE or name not in set(
            AUDIT["verdict"]) | set(AUDIT["evidence_grade"])


def test_contrast_is_wcag_s():
    assert colours.contrast("#ffffff", "#000000") == pytest.approx(21)
    assert colours.contrast("#ffffff", "#7fa7c2") == pytest.approx(2.56, abs=0.01)  # the old caveat badge


def test_a_figure_is_described_from_what_it_draws():
    import matplotlib.pyplot as plt

    from detainer_audit import figures

    fig, ax = plt.subplots()
    ax.bar(["2021", "2022", "2023"], [2512, 5723, 7934])
    ax.set_title("Declines per year")
    ax.set_ylabel("declined detainers")
    said = figures.describe(fig, pd.DataFrame({"year": [2021, 2022, 2023]}))
    plt.close(fig)
    assert said == ("Figure: Declines per year. 3 bars, from 2,512 (2021) to 7,934 (2023) (vertical axis: declined "
                    "detainers). The 3 rows of numbers it draws are in the CSV file of the same name.")


@pytest.mark.parametrize("page", sorted((ROOT / "report").glob("*.html")), ids=lambda p: p.name)
def test_every_figure_of_the_report_is_described_and_links_to_its_svg(page):
    text = page.read_text(encoding="utf-8")
    images = re.findall(r"<img\b[^>]*>", text)
    for image in images:
        alt = re.search(r'alt="([^"]*)"', image)
        assert alt and alt.group(1).startswith("Figure: ") and "No description" not in alt.group(1), image[:200]
    assert len(re.findall(r'href="figures/[^"]+\.svg"', text)) >= len(images)
    assert "<main>" in text and "<nav" in text and "<header" in text
    assert text.count("<table") == text.count("<caption"), f"{page.name}: a table without a caption"
