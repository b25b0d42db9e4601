"""``python -m detainer_audit.recount RECORDS... OUT``: the counts only, written into OUT as recount.csv and
recount_details.json. ``make recount`` counts the same way and also executes and renders the notebook
that sets the counts against CIS's (audit_pipeline's ``recount`` command)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .. import paths, rawdata
from .counting import CSV_NAME, count, write
from .reading import RecountError


def main(argv=None) -> int:
    """python -m detainer_audit.recount RECORDS OUT: the counts only (make recount adds the notebook)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m detainer_audit.recount", description=main.__doc__)
    parser.add_argument("records", nargs="+", help="record files, folders or globs, one per argument")
    parser.add_argument("out")
    parser.add_argument("--memory-limit", default="600MB")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--allow-mixed-ids", action="store_true",
                        help="count files with and without a detainer id together (their overlap twice)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    problem = paths.unsafe_output(out)
    if problem:
        print(f"error: {problem}; the recount writes only outside the published run", file=sys.stderr)
        return 1
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".recount-spill-", dir=out.parent) as spill:
            recount = count(args.records, memory_limit=args.memory_limit, threads=args.threads, temp_directory=spill,
                            allow_mixed_ids=args.allow_mixed_ids,
                            warn=lambda text: print(f"warning: {text}", file=sys.stderr))
        write(recount, out)
    except (RecountError, rawdata.RawDataError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"counted {recount.details['rows_read']:,} rows in {recount.seconds:.2f} s -> {out / CSV_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
