"""Where documents are read: supervised worker processes on this machine, or a Dask cluster.

Both executors take :class:`~planingest.ops.limits.WorkItem` s and give back
:class:`~planingest.ops.limits.WorkResult` s as they complete, and both run each document in a
*supervised worker*: a long-lived child interpreter (``python -m planingest.ops.executors``) that
loads spaCy once, runs one document at a time under the limits, and answers over a pipe. Its
supervisor kills it when a document overruns the time limit and starts a new one when it dies
(a poison document, the kernel's OOM killer); the death is the *document's* failure, and the
batch goes on. ``concurrent.futures.ProcessPoolExecutor`` cannot do this: one dead worker breaks
the whole pool (``BrokenProcessPool``) and every pending document with it.

On Dask, each Dask worker process keeps one supervised worker, started by a worker plugin as the
Dask worker joins (:mod:`planingest.ops.dask_cluster`), so a poison document costs a child
process, never the Dask worker (and never reaches Dask's ``KilledWorker``), and no document
waits for the spaCy model to load.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import IO, Any, Protocol

from planingest.errors import LimitExceeded, ReaderCrashed
from planingest.ops.limits import (
    HARD_TIMEOUT_GRACE,
    WorkItem,
    WorkResult,
    address_space_mb,
    run_item,
    set_memory_limit,
    timeout_error,
)
from planingest.settings import Settings

_HEADER = struct.Struct("!Q")

READY = "ready"
"""What a worker says once it has imported the pipeline and loaded the spaCy model."""

WORKER_ENV = {
    "ARROW_DEFAULT_MEMORY_POOL": "system",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MALLOC_ARENA_MAX": "2",
}
"""Environment of a worker (unless the user set these). The memory limit counts address space,
not resident memory: pyarrow's default allocator (pulled in by camelot via pandas) reserves a
gigabyte it never touches, and each BLAS/OpenMP thread and malloc arena reserves more. A worker
is one document at a time on one core, so one thread each is also the fastest setting."""

YOUNG_COLLECTION = 20_000
"""Allocations between two collections of a worker's youngest generation (Python's default is
700)."""

STARTUP_HEADROOM_MB = 256
"""The least address space a document gets above what the worker holds after start-up."""

STARTUP_ALLOWANCE = 120.0
"""Seconds a new worker may take to start (imports, the spaCy model) on top of the time limit."""


class Executor(Protocol):
    """Runs documents somewhere; results come back in completion order."""

    def submit(self, item: WorkItem) -> None: ...

    def completed(self) -> Iterator[WorkResult]:
        """Results until nothing is pending; items submitted meanwhile are included."""
        ...

    def close(self) -> None: ...


def default_workers(settings: Settings) -> int:
    return max(1, settings.workers or os.cpu_count() or 1)


# --- the pipe between supervisor and worker --------------------------------------------------


def _send(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    (size,) = _HEADER.unpack(_read_exactly(stream, _HEADER.size))
    return pickle.loads(_read_exactly(stream, size))  # noqa: S301 - our own child, private pipe


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    """``size`` bytes from ``stream`` (a raw pipe gives what has arrived, maybe less)."""
    chunks: list[bytes] = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def worker_main(result_fd: int, spacy_model: str) -> None:
    """The child's loop: (item, settings) in on stdin, a WorkResult out on ``result_fd``. The
    spaCy model and the pipeline load first, while the supervisor is still sending the first
    document (or opening the store)."""
    from planingest.normalise.officers import get_tagger
    from planingest.pipeline import extract_and_normalise  # noqa: F401 - loaded, used by run_item

    inbox = sys.stdin.buffer
    outbox = os.fdopen(result_fd, "wb")
    get_tagger(spacy_model)
    # What start-up made (modules, the model) lives as long as the worker: kept out of the
    # cycle collector's full passes, which a page's hundred thousand glyph objects trigger
    # again and again (a third of the collector's time on the first 30 ICDAR 2013 PDFs).
    gc.collect()
    gc.freeze()
    # A document's objects (glyphs, layout objects) are many and live as long as it is read:
    # collected every 700 allocations, they are traced again and again as they age through
    # the generations. Less often, the collector's time on a document falls by half or more
    # (0.55 s to 0.25 s over those PDFs); its cyclic garbage waits a little longer.
    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])
    _send(outbox, READY)
    warmed = {spacy_model}
    limited = False
    while True:
        try:
            item, settings = _receive(inbox)
        except EOFError:
            return  # the supervisor closed the pipe (or died): nothing more to do
        if settings.spacy_model not in warmed:
            get_tagger(settings.spacy_model)
            warmed.add(settings.spacy_model)
        if not limited:
            # After the imports and the model: the limit is for the document. It is never
            # raised behind the user's back: a limit too low to start under is said as such.
            started_mb = int(address_space_mb())
            if settings.max_memory_mb < started_mb + STARTUP_HEADROOM_MB:
                refused = WorkResult(item)
                refused.error = LimitExceeded(
                    f"the memory limit ({settings.max_memory_mb} MB) is below what a worker "
                    f"needs to start ({started_mb} MB with the spaCy model) plus "
                    f"{STARTUP_HEADROOM_MB} MB for a document; raise max_memory_mb",
                    path=item.path,
                )
                _send(outbox, refused)
                continue
            set_memory_limit(settings.max_memory_mb)
            limited = True
        result = run_item(item, settings)
        _send(outbox, result)
        if result.recycle:
            return


class SupervisedWorker:
    """One child process, one document at a time, killed when it overruns and replaced when it
    dies. Not thread-safe: one owner (the process executor, or a Dask worker under a lock)."""

    def __init__(self, settings: Settings, grace: float = HARD_TIMEOUT_GRACE) -> None:
        self.settings = settings
        self.grace = grace
        self.item: WorkItem | None = None
        self.deadline = 0.0
        self._process: subprocess.Popen[bytes] | None = None
        self._results: IO[bytes] | None = None
        self.ready = False
        """The child has said :data:`READY`: a document sent now pays no start-up."""

    def start(self, *, wait: bool = False) -> bool:
        """Start the child unless it runs: it imports the pipeline and loads the spaCy model at
        once; with ``wait``, return once it is ready (the Dask plugin, before any document).
        True if it was started now."""
        if self._process is not None and self._process.poll() is None:
            return False
        self._stop()
        self.ready = False
        read_end, write_end = os.pipe()
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "planingest.ops.executors",
                str(write_end),
                self.settings.spacy_model,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=None if self.settings.worker_stderr else subprocess.DEVNULL,
            pass_fds=(write_end,),
            env={**WORKER_ENV, **os.environ},  # worker start-up: the one place we pass env on
            start_new_session=True,  # a Ctrl-C in the terminal reaches the supervisor only
        )
        os.close(write_end)
        # Unbuffered: a buffered reader may take the next message (the result behind READY)
        # off the pipe with this one, and select() on the pipe would then wait for it in vain.
        self._results = os.fdopen(read_end, "rb", buffering=0)
        if wait:
            ready, _, _ = select.select([self], [], [], STARTUP_ALLOWANCE)
            with suppress(EOFError):  # it died starting: the next document starts another
                self.ready = bool(ready) and _receive(self._results) == READY
        return True

    def fileno(self) -> int:
        assert self._results is not None
        return self._results.fileno()

    @property
    def busy(self) -> bool:
        return self.item is not None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def send(self, item: WorkItem) -> None:
        """Start reading ``item``; collect with :meth:`collect` when :meth:`fileno` is readable."""
        allowance = self.settings.timeout_seconds + self.grace
        if self.start() or not self.ready:
            allowance += STARTUP_ALLOWANCE  # still loading spaCy: not the document's time
        assert self._process is not None and self._process.stdin is not None
        self.item = item
        self.deadline = time.monotonic() + allowance
        # If it died between the poll and the write, collect() reports the death.
        with suppress(BrokenPipeError):
            _send(self._process.stdin, (item, self.settings))

    def collect(self) -> WorkResult | None:
        """The result for the current item (a dead worker is that item's failure), or None when
        the worker only said it is ready: the item's clock starts then."""
        assert self.item is not None and self._results is not None
        try:
            result: WorkResult | str = _receive(self._results)
        except EOFError:
            item, self.item = self.item, None
            return WorkResult(item, error=self._death(item))
        if result == READY:
            self.ready = True
            self.deadline = time.monotonic() + self.settings.timeout_seconds + self.grace
            return None
        assert isinstance(result, WorkResult)
        self.item = None
        if result.recycle:
            self._stop()
        return result

    def expire(self) -> WorkResult:
        """The current item overran the hard time limit: kill the worker, fail the item."""
        assert self.item is not None
        item, self.item = self.item, None
        self._stop()
        return WorkResult(item, error=timeout_error(item.path, self.settings.timeout_seconds))

    def run(self, item: WorkItem) -> WorkResult:
        """Blocking form of send/collect, with the hard time limit (used on Dask workers)."""
        self.send(item)
        return self.wait()

    def wait(self) -> WorkResult:
        """The result of the item sent, waited for up to the hard time limit."""
        while True:
            wait = max(0.0, self.deadline - time.monotonic())
            ready, _, _ = select.select([self], [], [], wait)
            if not ready:
                return self.expire()
            if (result := self.collect()) is not None:
                return result

    def _death(self, item: WorkItem) -> ReaderCrashed:
        assert self._process is not None
        self._kill_group()
        code = self._process.wait()
        self._stop()
        how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        return ReaderCrashed(
            f"the worker process died ({how}) while reading this document", path=item.path
        )

    def _kill_group(self) -> None:
        """Kill the worker and what it started (a LibreOffice converter): its session's group.
        Only while it is not reaped: until then its pid (the group's id) cannot be reused."""
        assert self._process is not None
        if self._process.returncode is None:
            with suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)

    def _stop(self) -> None:
        if self._process is not None:
            self._kill_group()
            self._process.wait()
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process = None
        if self._results is not None:
            self._results.close()
            self._results = None

    def close(self) -> None:
        self._stop()

    def __enter__(self) -> SupervisedWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_guarded(paths: Iterable[str | Path], settings: Settings) -> Iterator[WorkResult]:
    """Read documents one after another in one supervised worker, keeping what was extracted:
    how the single-document commands (``extract``, ``eval``) read, under the same time, memory
    and page limits as an import, so a file that hangs or crashes a parser is a one-line error."""
    with SupervisedWorker(settings) as worker:
        for path in paths:
            yield worker.run(WorkItem(os.path.abspath(path), keep_extracted=True))


