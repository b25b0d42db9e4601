"""The claims audit (notebook 05): every claim of the two articles, judged once.

The ledger (``data/raw/claims.csv``) names, for each checkable claim, the statistic it is judged against; the
other notebooks' results (`READS`, read as declared inputs, never recorded again) and a few figures of other
publications that the articles lean on (recorded here) are what the claims are judged against. `answer`
computes the whole audit once: the table of verdicts (published as ``data/processed/claims_audit.csv``),
the findings, the reasons, the objections, the figure and the statistics. A module per step: `ledger` (each
row judged: verdict, reason, evidence grade) and `summaries` (what is said of the judged ledger).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import answers, declined, evidence, jurisdictions, longer_record, objections, params, rawdata, results, weekly
from ..verdicts import TOLERANCE_ABOUT, TOLERANCE_EXACT
from . import ledger, summaries

CLAIMS = "claims"
PUBLISHED = "published_figures"
COUNTS = "detainer_counts"
READ_THROUGH_PRESS = "claims_read_through_press"
STATEMENTS = "week1_report_statements"
NOTEBOOK = "05_claims_audit"
# the notebooks whose results the claims are judged against: the run executes them first (audit_pipeline.runner)
READS = (declined.NOTEBOOK, weekly.NOTEBOOK, jurisdictions.NOTEBOOK, longer_record.NOTEBOOK)
AUDIT_CSV = "claims_audit.csv"  # the audit table, published in data/processed/


@dataclass(frozen=True)
class Parameters:
    """Notebook 05's parameters, declared once: defaults the published values, the one set of tolerances
    (`verdicts.TOLERANCE_EXACT`, `verdicts.TOLERANCE_ABOUT`)."""

    tolerance_exact: float = params.parameter(TOLERANCE_EXACT, "relative tolerance for numbers stated exactly: 0.005 is 0.5%")
    tolerance_about: float = params.parameter(TOLERANCE_ABOUT,
                                              'relative tolerance for rounded or "roughly" numbers, including "double"')

    def __post_init__(self):
        params.settle(self, **{name: params.number(name, getattr(self, name), 0, 0.5) for name in params.names(self)})


def answer(p: Parameters, root: Path | None = None) -> answers.Answer:
    """Notebook 05's whole answer at the parameters ``p``, judged against the results of the notebooks it
    reads (`READS`) in the output folder ``root`` (by default this run's, `paths.output_root`): the findings,
    then its sections in the order the notebook shows them (the other publications' figures, the audit table,
    the reasons, the notes several claims share, the counts by article, the objections, the figure), the
    statistics it records and the audit table it publishes (``claims_audit.csv``)."""
    from .. import figures  # matplotlib, only once a figure is drawn (a parameter check never needs it)

    figures.apply_style()
    claims = rawdata.read_table(CLAIMS)
    context = summaries.context_statistics(rawdata.read_table(PUBLISHED), rawdata.read_table(COUNTS))
    context_rows = results.table(NOTEBOOK, context)
    theirs = results.read(READS, root)
    press_accounts = evidence.read_through_press(rawdata.read_table(READ_THROUGH_PRESS),
                                                 rawdata.read_table(STATEMENTS))
    table = ledger.audit(claims, pd.concat([theirs, context_rows], ignore_index=True), p.tolerance_exact,
                         p.tolerance_about, press_accounts)

    recorded = context + summaries.statistics(table)
    values = {item.statistic: item.value for item in recorded}
    changed = params.changed(p)
    # the objections read every number from results: the other notebooks' and this audit's own
    known = pd.concat([theirs, results.table(NOTEBOOK, recorded)], ignore_index=True)
    drawn, drawn_data = summaries.figure(table, p.tolerance_exact, p.tolerance_about)
    by_article = claims["article"].value_counts(sort=False)

    sections = {
        "context": answers.Section(tables=(results.recorded_readers(context_rows),)),
        "audit": answers.Section(
            lines=(f"{int(values['claims_audited'])} claims: "
                   + ", ".join(f"{n} from {article}" for article, n in by_article.items()),),
            tables=(results.for_readers(table, {
                "label": "claim", "claimed_shown": "claimed", "reproduced_shown": "reproduced", "verdict": "verdict",
                "evidence_grade": "evidence"}),)),
        "reasons": answers.Section(lines=tuple(summaries.reasons(table))),
        "shared_notes": answers.Section(lines=tuple(f"{text}\n    Applies to: {', '.join(labels)}."
                                                    for _, text, labels in evidence.shared_notes(table))),
        "by_article": answers.Section(tables=(summaries.verdict_counts(table), summaries.grade_counts(table))),
        "objections": answers.Section(lines=tuple(f"Raised by {item.raised_by}: {item.objection}\n    {item.answer}"
                                                  for item in objections.objections(known))),
        "figure": answers.Section(figure=answers.Figure("05-claims-reproduced-vs-claimed", drawn, drawn_data)),
    }
    found = summaries.findings(values, table, p.tolerance_exact, p.tolerance_about)
    if changed:
        found.append("These verdicts use tolerances other than the published ones "
                     f"({', '.join(f'{name} = {used!r}' for name, (used, _) in changed.items())}).")
    return answers.Answer(NOTEBOOK, p, changed, tuple(found), sections, tuple(recorded), files={AUDIT_CSV: table})
