"""The research: the questions the audit asks of the published detainer statistics, one module
per question (a folder where a question has sections), and what the questions share: the raw data
and their validation (paths, rawdata), periods, bounds, verdicts, results, findings and the figure
style.

The notebooks stay thin: they hold the question, the parameters and the reading of the result; the
arithmetic, the validation of raw data and the sentences that state findings live here, where pytest
can reach them. How the notebooks are run lives apart, in `audit_pipeline`, which this package never
imports.
"""
