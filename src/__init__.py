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

if TYPE_CHECKING:  # the names below, typed for mypy and editors (``as`` marks a re-export)
    from planingest.errors import CorruptDocument as CorruptDocument
    from planingest.errors import EmptyDocument as EmptyDocument
    from planingest.errors import EncryptedDocument as EncryptedDocument
    from planingest.errors import LimitExceeded as LimitExceeded
    from planingest.errors import NeedsOCR as NeedsOCR
    from planingest.errors import NotFound as NotFound
    from planingest.errors import PlanIngestError as PlanIngestError
    from planingest.errors import Refused as Refused
    from planingest.errors import SourceChanged as SourceChanged
    from planingest.errors import StoreUnavailable as StoreUnavailable
    from planingest.errors import UnexpectedError as UnexpectedError
    from planingest.errors import UnsafeDocument as UnsafeDocument
    from planingest.errors import UnsupportedFormat as UnsupportedFormat
    from planingest.extractor import extract as extract
    from planingest.extractor.model import Cell as Cell
    from planingest.extractor.model import ExtractedDocument as ExtractedDocument
    from planingest.extractor.model import Table as Table
    from planingest.extractor.model import TextBlock as TextBlock
    from planingest.normalise import normalise as normalise
    from planingest.normalise.records import ActionRecord as ActionRecord
    from planingest.normalise.records import PlanDocument as PlanDocument
    from planingest.pipeline import DocumentResult as DocumentResult
    from planingest.pipeline import process as process
    from planingest.settings import Settings as Settings
    from planingest.store import Store as Store
    from planingest.store import open_store as open_store

_MODULES = {
    "planingest.extractor": ("extract",),
    "planingest.extractor.model": ("Cell", "ExtractedDocument", "Table", "TextBlock"),
    "planingest.normalise": ("normalise",),
    "planingest.normalise.records": ("ActionRecord", "PlanDocument"),
    "planingest.pipeline": ("DocumentResult", "process"),
    "planingest.settings": ("Settings",),
    "planingest.store": ("Store", "open_store"),
    "planingest.errors": (
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
    ),
}
_EXPORTS = {name: module for module, names in _MODULES.items() for name in names}

__all__ = ["__version__", *_EXPORTS]


# ``normalise`` names both a subpackage and the stage's function. Importing a subpackage binds
# its name on this package, which would shadow the function for ``from planingest import
# normalise``; the subpackage (light: it loads nothing itself) is imported first and its binding
# dropped, so the name resolves to the function below and no later import rebinds it.
importlib.import_module("planingest.normalise")
globals().pop("normalise", None)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'planingest' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
