"""Plans and bad files made at test time (nothing binary is committed).

The plans are small invented Word/PDF action plans whose records can be counted by eye: one row
of the table is one action.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document

TITLE = "Climate Action Plan 2024-2026"
"""The title of the invented plan most tests import."""
HEADER = ("Ref", "Action", "Lead Officer", "Deadline", "Status")
Row = tuple[str, str, str, str, str]

ACTIONS: tuple[Row, ...] = (
    ("1.1", "Install solar panels on the depot roof", "Jane Ashdown", "March 2025", "In progress"),
    ("1.2", "Replace fleet vans with electric vans", "Tom Briar", "Q3 2025", "Not started"),
    ("1.3", "Plant trees along the ring road verges", "Parks Team", "Winter 2025", "Complete"),
    ("2.1", "Publish a cycling map of the borough", "Ravi Okafor", "June 2025", "In progress"),
    ("2.2", "Survey the heating of every school", "Estates Manager", "2026", "Not started"),
    ("2.3", "Train housing officers in damp checks", "Lena Marsh", "April 2025", "Complete"),
)


def plan_rows(n: int, start: int = 0) -> list[Row]:
    """``n`` distinct actions (cycling through the invented ones with new refs)."""
    rows = []
    for i in range(start, start + n):
        ref, action, lead, deadline, status = ACTIONS[i % len(ACTIONS)]
        rows.append((f"{i // len(ACTIONS) + 1}.{i + 1}", f"{action} ({i})", lead, deadline, status))
    return rows


def word_plan(
    path: Path,
    title: str,
    rows: Sequence[Row],
    *,
    organisation: str = "Northfield Borough Council",
    updated: str = "March 2024",
) -> Path:
    """A Word plan: a title, a line naming the organisation and edition, one table."""
    doc = Document()
    doc.add_heading(title, 0)
    doc.add_paragraph(f"{organisation} - updated {updated}")
    table = doc.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    doc.save(str(path))
    return path


def word_prose(path: Path, title: str, paragraphs: int = 3) -> Path:
    """A Word document with a plan's title but no table at all."""
    doc = Document()
    doc.add_heading(title, 0)
    doc.add_paragraph("Northfield Borough Council - updated June 2024")
    for i in range(paragraphs):
        doc.add_paragraph(f"Paragraph {i + 1}: the council will keep working on its plan.")
    doc.save(str(path))
    return path


def pdf_plan(path: Path, title: str, rows: Sequence[Row], *, encrypt: str | None = None) -> Path:
    """A ruled PDF table (reportlab), optionally password-protected."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), encrypt=encrypt)
    table = Table([list(HEADER), *[list(r) for r in rows]], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    doc.build(
        [
            Paragraph(title, styles["Title"]),
            Paragraph("Northfield Borough Council - updated March 2024", styles["Normal"]),
            table,
        ]
    )
    return path


def pdf_pages(path: Path, pages: int, *, image_only: bool = False) -> Path:
    """A PDF of ``pages`` pages: a line of text each, or (``image_only``) a drawn picture and no
    text at all, as a scanned plan is."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        if image_only:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            image = Image.new("RGB", (400, 200), (230, 230, 230))
            for x in range(0, 400, 20):
                for y in range(0, 200, 4):
                    image.putpixel((x, y), (20, 20, 20))
            pdf.drawImage(ImageReader(image), 50, 500, width=400, height=200)
        else:
            pdf.drawString(72, 760, f"Page {page + 1} of a very long appendix")
        pdf.showPage()
    pdf.save()
    return path


def zip_file(
    path: Path, members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def docx_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def docx_bomb(path: Path, template: Path) -> Path:
    """A real Word package with a 40 MB run of spaces inside (a few hundred kB zipped)."""
    members = docx_members(template)
    document = members["word/document.xml"]
    members["word/document.xml"] = document.replace(
        b"<w:body>", b"<w:body>" + b" " * (40 * 1024 * 1024), 1
    )
    return zip_file(path, members)


def docx_with_doctype(path: Path, template: Path) -> Path:
    """A real Word package whose document part declares a DOCTYPE with an entity."""
    members = docx_members(template)
    document = members["word/document.xml"]
    head, _, body = document.partition(b"?>")
    members["word/document.xml"] = head + b'?><!DOCTYPE w:document [<!ENTITY plan "plan">]>' + body
    return zip_file(path, members)


def truncated(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def legacy_doc(path: Path) -> Path:
    """The OLE2 signature of a Word 97-2003 file and nothing a converter can use."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    return path
