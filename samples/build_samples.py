"""Build every sample plan (Word), its PDF twin through LibreOffice, the drawn PDF variants and
the scanned twins.

    python samples/build_samples.py          # the .docx files, drawn/rotated and scanned variants
    python samples/build_samples.py --pdf    # and the .pdf twins (needs soffice)
    python samples/build_samples.py --no-drawn --no-scanned   # the .docx files only

The .docx files are byte-for-byte reproducible (fixed core-property dates and zip timestamps).
The PDFs are committed so tests never need LibreOffice; LibreOffice stamps its own creation date
and document id into them, so a rebuilt PDF differs in those bytes only. The drawn variants
(reportlab, ``invariant=1``), the rotated copies (PDFium) and the scanned twins (a seeded copier)
are byte-stable for a given twin.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from _builders import (
    extra_seed002_torn,
    extra_seed003_band,
    invented,
    legend_colours,
    seed000,
    seed001,
    seed002,
    seed003,
    seed004,
    transposed_split,
)
from _builders.drawn_samples import DRAWN
from _builders.scanned import SCANNED

SAMPLES = Path(__file__).resolve().parent

BUILDERS: dict[str, Callable[[Path], object]] = {
    "seed000_workforce_transposed": seed000.build,
    "seed001_fair_inclusive": seed001.build,
    "seed002_equality_progress_2019-04": seed002.build_april_2019,
    "seed002_equality_progress_2018-10": seed002.build_october_2018,
    "seed003_bme_traffic_light": seed003.build,
    "seed004_oxford_status": seed004.build,
    "climate_action_plan": invented.build_climate,
    "digital_inclusion_status": invented.build_digital_inclusion,
    "seed002_torn_header": lambda path: extra_seed002_torn.build(path.parent),
    "seed003_appendix_2b": lambda path: extra_seed003_band.build(path.parent),
    "community_safety_transposed": transposed_split.build,
    "homelessness_legend_colours": legend_colours.build,
}


def build_docx(only: list[str]) -> list[Path]:
    built = []
    for stem, builder in BUILDERS.items():
        if only and stem not in only:
            continue
        path = SAMPLES / f"{stem}.docx"
        builder(path)
        built.append(path)
        print(f"built {path.relative_to(SAMPLES.parent)}")
    return built


def convert_to_pdf(documents: list[Path]) -> None:
    """Convert with LibreOffice, one file at a time (a shared profile dir serialises anyway)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: skipping the PDF twins (install LibreOffice to rebuild them)")
        return
    for document in documents:
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(SAMPLES), str(document)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        print(f"converted {document.with_suffix('.pdf').relative_to(SAMPLES.parent)}")


def build_drawn(only: list[str]) -> None:
    """Draw the reportlab variants and copy the rotated ones (those need their PDF twin)."""
    for name, builder in DRAWN.items():
        stem = name.split(".", 1)[0]
        if only and stem not in only:
            continue
        path = SAMPLES / f"{name}.pdf"
        if name.endswith(".rotated") and not (SAMPLES / f"{stem}.pdf").exists():
            print(f"skipping {path.name}: its PDF twin {stem}.pdf is missing (build with --pdf)")
            continue
        builder(path)
        print(f"drew {path.relative_to(SAMPLES.parent)}")


def build_scanned(only: list[str]) -> None:
    """Copy the PDF twins as a scanner would (they must exist: build with --pdf)."""
    for name, builder in SCANNED.items():
        stem = name.split(".", 1)[0]
        if only and stem not in only:
            continue
        path = SAMPLES / f"{name}.pdf"
        if not (SAMPLES / f"{stem}.pdf").exists():
            print(f"skipping {path.name}: its PDF twin {stem}.pdf is missing (build with --pdf)")
            continue
        builder(path)
        print(f"scanned {path.relative_to(SAMPLES.parent)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="also convert each .docx to PDF")
    parser.add_argument(
        "--drawn",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="draw the reportlab PDF variants and rotated copies (default: on)",
    )
    parser.add_argument(
        "--scanned",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="copy the PDF twins as scanned twins (default: on)",
    )
    parser.add_argument("only", nargs="*", help="sample stems to build (default: all)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.only) - set(BUILDERS) - {n.split('.', 1)[0] for n in DRAWN})
    if unknown:
        parser.error(f"unknown sample(s): {', '.join(unknown)}")
    documents = build_docx(args.only)
    if args.pdf:
        convert_to_pdf(documents)
    if args.drawn:
        build_drawn(args.only)
    if args.scanned:
        build_scanned(args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
