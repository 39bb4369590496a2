"""How a plan states where an action stands, and what the gold status is (CONVENTIONS "Status").

One *mode* per document (the manifest's ``status`` feature). Progress texts carry the status the
conventions infer from them, used when the plan has no status column.
Decisions beyond the conventions: a bare RAG word ("Amber") in the status column is stated,
in_progress with that rating. A legend colour's state is its label's; its ``rag`` is the colour
printed when that is red, amber (orange too) or green, whatever the label (a blue dot meaning
"Progressing" has no rating, a red one meaning "No progress" is red), as CONVENTIONS says.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MODES = (
    "words", "rag_words", "coloured_text", "legend_header", "legend_footer", "legend_key_table",
    "legend_body", "fill_only", "none",
)  # fmt: skip
LEGEND_MODES = ("legend_header", "legend_footer", "legend_key_table", "legend_body")

RED, AMBER, GREEN, BLUE = "FF0000", "FFC000", "00B050", "0070C0"
ORANGE, PURPLE, GREY, TEAL, PINK = "ED7D31", "7030A0", "808080", "00A3A3", "E83E8C"
RAG_OF = {RED: "red", AMBER: "amber", ORANGE: "amber", GREEN: "green"}


@dataclass(frozen=True)
class Gold:
    status: str
    rag: str | None
    source: str | None


# word → gold when written in a status column
WORDS: dict[str, tuple[str, str | None]] = {
    "Complete": ("complete", None),
    "Achieved": ("complete", None),
    "On track": ("in_progress", "green"),
    "Progressing": ("in_progress", "green"),
    "At risk": ("in_progress", "amber"),
    "Behind schedule": ("in_progress", "red"),
    "Overdue": ("in_progress", "red"),
    "Not started": ("not_started", None),
    "Ongoing": ("ongoing", None),
    "On hold": ("on_hold", None),
    "Deferred": ("on_hold", None),
    "Cancelled": ("cancelled", None),
}
RAG_WORDS = {"Red": "red", "Amber": "amber", "Green": "green"}
WORD_COLOUR = {"complete": BLUE, "green": GREEN, "amber": AMBER, "red": RED}

LEGEND_LABELS: tuple[tuple[str, str], ...] = (
    ("No Progress", "not_started"),
    ("Not started", "not_started"),
    ("Progressing", "in_progress"),
    ("On track", "in_progress"),
    ("At risk", "in_progress"),
    ("Achieved", "complete"),
    ("Complete", "complete"),
)
PALETTES = (
    (RED, GREEN, BLUE), (RED, AMBER, GREEN), (GREY, ORANGE, GREEN), (PURPLE, BLUE, TEAL),
    (RED, ORANGE, BLUE), (PINK, GREEN, GREY),
)  # fmt: skip
# (not started, in progress, complete) meanings; a fourth "At risk" colour is not used.
LEGEND_SETS = ((0, 2, 5), (1, 3, 6), (0, 3, 5), (1, 2, 6))

FILLS = {RED: ("in_progress", "red"), AMBER: ("in_progress", "amber"),
         GREEN: ("in_progress", "green"), BLUE: ("complete", None)}  # fmt: skip

PROGRESS_TEXTS: tuple[tuple[str, str], ...] = (
    ("Work is underway with partners and a first draft is being developed.", "in_progress"),
    ("Scoping started in the autumn; we are awaiting confirmation of the budget.", "in_progress"),
    ("The pilot continues in two wards and early feedback is positive.", "in_progress"),
    ("Consultation has started and responses are being analysed.", "in_progress"),
    ("The action was completed in full and signed off by the board.", "complete"),
    ("Implemented across all sites during the year.", "complete"),
    ("The guidance was published on the website and shared with staff.", "complete"),
    ("No progress this period owing to staff vacancies.", "not_started"),
    ("No action undertaken yet; this is planned for next year.", "not_started"),
)


@dataclass(frozen=True)
class Legend:
    """Colour → (label, gold) for one document."""

    entries: tuple[tuple[str, str, Gold], ...]

    def text_parts(self) -> list[tuple[str, str | None]]:
        """Runs of a one-line legend: a coloured dot, then its label."""
        parts: list[tuple[str, str | None]] = []
        for colour, label, _ in self.entries:
            parts += [("● ", colour), (f"{label}   ", None)]
        return parts


def make_legend(rng: random.Random) -> Legend:
    palette = rng.choice(PALETTES)
    labels = [LEGEND_LABELS[i] for i in rng.choice(LEGEND_SETS)]
    entries = []
    for colour, (label, status) in zip(palette, labels, strict=True):
        entries.append((colour, label, Gold(status, RAG_OF.get(colour), "colour")))
    return Legend(tuple(entries))


@dataclass(frozen=True)
class StatusCell:
    """What one status cell shows: text (maybe coloured), a dot colour or a fill, and its gold."""

    text: str = ""
    colour: str | None = None
    fill: str | None = None
    gold: Gold = Gold("unknown", None, None)


def status_cell(rng: random.Random, mode: str, legend: Legend | None) -> StatusCell:
    if mode == "words":
        word = rng.choice(list(WORDS))
        return StatusCell(word, gold=Gold(*WORDS[word], "stated"))
    if mode == "rag_words":
        word = rng.choice(list(RAG_WORDS))
        return StatusCell(word, gold=Gold("in_progress", RAG_WORDS[word], "stated"))
    if mode == "coloured_text":
        word = rng.choice([w for w, (s, r) in WORDS.items() if r or s == "complete"])
        status, rag = WORDS[word]
        return StatusCell(word, colour=WORD_COLOUR[rag or status], gold=Gold(status, rag, "stated"))
    if mode in LEGEND_MODES:
        assert legend is not None
        colour, _, gold = rng.choice(legend.entries)
        return StatusCell("●", colour=colour, gold=gold)
    if mode == "fill_only":
        fill = rng.choice(list(FILLS))
        return StatusCell(fill=fill, gold=Gold(*FILLS[fill], "colour"))
    raise ValueError(f"no status cell in mode {mode!r}")


def inferred(progress_status: str | None) -> Gold:
    """Gold of a record with no status column: from its latest progress text, else unknown."""
    if progress_status is None:
        return Gold("unknown", None, None)
    return Gold(progress_status, None, "inferred")
