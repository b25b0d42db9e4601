"""Which question each notebook asks: notebook name -> the module that answers it (its parameters, declared
once as `Parameters`: their published values, what each is, and their check)."""

from __future__ import annotations

from . import audit, declined, jurisdictions, longer_record, recount, weekly

BY_NOTEBOOK = {module.NOTEBOOK: module for module in (declined, weekly, jurisdictions, longer_record, audit, recount)}
