"""Command line of the pipeline: ``python -m audit_pipeline COMMAND`` (the Makefile calls these).

  verify                     check data/raw/ (checksums, then every table's schema)
  checksums                  rewrite data/raw/SHA256SUMS from the files as they are
  raw-docs [--check]         write (or check) data/raw/README.md from datapackage.json, and
                             data/processed.README.md from data/processed.datapackage.json
  run NOTEBOOK [--stage DIR] [-p NAME VALUE ...]
                             execute one notebook with papermill, outputs below DIR
  publish DIR                move a complete staged run into place
  recount RECORDS [--out DIR]
                             recount CIS's counts from DDP's record files (file, folder or glob), with
                             the notebook that compares them executed and rendered beside the counts
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from . import skip_slow_imports

skip_slow_imports()
from detainer_audit import paths, rawdata  # noqa: E402
from detainer_audit.files import write_text  # noqa: E402
from detainer_audit.params import ParameterError  # noqa: E402

from . import rawdocs, readme, staging  # noqa: E402
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


def _parameters(pairs) -> dict:
    parameters = {}
    for name, text in pairs or []:
        try:
            parameters[name] = _plain(yaml.safe_load(text))
        except yaml.YAMLError as error:
            staging.fail(f"parameter {name}: cannot read {text!r} ({error.problem})")
    return parameters


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
    parameters = _parameters(args.parameter)
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
    print(f"ran {notebook.name} in {staging.elapsed(start)} -> {output.relative_to(Path.cwd()) if output.is_relative_to(Path.cwd()) else output}")


def _publish(args) -> None:
    expected = [p.name for p in staging.published_notebooks()]
    try:
        moved = staging.publish(Path(args.stage), expected)
    except staging.NotebookFailed as error:
        staging.fail(str(error))
    print(f"published {len(moved)} files from the staged run")
    if readme.update():
        print("updated the generated sections of README.md")


RECOUNT_NOTEBOOK = paths.NOTEBOOKS / "recount" / "recount_against_cis.ipynb"


def _recount(args) -> None:
    """Count, execute the notebook, render it: all in a hidden folder beside OUT, moved into OUT only
    when every step has succeeded (a failure changes nothing). The published run is never touched:
    the notebook records no statistic and its outputs are redirected to the same hidden folder."""
    from detainer_audit import recount

    from . import report

    start = time.monotonic()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        parameters = {"recount_csv": recount.CSV_NAME}
        parameter_checks.check(RECOUNT_NOTEBOOK, parameters)
        counted = recount.count(args.records, memory_limit=args.memory_limit, temp_directory=str(stage / "spill"))
        shutil.rmtree(stage / "spill", ignore_errors=True)
        recount.write(counted, stage)
        print(f"counted {counted.details['rows_read']:,} rows of {len(counted.details['files'])} file(s) "
              f"in {counted.seconds:.1f} s")
        executed = staging.execute(RECOUNT_NOTEBOOK, stage, parameters,
                                    output=stage / RECOUNT_NOTEBOOK.name, cwd=str(stage))
        report.render_notebook(executed, stage / f"{RECOUNT_NOTEBOOK.stem}.html")
        names = [recount.CSV_NAME, recount.DETAILS_NAME, RECOUNT_NOTEBOOK.name, f"{RECOUNT_NOTEBOOK.stem}.html"]
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(stage / name, out / name)
    except (recount.RecountError, ParameterError) as error:
        staging.fail(str(error))
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
    recount_command = commands.add_parser("recount")
    recount_command.add_argument("records", help="a record file, a folder, a glob, or several separated by spaces")
    recount_command.add_argument("--out", default="build/recount")
    recount_command.add_argument("--memory-limit", default="600MB", help="DuckDB's memory budget (it spills beyond)")
    recount_command.set_defaults(handler=_recount)
    args = parser.parse_args(argv)
    try:
        args.handler(args)
    except (rawdata.RawDataError, ValueError) as error:
        staging.fail(str(error))


if __name__ == "__main__":
    main()
