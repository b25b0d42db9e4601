"""Loaded by pytest before its other plugins (``-p tests.fast_imports`` in pytest.ini): nbval imports nbformat,
whose jsonschema would build rfc3987-syntax's parsers at import (about a second per pytest process; no notebook
schema uses the IRI formats they check). The same skip as the pipeline's commands (audit_pipeline.skip_slow_imports)."""

from audit_pipeline import skip_slow_imports

skip_slow_imports()
