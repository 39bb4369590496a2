"""Which Tesseract binding, at which resolution: word accuracy and seconds per page on scan twins.

    python benchmarks/scan_engines.py                     # both bindings, 150/200/300 dpi
    python benchmarks/scan_engines.py --dpi 150 --engines tesserocr

Each sample page is copied by :mod:`scan` (grey, 150 dpi unless ``--scan-dpi``, seeded skew up
to 1°, blur, grain, JPEG 70), rendered back at each resolution and read by Tesseract 5 with
Debian's ``eng`` data, once in-process through tesserocr and once through pytesseract (a
``tesseract`` process per call, TSV output). Word accuracy is the share of the digital page's
words (pdfplumber) found again by OCR, counted as multisets: a word read twice counts once.
Printed figures, not a test.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytesseract
import tesserocr
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan import Copier, scan_pdf  # noqa: E402

from planingest.extractor.ocr import DEBIAN_TESSDATA  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PAGES = [
    ("climate_action_plan.pdf", 0),
    ("seed000_workforce_transposed.pdf", 0),
    ("seed003_bme_traffic_light.pdf", 0),
    ("digital_inclusion_status.pdf", 0),
    ("seed004_oxford_status.pdf", 1),
]


def words(text: str) -> Counter[str]:
    return Counter(w for w in (re.sub(r"^\W+|\W+$", "", t) for t in text.split()) if w)


def digital_words(path: Path, index: int) -> Counter[str]:
    with pdfplumber.open(path) as pdf:
        return words(" ".join(w["text"] for w in pdf.pages[index].extract_words()))


def with_tesserocr(api: Any, image: Image.Image) -> str:
    api.SetImage(image)
    api.Recognize()
    found: list[str] = []
    iterator = api.GetIterator()
    level = tesserocr.RIL.WORD
    for word in tesserocr.iterate_level(iterator, level):
        text = word.GetUTF8Text(level)
        if text:
            found.append(text)
    return " ".join(found)


def with_pytesseract(image: Image.Image) -> str:
    data = pytesseract.image_to_data(image, lang="eng", output_type=pytesseract.Output.DICT)
    return " ".join(t for t in data["text"] if t.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scan-dpi", type=int, default=150, help="the copier's resolution")
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300], help="rendering")
    parser.add_argument("--engines", nargs="+", default=["tesserocr", "pytesseract"])
    args = parser.parse_args()
    api = tesserocr.PyTessBaseAPI(path=str(DEBIAN_TESSDATA), lang="eng")
    print(f"{'dpi':>4} {'engine':<12} {'pages':>5} {'s/page':>7} {'word acc':>8}")
    scans = [
        (scan_pdf(SAMPLES / name, Copier(dpi=args.scan_dpi, seed=k), pages=[index]), name, index)
        for k, (name, index) in enumerate(PAGES)
    ]
    for dpi in args.dpi:
        images: list[tuple[Image.Image, Counter[str]]] = []
        for scanned, name, index in scans:
            doc = pdfium.PdfDocument(scanned)
            image = doc[0].render(scale=dpi / 72).to_pil().convert("L")
            doc.close()
            images.append((image, digital_words(SAMPLES / name, index)))
        for engine in args.engines:
            found = total = 0
            start = time.perf_counter()
            for image, truth in images:
                text = (
                    with_tesserocr(api, image)
                    if engine == "tesserocr"
                    else (with_pytesseract(image))
                )
                found += sum((words(text) & truth).values())
                total += sum(truth.values())
            seconds = (time.perf_counter() - start) / len(images)
            print(f"{dpi:>4} {engine:<12} {len(images):>5} {seconds:>7.2f} {found / total:>8.3f}")
    api.End()


if __name__ == "__main__":
    main()
