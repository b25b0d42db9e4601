"""Which question each notebook asks: notebook name -> the module that answers it (its parameter check,
`check_parameters`, and the parameters of the published run, `PUBLISHED_PARAMETERS`)."""

from __future__ import annotations

from . import audit, declined, jurisdictions, longer_record, recount, weekly

BY_NOTEBOOK = {module.NOTEBOOK: module for module in (declined, weekly, jurisdictions, longer_record, audit, recount)}
