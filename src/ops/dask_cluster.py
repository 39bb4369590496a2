"""Documents on a Dask cluster: the executor, and each Dask worker's supervised worker,
started (its spaCy model loaded) as the Dask worker joins the cluster (a worker plugin waits for
it to say it is ready), reused for every document it is given, closed when it leaves.

Kept apart from :mod:`planingest.ops.executors` because ``distributed`` takes a second to
import: only a Dask run loads it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from planingest.errors import UnexpectedError
from planingest.ops.executors import SupervisedWorker, default_workers
from planingest.ops.limits import WorkItem, WorkResult
from planingest.settings import Settings

PLUGIN_NAME = "planingest-supervised-worker"

_worker: SupervisedWorker | None = None
_lock = threading.Lock()


class SupervisedWorkerPlugin(WorkerPlugin):  # type: ignore[misc]  # distributed is untyped
    """Starts the Dask worker's supervised worker as the Dask worker starts, so its imports and
    spaCy model load while the cluster comes up, not in the first document's time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        _ensure(self.settings).start(wait=True)

    def teardown(self, worker: Any) -> None:
        global _worker
        with _lock:
            if _worker is not None:
                _worker.close()
                _worker = None


def _ensure(settings: Settings) -> SupervisedWorker:
    global _worker
    with _lock:
        if _worker is None or _worker.settings != settings:
            if _worker is not None:
                _worker.close()
            _worker = SupervisedWorker(settings)
        return _worker


def run_on_dask_worker(item: WorkItem, settings: Settings) -> WorkResult:
    """The Dask task: the Dask worker's one supervised worker reads the document."""
    delay = item.not_before - time.time()
    if delay > 0:
        time.sleep(delay)
    worker = _ensure(settings)
    with _lock:
        return worker.run(item)


class DaskExecutor:
    """Documents sent to a Dask distributed cluster (``tcp://host:8786``, or ``local`` for a
    LocalCluster of ``workers`` single-threaded workers). The cluster's workers must have
    planingest installed (same version as the driver)."""

    def __init__(self, address: str, settings: Settings) -> None:
        # distributed has no type hints: its objects are Any here.
        self.settings = settings
        self._cluster: Any = None
        if address == "local":
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=default_workers(settings),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client: Any = Client(self._cluster)  # type: ignore[no-untyped-call]
        else:
            self.client = Client(address)  # type: ignore[no-untyped-call]
        # Each Dask worker starts its supervised worker (spaCy loaded) now, and again whenever a
        # Dask worker joins later: no document waits for a model to load.
        self.client.register_plugin(SupervisedWorkerPlugin(settings), name=PLUGIN_NAME)
        self._futures: Any = as_completed()  # type: ignore[no-untyped-call]
        self._items: dict[Any, WorkItem] = {}

    def submit(self, item: WorkItem) -> None:
        future = self.client.submit(run_on_dask_worker, item, self.settings, pure=False)
        self._items[future.key] = item
        self._futures.add(future)

    def completed(self) -> Iterator[WorkResult]:
        for future in self._futures:
            item = self._items.pop(future.key)
            try:
                result: WorkResult = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost Dask worker fails one document
                result = WorkResult(
                    item,
                    error=UnexpectedError(
                        f"the Dask task failed ({type(exc).__name__}: {exc})", path=item.path
                    ),
                )
            future.release()
            yield result

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
