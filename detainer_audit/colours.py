"""Contrast between colours, as WCAG 2 defines it, so that text on a coloured badge or in a figure stays
readable: at least 4.5:1 for text (`READABLE`)."""

from __future__ import annotations

READABLE = 4.5
DARK_TEXT, LIGHT_TEXT = "#222222", "#ffffff"


def luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour (WCAG 2)."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"{colour!r} is not a #rrggbb colour")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(background: str) -> str:
    """White or dark text, whichever contrasts more with the background."""
    return LIGHT_TEXT if contrast(LIGHT_TEXT, background) >= contrast(DARK_TEXT, background) else DARK_TEXT
