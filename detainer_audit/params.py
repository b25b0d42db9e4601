"""Checks of notebook parameters.

papermill hands parameters over as Python values when given with ``-y``/``-r`` and as
strings or numbers when given with ``-p``; these checks accept only the documented type
and stop a notebook at once with a message naming the parameter and what it allows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Iterable


class ParameterError(ValueError):
    """A notebook parameter is out of range or of the wrong type."""


def _shown(values: Iterable[Any]) -> str:
    return ", ".join(repr(v) for v in values)


def choice(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    allowed = list(allowed)
    if value not in allowed or type(value) is bool and not any(type(a) is bool for a in allowed):
        raise ParameterError(f"parameter {name}={value!r} is not allowed; choose one of: {_shown(allowed)}")
    return value


def integer(name: str, value: Any, allowed: Iterable[int]) -> int:
    allowed = sorted(allowed)
    if type(value) is not int:
        raise ParameterError(
            f"parameter {name} must be a whole number, got {type(value).__name__} {value!r}; "
            f"allowed: {_shown(allowed)}"
        )
    return choice(name, value, allowed)


def integer_list(name: str, value: Any, allowed: Iterable[int]) -> list[int]:
    allowed = sorted(allowed)
    if not isinstance(value, (list, tuple)) or not value:
        raise ParameterError(
            f"parameter {name} must be a non-empty list of whole numbers (papermill: -y '{name}: [..]'), "
            f"got {type(value).__name__} {value!r}; allowed values: {_shown(allowed)}"
        )
    for item in value:
        integer(name, item, allowed)
    if len(set(value)) != len(value):
        raise ParameterError(f"parameter {name} lists a value twice: {value!r}")
    return sorted(value)


def number(name: str, value: Any, low: float, high: float) -> float:
    if type(value) not in (int, float):
        raise ParameterError(f"parameter {name} must be a number, got {type(value).__name__} {value!r}")
    if not low <= value <= high:
        raise ParameterError(f"parameter {name}={value!r} is out of range; allowed: {low} to {high}")
    return float(value)


def window(start: Any, end: Any, earliest: dt.date, latest: dt.date,
           names: tuple[str, str] = ("window_start", "window_end")) -> tuple[dt.date, dt.date]:
    """A window's two ends as dates (``YYYY-MM-DD`` text or a date), inside earliest..latest, start before end."""
    out = []
    for name, value in zip(names, (start, end)):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            day = value
        elif isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                raise ParameterError(f"parameter {name}={value!r} is not a date (YYYY-MM-DD)") from None
        else:
            raise ParameterError(f"parameter {name} must be a date (YYYY-MM-DD), got {type(value).__name__} {value!r}")
        if not earliest <= day <= latest:
            raise ParameterError(f"parameter {name}='{day}' is outside the record; allowed: {earliest} to {latest}")
        out.append(day)
    if out[1] <= out[0]:
        raise ParameterError(f"parameter {names[1]}='{out[1]}' must come after {names[0]}='{out[0]}'")
    return out[0], out[1]


def name_list(name: str, value: Any, allowed: Iterable[str]) -> list[str]:
    """A non-empty list of names, each one of ``allowed``, none twice; kept in the order given."""
    allowed = list(allowed)
    if not isinstance(value, (list, tuple)) or not value or not all(isinstance(v, str) for v in value):
        raise ParameterError(f"parameter {name} must be a non-empty list of names, got {type(value).__name__} "
                             f"{value!r}; allowed: {_shown(allowed)}")
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise ParameterError(f"parameter {name} names {_shown(unknown)}, which is not allowed; "
                             f"choose from: {_shown(allowed)}")
    if len(set(value)) != len(value):
        raise ParameterError(f"parameter {name} lists a value twice: {value!r}")
    return list(value)


# --------------------------------------------------------------------------- one declaration per question
#
# Each question module declares its notebook's parameters once, as a frozen dataclass named `Parameters`:
# one field per parameter, its default the published value, its doc what it is in words. Building one checks
# every value (`__post_init__`), so the notebook, the pipeline's check before a kernel starts, the guard of the
# published run and the README's table of parameters all read that one declaration.


def parameter(default: Any, doc: str) -> Any:
    """A field of a question's `Parameters`: its published value and what it is, in words (the README's
    table of parameters shows the words). A list's default is copied for each object."""
    if isinstance(default, list):
        return dataclasses.field(default_factory=lambda: list(default), metadata={"doc": doc})
    return dataclasses.field(default=default, metadata={"doc": doc})


def names(declaration: type) -> list[str]:
    """The parameters a declaration holds, in order."""
    return [f.name for f in dataclasses.fields(declaration)]


def published(declaration: type) -> dict[str, Any]:
    """The parameters of the published run: the declaration's defaults, in order (not checked)."""
    return {f.name: f.default_factory() if f.default is dataclasses.MISSING else f.default
            for f in dataclasses.fields(declaration)}


def described(declaration: type) -> dict[str, str]:
    """What each parameter is, in words, as the declaration documents it."""
    return {f.name: f.metadata["doc"] for f in dataclasses.fields(declaration)}


def values(checked: Any) -> dict[str, Any]:
    """A checked object's values as the notebook's parameters cell writes them (a date as YYYY-MM-DD)."""
    return {name: value.isoformat() if isinstance(value, dt.date) else value
            for name, value in ((f.name, getattr(checked, f.name)) for f in dataclasses.fields(checked))}


def settle(checked: Any, **normalized: Any) -> None:
    """Store the checked, normalized values on a frozen declaration (from its `__post_init__`)."""
    for name, value in normalized.items():
        object.__setattr__(checked, name, value)


def changed(checked: Any) -> dict[str, tuple[Any, Any]]:
    """The parameters of a checked object whose value is not its declaration's published one: name -> (in use,
    published). The articles' claims are judged at the published parameters only."""
    published_values = published(type(checked))
    return {name: (value, published_values[name]) for name, value in values(checked).items()
            if value != published_values[name]}
