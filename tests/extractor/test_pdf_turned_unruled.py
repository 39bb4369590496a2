"""Unruled tables laid on their side (camelot's ``clockwise_table_2.pdf`` and its anticlockwise
twin): a /Rotate page whose table is turned 90°, drawn with an outer box, full-width rules and
short rules under the spanning headers, columns of figures closer than an em under their
wrapped headings. Read in place from the shared corpora, never copied."""

from __future__ import annotations

import pytest

from helpers import CORPORA, read_pdf_file, squash_rows


def _rows(name: str) -> list[list[str]]:
    doc = read_pdf_file(CORPORA / "camelot" / name)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols) == (33, 17)
    return squash_rows(table.text_rows())


@pytest.mark.parametrize("name", ["clockwise_table_2.pdf", "anticlockwise_table_2.pdf"])
def test_turned_unruled_table_keeps_its_17_columns(name: str) -> None:
    rows = _rows(name)
    # The title inside the table's box is row 0; the notes under the closing rule are not rows.
    assert rows[0][0].startswith("Table 21 Current use of contraception")
    assert rows[1][5] == "Modern method"
    assert rows[1][12] == "Traditional method"
    assert rows[2][16] == "Number"
    assert rows[4][:6] == [
        "Background characteristic",
        "method",
        "method",
        "sterilization",
        "sterilization",
        "Pill",
    ]
    assert rows[5] == ["Caste/tribe"] + [""] * 16
    assert rows[6][:4] == ["Scheduled caste", "74.8", "55.8", "42.9"]
    assert rows[6][15:] == ["100.0", "1,363"]
    assert rows[-1][0] == "NFHS-1 (1992-93)"
    assert rows[-1][9:11] == ["na", "na"]
    assert rows[-1][16] == "3,970"
