"""Reading time of one very long table, by row count: Word and PDF must both grow linearly.

    python benchmarks/large_tables.py                          # Word 1k-20k rows, PDF 1k-5k
    python benchmarks/large_tables.py --docx 1000 20000 --pdf 1000 5000
    python benchmarks/large_tables.py --profile docx 20000     # cProfile's top functions

Builds, in a temporary folder, a Word plan (python-docx) and a ruled PDF plan (reportlab, the
header repeated on every page) holding one table of n invented actions, then times extraction
and normalisation of each in this process (spaCy loaded beforehand, as a worker has it). The
last column is the time per thousand rows: flat when the reading is linear. Printed figures,
not a test.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import pstats
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle
from rich.console import Console
from rich.table import Table as RichTable

from planingest.extractor import extract
from planingest.normalise import normalise
from planingest.normalise.columns import load_lexicon
from planingest.settings import Settings

HEADER = ("Ref", "Action", "Lead Officer", "Deadline", "Status")
VERBS = ("Review", "Publish", "Install", "Survey", "Train", "Replace", "Plan", "Fund", "Map")
THINGS = ("depot roofs", "school boilers", "cycle lanes", "street lights", "housing stock")
LEADS = ("Jane Ashdown", "Tom Briar", "Estates Team", "Parks Manager", "Ravi Okafor")
DEADLINES = ("March 2025", "Q3 2025", "Winter 2025", "June 2026", "Ongoing")
STATUSES = ("Complete", "On track", "Delayed", "Not started")


def rows(n: int) -> list[tuple[str, ...]]:
    """``n`` distinct invented actions."""
    return [
        (
            f"{i // 50 + 1}.{i % 50 + 1}",
            f"{VERBS[i % len(VERBS)]} the {THINGS[i % len(THINGS)]} ({i + 1})",
            LEADS[i % len(LEADS)],
            DEADLINES[i % len(DEADLINES)],
            STATUSES[i % len(STATUSES)],
        )
        for i in range(n)
    ]


def word_plan(path: Path, n: int) -> Path:
    """A title and one table of ``n`` rows under its header. Rows are copies of the header
    row's XML with their text replaced: python-docx's ``add_row().cells`` walks the whole
    table for every row, which would make building the file, not reading it, the slow part."""
    doc = Document()
    doc.add_heading("Northfield Borough Council Estates Plan 2025", 0)
    table = doc.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    header = table.rows[0]._tr
    for row in rows(n):
        tr = copy.deepcopy(header)
        for t, text in zip(tr.iter(qn("w:t")), row, strict=True):
            t.text = text
        header.getparent().append(tr)
    doc.save(str(path))
    return path


def pdf_plan(path: Path, n: int) -> Path:
    """The same plan as a ruled PDF table over as many A4 pages as it takes."""
    table = LongTable([HEADER, *rows(n)], repeatRows=1, colWidths=[40, 220, 90, 70, 70])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ]
        )
    )
    SimpleDocTemplate(str(path), pagesize=A4, title="Estates Plan 2025").build([table])
    return path


BUILDERS: dict[str, Callable[[Path, int], Path]] = {"docx": word_plan, "pdf": pdf_plan}


def read(path: Path, settings: Settings) -> tuple[float, float, int, int]:
    """Seconds to extract, seconds to normalise, pages and actions found."""
    start = time.perf_counter()
    extracted = extract(path, max_pages=settings.max_pages)
    middle = time.perf_counter()
    plan = normalise(
        extracted,
        lexicon=load_lexicon(settings.lexicon),
        spacy_model=settings.spacy_model,
        people_in_text=settings.people_in_text,
    )
    pages = extracted.source.page_count
    return middle - start, time.perf_counter() - middle, pages, len(plan.records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docx", type=int, nargs="*", default=[1000, 2000, 5000, 10000, 20000])
    parser.add_argument("--pdf", type=int, nargs="*", default=[1000, 2000, 5000])
    parser.add_argument("--profile", nargs=2, metavar=("FORMAT", "ROWS"))
    args = parser.parse_args()
    settings = Settings(max_pages=100_000)
    console = Console()
    with tempfile.TemporaryDirectory() as tmp:
        if args.profile:
            kind, n = args.profile[0], int(args.profile[1])
            path = BUILDERS[kind](Path(tmp) / f"plan.{kind}", n)
            read(path, settings)  # spaCy and the lexicon loaded outside the profile
            cProfile.runctx("read(path, settings)", globals(), locals(), str(Path(tmp) / "p"))
            pstats.Stats(str(Path(tmp) / "p")).sort_stats("cumulative").print_stats(30)
            return
        read(word_plan(Path(tmp) / "warm.docx", 10), settings)  # spaCy loaded once, untimed
        out = RichTable(
            "format", "rows", "pages", "extract s", "normalise s", "actions", "s/1k rows"
        )
        for kind, counts in (("docx", args.docx), ("pdf", args.pdf)):
            for n in counts:
                path = BUILDERS[kind](Path(tmp) / f"plan{n}.{kind}", n)
                extract_s, normalise_s, pages, actions = read(path, settings)
                out.add_row(
                    kind,
                    f"{n:,}",
                    str(pages) if kind == "pdf" else "",
                    f"{extract_s:.1f}",
                    f"{normalise_s:.1f}",
                    f"{actions:,}",
                    f"{(extract_s + normalise_s) * 1000 / n:.2f}",
                )
                console.print(f"{kind} {n:,} rows: {extract_s + normalise_s:.1f} s", style="dim")
        console.print(out)


if __name__ == "__main__":
    main()
