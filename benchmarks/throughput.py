"""Batch import throughput: documents/s, pages/s and worker memory, by executor.

    python benchmarks/throughput.py                 # 200 generated plans
    python benchmarks/throughput.py --n 20          # fewer (a shared 2-core machine)
    python benchmarks/throughput.py --n 20 --no-dask --workers 1

Generates a folder of invented plans (half Word, half PDF; 2-20 pages each, a ruled table of
actions), imports it into a fresh SQLite database with 1 and 2 local workers and with a local Dask
cluster, and times camelot (lattice) and pdfplumber table extraction alone on the same PDFs as a
reference. Every run starts cold (workers load spaCy once each), as a cron pass does. Printed
figures, not a test.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import warnings
from pathlib import Path

from docx import Document
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from rich.console import Console
from rich.table import Table as RichTable

from planingest.ops.batch import BatchSummary, collect_files, run_batch
from planingest.settings import Settings

HEADER = ["Ref", "Action", "Lead Officer", "Deadline", "Status"]
ROWS_PER_PAGE = 23
"""Rows reportlab fits on one landscape page: a plan of n pages has n * 23 rows."""
VERBS = ["Review", "Publish", "Install", "Survey", "Train", "Replace", "Plan", "Fund", "Map"]
THINGS = ["depot roofs", "school boilers", "cycle lanes", "street lights", "housing stock"]
LEADS = ["Jane Ashdown", "Tom Briar", "Estates Team", "Parks Manager", "Ravi Okafor"]
DEADLINES = ["March 2025", "Q3 2025", "Winter 2025", "June 2026", "Ongoing"]
STATUSES = ["Not started", "In progress", "Complete", "On hold"]


def plan_rows(rng: random.Random, n: int) -> list[list[str]]:
    return [
        [
            f"{i // 10 + 1}.{i % 10 + 1}",
            f"{rng.choice(VERBS)} the {rng.choice(THINGS)} in ward {rng.randint(1, 40)} and "
            f"report progress to the committee each quarter",
            rng.choice(LEADS),
            rng.choice(DEADLINES),
            rng.choice(STATUSES),
        ]
        for i in range(n)
    ]


def draw_pdf(path: Path, title: str, rows: list[list[str]]) -> int:
    """One ruled table continued over pages (header repeated); returns the pages drawn."""
    table = Table([HEADER, *rows], repeatRows=1, colWidths=[40, 380, 120, 90, 80])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    doc.build([Paragraph(title, getSampleStyleSheet()["Title"]), table])
    return int(doc.page)


def generate(folder: Path, n: int, seed: int = 7) -> int:
    """``n`` plans in ``folder``; returns the number of PDF pages written."""
    rng = random.Random(seed)
    pdf_pages = 0
    for k in range(n):
        pages = rng.randint(2, 20)
        title = f"Service Plan {k + 1} 2024-2026"
        rows = plan_rows(rng, pages * ROWS_PER_PAGE)
        if k % 2:
            pdf_pages += draw_pdf(folder / f"plan{k:03d}.pdf", title, rows)
        else:
            document = Document()
            document.add_heading(title, 0)
            document.add_paragraph(f"Northfield Borough Council - updated March {2020 + k % 5}")
            grid = document.add_table(rows=1, cols=len(HEADER))
            for cell, text in zip(grid.rows[0].cells, HEADER, strict=True):
                cell.text = text
            for row in rows:
                for cell, text in zip(grid.add_row().cells, row, strict=True):
                    cell.text = text
            document.save(str(folder / f"plan{k:03d}.docx"))
    return pdf_pages


def import_once(
    files: list[Path], workers: int, dask: str | None, settings: Settings | None = None
) -> tuple[float, BatchSummary]:
    """Seconds and summary (outcomes, pages, peak worker memory) of one cold import."""
    settings = (settings or Settings()).model_copy(update={"workers": workers})
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        started = time.perf_counter()
        summary = run_batch(files, store_url=url, settings=settings, dask=dask)
        seconds = time.perf_counter() - started
    if summary.failed:
        print(f"  ({summary.failed} failed: {summary.failures[0]['reason']})")
    return seconds, summary


def reference(pdfs: list[Path], tool: str) -> tuple[float, int]:
    """Seconds and tables for table extraction alone, in this process."""
    started = time.perf_counter()
    tables = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in pdfs:
            if tool == "camelot lattice":
                from camelot.io import read_pdf

                tables += len(read_pdf(str(path), pages="all", flavor="lattice"))
            else:
                import pdfplumber

                with pdfplumber.open(path) as pdf:
                    tables += sum(len(page.extract_tables()) for page in pdf.pages)
    return time.perf_counter() - started, tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="Plans to generate (default 200).")
    parser.add_argument("--workers", default="1,2", help="Worker counts to try (default 1,2).")
    parser.add_argument("--no-dask", action="store_true", help="Skip the local Dask cluster.")
    parser.add_argument("--no-reference", action="store_true", help="Skip camelot/pdfplumber.")
    parser.add_argument(
        "--big-pages", type=int, default=1000, help="Pages of the one long PDF (0: skip)."
    )
    args = parser.parse_args()
    console = Console()
    if args.n < 1:
        parser.error("--n must be at least 1")

    with tempfile.TemporaryDirectory(prefix="planingest-bench-") as tmp:
        folder = Path(tmp)
        pdf_pages = generate(folder, args.n)
        pdfs = sorted(folder.glob("*.pdf"))
        console.print(f"{args.n} plans ({len(pdfs)} PDF with {pdf_pages} pages, rest Word)")
        view = RichTable(title="Batch import throughput (cold start)", title_justify="left")
        for name in ("run", "seconds", "documents/s", "pages/s", "peak MB per worker"):
            view.add_column(name, justify="left" if name == "run" else "right")

        files = collect_files([folder]).files
        runs: list[tuple[str, list[Path], int, str | None]] = [
            (f"import, {w} worker{'s' * (int(w) > 1)}", files, int(w), None)
            for w in args.workers.split(",")
        ]
        if not args.no_dask:
            runs.append(("import, local Dask (2 workers)", files, 2, "local"))
        runs.append(("import, 1 worker, the PDFs only", pdfs, 1, None))
        for label, chosen, workers, dask in runs:
            seconds, summary = import_once(chosen, workers, dask)
            view.add_row(
                label,
                f"{seconds:.1f}",
                f"{summary.imported / seconds:.2f}",
                f"{summary.pages / seconds:.1f}",
                f"{summary.peak_worker_rss_mb:.0f}",
            )
        if not args.no_reference:
            for tool in ("camelot lattice", "pdfplumber"):
                seconds, _ = reference(pdfs, tool)
                view.add_row(
                    f"{tool}, tables only (PDFs), 1 process",
                    f"{seconds:.1f}",
                    f"{len(pdfs) / seconds:.2f}",
                    f"{pdf_pages / seconds:.1f}",
                    "-",
                )
        if args.big_pages:
            big = folder / "long" / "long-plan.pdf"
            big.parent.mkdir()
            draw_pdf(
                big,
                "Long Service Plan 2024-2026",
                plan_rows(random.Random(3), args.big_pages * ROWS_PER_PAGE),
            )
            limits = Settings(max_pages=args.big_pages * 2, timeout_seconds=3600)
            seconds, summary = import_once([big], 1, None, limits)
            view.add_row(
                f"import, 1 worker, one {summary.pages}-page PDF",
                f"{seconds:.1f}",
                "-",
                f"{summary.pages / seconds:.1f}",
                f"{summary.peak_worker_rss_mb:.0f}",
            )
        console.print(view)
        console.print(
            "pages/s counts PDF pages and Word sections (Word has no fixed pages); "
            "peak MB is the largest worker's resident set."
        )


if __name__ == "__main__":
    main()
