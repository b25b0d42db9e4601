"""The claims audit: every ledger row against the results table, with a computed verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from . import declined, evidence, jurisdictions, longer_record, params, paths, verdicts, weekly
from .verdicts import TOLERANCE_ABOUT, TOLERANCE_EXACT, VERDICT_COLORS
from .files import write_csv
from .results import Statistic, display, fill, read, split_sources

CLAIMS = "claims"
PUBLISHED = "published_figures"
COUNTS = "detainer_counts"
NOTEBOOK = "05_claims_audit"
# the notebooks whose results the claims are judged against: the run executes them first (audit_pipeline.runner)
READS = (declined.NOTEBOOK, weekly.NOTEBOOK, jurisdictions.NOTEBOOK, longer_record.NOTEBOOK)
READ_THROUGH_PRESS = "claims_read_through_press"
STATEMENTS = "week1_report_statements"


@dataclass(frozen=True)
class Parameters:
    """Notebook 05's parameters, declared once: defaults the published values, the one set of tolerances."""

    tolerance_exact: float = params.parameter(TOLERANCE_EXACT, "relative tolerance for numbers stated exactly: 0.005 is 0.5%")
    tolerance_about: float = params.parameter(TOLERANCE_ABOUT,
                                              'relative tolerance for rounded or "roughly" numbers, including "double"')

    def __post_init__(self):
        params.settle(self, **{name: params.number(name, getattr(self, name), 0, 0.5) for name in params.names(self)})


AUDIT_COLUMNS = ["claim_id", "label", "article", "article_date", "claim", "claimed_value", "claimed_high", "comparator",
                 "unit", "statistic", "reproduced_value", "bound", "difference", "relative_difference",
                 "claimed_shown", "reproduced_shown", "verdict", "evidence_grade", "reproduced_from", "source_named_by_article", "cross_checks_agreeing",
                 "cross_checks_disagreeing", "reason", "evidence", "shared_notes", "statistics", "notebook"]


class LedgerError(ValueError):
    """A ledger row cannot be audited (for example: it names a statistic nobody computes)."""


def known_results(context: pd.DataFrame) -> pd.DataFrame:
    """What the claims are judged against: the results of the notebooks the audit reads (`READS`, read once,
    never recorded again), then its own context statistics (as `results.table` gives them)."""
    return pd.concat([read(READS), context], ignore_index=True)


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
    from .scale import scale_check

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


def _listed(labels: list[str]) -> str:
    quoted = [f"“{label}”" for label in labels]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def findings(table: pd.DataFrame, tolerance_exact: float = verdicts.TOLERANCE_EXACT,
             tolerance_about: float = verdicts.TOLERANCE_ABOUT) -> list[str]:
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
        press = held[held["evidence_grade"] == verdicts.PRESS_ACCOUNTS]
        sentences.append(f"What holds: {len(held)} claims. {len(strong)} of them rest on independent evidence or the "
                         f"primary document ({_listed(strong['label'].tolist()) if len(strong) else 'none'})"
                         + (f"; {len(press)} on press accounts of the document they cite "
                            f"({_listed(press['label'].tolist())})" if len(press) else "") + ".")
    matches = table[table["verdict"] == verdicts.MATCHES_SOURCE]
    if len(matches):
        sentences.append(f"Matching their source, unverified: {len(matches)} claims "
                         f"({_listed(matches['label'].tolist())}). Each quotes its source correctly; no other "
                         "publisher checks the figure itself.")
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


def _snake(words: str) -> str:
    """A verdict or grade as part of a statistic's name: 'matches its source, unverified' ->
    'matches_its_source_unverified'."""
    return re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_")


def statistics(table: pd.DataFrame) -> list[Statistic]:
    stats = [Statistic("claims_audited", len(table), "claims", "rows of the claims ledger")]
    for verdict in verdicts.VERDICTS:
        name = "claims_" + _snake(verdict)
        stats.append(Statistic(name, int((table["verdict"] == verdict).sum()), "claims",
                               f"claims whose computed verdict is '{verdict}'", headline=True))
    for grade in verdicts.GRADES:
        name = "claims_evidence_" + _snake(grade)
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
