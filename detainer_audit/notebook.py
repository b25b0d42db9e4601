"""What every notebook does first: house style for figures and readable tables."""

from __future__ import annotations

import pandas as pd

from . import figures
from .results import display


def setup() -> None:
    figures.apply_style()
    pd.set_option("display.width", 120)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.precision", 4)
    pd.set_option("display.float_format", display)
