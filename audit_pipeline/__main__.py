"""Command line of the pipeline: ``python -m audit_pipeline COMMAND`` (the Makefile calls these).

  verify                     check data/raw/ (checksums, then every table's schema)
  checksums                  rewrite data/raw/SHA256SUMS from the files as they are
  raw-docs [--check]         write (or check) data/raw/README.md from datapackage.json, and
                             data/processed.README.md from data/processed.datapackage.json
  run NOTEBOOK [--stage DIR] [-p NAME VALUE ...]
                             execute one notebook with papermill, outputs below DIR, its page rendered
                             there, and name the statistics that differ from the published run
  publish DIR                move a complete staged run into place
  recount [PATH ...] [--from LIST] [--out DIR] [--allow-mixed-ids] [-p tolerance VALUE]
                             recount CIS's counts from DDP's record files (files, folders or globs, one
                             per argument or one per line of LIST), with the notebook that compares them
                             executed and rendered beside the counts
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from . import skip_slow_imports

skip_slow_imports()
from detainer_audit import paths, rawdata  # noqa: E402
from detainer_audit.files import write_text  # noqa: E402
from detainer_audit.params import ParameterError  # noqa: E402

from . import check as check_command  # noqa: E402
from . import fingerprint, rawdocs, readme, staging  # noqa: E402
from . import parameters as parameter_checks  # noqa: E402


def _verify(_args) -> None:
    counts = rawdata.verify_all()
    print(f"data/raw verified: {len(rawdata.raw_files())} files match SHA256SUMS; "
          + ", ".join(f"{name} ({rows} rows)" for name, rows in counts.items()))


def _checksums(_args) -> None:
    rawdata.verify_tables()  # a file that breaks its schema is refused, with the message reproduce gives
    write_text(paths.RAW_CHECKSUMS, rawdata.write_checksums())
    print(f"wrote data/raw/{rawdata.CHECKSUM_FILE} ({len(rawdata.raw_files())} files)")


def _raw_docs(args) -> None:
    for target, text, schema in ((paths.RAW / "README.md", rawdocs.render(), "datapackage.json"),
                                 (rawdocs.PROCESSED_DOCS, rawdocs.render_processed(), "data/processed.datapackage.json")):
        name = paths.relative(target)
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                staging.fail(f"{name} is out of date with {schema}: run `make raw-docs`")
            print(f"{name} matches {schema}")
            continue
        write_text(target, text)
        print(f"wrote {name}")


def _plain(value):
    """YAML reads 2024-07-15 as a date; a notebook parameter holds it as ISO text (papermill stores
    parameters as JSON, which has no dates)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def read_value(text: str):
    """A value given on the command line (``-p NAME VALUE``), read as YAML: 42, 3.5, true, [2022, 2023], text.

    YAML reads what looks like a date as one, and fails on one that looks like a date but is none
    (2023-13-01: "month must be in 1..12"); such a value is kept as the text given, so that the
    notebook's own check refuses it with the parameter, the value and what is allowed. Raises
    ValueError (naming the value) only for text that is not YAML at all."""
    try:
        return _plain(yaml.safe_load(text))
    except yaml.YAMLError as error:
        raise ValueError(f"cannot read {text!r} ({getattr(error, 'problem', None) or error})") from None
    except ValueError:  # a date-like value that is no date: the text as given
        return text


def _parameters(pairs, notebook: Path) -> dict:
    parameters = {}
    for name, text in pairs or []:
        try:
            parameters[name] = read_value(text)
        except ValueError as error:
            staging.fail(f"{paths.relative(notebook)}: parameter {name}: {error} (refused before any kernel started)")
    return parameters


def refuse_unsafe_output(folder, what: str) -> None:
    """Stop, naming the folder, when it would write into the published run (detainer_audit.paths.unsafe_output)."""
    problem = paths.unsafe_output(folder)
    if problem:
        staging.fail(f"{problem}; {what} writes only outside notebooks/, data/, figures/ and report/ "
                     "(nothing was run)")


def _notebook(name: str) -> Path:
    """A notebook of the pipeline by its path, or by the start of its name (``03`` for 03_travis_...)."""
    if Path(name).is_file():
        return Path(name)
    notebooks = staging.published_notebooks()
    found = [p for p in notebooks if p.name.startswith(name)]
    if not found:
        staging.fail(f"no notebook matches {name!r}; available: {', '.join(p.name for p in notebooks)}")
    return found[0]


