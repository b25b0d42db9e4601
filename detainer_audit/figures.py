"""Figure style and byte-stable export.

Every figure is saved as ``figures/NN-name.png`` and ``.svg`` together with
``figures/NN-name.csv``, the numbers it draws, so a reader can audit a chart without
running anything. PNG and SVG carry no date, no software version string and no random ids.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from . import paths
from .files import atomic_path, write_bytes, write_csv
from .verdicts import GRADE_COLORS, VERDICT_COLORS  # noqa: F401 (the colours of verdicts and grades, for figures)

PALETTE = {
    "full": "#3b6e8f",
    "partial": "#a9c4d6",
    "annualized": "#d9822b",
    "reference": "#6b6b6b",
    "highlight": "#b23a48",
    "muted": "#c8c8c8",
}
SOURCE_NOTE_SIZE = 7.5


def apply_style() -> None:
    """One house style for every figure: seaborn's theme (white background, light grid), then the house's
    own settings, including what would make SVG output vary (ids salted, text as paths). Seaborn draws no
    bootstrapped error bars here: every seaborn call passes ``errorbar=None``."""
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette=list(PALETTE.values()), font="DejaVu Sans")
    mpl.rcParams.update({
        "figure.figsize": (8.0, 4.5),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "font.family": "DejaVu Sans",
        "font.size": 10,
        # seaborn's context scales text up: back to sizes relative to font.size, as before the theme
        "axes.labelsize": "medium",
        "xtick.labelsize": "medium",
        "ytick.labelsize": "medium",
        "legend.fontsize": "medium",
        "legend.title_fontsize": None,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "axes.formatter.use_locale": False,
        "grid.color": "#e4e4e4",
        "legend.frameon": False,
        "svg.hashsalt": "detainer-audit",
        "svg.fonttype": "path",
        "path.simplify": False,
    })


def thousands(ax, axis: str = "y") -> None:
    """Tick labels with thousands separators (5,000 rather than 5000)."""
    from matplotlib.ticker import StrMethodFormatter

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(StrMethodFormatter("{x:,.0f}"))


def source_note(fig: plt.Figure, text: str) -> None:
    fig.text(0.01, 0.005, text, fontsize=SOURCE_NOTE_SIZE, color=PALETTE["reference"],
             ha="left", va="bottom", wrap=True)


def save(fig: plt.Figure, stem: str, data: pd.DataFrame) -> list[str]:
    """Write ``figures/<stem>.png``, ``.svg`` and ``.csv``; return their project-relative paths.

    In a notebook, the figure shown is the PNG just written (at the size the inline backend would
    show it), and the figure is closed: the reader sees exactly the exported file, and the figure
    is not laid out and drawn a third time by the inline backend (a third of all figure work)."""
    folder = paths.figures()
    png = io.BytesIO()
    # the title travels inside the PNG (a tEXt chunk), so that the report can name the figure in words
    fig.savefig(png, bbox_inches="tight", format="png", metadata={"Software": None, "Title": title(fig)})
    png_target = folder / f"{stem}.png"
    write_bytes(png_target, png.getvalue())
    svg_target = folder / f"{stem}.svg"
    with atomic_path(svg_target) as tmp:
        fig.savefig(tmp, bbox_inches="tight", format="svg", metadata={"Date": None, "Creator": None})
    csv_target = folder / f"{stem}.csv"
    write_csv(csv_target, data)
    _show_in_notebook(fig, png.getvalue())
    return [paths.relative(Path(p)) for p in (png_target, svg_target, csv_target)]


def title(fig: plt.Figure) -> str:
    """The figure's title in words: its overall title, or else its first panel's."""
    if fig.get_suptitle():
        return fig.get_suptitle()
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            if ax.get_title(loc=loc):
                return ax.get_title(loc=loc)
    return ""


def _show_in_notebook(fig: plt.Figure, png: bytes) -> None:
    """Show the written PNG in place of the figure, when an IPython kernel runs this code."""
    from IPython import get_ipython

    if get_ipython() is None:
        return
    from IPython.display import Image, display

    pixels_wide = int.from_bytes(png[16:20], "big")  # the PNG header's width field
    shown_wide = round(pixels_wide * fig.dpi / mpl.rcParams["savefig.dpi"])
    plt.close(fig)
    display(Image(data=png, format="png", width=shown_wide))
