"""Column roles learnt from generated plans: what a column holds, read from its header words
*and* its cells, for headers the column lexicon does not know.

A column of dates is a deadline column whatever its header says; personal names and teams are
leads; long sentences opening with a verb are actions; status words or bare coloured dots are a
status; short codes ("1.2", "3a") are refs; dated prose is progress. :func:`features` turns a
column into header tokens, header character n-grams and cell statistics; the model is a
multinomial logistic regression fitted by ``benchmarks/train_columns.py`` (scikit-learn) on
columns of generated plans and the lexicon's own headers, shipped as its fitted weights in
``column-roles.json`` and applied here in plain Python: deterministic, small, no learning library
at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from planingest.normalise.columns import clean_header
from planingest.normalise.deadlines import parse_deadline
from planingest.normalise.records import Status
from planingest.normalise.status import status_from_text
from planingest.normalise.text import looks_like_ref

MODEL_FILE = "column-roles.json"
MAX_CELLS = 40
"""Cells read per column: enough for the statistics, cheap on long tables."""
DATE_WORDS = 10
"""Longer cells are prose, not a date, even when they name one."""
VERBS = frozenset(
    """
    achieve adopt agree align analyse appoint arrange assess audit build carry collate collect
    commission complete conduct consider consult continue coordinate create customise define
    deliver design develop draft embed encourage engage enhance ensure establish evaluate
    expand explore extend facilitate finalise gather hold identify implement improve increase
    install introduce investigate launch lead maintain map monitor offer organise pilot plan
    prepare produce promote provide publish raise recruit reduce refresh report research review
    revise roll run scope seek set share source strengthen support take train undertake update
    upgrade use work write
    """.split()  # noqa: SIM905 - a word list reads best as words
)
"""Common first words of plan actions: a cheap stand-in for a part-of-speech tagger."""
_TEAM = re.compile(
    r"\b(?:team|service|services|department|directorate|unit|board|group|officer|manager|head"
    r"|director|lead|coordinator|partnership|council|hr|it|all)\b",
    re.I,
)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’-]+|[A-Z]\.?|Dr|Mr|Mrs|Ms|Cllr)$")
_DATED = re.compile(
    r"^\W*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\s+\d{4}"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{4}|Q[1-4]\b)"
)
_SYMBOLS = re.compile(r"^[^\w]+$")


@dataclass(frozen=True)
class ColumnSample:
    """A column as the classifier sees it: its header and its data cells."""

    header: str
    cells: tuple[str, ...]
    marked: tuple[bool, ...] = ()
    """Per cell: whether it carries a colour (a fill or coloured text), in step with ``cells``."""


@dataclass(frozen=True)
class RolePrediction:
    role: str
    probability: float


def _header_features(header: str) -> dict[str, float]:
    words = clean_header(header).replace("/", " / ").split()
    if not words:
        return {"h:none": 1.0}
    grams = [f"c:{w[i : i + n]}" for w in (f"<{w}>" for w in words) for n in (3, 4)
             for i in range(max(1, len(w) - n + 1))]  # fmt: skip
    out: dict[str, float] = {}
    for token in [f"w:{w}" for w in words] + grams:
        out[token] = out.get(token, 0.0) + 1.0
    norm = math.sqrt(sum(v * v for v in out.values()))
    return {k: v / norm for k, v in out.items()}


def _is_date(text: str) -> bool:
    if len(text.split()) > DATE_WORDS:
        return False
    deadline = parse_deadline(text)
    return deadline.earliest is not None or deadline.latest is not None


def _is_name_list(text: str) -> bool:
    """Names, roles or teams: short capitalised words, no sentence."""
    parts = [p for p in re.split(r"\s*(?:,|&|/|\band\b|\n|\(|\))\s*", text) if p.strip()]
    if not parts or text.rstrip().endswith("."):
        return False
    words = [w for p in parts for w in p.split()]
    capital = [w for w in words if _NAME_WORD.match(w) or w.isupper()]
    return len(words) <= 12 and len(capital) >= 0.6 * len(words)


def _cell_features(cells: Sequence[str], marked: Sequence[bool]) -> dict[str, float]:
    cells = [" ".join(c.split()) for c in cells[:MAX_CELLS]]
    n = len(cells)
    if not n:
        return {"n:no_cells": 1.0}
    filled = [c for c in cells if c]
    coloured = sum(1 for m in marked[:MAX_CELLS] if m)
    out = {"n:fill": len(filled) / n, "n:marked": coloured / n}
    if not filled:
        out["n:all_empty"] = 1.0
        return out
    k = len(filled)
    lengths = [len(c.split()) for c in filled]

    def share(flags: Sequence[bool]) -> float:
        return sum(1 for f in flags if f) / k

    out.update(
        {
            "n:date": share([_is_date(c) for c in filled]),
            "n:status": share(
                [
                    len(c.split()) <= 5 and status_from_text(c).status != Status.UNKNOWN
                    for c in filled
                ]  # fmt: skip
            ),
            "n:ref": share([looks_like_ref(c) for c in filled]),
            "n:names": share([_is_name_list(c) for c in filled]),
            "n:team": share(
                [bool(_TEAM.search(c)) and n_ <= 8 for c, n_ in zip(filled, lengths, strict=True)]
            ),
            "n:verb_first": share([c.split()[0].lower().strip(",.:") in VERBS for c in filled]),
            "n:dated_prose": share(
                [bool(_DATED.match(c)) and n_ > 5 for c, n_ in zip(filled, lengths, strict=True)]
            ),  # fmt: skip
            "n:symbols": share([bool(_SYMBOLS.match(c)) for c in filled]),
            "n:digits": share([any(ch.isdigit() for ch in c) for c in filled]),
            "n:sentence": share([c.endswith(".") for c in filled]),
            "n:short": share([n_ <= 3 for n_ in lengths]),
            "n:long": share([n_ > 12 for n_ in lengths]),
            "n:very_long": share([n_ > 30 for n_ in lengths]),
            "n:mean_words": min(1.0, math.log1p(sum(lengths) / k) / 4),
            "n:distinct": len(set(filled)) / k,
        }
    )
    return out


def features(sample: ColumnSample) -> dict[str, float]:
    """The column's features: header tokens and n-grams, and statistics of its cells."""
    return _header_features(sample.header) | _cell_features(sample.cells, sample.marked)


@dataclass(frozen=True)
class RoleModel:
    """A fitted multinomial logistic regression: one weight per feature and role."""

    roles: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, sample: ColumnSample) -> dict[str, float]:
        scores = list(self.intercept)
        for name, value in features(sample).items():
            for i, w in enumerate(self.weights.get(name, ())):
                scores[i] += w * value
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {role: e / total for role, e in zip(self.roles, exp, strict=True)}

    def predict(self, sample: ColumnSample) -> RolePrediction:
        probs = self.probabilities(sample)
        role = max(probs, key=lambda r: probs[r])
        return RolePrediction(role, probs[role])

    def to_json(self) -> dict[str, Any]:
        return {"roles": list(self.roles), "intercept": list(self.intercept),
                "weights": {k: list(v) for k, v in sorted(self.weights.items())}}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoleModel:
        return cls(
            tuple(data["roles"]),
            tuple(float(x) for x in data["intercept"]),
            {k: tuple(float(x) for x in v) for k, v in data["weights"].items()},
        )


@cache
def shipped_model() -> RoleModel:
    """The model shipped with the package (``column-roles.json``)."""
    text = resources.files("planingest.normalise").joinpath(MODEL_FILE).read_text()
    return RoleModel.from_json(json.loads(text))
