"""A page's layout from pdfminer, read under limits on the work the page may ask for.

pdfminer interprets a page's content streams, and every Form XObject they draw, in pure Python:
a hostile page can ask for unbounded work (millions of path operators, a million-glyph string, a
form drawn 2⁴⁰ times through a chain of forms that each draw the next twice) or loop (a form
that draws itself, two that draw each other: pdfminer skips the loop with a warning, but camelot
reads the page again and does not). The interpreter here counts as it goes, per page and across
the forms it draws, and refuses the page at the first limit passed, before the work is done:
:class:`LimitExceeded` naming what and how many, or :class:`UnsafeDocument` for a drawing loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTPage
from pdfminer.pdfinterp import PDFPageInterpreter, PDFStackT
from pdfminer.pdftypes import resolve1, stream_value
from pdfminer.psparser import literal_name
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from planingest.errors import LimitExceeded, PlanIngestError, UnsafeDocument
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


@dataclass
class Budget:
    """What one page has used so far, against its limits."""

    limits: PageLimits
    page: int
    used: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_WHAT, 0))

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


def bounded_layout(page: Any, limits: PageLimits, budget: Budget | None = None) -> LTPage:
    """pdfplumber's layout of ``page`` (what ``page.layout`` gives), read by the counting
    interpreter; ``budget`` (a fresh one by default) is left holding what the page used."""
    budget = budget or Budget(limits, page.page_number)
    device = PDFPageAggregatorWithMarkedContent(
        page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams
    )
    interpreter = _Interpreter(page.pdf.rsrcmgr, device)
    interpreter.budget = budget
    try:
        interpreter.process_page(page.page_obj)
    except PlanIngestError:
        raise
    except Exception as exc:  # as page.layout wraps them: the reader sorts out pdfminer's errors
        raise PdfminerException(exc) from exc
    layout: LTPage = device.get_result()
    return layout


class _Interpreter(PDFPageInterpreter):
    """pdfminer's interpreter, counting operators, operands, glyphs and path segments into a
    :class:`Budget` shared with the interpreters of the forms it draws, and refusing forms
    nested too deep or drawn inside themselves."""

    budget: Budget
    forms: tuple[str, ...] = ()
    """The forms being drawn, outermost first (empty for the page's own content)."""
    _drawing = ""

    def subinterp(self) -> PDFPageInterpreter:
        interpreter = super().subinterp()
        assert isinstance(interpreter, _Interpreter)
        interpreter.budget = self.budget
        interpreter.forms = (*self.forms, self._drawing)
        self.budget.check("form_depth", len(interpreter.forms))
        self.budget.spend("forms")
        return interpreter

    def execute(self, streams: Sequence[object]) -> None:
        # Counted before a byte is parsed (the parser decodes them all the same): a page of
        # millions of operators is refused at once, not after minutes of parsing.
        self.budget.spend("content_bytes", sum(len(stream_value(s).get_data()) for s in streams))
        super().execute(streams)

    def do_Do(self, xobjid_arg: PDFStackT) -> None:
        name = literal_name(xobjid_arg)
        objid = getattr(resolve1(self.xobjmap.get(name)), "objid", None)
        if objid is not None and objid in self.parent_stream_ids | self.stream_ids:
            loop = " → /".join([*self.forms, name])
            raise UnsafeDocument(
                f"a Form XObject is drawn inside itself (/{loop}): a drawing loop; refused",
                page=self.budget.page,
            )
        self._drawing = name
        super().do_Do(xobjid_arg)

    def push(self, obj: PDFStackT) -> None:
        # pdfminer keeps operands no operator took; each pop then copies what is left.
        self.budget.check("operands", len(self.argstack) + 1)
        super().push(obj)

    def pop(self, n: int) -> list[PDFStackT]:
        self.budget.spend("operators")  # every operator with operands takes them here
        return super().pop(n)

    def do_TJ(self, seq: PDFStackT) -> None:
        font = self.textstate.font
        if font is not None and isinstance(seq, list):
            # Counted before pdfminer lays out a glyph: a million-glyph string is refused at once.
            codes = (font.decode(s) for s in seq if isinstance(s, bytes))
            self.budget.spend("glyphs", sum(len(list(c)) for c in codes))
        super().do_TJ(seq)

    def do_m(self, x: PDFStackT, y: PDFStackT) -> None:
        self.budget.spend("path_segments")
        super().do_m(x, y)

    def do_l(self, x: PDFStackT, y: PDFStackT) -> None:
        self.budget.spend("path_segments")
        super().do_l(x, y)

    def do_c(
        self,
        x1: PDFStackT,
        y1: PDFStackT,
        x2: PDFStackT,
        y2: PDFStackT,
        x3: PDFStackT,
        y3: PDFStackT,
    ) -> None:
        self.budget.spend("path_segments")
        super().do_c(x1, y1, x2, y2, x3, y3)

    def do_v(self, x2: PDFStackT, y2: PDFStackT, x3: PDFStackT, y3: PDFStackT) -> None:
        self.budget.spend("path_segments")
        super().do_v(x2, y2, x3, y3)

    def do_y(self, x1: PDFStackT, y1: PDFStackT, x3: PDFStackT, y3: PDFStackT) -> None:
        self.budget.spend("path_segments")
        super().do_y(x1, y1, x3, y3)

    def do_re(self, x: PDFStackT, y: PDFStackT, w: PDFStackT, h: PDFStackT) -> None:
        self.budget.spend("path_segments", 5)  # pdfminer adds a rectangle as m, l, l, l, h
        super().do_re(x, y, w, h)

    def do_h(self) -> None:
        self.budget.spend("operators")
        self.budget.spend("path_segments")
        super().do_h()


def _counting(method: Callable[[PDFPageInterpreter], None]) -> Callable[[_Interpreter], None]:
    def counted(self: _Interpreter) -> None:
        self.budget.spend("operators")
        method(self)

    return counted


# Operators without operands never reach ``pop``: each is counted by a wrapper of its own (one
# pdfminer builds from others, such as ``b`` from ``h`` and ``B``, counts once for each).
for _name, _method in list(vars(PDFPageInterpreter).items()):
    argless = callable(_method) and _method.__code__.co_argcount == 1
    if _name.startswith("do_") and _name not in vars(_Interpreter) and argless:
        setattr(_Interpreter, _name, _counting(_method))
