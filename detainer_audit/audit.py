"""The claims audit: every ledger row against the results table, with a computed verdict."""

from __future__ import annotations

import pandas as pd

from . import params, paths, recount, verdicts
from .io import write_csv
from .results import Statistic, display, split_sources

CLAIMS = "claims"
PUBLISHED = "published_figures"
COUNTS = "detainer_counts"


def check_parameters(tolerance_exact, tolerance_about) -> tuple:
    """The notebook's parameters, checked (the pipeline calls this before a kernel starts)."""
    return (params.number("tolerance_exact", tolerance_exact, 0, 0.5),
            params.number("tolerance_about", tolerance_about, 0, 0.5))


AUDIT_COLUMNS = ["claim_id", "label", "article", "article_date", "claim", "claimed_value", "claimed_high", "comparator",
                 "unit", "statistic", "reproduced_value", "bound", "difference", "relative_difference",
                 "verdict", "evidence_grade", "reproduced_from", "cross_checks_agreeing", "cross_checks_disagreeing",
                 "reason", "evidence", "notebook"]


class LedgerError(ValueError):
    """A ledger row cannot be audited (for example: it names a statistic nobody computes)."""


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


def _names(text) -> list[str]:
    return [] if text is None or (isinstance(text, float) and pd.isna(text)) else str(text).split()


def _lookup(known: pd.DataFrame, name: str, line: int, claim_id: str, column: str) -> tuple[float, str, frozenset, str]:
    if name not in known.index:
        raise LedgerError(f"data/raw/claims.csv, line {line}, column '{column}': claim {claim_id!r} points at "
                          f"{name!r}, which no notebook computes (not in data/processed/results.csv)")
    row = known.loc[name]
    return float(row["value"]), row["unit"], frozenset(split_sources(row["sources"])), row["description"]


def _said(name: str, value: float, unit: str, description: str) -> str:
    shown = display(value, unit.replace(" (lower bound)", "").replace(" (upper bound)", ""))
    bound = verdicts.bound_of(unit)
    prefix = {"lower": "at least ", "upper": "at most "}.get(bound, "")
    return f"{description}: {prefix}{shown} ({name})"


def evidence_text(grade: str, claim_source: str, own: verdicts.Check | None, checks: list[verdicts.Check],
                  disagreeing: list[verdicts.Check], context: list[str]) -> str:
    """What the verdict rests on, in words built from the statistics (nothing typed by hand)."""
    parts = []
    if own is not None:
        parts.append(f"reproduced from {'+'.join(sorted(own.sources))} ({own.statistic})")
    if grade == verdicts.OWN_SOURCE:
        parts.append(f"only {claim_source}, the source the claim itself relies on, backs this figure; "
                     "no count from another publisher covers the same days")
    elif grade == verdicts.PRIMARY:
        parts.append(f"read from {claim_source}'s own document, which the claim cites; no independent count confirms it")
    elif grade == verdicts.INDEPENDENT:
        parts.append(f"a source other than {claim_source} (the claim's own) gives it")
    elif grade == verdicts.BOUNDS_ONLY:
        parts.append("the public data give only a bound")
    if own is not None and grade != verdicts.INDEPENDENT and recount.recounts(own.statistic):
        parts.append(recount.evidence_words())
    for check in checks:
        word = "disagrees" if check in disagreeing else "agrees"
        parts.append(f"cross-check {check.statistic} [{'+'.join(sorted(check.sources))}] {word} ({check.verdict})")
    if context:
        parts.append("other counts: " + "; ".join(context))
    return ". ".join(part[0].upper() + part[1:] for part in parts) + ("." if parts else "")