def _run(args) -> None:
    notebook = _notebook(args.notebook)
    if args.stage:
        refuse_unsafe_output(args.stage, "make run (OUT)")
    parameters = _parameters(args.parameter, notebook)
    try:  # the notebook's own checks, before papermill starts a kernel
        parameter_checks.check(notebook, parameters)
    except ParameterError as error:
        staging.fail(f"{paths.relative(notebook)}: ParameterError: {error} (refused before any kernel started)")
    stage = Path(args.stage) if args.stage else paths.ROOT / "build" / "runs" / notebook.stem
    if args.seed_outputs:
        for top in ("data/processed", "figures"):
            if (paths.ROOT / top).exists() and not (stage / top).exists():
                shutil.copytree(paths.ROOT / top, stage / top)
    start = time.monotonic()
    staging.stop_at_once_on_signals()
    try:
        output = staging.execute(notebook, stage, parameters)
    except staging.NotebookFailed as error:
        staging.fail(str(error))
    from . import report

    folder = output.parent.parent  # the run's folder (stage): its figures/ beside the page, and no index
    from detainer_audit import results
    page = folder / f"{notebook.stem}.html"
    report.render_notebook(output, page, figures=folder / "figures", index_link=False)
    print(f"ran {notebook.name} in {staging.elapsed(start)} -> {_shown_path(output)}")
    print(f"its page: {_shown_path(page)}")
    for line in compare_with_published(notebook.stem, results.part_path(notebook.stem, folder)):
        print(line)


def _shown_path(path: Path) -> str:
    return str(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)


PUBLISHED_RESULTS = paths.ROOT / "data" / "processed" / "results.csv"


def compare_with_published(notebook: str, run_results: Path, published_results: Path = PUBLISHED_RESULTS) -> list[str]:
    """The lines `make run` ends with: which of the notebook's statistics differ from the published run's
    (detainer_audit.results.differences), as a table of the two values as readers see them."""
    from detainer_audit import results

    published_name = "data/processed/results.csv"
    if not published_results.is_file():
        return [f"no published run to compare with ({published_name} is missing: `make reproduce` writes it)"]
    if not run_results.is_file():
        return [f"{notebook} recorded no statistics (no {_shown_path(run_results)})"]
    published, run = results.load(published_results), results.load(run_results)
    found = results.differences(published, run, notebook=notebook)
    compared = len(set(published.loc[published["notebook"] == notebook, "statistic"])
                   | set(run.loc[run["notebook"] == notebook, "statistic"]))
    if not found:
        return [f"every one of its {compared} statistics equals the published run's ({published_name})"]
    rows = [("statistic", "published", "this run", "unit")]
    rows += [(item.statistic, *item.shown(), item.unit) for item in found]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"{len(found)} of its {compared} statistics differ from the published run ({published_name}):"]
    for name, before, after, unit in rows:
        lines.append(f"  {name:<{widths[0]}}  {before:>{widths[1]}}  {after:>{widths[2]}}  {unit}".rstrip())
    return lines


def _publish(args) -> None:
    expected = [p.name for p in staging.published_notebooks()]
    try:
        moved = staging.publish(Path(args.stage), expected)
    except staging.NotebookFailed as error:
        staging.fail(str(error))
    print(f"published {len(moved)} files from the staged run")
    if readme.update():
        print("updated the generated sections of README.md")
    print(fingerprint.where_to_look())


RECOUNT_NOTEBOOK = paths.NOTEBOOKS / "recount" / "recount_against_cis.ipynb"


def _records(args) -> list[str] | str:
    """The paths to recount: one per argument, those listed in --from (one per line; blank lines and lines
    starting with # skipped), and --records-text (what make passes from RECORDS: see recount.reading.split_spec)."""
    paths_given = list(args.records or [])
    if args.from_file:
        listing = Path(args.from_file)
        if not listing.is_file():
            staging.fail(f"{args.from_file}: no such file (it should list the record files, one path per line)")
        paths_given += [line.strip() for line in listing.read_text(encoding="utf-8").splitlines()
                        if line.strip() and not line.lstrip().startswith("#")]
    if args.records_text:
        from detainer_audit.recount.reading import split_spec

        paths_given += split_spec(args.records_text)
    return paths_given


