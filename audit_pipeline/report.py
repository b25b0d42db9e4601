"""The HTML report: every executed notebook rendered for readers without Jupyter, and an
index page listing each claim with its verdict and a link to the notebook that checks it."""

from __future__ import annotations

import base64
import functools
import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd

from detainer_audit import claimreview, colours, evidence, paths, rawdata, verdicts
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


def render_notebook(notebook: Path, target: Path, figures: Path | None = None, index_link: bool = True) -> None:
    """One notebook as a page of the report, titled in words, with a link back to the index.

    Each figure is described in words (its alt text, which the figure's PNG carries: figures.save writes
    it) and links to its full-size SVG, which build_index copies into report/figures/ so that the report
    stands alone; each
    table has a caption, the heading of the section it is shown in. The notebook itself is not changed.
    ``figures``: where the run wrote its figures (by default the run's figures/ beside report/).
    ``index_link``: False for a page that stands alone, outside the report (`make recount`, `make check`),
    where a link back to the report's index would lead nowhere."""
    nb = nbformat.read(notebook, as_version=4)
    nb.metadata["title"] = title(nb, notebook.stem)
    figures = Path(figures) if figures is not None else Path(target).parent.parent / "figures"
    _describe_outputs(nb, figures)
    body, _ = _exporter().from_notebook_node(nb, resources={"metadata": {"name": notebook.stem},
                                                            "index_link": index_link})
    write_text(target, body)


FIGURES = "figures"  # report/figures/: the full-size SVG of every figure a page shows
_TABLE = re.compile(r"<table\b[^>]*>")


def _heading(markdown: str) -> str | None:
    """The last heading of a markdown cell, in words (no #, no backticks)."""
    found = None
    for line in markdown.splitlines():
        if line.startswith("#"):
            found = line.lstrip("#").strip().replace("`", "")
    return found


def _describe_outputs(nb: nbformat.NotebookNode, figures: Path) -> list[str]:
    """Give each figure output its description (alt text) and full-size address, and each table a caption,
    in the output metadata of this in-memory copy; return the stems of the figures shown."""
    by_bytes = {}
    for png in sorted(Path(figures).glob("*.png")):
        by_bytes[png.read_bytes()] = png
    shown, heading, tables = [], None, {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = _heading(cell.source) or heading
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                png = base64.b64decode(data["image/png"])
                meta = output.setdefault("metadata", {}).setdefault("image/png", {})
                found = by_bytes.get(png)
                meta["alt"] = _figure_text(found, "Description") if found else ""
                if not meta["alt"]:
                    raise ValueError(f"a figure in {nb.metadata.get('title')} has no description: save it with "
                                     "figures.save, which writes one")
                if found and found.with_suffix(".svg").exists():
                    meta["full_size"] = f"{FIGURES}/{found.stem}.svg"
                    shown.append(found.stem)
            if "text/html" in data and _TABLE.search(data["text/html"]) and "<caption" not in data["text/html"] and heading:
                tables[heading] = tables.get(heading, 0) + 1
                caption = heading + (f" (table {tables[heading]})" if tables[heading] > 1 else "")
                data["text/html"] = _TABLE.sub(lambda m: m.group(0) + f"<caption>{html.escape(caption)}</caption>",
                                               data["text/html"], count=1)
    return shown


def _data_uri(path: Path, media_type: str) -> str:
    """A file as a data: address, so that the report keeps it when archived or moved on its own."""
    return f"data:{media_type};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _figure_text(png: Path, key: str) -> str:
    """A text chunk of a figure's PNG (figures.save writes its Title and Description)."""
    from PIL import Image

    with Image.open(png) as image:
        return image.text.get(key) or ""


def _figure_title(png: Path) -> str:
    return _figure_text(png, "Title") or png.stem


def _badge(verdict: str) -> str:
    # the text is white or dark, whichever contrasts more with the verdict's colour (at least 4.5:1: a test checks)
    colour = VERDICT_COLORS[verdict]
    return (f'<span class="v" style="background:{colour};color:{colours.text_on(colour)}">'
            f'{html.escape(verdict)}</span>')


def _grade(grade: str) -> str:
    colour = GRADE_COLORS[grade]
    return (f'<span class="g" style="border-color:{colour};background:{colour};color:{colours.text_on(colour)}">'
            f'{html.escape(grade)}</span>')


HEADLINE_FIGURE = "05-claims-reproduced-vs-claimed"
COLUMNS = ("claim", "what the article says (paraphrased)", "claimed", "reproduced", "verdict", "evidence grade",
           "why, and what else the record says", "notebook")


def _index_template():
    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "index"), autoescape=True,
                                     keep_trailing_newline=True)
    return environment.get_template("index.html.j2")


