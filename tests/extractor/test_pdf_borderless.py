"""Borderless tables read by camelot's network engine, checked against the sample by eye.

``digital_inclusion_status.borderless.pdf`` draws its status table without any ruling: a date
caption stands above it, two theme rows ("Skills and confidence", "Devices and connectivity")
start at the Ref column and run on into the Action column, and the last action wraps onto a
line of its own ("Panel") under the table's other text.
"""

from __future__ import annotations

from planingest.extractor.model import ExtractedDocument

from helpers import SAMPLES, read_pdf_file


def read() -> ExtractedDocument:
    return read_pdf_file(SAMPLES / "digital_inclusion_status.borderless.pdf")


def test_theme_rows_are_band_cells_anchored_in_the_first_column() -> None:
    (table,) = read().tables
    bands = [
        c for c in table.cells if c.text in {"Skills and confidence", "Devices and connectivity"}
    ]
    assert [(c.col, c.colspan) for c in bands] == [(0, 2), (0, 2)]
    for band in bands:
        others = [c for c in table.row_cells(band.row) if c is not band]
        assert all(not c.text for c in others)


def test_caption_above_the_table_stays_a_text_block() -> None:
    doc = read()
    (table,) = doc.tables
    assert all("31 January 2024" not in c.text for c in table.cells)
    captions = [b for b in doc.texts if b.text == "Position at 31 January 2024"]
    assert len(captions) == 1 and captions[0].order < table.order


def test_last_row_keeps_its_wrapped_line() -> None:
    doc = read()
    (table,) = doc.tables
    texts = [c.text for c in table.cells]
    assert "Report take-up of digital support by ward to the Communities Scrutiny Panel" in texts
    assert all(b.text != "Panel" for b in doc.texts)
