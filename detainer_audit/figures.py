"""Figure style and byte-stable export.

Every figure is saved as ``figures/NN-name.png`` and ``.svg`` together with
``figures/NN-name.csv``, the numbers it draws, so a reader can audit a chart without
running anything. PNG and SVG carry no date, no software version string and no random ids.
Both carry the figure's title and a description in words generated from what it draws (`describe`),
which the report uses as the figure's alternative text.
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


def save(fig: plt.Figure, stem: str, data: pd.DataFrame, root: Path | None = None) -> list[str]:
    """Write ``figures/<stem>.png``, ``.svg`` and ``.csv`` below the output folder ``root`` (by default the
    output root); return their paths relative to it.

    In a notebook, the figure shown is the PNG just written (at the size the inline backend would
    show it), and the figure is closed: the reader sees exactly the exported file, and the figure
    is not laid out and drawn a third time by the inline backend (a third of all figure work)."""
    folder = Path(root) / "figures" if root else paths.figures()
    png = io.BytesIO()
    # the title and the description travel inside the PNG (tEXt chunks) and the SVG, so that the report
    # can name and describe the figure in words
    description = describe(fig, data)
    fig.savefig(png, bbox_inches="tight", format="png",
                metadata={"Software": None, "Title": title(fig), "Description": description})
    png_target = folder / f"{stem}.png"
    write_bytes(png_target, png.getvalue())
    svg_target = folder / f"{stem}.svg"
    with atomic_path(svg_target) as tmp:
        fig.savefig(tmp, bbox_inches="tight", format="svg",
                    metadata={"Date": None, "Creator": None, "Title": title(fig), "Description": description})
    csv_target = folder / f"{stem}.csv"
    write_csv(csv_target, data)
    _show_in_notebook(fig, png.getvalue())
    return [paths.relative(Path(p), root) for p in (png_target, svg_target, csv_target)]


def title(fig: plt.Figure) -> str:
    """The figure's title in words: its overall title, or else its first panel's."""
    if fig.get_suptitle():
        return fig.get_suptitle()
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            if ax.get_title(loc=loc):
                return ax.get_title(loc=loc)
    return ""


def _number(value: float) -> str:
    from .results import display

    return display(float(value))


def _tick_label(ax, axis: str, position: float) -> str:
    """The tick label nearest to a position on an axis ('' when there is none)."""
    ticks = ax.get_yticks() if axis == "y" else ax.get_xticks()
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    named = [(abs(t - position), " ".join(label.get_text().replace("\n", ", ").split()))
             for t, label in zip(ticks, labels) if label.get_text()]
    return min(named)[1] if named else ""


def _value(ax, axis: str, value) -> str:
    """A drawn value as the reader would read it on that axis: a date on a date axis, else a number."""
    import datetime as dt

    import matplotlib.dates as mdates

    import numpy as np

    if isinstance(value, (dt.date, pd.Timestamp, np.datetime64)):
        return str(pd.Timestamp(value).date())
    converter = (ax.xaxis if axis == "x" else ax.yaxis).get_converter()
    if isinstance(converter, (mdates.DateConverter, mdates._SwitchableDateConverter)):
        return str(mdates.num2date(float(value)).date())
    return _number(value)


def _at(ax, x) -> str:
    """Where a point of a line is along the horizontal axis: its category where the axis names them."""
    shown = _value(ax, "x", x)
    try:
        number = float(x)
    except (TypeError, ValueError):
        return shown
    if shown != _number(number):  # a date
        return shown
    label = _tick_label(ax, "x", number)
    return label if any(ch.isalpha() for ch in label) else shown


def _named(ax, y: float) -> str:
    """The category a point stands for, where the vertical axis names categories (not numbers)."""
    label = _tick_label(ax, "y", y)
    return f" ({label})" if any(ch.isalpha() for ch in label) else ""


def _panel(ax, skip_heading: str = "") -> str:
    """One panel in words: what it draws (bars, lines, points) with their range, and its axes."""
    from matplotlib.collections import PathCollection
    from matplotlib.container import BarContainer

    said = []
    for container in ax.containers:
        if not isinstance(container, BarContainer) or not container.patches:
            continue
        horizontal = container.orientation == "horizontal"
        bars = [(p.get_width() if horizontal else p.get_height(),
                 p.get_y() + p.get_height() / 2 if horizontal else p.get_x() + p.get_width() / 2) for p in container.patches]
        low, high = min(bars), max(bars)
        axis = "y" if horizontal else "x"
        name = container.get_label() if not str(container.get_label()).startswith("_") else ""
        value_axis = "x" if horizontal else "y"
        if len(bars) == 1:
            label = _tick_label(ax, axis, bars[0][1])
            said.append(f"a bar{f' ({name})' if name else ''} of {_value(ax, value_axis, bars[0][0])}"
                        + (f" ({label})" if label else ""))
            continue
        said.append(f"{len(bars)} {'horizontal ' if horizontal else ''}bars{f' ({name})' if name else ''}, from "
                    f"{_value(ax, value_axis, low[0])}{f' ({_tick_label(ax, axis, low[1])})' if _tick_label(ax, axis, low[1]) else ''} to "
                    f"{_value(ax, value_axis, high[0])}{f' ({_tick_label(ax, axis, high[1])})' if _tick_label(ax, axis, high[1]) else ''}")
    lines = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
    named = [line.get_label() for line in lines if not line.get_label().startswith("_")]
    if lines:
        said.append(f"{len(lines)} line{'s' if len(lines) > 1 else ''}" + (f" ({', '.join(named)})" if named else ""))
    offsets = [xy for c in ax.collections if isinstance(c, PathCollection) for xy in c.get_offsets()]
    if offsets:
        low = min(offsets, key=lambda xy: xy[0])
        high = max(offsets, key=lambda xy: xy[0])
        said.append(f"{len(offsets)} marked point{'s' if len(offsets) > 1 else ''}, across from "
                    f"{_value(ax, 'x', low[0])}{_named(ax, low[1])} to {_value(ax, 'x', high[0])}{_named(ax, high[1])}")
    if lines:
        ys = [(y, x) for line in lines for x, y in zip(line.get_xdata(), line.get_ydata()) if y == y]
        if ys:
            low, high = min(ys, key=lambda p: p[0]), max(ys, key=lambda p: p[0])
            said.append(f"the lines run from {_value(ax, 'y', low[0])} (at {_at(ax, low[1])}) to "
                        f"{_value(ax, 'y', high[0])} (at {_at(ax, high[1])})")
    segments = sum(len(c.get_segments()) for c in ax.collections if type(c).__name__ == "LineCollection")
    if segments:
        said.append(f"{segments} line segment{'s' if segments > 1 else ''}")
    axes = [f"{name} axis: {' '.join(label.split())}" for name, label in (("horizontal", ax.get_xlabel()),
                                                                          ("vertical", ax.get_ylabel())) if label]
    heading = ax.get_title(loc="left") or ax.get_title() or ax.get_title(loc="right")
    text = "; ".join(said) or "no marks"
    heading = "" if heading == skip_heading else heading
    return (f"“{heading}”: " if heading else "") + text + (f" ({'; '.join(axes)})" if axes else "")


def describe(fig: plt.Figure, data: pd.DataFrame) -> str:
    """The figure in words, from what it draws: its title, each panel's marks with their range and its axes,
    the legend's entries, and where the numbers are. The report shows it as the figure's alternative text."""
    panels = [ax for ax in fig.axes if ax.has_data()]
    legend = []
    for ax in fig.axes:
        if ax.get_legend() is not None:
            legend += [t.get_text() for t in ax.get_legend().get_texts() if t.get_text()]
    legend += [t.get_text() for lg in fig.legends for t in lg.get_texts() if t.get_text()]
    own = title(fig)
    parts = [f"Figure: {own.rstrip('.')}" + ("" if own.rstrip().endswith(("?", "!")) else ".") if own else "Figure."]
    for number, ax in enumerate(panels, start=1):
        said = _panel(ax, skip_heading=own)
        parts.append((f"Panel {number} of {len(panels)}, " if len(panels) > 1 else "") + said[0].upper() + said[1:] + ".")
    if legend:
        parts.append(f"Legend: {'; '.join(dict.fromkeys(legend))}.")
    parts.append(f"The {len(data)} rows of numbers it draws are in the CSV file of the same name.")
    return " ".join(parts)


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
