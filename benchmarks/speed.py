"""The speed report: our PDF reading and import beside the peers, in one run, on real PDFs.

    python benchmarks/speed.py                      # ICDAR 30 PDFs, samples, sync, long PDF
    python benchmarks/speed.py --icdar 67 --sync 0 --long 0

For each set of PDFs (the first ``--icdar`` ICDAR 2013 documents, and ``samples/*.pdf``) every
tool reads the same files in this process, one after another: pypdfium2's raw text (the floor:
characters only, no tables), pdfplumber ``extract_tables``, camelot lattice and network, our
extraction alone (``read_pdf``), then our end-to-end import with one worker (extract, normalise,
store into a fresh SQLite database; the worker's start-up, spaCy included, is counted, as a cron
pass pays it). The last column divides camelot lattice's time by each tool's. Then a third
``sync`` pass over ``--sync`` unchanged Word plans (a fresh ``planingest`` process, as cron runs
it), and the peak resident memory of the worker importing one ``--long``-page ruled PDF.
Printed figures, not a test; on a shared machine compare tools within one run.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from icdar2013 import CORPUS, TOOLS, documents, page_count  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402
from throughput import ROWS_PER_PAGE, draw_pdf, import_once, plan_rows  # noqa: E402
from unchanged import plans, timed  # noqa: E402

from planingest.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def pdfium_text(pdf: Path) -> None:
    """Every page's characters through PDFium: what reading the text alone costs."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        for page in doc:
            page.get_textpage().get_text_bounded()
    finally:
        doc.close()


def ours_extract(pdf: Path) -> None:
    from planingest.extractor.pdf import read_pdf
    from planingest.extractor.source import read_source

    read_pdf(read_source(pdf))


READERS: dict[str, Callable[[Path], object]] = {
    "pypdfium2 raw text (floor)": pdfium_text,
    "pdfplumber extract_tables": TOOLS["pdfplumber"],
    "camelot lattice": TOOLS["camelot-lattice"],
    "camelot network": TOOLS["camelot-network"],
    "planingest extraction": ours_extract,
}


def speed_table(title: str, pdfs: list[Path]) -> Table:
    """Seconds, pages/s and speed relative to camelot lattice of every reader on ``pdfs``."""
    pages = sum(page_count(p) for p in pdfs)
    seconds: dict[str, float] = {}
    for name, reader in READERS.items():
        with contextlib.suppress(Exception):
            reader(pdfs[0])  # warm: libraries imported, caches filled, before the clock runs
        started = time.perf_counter()
        for pdf in pdfs:
            with contextlib.suppress(Exception):  # a peer failing on a file is a result
                reader(pdf)
        seconds[name] = time.perf_counter() - started
    took, summary = import_once(pdfs, 1, None)
    seconds["planingest import, 1 worker"] = took
    view = Table(title=f"{title}: {len(pdfs)} PDFs, {pages} pages", title_justify="left")
    for column in ("tool", "seconds", "pages/s", "× camelot lattice"):
        view.add_column(column, justify="left" if column == "tool" else "right")
    lattice = seconds["camelot lattice"]
    for name, s in seconds.items():
        view.add_row(name, f"{s:.1f}", f"{pages / s:.1f}", f"{lattice / s:.2f}")
    view.caption = (
        f"import: {summary.outcome_counts()}; peak worker memory "
        f"{summary.peak_worker_rss_mb:.0f} MB"
    )
    return view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--icdar", type=int, default=30, help="ICDAR 2013 PDFs (0: skip)")
    parser.add_argument("--no-samples", action="store_true", help="skip samples/*.pdf")
    parser.add_argument("--sync", type=int, default=200, help="unchanged files to sync (0: skip)")
    parser.add_argument("--long", type=int, default=1001, help="pages of the long PDF (0: skip)")
    args = parser.parse_args()
    console = Console()
    if args.icdar:
        pdfs = [pdf for _, pdf, _ in documents(CORPUS)][: args.icdar]
        console.print(speed_table("ICDAR 2013", pdfs))
    if not args.no_samples:
        console.print(speed_table("samples/", sorted((ROOT / "samples").glob("*.pdf"))))
    with tempfile.TemporaryDirectory(prefix="planingest-speed-") as tmp:
        if args.sync:
            folder, db = Path(tmp) / "share", f"sqlite:///{tmp}/plans.db"
            plans(folder, args.sync)
            sync = ("sync", str(folder), "--db", db, "--min-age", "0")
            timed(*sync)  # notes the files
            timed(*sync)  # reads them
            again, line = timed(*sync)
            console.print(f"third sync, {args.sync} unchanged files: {again:.2f} s ({line})")
        if args.long:
            long_pdf = Path(tmp) / "long.pdf"
            drawn = draw_pdf(
                long_pdf,
                "Long Service Plan",
                plan_rows(random.Random(3), (args.long - 1) * ROWS_PER_PAGE + 1),
            )
            limits = Settings(max_pages=drawn * 2, timeout_seconds=3600)
            took, summary = import_once([long_pdf], 1, None, limits)
            console.print(
                f"import of one {summary.pages}-page PDF, 1 worker: {took:.1f} s, "
                f"{summary.pages / took:.1f} pages/s, "
                f"peak worker memory {summary.peak_worker_rss_mb:.0f} MB"
            )


if __name__ == "__main__":
    main()
