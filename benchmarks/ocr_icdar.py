"""ICDAR 2013 with every page scanned: cell-adjacency F1 after OCR, and OCR pages/s per worker.

    python benchmarks/ocr_icdar.py                     # every document, one worker
    python benchmarks/ocr_icdar.py --limit 10 --workers 1,2 --show
    python benchmarks/ocr_icdar.py --only eu-001 --show --twins /tmp/icdar-twins
    python benchmarks/ocr_icdar.py --show --twins /tmp/icdar-twins --ocr-cache /tmp/icdar-ocr

Each document is copied by :mod:`scan` (grey, 150 dpi, a skew up to ±1° drawn from the seed,
slight blur and grain, JPEG 70) into an image-only PDF, which the PDF reader reads with OCR
(``planingest extract``'s tables). Documents and answers, and the scoring, are those of
:mod:`icdar2013`. A document's seed is its place in the whole corpus, so a subset (``--only``,
``--limit``) reads the same twins as a full run; ``--twins`` keeps them in a folder to skip
making them again; ``--ocr-cache`` keeps each page's OCR reading (keyed by the page image and
the source of the modules OCR runs, so a change to OCR reads again) to try changes after OCR in
seconds rather than minutes (its pages/s then mean nothing). With several worker counts the
documents are shared out over that many processes and the wall-clock pages/s is given per worker.
Printed figures, not a test.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _score import GridCell, Relation, Score, relations  # noqa: E402
from icdar2013 import documents, page_count, selected, selection_parser, truth  # noqa: E402
from scan import Copier, scan_pdf  # noqa: E402


def read_scanned(
    job: tuple[str, Path, int, Path | None],
) -> tuple[str, list[list[GridCell]], str]:
    """One document scanned (seeded) and read back with OCR: its tables, or the error."""
    from planingest.errors import PlanIngestError
    from planingest.extractor.pdf import read_pdf
    from planingest.extractor.source import SourceFile, sha256_hex

    name, pdf, seed, twins = job
    data = twin(pdf, seed, twins / f"{name}.{seed}.scan.pdf" if twins else None)
    source = SourceFile(Path(f"{name}.scan.pdf"), "pdf", sha256_hex(data), len(data), data)
    try:
        doc = read_pdf(source)
    except PlanIngestError as exc:
        return name, [], f"{exc.reason_code}: {exc}"
    tables = [
        [GridCell(c.row, c.col, c.text, c.rowspan, c.colspan) for c in t.cells] for t in doc.tables
    ]
    return name, tables, ""


READING_MODULES = (
    "ocr",
    "ocr_colour",
    "ocr_glyph",
    "ocr_lines",
    "ocr_symbols",
    "pdf_objects",
    "pdf_text",
)
"""The modules :func:`read_scan` runs (what finds tables in its reading is not among them)."""


def cache_readings(folder: Path) -> None:
    """Keep each page's :func:`read_scan` in ``folder``, keyed by the image and the source of
    the modules it runs (patched in this process; workers forked after it inherit it)."""
    import planingest.extractor.ocr as ocr

    read = ocr.read_scan
    code = hashlib.sha256()
    for module in READING_MODULES:
        code.update((Path(ocr.__file__).parent / f"{module}.py").read_bytes())
    folder.mkdir(parents=True, exist_ok=True)

    def cached(image, width, height, *, languages="eng"):  # type: ignore[no-untyped-def]
        key = hashlib.sha256(code.digest())
        key.update(f"{image.size} {image.mode} {width} {height} {languages}".encode())
        key.update(image.tobytes())
        kept = folder / f"{key.hexdigest()[:32]}.pickle"
        if kept.exists():
            return pickle.loads(kept.read_bytes())
        page = read(image, width, height, languages=languages)
        part = kept.with_suffix(f".{os.getpid()}.part")  # whole or absent, for other runs
        part.write_bytes(pickle.dumps(page))
        part.replace(kept)
        return page

    ocr.read_scan = cached


def twin(pdf: Path, seed: int, kept: Path | None) -> bytes:
    """The scanned twin of ``pdf``, made or (with ``kept``) read from where it was kept."""
    if kept is not None and kept.exists():
        return kept.read_bytes()
    data = scan_pdf(pdf, Copier(dpi=150, colour=False, max_skew=1.0, seed=seed))
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(data)
    return data


def run(
    docs: list[tuple[str, Path, Path]],
    seeds: dict[str, int],
    workers: int,
    show: bool,
    twins: Path | None,
) -> tuple[Score, float, int]:
    """Score and wall-clock seconds of reading every scanned document with ``workers``."""
    jobs = [(name, pdf, seeds[name], twins) for name, pdf, _ in docs]
    answers = {name: answer for name, _, answer in docs}
    score = Score()
    failed = 0
    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        for name, tables, error in pool.map(read_scanned, jobs):
            expected = truth(answers[name])
            got: Counter[Relation] = Counter()
            for cells in tables:
                got += relations(cells)
            score.add(expected, got)
            failed += bool(error)
            if show:
                one = Score()
                one.add(expected, got)
                note = f"  {error}" if error else ""
                print(f"{name:10} F1={one.f1:.3f} ({one.correct}/{one.found}/{one.expected}){note}")
    return score, time.perf_counter() - start, failed


def main() -> None:
    parser = selection_parser(__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1", help="worker counts to try (e.g. 1,2)")
    parser.add_argument("--twins", type=Path, help="folder to keep the scanned twins in")
    parser.add_argument("--ocr-cache", type=Path, help="folder to keep each page's OCR in")
    args = parser.parse_args()
    if args.ocr_cache:
        cache_readings(args.ocr_cache)
    docs = selected(args)
    seeds = {name: seed for seed, (name, _, _) in enumerate(documents(args.corpus))}
    pages = sum(page_count(pdf) for _, pdf, _ in docs)
    print(f"ICDAR 2013 scanned (grey, 150 dpi, ±1°, blur, grain, JPEG 70): {len(docs)} documents,")
    print(f"{pages} pages (times include making each scan not kept in --twins)")
    header = ("workers", "precision", "recall", "F1", "pages/s", "per worker")
    print("{:>7} {:>9} {:>7} {:>6} {:>8} {:>10}".format(*header))
    for workers in (int(w) for w in args.workers.split(",")):
        score, seconds, failed = run(docs, seeds, workers, args.show, args.twins)
        speed = pages / seconds if seconds else 0.0
        print(
            f"{workers:7d} {score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f} "
            f"{speed:8.2f} {speed / workers:10.2f}" + (f"  ({failed} failed)" if failed else "")
        )


if __name__ == "__main__":
    main()
