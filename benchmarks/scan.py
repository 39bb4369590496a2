"""Scanned twins of digital PDFs: each page printed and photocopied, as a legacy plan arrives.

    python benchmarks/scan.py samples/climate_action_plan.pdf /tmp/climate.scan.pdf --colour
    python benchmarks/scan.py in.pdf out.pdf --dpi 150 --skew 1.5 --turn 90 --seed 3

A page is rasterised (pypdfium2), made grey unless ``colour``, turned a little (``skew`` degrees,
or a random angle up to ``max_skew`` drawn from the seed), blurred and sprinkled with noise the
way toner and the glass do, and saved as a JPEG (quality 70): that JPEG is the whole page of the
image-only PDF written. A ``turn`` of 90/180/270 puts the sheet on the glass sideways or upside
down. The same inputs and seed give the same bytes.
"""

from __future__ import annotations

import argparse
import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class Copier:
    """How a page is copied. ``skew`` fixes the angle; otherwise it is drawn from ``seed``."""

    dpi: int = 150
    colour: bool = False
    skew: float | None = None
    max_skew: float = 1.0
    turn: int = 0
    """Clockwise quarter turns of the sheet on the glass, in degrees (0, 90, 180, 270)."""
    blur: float = 0.5
    """Gaussian blur radius in pixels at 150 dpi (scaled with ``dpi``)."""
    noise: float = 6.0
    """Standard deviation of the grain, in grey levels."""
    quality: int = 70
    seed: int = 0


def scan_image(page: pdfium.PdfPage, copier: Copier, rng: random.Random) -> Image.Image:
    """One page as the copier sees it."""
    image = page.render(scale=copier.dpi / 72).to_pil().convert("RGB")
    if not copier.colour:
        image = image.convert("L")
    angle = copier.skew if copier.skew is not None else rng.uniform(-1, 1) * copier.max_skew
    white = 255 if image.mode == "L" else (255, 255, 255)
    # PIL turns anticlockwise; a positive skew turns the sheet clockwise, like ``turn``.
    # The paper keeps its size: corners turned off the glass are lost, white comes in.
    image = image.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=white)
    if copier.turn:
        image = image.rotate(-copier.turn, expand=True)
    if copier.blur:
        image = image.filter(ImageFilter.GaussianBlur(copier.blur * copier.dpi / 150))
    pixels = np.asarray(image, dtype=np.float32)
    grain = np.random.default_rng(rng.getrandbits(32)).normal(0, copier.noise, pixels.shape)
    return Image.fromarray(np.clip(pixels + grain, 0, 255).astype(np.uint8), image.mode)


def scan_pdf(pdf: bytes | Path, copier: Copier = Copier(), pages: list[int] | None = None) -> bytes:
    """An image-only PDF of ``pdf``'s pages (0-based ``pages``, default all) copied by
    ``copier``; each page keeps its size in points (turned with the sheet)."""
    source = pdfium.PdfDocument(pdf)
    buffer = io.BytesIO()
    out = Canvas(buffer, invariant=True)  # no dates or random ids: same seed, same bytes
    rng = random.Random(copier.seed)
    a85, rl_config.useA85 = rl_config.useA85, 0  # the JPEG as it is: ASCII85 adds a quarter
    try:
        for index in pages if pages is not None else range(len(source)):
            image = scan_image(source[index], copier, rng)
            jpeg = io.BytesIO()
            image.save(jpeg, "JPEG", quality=copier.quality)
            jpeg.seek(0)
            width, height = (v * 72 / copier.dpi for v in image.size)
            out.setPageSize((width, height))
            out.drawImage(ImageReader(jpeg), 0, 0, width, height)
            out.showPage()
        out.save()
        return buffer.getvalue()
    finally:
        rl_config.useA85 = a85
        source.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--colour", action="store_true")
    parser.add_argument("--skew", type=float, default=None)
    parser.add_argument("--max-skew", type=float, default=1.0)
    parser.add_argument("--turn", type=int, default=0, choices=(0, 90, 180, 270))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    copier = Copier(
        dpi=args.dpi,
        colour=args.colour,
        skew=args.skew,
        max_skew=args.max_skew,
        turn=args.turn,
        seed=args.seed,
    )
    args.target.write_bytes(scan_pdf(args.source, copier))


if __name__ == "__main__":
    main()
