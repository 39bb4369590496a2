"""Stage 1: read tables and the text around them out of PDF and Word files.

``extract(path)`` picks the reader by the file's bytes (not its name) and returns an
:class:`~planingest.extractor.model.ExtractedDocument`.
"""

from planingest.extractor.model import (
    BBox,
    Cell,
    ColouredRun,
    ExtractedDocument,
    NestedIn,
    Provenance,
    SourceInfo,
    Table,
    TextBlock,
)
from planingest.extractor.read import extract

__all__ = [
    "BBox",
    "Cell",
    "ColouredRun",
    "ExtractedDocument",
    "NestedIn",
    "Provenance",
    "SourceInfo",
    "Table",
    "TextBlock",
    "extract",
]
