"""Where an action stands: from status words, from a traffic-light colour, or from progress text.

Three sources, each giving a :class:`StatusReading` (state, RAG rating, source, confidence):

* **Words** in a status column (:func:`status_from_text`). A known label ("On track", "Achieved",
  "Deferred") is *stated*; a colour word in it is the RAG rating ("Green - on track"). Anything
  else is free prose ("Initial sampling completed. Survey process continues") and is *inferred*
  like progress text, with lower confidence.
* **Progress text** (:func:`status_from_progress`): evidence of completion, of continuing work,
  of no progress, of a pause or cancellation. Partial completion plus continuing work is
  ``in_progress``; nothing recognisable is ``unknown`` with confidence 0.
* **Words and colour in one cell** (:func:`status_from_cell`): words that state a status decide
  the state, and the colour is the RAG rating ("Complete" on an amber fill: complete, amber);
  a cell of dots or shading alone, or of prose the colour reads better, is read from its colour.
* **Colour** (:func:`status_from_colour`): a dot or shading, read through the document's
  :class:`Legend` when it has one (nearest legend colour in CIELAB, so a slightly different red
  still matches), else through a hue classifier: red / amber (orange to yellow) / green rate an
  ``in_progress`` action; blue means complete.

Decisions:

* Complete carries no RAG unless the words state one: UK reports commonly use blue for complete
  *beside* the red/amber/green scale, and "Achieved" is not a rating of how well it went.
* With a legend, a colour's *state* is what its label says (a legend's orange may mean "No
  Progress", its blue "Complete"); its RAG rating is always the colour printed (red, amber —
  orange to yellow — or green; no rating for other hues), whatever the label's own wording.
* "Not complete" (seed 004) says the work is not done without saying it never began; in a
  progress report of a running plan that reads as ``in_progress``, given confidence 0.5 only.
* Free prose in a status column is ``source="inferred"``: the state was inferred, not stated.
* Several dots in one cell (seed 003: one per recommendation) give one reading per dot and a
  combined reading, the *least advanced* state: an outcome is only as done as its least-done part.
"""

from __future__ import annotations

import colorsys
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from planingest.extractor.model import ColouredRun
from planingest.normalise.records import Rag, Status, StatusSource

# --- The words, as data --------------------------------------------------------------------------

STATUS_LABELS: dict[str, tuple[Status, Rag | None]] = {
    **dict.fromkeys(
        ["on track", "on target", "progressing", "green"],
        (Status.IN_PROGRESS, Rag.GREEN),
    ),
    **dict.fromkeys(
        ["at risk", "monitor", "some slippage", "slipping", "amber"],
        (Status.IN_PROGRESS, Rag.AMBER),
    ),
    **dict.fromkeys(
        ["behind schedule", "behind", "overdue", "off track", "off target", "delayed", "red"],
        (Status.IN_PROGRESS, Rag.RED),
    ),
    **dict.fromkeys(
        ["achieved", "complete", "completed", "done", "blue", "delivered", "implemented", "closed"],
        (Status.COMPLETE, None),
    ),
    **dict.fromkeys(
        ["not started", "not yet started", "no progress", "no progress identified"],
        (Status.NOT_STARTED, None),
    ),
    **dict.fromkeys(
        ["ongoing", "on going", "continuous", "business as usual"], (Status.ONGOING, None)
    ),
    **dict.fromkeys(
        ["deferred", "carry forward", "carried forward", "on hold", "paused", "postponed"],
        (Status.ON_HOLD, None),
    ),
    **dict.fromkeys(
        ["cancelled", "canceled", "withdrawn", "no longer required", "superseded"],
        (Status.CANCELLED, None),
    ),
    # the state without a rating: "in progress" says nothing of how well it goes
    **dict.fromkeys(
        [
            "in progress",
            "underway",
            "under way",
            "started",
            "not complete",
            "not completed",
            "incomplete",
        ],
        (Status.IN_PROGRESS, None),
    ),
}
"""Whole status-column labels, lower case, punctuation dropped."""
_LONGEST_FIRST = sorted(STATUS_LABELS, key=len, reverse=True)

RAG_WORDS: dict[str, Rag | None] = {
    "red": Rag.RED,
    "amber": Rag.AMBER,
    "green": Rag.GREEN,
    "blue": None,
}

LOW_CONFIDENCE_LABELS = frozenset(["not complete", "not completed", "incomplete"])

