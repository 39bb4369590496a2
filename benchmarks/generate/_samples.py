"""The sample builders' Word helpers (``samples/_builders/ooxml.py``), reused as they are."""

from __future__ import annotations

import sys
from pathlib import Path

_SAMPLES = Path(__file__).resolve().parents[2] / "samples"
if str(_SAMPLES) not in sys.path:
    sys.path.insert(0, str(_SAMPLES))

from _builders import ooxml  # noqa: E402

__all__ = ["ooxml"]
