"""What the page of `make check` shows (notebooks/check/check_claims.ipynb), computed in one call (`answer`):
what it finds, the verdicts as a table for readers, every claim against the record on one timeline, and each
claim's reason and counts in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import answers, params, verdicts
from ..results import display
from . import NOTEBOOK
from .claims import COMPARATOR_WORDS, MEASURES
from .judging import CHECK_COLUMNS, USED_COLUMNS

ROLE_STYLE = {  # how each kind of count is drawn: colour, line width, and a word in the legend
    "judged against": ("#1f3b57", 5.0), "cross-check": ("#3b6e8f", 3.0), "part of the days": ("#8fb0c8", 2.0),
    "longer period": ("#b5b5b5", 1.5), "context": ("#d0d0d0", 1.5),
}


class CheckFileError(ValueError):
    """The page's input files are missing or not what `make check` writes."""


@dataclass(frozen=True)
class Parameters:
    """The page's parameters, declared once: the two files `make check` writes beside the page. Building one
    checks both."""

    check_csv: str = params.parameter("check.csv", "the verdicts written by make check, beside this notebook")
    counts_csv: str = params.parameter("counts_used.csv", "every count used for each claim, on its footing")

    def __post_init__(self):
        for name, value in (("check_csv", self.check_csv), ("counts_csv", self.counts_csv)):
            if not isinstance(value, str) or not value:
                raise params.ParameterError(f"parameter {name} must name a CSV file that make check writes, "
                                            f"got {value!r}")


