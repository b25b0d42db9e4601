"""The claims audit: every ledger row against the results table, with a computed verdict."""

from __future__ import annotations


import pandas as pd

from . import params, paths, recount, verdicts
from .verdicts import VERDICT_COLORS
from .files import write_csv
from .results import Statistic, display, fill, split_sources

CLAIMS = "claims"
PUBLISHED = "published_figures"
COUNTS = "detainer_counts"
NOTEBOOK = "05_claims_audit"
# the parameters of the published run (the notebook's parameters cell holds the same values)
PUBLISHED_PARAMETERS = {"tolerance_exact": 0.005, "tolerance_about": 0.10}


def check_parameters(tolerance_exact, tolerance_about) -> tuple:
    """The notebook's parameters, checked (the pipeline calls this before a kernel starts)."""
    return (params.number("tolerance_exact", tolerance_exact, 0, 0.5),
            params.number("tolerance_about", tolerance_about, 0, 0.5))


AUDIT_COLUMNS = ["claim_id", "label", "article", "article_date", "claim", "claimed_value", "claimed_high", "comparator",
                 "unit", "statistic", "reproduced_value", "bound", "difference", "relative_difference",
                 "verdict", "evidence_grade", "reproduced_from", "cross_checks_agreeing", "cross_checks_disagreeing",
                 "reason", "evidence", "statistics", "notebook"]


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
    return f"{description}: {prefix}{shown}"


def evidence_text(grade: str, claim_source: str, own: verdicts.Check | None, checks: list[verdicts.Check],
                  disagreeing: list[verdicts.Check], context: list[str], scale: str | None = None,
                  descriptions: dict[str, str] | None = None) -> str:
    """What the verdict rests on, in words built from the statistics (nothing typed by hand): each
    statistic by what it is (``descriptions``), never by its identifier (those are in the audit table's
    ``statistics`` column, for auditors)."""
    descriptions = descriptions or {}
    parts = []
    if own is not None:
        parts.append(f"reproduced from the figures of {' and '.join(sorted(own.sources))}")
    if grade == verdicts.OWN_SOURCE:
        others = sorted(own.sources - {claim_source}) if own is not None else []
        if others:
            parts.append(f"the figures of {claim_source}, the source the claim itself relies on, are backed by "
                         f"{claim_source} alone; {'+'.join(others)} gives only the other figures it is computed from")
        else:
            parts.append(f"only {claim_source}, the source the claim itself relies on, backs this figure; "
                         "no count from another publisher covers the same days")
    elif grade == verdicts.PRIMARY:
        parts.append(f"read from {claim_source}'s own document, which the claim cites; no independent count confirms it")
    elif grade == verdicts.INDEPENDENT:
        parts.append(f"a source other than {claim_source} (the claim's own) gives it")
    elif grade == verdicts.BOUNDS_ONLY:
        parts.append("the public data give only a bound")
    for check in checks:
        word = "disagrees" if check in disagreeing else "agrees"
        shown = display(check.value)
        prefix = {"lower": "at least ", "upper": "at most "}.get(check.bound, "")
        parts.append(f"cross-check, {descriptions.get(check.statistic, 'another count')} ({' and '.join(sorted(check.sources))}): "
                     f"{prefix}{shown}, which {word} ({check.verdict})")
    if scale:
        parts.append(scale)
    if own is not None and grade != verdicts.INDEPENDENT and recount.recounts(own.statistic):
        parts.append(recount.evidence_words())
    if context:
        parts.append("other counts: " + "; ".join(context))
    return ". ".join(part[0].upper() + part[1:] for part in parts) + ("." if parts else "")


