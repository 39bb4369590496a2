"""One exception hierarchy for everything that can go wrong with a document.

Each error carries the path and a reason a person understands, and says whether trying again
could help (``transient``: I/O hiccups, a dropped database connection) or not (``terminal``: the
bytes themselves are the problem; retry only when they change). The CLI prints one line per error.
"""

from __future__ import annotations


class PlanIngestError(Exception):
    """Base class: something about one document or run could not be done."""

    transient = False
    reason_code = "error"

    def __init__(self, reason: str, *, path: str | None = None, page: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.page = page
        self.details: str | None = None
        """Extra detail for ``--verbose`` (a traceback, the library's own message)."""

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.page is not None:
            where = f"{where} (page {self.page})"
        return f"{where}: {self.reason}"


class UnsupportedFormat(PlanIngestError):
    """Not a PDF or Word document we can read (or a legacy .doc with no converter)."""

    reason_code = "unsupported"


class EmptyDocument(PlanIngestError):
    """Zero bytes, or a document with no content at all."""

    reason_code = "empty"


class CorruptDocument(PlanIngestError):
    """The bytes are damaged or truncated: the reader could not parse them."""

    reason_code = "corrupt"


class EncryptedDocument(PlanIngestError):
    """Password-protected, and no (right) password was given."""

    reason_code = "encrypted"


class UnsafeDocument(PlanIngestError):
    """Refused for safety: a zip bomb, a DOCTYPE/entity declaration in Word XML, and the like."""

    reason_code = "unsafe"


class NeedsOCR(PlanIngestError):
    """Pages are images only: there is no text to read without OCR."""

    reason_code = "needs_ocr"


class LimitExceeded(PlanIngestError):
    """The document broke a configured limit (pages, time, memory)."""

    reason_code = "limit"


class SourceChanged(PlanIngestError):
    """The file vanished or changed while it was being read; worth trying again later."""

    transient = True
    reason_code = "changed"


class NotAPlan(PlanIngestError):
    """The document was read but holds no table that looks like a plan."""

    reason_code = "not_a_plan"


class StoreError(PlanIngestError):
    """The database refused a write or could not be reached (transient when the connection,
    not the data, was the problem)."""

    reason_code = "store"


class UnexpectedError(PlanIngestError):
    """A reader or the normaliser failed in a way we did not foresee (a bug or a library quirk).

    The batch records it against the file and goes on; ``--verbose`` shows the traceback.
    """

    reason_code = "unexpected"
