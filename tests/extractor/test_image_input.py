"""Image files as plan documents: a PNG of a plan page gives its records through the pipeline,
and a bad image (truncated, a pixel bomb, too many frames) or OCR turned off is a clear error.

``samples/climate_action_plan.pdf`` is one landscape page: a ruled table of 10 actions (1.1–1.4,
2.1–2.3, 3.1–3.3) under three theme rows (checked by rendering it with ``pdftoppm``). Its PNG is
rendered at test time with pypdfium2. The pipeline is imported inside the tests (see
``test_ocr_pdf.py`` for why).
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from planingest.extractor.image import MAX_PIXELS
from planingest.extractor.source import read_source
from planingest.settings import Settings

CLIMATE = Path(__file__).resolve().parents[2] / "samples" / "climate_action_plan.pdf"


def _process(path: Path, **settings: object) -> tuple[str | None, str]:
    """The error's reason code and message (``None`` and "" on success)."""
    from planingest.pipeline import process

    result = process(path, Settings(lexicon=None, **settings))  # type: ignore[arg-type]
    error = result.error
    return (error.reason_code, error.reason) if error else (None, "")


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` × ``height`` 8-bit grey pixels and holds one row of them:
    what a pixel bomb looks like before it is decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (width + 1))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def plan_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The climate plan's page as a 200 dpi PNG, as a scanner saves it."""
    document = pdfium.PdfDocument(CLIMATE)
    try:
        image = document[0].render(scale=200 / 72).to_pil().convert("RGB")
    finally:
        document.close()
    path = tmp_path_factory.mktemp("image") / "climate.png"
    image.save(path, dpi=(200, 200))
    return path


def test_a_png_of_a_plan_gives_its_records(plan_png: Path) -> None:
    from planingest.ops.evaluate import load_golden, score_document
    from planingest.pipeline import process

    assert read_source(plan_png).format == "image"
    result = process(plan_png, Settings(lexicon=None))
    assert result.error is None, result.error
    assert result.extracted is not None and result.plan is not None
    assert result.extracted.source.format == "image"
    assert result.extracted.source.page_count == 1
    assert [t.engine for t in result.extracted.tables] == ["pdf-ocr"]
    assert result.extracted.warnings[0] == "page 1: read by OCR (an image file)"
    golden = load_golden(CLIMATE.with_suffix(".expected.json"))
    score = score_document("png", golden, result.plan)
    assert score.f1 >= 0.9 and score.mean_field_accuracy >= 0.85, (
        score.f1,
        score.mean_field_accuracy,
    )


def test_ocr_off_on_an_image_is_needs_ocr(tmp_path: Path) -> None:
    path = tmp_path / "page.png"
    Image.new("RGB", (200, 100), "white").save(path)
    code, reason = _process(path, ocr=False)
    assert code == "needs_ocr" and "OCR is off" in reason


def test_a_truncated_png_is_corrupt(tmp_path: Path, plan_png: Path) -> None:
    data = plan_png.read_bytes()
    path = tmp_path / "cut.png"
    path.write_bytes(data[: len(data) // 2])
    code, reason = _process(path)
    assert code == "corrupt" and "truncated" in reason


@pytest.mark.parametrize("side", [30000, 9000])
def test_a_pixel_bomb_is_refused_before_decoding(tmp_path: Path, side: int) -> None:
    """30000² is over Pillow's own bound; 9000² (81 million) only over ours."""
    assert side * side > MAX_PIXELS
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header(side, side))
    assert path.stat().st_size < 1000
    code, reason = _process(path)
    assert code == "limit", reason


def test_a_tiff_with_more_frames_than_max_pages_is_refused(tmp_path: Path) -> None:
    frames = [Image.new("L", (40, 30), shade) for shade in range(0, 240, 40)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    path = tmp_path / "pages.tif"
    path.write_bytes(buffer.getvalue())
    assert Image.open(path).n_frames == 6
    code, reason = _process(path, max_pages=5)
    assert code == "limit" and "more than 5 pages" in reason


def test_a_folder_gives_its_images_as_documents(tmp_path: Path) -> None:
    from planingest.ops.batch import collect_files

    for name in ("a.png", "b.JPG", "c.jpeg", "d.tif", "e.tiff", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    found = collect_files([tmp_path])
    assert [p.name for p in found.files] == ["a.png", "b.JPG", "c.jpeg", "d.tif", "e.tiff"]
    assert found.unsupported == {".txt": 1}