def load(check_csv: str, counts_csv: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    tables = []
    for path, columns in ((check_csv, CHECK_COLUMNS), (counts_csv, USED_COLUMNS)):
        if not Path(path).exists():
            raise CheckFileError(f"{path}: no such file (make check writes it)")
        table = pd.read_csv(path, dtype={"claim_id": str})
        if list(table.columns) != columns:
            raise CheckFileError(f"{path}: not a file make check writes (columns {', '.join(table.columns)})")
        tables.append(table)
    return tables[0], tables[1]


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """One row a claim, in words."""
    def claimed(row) -> str:
        word = COMPARATOR_WORDS[row["comparator"]]
        value = display(row["value"]) + (f" to {display(row['value_high'])}" if row["comparator"] == "range" else "")
        rate = "" if row["per"] == "total" else f" a {row['per']}"
        return f"{word}{value}{' %' if row['measure'] == 'declined_share' else ''}{rate}"

    def found(row) -> str:
        low, high = row["low"], row["high"]
        if pd.isna(row["reproduced_value"]):
            return ""
        if pd.notna(high) and pd.notna(low) and low != high:
            return f"{display(low)} to {display(high)}"
        if pd.notna(low) and pd.isna(high):
            return f"at least {display(low)}"
        return display(row["reproduced_value"])

    rows = table.to_dict("records")
    return pd.DataFrame({
        "claim": table["claim_id"], "said by": table["said_by"].fillna(""),
        "measure": table["measure"].map(MEASURES), "period": table["from"] + " to " + table["to"],
        "claimed": [claimed(r) for r in rows], "the record": [found(r) for r in rows],
        "verdict": table["verdict"], "evidence": table["evidence_grade"],
    }).set_index("claim")


def timeline(table: pd.DataFrame, used: pd.DataFrame):
    """Every claim against the record: the claim's period as a thick bar in its verdict's colour, and
    below it every count used, drawn over its own period in the shade of its role."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    height = 1.2 + 0.55 * sum(1 + min(6, (used["claim_id"] == c).sum()) for c in table["claim_id"])
    fig, ax = plt.subplots(figsize=(9.5, min(height, 30)))
    y, ticks, labels = 0.0, [], []
    for row in table.to_dict("records"):
        start, end = dt.date.fromisoformat(row["from"]), dt.date.fromisoformat(row["to"])
        ax.plot([start, end], [y, y], color=verdicts.VERDICT_COLORS[row["verdict"]], lw=9, solid_capstyle="butt")
        ax.annotate(f"{row['verdict']} ({row['evidence_grade']})", (start, y), xytext=(0, 7), textcoords="offset points",
                    va="bottom", fontsize=7.5, fontweight="bold")
        ticks.append(y)
        labels.append(row["claim_id"])
        for count in used[used["claim_id"] == row["claim_id"]].head(6).itertuples():
            y -= 0.45
            colour, width = ROLE_STYLE[count.role]
            ax.plot([dt.date.fromisoformat(count.period_start), dt.date.fromisoformat(count.period_end)], [y, y],
                    color=colour, lw=width, solid_capstyle="butt")
            ax.annotate(count.publisher.split(",")[0][:40], (dt.date.fromisoformat(count.period_start), y),
                        xytext=(0, 3), textcoords="offset points", fontsize=6, color="#444444")
        y -= 0.9
    ax.set_yticks(ticks, labels, fontsize=8)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="y", visible=False)
    handles = [Line2D([], [], color=colour, lw=width, label=role) for role, (colour, width) in ROLE_STYLE.items()]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncols=5, fontsize=7,
              title="counts used, by what they do in the judgement", title_fontsize=7.5, frameon=False)
    ax.set_title("Each claim's period (thick, in its verdict's colour) and the counts of the record beside it",
                 loc="left", fontsize=10)
    fig.tight_layout()
    drawn = used[["claim_id", "rank", "role", "publisher", "period_start", "period_end"]].merge(
        table[["claim_id", "from", "to", "verdict", "evidence_grade"]], on="claim_id")
    return fig, drawn


def reasons_html(table: pd.DataFrame) -> str:
    """The reasons as a page section, one block a claim with the anchor its ClaimReview points at."""
    import html

    from ..claimreview import anchor

    return "\n".join(f'<section id="{anchor(row.claim_id)}"><h3>{html.escape(row.claim_id)}: {html.escape(row.verdict)} '
                     f'(evidence: {html.escape(row.evidence_grade)})</h3><p>{html.escape(row.reason)}</p></section>'
                     for row in table.itertuples())


def findings(shown: pd.DataFrame) -> list[str]:
    """What the page finds, in words, from the table readers see (`readable`): how many claims hold up and how,
    then each claim against the record."""
    counts = shown["verdict"].value_counts()
    said = ", ".join(f"{counts[v]} {v}" for v in verdicts.VERDICTS if v in counts)
    found = [f"{len(shown)} claim{'s' if len(shown) != 1 else ''} judged against the whole public record: {said}."]
    for claim, row in shown.iterrows():
        record = f"the record gives {row['the record']}" if row["the record"] else "no count of the record settles it"
        found.append(f"{claim}{' (' + row['said by'] + ')' if row['said by'] else ''}: {row['claimed']}, "
                     f"{row['measure']}, {row['period']}; {record}: {row['verdict']} (evidence: {row['evidence']}).")
    return found


def answer(p: Parameters) -> answers.Answer:
    """The page's whole answer, from the files `make check` wrote (``p``): the findings, then the verdicts as a
    table, the timeline and the reasons, in the order the page shows them. It records no statistic and
    publishes no file; its one figure is written beside the page."""
    from .. import figures  # matplotlib, only once a figure is drawn

    figures.apply_style()
    table, used = load(p.check_csv, p.counts_csv)
    shown = readable(table)
    drawn, drawn_data = timeline(table, used)
    sections = {
        "verdicts": answers.Section(tables=(shown,)),
        "timeline": answers.Section(figure=answers.Figure("check-claims-timeline", drawn, drawn_data)),
        "reasons": answers.Section(html=reasons_html(table)),
    }
    # no published run to keep apart: `make check` chooses where the page writes (changed is empty)
    return answers.Answer(NOTEBOOK, p, {}, tuple(findings(shown)), sections, ())
