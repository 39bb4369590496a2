"""The chooser between two readings of a borderless table, on pages drawn here.

Readings come from the real finders; a worse one is made by tuning a finder wrong (a chunk gap
so wide it reads two columns as one). Every expected grid is what the drawing puts on the page
(checked by rendering with ``pdftoppm``).
"""

from __future__ import annotations

import io
from dataclasses import replace

from reportlab.pdfgen import canvas

from planingest.extractor.pdf_choose import choose, faults
from planingest.extractor.pdf_finders import FINDERS, run_step
from planingest.extractor.pdf_tuning import DEFAULT_TUNING, PdfTuning

from .test_pdf_drawn import ALIGNED, ALIGNED_ROWS, PAGE_H, PAGE_W, draw_aligned
from .test_pdf_finders import aligned_page, camelot_tables, page_contents, rows

PROSE = 40.0
"""The default prose threshold (``StreamTuning.max_mean_chunk``)."""


def tight_page() -> bytes:
    """:data:`ALIGNED` with its second column 35 points right of the first's start: the gap
    after "Ref" is about two ems, the one before "Deadline" far wider."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    draw_aligned(c, ALIGNED, (60, 95, 330))
    c.showPage()
    c.save()
    return buf.getvalue()


def test_the_reading_with_fewer_faults_wins_whichever_is_primary() -> None:
    [content] = page_contents(tight_page())
    glyphs = content.free_glyphs
    [good] = FINDERS["stream"](content, DEFAULT_TUNING)
    assert rows(good.piece) == ALIGNED_ROWS
    # A chunk gap so wide, and no gutter looked for inside a column: "Ref" and "Action" merge.
    wide = PdfTuning(stream=replace(DEFAULT_TUNING.stream, chunk_gap=3.0, gutter_aligned=10**6))
    [bad] = FINDERS["stream"](content, wide)
    assert bad.piece.n_cols == 2  # "Ref" and "Action" read as one column
    assert faults(glyphs, [good]).rate == 0.0
    assert faults(glyphs, [bad]).merged >= 3  # "Ref"/"Action", "1"/"Publish...", ...
    assert choose(glyphs, [bad], [good], PROSE) == [good]
    assert choose(glyphs, [good], [bad], PROSE) == [good]


def prose_page() -> bytes:
    """Two columns of running text, whose lines line up like a two-column table."""
    left = [
        "The council will publish its workforce profile each",
        "year and report the pay gap between its men and women",
        "to the scrutiny committee in the spring, with a plan",
        "to close the gap over the next three financial years.",
    ]
    right = [
        "Managers will all be trained in fair recruitment, and",
        "every interview panel will have at least one member",
        "who has completed the recruitment training in the last",
        "two years before any interview can take place at all.",
    ]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica", 9)
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        c.drawString(60, PAGE_H - 100 - 12 * i, a)
        c.drawString(330, PAGE_H - 100 - 12 * i, b)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_primary_table_alone_in_its_region_is_dropped_when_it_reads_as_prose() -> None:
    [content] = page_contents(prose_page())
    assert FINDERS["stream"](content, DEFAULT_TUNING) == []  # prose, at the default
    lax = PdfTuning(stream=replace(DEFAULT_TUNING.stream, max_mean_chunk=1000))
    [columns] = FINDERS["stream"](content, lax)
    assert rows(columns.piece)[0] == [
        "The council will publish its workforce profile each",
        "Managers will all be trained in fair recruitment, and",
    ]
    assert choose(content.free_glyphs, [columns], [], PROSE) == []
    assert choose(content.free_glyphs, [columns], [], 1000) == [columns]


def test_the_choice_step_runs_both_finders_from_the_registry() -> None:
    """Where camelot and our reader agree, camelot's reading (the primary) stays; with no
    camelot table on the page the step finds nothing (the stream step after it does)."""
    data = aligned_page()
    [content] = page_contents(data)
    assert run_step(("network", "stream"), content, DEFAULT_TUNING) == []
    fed = replace(content, camelot=camelot_tables(data))
    [found] = run_step(("network", "stream"), fed, DEFAULT_TUNING)
    assert found.piece.engine == "pdf-network"
    assert rows(found.piece) == ALIGNED_ROWS