def _fill(text, known: pd.DataFrame, line: int, claim_id: str, column: str):
    """A ledger text with each ``{statistic}`` replaced by its computed value; a name nobody computes is
    refused with the ledger's line and column."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return text

    def shown(name: str) -> str:
        number, unit, _, _ = _lookup(known, name, line, claim_id, column)
        return display(number, unit)

    return fill(str(text), shown)


def _bounded(known: pd.DataFrame, name: str, line: int, claim_id: str, column: str) -> tuple[float, float, float, frozenset]:
    """A statistic recorded as an estimate with ``_low`` and ``_high`` beside it (or exactly): estimate, low, high."""
    estimate, _, sources, _ = _lookup(known, name, line, claim_id, column)
    low = float(known.loc[f"{name}_low", "value"]) if f"{name}_low" in known.index else estimate
    high = float(known.loc[f"{name}_high", "value"]) if f"{name}_high" in known.index else estimate
    return estimate, low, high, sources


def scale_text(known: pd.DataFrame, name: str, line: int, claim_id: str) -> str:
    """One sentence on whether an independent count of detainers issued shows a count's scale is plausible."""
    from .issued import SCALE_FACTOR, plausible

    estimate, low, high, _ = _bounded(known, name, line, claim_id, "scale_check")
    others = [_lookup(known, f"declined_share_other_publishers_{end}", line, claim_id, "scale_check")
              for end in ("min", "max")]
    who = "+".join(sorted(others[0][2] | others[1][2]))
    shown = f"{estimate:.2f}% of them" + ("" if low == high else f" ({low:.2f}% to {high:.2f}% on any reading of the doubled weeks)")
    verdict = "plausible" if plausible(estimate, others[0][0], others[1][0]) and plausible(low, others[0][0], others[1][0]) \
        and plausible(high, others[0][0], others[1][0]) else "not shown to be plausible"
    own = ""
    if "declined_share_cis_stated_low" in known.index:
        own = (f", and beside CIS's own {display(known.loc['declined_share_cis_stated_low', 'value'])} to "
               f"{display(known.loc['declined_share_cis_stated_high', 'value'])}% (low confidence, context only)")
    return (f"an independent count of detainers issued finds its scale {verdict}: set against the detainers ICE issued over "
            f"the same days (DDP's weekly counts of ICE's records), the count is {shown}, against the "
            f"{others[0][0]:.1f}% to {others[1][0]:.1f}% other publishers give ({who}; same scale means within a factor of "
            f"{SCALE_FACTOR:g}){own}")


def audit(claims: pd.DataFrame, results_table: pd.DataFrame, tolerance_exact: float,
          tolerance_about: float) -> pd.DataFrame:
    known = results_table.set_index("statistic")
    rows = []
    for line, claim in enumerate(claims.to_dict("records"), start=2):
        claim = {**claim, "caveat": _fill(claim.get("caveat"), known, line, claim["claim_id"], "caveat")}
        statistic = claim.get("statistic")
        reproduced, bound = None, "exact"
        compared = claim["check"] in ("compare", "trend")
        if compared:
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
        own, checks = None, []
        if claim["check"] == "trend":
            estimate, low, high, sources = _bounded(known, statistic, line, claim["claim_id"], "statistic")
            as_compared = {**claim, "check": "compare", "caveat": None}
            readings = []
            for name in _names(claim.get("cross_checks")):
                value, unit, _, description = _lookup(known, name, line, claim["claim_id"], "cross_checks")
                judged = verdicts.judge(as_compared, value, verdicts.bound_of(unit), tolerance_exact, tolerance_about)
                readings.append((description, value, judged.verdict))
            verdict = verdicts.judge_trend(claim, low, high, estimate, readings)
            verdict = verdicts.Verdict(verdict.verdict, verdict.reason, estimate, estimate - float(claim["claimed_value"]), None)
            bound = "exact" if verdicts.direction(low, high) != verdicts.UNSETTLED else "between"
            own = verdicts.Check(statistic, sources, estimate, bound, verdict.verdict)
        else:
            try:
                verdict = verdicts.judge(claim, reproduced, bound, tolerance_exact, tolerance_about)
            except ValueError as error:
                raise LedgerError(f"data/raw/claims.csv, line {line}: {error}") from None
        if claim["check"] == "compare":
            _, _, sources, _ = _lookup(known, statistic, line, claim["claim_id"], "statistic")
            own = verdicts.Check(statistic, sources, reproduced, bound, verdict.verdict)
            for name in _names(claim.get("cross_checks")):
                value, unit, sources, _ = _lookup(known, name, line, claim["claim_id"], "cross_checks")
                judged = verdicts.judge(claim, value, verdicts.bound_of(unit), tolerance_exact, tolerance_about)
                checks.append(verdicts.Check(name, sources, value, verdicts.bound_of(unit), judged.verdict))
        elif not compared and _names(claim.get("cross_checks")):
            raise LedgerError(f"data/raw/claims.csv, line {line}, column 'cross_checks': claim {claim['claim_id']!r} "
                              f"has check {claim['check']!r}, so there is nothing to cross-check")
        context = []
        for name in _names(claim.get("context_checks")):
            value, unit, _, description = _lookup(known, name, line, claim["claim_id"], "context_checks")
            context.append(_said(name, value, unit, description))
        if compared and not claim.get("claim_source"):
            raise LedgerError(f"data/raw/claims.csv, line {line}, column 'claim_source': claim {claim['claim_id']!r} "
                              "is compared, so it must name the source it relies on")
        disagreeing = verdicts.disagreement(verdict.verdict, checks)
        final, reason = verdict.verdict, verdict.reason
        if disagreeing:
            final = verdicts.SOURCES_DISAGREE
            reason += "; sources disagree: " + "; ".join(
                f"{known.loc[c.statistic, 'description']} ({' and '.join(sorted(c.sources))}) gives "
                f"{'at least ' if c.bound == 'lower' else 'at most ' if c.bound == 'upper' else ''}{display(c.value)}, "
                f"by which the claim is {c.verdict}" for c in disagreeing)
        try:
            grade = verdicts.grade("compare" if compared else claim["check"], claim.get("claim_source") or "",
                                   claim.get("claim_source_kind") or "", own, checks)
        except ValueError as error:
            raise LedgerError(f"data/raw/claims.csv, line {line}: {error}") from None
        scale = None
        if claim.get("scale_check"):
            scale = scale_text(known, claim["scale_check"], line, claim["claim_id"])
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
            "evidence": evidence_text(grade, claim.get("claim_source") or "", own, checks, disagreeing, context, scale,
                                      {c.statistic: known.loc[c.statistic, "description"] for c in checks}),
            "statistics": " ".join(dict.fromkeys(
                ([statistic] if statistic else []) + [c.statistic for c in checks] + _names(claim.get("context_checks")))),
            "notebook": claim["notebook"],
        })
    table = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    for column in ("difference", "relative_difference", "reproduced_value"):
        table[column] = table[column].astype("float64").round(6)
    return table


