"""What every notebook does first: house style for figures and readable tables."""

from __future__ import annotations

import pandas as pd

from . import figures


def float_format(value: float) -> str:
    """Tables: thousands with separators and no decimals, small numbers to four significant digits."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def setup() -> None:
    figures.apply_style()
    pd.set_option("display.width", 120)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.precision", 4)
    pd.set_option("display.float_format", float_format)
