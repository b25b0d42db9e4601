"""How the notebooks are run: the machinery, kept apart from the research in `detainer_audit`.

It executes the numbered notebooks (papermill, in fresh kernels forked from a server that has imported
their libraries once), stages every output and publishes a run only when all of it succeeded, checks
parameters before a kernel starts, knows when nothing changed, and renders the HTML report and the
README's generated tables. It imports the research package; the research package never imports it
(tests/test_architecture.py holds both rules). See README.md beside this file.
"""


def skip_slow_imports() -> None:
    """Keep jsonschema from loading its optional IRI format checker (rfc3987_syntax), which
    builds a grammar at import and costs about 0.9 s in every process that reads a notebook.

    nbformat's notebook schema uses no IRI formats, so validation is unchanged. Called only by
    the pipeline's command-line entry points, never inside notebook kernels.
    """
    import sys

    sys.modules.setdefault("rfc3987_syntax", None)