def _listed(labels: list[str]) -> str:
    quoted = [f"“{label}”" for label in labels]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def findings(table: pd.DataFrame, tolerance_exact: float, tolerance_about: float) -> list[str]:
    """What the claims audit finds, in words written from the audit table: how many claims hold and on
    what evidence, which do not and why, and which the public record cannot settle."""
    counts = table["verdict"].value_counts()
    grades = table["evidence_grade"].value_counts()
    said = [f"{counts[v]} {v}" for v in verdicts.VERDICTS if v in counts]
    sentences = [f"Of {len(table)} claims in the two articles, judged at a tolerance of {tolerance_exact:.1%} for "
                 f"numbers stated exactly and {tolerance_about:.0%} for rounded ones: " + ", ".join(said) + "."]
    held = table[table["verdict"].isin([verdicts.REPRODUCED, verdicts.WITH_CAVEAT])]
    if len(held):
        strong = held[held["evidence_grade"].isin([verdicts.INDEPENDENT, verdicts.PRIMARY])]
        own = held[held["evidence_grade"] == verdicts.OWN_SOURCE]
        sentences.append(f"What holds: {len(held)} claims; {len(strong)} of them rest on independent evidence or the "
                         f"primary document ({_listed(strong['label'].tolist()) if len(strong) else 'none'})"
                         + (f", while {len(own)} rest only on the source the article quotes "
                            f"({_listed(own['label'].tolist())})" if len(own) else "") + ".")
    for verdict in (verdicts.OVERSTATED, verdicts.UNDERSTATED, verdicts.SOURCES_DISAGREE):
        rows = table[table["verdict"] == verdict]
        for row in rows.itertuples():
            sentences.append(f"{verdict[:1].upper()}{verdict[1:]}: “{row.label}” ({row.article}); {row.reason}.")
    unknown = table[table["verdict"] == verdicts.NOT_VERIFIABLE]
    if len(unknown):
        sentences.append(f"What cannot be known from the public record: {_listed(unknown['label'].tolist())}.")
    if verdicts.INDEPENDENT in grades:
        sentences.append(f"Evidence: {', '.join(f'{grades[g]} {g}' for g in verdicts.GRADES if g in grades)}.")
    return sentences


def write(table: pd.DataFrame) -> str:
    target = paths.processed() / "claims_audit.csv"
    write_csv(target, table)
    return paths.relative(target)


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
