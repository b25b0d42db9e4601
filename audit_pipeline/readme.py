"""The generated parts of the top-level README and of docs/, filled in from `data/processed/`.

Text between ``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->`` is rewritten by
`make reproduce`; a test checks that it matches the processed files, so the README can
never show a number the code did not compute.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from detainer_audit import evidence, paths, verdicts
from detainer_audit.files import write_text
from detainer_audit.results import display

from .parameters import described, published
from .staging import published_notebooks

README = paths.ROOT / "README.md"


def _table(frame: pd.DataFrame) -> str:
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |")
    return "\n".join(lines)


BOUND_WORDS = (" (estimate)", " (lower bound)", " (upper bound)")


def _unit_in_words(unit: str) -> str:
    for suffix in BOUND_WORDS:
        unit = unit.replace(suffix, "")
    return unit


def results_section(processed: Path | None = None) -> str:
    """The headline statistics for readers: what each is, in words, its value rounded as readers see
    numbers (an estimate with its low and high ends on one row; a lower or upper bound said so), its
    unit and the notebook. The identifiers stay in results.csv."""
    processed = processed or paths.processed()
    table = pd.read_csv(processed / "results.csv", dtype=str, keep_default_na=False)
    known = table.set_index("statistic")
    headline = table[(table["headline"] == "yes") & ~table["statistic"].str.endswith(("_low", "_high"))]
    rows = []
    for row in headline.itertuples(index=False):
        unit = _unit_in_words(row.unit)
        shown = display(row.value, unit)
        low, high = known.get("value", {}).get(f"{row.statistic}_low"), known.get("value", {}).get(f"{row.statistic}_high")
        if low is not None and high is not None and low != high:
            shown += f" ({display(low, unit)} to {display(high, unit)})"
        elif "(lower bound)" in row.unit:
            shown = f"at least {shown}"
        elif "(upper bound)" in row.unit:
            shown = f"at most {shown}"
        what = row.description.splitlines()[0]
        rows.append({"what": what[:1].upper() + what[1:], "value": shown, "unit": unit,
                     "notebook": row.notebook[:2]})
    shown_table = pd.DataFrame(rows, columns=["what", "value", "unit", "notebook"])
    return (_table(shown_table) + f"\n\n{len(headline)} headline statistics of {len(table)} (an estimate's low and "
            "high ends are in brackets); every one, with its identifier and sources, is in "
            "[`data/processed/results.csv`](../data/processed/results.csv), with the versions used in "
            "[`data/processed/environment.csv`](../data/processed/environment.csv).")


def verdicts_section(processed: Path | None = None) -> str:
    """The claims audit's one result, as a table: the README shows the verdicts it reads, never its own."""
    processed = processed or paths.processed()
    table = pd.read_csv(processed / "claims_audit.csv", dtype=str, keep_default_na=False)
    shown = pd.DataFrame({
        "claim": table["label"], "article": table["article"] + " " + table["article_date"],
        "claimed": table["claimed_shown"], "reproduced": table["reproduced_shown"],
        "verdict": "**" + table["verdict"] + "**",
        "evidence": table["evidence_grade"] + [
            f" ({sources}{', not named by the article' if named == 'no' else ''})" if sources else ""
            for sources, named in zip(table["reproduced_from"], table["source_named_by_article"])],
    })
    grades = ", ".join(f"*{grade}* ({meaning})" for grade, meaning in verdicts.GRADE_MEANINGS.items())
    notes = "".join(f"\n- {text} (Applies to: {', '.join(labels)}.)" for _, text, labels in evidence.shared_notes(table))
    return (_table(shown) + f"\n\nEvidence grades, strongest first: {grades}; in brackets, the sources the "
            "reproduced value comes from. Rules: `detainer_audit/verdicts.py`. "
            "Reasons and evidence, claim by claim: [`data/processed/claims_audit.csv`]"
            "(data/processed/claims_audit.csv) and the [HTML report](report/index.html)."
            + (f"\n\nShared by several claims:{notes}" if notes else ""))