EVIDENCE: tuple[tuple[str, str], ...] = (
    (
        "not_started",
        r"\bno (?:\w+ ){0,2}?progress(?:ion)?\b(?:[^.]*?\bidentified\b)?"
        r"|\bnot (?:yet )?(?:been )?(?:started|begun|commenced)\b"
        r"|\byet to (?:start|begin|be started)\b"
        r"|\bno actions? (?:has been |have been )?(?:undertaken|taken)\b",
    ),
    (
        "cancelled",
        r"\b(?:cancell?ed|withdrawn|no longer (?:required|needed|applicable)"
        r"|not be (?:progressed|taken forward)|superseded)\b",
    ),
    ("on_hold", r"\b(?:deferred|on hold|paused|postponed|carr(?:y|ied) forward|suspended)\b"),
    (
        "continuing",
        r"\bnot (?:yet |been |fully )*(?:complete|completed|implemented|delivered"
        r"|achieved|finished|in place)\b|\bincomplete\b"
        r"|\b(?:to be|will be|due to be|expected to be|will) (?:\w+ly )?(?:complete|completed"
        r"|implemented|delivered|published|launched|finished|produced|developed|start|begin)\b"
        r"|\bawaiting\b|\bcurrently \w+ing\b|\b(?:reviewing|investigating|developing|exploring)\b"
        r"|\b(?:looking (?:to|at|into)|working (?:on|with|towards))\b"
        r"|\bto (?:provide|review|deliver|develop|update|agree|confirm|finalise)\b",
    ),
    (
        "complete",
        r"\b(?:complete|completed|achieved|implemented|delivered|published|launched"
        r"|in place|appointed|finished|rolled out|taken place)\b",
    ),
    (
        "partial",
        r"\b(?:has|have|had) been (?!identified\b)\w+(?:ed|en)\b"
        r"|\b(?:obtained|secured|approved|agreed|drafted|revised|refreshed|expanded|set up)\b",
    ),
    (
        "continuing",
        r"\b(?:continues|continue|continuing|continued|underway|under way|in progress"
        r"|progressing|has started|have started|has begun|started|being \w+(?:ed|en)"
        r"|in development|under (?:review|development|consideration)|planned|work is)\b",
    ),
    ("ongoing", r"\b(?:ongoing|on-going|continuous|business as usual)\b"),
)
"""Evidence found in prose, tried in order; each match is blanked so that later, broader patterns
do not see it again ("no progress has been identified" is not a "has been …ed" completion,
"to be completed" is not "completed")."""

# --- Readings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusReading:
    """One interpretation of a status: state, RAG, where it came from, and how sure it is."""

    status: Status
    rag: Rag | None
    source: StatusSource
    confidence: float
    text: str
    """The words the reading came from (for a colour: the legend label, or the colour's name)."""


def _unknown(text: str, source: StatusSource) -> StatusReading:
    return StatusReading(Status.UNKNOWN, None, source, 0.0, text)


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def status_from_text(text: str) -> StatusReading:
    """The reading of a status/RAG column cell: a known label, a colour word, or prose."""
    words = _normal(text)
    if not words:
        return _unknown(text, "stated")
    if words in STATUS_LABELS:
        status, rag = STATUS_LABELS[words]
        confidence = 0.5 if words in LOW_CONFIDENCE_LABELS else 0.95
        return StatusReading(status, rag, "stated", confidence, text)
    tokens = words.split()
    colours = [t for t in tokens if t in RAG_WORDS]
    rest = " ".join(t for t in tokens if t not in RAG_WORDS)
    if len(colours) == 1 and rest in STATUS_LABELS:
        status, _ = STATUS_LABELS[rest]
        return StatusReading(status, RAG_WORDS[colours[0]], "stated", 0.9, text)
    if len(tokens) <= 4:
        for label in _LONGEST_FIRST:
            if words.startswith(label + " "):
                status, rag = _with_qualifier(STATUS_LABELS[label], words[len(label) + 1 :])
                confidence = 0.4 if label in LOW_CONFIDENCE_LABELS else 0.8
                return StatusReading(status, rag, "stated", confidence, text)
    return _infer(text)


def _with_qualifier(reading: tuple[Status, Rag | None], rest: str) -> tuple[Status, Rag | None]:
    """A label followed by another ("Underway - behind schedule", "Started, now paused"): the
    second says how it goes (its RAG) and, unless it only says in progress, where it stands."""
    status, rag = reading
    for label in _LONGEST_FIRST:
        if re.search(rf"\b{re.escape(label)}\b", rest):
            second, second_rag = STATUS_LABELS[label]
            return (status if second == Status.IN_PROGRESS else second), second_rag or rag
    return status, rag


def status_from_progress(text: str) -> StatusReading:
    """The state progress prose implies ("Work is underway…" → in progress); always inferred."""
    words = _normal(text)
    if words in STATUS_LABELS and words not in RAG_WORDS:
        status, rag = STATUS_LABELS[words]
        return StatusReading(status, rag, "inferred", 0.8, text)
    return _infer(text)


