"""Pages that ask for unbounded work are refused, with what and how many, before the work is
done: drawing loops, forms nested deep or drawn too often, floods of operators, glyphs and path
segments, and object references that loop. Small files exercise each limit set low; the two the
mutation trial found at full size (two million path operators, a million-glyph line) are read
with the defaults through ``planingest extract``."""

from __future__ import annotations

from pathlib import Path

import pytest

from planingest.errors import CorruptDocument, LimitExceeded, PlanIngestError, UnsafeDocument
from planingest.extractor.pdf import read_pdf
from planingest.extractor.pdf_tuning import PageLimits, PdfTuning
from planingest.extractor.source import read_source

from . import hard_pdfs
from .conftest import invoke


def refusal(path: Path, **limits: int) -> PlanIngestError:
    with pytest.raises(PlanIngestError) as caught:
        read_pdf(read_source(path), tuning=PdfTuning(limits=PageLimits(**limits)))
    return caught.value


@pytest.mark.parametrize(
    ("length", "loop"), [(1, "/X0 → /X0"), (2, "/X0 → /X1 → /X0"), (3, "/X0 → /X1 → /X2 → /X0")]
)
def test_a_form_drawn_inside_itself_is_refused(tmp_path: Path, length: int, loop: str) -> None:
    error = refusal(hard_pdfs.forms_in_a_loop(tmp_path / "loop.pdf", length))

    assert isinstance(error, UnsafeDocument)
    assert (error.page, error.reason) == (
        1,
        f"a Form XObject is drawn inside itself ({loop}): a drawing loop; refused",
    )


def test_forms_nested_past_the_depth_limit_are_refused(tmp_path: Path) -> None:
    deep = hard_pdfs.forms_nested(tmp_path / "deep.pdf", depth=9)

    error = refusal(deep, form_depth=8)

    assert isinstance(error, LimitExceeded)
    assert error.reason.startswith("more than 8 Form XObjects drawn one inside another")
    assert read_pdf(read_source(deep)).texts[0].text == "Hello"  # 9 deep is within the default


def test_forms_drawn_too_often_are_refused(tmp_path: Path) -> None:
    # Ten forms each drawing the next twice: the last is drawn 2**9 times, 1023 draws in all.
    doubling = hard_pdfs.forms_nested(tmp_path / "doubling.pdf", depth=10, draws=2)

    error = refusal(doubling, forms=1000)

    assert isinstance(error, LimitExceeded)
    assert error.reason.startswith("more than 1,000 Form XObjects drawn on one page")


@pytest.mark.parametrize(
    ("content", "limit", "what"),
    [
        (b"q Q\n" * 600, "operators", "content-stream operators"),  # argless operators
        (b"1 w\n" * 1200, "operators", "content-stream operators"),  # operators with operands
        (b"0 0 m 9 9 l\n" * 600, "path_segments", "path segments"),
        (b"0 0 9 9 re\n" * 250, "path_segments", "path segments"),
        (b"BT /F1 9 Tf (" + b"A" * 1200 + b") Tj ET\n", "glyphs", "glyphs"),
        (b"1 " * 1200 + b"w\n", "operands", "operands waiting for an operator"),
        (b"%" + b" " * 1200 + b"\n", "content_bytes", "bytes of content streams run"),
    ],
)
def test_a_page_past_a_limit_is_refused_naming_it(
    tmp_path: Path, content: bytes, limit: str, what: str
) -> None:
    error = refusal(hard_pdfs.page_content(tmp_path / "flood.pdf", content), **{limit: 1000})

    assert isinstance(error, LimitExceeded)
    assert error.page == 1
    assert error.reason.startswith(f"more than 1,000 {what} on one page; refused")


def test_object_references_in_a_loop_are_a_corrupt_document(tmp_path: Path) -> None:
    looped = hard_pdfs.length_loop(tmp_path / "length.pdf")

    with pytest.raises(CorruptDocument, match=r"in a loop .*\(object 6 → object 7 → object 6\)"):
        read_pdf(read_source(looped))


def test_the_trial_s_flood_files_are_one_line_limit_errors(tmp_path: Path) -> None:
    paths = hard_pdfs.page_content(tmp_path / "paths.pdf", b"0 0 m 1 1 l\n" * 1_000_000 + b"S")
    line = hard_pdfs.page_content(
        tmp_path / "line.pdf", b"BT /F1 9 Tf (" + b"A" * 1_000_000 + b") Tj ET"
    )

    for path, reason in [
        (paths, "more than 8,000,000 bytes of content streams run on one page"),
        (line, "more than 200,000 glyphs on one page"),
    ]:
        result = invoke("extract", str(path))

        assert result.exit_code == 2
        [message] = result.stderr.strip().splitlines()
        assert message.startswith(f"error: {path} (page 1): {reason}; refused")


def test_a_drawing_loop_is_a_one_line_error_from_extract(tmp_path: Path) -> None:
    looped = hard_pdfs.forms_in_a_loop(tmp_path / "self.pdf", 1)

    result = invoke("extract", str(looped))

    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {looped} (page 1): a Form XObject is drawn inside itself (/X0 → /X0): a drawing "
        "loop; refused"
    ]
