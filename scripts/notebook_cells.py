"""Rewrite a notebook's cells after its introduction and parameters cell, from a plain-text layout (a
developer's tool, used when a notebook's story changes; `make reproduce` then executes it).

    python scripts/notebook_cells.py notebooks/02_....ipynb layout.txt

The layout holds the cells after the parameters cell, each opened by a line ``%% md`` or ``%% code``. The
first markdown cell (the introduction) and the parameters cell are kept as they are; cell ids are numbered
``nbNN-01``, ``nbNN-02``, ... in order; outputs are emptied."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(notebook: Path, layout: Path) -> None:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    keep = []
    for cell in nb["cells"]:
        keep.append(cell)
        if "parameters" in cell["metadata"].get("tags", []):
            break
    cells, kind, lines = [], None, []

    def close():
        if kind is not None:
            text = "\n".join(lines).strip("\n")
            cell = {"cell_type": "markdown" if kind == "md" else "code", "metadata": {"tags": []},
                    "source": text.splitlines(keepends=True)}
            if kind == "code":
                cell.update({"execution_count": None, "outputs": []})
            cells.append(cell)

    for line in layout.read_text(encoding="utf-8").splitlines():
        if line.strip() in ("%% md", "%% code"):
            close()
            kind, lines = line.strip()[3:], []
        else:
            lines.append(line)
    close()
    number = notebook.name[:2]
    nb["cells"] = keep + cells
    for i, cell in enumerate(nb["cells"], start=1):
        cell["id"] = f"nb{number}-{i:02d}"
        # key order as nbformat writes it
        ordered = {k: cell[k] for k in ("cell_type", "execution_count", "id", "metadata", "outputs", "source") if k in cell}
        nb["cells"][i - 1] = ordered
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
