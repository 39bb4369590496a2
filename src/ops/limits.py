"""One document under limits (time, memory, pages), inside a worker process.

:func:`run_item` is what a worker process runs for each document. The limits are set where they
can be enforced: the address-space limit (``RLIMIT_AS``) on the worker process, a soft time limit
(``SIGALRM``, which interrupts the pure-Python parsers) inside it, and the page limit in the
readers (``Settings.max_pages``). The supervisor in :mod:`planingest.ops.executors` adds the
hard time limit: a worker still busy a little after the soft limit is killed.

The file is statted before and after it is read: bytes that changed underneath the reader (a
colleague saving over the file on the shared drive) give :class:`SourceChanged`, never records.
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType

from planingest.errors import (
    CorruptDocument,
    LimitExceeded,
    PlanIngestError,
    SourceChanged,
    UnexpectedError,
    raised_by,
)
from planingest.extractor.model import ExtractedDocument
from planingest.extractor.source import open_regular
from planingest.names import stored
from planingest.normalise.records import PlanDocument
from planingest.settings import Settings

PARSER_PACKAGES = (
    "pdfminer",
    "pdfplumber",
    "playa",
    "pypdfium2",
    "pypdf",
    "camelot",
    "docx",
    "lxml",
    "zipfile",
    "zlib",
    "PIL",
)
"""Libraries that parse a document's bytes: an exception raised inside one of them (and not
classified by the reader) is the document's damage, not a bug of ours."""

REASON_CHARS = 300
"""A library's message quoted in a reason is cut to this many characters (some dump a whole
dictionary of the damaged file)."""

HARD_TIMEOUT_GRACE = 10.0
"""Seconds past ``timeout_seconds`` before the supervisor kills a worker that did not stop."""


@dataclass(frozen=True)
class FileState:
    """What a scan saw of a file: enough to notice it changed."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str | Path) -> FileState:
        stat = os.stat(path)
        return cls(stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class WorkItem:
    """One document to read. ``expected``/``sha256`` (from a sync scan) must still hold when the
    worker reads the file; ``not_before`` delays a retry (a wall-clock time)."""

    path: str
    expected: FileState | None = None
    sha256: str | None = None
    attempt: int = 1
    not_before: float = 0.0
    keep_extracted: bool = False
    """Send back the extracted tables too (``extract`` shows them; a batch has no use for them)."""


@dataclass
class WorkResult:
    """What a worker sends back: the plan or the error (never both) and what it cost."""

    item: WorkItem
    plan: PlanDocument | None = None
    extracted: ExtractedDocument | None = None
    error: PlanIngestError | None = None
    state: FileState | None = None
    """The file as it was read (size and mtime), for the store's sighting."""
    pages: int = 0
    tables: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    """Peak resident memory of the worker process so far."""
    worker_pid: int = 0
    """The worker process that read it: one reads document after document for its life."""
    recycle: bool = field(default=False, repr=False)
    """The worker should be replaced (after running out of memory its heap is suspect)."""

    @property
    def path(self) -> str:
        return self.item.path

    failed_sha256: str | None = None
    """For a failure: the bytes that failed (so they are not retried until they change)."""

    @property
    def sha256(self) -> str | None:
        if self.plan is not None:
            return self.plan.source.sha256
        return self.item.sha256 or self.failed_sha256


