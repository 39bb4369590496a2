"""A page's layout read once by PLAYA, under limits on the work the page may ask for.

PLAYA (pdfminer's compiled successor, the parser camelot itself reads with) interprets a page's
content streams lazily; :mod:`playa.miner` turns what it yields into pdfminer's layout objects
(``LTChar``, ``LTLine``, ``LTRect``, ``LTFigure``, ``LTImage``), which both our finders and
camelot's ``network`` parser read: one parse per page serves them all. Where PLAYA measures or
reads a glyph otherwise than pdfminer did (a few fonts' descents and widths, codes without text),
pdfminer's box and text are kept beside it for our finders, which were tuned on them; camelot
gets PLAYA's, as it always has.

A hostile page can ask for unbounded work (millions of path operators, a million-glyph string, a
form drawn 2⁴⁰ times through a chain of forms that each draw the next twice) or loop (a form that
draws itself, two that draw each other). The walk here counts as it goes, per page and across the
forms it draws, and refuses the page at the first limit passed, before the work is done:
:class:`LimitExceeded` naming what and how many, or :class:`UnsafeDocument` for a drawing loop.
PLAYA's interpreter is compiled and cannot be subclassed to count, so each stream's operators,
waiting operands and path segments are counted by PLAYA's (compiled) content parser before the
stream is run; glyphs are counted one by one as a string is laid out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pdfminer.fontmetrics import FONT_METRICS
from playa.content import ContentObject, ImageObject, PathObject, TextObject, XObjectObject
from playa.document import Document
from playa.font import Font, TrueTypeFont, Type1Font, Type3Font
from playa.miner import LTChar, LTFigure, LTLayoutContainer, LTPage, process_image, process_path
from playa.page import Page
from playa.parser import ContentParser
from playa.pdftypes import ContentStream, PSKeyword, Rect
from playa.utils import apply_matrix_pt, transform_bbox

from planingest.errors import LimitExceeded, UnsafeDocument
from planingest.extractor.pdf_tuning import PageLimits

_WHAT = {
    "operators": "content-stream operators",
    "operands": "operands waiting for an operator",
    "glyphs": "glyphs",
    "path_segments": "path segments",
    "form_depth": "Form XObjects drawn one inside another",
    "forms": "Form XObjects drawn",
    "content_bytes": "bytes of content streams run",
}

_SEGMENTS = {b"m": 1, b"l": 1, b"c": 1, b"v": 1, b"y": 1, b"h": 1, b"re": 5}
"""Path segments each path operator adds (a rectangle is m, l, l, l, h)."""

_DENSEST = 2
"""Fewest bytes an operator, an operand or a path segment takes in a stream (``q `` or ``1 ``;
``re`` adds five segments in at least eleven bytes)."""


@dataclass
class Budget:
    """What one page has used so far, against its limits."""

    limits: PageLimits
    page: int
    used: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_WHAT, 0))
    unscanned: list[tuple[list[ContentStream], Document]] = field(default_factory=list)
    """Streams run without counting their tokens (too short to pass a limit so far)."""
    unscanned_bound: int = 0
    """The most operators or path segments those streams can hold."""

    def spend(self, what: str, amount: int = 1) -> None:
        self.used[what] += amount
        self.check(what, self.used[what])

    def check(self, what: str, count: int) -> None:
        """Refuse the page if ``count`` of ``what`` is past its limit."""
        self.used[what] = max(self.used[what], count)
        limit: int = getattr(self.limits, what)
        if count > limit:
            raise LimitExceeded(
                f"more than {limit:,} {_WHAT[what]} on one page; refused (the limit is "
                "far above what a real page needs)",
                page=self.page,
            )

    def run(self, streams: list[ContentStream], doc: Document) -> None:
        """Count content streams about to be run: their bytes, and their operators, path
        segments and the most operands waiting at once, counted by PLAYA's content parser
        before a token is interpreted (a page of millions of operators is refused at once, not
        after minutes of work). A stream too short to pass a limit, even added to every
        stream run before it, is run without counting its tokens; it is counted the moment a
        later one could pass."""
        size = sum(len(s.buffer) for s in streams)
        self.spend("content_bytes", size)
        bound = size // _DENSEST
        limits, used = self.limits, self.used
        room = min(
            limits.operators - used["operators"], limits.path_segments - used["path_segments"]
        )
        if bound <= limits.operands and self.unscanned_bound + bound <= room:
            self.unscanned.append((streams, doc))
            self.unscanned_bound += bound
            return
        for earlier in (*self.unscanned, (streams, doc)):
            self._scan(*earlier)
        self.unscanned.clear()
        self.unscanned_bound = 0

    def _scan(self, streams: list[ContentStream], doc: Document) -> None:
        # Counted in locals and checked only once past a limit: this runs for every token.
        limits, used = self.limits, self.used
        most_operands, most_operators, most_segments = (
            limits.operands,
            limits.operators,
            limits.path_segments,
        )
        operators, segments = used["operators"], used["path_segments"]
        operands = longest = 0
        for _, token in ContentParser(streams, doc):
            if not isinstance(token, PSKeyword):
                operands += 1
                if operands > most_operands:
                    self.check("operands", operands)
                continue
            if operands > longest:
                longest = operands
            operands = 0
            operators += 1
            if operators > most_operators:
                self.check("operators", operators)
            segments += _SEGMENTS.get(token.name, 0)
            if segments > most_segments:
                self.check("path_segments", segments)
        self.check("operands", max(longest, operands))
        self.check("operators", operators)
        self.check("path_segments", segments)


@dataclass
class PageLayout:
    """A page's layout objects, and its glyphs as pdfminer reads them."""

    objects: LTPage
    """What :func:`playa.miner.extract_page` gives, without layout analysis: what camelot reads."""
    glyphs: list[tuple[LTChar, Rect, str]] = field(default_factory=list)
    """Each glyph in drawing order with its box and text as pdfminer gives them, which our
    finders were tuned on: the descent of a standard font from pdfminer's metrics, none for a
    font whose descriptor gives none; ``(cid:N)`` for a code with no text (:func:`_miner_text`)."""