def audit(claims: pd.DataFrame, results_table: pd.DataFrame, tolerance_exact: float,
          tolerance_about: float) -> pd.DataFrame:
    known = results_table.set_index("statistic")
    rows = []
    for line, claim in enumerate(claims.to_dict("records"), start=2):
        statistic = claim.get("statistic")
        reproduced, bound = None, "exact"
        if claim["check"] == "compare":
            if not statistic or statistic not in known.index:
                raise LedgerError(
                    f"data/raw/claims.csv, line {line}, column 'statistic': claim {claim['claim_id']!r} points at "
                    f"{statistic!r}, which no notebook computes (not in data/processed/results.csv)"
                )
            reproduced = float(known.loc[statistic, "value"])
            bound = verdicts.bound_of(known.loc[statistic, "unit"])
        elif statistic:
            raise LedgerError(f"data/raw/claims.csv, line {line}, column 'statistic': claim {claim['claim_id']!r} "
                              f"has check {claim['check']!r} but names a statistic")
        try:
            verdict = verdicts.judge(claim, reproduced, bound, tolerance_exact, tolerance_about)
        except ValueError as error:
            raise LedgerError(f"data/raw/claims.csv, line {line}: {error}") from None
        own, checks = None, []
        if claim["check"] == "compare":
            _, _, sources, _ = _lookup(known, statistic, line, claim["claim_id"], "statistic")
            own = verdicts.Check(statistic, sources, reproduced, bound, verdict.verdict)
            for name in _names(claim.get("cross_checks")):
                value, unit, sources, _ = _lookup(known, name, line, claim["claim_id"], "cross_checks")
                judged = verdicts.judge(claim, value, verdicts.bound_of(unit), tolerance_exact, tolerance_about)
                checks.append(verdicts.Check(name, sources, value, verdicts.bound_of(unit), judged.verdict))
        elif _names(claim.get("cross_checks")):
            raise LedgerError(f"data/raw/claims.csv, line {line}, column 'cross_checks': claim {claim['claim_id']!r} "
                              f"has check {claim['check']!r}, so there is nothing to cross-check")
        context = []
        for name in _names(claim.get("context_checks")):
            value, unit, _, description = _lookup(known, name, line, claim["claim_id"], "context_checks")
            context.append(_said(name, value, unit, description))
        if claim["check"] == "compare" and not claim.get("claim_source"):
            raise LedgerError(f"data/raw/claims.csv, line {line}, column 'claim_source': claim {claim['claim_id']!r} "
                              "is compared, so it must name the source it relies on")
        disagreeing = verdicts.disagreement(verdict.verdict, checks)
        final, reason = verdict.verdict, verdict.reason
        if disagreeing:
            final = verdicts.SOURCES_DISAGREE
            reason += "; sources disagree: " + "; ".join(
                f"{known.loc[c.statistic, 'description']} [{'+'.join(sorted(c.sources))}, {c.statistic}] gives "
                f"{'at least ' if c.bound == 'lower' else 'at most ' if c.bound == 'upper' else ''}{display(c.value)}, "
                f"by which the claim is {c.verdict}" for c in disagreeing)
        try:
            grade = verdicts.grade(claim["check"], claim.get("claim_source") or "", claim.get("claim_source_kind") or "",
                                   own, checks)
        except ValueError as error:
            raise LedgerError(f"data/raw/claims.csv, line {line}: {error}") from None
        rows.append({
            "claim_id": claim["claim_id"], "label": claim["label"], "article": claim["article"],
            "article_date": claim["article_date"],
            "claim": claim["claim"], "claimed_value": claim["claimed_value"], "claimed_high": claim["claimed_high"],
            "comparator": claim["comparator"], "unit": claim["unit"], "statistic": statistic or "",
            "reproduced_value": verdict.reproduced, "bound": bound if reproduced is not None else "",
            "difference": verdict.difference, "relative_difference": verdict.relative_difference,
            "verdict": final, "evidence_grade": grade,
            "reproduced_from": "+".join(sorted(own.sources)) if own else "",
            "cross_checks_agreeing": " ".join(c.statistic for c in checks if c not in disagreeing),
            "cross_checks_disagreeing": " ".join(c.statistic for c in disagreeing),
            "reason": reason,
            "evidence": evidence_text(grade, claim.get("claim_source") or "", own, checks, disagreeing, context),
            "notebook": claim["notebook"],
        })
    table = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    for column in ("difference", "relative_difference", "reproduced_value"):
        table[column] = table[column].astype("float64").round(6)
    return table


def write(table: pd.DataFrame) -> str:
    target = paths.processed() / "claims_audit.csv"
    write_csv(target, table)
    return paths.relative(target)


def verdict_counts(table: pd.DataFrame) -> pd.DataFrame:
    counts = table.groupby(["article", "verdict"]).size().unstack(fill_value=0)
    return counts.reindex(columns=[v for v in verdicts.VERDICTS if v in counts.columns])


def grade_counts(table: pd.DataFrame) -> pd.DataFrame:
    counts = table.groupby(["article", "evidence_grade"]).size().unstack(fill_value=0)
    return counts.reindex(columns=[g for g in verdicts.GRADES if g in counts.columns])


def statistics(table: pd.DataFrame) -> list[Statistic]:
    stats = [Statistic("claims_audited", len(table), "claims", "rows of the claims ledger")]
    for verdict in verdicts.VERDICTS:
        name = "claims_" + verdict.replace(" ", "_")
        stats.append(Statistic(name, int((table["verdict"] == verdict).sum()), "claims",
                               f"claims whose computed verdict is '{verdict}'", headline=True))
    for grade in verdicts.GRADES:
        name = "claims_evidence_" + grade.replace(" ", "_")
        stats.append(Statistic(name, int((table["evidence_grade"] == grade).sum()), "claims",
                               f"claims whose evidence grade is '{grade}'", headline=grade != verdicts.NO_EVIDENCE))
    return stats


VERDICT_COLORS = {
    verdicts.REPRODUCED: "#3b6e8f", verdicts.WITH_CAVEAT: "#7fa7c2", verdicts.SOURCES_DISAGREE: "#8c5a9e",
    verdicts.OVERSTATED: "#b23a48",
    verdicts.UNDERSTATED: "#d9822b", verdicts.NOT_VERIFIABLE: "#6b6b6b", verdicts.CONTEXT: "#c8c8c8",
}
GRADE_COLORS = {
    verdicts.INDEPENDENT: "#1b7f4b", verdicts.PRIMARY: "#3b6e8f", verdicts.OWN_SOURCE: "#c9a227",
    verdicts.BOUNDS_ONLY: "#9a9a9a", verdicts.NO_EVIDENCE: "#dddddd",
}


def figure(table: pd.DataFrame, tolerance_exact: float, tolerance_about: float):
    """Each numeric claim's reproduced value relative to the claimed value, by article."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from .figures import source_note

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
            ax.annotate(f"{row.ratio:.2f}", (row.ratio, y), xytext=(6, 0), textcoords="offset points",
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