def _infer(text: str) -> StatusReading:
    prose = " ".join(text.lower().split())
    found: set[str] = set()
    for kind, pattern in EVIDENCE:
        prose, hits = re.subn(pattern, " ~ ", prose)
        if hits:
            found.add(kind)
    progressed = found & {"complete", "continuing", "partial"}
    if "cancelled" in found:
        return StatusReading(Status.CANCELLED, None, "inferred", 0.7, text)
    if "on_hold" in found:
        return StatusReading(Status.ON_HOLD, None, "inferred", 0.7, text)
    if "not_started" in found:
        if progressed:
            return StatusReading(Status.IN_PROGRESS, None, "inferred", 0.4, text)
        return StatusReading(Status.NOT_STARTED, None, "inferred", 0.7, text)
    if "continuing" in found:
        return StatusReading(Status.IN_PROGRESS, None, "inferred", 0.6, text)
    if "complete" in found:
        return StatusReading(Status.COMPLETE, None, "inferred", 0.6, text)
    if "partial" in found:
        # Steps taken ("form has been revised") without the action said to be done.
        return StatusReading(Status.IN_PROGRESS, None, "inferred", 0.5, text)
    if "ongoing" in found:
        return StatusReading(Status.ONGOING, None, "inferred", 0.6, text)
    return _unknown(text, "inferred")


# --- Colour ------------------------------------------------------------------------------------

HUE_CLASSES: tuple[tuple[float, float, str], ...] = (
    (0, 15, "red"),
    (15, 70, "amber"),
    (70, 170, "green"),
    (170, 260, "blue"),
    (330, 360, "red"),
)
"""Hue ranges (degrees) of the generic classifier; purple/pink (260-330) mean nothing."""

COLOUR_MEANINGS: dict[str, tuple[Status, Rag | None]] = {
    "red": (Status.IN_PROGRESS, Rag.RED),
    "amber": (Status.IN_PROGRESS, Rag.AMBER),
    "green": (Status.IN_PROGRESS, Rag.GREEN),
    "blue": (Status.COMPLETE, None),
}

MIN_SATURATION = 0.25
MIN_VALUE = 0.2
"""Below these a colour is grey, black or near white: no traffic light."""

LEGEND_MAX_DISTANCE = 50.0
"""CIELAB ΔE beyond which a colour is no legend colour (the generic classifier reads it)."""
LEGEND_CLOSE_DISTANCE = 15.0

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def _rgb(colour: str) -> tuple[float, float, float] | None:
    match = _HEX.match(colour.strip())
    if not match:
        return None
    value = match.group(1)
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


