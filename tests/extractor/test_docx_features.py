"""The Word reader on small documents built here: python-docx's default template with a body of
raw WordprocessingML, so each test shows exactly the markup a real plan would carry."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from planingest.errors import CorruptDocument, UnsafeDocument
from planingest.extractor.docx import read_docx
from planingest.extractor.model import ColouredRun, ExtractedDocument, Table, TextBlock
from planingest.extractor.source import read_source

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- builders ---------------------------------------------------------------------------------


def run(text: str, colour: str | None = None, props: str = "") -> str:
    """A ``w:r``; ``text`` may hold "\\n" (manual break) and "\\t" (tab)."""
    colour_xml = f'<w:color w:val="{colour}"/>' if colour else ""
    rpr = f"<w:rPr>{colour_xml}{props}</w:rPr>" if colour_xml or props else ""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if chunk:
                parts.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def para(*runs: str, style: str | None = None, numbered: bool = False, props: str = "") -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    num_xml = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if numbered else ""
    content = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p><w:pPr>{style_xml}{num_xml}{props}</w:pPr>{content}</w:p>"


def cell(*content: str, props: str = "") -> str:
    body = "".join(c if c.startswith("<") else para(c) for c in content) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def row(*cells: str, props: str = "") -> str:
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def table(n_cols: int, *rows: str) -> str:
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(n_cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def build_docx(path: Path, body_xml: str) -> Path:
    """Save a .docx whose body is ``body_xml`` (the template's final section is kept)."""
    document = docx.Document()
    body = document.element.body
    final_section = body.find(qn("w:sectPr"))
    for child in list(body):
        body.remove(child)
    for child in list(parse_xml(f'<w:body xmlns:w="{W_NS}">{body_xml}</w:body>')):
        body.append(child)
    if final_section is not None:
        body.append(final_section)
    document.save(str(path))
    return path


def extract(tmp_path: Path, body_xml: str) -> ExtractedDocument:
    return read_docx(read_source(build_docx(tmp_path / "plan.docx", body_xml)))


def only_table(document: ExtractedDocument) -> Table:
    (found,) = document.tables
    return found


def at(found: Table, r: int, c: int) -> str:
    target = found.grid()[r][c]
    assert target is not None and (target.row, target.col) == (r, c)
    return target.text


# --- cell text --------------------------------------------------------------------------------


def test_line_breaks_tabs_and_spaces(tmp_path: Path) -> None:
    body = table(1, row(cell(para(run("Line one\nLine two\tafter  tab   "), run(" end")))))
    (only,) = only_table(extract(tmp_path, body)).cells
    assert only.text == "Line one\nLine two after tab end"
    assert only.bullets == ()


def test_numbered_styled_and_typed_bullets(tmp_path: Path) -> None:
    body = table(
        1,
        row(
            cell(
                para("Deliver the following:"),
                para("Numbered item", numbered=True),
                para("Styled item", style="ListBullet"),
                para("• Typed bullet"),
                para("- Dash bullet"),
                para("-5% is a figure, not a bullet"),
                para("   "),
                para("Closing note"),
            )
        ),
    )
    (only,) = only_table(extract(tmp_path, body)).cells
    assert only.lines == [
        "Deliver the following:",
        "Numbered item",
        "Styled item",
        "Typed bullet",
        "Dash bullet",
        "-5% is a figure, not a bullet",
        "Closing note",
    ]
    assert only.bullets == (1, 2, 3, 4)


def test_deleted_hidden_and_field_code_text_is_left_out(tmp_path: Path) -> None:
    deleted = '<w:del w:id="1" w:author="A"><w:r><w:delText>old wording</w:delText></w:r></w:del>'
    inserted = f'<w:ins w:id="2" w:author="A">{run("new wording")}</w:ins>'
    hidden = run("secret", props="<w:vanish/>")
    field = '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    body = table(1, row(cell(para(run("Keep "), deleted, inserted, hidden, field))))
    (only,) = only_table(extract(tmp_path, body)).cells
    assert only.text == "Keep new wording"


# --- formatting -------------------------------------------------------------------------------


def test_text_direction(tmp_path: Path) -> None:
    body = table(
        3,
        row(
            cell("Up", props='<w:textDirection w:val="btLr"/>'),
            cell("Down", props='<w:textDirection w:val="tbRl"/>'),
            cell("Flat"),
        ),
    )
    found = only_table(extract(tmp_path, body))
    up, down, flat = found.row_cells(0)
    assert (up.direction, up.rotation, up.text) == ("bt-lr", 270, "Up")
    assert (down.direction, down.rotation) == ("tb-rl", 90)
    assert (flat.direction, flat.rotation) == ("lr-tb", 0)


def test_cell_shading(tmp_path: Path) -> None:
    body = table(
        3,
        row(
            cell("Red", props='<w:shd w:val="clear" w:color="auto" w:fill="FF0000"/>'),
            cell("None", props='<w:shd w:val="clear" w:color="auto" w:fill="auto"/>'),
            cell("Solid", props='<w:shd w:val="solid" w:color="00B050" w:fill="auto"/>'),
        ),
    )
    fills = [c.fill_colour for c in only_table(extract(tmp_path, body)).cells]
    assert fills == ["#ff0000", None, "#00b050"]


def test_coloured_status_dots(tmp_path: Path) -> None:
    """Traffic-light plans colour a "●"; several dots in one cell must each keep their colour."""
    body = table(
        3,
        row(
            cell(para(run("Status: "), run("●", "00B050"), run(" "), run("●", "FF0000"))),
            cell(para(run("●", "00B050"))),
            cell(para(run("On", "C00000"), run(" ", "C00000"), run("track", "C00000"), "plain")),
        ),
    )
    mixed, single, words = only_table(extract(tmp_path, body)).cells
    assert mixed.coloured_runs == (ColouredRun("●", "#00b050"), ColouredRun("●", "#ff0000"))
    assert mixed.text_colour is None  # seven black glyphs outweigh the two dots
    assert single.coloured_runs == (ColouredRun("●", "#00b050"),)
    assert single.text_colour == "#00b050"
    assert words.coloured_runs == (ColouredRun("On track", "#c00000"),)
    assert words.text == "On trackplain"


def test_black_auto_highlight_and_wingdings(tmp_path: Path) -> None:
    highlighted = run("Amber", props='<w:highlight w:val="yellow"/>')
    both = run("Blue", "0070C0", props='<w:highlight w:val="yellow"/>')
    wingdings = (
        '<w:r><w:rPr><w:color w:val="FF0000"/></w:rPr>'
        '<w:sym w:font="Wingdings" w:char="F06C"/></w:r>'
    )
    typed = run("l", "00B050", props='<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>')
    body = table(
        5,
        row(
            cell(para(run("Black", "000000"), run("Auto", "auto"))),
            cell(para(highlighted)),
            cell(para(both)),
            cell(para(wingdings)),
            cell(para(typed)),
        ),
    )
    black, amber, blue, dot, typed_dot = only_table(extract(tmp_path, body)).cells
    assert (black.coloured_runs, black.text_colour) == ((), None)
    assert amber.coloured_runs == (ColouredRun("Amber", "#ffff00"),)
    assert blue.coloured_runs == (ColouredRun("Blue", "#0070c0"),)
    assert (dot.text, dot.coloured_runs) == ("●", (ColouredRun("●", "#ff0000"),))
    assert (typed_dot.text, typed_dot.text_colour) == ("●", "#00b050")  # "l" in Wingdings


def test_header_rows(tmp_path: Path) -> None:
    body = table(
        2,
        row(cell("Action"), cell("Lead"), props="<w:tblHeader/>"),
        row(cell("Review policy"), cell("Head of HR")),
    )
    found = only_table(extract(tmp_path, body))
    assert [c.is_header for c in found.cells] == [True, True, False, False]


# --- structure --------------------------------------------------------------------------------


def test_grid_before_and_after(tmp_path: Path) -> None:
    body = table(
        3,
        row(cell("A"), cell("B"), cell("C")),
        row(cell("late"), cell("x"), props='<w:gridBefore w:val="1"/>'),
        row(cell("early"), props='<w:gridAfter w:val="2"/>'),
    )
    found = only_table(extract(tmp_path, body))
    assert (found.n_rows, found.n_cols) == (3, 3)
    assert found.grid()[1][0] is None
    assert at(found, 1, 1) == "late"
    assert at(found, 2, 0) == "early"
    assert found.grid()[2][1] is None and found.grid()[2][2] is None


def test_vertical_merge_spans_and_orphan_continuation(tmp_path: Path) -> None:
    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    body = table(
        2,
        row(cell("Theme", props=restart), cell("Orphan", props=cont)),
        row(cell(props=cont), cell("b")),
        row(cell(props=cont), cell("c")),
        row(cell("Next"), cell("d")),
    )
    document = extract(tmp_path, body)
    found = only_table(document)
    theme = found.cells[0]
    assert (theme.text, theme.row, theme.rowspan) == ("Theme", 0, 3)
    assert at(found, 3, 0) == "Next"
    assert at(found, 0, 1) == "Orphan"
    assert len(found.cells) == 6
    assert document.warnings == (
        "table 1: row 1, column 2: a vertical merge continues a cell that is not there; "
        "kept as a cell of its own",
    )


def test_nested_table(tmp_path: Path) -> None:
    inner = table(1, row(cell("Step 1")), row(cell("Step 2")))
    body = table(
        2,
        row(cell("Action"), cell("Detail")),
        row(cell("Train staff"), cell(para("Outer text"), inner, para("After"))),
    ) + para("Below")
    document = extract(tmp_path, body)
    outer, nested = document.tables
    assert (outer.index, nested.index) == (0, 1)
    assert outer.nested_in is None
    assert nested.nested_in is not None
    assert (nested.nested_in.table, nested.nested_in.row, nested.nested_in.col) == (0, 1, 1)
    assert at(outer, 1, 1) == "Outer text\nAfter"
    assert [c.text for c in nested.cells] == ["Step 1", "Step 2"]
    assert [b.text if isinstance(b, TextBlock) else b.index for b in document.blocks()] == [
        0,
        1,
        "Below",
    ]


def test_tables_in_every_section_and_content_control(tmp_path: Path) -> None:
    landscape = '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>'
    body = (
        table(1, row(cell("Portrait table")))
        + para("End of portrait", props=landscape)
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + table(1, row(cell("Landscape table in a content control")))
        + "</w:sdtContent></w:sdt>"
    )
    document = extract(tmp_path, body)
    assert [t.cells[0].text for t in document.tables] == [
        "Portrait table",
        "Landscape table in a content control",
    ]
    assert document.source.page_count == 2
    assert all(t.engine == "docx" and t.pages == () for t in document.tables)


def test_block_order_and_kinds(tmp_path: Path) -> None:
    legend = para(
        run("Key: "),
        run("●", "FF0000"),
        run(" No Progress "),
        run("●", "FFC000"),
        run(" Progressing "),
        run("●", "00B050"),
        run(" Achieved"),
    )
    body = (
        para("Corporate Plan 2019", style="Title")
        + para("1. Accountability", style="Heading1")
        + table(1, row(cell("first")))
        + para("")
        + para("2. Workforce", style="Heading2")
        + para("Recruit more staff", numbered=True)
        + table(1, row(cell("second")))
        + legend
    )
    document = extract(tmp_path, body)
    blocks = list(document.blocks())
    assert [b.order for b in blocks] == list(range(7))
    summary = [
        (b.kind, b.level, b.text) if isinstance(b, TextBlock) else ("table", b.index, "")
        for b in blocks
    ]
    assert summary[:6] == [
        ("title", None, "Corporate Plan 2019"),
        ("heading", 1, "1. Accountability"),
        ("table", 0, ""),
        ("heading", 2, "2. Workforce"),
        ("list_item", None, "Recruit more staff"),
        ("table", 1, ""),
    ]
    key = blocks[6]
    assert isinstance(key, TextBlock)
    assert key.text == "Key: ● No Progress ● Progressing ● Achieved"
    assert key.style == "Normal"
    assert [r.colour for r in key.coloured_runs] == ["#ff0000", "#ffc000", "#00b050"]
    assert blocks[1].style == "Heading 1"  # type: ignore[union-attr]


# --- safety and errors ------------------------------------------------------------------------


def _rewrite_part(source: Path, target: Path, part: str, content: bytes) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = content if item.filename == part else original.read(item)
            copy.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_doctype_is_refused(tmp_path: Path, part: str) -> None:
    plain = build_docx(tmp_path / "plain.docx", para("Hello"))
    with zipfile.ZipFile(plain) as archive:
        original = archive.read(part)
    declaration, rest = original.split(b"?>", 1)
    evil = declaration + b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>' + rest
    target = _rewrite_part(plain, tmp_path / "evil.docx", part, evil)
    with pytest.raises(UnsafeDocument) as caught:
        read_docx(read_source(target))
    assert caught.value.path == str(target)
    assert "DOCTYPE" in caught.value.reason


def test_zip_bomb_member_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "bomb.docx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (11 * 2**20))
    assert target.stat().st_size < 100_000
    with pytest.raises(UnsafeDocument) as caught:
        read_docx(read_source(target))
    assert caught.value.path == str(target)
    assert "zip bomb" in caught.value.reason


def test_zip_bomb_total_is_refused(tmp_path: Path) -> None:
    """Many parts, each under the per-part limit, adding up to more than 200 MB."""
    target = tmp_path / "wide-bomb.docx"
    chunk = b"\0" * (10 * 2**20)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(21):
            archive.writestr(f"word/media/blank{i}.bin", chunk)
    with pytest.raises(UnsafeDocument, match="inflate to 210 MB"):
        read_docx(read_source(target))


def test_broken_xml_is_corrupt(tmp_path: Path) -> None:
    plain = build_docx(tmp_path / "plain.docx", para("Hello"))
    with zipfile.ZipFile(plain) as archive:
        original = archive.read("word/document.xml")
    target = _rewrite_part(plain, tmp_path / "broken.docx", "word/document.xml", original[:-40])
    with pytest.raises(CorruptDocument) as caught:
        read_docx(read_source(target))
    assert caught.value.path == str(target)
