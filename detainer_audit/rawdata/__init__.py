"""Loading and validating the project's raw data (`data/raw/`).

`data/raw/datapackage.json` describes every raw file (a Frictionless-style data package:
one resource a file, with its sources and a schema of typed, documented columns), and
`data/raw/SHA256SUMS` records the bytes of every file in the folder. Nothing is read
without both being checked, and every problem is reported with the file, the line (as
a text editor numbers it, the header being line 1) and the column.

The folder is one module per step: `checksums` (the bytes), `package` (the description),
`tables` (reading and checking one table); `errors` names the place of every problem.
"""

from .checksums import CHECKSUM_FILE, raw_files, read_checksums, sha256, verify_checksums, write_checksums
from .errors import RawDataError
from .package import TYPES, Field, Resource, load_package
from .tables import read_table, verify_all, verify_tables

__all__ = ["CHECKSUM_FILE", "TYPES", "Field", "RawDataError", "Resource", "load_package", "raw_files",
           "read_checksums", "read_table", "sha256", "verify_all", "verify_checksums", "verify_tables",
           "write_checksums"]
