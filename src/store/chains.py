"""A plan's action history as a pure function of its editions (no database).

Editions are put in business order (:func:`plan_order`), then walked oldest first
(:func:`advance`), each edition's records tied to the open actions of the one before. Because
the walk depends only on the set of editions (and a person's rulings), importing them in any
order ends in the same history: an edition that arrives out of order just makes the store walk
the whole plan again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from planingest.normalise.records import ActionRecord
from planingest.store.identity import value_hash
from planingest.store.matching import Candidate, MatchMethod, match_actions

COLLAPSE_RATIO = 0.2
"""An edition with fewer records than this share of the previous one is held for review."""

VersionStatus = Literal["current", "superseded", "needs_review"]
RecordAnchor = tuple[int, int]
"""(plan_version id, record position): one record of one edition."""


@dataclass(frozen=True)
class EditionInfo:
    """What ordering needs to know of one stored reading of an edition."""

    id: int
    version_no: int
    source_file_id: int
    edition_date: date | None
    """The date that places it (:func:`placing_date`): none for an undated or bounded edition."""
    record_count: int
    edition_key: str
    """Which edition this is: its date, or (undated) its title (see :func:`edition_key`)."""
    format: str
    """docx or pdf: the format of the bytes it was read from."""
    warnings: int
    mean_confidence: float
    sha256: str


@dataclass(frozen=True)
class Placement:
    status: VersionStatus
    seq: int | None


BOUNDING_RULES = frozenset({"progress_text"})
"""Dating rules whose date only bounds an edition: progress text that mentions May 2009 was
written no earlier than that, but may be months later, so two such parts of one publication could
be put in either order. Such an edition counts from its date in as-of questions and is otherwise
placed as an undated one (first, removing nothing)."""


def placing_date(edition_date: date | None, dated_by: str | None) -> date | None:
    """The date that places an edition among a plan's others: none for a bounding date."""
    return None if dated_by in BOUNDING_RULES else edition_date


def edition_key(edition_date: date | None, title: str | None) -> str:
    """Two readings with the same key are one edition of a plan: a date names an edition (the
    Word file and its PDF export both say "April 2019"); an undated edition is named by its
    whole title."""
    if edition_date is not None:
        return edition_date.isoformat()
    return "undated:" + " ".join((title or "").lower().split())


FORMAT_RANK = {"docx": 0, "pdf": 1, "image": 2}
"""Born-digital Word first: its cells, spans and colours are read from the file, while a PDF's
are inferred from drawn lines and glyph positions (and a PDF twin often splits a row a page cut);
an image file, read by OCR alone, last."""


def reading_rank(reading: EditionInfo, group_largest: int) -> tuple[bool, int, int, float, str]:
    """Sort key of the readings of one edition, best first: a reading that collapsed against the
    others (no records, or under :data:`COLLAPSE_RATIO` of the largest) last; then Word before
    PDF; then fewer normaliser warnings; then higher mean field confidence; then the sha256, so
    the choice never depends on which file arrived first."""
    collapsed = reading.record_count == 0 or reading.record_count < COLLAPSE_RATIO * group_largest
    return (
        collapsed,
        FORMAT_RANK.get(reading.format, len(FORMAT_RANK)),
        reading.warnings,
        -reading.mean_confidence,
        reading.sha256,
    )


def plan_order(editions: Sequence[EditionInfo]) -> dict[int, Placement]:
    """Status and business-order position of every stored reading of a plan's editions.

    Each source file counts once, by its newest reading (an edition re-read by a newer pipeline
    replaces the earlier reading of the same bytes). Readings of one edition (same
    :func:`edition_key`: a Word file and its PDF twin) are ranked by :func:`reading_rank`; the
    best one stands for the edition and the others are kept as replaced readings (``superseded``
    with no position). Editions are ordered by date, undated ones first (an edition that does not
    say when it was written is never taken as newer than one that does), undated ones by title.
    An edition whose record count collapses (none, or under 20% of the previous accepted edition)
    is held as ``needs_review`` and shapes no history, so a failed extraction never retires
    actions. The result depends only on the set of readings, never on arrival order.
    """
    latest_reading: dict[int, EditionInfo] = {}
    for edition in editions:
        known = latest_reading.get(edition.source_file_id)
        if known is None or edition.version_no > known.version_no:
            latest_reading[edition.source_file_id] = edition
    groups: dict[str, list[EditionInfo]] = {}
    for reading in latest_reading.values():
        groups.setdefault(reading.edition_key, []).append(reading)
    chosen = []
    for readings in groups.values():
        largest = max(r.record_count for r in readings)
        chosen.append(min(readings, key=lambda r: reading_rank(r, largest)))
    placement = {e.id: Placement("superseded", None) for e in editions}
    ordered = sorted(
        chosen,
        key=lambda e: (e.edition_date is not None, e.edition_date or date.min, e.edition_key),
    )
    accepted: list[EditionInfo] = []
    for edition in ordered:
        previous = accepted[-1].record_count if accepted else None
        if edition.record_count == 0 or (
            previous is not None and edition.record_count < COLLAPSE_RATIO * previous
        ):
            placement[edition.id] = Placement("needs_review", None)
        else:
            accepted.append(edition)
            placement[edition.id] = Placement("superseded", len(accepted))
    if accepted:
        placement[accepted[-1].id] = Placement("current", len(accepted))
    return placement