def colour_class(colour: str) -> str | None:
    """ "red", "amber", "green", "blue", or None (grey, black, white, purple, not a colour)."""
    rgb = _rgb(colour)
    if rgb is None:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(*rgb)
    if saturation < MIN_SATURATION or value < MIN_VALUE:
        return None
    degrees = hue * 360
    return next((name for low, high, name in HUE_CLASSES if low <= degrees < high), None)


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """sRGB (0-1) to CIELAB under D65."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def colour_distance(first: str, second: str) -> float:
    """CIELAB ΔE (1976) between two "#rrggbb" colours; infinite if either is not a colour."""
    a, b = _rgb(first), _rgb(second)
    if a is None or b is None:
        return math.inf
    return math.dist(_lab(a), _lab(b))


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str
    reading: StatusReading


@dataclass(frozen=True)
class Legend:
    """What each colour means in one document ("● No Progress ● Progressing ● Achieved")."""

    entries: tuple[LegendEntry, ...]

    @classmethod
    def from_runs(cls, text: str, runs: Sequence[ColouredRun]) -> Legend | None:
        """Pair each coloured run (a dot, or coloured words) with the label it marks.

        The label is the text after the dot up to the next dot (or, when nothing follows the last
        dot, the text before each dot: "No Progress ●"); coloured words are their own label.
        Labels that are no known status are skipped; no entry at all gives None.
        """
        spans: list[tuple[int, int, ColouredRun]] = []
        cursor = 0
        for run in runs:
            start = text.find(run.text, cursor) if run.text.strip() else -1
            if start < 0:
                continue
            spans.append((start, start + len(run.text), run))
            cursor = start + len(run.text)
        if not spans:
            return None
        # "No Progress ●" legends put every label before its dot: nothing follows the last dot.
        labels_first = not _label(text[spans[-1][1] :]) and bool(_label(text[: spans[0][0]]))
        entries: dict[str, LegendEntry] = {}
        for index, (start, end, run) in enumerate(spans):
            if labels_first:
                label = _label(text[spans[index - 1][1] if index else 0 : start])
            else:
                label = _label(text[end : spans[index + 1][0] if index + 1 < len(spans) else None])
            label = _label(run.text) or label
            reading = status_from_text(label) if label else None
            colour = run.colour.lower()
            if reading is None or reading.status is Status.UNKNOWN or colour in entries:
                continue
            entries[colour] = LegendEntry(colour, label, replace(reading, source="colour"))
        return cls(tuple(entries.values())) if entries else None

    def nearest(self, colour: str) -> tuple[LegendEntry, float] | None:
        if not self.entries:
            return None
        entry = min(self.entries, key=lambda e: colour_distance(colour, e.colour))
        return entry, colour_distance(colour, entry.colour)


def _label(text: str) -> str:
    """The first line of letters in ``text``, without dots, bullets and punctuation around it."""
    for line in text.splitlines():
        label = line.strip(" \t●•○◉⬤■▪-–:=|,;.")
        if re.search(r"[A-Za-z]", label):
            return " ".join(label.split())
    return ""


def printed_rag(colour: str) -> Rag | None:
    """The RAG rating a colour shows: red, amber (orange to yellow) or green; None otherwise."""
    name = colour_class(colour)
    return COLOUR_MEANINGS[name][1] if name else None


def status_from_colour(colour: str, legend: Legend | None = None) -> StatusReading:
    """The reading of a dot or shading colour: the document's legend decides when it has the
    colour (nearest within ΔE 50), otherwise the generic red/amber/green/blue classifier."""
    if legend is not None:
        found = legend.nearest(colour)
        if found is not None and found[1] <= LEGEND_MAX_DISTANCE:
            entry, distance = found
            confidence = 0.9 if distance <= LEGEND_CLOSE_DISTANCE else 0.75
            return replace(entry.reading, rag=printed_rag(colour), confidence=confidence)
    name = colour_class(colour)
    if name is None:
        return _unknown(colour, "colour")
    status, rag = COLOUR_MEANINGS[name]
    return StatusReading(status, rag, "colour", 0.6, name)


# --- Several dots in one cell ---------------------------------------------------------------

ADVANCEMENT: dict[Status, int] = {
    Status.NOT_STARTED: 0,
    Status.ON_HOLD: 1,
    Status.IN_PROGRESS: 2,
    Status.ONGOING: 3,
    Status.COMPLETE: 4,
}
"""How far along each state is; cancelled and unknown parts do not hold an outcome back."""

RAG_SEVERITY: dict[Rag | None, int] = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2, None: 3}


@dataclass(frozen=True)
class DotReadings:
    """One reading per dot, and the cell's combined (least advanced) reading."""

    each: tuple[StatusReading, ...]
    combined: StatusReading


def status_from_colours(colours: Iterable[str], legend: Legend | None = None) -> DotReadings:
    """Read every dot of a cell; the combined state is the least advanced one (worst RAG on a
    tie), with the lowest confidence among the dots."""
    each = tuple(status_from_colour(c, legend) for c in colours)
    counted = [r for r in each if r.status in ADVANCEMENT] or [
        r for r in each if r.status is Status.CANCELLED
    ]
    if not counted:
        return DotReadings(each, _unknown(" / ".join(r.text for r in each), "colour"))
    least = min(counted, key=lambda r: (ADVANCEMENT.get(r.status, 0), RAG_SEVERITY[r.rag]))
    combined = replace(
        least,
        confidence=min(r.confidence for r in counted),
        text=" / ".join(r.text for r in each),
    )
    return DotReadings(each, combined)


def status_from_cell(
    text: str, colours: Sequence[str], legend: Legend | None = None
) -> StatusReading | None:
    """The reading of a status cell: its words (:func:`status_from_text`) and its colours (dots
    or shading, :func:`status_from_colours`). A status the words state wins, with the colour's
    RAG where the words give none; otherwise a colour that means something; otherwise the words,
    taken as stated (a status column's own text). None for a cell with neither. Words that are
    only a colour ("Amber") rate the action and state no status: the colour is read then."""
    words = status_from_text(text) if text.strip() else None
    colour = status_from_colours(colours, legend).combined if colours else None
    if colour is not None and colour.status is Status.UNKNOWN:
        colour = None
    if (
        words is not None
        and words.source == "stated"
        and words.status is not Status.UNKNOWN
        and not set(_normal(text).split()) <= set(RAG_WORDS)
    ):
        return replace(words, rag=words.rag or (colour.rag if colour else None))
    if colour is not None:
        return colour
    return replace(words, source="stated") if words is not None else None
