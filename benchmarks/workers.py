"""What starting a worker costs, and that no document pays it: local processes and Dask.

    python benchmarks/workers.py            # 6 small plans through each executor

A worker is a child interpreter that imports the pipeline and loads the spaCy model once, then
reads document after document. Printed: the spaCy load alone (a fresh interpreter), the first
document through a new local worker against the later ones (the difference is start-up), and the
same on a local Dask cluster, whose worker plugin starts each Dask worker's worker as the cluster
comes up. Printed figures, not a test.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document

from planingest.ops.dask_cluster import DaskExecutor
from planingest.ops.executors import SupervisedWorker
from planingest.ops.limits import WorkItem
from planingest.settings import Settings


def _plans(folder: Path, n: int) -> list[WorkItem]:
    items = []
    for i in range(n):
        doc = Document()
        doc.add_heading(f"Roads Plan {i} 2025", 0)
        table = doc.add_table(rows=2, cols=3)
        for cell, text in zip(table.rows[0].cells, ("Ref", "Action", "Lead"), strict=True):
            cell.text = text
        for cell, text in zip(table.rows[1].cells, ("1", f"Resurface lane {i}", "Jane Ashdown"),
                              strict=True):  # fmt: skip
            cell.text = text
        path = folder / f"roads-{i}.docx"
        doc.save(str(path))
        items.append(WorkItem(str(path)))
    return items


def _spacy_load() -> float:
    code = (
        "import time; from planingest.normalise.officers import get_tagger; t = time.perf_counter()"
        "; get_tagger(); print(time.perf_counter() - t)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def _line(label: str, seconds: list[float]) -> None:
    rest = statistics.median(seconds[1:])
    print(f"{label:<34} first {seconds[0]:6.2f} s, later median {rest:5.2f} s")


def main() -> None:
    settings = Settings(workers=1)
    with tempfile.TemporaryDirectory() as tmp:
        items = _plans(Path(tmp), 6)
        print(f"spaCy model load alone:            {_spacy_load():6.2f} s")

        with SupervisedWorker(settings) as worker:
            local = []
            for item in items:
                started = time.perf_counter()
                assert worker.run(item).error is None
                local.append(time.perf_counter() - started)
        _line("local worker, per document:", local)

        started = time.perf_counter()
        with DaskExecutor("local", settings) as executor:
            up = time.perf_counter() - started
            dask = []
            for item in items:
                started = time.perf_counter()
                executor.submit(item)
                (result,) = list(executor.completed())
                assert result.error is None
                dask.append(time.perf_counter() - started)
        print(f"local Dask cluster up (1 worker):  {up:6.2f} s")
        _line("Dask worker, per document:", dask)


if __name__ == "__main__":
    main()
