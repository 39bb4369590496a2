"""Dashes and lost points of numbers told from the pixels (``ocr_symbols``), on words drawn in
Nimbus Sans and Nimbus Mono (URW's Helvetica and Courier, the faces of most PDFs) at the size of
a table's figures in a 150 dpi scan read at 200 dpi (about 15 pixels high), blurred as a copier
blurs them; and once through Tesseract (``read_scan``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from planingest.extractor.ocr import read_scan
from planingest.extractor.ocr_symbols import read_marks

FONTS = Path("/usr/share/fonts/opentype/urw-base35")  # Debian's fonts-urw-base35
SANS, MONO = FONTS / "NimbusSans-Regular.otf", FONTS / "NimbusMonoPS-Regular.otf"

pytestmark = pytest.mark.skipif(not SANS.exists(), reason="URW's base 35 fonts are not installed")


def drawn(text: str, font: Path = SANS, size: int = 20) -> Image.Image:
    """``text`` drawn twice the size and scaled down (a scan's grey edges), then blurred."""
    face = ImageFont.truetype(str(font), 2 * size)
    x0, top, x1, bottom = face.getbbox(text)
    image = Image.new("L", (x1 - x0 + 8, bottom - top + 8), 255)
    ImageDraw.Draw(image).text((4 - x0, 4 - top), text, font=face, fill=0)
    small = image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)
    return small.filter(ImageFilter.GaussianBlur(0.7))


def marks(read: str, shown: str, font: Path = SANS) -> str:
    """What :func:`read_marks` makes of ``read`` (Tesseract's text) over a drawing of ``shown``."""
    return read_marks([(read, np.asarray(drawn(shown, font)))])[0]


@pytest.mark.parametrize("shown", ["45–54", "(1,098.9–1,444.5)", "9–12", "(7.0–10.6)"])
def test_an_en_dash_read_as_a_hyphen_is_an_en_dash(shown: str) -> None:
    assert marks(shown.replace("–", "-"), shown) == shown


@pytest.mark.parametrize("shown", ["45-54", "(0.26-0.44)", "1990-96", "1-12"])
def test_a_hyphen_stays_a_hyphen(shown: str) -> None:
    assert marks(shown, shown) == shown


@pytest.mark.parametrize(("read", "shown"), [("771", "77.1"), ("4244", "424.4"), ("87", "8.7")])
def test_a_lost_point_is_put_back(read: str, shown: str) -> None:
    assert marks(read, shown) == shown


@pytest.mark.parametrize("shown", ["1998", "2,038", "199.8", "14"])
def test_no_point_is_invented(shown: str) -> None:
    assert marks(shown, shown) == shown


def test_a_lost_comma_is_a_comma() -> None:
    assert marks("9811", "9,811") == "9,811"


def test_in_a_monospaced_face_a_wide_dash_is_left_as_read() -> None:
    """A typewriter hyphen fills its cell as an en dash does: the page's commas, a whole figure
    apart from their figures, say the face is monospaced."""
    page = [("1,087,948", "1,087,948"), ("2,586,688", "2,586,688"), ("6-11", "6-11")]
    crops = [(read, np.asarray(drawn(shown, MONO))) for read, shown in page]
    assert read_marks(crops)[-1] == "6-11"
    assert marks("6-11", "6-11", MONO) == "6–11"  # without the commas, nothing tells the face


def test_words_that_are_not_numbers_are_left_alone() -> None:
    assert marks("Age-group", "Age-group") == "Age-group"


@pytest.mark.slow
def test_a_blurred_table_of_ranges_reads_en_dashes_and_points() -> None:
    """Through Tesseract: a grey page of figures at 200 dpi, blurred."""
    lines = ["45–54    (16.0–29.0)    77.1", "55–64    (60.7–62.6)    21.8"]
    face = ImageFont.truetype(str(SANS), 40)
    page = Image.new("L", (1400, 300), 255)
    for k, line in enumerate(lines):
        ImageDraw.Draw(page).text((80, 60 + 90 * k), line, font=face, fill=0)
    page = page.resize((700, 150), Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(0.7))
    scanned = read_scan(page, 700 * 72 / 200, 150 * 72 / 200)
    texts = {g.text for g in scanned.objects.glyphs}
    assert {"45–54", "(16.0–29.0)", "77.1", "55–64", "(60.7–62.6)", "21.8"} <= texts


def test_a_word_with_no_pixels_is_left_as_read() -> None:
    assert read_marks([("12", np.zeros((0, 4), dtype=np.uint8))]) == ["12"]
