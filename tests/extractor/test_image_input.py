"""Image files as plan documents: a PNG, a JPEG and a multi-page TIFF of plan pages give their
records through the pipeline and ``import``; a scan of low or unknown resolution is upscaled
and says so; a bad image (truncated, a pixel bomb, a TIFF of 10,000 pages) or OCR turned off is
a clear error, through ``import`` under the worker limits too, never a crash or a hang.

``samples/climate_action_plan.pdf`` is one landscape page: a ruled table of 10 actions (1.1–1.4,
2.1–2.3, 3.1–3.3) under three theme rows, 14 rows by 6 columns with the header.
``samples/seed004_oxford_status.pdf`` is 3 portrait pages, 19 actions, its second table running
from page 2 onto page 3 (both checked by rendering them with ``pdftoppm``). Their images are
rendered at test time with pypdfium2. The pipeline is imported inside the tests (see
``test_ocr_pdf.py`` for why).
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from rapidfuzz import fuzz
from typer.testing import CliRunner

from planingest.extractor.image import MAX_PIXELS, _for_ocr
from planingest.extractor.source import read_source
from planingest.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CLIMATE = SAMPLES / "climate_action_plan.pdf"


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


def _tiff_of_pages(pages: int) -> bytes:
    """A little-endian TIFF of ``pages`` white 8 × 8 grey pages, written directly (Pillow takes
    minutes to save 10,000 frames): every page's directory points at the same 64 bytes."""
    pixels_at, first_ifd, ifd_size = 8, 8 + 64, 2 + 8 * 12 + 4
    out = bytearray(struct.pack("<2sHI", b"II", 42, first_ifd)) + b"\xff" * 64
    for page in range(pages):
        following = first_ifd + (page + 1) * ifd_size if page + 1 < pages else 0
        entries = [
            (256, 3, 8),  # ImageWidth
            (257, 3, 8),  # ImageLength
            (258, 3, 8),  # BitsPerSample
            (259, 3, 1),  # Compression: none
            (262, 3, 1),  # PhotometricInterpretation: black is zero
            (273, 4, pixels_at),  # StripOffsets
            (278, 3, 8),  # RowsPerStrip
            (279, 4, 64),  # StripByteCounts
        ]
        out += struct.pack("<H", len(entries))
        for tag, kind, value in entries:
            out += struct.pack("<HHII", tag, kind, 1, value)
        out += struct.pack("<I", following)
    return bytes(out)


def _pages(name: str, dpi: float) -> list[Image.Image]:
    """Every page of a sample PDF as an RGB image at ``dpi``."""
    document = pdfium.PdfDocument(SAMPLES / name)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def _found(stem: str, texts: list[str]) -> int:
    """How many of the golden's actions are among ``texts`` in nearly the same words."""
    golden = json.loads((SAMPLES / f"{stem}.expected.json").read_text())
    texts = [" ".join(t.split()) for t in texts]
    return sum(
        any(fuzz.ratio(" ".join(r["action"].split()), t) >= 90 for t in texts)
        for r in golden["records"]
    )


@pytest.fixture(scope="module")
def plan_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The climate plan's page as a 200 dpi PNG, as a scanner saves it."""
    path = tmp_path_factory.mktemp("image") / "climate.png"
    _pages(CLIMATE.name, 200)[0].save(path, dpi=(200, 200))
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


@pytest.mark.slow
def test_a_jpeg_and_a_multi_page_tiff_import_as_plans(tmp_path: Path) -> None:
    from planingest.cli import app
    from planingest.store import Store

    folder = tmp_path / "scans"
    folder.mkdir()
    _pages("climate_action_plan.pdf", 150)[0].save(
        folder / "climate.jpg", quality=75, dpi=(150, 150)
    )
    first, *rest = _pages("seed004_oxford_status.pdf", 150)
    tiff = folder / "oxford.tif"
    first.save(tiff, save_all=True, append_images=rest, compression="tiff_lzw", dpi=(150, 150))
    db = f"sqlite:///{tmp_path / 'plans.db'}"

    result = CliRunner().invoke(app, ["import", str(folder), "--db", db, "-w", "1", "--json"])

    summary = json.loads(result.stdout)
    assert (summary["imported"], summary["records"], summary["failures"]) == (2, 29, [])
    store = Store.open(db, existing=True)
    try:
        actions = store.actions()
    finally:
        store.close()
    climate = actions[actions["plan_title"].str.contains("Climate")]["action_text"]
    oxford = actions[~actions["plan_title"].str.contains("Climate")]["action_text"]
    assert _found("climate_action_plan", list(climate)) >= 9
    assert _found("seed004_oxford_status", list(oxford)) >= 17