@dataclass
class Segment:
    """One action version to be: the values an action holds over [valid_from, valid_to)."""

    candidate: Candidate
    value_hash: str
    valid_from: int
    method: MatchMethod
    score: float | None
    change: Literal["added", "changed"]
    part: str | None = None
    """The part of the plan it belongs to (see :func:`part_of`)."""
    record: ActionRecord | None = None
    """The values (None for a stored version loaded only to be matched against)."""
    valid_to: int | None = None
    row_id: int | None = None
    """The stored action_version, when it already exists."""
    sightings: list[tuple[int, ActionRecord]] = field(default_factory=list)
    """(plan_version id, record) of each edition carrying it, for provenance."""


@dataclass
class Chain:
    """One action through the editions."""

    segments: list[Segment]
    members: list[RecordAnchor] = field(default_factory=list)
    open: bool = True
    action_id: int | None = None
    reviews: list[tuple[int, int, float]] = field(default_factory=list)
    """(plan_version id, record position, score) of matches a person should check."""
    seen_dated: bool = True
    """A dated edition has carried it: only then can a dated edition's silence remove it."""

    @property
    def current(self) -> Segment:
        return self.segments[-1]


@dataclass
class StepStats:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    review: int = 0


@dataclass(frozen=True)
class Rulings:
    """A person's rulings, as record anchors: ``links`` (earlier, later) force a tie,
    ``unlinks`` (earlier, later) forbid one."""

    links: frozenset[tuple[RecordAnchor, RecordAnchor]] = frozenset()
    unlinks: frozenset[tuple[RecordAnchor, RecordAnchor]] = frozenset()


def candidate_of(record: ActionRecord) -> Candidate:
    return Candidate(record.ref, record.action, record.outcome)


_REF_PART = re.compile(r"^\s*(\d+)(?!\d)[.\-/ ]?[A-Za-z0-9]|^\s*([A-Za-z]+)(?![A-Za-z])[.\-/ ]?\d")


def part_of(ref: str | None, theme: str | None) -> str | None:
    """The part of a plan an action belongs to: its reference's leading component ("1" of 1c
    and 1.2, "HR" of HR3), else its theme; None when it says neither. An edition that covers
    some parts (a progress report on priorities 1 and 4) says nothing of the others."""
    if ref and (match := _REF_PART.match(ref)):
        return "ref:" + (match.group(1) or match.group(2)).lower()
    if theme and theme.strip():
        return "theme:" + " ".join(theme.lower().split())
    return None


def _new_segment(
    version_id: int,
    record: ActionRecord,
    method: MatchMethod,
    score: float | None,
    change: Literal["added", "changed"],
) -> Segment:
    return Segment(
        candidate=candidate_of(record),
        value_hash=value_hash(record),
        valid_from=version_id,
        method=method,
        score=score,
        change=change,
        part=part_of(record.ref, record.theme),
        record=record,
        sightings=[(version_id, record)],
    )


def _rulings_for(
    chains: Sequence[Chain], version_id: int, rulings: Rulings
) -> tuple[dict[int, int], set[tuple[int, int]]]:
    """Translate record-anchored rulings into (chain index, record position) terms."""
    where = {anchor: i for i, chain in enumerate(chains) for anchor in chain.members}
    linked: dict[int, int] = {}
    for earlier, (later_version, later_no) in rulings.links:
        if later_version == version_id and earlier in where:
            linked[later_no] = where[earlier]
    unlinked: set[tuple[int, int]] = set()
    for earlier, (later_version, later_no) in rulings.unlinks:
        if later_version == version_id and earlier in where:
            unlinked.add((where[earlier], later_no))
    return linked, unlinked


def advance(
    chains: list[Chain],
    version_id: int,
    records: Sequence[ActionRecord],
    rulings: Rulings,
    *,
    dated: bool = True,
) -> StepStats:
    """Move every chain on to edition ``version_id``: tie its records to open chains (or, by a
    person's link, to closed ones), close the chains it lacks, start chains for new records.

    Silence removes an action only where it is evidence: the edition is ``dated`` (undated ones
    have no place in time), a dated edition has carried the action before (an undated reading's
    actions are never removed by a dated edition that does not mention them), and the edition
    covers the action's part of the plan (see :func:`part_of`)."""
    stats = StepStats()
    linked, unlinked = _rulings_for(chains, version_id, rulings)
    earlier = {
        i: chain.current.candidate
        for i, chain in enumerate(chains)
        if chain.open or i in linked.values()
    }
    matches = match_actions(
        earlier, [candidate_of(r) for r in records], linked=linked, unlinked=unlinked
    )
    tied: set[int] = set()
    before = len(chains)
    for record_no, (record, match) in enumerate(zip(records, matches, strict=True)):
        anchor = (version_id, record_no)
        if match.earlier is None:
            segment = _new_segment(version_id, record, "new", None, "added")
            chains.append(Chain([segment], [anchor], seen_dated=dated))
            stats.added += 1
            continue
        chain = chains[match.earlier]
        tied.add(match.earlier)
        chain.members.append(anchor)
        chain.seen_dated = chain.seen_dated or dated
        if match.review and match.score is not None:
            chain.reviews.append((version_id, record_no, match.score))
            stats.review += 1
        if chain.open and chain.current.value_hash == value_hash(record):
            chain.current.sightings.append((version_id, record))
            stats.unchanged += 1
            continue
        if chain.open:
            chain.current.valid_to = version_id
        chain.segments.append(
            _new_segment(version_id, record, match.method, match.score, "changed")
        )
        chain.open = True
        stats.changed += 1
    parts = {part_of(r.ref, r.theme) for r in records} - {None}
    for i, chain in enumerate(chains[:before]):
        part = chain.current.part
        covered = not parts or part is None or part in parts
        if chain.open and i not in tied and dated and chain.seen_dated and covered:
            chain.current.valid_to = version_id
            chain.open = False
            stats.removed += 1
    return stats