def parameters_section(processed: Path | None = None) -> str:
    """Every notebook's parameters, with the published value and what each is, read from the one declaration
    of each question's parameters (`Parameters`: its defaults and the docs of its fields)."""
    rows = []
    for notebook in published_notebooks():
        words = described(notebook)
        for name, value in published(notebook).items():
            rows.append({"notebook": notebook.stem[:2], "parameter": f"`{name}`",
                         "published value": f"`{value!r}`".replace("'", '"'), "what it is": words[name]})
    return (_table(pd.DataFrame(rows, columns=["notebook", "parameter", "published value", "what it is"]))
            + "\n\nA value other than the published one changes every figure, figure CSV, statistic and sentence "
            "that depends on it (each question's unit tests call its `answer` at other values and check each one), "
            "and the articles' claims are then not judged: a statistic of the same name may measure something else.")


CITATION = paths.ROOT / "CITATION.cff"
PLACEHOLDER_REPOSITORY = "OWNER/REPOSITORY"


def repository(citation: Path = CITATION) -> str:
    """The repository's GitHub owner/name, from CITATION.cff's ``repository-code``: the one place that names
    it (the site's and Binder's addresses are made from it)."""
    match = re.search(r'^repository-code:\s*"?https://github\.com/([^/"\s]+/[^/"\s]+?)/?"?\s*$',
                      citation.read_text(encoding="utf-8"), re.M)
    if not match:
        raise ValueError(f"{citation.name} names no GitHub repository (repository-code: https://github.com/OWNER/NAME)")
    return match.group(1)


def site_address(owner_name: str) -> str:
    owner, name = owner_name.split("/")
    return f"https://{owner.lower()}.github.io/" + ("" if name.lower() == f"{owner.lower()}.github.io" else f"{name}/")


def binder_address(owner_name: str) -> str:
    return f"https://mybinder.org/v2/gh/{owner_name}/main?urlpath=lab/tree/notebooks"


def links_section(processed: Path | None = None) -> str:
    """The report's site and Binder's launch, each with a badge, at the addresses CITATION.cff implies."""
    owner_name = repository()
    text = (f"[![The report, on the project's site (GitHub Pages)](https://img.shields.io/badge/report-GitHub%20Pages-1f6feb)]"
            f"({site_address(owner_name)}) "
            f"[![Run the notebooks on Binder, nothing to install](https://mybinder.org/badge_logo.svg)]"
            f"({binder_address(owner_name)})\n\n"
            f"The report, every claim with its verdict: [{site_address(owner_name)}]({site_address(owner_name)}) "
            f"(published from `main` by `.github/workflows/pages.yml`; the same pages are in `report/`). "
            f"The notebooks, run in the browser with nothing installed: [Binder]({binder_address(owner_name)}).")
    if owner_name == PLACEHOLDER_REPOSITORY:
        text += ("\n\n*These two addresses hold a placeholder, `OWNER/REPOSITORY`: the repository's GitHub owner and "
                 "name were not known when they were written. They are set in one place, `repository-code` in "
                 "`CITATION.cff`, and `make reproduce` writes them here.*")
    return text


def summary_section(processed: Path | None = None) -> str:
    """What the audit found, in a few generated lines (detainer_audit.audit.summaries.summary)."""
    from detainer_audit.audit import summaries

    processed = processed or paths.processed()
    table = pd.read_csv(processed / "claims_audit.csv", dtype=str, keep_default_na=False)
    return "\n".join(f"- {line}" for line in summaries.summary(table))


SECTIONS = {"results": results_section, "verdicts": verdicts_section, "parameters": parameters_section,
            "links": links_section, "summary": summary_section}
# which generated sections each document holds: the README what a reader needs first, docs/ the rest
DOCUMENTS = {README: ("links", "summary", "verdicts"),
             paths.ROOT / "docs" / "results.md": ("results",),
             paths.ROOT / "docs" / "auditing.md": ("parameters",)}


def render(text: str, processed: Path | None = None, sections=None) -> str:
    """A document with its generated sections filled in (by default the README's)."""
    for name in sections or DOCUMENTS[README]:
        build = SECTIONS[name]
        pattern = re.compile(rf"(<!-- generated:{name} -->\n)(?:.*?\n)?(<!-- /generated:{name} -->)", re.S)
        if not pattern.search(text):
            raise ValueError(f"no generated:{name} markers")
        body = build(processed)
        text = pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)
    return text


def update(stage: Path | None = None) -> bool:
    """Rewrite the generated sections of the README and of docs/; True when any changed."""
    changed = False
    for document, sections in DOCUMENTS.items():
        current = document.read_text(encoding="utf-8")
        new = render(current, (stage / "data" / "processed") if stage else None, sections)
        if new != current:
            write_text(document, new)
            changed = True
    return changed
