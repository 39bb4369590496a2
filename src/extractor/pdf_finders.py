"""The table finders, registered by name, and the order a page is read in.

A finder reads a :class:`PageContent` (the page's free glyphs, ruling and shading, and the
pieces found before it) and returns what it found, each piece with the free glyphs it takes
(:class:`Found`); it changes nothing. :func:`find_tables` runs the steps of a plan in turn, each
on the page the steps before it left (:meth:`PageContent.taking`). A step is a finder's name, or
a pair of names whose readings :mod:`pdf_choose` judges region by region.

To add a finder: write ``def my_found(content: PageContent, tuning: PdfTuning) ->
list[Found]`` in a ``pdf_*`` module of its own (its tuning values in a section of
:class:`PdfTuning`), add it to :data:`FINDERS`, and name it in a plan of :data:`PLANS` (or run
it alone with ``find_tables(content, ("my",), tuning)`` in its tests).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from planingest.extractor.pdf_choose import choose
from planingest.extractor.pdf_network import network_found
from planingest.extractor.pdf_nontable import legible, not_a_table
from planingest.extractor.pdf_page import Found, PageContent, ruled_found
from planingest.extractor.pdf_stream import stream_found
from planingest.extractor.pdf_tuning import PdfTuning

Finder = Callable[[PageContent, PdfTuning], list[Found]]
"""Tables on a page among its free glyphs, each with the indices of the glyphs it takes."""

FINDERS: dict[str, Finder] = {
    "ruled": ruled_found,
    "network": network_found,
    "stream": stream_found,
}
"""Every finder by name: ruled grids (:mod:`pdf_page`, :mod:`pdf_grid`), camelot's ``network``
parser (:mod:`pdf_network`, fed ``content.camelot``), our own alignment reader
(:mod:`pdf_stream`)."""

Step = str | tuple[str, str]
"""A finder's name, or (primary, challenger): the primary's pieces, each region replaced by the
challenger's reading where that has fewer faults (:func:`pdf_choose.choose`)."""

BorderlessEngine = Literal["network", "stream"]
"""How tables without ruling are found: camelot's ``network`` parser judged against our own
alignment reader (the default: it wins on ICDAR 2013), or our alignment reader alone."""

RULED: tuple[Step, ...] = ("ruled",)
"""The first step on every page: the borderless finders read only the glyphs ruled tables
leave, and camelot is given only the pages with such glyphs."""

PLANS: dict[BorderlessEngine, tuple[Step, ...]] = {
    "network": (("network", "stream"), "stream"),
    "stream": ("stream",),
}
"""The steps after :data:`RULED`, by borderless engine. With ``network``, the stream finder
runs again on what the chosen readings leave (tables camelot did not see)."""


def run_step(step: Step, content: PageContent, tuning: PdfTuning) -> list[Found]:
    """What one step finds on the page; a borderless step's readings that are running text,
    lists or figures (:func:`pdf_nontable.not_a_table`) left out."""
    found = _found(step, content, tuning)
    if step in RULED:
        return found
    return [f for f in found if not_a_table(f.piece, tuning.nontable) is None]


def _found(step: Step, content: PageContent, tuning: PdfTuning) -> list[Found]:
    if isinstance(step, str):
        return FINDERS[step](content, tuning)
    primary, challenger = step
    first = FINDERS[primary](content, tuning)
    if not first:  # the chooser keeps nothing outside the primary's regions
        return []
    second = FINDERS[challenger](content, tuning)
    return choose(content.free_glyphs, first, second, tuning.stream.max_mean_chunk)


def find_tables(content: PageContent, steps: Sequence[Step], tuning: PdfTuning) -> PageContent:
    """The page after each step in turn has found its tables and taken their glyphs. On a
    scanned page, a piece whose words OCR is unsure of (:func:`pdf_nontable.legible`) is a
    picture: its glyphs are taken, the piece left out."""
    for step in steps:
        found = run_step(step, content, tuning)
        if not content.scanned:
            content = content.taking(found)
            continue
        pictures = [f for f in found if not legible(f, content.free_glyphs, tuning.nontable)]
        content = content.taking([f for f in found if f not in pictures], pictures)
    return content
