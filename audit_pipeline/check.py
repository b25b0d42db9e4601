"""`make check`: judge new detainer claims against the whole public record, outside the published run.

Everything is built in a hidden folder beside ``OUT`` and moved into ``OUT`` only when every step has
succeeded: ``check.csv`` (one row a claim), ``counts_used.csv`` (every count used, on each claim's footing),
``claimreview.jsonld`` (schema.org ClaimReview, one review a claim) and the page, executed and rendered
(``check_claims.ipynb`` and ``.html``). Bad input stops before anything is written, naming the file (or the
parameter), the line and the column, with the allowed values.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from detainer_audit import paths
from detainer_audit.check import CHECK_COLUMNS, CLAIMREVIEW_NAME, CSV_NAME, USED_NAME, ClaimsError
from detainer_audit.files import write_csv, write_text

from . import staging

NOTEBOOK = paths.NOTEBOOKS / "check" / "check_claims.ipynb"
OPTIONS = ("claim_id", "said_by", "relies_on", "measure", "value", "value_high", "comparator", "from", "to", "per")


def refuse_published(out: Path) -> None:
    """OUT may not be the project, nor hold or lie inside its published folders (paths.unsafe_output)."""
    problem = paths.unsafe_output(out)
    if problem:
        staging.fail(f"{problem}; make check (OUT) writes only outside notebooks/, data/, figures/ and report/ "
                     "(nothing was judged)")


def claims_from(args) -> list:
    from detainer_audit import check

    given = {name: getattr(args, name.replace("from", "start").replace("to", "end") if name in ("from", "to") else name)
             for name in OPTIONS}
    if args.claims:
        named = [name for name in ("measure", "value", "from", "to", "value_high", "said_by", "relies_on") if given[name]]
        if named:
            staging.fail(f"give either CLAIMS=<file> or one claim's values, not both (also given: "
                         f"{', '.join(n.upper() for n in named)})")
        return check.read_file(Path(args.claims))
    missing = [name.upper() for name in ("measure", "value", "from", "to") if not given[name]]
    if missing:
        staging.fail(f"a claim needs {', '.join(missing)}: make check MEASURE=<measure> VALUE=<number> FROM=<date> "
                     "TO=<date> [PER=total|week|month|year] [COMPARATOR=about] [SAID_BY=\"<publisher>\"], or "
                     "make check CLAIMS=<file.csv>")
    row = {name: str(value) if value is not None else "" for name, value in given.items()}
    row["claim_id"] = row["claim_id"] or "claim"
    try:
        return [check.parse_row(row, "make check")]
    except ClaimsError as error:  # one claim from the command line: name the variable as it was typed
        message = re.sub(r"column '([a-z_]+)'", lambda m: f"parameter {m.group(1).upper()}", str(error))
        raise ClaimsError(message) from None


def main(args) -> None:
    from detainer_audit import check
    from detainer_audit.check import review

    from . import report

    start = time.monotonic()
    out = Path(args.out)
    refuse_published(out)
    try:
        claims = claims_from(args)
    except ClaimsError as error:
        staging.fail(str(error))
    record = check.load()
    table, used = check.judge(claims, record)
    print(f"judged {len(table)} claim(s) against {len(record.counts) + len(record.series)} counts and series "
          f"in {staging.elapsed(start)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    names = [CSV_NAME, USED_NAME, CLAIMREVIEW_NAME, NOTEBOOK.name, f"{NOTEBOOK.stem}.html"]
    try:
        write_csv(stage / CSV_NAME, table[CHECK_COLUMNS])
        write_csv(stage / USED_NAME, used)
        citation = (paths.ROOT / "CITATION.cff").read_text(encoding="utf-8")
        graph = review.reviews(table, claims, citation, args.date or dt.date.today().isoformat())
        write_text(stage / CLAIMREVIEW_NAME, json.dumps(graph, indent=2, ensure_ascii=False) + "\n")
        parameters = {"check_csv": CSV_NAME, "counts_csv": USED_NAME}
        executed = staging.execute(NOTEBOOK, stage, parameters, output=stage / NOTEBOOK.name, cwd=str(stage))
        report.render_notebook(executed, stage / f"{NOTEBOOK.stem}.html", figures=stage / "figures",
                               index_link=False)
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(stage / name, out / name)
        (out / "figures").mkdir(exist_ok=True)
        for figure in sorted((stage / "figures").iterdir()):  # the timeline, its SVG and the numbers it draws
            os.replace(figure, out / "figures" / figure.name)
    except staging.NotebookFailed as error:
        staging.fail(f"{error} (nothing written to {out})")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    counts = table["verdict"].value_counts()
    print(", ".join(f"{n} {verdict}" for verdict, n in counts.items()))
    print(f"wrote {', '.join(str(out / n) for n in names)} and the figure in {out / 'figures'} "
          f"({staging.elapsed(start)})")


def add_parser(commands) -> None:
    parser = commands.add_parser("check", help="judge new detainer claims against the whole public record")
    parser.add_argument("--claims", help="a CSV of claims (claim_id,said_by,measure,value,comparator,from,to,per"
                                         "[,value_high])")
    parser.add_argument("--claim-id", dest="claim_id", default="")
    parser.add_argument("--said-by", dest="said_by", default="")
    parser.add_argument("--relies-on", dest="relies_on", default="",
                        help="the publisher whose figure the claim repeats (its evidence is graded against it)")
    parser.add_argument("--measure", default="")
    parser.add_argument("--value", default="")
    parser.add_argument("--value-high", dest="value_high", default="")
    parser.add_argument("--comparator", default="")
    parser.add_argument("--from", dest="start", default="")
    parser.add_argument("--to", dest="end", default="")
    parser.add_argument("--per", default="")
    parser.add_argument("--out", default="build/check")
    parser.add_argument("--date", default="", help="the reviews' date (default: today)")
    parser.set_defaults(handler=main)