def page_layout(page: Page, limits: PageLimits, budget: Budget | None = None) -> PageLayout:
    """The layout of ``page`` (opened in PLAYA's ``page`` space) read under ``limits``;
    ``budget`` (a fresh one by default) is left holding what the page used."""
    budget = budget or Budget(limits, page.page_idx + 1)
    x0, y0, x1, y1 = page.mediabox
    (ax, ay), (bx, by) = apply_matrix_pt(page.ctm, (x0, y0)), apply_matrix_pt(page.ctm, (x1, y1))
    layout = PageLayout(LTPage(page.page_idx + 1, (0, 0, abs(ax - bx), abs(ay - by))))
    budget.run(list(page.streams), page.doc)
    _draw(layout, layout.objects, page, budget, (), {})
    return layout


def _draw(
    layout: PageLayout,
    into: LTLayoutContainer,
    objects: Iterable[ContentObject],
    budget: Budget,
    forms: tuple[tuple[str, int | None], ...],
    fonts: dict[Font, _MinerFont | None],
) -> None:
    """Lay out ``objects`` into ``into`` as playa.miner does, counting glyphs and forms."""
    for obj in objects:
        if isinstance(obj, TextObject):
            room, drawn = budget.limits.glyphs - budget.used["glyphs"], 0
            for glyph in obj:  # laid out one at a time: a million-glyph string stops early
                drawn += 1
                if drawn > room:
                    budget.spend("glyphs", drawn)
                char = LTChar(glyph)
                into.add(char)
                font = glyph.font
                if font not in fonts:
                    fonts[font] = _miner_font(font)
                miner = fonts[font]
                box = char.bbox
                if miner is not None:
                    descent, widths = miner
                    if widths is None:
                        width = font.hdisp(glyph.cid)
                    else:  # pdfminer's metrics by code, else by character, else none
                        found = widths.get(glyph.cid, widths.get(glyph.text or "", 0))
                        width = float(found or 0) * 0.001
                    box = transform_bbox(glyph.matrix, (0.0, descent, width, descent + 1))
                text = char.get_text()
                if not text or not text.isascii():
                    text = _miner_text(text, glyph.cid, font)
                layout.glyphs.append((char, box, text))
            budget.spend("glyphs", drawn)
        elif isinstance(obj, PathObject):
            for item in process_path(obj):
                into.add(item)
        elif isinstance(obj, ImageObject):
            for item in process_image(obj):
                into.add(item)
        elif isinstance(obj, XObjectObject):
            into.add(_form(layout, obj, budget, forms, fonts))


def _form(
    layout: PageLayout,
    form: XObjectObject,
    budget: Budget,
    forms: tuple[tuple[str, int | None], ...],
    fonts: dict[Font, _MinerFont | None],
) -> LTFigure:
    objid = form.stream.objid
    if objid is not None and objid in {o for _, o in forms}:
        loop = " → /".join([*(name for name, _ in forms), form.xobjid])
        raise UnsafeDocument(
            f"a Form XObject is drawn inside itself (/{loop}): a drawing loop; refused",
            page=budget.page,
        )
    inside = (*forms, (form.xobjid, objid))
    budget.check("form_depth", len(inside))
    budget.spend("forms")
    budget.run([form.stream], form.doc)
    figure = LTFigure(form)
    _draw(layout, figure, form, budget, inside, fonts)
    return figure


_CONTROLS = {c: char for c in range(0x80, 0xA0) if (char := bytes([c]).decode("cp1252", "ignore"))}
_SYMBOL_FONTS = ("symbol", "dingbat", "wingding", "webding")


def _miner_text(text: str, cid: int, font: Font) -> str:
    """A glyph's text as pdfminer reads it where PLAYA reads it otherwise: ``(cid:N)`` for a
    code with no text; C1 control codes (a ToUnicode map giving ``\\x95`` for a bullet) read as
    Windows-1252, except in a symbol font, whose codes name no character."""
    if not text:
        return f"(cid:{cid})"
    if not any(0x80 <= ord(c) < 0xA0 for c in text):
        return text
    if any(name in font.fontname.lower() for name in _SYMBOL_FONTS):
        return f"(cid:{cid})"
    return text.translate(_CONTROLS)


_MinerFont = tuple[float, dict[Any, Any] | None]
"""pdfminer's descent of a font (text space) and, for a standard font, its widths."""


def _miner_font(font: Font) -> _MinerFont | None:
    """How pdfminer measures a horizontal font, where PLAYA measures it otherwise: a standard
    font by pdfminer's own metrics (PLAYA ships other versions of them), else by its
    descriptor's descent, 0 when it gives none (PLAYA takes the font box's then)."""
    if font.vertical or isinstance(font, Type3Font):
        return None
    if isinstance(font, Type1Font | TrueTypeFont) and font.basefont in FONT_METRICS:
        metrics, widths = FONT_METRICS[font.basefont]
        given = metrics.get("Descent", 0)
        return -abs(float(given)) * font.matrix[3], dict(widths)  # type: ignore[arg-type]
    given = font.descriptor.get("Descent", 0) if isinstance(font.descriptor, dict) else 0
    descent = -abs(float(given)) if isinstance(given, int | float) else 0.0
    if descent == font.descent:
        return None
    return descent * font.matrix[3], None
