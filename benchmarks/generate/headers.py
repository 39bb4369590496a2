"""Column titles (or, transposed, row labels) per field: the lexicon's words, synonyms it does
not list, abbreviations, and how they are typeset (case, typos, two lines).

The gold depends on a title only where the conventions keep it as written: a progress entry's
``label`` (and its ``as_of`` from the month it names). Everything else is read by its role.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

WORDINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "lexicon": {
        "theme": ("Theme", "Priority", "Workstream"),
        "ref": ("Ref", "Reference", "Action No"),
        "outcome": ("Outcome", "Desired Outcome", "Key Outputs"),
        "action": ("Action", "Key Action", "Activities"),
        "lead": ("Lead Officer", "Lead", "Action Owner", "Responsible Officer"),
        "deadline": ("Deadline", "Target Date", "Timescale", "Due Date"),
        "status": ("Status", "RAG Status", "Current Status"),
        "progress": ("Progress Update", "Comments", "Update"),
    },
    "synonym": {
        "theme": ("Focus Area", "Strategic Priority", "Pillar"),
        "ref": ("Item Number", "Action Reference", "Line"),
        "outcome": (
            "Intended Result",
            "Outcome Sought",
            "What we want to achieve",
            "Expected Result",
        ),  # fmt: skip
        "action": (
            "Planned Action",
            "Proposed Action",
            "Actions to be taken",
            "Commitment",
            "Intervention",
            "Key Tasks",
        ),  # fmt: skip
        "lead": (
            "Led by",
            "Delivery Lead",
            "Who is responsible",
            "Accountable Manager",
            "Responsible Person",
            "Lead Officer(s)",
        ),  # fmt: skip
        "deadline": (
            "Target Completion",
            "Completion by",
            "Delivery Date",
            "Due by",
            "Timeline",
            "End Date",
        ),  # fmt: skip
        "status": ("Delivery Status", "Progress Status", "Position", "RAG Rating (current)"),
        "progress": (
            "Progress Notes",
            "Latest position",
            "Narrative",
            "Remarks",
            "Position Statement",
        ),  # fmt: skip
    },
    "abbrev": {
        "theme": ("Prty", "Theme(s)"),
        "ref": ("#", "No.", "Ref #"),
        "outcome": ("Outcome(s)", "Exp. Outcome"),
        "action": ("Action(s)", "Actn", "Key Actn"),
        "lead": ("Resp.", "Lead Off.", "Resp. Officer"),
        "deadline": ("Tgt Date", "Target Dt", "Due"),
        "status": ("R/A/G", "RAG", "Stat."),
        "progress": ("Prog. Update", "Cmts", "Update"),
    },
}
WORDING_KINDS = tuple(WORDINGS)
CASES = ("as_is", "upper", "lower", "title")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class HeaderStyle:
    wording: str
    case: str
    typo: bool
    two_line: bool
    turned: bool

    def features(self) -> dict[str, str]:
        return {
            "header_words": self.wording,
            "header_case": self.case,
            "header_typo": "yes" if self.typo else "no",
            "header_lines": "two" if self.two_line else "one",
            "header_turned": "yes" if self.turned else "no",
        }


def _cased(text: str, case: str) -> str:
    if case == "upper":
        return text.upper()
    if case == "lower":
        return text.lower()
    if case == "title":
        return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))
    return text


def _typo(rng: random.Random, text: str) -> str:
    """Swap two neighbouring letters of the longest word (as a hurried typist does)."""
    words = text.split(" ")
    i = max(range(len(words)), key=lambda k: len(words[k]))
    word = words[i]
    if len(word) < 5:
        return text
    j = rng.randint(1, len(word) - 3)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def _two_lines(text: str) -> str:
    words = text.split(" ")
    if len(words) < 2:
        return text
    half = (len(words) + 1) // 2
    return " ".join(words[:half]) + "\n" + " ".join(words[half:])


def title(rng: random.Random, field: str, style: HeaderStyle, *, typo_here: bool) -> str:
    """A field's title; ``\\n`` marks the break of a two-line title."""
    text = rng.choice(WORDINGS[style.wording][field])
    text = _cased(text, style.case)
    if typo_here:
        text = _typo(rng, text)
    return _two_lines(text) if style.two_line else text


def dated_progress_title(rng: random.Random, year: int, month: int, style: HeaderStyle) -> str:
    """An update column named by its month ("October 2023 Update"); as_of is that month's 1st."""
    name = MONTHS[month - 1]
    text = rng.choice([f"{name} {year} Update", f"Update {name} {year}",
                       f"{name} {year} Progress", f"Position at {name} {year}"])  # fmt: skip
    text = _cased(text, style.case)
    return _two_lines(text) if style.two_line else text
