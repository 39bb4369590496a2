"""Paragraph text and run colours from WordprocessingML, read straight from the XML.

python-docx's ``paragraph.text`` drops list numbering, field structure and colour, and pulls in
deleted text inside ``w:del`` only by accident of its run iteration; reading the elements directly
gives us lines, bullets and coloured runs (the traffic-light dots) in one pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn
from docx.styles import BabelFish

from planingest.extractor.model import BlockKind, ColouredRun

Element = Any
"""An lxml element (python-docx's oxml classes); lxml ships no type stubs."""

_BLACK = {"000000", "auto", ""}
_HIGHLIGHTS = {
    "black": "000000",
    "blue": "0000ff",
    "cyan": "00ffff",
    "green": "00ff00",
    "magenta": "ff00ff",
    "red": "ff0000",
    "yellow": "ffff00",
    "darkBlue": "000080",
    "darkCyan": "008080",
    "darkGreen": "008000",
    "darkMagenta": "800080",
    "darkRed": "800000",
    "darkYellow": "808000",
    "darkGray": "808080",
    "lightGray": "c0c0c0",
}
# Glyphs of the symbol fonts that plans use for status dots and bullets, by their 8-bit code.
_SYMBOL_FONTS = {
    "wingdings": {0x6C: "●", 0x6E: "■", 0x9F: "•", 0xA7: "▪", 0xFC: "✓", 0xFB: "✗"},
    "symbol": {0xB7: "•"},
}
_HAND_BULLET = re.compile(r"^(?:[•·▪◦➢►\uf0b7\uf0a7\uf076\uf0d8]\s*|[-–]\s+)")
"""A bullet typed by hand at the start of a line ("-" and "–" only when a space follows, so that
"-5%" stays a number). "●" is deliberately absent: it is a status dot, not a bullet."""
_HEADING = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)

_RUN_CONTAINERS = {
    qn(tag)
    for tag in (
        "w:hyperlink",
        "w:ins",
        "w:moveTo",
        "w:smartTag",
        "w:customXml",
        "w:sdt",
        "w:sdtContent",
        "w:fldSimple",
        "w:dir",
        "w:bdo",
    )
}
_R, _T, _TAB, _PTAB, _BR, _CR = (qn(t) for t in ("w:r", "w:t", "w:tab", "w:ptab", "w:br", "w:cr"))
_SYM, _NBHYPHEN, _VAL = qn("w:sym"), qn("w:noBreakHyphen"), qn("w:val")


def _hex(value: str | None) -> str | None:
    if value is None or re.fullmatch(r"[0-9A-Fa-f]{6}", value) is None:
        return None
    return "#" + value.lower()


def colour_value(value: str | None) -> str | None:
    """``"#rrggbb"`` for a Word hex glyph colour; None for auto, black, absent or malformed."""
    return None if value is None or value.lower() in _BLACK else _hex(value)


def fill_value(shd: Element | None) -> str | None:
    """The colour a ``w:shd`` paints: its fill, or its pattern colour when the pattern is solid.
    Black is a real fill here (unlike glyphs, where black is the default)."""
    if shd is None:
        return None
    if shd.get(_VAL) == "solid" and _hex(shd.get(qn("w:color"))) is not None:
        return _hex(shd.get(qn("w:color")))
    return _hex(shd.get(qn("w:fill")))


def is_on(element: Element | None) -> bool:
    """A Word on/off property: present and not explicitly switched off."""
    return element is not None and element.get(_VAL) not in ("0", "false", "off")


@dataclass(frozen=True)
class _Style:
    name: str | None
    based_on: str | None
    numbered: bool | None
    """True/False when the style sets (or cancels, numId 0) numbering; None when silent."""
    colour: tuple[str | None] | None
    """A 1-tuple holding the run colour the style sets (None inside: automatic); None if silent."""
    outline_level: int | None


