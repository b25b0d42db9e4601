"""A cell's stream output merged as papermill merges it, for `jupyter nbconvert --execute` (Binder).

The kernel flushes stdout on a timer, so under load one `print` can reach Jupyter as two stream messages
(the text, then its newline). papermill is told to merge them (nbclient's `coalesce_streams`), and the
committed notebooks hold the merged form. nbconvert cannot be told the same: `coalesce_streams` is not a
configurable option of its ExecutePreprocessor (setting it only logs "Config option not recognized"), and
nbconvert's own CoalesceStreamsPreprocessor merges only neighbouring outputs. So
scripts/prepare-environment registers `CoalesceStreams` below as an nbconvert preprocessor; nbconvert runs
the preprocessors it is given after executing the notebook, and this one merges each cell's streams by
the rules nbclient applies for papermill (nbclient 0.10, `NotebookClient.async_execute_cell`).
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor

_CARRIAGE_RETURN = re.compile(r".*\r(?=[^\n])")


def coalesce(outputs: list) -> list:
    """Every stream of one name merged into its first output (in order), text before a carriage return
    dropped, and a stdout output that follows a stderr one moved before it, as nbclient does (nbclient's
    backspace loop never runs, so backspaces are left alone here too)."""
    merged, streams = [], {}
    for output in outputs:
        if output["output_type"] == "stream":
            if output["name"] in streams:
                streams[output["name"]]["text"] += output["text"]
                continue
            streams[output["name"]] = output
        merged.append(output)
    for output in streams.values():
        output["text"] = _CARRIAGE_RETURN.sub("", output["text"])
    for i, output in enumerate(merged):
        if (output["output_type"] == "stream" and output["name"] == "stderr" and len(merged) >= i + 2
                and merged[i + 1]["output_type"] == "stream" and merged[i + 1]["name"] == "stdout"):
            merged.insert(i, merged.pop(i + 1))
    return merged


class CoalesceStreams(Preprocessor):
    """nbconvert preprocessor: each executed cell's stream output merged as papermill merges it."""

    def preprocess_cell(self, cell, resources, index):
        if cell.get("outputs"):
            cell.outputs = coalesce(cell.outputs)
        return cell, resources
