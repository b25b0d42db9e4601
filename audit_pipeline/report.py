"""The HTML report: every executed notebook rendered for readers without Jupyter, and an
index page listing each claim with its verdict and a link to the notebook that checks it."""

from __future__ import annotations

import base64
import functools
import html
from pathlib import Path

import nbformat
import pandas as pd

from detainer_audit import evidence, verdicts
from detainer_audit.verdicts import GRADE_COLORS, VERDICT_COLORS
from detainer_audit.files import write_text

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


def _index_template():
    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "index"), autoescape=True,
                                     keep_trailing_newline=True)
    return environment.get_template("index.html.j2")


def render_index(audit_table: pd.DataFrame, notebooks: list[Path], figures: Path, target: Path) -> None:
    """The report's front page: every claim with its verdict, linked to the page that checks it
    (the page itself is the Jinja2 template templates/index/index.html.j2).

    It stands alone: the headline figure and the numbers behind every figure are embedded, and every
    link points at a page of the report itself, so the folder can be archived or moved on its own.
    On a narrow screen each claim becomes a card instead of a table row."""
    from markupsafe import Markup

    titles = {}
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        titles[path.stem] = f"{path.stem[:2]} · {title(nb, path.stem)}"
    counts = audit_table["verdict"].value_counts()
    grades = audit_table["evidence_grade"].value_counts()
    notes = evidence.shared_notes(audit_table)
    articles = []
    for article, rows in audit_table.groupby("article", sort=False):
        articles.append({"name": article, "date": str(rows["article_date"].iloc[0]), "rows": [{
            "label": row.label, "claim_id": row.claim_id, "claim": row.claim,
            "claimed": row.claimed_shown if isinstance(row.claimed_shown, str) else "",
            "reproduced": row.reproduced_shown if isinstance(row.reproduced_shown, str) else "",
            "verdict": row.verdict, "grade": row.evidence_grade,
            "reproduced_from": row.reproduced_from if isinstance(row.reproduced_from, str) else "",
            "unnamed": row.source_named_by_article == "no",
            "notes": [number for number, (key, _, _) in enumerate(notes, start=1)
                      if key in str(row.shared_notes).split()],
            "reason": row.reason, "evidence": row.evidence if isinstance(row.evidence, str) else "",
            "notebook": row.notebook, "notebook_title": titles.get(row.notebook, row.notebook),
        } for row in rows.itertuples()]})
    shown_figures = []
    for png in sorted(Path(figures).glob("*.png")):
        numbers = png.with_suffix(".csv")
        shown_figures.append({"title": _figure_title(png),
                              "page": next((stem for stem in titles if stem[:2] == png.stem[:2]), None),
                              "numbers": _data_uri(numbers, "text/csv") if numbers.exists() else None,
                              "numbers_name": numbers.name})
    headline = Path(figures) / f"{HEADLINE_FIGURE}.png"
    page = _index_template().render(
        title=TITLE, columns=COLUMNS, articles=articles, independent_colour=GRADE_COLORS[verdicts.INDEPENDENT],
        verdict_counts=[(v, counts[v]) for v in verdicts.VERDICTS if v in counts],
        verdict_meanings=verdicts.VERDICT_MEANINGS, grade_meanings=verdicts.GRADE_MEANINGS,
        notes=[(number, text) for number, (_, text, _) in enumerate(notes, start=1)],
        grade_counts=[(g, grades[g]) for g in verdicts.GRADES if g in grades],
        independent=audit_table[audit_table["evidence_grade"] == verdicts.INDEPENDENT]["label"].tolist(),
        headline={"uri": _data_uri(headline, "image/png"), "title": _figure_title(headline)} if headline.exists() else None,
        notebooks=list(titles.items()), figures=shown_figures,
        badge=lambda verdict: Markup(_badge(verdict)), grade_badge=lambda grade: Markup(_grade(grade)))
    write_text(target, page)


def build_index(stage: Path) -> list[str]:
    """The index page, from the staged claims audit, notebooks and figures."""
    stage = Path(stage)
    out = stage / "report"
    notebooks = staging.published_notebooks(stage / "notebooks")
    audit_table = pd.read_csv(stage / "data" / "processed" / "claims_audit.csv")
    render_index(audit_table, notebooks, stage / "figures", out / "index.html")
    return [p.name for p in sorted(out.glob("*.html"))]
