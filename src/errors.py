"""One exception hierarchy for everything that can go wrong with a document or the database.

Each error carries the path and a reason a person understands, and says whether trying again
could help (``transient``: I/O hiccups, a dropped database connection) or not (``terminal``: the
bytes themselves are the problem; retry only when they change). The CLI prints one line per error.
"""

from __future__ import annotations

from types import TracebackType


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


class StoreError(PlanIngestError):
    """The database refused a write (transient when the connection, not the data, was the
    problem)."""

    reason_code = "store"


class StoreUnavailable(StoreError):
    """The database could not be reached (or its URL names no database we can open).

    Carries the URL with any password hidden, so the message is safe to log."""

    transient = True
    reason_code = "unavailable"

    def __init__(self, reason: str, *, url: str | None = None) -> None:
        super().__init__(reason)
        self.url = url

    def __str__(self) -> str:
        return f"database unavailable: {self.reason}"


class Refused(PlanIngestError):
    """A question or ruling the database cannot take as asked (a ruling that contradicts the
    plan, an as-of date in a bad form). It is about the database's things, not a document, so it
    prints as its reason alone."""

    reason_code = "refused"

    def __str__(self) -> str:
        return self.reason


class NotFound(Refused):
    """No such plan, plan version or action in the database; ``kind`` and ``key`` say which."""

    reason_code = "not_found"

    def __init__(self, reason: str, *, kind: str, key: object) -> None:
        super().__init__(reason)
        self.kind = kind
        self.key = key


class UnexpectedError(PlanIngestError):
    """A reader or the normaliser failed in a way we did not foresee (a bug or a library quirk).

    The batch records it against the file and goes on; ``--verbose`` shows the traceback.
    """

    reason_code = "unexpected"


class ReaderCrashed(UnexpectedError):
    """The process reading the document died (a segfault or abort in a parser's C code, the
    kernel's out-of-memory killer): the document cost its worker, nothing else."""

    reason_code = "crashed"


def raised_by(exc: BaseException, packages: tuple[str, ...]) -> bool:
    """Whether ``exc`` was raised inside one of ``packages`` (its innermost Python frame, or a
    chained cause's): a parser library's error on malformed input, as opposed to a bug of ours
    that only happens to be a ``ValueError``."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        module = _innermost_module(current.__traceback__)
        if module is not None and module.split(".")[0] in packages:
            return True
        current = current.__cause__ or current.__context__
    return False


def _innermost_module(tb: TracebackType | None) -> str | None:
    module = None
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__")
        tb = tb.tb_next
    return module
