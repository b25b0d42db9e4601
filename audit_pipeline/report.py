"""The HTML report: every executed notebook rendered for readers without Jupyter, and an
index page listing each claim with its verdict and a link to the notebook that checks it."""

from __future__ import annotations

import base64
import functools
import html
from pathlib import Path

import nbformat
import pandas as pd

from detainer_audit import verdicts
from detainer_audit.figures import GRADE_COLORS, VERDICT_COLORS
from detainer_audit.files import write_text
from detainer_audit.results import display

from . import staging

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


def title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """A notebook's title in words: the first top-level heading of its markdown."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def render_notebook(notebook: Path, target: Path) -> None:
    """One notebook as a page of the report, titled in words, with a link back to the index."""
    nb = nbformat.read(notebook, as_version=4)
    nb.metadata["title"] = title(nb, notebook.stem)
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    write_text(target, body)


def _data_uri(path: Path, media_type: str) -> str:
    """A file as a data: address, so that the report keeps it when archived or moved on its own."""
    return f"data:{media_type};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _figure_title(png: Path) -> str:
    from PIL import Image

    with Image.open(png) as image:
        return image.text.get("Title") or png.stem


def _badge(verdict: str) -> str:
    dark_text = verdict in (verdicts.CONTEXT,)
    return (f'<span class="v" style="background:{VERDICT_COLORS[verdict]}'
            f'{";color:#222" if dark_text else ""}">{html.escape(verdict)}</span>')


def _grade(grade: str) -> str:
    dark_text = grade in (verdicts.NO_EVIDENCE, verdicts.BOUNDS_ONLY, verdicts.OWN_SOURCE)
    return (f'<span class="g" style="border-color:{GRADE_COLORS[grade]};background:{GRADE_COLORS[grade]}'
            f'{";color:#222" if dark_text else ""}">{html.escape(grade)}</span>')


HEADLINE_FIGURE = "05-claims-reproduced-vs-claimed"
COLUMNS = ("claim", "what the article says (paraphrased)", "claimed", "reproduced", "verdict", "evidence grade",
           "why, and what else the record says", "notebook")


def render_index(audit_table: pd.DataFrame, notebooks: list[Path], figures: Path, target: Path) -> None:
    """The report's front page: every claim with its verdict, linked to the page that checks it.

    It stands alone: the headline figure and the numbers behind every figure are embedded, and every
    link points at a page of the report itself, so the folder can be archived or moved on its own.
    On a narrow screen each claim becomes a card instead of a table row."""
    titles = {}
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        titles[path.stem] = f"{path.stem[:2]} · {title(nb, path.stem)}"
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
            cells = [
                f"<strong>{html.escape(row.label)}</strong><br><code class=id>{html.escape(row.claim_id)}</code>",
                html.escape(row.claim),
                claimed,
                f"{display(row.reproduced_value, row.unit)}{' (at least)' if row.bound == 'lower' else ''}",
                _badge(row.verdict),
                f"{_grade(row.evidence_grade)}"
                f"{('<br><small>from ' + html.escape(row.reproduced_from) + '</small>') if isinstance(row.reproduced_from, str) else ''}",
                f"{html.escape(row.reason)}<br><small class=ev>{html.escape(row.evidence) if isinstance(row.evidence, str) else ''}</small>",
                f'<a href="{html.escape(row.notebook)}.html">{html.escape(titles.get(row.notebook, row.notebook))}</a>',
            ]
            numeric = {2, 3}
            body.append(f'<tr class="grade-{row.evidence_grade.replace(" ", "-")}">' + "".join(
                f'<td{" class=n" if i in numeric else ""} data-label="{html.escape(COLUMNS[i])}">{cell}</td>'
                for i, cell in enumerate(cells)) + "</tr>")
        sections.append(f"<h2>{html.escape(article)} ({html.escape(str(rows['article_date'].iloc[0]))})</h2>\n"
                        "<table><thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
                        + "</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>")
    notebook_links = "\n".join(f'<li><a href="{html.escape(stem)}.html">{html.escape(name)}</a></li>'
                               for stem, name in titles.items())
    figure_links = []
    for png in sorted(Path(figures).glob("*.png")):
        page = next((stem for stem in titles if stem[:2] == png.stem[:2]), None)
        shown = (f'<a href="{html.escape(page)}.html">{html.escape(_figure_title(png))}</a>' if page
                 else html.escape(_figure_title(png)))
        numbers = png.with_suffix(".csv")
        download = (f' (<a download="{html.escape(numbers.name)}" href="{_data_uri(numbers, "text/csv")}">the numbers '
                    f"it draws, CSV</a>)" if numbers.exists() else "")
        figure_links.append(f"<li>{shown}{download}</li>")
    headline = Path(figures) / f"{HEADLINE_FIGURE}.png"
    headline_img = (f'<img src="{_data_uri(headline, "image/png")}" alt="{html.escape(_figure_title(headline))}: '
                    'the reproduced value relative to the claimed value, per numeric claim">' if headline.exists() else "")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 1200px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; overflow-wrap: break-word; }}
img {{ max-width: min(100%, 820px); height: auto; }}
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
code {{ font-size: 0.85em; overflow-wrap: anywhere; }}
code.id {{ font-size: 0.72em; color: #777; }}
@media (max-width: 760px) {{
  body {{ margin: 1em auto; }}
  table, thead, tbody, tr, td {{ display: block; width: auto; }}
  thead {{ display: none; }}
  tr {{ border: 1px solid #ddd; border-radius: 4px; margin-bottom: 1em; padding: 0.3em 0.5em; }}
  td {{ border: none; padding: 0.25em 0; }}
  td.n {{ text-align: left; white-space: normal; }}
  td::before {{ content: attr(data-label); display: block; font-size: 0.78em; color: #666; }}
  tr.grade-independent td:first-child {{ border-left: none; }}
  tr.grade-independent {{ border-left: 4px solid {GRADE_COLORS[verdicts.INDEPENDENT]}; }}
}}
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
{headline_img}
{chr(10).join(sections)}
<h2>Notebooks</h2>
<ul>
{notebook_links}
</ul>
<h2>Figures</h2>
<p>Each figure is shown in the notebook that draws it; the numbers it draws are embedded here as CSV.</p>
<ul>
{chr(10).join(figure_links)}
</ul>
</body>
</html>
"""
    write_text(target, page)


def build_index(stage: Path) -> list[str]:
    """The index page, from the staged claims audit, notebooks and figures."""
    stage = Path(stage)
    out = stage / "report"
    notebooks = staging.published_notebooks(stage / "notebooks")
    audit_table = pd.read_csv(stage / "data" / "processed" / "claims_audit.csv")
    render_index(audit_table, notebooks, stage / "figures", out / "index.html")
    return [p.name for p in sorted(out.glob("*.html"))]