class ProcessExecutor:
    """N supervised workers on this machine (default: one per core)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workers = [SupervisedWorker(settings) for _ in range(default_workers(settings))]
        self._queue: deque[WorkItem] = deque()

    def start(self, documents: int) -> None:
        """Start a worker for each of up to ``documents`` documents now, rather than as the
        first ones are sent: their start-up (imports, the spaCy model) then runs beside what
        the caller does first (opening the store, hashing the files)."""
        for worker in self.workers[:documents]:
            worker.start()

    def submit(self, item: WorkItem) -> None:
        self._queue.append(item)

    def completed(self) -> Iterator[WorkResult]:
        while True:
            self._dispatch()
            busy = [w for w in self.workers if w.busy]
            if not busy and not self._queue:
                return
            now = time.monotonic()
            wake = min([w.deadline for w in busy] + [now + 0.5]) - now
            ready, _, _ = select.select(busy, [], [], max(0.0, wake)) if busy else ([], [], [])
            if not busy:
                time.sleep(max(0.0, min(0.5, self._queue[0].not_before - time.time())))
            for worker in ready:
                if (result := worker.collect()) is not None:
                    yield result
            now = time.monotonic()
            for worker in busy:
                if worker not in ready and worker.deadline <= now:
                    yield worker.expire()

    def _dispatch(self) -> None:
        now = time.time()
        for worker in self.workers:
            if not self._queue:
                return
            if not worker.busy and self._queue[0].not_before <= now:
                worker.send(self._queue.popleft())

    def close(self) -> None:
        for worker in self.workers:
            worker.close()

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    worker_main(int(sys.argv[1]), sys.argv[2])
