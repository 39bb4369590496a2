"""Header → canonical field mapping, driven by the column lexicon (``column-lexicon.yaml`` here).

Exact synonym first, then a regular-expression pattern, then fuzzy (rapidfuzz) — so "Deadlines for
Completion", "Dead-lines for completion" and "Deadline for completon" all find ``deadline``, while a
header the lexicon cannot place is kept (it goes to ``extra``) rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from rapidfuzz import fuzz, process

from planingest.normalise.records import LeadCapacity

Field = Literal[
    "ref",
    "theme",
    "objective",
    "outcome",
    "action",
    "lead",
    "deadline",
    "status",
    "progress",
    "measures",
    "status_or_progress",
    "extra",
]
SINGLE_VALUED: frozenset[str] = frozenset(
    {"ref", "theme", "objective", "outcome", "action", "deadline", "status", "measures"}
)


@dataclass(frozen=True)
class LexiconEntry:
    field: Field
    headers: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...] = ()
    rank: int = 1
    otherwise: Field = "extra"
    capacity: LeadCapacity = "lead"


@dataclass(frozen=True)
class ColumnMatch:
    """What one header means: the entry it matched and how sure we are (1.0 exact)."""

    header: str
    entry: LexiconEntry | None
    score: float

    @property
    def field(self) -> Field:
        return self.entry.field if self.entry else "extra"


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[LexiconEntry, ...]
    fuzzy_threshold: float

    @cache  # noqa: B019 - lexicons are few and immutable; the cache lives as long as they do
    def _choices(self) -> dict[str, LexiconEntry]:
        return {clean_header(h): e for e in self.entries for h in e.headers}

    @cache  # noqa: B019
    def _unspaced(self) -> dict[str, LexiconEntry]:
        return {k.replace(" ", ""): e for k, e in reversed(self._choices().items())}

    def match(self, header: str) -> ColumnMatch:
        """The lexicon entry a header means, or a match with ``entry=None``."""
        key = clean_header(header)
        if not key:
            return ColumnMatch(header, None, 0.0)
        choices = self._choices()
        if key in choices:
            return ColumnMatch(header, choices[key], 1.0)
        # A header wrapped inside a narrow cell ("Re f", "Dead lines"): the words rejoined.
        if (unspaced := self._unspaced().get(key.replace(" ", ""))) is not None:
            return ColumnMatch(header, unspaced, 0.97)
        for entry in self.entries:
            if any(p.search(key) for p in entry.patterns):
                return ColumnMatch(header, entry, 0.95)
        best = process.extractOne(key, list(choices), scorer=fuzz.ratio)
        if best and best[1] >= self.fuzzy_threshold:
            return ColumnMatch(header, choices[best[0]], best[1] / 100)
        return ColumnMatch(header, None, 0.0)


def clean_header(text: str) -> str:
    """Lower case, punctuation and line breaks to spaces, whitespace collapsed."""
    text = re.sub(r"[^\w/]+", " ", text.lower().replace("(s)", "s"))
    return " ".join(text.split())


def _entry(raw: dict[str, Any]) -> LexiconEntry:
    return LexiconEntry(
        field=raw["field"],
        headers=tuple(str(h) for h in raw.get("headers", ())),
        patterns=tuple(re.compile(p) for p in raw.get("patterns", ())),
        rank=int(raw.get("rank", 1)),
        otherwise=raw.get("otherwise", "extra"),
        capacity=raw.get("capacity", "lead"),
    )


def _read(text: str) -> tuple[list[LexiconEntry], float | None]:
    data = yaml.safe_load(text) or {}
    return [_entry(e) for e in data.get("entries", [])], data.get("fuzzy_threshold")


def shipped_lexicon() -> str:
    """The lexicon as shipped in the package (``schemas/column-lexicon.yaml`` is its copy for
    readers of the repository, written and checked by ``planingest schema``)."""
    return resources.files("planingest.normalise").joinpath("column-lexicon.yaml").read_text()


@cache
def load_lexicon(extra_path: str | None = None) -> Lexicon:
    """The shipped lexicon, plus the entries of ``extra_path`` (the ``lexicon`` setting)."""
    entries, threshold = _read(shipped_lexicon())
    if extra_path:
        more, more_threshold = _read(Path(extra_path).read_text(encoding="utf-8"))
        # A user's entries come first, so they win an exact tie with the shipped ones.
        entries = more + entries
        threshold = more_threshold or threshold
    return Lexicon(tuple(entries), float(threshold or 88))
