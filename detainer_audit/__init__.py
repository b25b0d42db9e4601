"""Shared code for the detainer-statistics audit.

The notebooks stay thin: they hold the question, the parameters and the reading of the
result; the arithmetic, the validation of raw data and the output writing live here,
where pytest can reach them.
"""

__all__ = ["paths", "rawdata", "params", "periods", "results", "figures"]


def skip_slow_imports() -> None:
    """Keep jsonschema from loading its optional IRI format checker (rfc3987_syntax), which
    builds a grammar at import and costs about 0.9 s in every process that reads a notebook.

    nbformat's notebook schema uses no IRI formats, so validation is unchanged. Called only by
    the pipeline's command-line entry points, never inside notebook kernels.
    """
    import sys

    sys.modules.setdefault("rfc3987_syntax", None)