def _recount(args) -> None:
    """Count, execute the notebook, render it: all in a hidden folder beside OUT, moved into OUT only
    when every step has succeeded (a failure changes nothing). The published run is never touched:
    OUT may not lie in it, the notebook records no statistic and its outputs are redirected to the same
    hidden folder."""
    from detainer_audit import recount

    from . import report

    start = time.monotonic()
    out = Path(args.out)
    refuse_unsafe_output(out, "make recount (OUT)")
    records = _records(args)
    if not records:
        staging.fail("no record file named: make recount RECORDS=<file, folder or glob> or RECORDS_FROM=<a file "
                     "listing them, one per line>")
    given = _parameters(args.parameter, RECOUNT_NOTEBOOK)
    if "recount_csv" in given:
        staging.fail(f"{paths.relative(RECOUNT_NOTEBOOK)}: parameter recount_csv is set by make recount itself "
                     f"(to the recount it writes, {recount.counting.CSV_NAME}); its other parameter: tolerance")
    parameters = {"recount_csv": recount.counting.CSV_NAME, **given}
    try:
        parameter_checks.check(RECOUNT_NOTEBOOK, parameters)
    except ParameterError as error:
        staging.fail(f"{paths.relative(RECOUNT_NOTEBOOK)}: {error} (refused before anything was counted)")
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        counted = recount.counting.count(records, memory_limit=args.memory_limit, temp_directory=str(stage / "spill"),
                                allow_mixed_ids=args.allow_mixed_ids,
                                warn=lambda text: print(f"warning: {text}", file=sys.stderr, flush=True))
        shutil.rmtree(stage / "spill", ignore_errors=True)
        recount.counting.write(counted, stage)
        print(f"counted {counted.details['rows_read']:,} rows of {len(counted.details['files'])} file(s) "
              f"in {counted.seconds:.1f} s")
        names = [recount.counting.CSV_NAME, recount.counting.DETAILS_NAME]
        if args.counts_only:  # the counts alone (the bench times counting apart from the notebook)
            out.mkdir(parents=True, exist_ok=True)
            for name in names:
                os.replace(stage / name, out / name)
            print(f"wrote {', '.join(str(out / n) for n in names)} ({staging.elapsed(start)})")
            return
        executed = staging.execute(RECOUNT_NOTEBOOK, stage, parameters,
                                    output=stage / RECOUNT_NOTEBOOK.name, cwd=str(stage))
        page = stage / f"{RECOUNT_NOTEBOOK.stem}.html"
        report.render_notebook(executed, page, index_link=False)  # OUT has no index: no dead link
        names += [RECOUNT_NOTEBOOK.name, f"{RECOUNT_NOTEBOOK.stem}.html"]
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(stage / name, out / name)
    except (recount.reading.RecountError, ParameterError) as error:
        staging.fail(f"{error} (nothing written to {out})")
    except staging.NotebookFailed as error:
        staging.fail(f"{error} (nothing written to {out})")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    print(f"wrote {', '.join(str(out / n) for n in names)} ({staging.elapsed(start)})")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m audit_pipeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("verify").set_defaults(handler=_verify)
    commands.add_parser("checksums").set_defaults(handler=_checksums)
    docs = commands.add_parser("raw-docs")
    docs.add_argument("--check", action="store_true")
    docs.set_defaults(handler=_raw_docs)
    run = commands.add_parser("run")
    run.add_argument("notebook", help="a notebook's path, or the start of its name (03)")
    run.add_argument("--stage", help="where its outputs go (default: build/runs/<notebook>)")
    run.add_argument("--seed-outputs", action="store_true",
                     help="copy the published outputs into the stage first (for single runs with other parameters)")
    run.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                     help="a parameter; VALUE is read as YAML (42, 3.5, true, [2022, 2023], text)")
    run.set_defaults(handler=_run)
    publish = commands.add_parser("publish")
    publish.add_argument("stage")
    publish.set_defaults(handler=_publish)
    check_command.add_parser(commands)
    recount_command = commands.add_parser("recount")
    recount_command.add_argument("records", nargs="*",
                                 help="record files, folders or globs, one per argument (spaces in a path are kept)")
    recount_command.add_argument("--from", dest="from_file", metavar="FILE",
                                 help="a file listing the record files, folders or globs, one per line")
    recount_command.add_argument("--records-text", metavar="TEXT",
                                 help="make's RECORDS: one path, or several as a shell splits them (quotes, \\ )")
    recount_command.add_argument("--allow-mixed-ids", action="store_true",
                                 help="count files with and without a detainer id together (their overlap twice)")
    recount_command.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                                 help="a parameter of the recount's notebook (tolerance)")
    recount_command.add_argument("--out", default="build/recount")
    recount_command.add_argument("--memory-limit", default="600MB", help="DuckDB's memory budget (it spills beyond)")
    recount_command.add_argument("--counts-only", action="store_true",
                                 help="write the counts (recount.csv, recount_details.json) without the notebook")
    recount_command.set_defaults(handler=_recount)
    args = parser.parse_args(argv)
    try:
        args.handler(args)
    except (rawdata.RawDataError, ValueError) as error:
        staging.fail(str(error))


if __name__ == "__main__":
    main()