class Styles:
    """What the paragraph and character styles of ``styles.xml`` say, following ``basedOn``."""

    def __init__(self, styles_element: Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        if styles_element is None:
            return
        for style in styles_element.iter(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id is None:
                continue
            if style.get(qn("w:type")) == "paragraph" and _is_on_flag(style.get(qn("w:default"))):
                self.default_paragraph = style_id
            self._styles[style_id] = _Style(
                name=_child_val(style, "w:name"),
                based_on=_child_val(style, "w:basedOn"),
                numbered=_numbering(style.find(qn("w:pPr"))),
                colour=_colour_setting(style.find(qn("w:rPr"))),
                outline_level=_outline_level(style.find(qn("w:pPr"))),
            )

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = style.based_on

    def name(self, style_id: str | None) -> str | None:
        """The name Word shows ("Heading 1"; styles.xml stores built-ins as "heading 1")."""
        style = self._styles.get(style_id or "")
        return None if style is None or style.name is None else BabelFish.internal2ui(style.name)

    def numbered(self, style_id: str | None) -> bool:
        return next((s.numbered for s in self._chain(style_id) if s.numbered is not None), False)

    def colour(self, style_id: str | None) -> tuple[str | None] | None:
        return next((s.colour for s in self._chain(style_id) if s.colour is not None), None)

    def outline_level(self, style_id: str | None) -> int | None:
        return next(
            (s.outline_level for s in self._chain(style_id) if s.outline_level is not None), None
        )


def _is_on_flag(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _child_val(element: Element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(_VAL)


def _numbering(ppr: Element | None) -> bool | None:
    num_pr = None if ppr is None else ppr.find(qn("w:numPr"))
    if num_pr is None:
        return None
    num_id = _child_val(num_pr, "w:numId")
    return num_id not in (None, "0")


def _outline_level(ppr: Element | None) -> int | None:
    value = None if ppr is None else _child_val(ppr, "w:outlineLvl")
    if value is None or not value.isdigit() or int(value) > 8:
        return None
    return int(value)


def _colour_setting(rpr: Element | None) -> tuple[str | None] | None:
    color = None if rpr is None else rpr.find(qn("w:color"))
    return None if color is None else (colour_value(color.get(_VAL)),)


@dataclass(frozen=True)
class Run:
    text: str
    colour: str | None


@dataclass
class Paragraph:
    """One paragraph as lines (already cleaned), which of them are list items, and its runs."""

    lines: list[str]
    bullets: list[int]
    runs: list[Run]
    style: str | None
    numbered: bool
    outline_level: int | None
    hand_bullet: bool = False
    coloured: list[ColouredRun] = field(default_factory=list)


def read_paragraph(p: Element, styles: Styles) -> Paragraph:
    """Read a ``w:p``: manual breaks split lines, tabs become spaces, list glyphs are dropped."""
    ppr = p.find(qn("w:pPr"))
    style_id = _child_val(ppr, "w:pStyle") if ppr is not None else None
    style_id = style_id or styles.default_paragraph
    direct = _numbering(ppr)
    numbered = direct if direct is not None else styles.numbered(style_id)
    outline = _outline_level(ppr)
    if outline is None:
        outline = styles.outline_level(style_id)
    para_colour = styles.colour(style_id)
    runs = [_read_run(r, styles, para_colour) for r in _runs(p)]
    runs = [run for run in runs if run.text]
    lines: list[str] = []
    bullets: list[int] = []
    hand_bullet = False
    for position, raw in enumerate("".join(run.text for run in runs).split("\n")):
        line = " ".join(raw.split())
        glyph = _HAND_BULLET.match(line)
        if glyph:
            line = line[glyph.end() :].strip()
            hand_bullet = hand_bullet or position == 0
        if not line:
            continue
        if glyph or (numbered and position == 0):
            bullets.append(len(lines))
        lines.append(line)
    return Paragraph(
        lines=lines,
        bullets=bullets,
        runs=runs,
        style=styles.name(style_id),
        numbered=numbered,
        outline_level=outline,
        hand_bullet=hand_bullet,
        coloured=coloured_runs(runs),
    )


def heading_level(paragraph: Paragraph) -> tuple[BlockKind, int | None]:
    """The block kind a paragraph's style makes it, with its heading level."""
    name = paragraph.style or ""
    match = _HEADING.match(name)
    if match:
        return "heading", int(match.group(1))
    if name.lower() == "title":
        return "title", None
    if name.lower() == "caption":
        return "caption", None
    if paragraph.outline_level is not None:
        return "heading", paragraph.outline_level + 1
    if paragraph.numbered or paragraph.hand_bullet:
        return "list_item", None
    return "paragraph", None


def _runs(container: Element) -> Iterator[Element]:
    """Runs in reading order, through hyperlinks, insertions, fields and content controls;
    deleted text (``w:del``, ``w:moveFrom``) and the paragraph's own properties are skipped."""
    for child in container:
        if child.tag == _R:
            yield child
        elif child.tag in _RUN_CONTAINERS:
            yield from _runs(child)


def _read_run(r: Element, styles: Styles, para_colour: tuple[str | None] | None) -> Run:
    rpr = r.find(qn("w:rPr"))
    if rpr is not None and is_on(rpr.find(qn("w:vanish"))):
        return Run("", None)
    font = _symbol_font(rpr)
    parts: list[str] = []
    for child in r:
        if child.tag == _T:
            text = child.text or ""
            parts.append(_map_symbols(text, font) if font else text)
        elif child.tag in (_TAB, _PTAB):
            parts.append(" ")
        elif child.tag in (_BR, _CR):
            parts.append("\n")
        elif child.tag == _NBHYPHEN:
            parts.append("-")
        elif child.tag == _SYM:
            parts.append(_sym_glyph(child))
    return Run("".join(parts), _run_colour(rpr, styles, para_colour))


def _run_colour(
    rpr: Element | None, styles: Styles, para_colour: tuple[str | None] | None
) -> str | None:
    """Direct colour, else the character style's, else the paragraph style's; a highlight or
    run shading stands in only when the glyphs themselves are automatic."""
    setting = _colour_setting(rpr)
    if setting is None and rpr is not None:
        setting = styles.colour(_child_val(rpr, "w:rStyle"))
    if setting is None:
        setting = para_colour
    if setting is not None and setting[0] is not None:
        return setting[0]
    if rpr is None:
        return None
    highlight = _HIGHLIGHTS.get(_child_val(rpr, "w:highlight") or "")
    if highlight is not None and highlight not in ("000000", "ffffff"):
        return "#" + highlight
    shading = fill_value(rpr.find(qn("w:shd")))
    return None if shading == "#ffffff" else shading


def _symbol_font(rpr: Element | None) -> str | None:
    fonts = None if rpr is None else rpr.find(qn("w:rFonts"))
    name = (fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or "") if fonts is not None else ""
    key = name.lower()
    return key if key in _SYMBOL_FONTS else None


def _map_symbols(text: str, font: str) -> str:
    table = _SYMBOL_FONTS[font]
    return "".join(table.get(ord(ch) & 0xFF if ord(ch) >= 0xF000 else ord(ch), ch) for ch in text)


def _sym_glyph(sym: Element) -> str:
    font = (sym.get(qn("w:font")) or "").lower()
    code = sym.get(qn("w:char")) or ""
    if font not in _SYMBOL_FONTS or not re.fullmatch(r"[0-9A-Fa-f]{2,4}", code):
        return ""
    return _SYMBOL_FONTS[font].get(int(code, 16) & 0xFF, "")


def coloured_runs(runs: Iterable[Run]) -> list[ColouredRun]:
    """Coloured stretches of one paragraph, adjacent runs of one colour merged. Spaces between
    two runs of a colour do not split them; a line break or an automatic-colour word does."""
    merged: list[tuple[list[str], str]] = []
    open_run: tuple[list[str], str] | None = None
    for run in runs:
        for index, piece in enumerate(run.text.split("\n")):
            if index > 0:
                open_run = None
            if not piece.strip():
                if open_run is not None:
                    open_run[0].append(piece)
                continue
            if run.colour is None:
                open_run = None
            elif open_run is not None and open_run[1] == run.colour:
                open_run[0].append(piece)
            else:
                open_run = ([piece], run.colour)
                merged.append(open_run)
    return [
        ColouredRun(text=" ".join("".join(parts).split()), colour=colour)
        for parts, colour in merged
    ]


def dominant_colour(runs: Iterable[Run]) -> str | None:
    """The colour of most non-space glyphs, if that is not automatic/black (ties go to black)."""
    counts: Counter[str | None] = Counter()
    for run in runs:
        counts[run.colour] += sum(1 for ch in run.text if not ch.isspace())
    if not counts or max(counts.values()) == 0:
        return None
    colour, _ = max(counts.items(), key=lambda item: (item[1], item[0] is None))
    return colour
