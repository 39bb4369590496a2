"""planingest: legacy plan documents (PDF, Word) in, clean versioned action records out.

The public Python API::

    from planingest import extract, normalise, process, open_store

    document = extract("plan.docx")          # ExtractedDocument: tables, cells, text, provenance
    plan = normalise(document)               # PlanDocument: one ActionRecord per action
    result = process("plan.pdf")             # both stages; a bad file is a result, not a raise
    with open_store("sqlite:///plans.db") as store:
        store.import_document(plan, ...)

Names are loaded on first use, so ``import planingest`` (and the command line's start-up) does
not pay for pdfplumber, spaCy or SQLAlchemy until they are needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from planingest.version import __version__

if TYPE_CHECKING:
    from planingest.errors import (
        CorruptDocument,
        EmptyDocument,
        EncryptedDocument,
        LimitExceeded,
        NeedsOCR,
        NotFound,
        PlanIngestError,
        Refused,
        SourceChanged,
        StoreUnavailable,
        UnexpectedError,
        UnsafeDocument,
        UnsupportedFormat,
    )
    from planingest.extractor import extract
    from planingest.extractor.model import Cell, ExtractedDocument, Table, TextBlock
    from planingest.normalise import normalise
    from planingest.normalise.records import ActionRecord, PlanDocument
    from planingest.pipeline import DocumentResult, process
    from planingest.settings import Settings
    from planingest.store import Store, open_store

_EXPORTS = {
    "extract": "planingest.extractor",
    "Cell": "planingest.extractor.model",
    "ExtractedDocument": "planingest.extractor.model",
    "Table": "planingest.extractor.model",
    "TextBlock": "planingest.extractor.model",
    "normalise": "planingest.normalise",
    "ActionRecord": "planingest.normalise.records",
    "PlanDocument": "planingest.normalise.records",
    "DocumentResult": "planingest.pipeline",
    "process": "planingest.pipeline",
    "Settings": "planingest.settings",
    "Store": "planingest.store",
    "open_store": "planingest.store",
    **{
        name: "planingest.errors"
        for name in (
            "CorruptDocument",
            "EmptyDocument",
            "EncryptedDocument",
            "LimitExceeded",
            "NeedsOCR",
            "NotFound",
            "PlanIngestError",
            "Refused",
            "SourceChanged",
            "StoreUnavailable",
            "UnexpectedError",
            "UnsafeDocument",
            "UnsupportedFormat",
        )
    },
}

__all__ = [  # noqa: RUF022 - grouped as in _EXPORTS
    "__version__",
    "extract",
    "Cell",
    "ExtractedDocument",
    "Table",
    "TextBlock",
    "normalise",
    "ActionRecord",
    "PlanDocument",
    "DocumentResult",
    "process",
    "Settings",
    "Store",
    "open_store",
    "CorruptDocument",
    "EmptyDocument",
    "EncryptedDocument",
    "LimitExceeded",
    "NeedsOCR",
    "NotFound",
    "PlanIngestError",
    "Refused",
    "SourceChanged",
    "StoreUnavailable",
    "UnexpectedError",
    "UnsafeDocument",
    "UnsupportedFormat",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'planingest' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
