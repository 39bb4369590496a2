"""PDF colour values (gray, RGB, CMYK tuples as pdfplumber reports them) as ``"#rrggbb"``.

pdfplumber passes colours through from the content stream: a 1-tuple is DeviceGray, a 3-tuple
DeviceRGB, a 4-tuple DeviceCMYK; pattern fills come as names or mixed tuples, which we cannot
resolve to one colour and report as unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

BLACK = "#000000"
WHITE = "#ffffff"


def to_hex(value: Any) -> str | None:
    """``"#rrggbb"`` for a gray/RGB/CMYK colour value, ``None`` when it is absent or a pattern."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        value = (value,)
    if not isinstance(value, Sequence) or isinstance(value, str):
        return None
    try:
        parts = [float(v) for v in value]
    except (TypeError, ValueError):
        return None
    if any(v < 0 or v > 1.0001 for v in parts):
        # Some writers emit 0-255 RGB; scale those rather than clip them to white.
        if len(parts) == 3 and all(0 <= v <= 255 for v in parts):
            parts = [v / 255 for v in parts]
        else:
            return None
    if len(parts) == 1:
        rgb = (parts[0],) * 3
    elif len(parts) == 3:
        rgb = (parts[0], parts[1], parts[2])
    elif len(parts) == 4:
        c, m, y, k = parts
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    return "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02x}" for v in rgb)


def glyph_colour(value: Any) -> str | None:
    """A glyph's colour, ``None`` for black/unknown (the contract's "automatic")."""
    try:
        return _glyph_colour(value)
    except TypeError:  # an unhashable value (a list): rare, not worth remembering
        return _glyph_colour.__wrapped__(value)


@lru_cache(maxsize=1024)
def _glyph_colour(value: Any) -> str | None:
    # A page has a handful of text colours and tens of thousands of glyphs.
    colour = to_hex(value)
    return None if colour is None or is_near_black(colour) else colour


def fill_colour(value: Any) -> str | None:
    """A cell's fill, ``None`` for white: PDF writers paint white backgrounds that a reader
    does not see as shading."""
    colour = to_hex(value)
    return None if colour is None or colour == WHITE else colour


def is_near_black(colour: str) -> bool:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return max(r, g, b) <= 0x20
