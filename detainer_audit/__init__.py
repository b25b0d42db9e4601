"""Shared code for the detainer-statistics audit.

The notebooks stay thin: they hold the question, the parameters and the reading of the
result; the arithmetic, the validation of raw data and the output writing live here,
where pytest can reach them.
"""

__all__ = ["paths", "rawdata", "params", "periods", "results", "figures"]