def render_index(audit_table: pd.DataFrame, notebooks: list[Path], figures: Path, target: Path,
                 reviews: list[dict] | None = None) -> None:
    """The report's front page: every claim with its verdict, linked to the page that checks it
    (the page itself is the Jinja2 template templates/index/index.html.j2).

    It stands alone: the headline figure and the numbers behind every figure are embedded, and every
    link points at a page of the report itself, so the folder can be archived or moved on its own.
    On a narrow screen each claim becomes a card instead of a table row. ``reviews``: each claim's
    ClaimReview (detainer_audit.claimreview), embedded as one JSON-LD block."""
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
        articles.append({"name": article, "date": str(rows["article_date"].iloc[0]),
                         "id": "article-" + re.sub(r"[^a-z0-9]+", "-", article.lower()).strip("-"), "rows": [{
            "label": row.label, "claim_id": row.claim_id, "anchor": claimreview.anchor(row.claim_id), "claim": row.claim,
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
                              "numbers_name": numbers.name,
                              "svg": f"{FIGURES}/{png.stem}.svg" if png.with_suffix(".svg").exists() else None})
    headline = Path(figures) / f"{HEADLINE_FIGURE}.png"
    page = _index_template().render(
        title=TITLE, columns=COLUMNS, articles=articles, independent_colour=GRADE_COLORS[verdicts.INDEPENDENT],
        verdict_counts=[(v, counts[v]) for v in verdicts.VERDICTS if v in counts],
        verdict_meanings=verdicts.VERDICT_MEANINGS, grade_meanings=verdicts.GRADE_MEANINGS,
        notes=[(number, text) for number, (_, text, _) in enumerate(notes, start=1)],
        grade_counts=[(g, grades[g]) for g in verdicts.GRADES if g in grades],
        independent=audit_table[audit_table["evidence_grade"] == verdicts.INDEPENDENT]["label"].tolist(),
        headline={"uri": _data_uri(headline, "image/png"), "title": _figure_title(headline),
                  "description": _figure_text(headline, "Description"),
                  "svg": f"{FIGURES}/{headline.stem}.svg" if headline.with_suffix(".svg").exists() else None}
        if headline.exists() else None,
        claimreview_json=Markup(_json_ld(claimreview.graph(reviews))) if reviews else None,
        scale=claimreview.scale_in_words(),
        notebooks=list(titles.items()), figures=shown_figures,
        badge=lambda verdict: Markup(_badge(verdict)), grade_badge=lambda grade: Markup(_grade(grade)))
    write_text(target, page)


def build_index(stage: Path) -> list[str]:
    """The index page, from the staged claims audit, notebooks and figures."""
    stage = Path(stage)
    out = stage / "report"
    notebooks = staging.published_notebooks(stage / "notebooks")
    audit_table = pd.read_csv(stage / "data" / "processed" / "claims_audit.csv")
    # every figure at full size, inside the report (the pages link to them; the report stands alone)
    for svg in sorted((stage / "figures").glob("*.svg")):
        (out / FIGURES).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(svg, out / FIGURES / svg.name)
    render_index(audit_table, notebooks, stage / "figures", out / "index.html", claim_reviews(audit_table))
    return [p.name for p in sorted(out.glob("*.html"))]


def claim_reviews(audit_table: pd.DataFrame, root: Path | None = None) -> list[dict]:
    """Each claim's ClaimReview, from the audit, the claims ledger and its sources, the documents table and
    CITATION.cff (the reviewer and the reviews' date) of the project at ``root``."""
    root = Path(root) if root is not None else paths.ROOT
    raw = root / "data" / "raw"
    package = rawdata.load_package(raw)
    records = audit_table.astype(object).where(audit_table.notna(), None).to_dict("records")
    return claimreview.claim_reviews(records, rawdata.read_table("claims", raw).to_dict("records"),
                                     rawdata.read_table("documents", raw).to_dict("records"),
                                     package["claims"].sources, (root / "CITATION.cff").read_text(encoding="utf-8"))


def _json_ld(document: dict) -> str:
    """JSON for a <script> element: stable key order, and no '</' that could end the element early."""
    return json.dumps(document, ensure_ascii=False, indent=1).replace("</", "<\\/")
