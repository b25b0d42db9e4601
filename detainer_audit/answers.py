"""What a question's one call returns: its whole answer, computed once, in the order its notebook shows it.

Each question module has ``answer(p)``, which takes its checked `Parameters` and returns an `Answer`: the
findings in words, then one `Section` per part of the story (lines of text, tables for readers, at most one
figure), the statistics it records, and any other file it publishes. Nothing is written and nothing is shown
here: the notebook shows the answer section by section, and only the notebook's run (`notebook.Run`) writes
files, into the folder chosen for that run. Tests call ``answer(p)`` directly, in-process, for any
parameters, and read the same values the notebook shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .results import Statistic


@dataclass(frozen=True)
class Figure:
    """A drawn figure, the file name it is published under (without extension) and the numbers it draws
    (published beside it as CSV)."""

    stem: str
    figure: Any  # a matplotlib Figure
    drawn: pd.DataFrame

    def __post_init__(self):
        # pyplot lets go of the figure (it can still be saved): an inline backend would otherwise show it
        # under the cell that computed the answer, before the section it belongs to
        import matplotlib.pyplot as plt

        plt.close(self.figure)


@dataclass(frozen=True)
class Section:
    """One part of an answer, as a notebook shows it: its lines of text, then its tables, then a block of HTML
    (for a page whose parts others link to by anchor), then its figure."""

    lines: tuple[str, ...] = ()
    tables: tuple[pd.DataFrame, ...] = ()
    figure: Figure | None = None
    html: str = ""

    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Answer:
    """A question's whole answer at one set of parameters.

    ``changed`` names the parameters that differ from the published ones (name -> (in use, published)): the
    articles' claims are judged at the published parameters only. ``files`` are further tables the question
    publishes in ``data/processed/`` (file name -> table)."""

    notebook: str
    parameters: Any
    changed: dict[str, tuple[Any, Any]]
    findings: tuple[str, ...]
    sections: dict[str, Section]
    statistics: tuple[Statistic, ...]
    files: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Section:
        try:
            return self.sections[name]
        except KeyError:
            raise KeyError(f"{self.notebook} has no section {name!r}; its sections: {', '.join(self.sections)}") from None

    def value(self, statistic: str) -> float:
        """The value of one recorded statistic, by name."""
        for item in self.statistics:
            if item.statistic == statistic:
                return item.value
        raise KeyError(f"{self.notebook} records no statistic {statistic!r}")

    def names(self) -> set[str]:
        return {item.statistic for item in self.statistics}

    def text(self) -> str:
        """Everything the answer says in words: its findings, then each section's lines, in order."""
        return "\n".join([*self.findings, *(section.text() for section in self.sections.values())])

    def figures(self) -> list[Figure]:
        return [section.figure for section in self.sections.values() if section.figure is not None]

    def close(self) -> None:
        """Free the figures' memory (a test that calls many answers, which it never shows)."""
        import matplotlib.pyplot as plt

        for drawn in self.figures():
            plt.close(drawn.figure)

