"""The values that tune how the PDF reader finds tables, in one frozen, typed object.

``read_pdf(..., tuning=PdfTuning())`` passes them down to the finders and the stitcher. The
defaults are the values every sample and corpus PDF is read with; change one with
``dataclasses.replace`` (``PdfTuning(grid=GridTuning(snap_tolerance=2.0))``). Lengths are PDF
points; values "in ems" or "line heights" are multiples of the glyphs' font size. Constants that
only guard the arithmetic (a half-point slack, a rounding) stay beside the code they guard.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GridTuning:
    """Ruled tables (:mod:`pdf_grid`): from ruling lines and boxes to a grid of cells."""

    snap_tolerance: float = 3.0
    """Line positions closer than this (points) are the same line (double rules, anti-aliasing)."""
    join_tolerance: float = 3.0
    """Collinear pieces with a gap up to this (points) are one line (rules drawn cell by cell)."""
    intersection_tolerance: float = 3.0
    """How far (points) a line may stop short of another and still meet it."""
    edge_coverage: float = 0.6
    """Share of a cell side a line must cover for that side to count as drawn (else the cells
    either side are one merged cell)."""
    thin_rect: float = 2.0
    """A filled rectangle thinner than this (points) is a rule, not a box."""


@dataclass(frozen=True)
class SubrowTuning:
    """Rows packed into one ruled row band (:mod:`pdf_subrows`)."""

    min_lines: int = 3
    """Fewest shared line positions that make a band packed."""
    fill_share: float = 0.8
    """Share of the positions a cell must fill to count as a packed column..."""
    min_columns: int = 2
    """...and at least this many such columns."""
    max_wrapped: float = 0.1
    """Most wrapped (joined) lines allowed, as a share of the band's lines."""


@dataclass(frozen=True)
class LabelTuning:
    """Row labels printed left of a ruled grid (:mod:`pdf_margins`)."""

    min_labels: int = 3
    """Fewest labelled rows that make text beside a grid its label column (not a stray note)."""
    label_share: float = 0.5
    """Share of the grid's rows with text that must carry a label beside them."""


@dataclass(frozen=True)
class StreamTuning:
    """Borderless tables from text alignment (:mod:`pdf_stream`); ``max_mean_chunk`` also tells
    the chooser (:mod:`pdf_choose`) prose from a table."""

    chunk_gap: float = 1.0
    """A gap wider than this many ems between glyphs separates two chunks (columns)."""
    min_rows: int = 3
    """A region needs this many lines of several chunks..."""
    max_single_run: int = 2
    """...and may hold at most this many single-chunk lines in a row (wrapped cells, labels)."""
    max_mean_chunk: float = 40
    """Chunks longer than this (characters) on average are prose in columns, not a table."""
    region_gap: float = 2.5
    """A line further below the one above than this many line heights ends a region."""
    row_gap: float = 1.0
    """A line with an empty first column further below the one above than this many line
    heights starts a new row instead of continuing the row above."""
    span_rule_gap: float = 0.5
    """A rule this close (in line heights) under a chunk, and shorter than the table, marks the
    chunk as a header spanning the columns below it."""
    wrap_gap: float = 0.6
    """A line whose first column holds text continues the row above when it is no further below
    the first column's line above than this many line heights and wraps onto it (lower case,
    its first word too long for the end of that line): a cell of the first column wrapped."""
    gutter_width: float = 0.5
    """A strip this many ems wide that no word of the body lines covers splits a column in two
    (two narrow columns whose text runs closer than ``chunk_gap``)..."""
    gutter_aligned: int = 3
    """...when at least this many lines (and half of those with words right of it) start a word
    at its right edge: the next column's left-aligned text."""
    turned_header_gap: float = 2.5
    """Column titles turned 90° whose foot lies within this many line heights above a table
    (or above the band rows opening it) are the table's header row."""
    side_reach: float = 6.0
    """Turned text down the body at most this many ems left of a table's text (and a turned
    title over it) is a first column of merged theme cells."""


@dataclass(frozen=True)
class NetworkTuning:
    """Borderless tables from camelot's ``network`` parser (:mod:`pdf_network`)."""

    chunk_gap: float = 1.0
    """A gap wider than this many ems splits a text line into chunks (cells)."""
    continuation_gap: float = 0.6
    """A row with an empty first column no further below the row above than this many line
    heights continues that row."""
    caption_gap: float = 1.5
    """A top row set off from the next by more than this many line heights, and not standing in
    the columns, is a caption left outside the table."""
    ruled_overlap: float = 0.3
    """A camelot table sharing this share of its area with a ruled table is the ruled table."""


@dataclass(frozen=True)
class NonTableTuning:
    """Borderless readings that are running text, lists or figures (:mod:`pdf_nontable`)."""

    prose_line: int = 30
    """A cell line this many characters long or longer reads as a line of running text..."""
    prose_share: float = 0.5
    """...and a column at least this share of whose lines are that long is running text."""
    min_cover: float = 0.4
    """A borderless grid whose text covers less than this share of its cells is scattered
    labels (a chart's axes), not columns filled row after row."""
    max_spanning: float = 0.6
    """A borderless grid with more than this share of its text in cells spanning columns is
    prose cut where its word gaps happen to line up, which most of its lines run across."""
    min_confidence: float = 0.5
    """A table on a scanned page whose OCR words have a mean confidence (0–1, by letters) below
    this is a picture read as letters (a chart, a map), whatever finder found it."""


@dataclass(frozen=True)
class StitchTuning:
    """Pieces continued over a page break (:mod:`pdf_stitch`)."""

    column_tolerance: float = 6.0
    """Column boundaries of two pieces may differ by this much (points)."""
    max_header_rows: int = 3
    """Longest repeated header looked for at the top of a continued piece."""
    ends_below: float = 0.75
    """A piece continued on the next page ends below this share of its page's height..."""
    starts_above: float = 0.3
    """...and its continuation starts above this share of the next page's height."""


@dataclass(frozen=True)
class PageLimits:
    """Most work one page may ask of the reader (:mod:`pdf_layout`), counted over its content
    streams and every form they draw: past one, the page is refused before the work is done.
    Each is far above the most any sample, ICDAR or corpus page needs (see the figures)."""

    operators: int = 500_000
    """Content-stream operators."""
    operands: int = 10_000
    """Operands waiting for an operator."""
    glyphs: int = 200_000
    """Glyphs shown."""
    path_segments: int = 250_000
    """Path segments drawn (a rectangle is five)."""
    form_depth: int = 32
    """Form XObjects drawn inside one another."""
    forms: int = 10_000
    """Form XObjects drawn."""
    content_bytes: int = 8_000_000
    """Bytes of content streams run (a form's each time it is drawn)."""


@dataclass(frozen=True)
class PdfTuning:
    """Every tuning value of the PDF reader, by the part of it that uses them."""

    grid: GridTuning = field(default_factory=GridTuning)
    subrows: SubrowTuning = field(default_factory=SubrowTuning)
    labels: LabelTuning = field(default_factory=LabelTuning)
    stream: StreamTuning = field(default_factory=StreamTuning)
    network: NetworkTuning = field(default_factory=NetworkTuning)
    nontable: NonTableTuning = field(default_factory=NonTableTuning)
    stitch: StitchTuning = field(default_factory=StitchTuning)
    limits: PageLimits = field(default_factory=PageLimits)


DEFAULT_TUNING = PdfTuning()
"""The values every sample and corpus PDF is read with."""
