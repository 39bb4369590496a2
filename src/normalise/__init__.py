"""Stage 2: map any plan layout onto canonical action records.

``normalise(extracted_document)`` returns a :class:`~planingest.normalise.records.PlanDocument`.
It is imported lazily so that reading the record models (``planingest.normalise.records``) does not
load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planingest.normalise.document import normalise

__all__ = ["normalise"]


def __getattr__(name: str) -> Any:
    if name == "normalise":
        from planingest.normalise.document import normalise

        return normalise
    raise AttributeError(name)
