"""What the claims audit says of the judged ledger: its statistics (and the other publications' figures it
records), its findings in words, the claims by verdict and grade, the figure, and the README's summary."""

from __future__ import annotations

import re

import pandas as pd

from .. import verdicts
from ..results import Statistic
from ..verdicts import VERDICT_COLORS


def context_statistics(published: pd.DataFrame, counts: pd.DataFrame) -> list[Statistic]:
    """Figures of other publications that the articles lean on, as statistics the ledger can name."""
    stats = []
    fair = published.loc[published["figure_id"] == "fair_unauthorized_population_2023"]
    if not fair.empty:
        row = fair.iloc[0]
        stats.append(Statistic("fair_unauthorized_population_2023", row["value"], "persons",
                               f"{row['publisher']}: {row['document']} ({row['published_on'].date()})", sources="FAIR"))
    floor = counts[counts["document_id"].str.startswith("trac_") & (counts["quantity"] == "each_month")
                   & (counts["comparator"] == "more_than")]
    for row in floor.itertuples():
        stats.append(Statistic(f"trac_monthly_floor_{row.period_start.year}", row.value,
                               "detainers per month (lower bound)",
                               f"TRAC report {row.document_id.removeprefix('trac_')}: from {row.period_start.date()} (data to "
                               f"{row.period_end.date()}) ICE regularly issued more than this many a month",
                               sources="TRAC"))
    return stats


def _listed(labels: list[str]) -> str:
    quoted = [f"“{label}”" for label in labels]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def verdict_statistic(verdict: str) -> str:
    """The statistic that counts the claims of one verdict: 'claims_overstated'."""
    return "claims_" + _snake(verdict)


def grade_statistic(grade: str) -> str:
    """The statistic that counts the claims of one evidence grade: 'claims_evidence_independent'."""
    return "claims_evidence_" + _snake(grade)


def findings(values: dict[str, float], table: pd.DataFrame, tolerance_exact: float, tolerance_about: float) -> list[str]:
    """What the claims audit finds, in words: how many claims hold and on what evidence, which do not and
    why, and which the public record cannot settle. Every count is read from the statistics that record it
    (``values``: statistic -> value, `statistics`); the audit table gives the claims' labels and reasons."""
    counts = {v: int(values[verdict_statistic(v)]) for v in verdicts.VERDICTS}
    grades = {g: int(values[grade_statistic(g)]) for g in verdicts.GRADES}
    said = [f"{counts[v]} {v}" for v in verdicts.VERDICTS if counts[v]]
    sentences = [f"Of {int(values['claims_audited'])} claims in the two articles, judged at a tolerance of "
                 f"{tolerance_exact:.1%} for numbers stated exactly and {tolerance_about:.0%} for rounded ones: "
                 + ", ".join(said) + "."]
    held = counts[verdicts.REPRODUCED] + counts[verdicts.WITH_CAVEAT]
    if held:
        held_rows = table[table["verdict"].isin([verdicts.REPRODUCED, verdicts.WITH_CAVEAT])]
        strong = held_rows[held_rows["evidence_grade"].isin([verdicts.INDEPENDENT, verdicts.PRIMARY])]
        press = held_rows[held_rows["evidence_grade"] == verdicts.PRESS_ACCOUNTS]
        sentences.append(f"What holds: {held} claims. {len(strong)} of them rest on independent evidence or the "
                         f"primary document ({_listed(strong['label'].tolist()) if len(strong) else 'none'})"
                         + (f"; {len(press)} on press accounts of the document they cite "
                            f"({_listed(press['label'].tolist())})" if len(press) else "") + ".")
    if counts[verdicts.MATCHES_SOURCE]:
        matches = table[table["verdict"] == verdicts.MATCHES_SOURCE]
        sentences.append(f"Matching their source, unverified: {counts[verdicts.MATCHES_SOURCE]} claims "
                         f"({_listed(matches['label'].tolist())}). Each quotes its source correctly; no other "
                         "publisher checks the figure itself.")
    for verdict in (verdicts.OVERSTATED, verdicts.UNDERSTATED, verdicts.SOURCES_DISAGREE):
        rows = table[table["verdict"] == verdict]
        for row in rows.itertuples():
            sentences.append(f"{verdict[:1].upper()}{verdict[1:]}: “{row.label}” ({row.article}); {row.reason}.")
    if counts[verdicts.NOT_VERIFIABLE]:
        unknown = table[table["verdict"] == verdicts.NOT_VERIFIABLE]
        sentences.append(f"What cannot be known from the public record: {_listed(unknown['label'].tolist())}.")
    if grades[verdicts.INDEPENDENT]:
        sentences.append(f"Evidence: {', '.join(f'{grades[g]} {g}' for g in verdicts.GRADES if grades[g])}.")
    return sentences


def reasons(table: pd.DataFrame) -> list[str]:
    """Each claim's verdict, grade and reason, then what its evidence is, as readers see them."""
    return [f"{row.label} [{row.verdict}; evidence: {row.evidence_grade}]\n    {row.reason}"
            + (f"\n    {row.evidence}" if isinstance(row.evidence, str) and row.evidence else "")
            for row in table.itertuples()]


