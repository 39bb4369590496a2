"""Scanned twins of the sample plans: image-only (or partly image-only) PDFs, copied from the
LibreOffice twins by ``benchmarks/scan.py`` (rasterised at 150 dpi, skewed up to ±1°, blurred,
grained, saved as JPEG), each scored against the golden of its digital original.

The copier here is a little cleaner than the benchmark's (grain 3 grey levels, JPEG quality 60,
against 6 and 70) so the committed files stay small (a page is 150–220 kB); the harsher copies
are scored by ``benchmarks/ocr_samples.py``. Same twin and seed, same bytes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pypdfium2

from .drawn_samples import save_reproducibly

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from scan import Copier, scan_pdf  # noqa: E402

COPIER = Copier(noise=3.0, quality=60)


def _copy(stem: str, **how: object) -> Callable[[Path], None]:
    """A builder of the whole of ``stem``'s twin copied with ``how`` (Copier fields)."""

    def build(path: Path) -> None:
        path.write_bytes(scan_pdf(path.parent / f"{stem}.pdf", replace(COPIER, **how)))

    return build


def _mixed(stem: str, page: int, seed: int) -> Callable[[Path], None]:
    """A builder of ``stem``'s twin with page ``page`` (0-based) replaced by its grey copy: a
    committee pack with one photocopied page."""

    def build(path: Path) -> None:
        twin = path.parent / f"{stem}.pdf"
        scanned = pypdfium2.PdfDocument(scan_pdf(twin, replace(COPIER, seed=seed), [page]))
        pdf = pypdfium2.PdfDocument(twin)
        try:
            pdf.del_page(page)
            pdf.import_pages(scanned, [0], index=page)
            save_reproducibly(pdf, path)
        finally:
            pdf.close()
            scanned.close()

    return build


SCANNED: dict[str, Callable[[Path], None]] = {
    "climate_action_plan.scan-colour": _copy("climate_action_plan", colour=True, seed=1),
    "seed002_equality_progress_2018-10.scan": _copy("seed002_equality_progress_2018-10", seed=2),
    "digital_inclusion_status.scan-sideways": _copy("digital_inclusion_status", turn=90, seed=3),
    "seed004_oxford_status.scan-mixed": _mixed("seed004_oxford_status", 1, seed=4),
}
"""Output name (without ``.pdf``) → builder; the part after the stem starts ``scan``, which is
how ``planingest eval`` tells a scanned twin (:data:`planingest.ops.evaluate.SCANNED_VARIANT`)."""
