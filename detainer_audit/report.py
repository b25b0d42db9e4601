"""The HTML report: every executed notebook rendered for readers without Jupyter, and an
index page listing each claim with its verdict and a link to the notebook that checks it."""

from __future__ import annotations

import functools
import html
from pathlib import Path

import nbformat
import pandas as pd

from . import verdicts
from .audit import GRADE_COLORS, VERDICT_COLORS
from .io import write_text
from .results import display

TITLE = "Auditing published statistics on U.S. immigration detainers"
TEMPLATES = Path(__file__).resolve().parent / "templates"  # nbconvert's lab template, minus the network


@functools.lru_cache(maxsize=1)
def _exporter():
    """One exporter per process, so that its templates are compiled once (the runner renders
    from a single thread)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def render_notebook(notebook: Path, target: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    write_text(target, body)


def _badge(verdict: str) -> str:
    dark_text = verdict in (verdicts.CONTEXT,)
    return (f'<span class="v" style="background:{VERDICT_COLORS[verdict]}'
            f'{";color:#222" if dark_text else ""}">{html.escape(verdict)}</span>')


def _grade(grade: str) -> str:
    dark_text = grade in (verdicts.NO_EVIDENCE, verdicts.BOUNDS_ONLY, verdicts.OWN_SOURCE)
    return (f'<span class="g" style="border-color:{GRADE_COLORS[grade]};background:{GRADE_COLORS[grade]}'
            f'{";color:#222" if dark_text else ""}">{html.escape(grade)}</span>')


def render_index(audit_table: pd.DataFrame, notebooks: list[str], figures: list[str], target: Path) -> None:
    counts = audit_table["verdict"].value_counts()
    summary = " · ".join(f"{_badge(v)} {counts[v]}" for v in verdicts.VERDICTS if v in counts)
    grades = audit_table["evidence_grade"].value_counts()
    grade_summary = " · ".join(f"{_grade(g)} {grades[g]}" for g in verdicts.GRADES if g in grades)
    independent = audit_table[audit_table["evidence_grade"] == verdicts.INDEPENDENT]["label"].tolist()
    sections = []
    for article, rows in audit_table.groupby("article", sort=False):
        body = []
        for row in rows.itertuples():
            claimed = display(row.claimed_value, row.unit) + (f" to {display(row.claimed_high)}" if pd.notna(row.claimed_high) else "")
            body.append(
                f'<tr class="grade-{row.evidence_grade.replace(" ", "-")}">'
                f"<td><strong>{html.escape(row.label)}</strong><br><code class=id>{html.escape(row.claim_id)}</code></td>"
                f"<td>{html.escape(row.claim)}</td>"
                f"<td class=n>{claimed}</td>"
                f"<td class=n>{display(row.reproduced_value, row.unit)}{' (at least)' if row.bound == 'lower' else ''}</td>"
                f"<td>{_badge(row.verdict)}</td>"
                f"<td>{_grade(row.evidence_grade)}"
                f"{('<br><small>from ' + html.escape(row.reproduced_from) + '</small>') if isinstance(row.reproduced_from, str) else ''}</td>"
                f"<td>{html.escape(row.reason)}<br><small class=ev>{html.escape(row.evidence) if isinstance(row.evidence, str) else ''}</small></td>"
                f'<td><a href="{html.escape(row.notebook)}.html">{html.escape(row.notebook)}</a></td>'
                "</tr>")
        sections.append(f"<h2>{html.escape(article)} ({html.escape(str(rows['article_date'].iloc[0]))})</h2>\n"
                        "<table><thead><tr><th>claim</th><th>what the article says (paraphrased)</th><th>claimed</th>"
                        "<th>reproduced</th><th>verdict</th><th>evidence grade</th><th>why, and what else the record says</th><th>notebook</th></tr></thead><tbody>\n"
                        + "\n".join(body) + "\n</tbody></table>")
    notebook_links = "\n".join(f'<li><a href="{html.escape(n)}.html">{html.escape(n)}</a></li>' for n in notebooks)
    figure_links = "\n".join(f'<li><a href="../figures/{html.escape(f)}.png">{html.escape(f)}</a> '
                             f'(<a href="../figures/{html.escape(f)}.csv">numbers</a>)</li>' for f in figures)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 1200px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.88em; margin-bottom: 2em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.45em 0.5em; vertical-align: top; text-align: left; }}
th {{ background: #f4f4f4; }}
td.n {{ text-align: right; white-space: nowrap; }}
.g {{ display: inline-block; padding: 0.05em 0.4em; border-radius: 3px; border: 1px solid; color: #fff;
      font-size: 0.8em; white-space: nowrap; }}
tr.grade-independent td:first-child {{ border-left: 4px solid {GRADE_COLORS[verdicts.INDEPENDENT]}; }}
small.ev {{ color: #555; }}
.v {{ display: inline-block; padding: 0.1em 0.45em; border-radius: 3px; color: #fff; font-size: 0.85em;
      white-space: nowrap; }}
code {{ font-size: 0.85em; }}
code.id {{ font-size: 0.72em; color: #777; }}
</style>
</head>
<body>
<h1>{TITLE}</h1>
<p>Each claim of the two audited articles, paraphrased, with the value this project recomputes from the
primary figures and a verdict that follows from written rules (nothing is judged by hand). The notebook
column links to the notebook that computes the reproduced value. Claims ledger:
<code>data/raw/claims.csv</code>; all statistics: <code>data/processed/results.csv</code>; verdicts:
<code>data/processed/claims_audit.csv</code>.</p>
<p>Verdicts: {summary}</p>
<p>Evidence: {grade_summary}. The grade says what a verdict rests on: <em>independent</em> (a source other than
the one the claim quotes gives the value), <em>primary document</em> (read from the record the claim cites),
<em>own source only</em> (only the source the claim quotes backs it), <em>bounds only</em>, <em>none</em>.
Claims resting on independent evidence are marked with a green edge:
{"; ".join(f"<em>{html.escape(c)}</em>" for c in independent) or "none"}.</p>
<img src="../figures/05-claims-reproduced-vs-claimed.png" alt="Reproduced value relative to the claimed value, per claim" style="max-width:min(100%, 820px)">
{chr(10).join(sections)}
<h2>Notebooks</h2>
<ul>
{notebook_links}
</ul>
<h2>Figures</h2>
<ul>
{figure_links}
</ul>
</body>
</html>
"""
    write_text(target, page)


def build_index(stage: Path) -> list[str]:
    """The index page, from the staged claims audit, notebooks and figures."""
    stage = Path(stage)
    out = stage / "report"
    notebooks = sorted((stage / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    audit_table = pd.read_csv(stage / "data" / "processed" / "claims_audit.csv")
    figures = sorted(p.stem for p in (stage / "figures").glob("*.png"))
    render_index(audit_table, [n.stem for n in notebooks], figures, out / "index.html")
    return [p.name for p in sorted(out.glob("*.html"))]