def verdict_counts(table: pd.DataFrame) -> pd.DataFrame:
    counts = table.groupby(["article", "verdict"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[v for v in verdicts.VERDICTS if v in counts.columns])
    counts.columns.name = "verdict"
    return counts


def grade_counts(table: pd.DataFrame) -> pd.DataFrame:
    counts = table.groupby(["article", "evidence_grade"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[g for g in verdicts.GRADES if g in counts.columns])
    counts.columns.name = "evidence grade"
    return counts


def _snake(words: str) -> str:
    """A verdict or grade as part of a statistic's name: 'matches its source, unverified' ->
    'matches_its_source_unverified'."""
    return re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_")


def statistics(table: pd.DataFrame) -> list[Statistic]:
    stats = [Statistic("claims_audited", len(table), "claims", "rows of the claims ledger")]
    for verdict in verdicts.VERDICTS:
        stats.append(Statistic(verdict_statistic(verdict), int((table["verdict"] == verdict).sum()), "claims",
                               f"claims whose computed verdict is '{verdict}'", headline=True))
    for grade in verdicts.GRADES:
        stats.append(Statistic(grade_statistic(grade), int((table["evidence_grade"] == grade).sum()), "claims",
                               f"claims whose evidence grade is '{grade}'", headline=grade != verdicts.NO_EVIDENCE))
    return stats


def figure(table: pd.DataFrame, tolerance_exact: float, tolerance_about: float):
    """Each numeric claim's reproduced value relative to the claimed value, by article."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from ..figures import source_note

    numeric = table[table["reproduced_value"].notna() & table["claimed_value"].notna()
                    & (table["claimed_value"] != 0)].copy()
    numeric["ratio"] = numeric["reproduced_value"] / numeric["claimed_value"]
    articles = list(dict.fromkeys(numeric["article"]))
    heights = [max(2, (numeric["article"] == a).sum()) for a in articles]
    fig, axes = plt.subplots(len(articles), 1, figsize=(8.5, 1.2 + 0.42 * sum(heights)), sharex=True,
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    low = min(0.4, numeric["ratio"].min() * 0.95)
    high = max(1.3, numeric["ratio"].max() * 1.05)
    for ax, article in zip(axes[:, 0], articles):
        rows = numeric[numeric["article"] == article].iloc[::-1]
        ax.axvspan(1 - tolerance_about, 1 + tolerance_about, color="#eeeeee", zorder=0,
                   label=f"'about' tolerance ±{tolerance_about:.0%}")
        ax.axvspan(1 - tolerance_exact, 1 + tolerance_exact, color="#d6d6d6", zorder=0,
                   label=f"exact tolerance ±{tolerance_exact:.1%}")
        ax.axvline(1, color="#6b6b6b", lw=0.8)
        for y, row in enumerate(rows.itertuples()):
            marker = ">" if row.bound == "lower" else "o"
            ax.scatter(row.ratio, y, color=VERDICT_COLORS[row.verdict], marker=marker, s=40, zorder=3)
            # the verdict in words beside each point: colour is not the only thing that tells verdicts apart
            ax.annotate(f"{row.ratio:.2f} {row.verdict}", (row.ratio, y), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize=7)
        ax.set_yticks(range(len(rows)), rows["label"], fontsize=7.5)
        ax.set_ylim(-0.7, len(rows) - 0.3)
        ax.set_title(article, fontsize=9.5)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color="#e4e4e4")
    axes[-1, 0].set_xlim(low, high)
    axes[-1, 0].set_xlabel("reproduced value / claimed value (1.0 = exact; > marks a lower bound)")
    present = [v for v in verdicts.VERDICTS if v in set(numeric["verdict"])]
    handles = [Line2D([], [], marker="o", ls="", color=VERDICT_COLORS[v], label=v) for v in present]
    axes[0, 0].legend(handles=handles, loc="lower left", fontsize=7, ncols=2)
    fig.suptitle("Numeric claims: reproduced relative to claimed", x=0.01, ha="left", fontweight="bold", fontsize=11)
    source_note(fig, "Claims: data/raw/claims.csv; reproduced values: data/processed/results.csv; verdicts: "
                     "detainer_audit/verdicts.py.")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    drawn = numeric[["article", "claim_id", "label", "claimed_value", "reproduced_value", "bound", "verdict"]].copy()
    drawn["ratio"] = numeric["ratio"].round(6)
    drawn["tolerance_exact"] = tolerance_exact
    drawn["tolerance_about"] = tolerance_about
    return fig, drawn.reset_index(drop=True)


def summary(table: pd.DataFrame) -> list[str]:
    """What the audit found, in a few short lines for the top of the README: how many claims, what holds and
    on what, what does not, what only its source backs, and what nobody can check (all from the audit table)."""
    counts = table["verdict"].value_counts()
    said = ", ".join(f"{counts[v]} {v}" for v in verdicts.VERDICTS if v in counts)
    lines = [f"{len(table)} claims of two articles, each judged once: {said}."]

    def listed(rows: pd.DataFrame, shown: bool = False) -> str:
        return "; ".join(f"“{row.label}”" + (f" ({row.reproduced_shown})" if shown and row.reproduced_shown else "")
                         for row in rows.itertuples())

    independent = table[table["verdict"].isin([verdicts.REPRODUCED, verdicts.WITH_CAVEAT])
                        & (table["evidence_grade"] == verdicts.INDEPENDENT)]
    if len(independent):
        lines.append(f"Confirmed by a publisher other than the claim's own source: {listed(independent)}.")
    wrong = table[table["verdict"].isin([verdicts.OVERSTATED, verdicts.UNDERSTATED, verdicts.SOURCES_DISAGREE])]
    if len(wrong):
        lines.append(f"Not as claimed: {listed(wrong, shown=True)}.")
    matched = table[table["verdict"] == verdicts.MATCHES_SOURCE]
    if len(matched):
        lines.append(f"Quoted correctly, but only their own source backs them: {listed(matched)}.")
    unknown = table[table["verdict"] == verdicts.NOT_VERIFIABLE]
    if len(unknown):
        lines.append(f"Not verifiable from public records: {listed(unknown)}.")
    return lines