def set_memory_limit(megabytes: int) -> None:
    """Cap the worker's address space; an allocation past it raises ``MemoryError``."""
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def address_space_mb() -> float:
    """Current virtual size of this process (what ``RLIMIT_AS`` counts)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class _SoftTimeout(BaseException):
    """Raised by the alarm; a BaseException so the readers' ``except Exception`` cannot eat it."""


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: FrameType | None) -> None:
        raise _SoftTimeout

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_item(item: WorkItem, settings: Settings) -> WorkResult:
    """Read, extract and normalise one document within the limits; never raises for bad input."""
    from planingest.pipeline import extract_and_normalise

    started = time.monotonic()
    result = WorkResult(item)
    before: FileState | None = None
    try:
        before = _check_unchanged(item.path, item.expected)
        with _alarm(settings.timeout_seconds):
            extracted, plan = extract_and_normalise(item.path, settings)
        after = _check_unchanged(item.path, before)
        if item.sha256 is not None and plan.source.sha256 != item.sha256:
            raise SourceChanged("the file changed after it was scanned", path=item.path)
        name = stored(item.path)
        if plan.source.path != name:  # a name that is not UTF-8: its stored form
            plan = plan.model_copy(update={"source": plan.source.model_copy(update={"path": name})})
            extracted = replace(extracted, source=replace(extracted.source, path=name))
        result.plan, result.state = plan, after
        if item.keep_extracted:
            result.extracted = extracted
        result.tables = len(extracted.tables)
        result.pages = extracted.source.page_count or 0
    except _SoftTimeout:
        result.error = timeout_error(item.path, settings.timeout_seconds)
    except (MemoryError, RecursionError) as exc:
        _limit_error(result, exc, settings)
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the worker
        cause = _root_cause(exc)
        if isinstance(cause, MemoryError | RecursionError):
            # A reader that wrapped running out of memory (or stack) in its own error still
            # broke a limit, not the format: say so, so the reason points at what to raise.
            _limit_error(result, cause, settings)
        elif isinstance(exc, PlanIngestError):
            exc.path = exc.path or item.path
            result.error = exc
        else:
            result.error = _unclassified(exc, item.path)
            result.error.details = traceback.format_exc()
    if result.error is not None and before is not None and not result.error.transient:
        # Half-saved bytes look corrupt: a failure is the file's only if it held still.
        if _state_or_none(item.path) != before:
            result.error = SourceChanged("the file changed while it was being read", path=item.path)
        elif item.sha256 is None:
            result.failed_sha256 = sha256_if_unchanged(item.path, before)
    if result.error is not None:
        # Names and library messages may hold bytes that are not UTF-8: store what round-trips.
        result.error.path = stored(result.error.path or item.path)
        result.error.reason = stored(result.error.reason)
    result.seconds = time.monotonic() - started
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.worker_pid = os.getpid()
    return result


def _unclassified(exc: Exception, path: str) -> PlanIngestError:
    """A parser library's exception on malformed bytes is :class:`CorruptDocument`; any other is
    a bug of ours (:class:`UnexpectedError`), told apart by the frame that raised it."""
    message = f"{type(exc).__name__}: {exc}"
    if len(message) > REASON_CHARS:
        message = message[: REASON_CHARS - 1] + "…"
    if raised_by(exc, PARSER_PACKAGES) or _library_below(exc) in PARSER_PACKAGES:
        return CorruptDocument(f"damaged: the parser could not read it ({message})", path=path)
    return UnexpectedError(message, path=path)


def _library_below(exc: BaseException) -> str | None:
    """The package of the innermost frame outside the standard library: the parser that called
    ``base64`` or ``struct`` when those raised."""
    owner = None
    frame = exc.__traceback__
    while frame is not None:
        package = str(frame.tb_frame.f_globals.get("__name__", "")).split(".")[0]
        if package not in sys.stdlib_module_names:
            owner = package
        frame = frame.tb_next
    return owner


def _root_cause(exc: BaseException) -> BaseException:
    seen = 0
    while (exc.__cause__ or exc.__context__) is not None and seen < 10:
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
        seen += 1
    return exc


def _limit_error(result: WorkResult, exc: BaseException, settings: Settings) -> None:
    if isinstance(exc, RecursionError):
        reason = "the document's structure is nested too deeply to parse (recursion limit)"
    else:
        reason = f"needed more memory than the limit ({settings.max_memory_mb} MB per worker)"
        result.recycle = True  # after a MemoryError the worker's heap is suspect: replace it
    result.error = LimitExceeded(reason, path=result.item.path)


def timeout_error(path: str, seconds: float) -> LimitExceeded:
    return LimitExceeded(f"took longer than the time limit ({seconds:g} s)", path=path)


def sha256_if_unchanged(path: str, state: FileState) -> str | None:
    """The file's sha256, or None if it is gone or no longer matches ``state`` once read."""
    digest = hashlib.sha256()
    try:
        with open_regular(path) as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest() if FileState.of(path) == state else None
    except (OSError, PlanIngestError):
        return None


def _state_or_none(path: str) -> FileState | None:
    try:
        return FileState.of(path)
    except OSError:
        return None


def _check_unchanged(path: str, expected: FileState | None) -> FileState:
    try:
        state = FileState.of(path)
    except FileNotFoundError as exc:
        raise SourceChanged("file not found (moved or deleted?)", path=path) from exc
    if expected is not None and state != expected:
        raise SourceChanged("the file changed while it was being read", path=path)
    return state
