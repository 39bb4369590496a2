"""OCR throughput: scanned A4 pages per second per worker, and the scaling from 1 to 2 workers.

    python benchmarks/ocr_throughput.py                  # 17 scanned A4 pages, 1 and 2 workers
    python benchmarks/ocr_throughput.py --workers 1 2 4  # more workers (on a bigger machine)

A folder of image-only PDFs is made by :mod:`scan` from sample PDFs (A4, portrait and landscape:
grey copies at 150 dpi, skew up to ±1°, blur, grain, JPEG 70, as the ICDAR twins), then imported
into a fresh SQLite database by the real batch import (supervised worker processes under the
default time and memory limits) with each number of workers, cold as a cron pass starts.
Printed per run: the wall time, pages/s overall and per worker, and pages/s of one worker's
reading alone (pages over the seconds workers spent on documents, summed: start-up, hashing and
the store left out); scaling is the overall pages/s against one worker's. Issue #14's target is
0.5 page/s per worker. The machine's load average is printed beside the figures: on a shared
machine they move with it. So the same pages are also read once in this process and timed in CPU
seconds (Tesseract here runs on one thread), which other processes on the machine barely move:
pages per CPU second is what one worker reads with a core to itself. Printed figures, not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan import Copier, scan_pdf  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DEFAULT = (
    "climate_action_plan",  # 1 landscape page
    "digital_inclusion_status",  # 1 portrait page
    "seed002_equality_progress_2018-10",  # 2 landscape pages
    "seed004_oxford_status",  # 3 portrait pages
    "seed003_appendix_2b",  # 3 landscape pages
    "seed002_torn_header",  # 3 landscape pages
    "seed000_workforce_transposed",  # 4 landscape pages
)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def cpu_pages_per_second(files: list[Path]) -> tuple[int, float]:
    """Pages, and pages per CPU second of reading ``files`` here (after one untimed warm-up
    document: spaCy and Tesseract load once per worker)."""
    from planingest.pipeline import extract_and_normalise

    extract_and_normalise(files[0])
    pages, cpu = 0, 0.0
    for path in files:
        started = time.process_time()
        extracted, _ = extract_and_normalise(path)
        cpu += time.process_time() - started
        pages += extracted.source.page_count or 0
    return pages, pages / cpu


def main() -> None:
    from planingest.ops.batch import DocumentReport, run_batch
    from planingest.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=DEFAULT, help="sample names (no suffix)")
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--no-cpu", action="store_true", help="skip the CPU-time reading")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "scans"
        folder.mkdir()
        for seed, name in enumerate(args.names):
            twin = scan_pdf(SAMPLES / f"{name}.pdf", Copier(max_skew=1.0, quality=70, seed=seed))
            (folder / f"{name}.scan.pdf").write_bytes(twin)
        files = sorted(folder.iterdir())
        print(f"{len(files)} scanned plans; {_load()}")
        print(
            f"{'workers':>7} {'wall s':>7} {'pages':>5} {'pages/s':>8} {'per worker':>10} "
            f"{'reading alone':>13} {'scaling':>7}"
        )
        first: float | None = None
        for workers in args.workers:
            reports: list[DocumentReport] = []
            settings = Settings(workers=workers)
            url = f"sqlite:///{Path(tmp) / f'bench-{workers}.db'}"
            started = time.perf_counter()
            summary = run_batch(files, store_url=url, settings=settings, on_result=reports.append)
            wall = time.perf_counter() - started
            if summary.failed:
                print(f"  {summary.failed} failed: {summary.failures[0]['reason']}")
            pages = sum(r.pages for r in reports)
            reading = sum(r.seconds for r in reports)
            rate = pages / wall
            first = first or rate
            print(
                f"{workers:>7} {wall:>7.1f} {pages:>5} {rate:>8.2f} {rate / workers:>10.2f} "
                f"{pages / reading:>13.2f} {rate / first:>6.2f}x"
            )
        print(_load())
        if not args.no_cpu:
            pages, rate = cpu_pages_per_second(files)
            print(f"one process, {pages} pages: {rate:.2f} pages per CPU second; {_load()}")


if __name__ == "__main__":
    main()
