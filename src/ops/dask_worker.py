"""A Dask worker's supervised worker: started, and its spaCy model loaded, when the Dask worker
joins the cluster (the plugin waits for it to say it is ready), reused for every document it is
given, closed when it leaves.

Kept apart from :mod:`planingest.ops.executors` because ``distributed`` takes a second to
import: only a Dask run loads it.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from distributed import WorkerPlugin

from planingest.ops.executors import SupervisedWorker
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
