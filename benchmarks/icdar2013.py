"""ICDAR 2013 table competition: cell-adjacency precision/recall/F1 and speed, ours vs peers.

    python benchmarks/icdar2013.py                  # every document, every tool
    python benchmarks/icdar2013.py --limit 10       # the first ten documents
    python benchmarks/icdar2013.py --only eu-001 --tools ours --show

Tools: ``ours`` (planingest's PDF reader), ``camelot-lattice``, ``camelot-network`` and
``pdfplumber`` (``extract_tables`` with its default ruling-line settings), all run in the same
process on the same files. Scoring is in :mod:`_score`. Printed figures, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _score import GridCell, Relation, Score, relations, table_rows  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "icdar2013"
SKIP = {"eu-009b", "us-011b", "us-031b", "us-035b"}
"""Alternative answers without a PDF of their own."""

Tool = Callable[[Path], list[list[GridCell]]]


def documents(corpus: Path) -> list[tuple[str, Path, Path]]:
    out = []
    for answer in sorted(corpus.glob("competition-dataset-*/*-str.xml")):
        name = answer.name.removesuffix("-str.xml")
        pdf = answer.with_name(f"{name}.pdf")
        if name in SKIP or not pdf.exists():
            continue
        out.append((name, pdf, answer))
    return out


def truth(answer: Path) -> Counter[Relation]:
    """Relations of every table region in a ``-str.xml`` answer."""
    found: Counter[Relation] = Counter()
    for region in ET.parse(answer).getroot().iter("region"):
        cells = []
        for cell in region.iter("cell"):
            r0, c0 = int(cell.get("start-row", 0)), int(cell.get("start-col", 0))
            r1 = int(cell.get("end-row", r0))
            c1 = int(cell.get("end-col", c0))
            text = cell.findtext("content") or ""
            cells.append(GridCell(r0, c0, text, r1 - r0 + 1, c1 - c0 + 1))
        found += relations(cells)
    return found


def ours_tool(borderless: str) -> Tool:
    def run(pdf: Path) -> list[list[GridCell]]:
        from planingest.extractor.pdf import read_pdf
        from planingest.extractor.source import read_source

        doc = read_pdf(read_source(pdf), borderless=borderless)  # type: ignore[arg-type]
        return [
            [GridCell(c.row, c.col, c.text, c.rowspan, c.colspan) for c in t.cells]
            for t in doc.tables
        ]

    return run


def camelot_tool(flavor: str) -> Tool:
    def run(pdf: Path) -> list[list[GridCell]]:
        import camelot

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(pdf), pages="all", flavor=flavor)
        return [table_rows(t.df.values.tolist()) for t in tables]

    return run


def pdfplumber_tool(pdf: Path) -> list[list[GridCell]]:
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            out += [table_rows(rows) for rows in page.extract_tables()]
    return out


TOOLS: dict[str, Tool] = {
    "ours": ours_tool("network"),
    "ours-stream": ours_tool("stream"),
    "camelot-lattice": camelot_tool("lattice"),
    "camelot-network": camelot_tool("network"),
    "pdfplumber": pdfplumber_tool,
}


def page_count(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def selection_parser(description: str) -> argparse.ArgumentParser:
    """The options that choose documents (``--limit``, ``--only``, ``--corpus``) and ``--show``,
    shared by the benchmarks that read ICDAR 2013."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--only", action="append", help="only this document (e.g. eu-001)")
    parser.add_argument("--show", action="store_true", help="print per-document figures")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    return parser


def selected(args: argparse.Namespace) -> list[tuple[str, Path, Path]]:
    """The documents ``selection_parser``'s options chose."""
    docs = documents(args.corpus)
    if args.only:
        docs = [d for d in docs if d[0] in set(args.only)]
    return docs[: args.limit] if args.limit else docs


def main() -> None:
    parser = selection_parser(__doc__.splitlines()[0])
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated tool names")
    args = parser.parse_args()
    docs = selected(args)
    names = [t.strip() for t in args.tools.split(",") if t.strip()]
    if unknown := [n for n in names if n not in TOOLS]:
        parser.error(f"unknown tool {', '.join(unknown)}: choose from {', '.join(TOOLS)}")
    scores = {name: Score() for name in names}
    seconds = dict.fromkeys(names, 0.0)
    failures = dict.fromkeys(names, 0)
    pages = 0
    for doc, pdf, answer in docs:
        expected = truth(answer)
        pages += page_count(pdf)
        for name in names:
            start = time.perf_counter()
            try:
                tables = TOOLS[name](pdf)
            except Exception as exc:  # a peer failing on one file is a result, not a crash
                failures[name] += 1
                tables = []
                if args.show:
                    print(f"  {doc} {name}: {type(exc).__name__}: {exc}")
            seconds[name] += time.perf_counter() - start
            got: Counter[Relation] = Counter()
            for cells in tables:
                got += relations(cells)
            scores[name].add(expected, got)
            if args.show:
                one = Score()
                one.add(expected, got)
                print(
                    f"{doc:10} {name:16} P={one.precision:.3f} R={one.recall:.3f} "
                    f"F1={one.f1:.3f} ({one.correct}/{one.found}/{one.expected})"
                )
    print(f"\nICDAR 2013: {len(docs)} documents, {pages} pages")
    print(f"{'tool':18} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8} {'failed':>6}")
    for name in names:
        s = scores[name]
        speed = pages / seconds[name] if seconds[name] else 0.0
        print(
            f"{name:18} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {speed:8.1f} "
            f"{failures[name]:6d}"
        )


if __name__ == "__main__":
    main()
