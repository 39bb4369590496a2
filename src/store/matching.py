"""Tie each action of a new edition to its earlier self (pure: no database).

Order of evidence:

1. a person's ruling (``manual_link``): *link* forces a pair, *unlink* forbids one;
2. the reference, where it is unique in both editions and the wording agrees
   (``token_set_ratio`` >= :data:`REF_TEXT_MIN`: refs get renumbered, so a bare ref is not
   trusted);
3. fuzzy text (action + outcome) with a one-to-one optimal assignment
   (``scipy.optimize.linear_sum_assignment``), so two similar actions never both claim the same
   earlier one, as a greedy best-first could. Pairs >= :data:`AUTO_ACCEPT` are accepted,
   :data:`REVIEW_FROM`..:data:`AUTO_ACCEPT` accepted and flagged for review, lower ones are
   added/removed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

import numpy as np
from rapidfuzz import fuzz, process, utils

REF_TEXT_MIN = 80.0
AUTO_ACCEPT = 90.0
REVIEW_FROM = 70.0

MatchMethod = Literal["ref", "fuzzy", "manual", "new"]
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Candidate:
    """What matching needs to know of one action (earlier) or record (new)."""

    ref: str | None
    action_text: str
    outcome: str | None

    @property
    def text(self) -> str:
        return f"{self.action_text} {self.outcome or ''}".strip()


@dataclass(frozen=True)
class Match(Generic[K]):
    earlier: K | None
    """Key of the earlier action, or None for a new one."""
    method: MatchMethod
    score: float | None
    review: bool = False


_SPACE = re.compile(r"\s+")


def _norm_ref(ref: str | None) -> str | None:
    if ref is None:
        return None
    norm = _SPACE.sub(" ", ref).strip().rstrip(".").lower()
    return norm or None


def _unique_refs(refs: Sequence[str | None]) -> dict[str, int]:
    counts = Counter(ref for ref in refs if ref is not None)
    return {ref: i for i, ref in enumerate(refs) if ref is not None and counts[ref] == 1}


def match_actions(
    earlier: dict[K, Candidate],
    new: Sequence[Candidate],
    *,
    linked: dict[int, K] | None = None,
    unlinked: set[tuple[K, int]] | None = None,
) -> list[Match[K]]:
    """One :class:`Match` per new record. ``linked`` maps a new record's index to the earlier
    key a person said it is; ``unlinked`` holds (earlier key, new index) pairs never to tie."""
    linked = linked or {}
    unlinked = unlinked or set()
    result: list[Match[K] | None] = [None] * len(new)
    free_earlier = dict(earlier)

    for index, key in sorted(linked.items()):
        if key in free_earlier and 0 <= index < len(new):
            result[index] = Match(key, "manual", None)
            del free_earlier[key]

    keys = list(free_earlier)
    earlier_refs = _unique_refs([_norm_ref(free_earlier[k].ref) for k in keys])
    new_refs = _unique_refs(
        [_norm_ref(c.ref) if result[i] is None else None for i, c in enumerate(new)]
    )
    for ref, new_index in new_refs.items():
        earlier_index = earlier_refs.get(ref)
        if earlier_index is None:
            continue
        key = keys[earlier_index]
        if (key, new_index) in unlinked:
            continue
        score = fuzz.token_set_ratio(
            free_earlier[key].action_text,
            new[new_index].action_text,
            processor=utils.default_process,
        )
        if score >= REF_TEXT_MIN:
            result[new_index] = Match(key, "ref", round(score, 2))
            del free_earlier[key]

    rows = [i for i, match in enumerate(result) if match is None]
    cols = list(free_earlier)
    if rows and cols:
        scores = process.cdist(
            [new[i].text for i in rows],
            [free_earlier[k].text for k in cols],
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
        ).astype(float)
        for r, i in enumerate(rows):
            for c, key in enumerate(cols):
                if (key, i) in unlinked:
                    scores[r, c] = 0.0
        eligible = np.where(scores >= REVIEW_FROM, scores, 0.0)
        for r, c in zip(*_assignment(eligible), strict=True):
            score = float(scores[r, c])
            if score >= REVIEW_FROM:
                result[rows[r]] = Match(cols[c], "fuzzy", round(score, 2), score < AUTO_ACCEPT)

    return [match or Match(None, "new", None) for match in result]


def _assignment(weights: Any) -> Any:
    """The best one-to-one pairing; scipy (most of a second to import) loads on first use."""
    from scipy.optimize import linear_sum_assignment

    return linear_sum_assignment(weights, maximize=True)