@pytest.mark.slow
def test_a_jpeg_of_no_recorded_resolution_is_read_as_an_upscaled_a4_page(tmp_path: Path) -> None:
    """100 dpi and no JFIF density: taken as A4 (so 100 dpi), upscaled to 200 dpi for OCR."""
    from planingest.cli import app

    path = tmp_path / "climate.jpg"
    _pages("climate_action_plan.pdf", 100)[0].save(path, quality=75)
    assert "dpi" not in Image.open(path).info

    result = CliRunner().invoke(app, ["extract", str(path), "--json"])

    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["source"]["format"] == "image"
    assert {
        "page 1: read by OCR (an image file)",
        "page 1: the image records no resolution: taken as an A4 page (100 dpi)",
        "page 1: a low resolution (100 dpi), upscaled to 200 dpi for OCR: expect misread words",
    } <= set(document["warnings"])
    [table] = document["tables"]
    assert table["engine"] == "pdf-ocr" and (table["n_rows"], table["n_cols"]) == (14, 6)
    assert _found("climate_action_plan", [c["text"] for c in table["cells"]]) >= 9


@pytest.mark.parametrize(
    ("size", "dpi", "read_as", "dpi_read"),
    [
        ((1754, 1240), (150, 150), (1754, 1240), 150),  # an A4 scan at 150 dpi: as it is
        ((1170, 827), None, (2339, 1654), 200),  # no resolution: A4 at 100 dpi, upscaled
        ((3508, 2480), (72, 72), (3508, 2480), 300),  # "72 dpi" on a 300 dpi scan: not believed
        ((1700, 1100), (200, 100), (1700, 2200), 200),  # a fax's oblong pixels made square
        ((4961, 3508), (600, 600), (2480, 1754), 300),  # 600 dpi: brought down to 300
    ],
)
def test_an_image_is_read_with_square_pixels_at_a_resolution_ocr_reads_well(
    size: tuple[int, int], dpi: tuple[int, int] | None, read_as: tuple[int, int], dpi_read: float
) -> None:
    buffer = io.BytesIO()
    Image.new("L", size, 255).save(buffer, "PNG", **({"dpi": dpi} if dpi else {}))
    frame, got_dpi, _ = _for_ocr(Image.open(buffer))
    assert frame.mode == "RGB"
    assert frame.size == pytest.approx(read_as, abs=1)  # a guessed resolution is not whole
    assert got_dpi == pytest.approx(dpi_read, abs=0.5)


@pytest.mark.slow
def test_a_fax_is_read_with_its_rows_stretched_to_square_pixels(tmp_path: Path) -> None:
    """A standard-resolution fax (204 × 98 dpi, black and white, CCITT group 4) of the climate
    plan: read with its pixels as they are, its letters are half as tall as they should be."""
    from planingest.ops.evaluate import load_golden, score_document
    from planingest.pipeline import process

    page = _pages("climate_action_plan.pdf", 204)[0].convert("L")
    fax = page.resize((page.width, round(page.height * 98 / 204)), Image.Resampling.LANCZOS)
    path = tmp_path / "fax.tif"
    fax.point(lambda v: 255 if v > 160 else 0).convert("1").save(
        path, compression="group4", dpi=(204, 98)
    )
    result = process(path, Settings(lexicon=None))
    assert result.plan is not None, result.error
    score = score_document("fax", load_golden(CLIMATE.with_suffix(".expected.json")), result.plan)
    assert score.f1 >= 0.9 and score.mean_field_accuracy >= 0.8, format(score.f1)


@pytest.mark.slow
def test_bad_images_fail_through_import_each_with_its_reason(
    tmp_path: Path, plan_png: Path
) -> None:
    from planingest.cli import app

    folder = tmp_path / "bad"
    folder.mkdir()
    data = plan_png.read_bytes()
    (folder / "cut.png").write_bytes(data[: len(data) // 2])
    (folder / "bomb.png").write_bytes(_png_header(30000, 30000))
    (folder / "pages.tif").write_bytes(_tiff_of_pages(10_000))
    assert Image.open(folder / "pages.tif").n_frames == 10_000
    db = f"sqlite:///{tmp_path / 'plans.db'}"

    result = CliRunner().invoke(app, ["import", str(folder), "--db", db, "-w", "1", "--json"])

    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["imported"] == 0
    failures = {Path(f["path"]).name: (f["code"], f["reason"]) for f in summary["failures"]}
    assert set(failures) == {"cut.png", "bomb.png", "pages.tif"}
    assert failures["cut.png"][0] == "corrupt" and "truncated" in failures["cut.png"][1]
    assert failures["bomb.png"][0] == "limit" and "too large" in failures["bomb.png"][1]
    assert failures["pages.tif"] == ("limit", "more than 500 pages (frames), the limit")
