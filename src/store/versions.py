"""Writing editions: content identity, plan versions and the action history they shape.

All of it happens inside the caller's transaction (one per document), so a failure anywhere
leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any, Literal

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from planingest.normalise.records import ActionRecord, PlanDocument
from planingest.store.chains import (
    COLLAPSE_RATIO,
    FORMAT_RANK,
    Chain,
    EditionInfo,
    Placement,
    RecordAnchor,
    Rulings,
    Segment,
    StepStats,
    advance,
    edition_key,
    part_of,
    placing_date,
    plan_order,
)
from planingest.store.identity import content_hash, plan_key_for, records_json, slug
from planingest.store.matching import Candidate, match_actions
from planingest.store.models import (
    Action,
    ActionVersion,
    ActionVersionPerson,
    ActionVersionRole,
    ActionVersionTeam,
    FieldProvenanceRow,
    FileObservation,
    ManualLink,
    MatchReview,
    Person,
    Plan,
    PlanVersion,
    Role,
    SourceFile,
    Team,
)

OutcomeStatus = Literal["imported", "needs_review", "alternative", "unchanged", "duplicate"]


@dataclass(frozen=True)
class ImportOutcome:
    """What importing one document did.

    ``unchanged``: these bytes were already imported (a sighting was recorded); ``duplicate``:
    new bytes, but the same records, date and pipeline as an edition already stored (a twin whose
    reading came out identical); ``alternative``: another reading of an edition already stored
    (e.g. the PDF export of a Word edition) that ranks below the stored one, kept but shaping no
    history (see :func:`~planingest.store.chains.reading_rank`); ``needs_review``: stored, but its
    record count collapsed so it shapes no history; ``imported``: a new edition, or a better
    reading of a stored one (which it replaces: ``rebuilt``).
    """

    status: OutcomeStatus
    plan_key: str | None = None
    plan_version_id: int | None = None
    version_no: int | None = None
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    review: int = 0
    rebuilt: bool = False
    """True when the edition arrived out of business order and the plan's history was rebuilt."""


FailureHook = Callable[[str], None]
"""Called at named points of a write (tests use it to fail mid-transaction)."""


def _no_hook(point: str) -> None:
    return None


def import_document(
    session: Session,
    doc: PlanDocument,
    *,
    run_id: int,
    path: str,
    mtime: datetime | None,
    plan_key: str | None,
    reprocess: bool,
    now: datetime,
    hook: FailureHook = _no_hook,
) -> ImportOutcome:
    source = session.scalar(select(SourceFile).where(SourceFile.sha256 == doc.source.sha256))
    if source is None:
        source = SourceFile(
            sha256=doc.source.sha256,
            size=doc.source.size,
            format=doc.source.format,
            first_seen_at=now,
        )
        session.add(source)
        session.flush()
    session.add(
        FileObservation(
            source_file_id=source.id,
            path=path,
            mtime=mtime,
            size=doc.source.size,
            run_id=run_id,
            seen_at=now,
        )
    )
    readings = set(
        session.scalars(
            select(PlanVersion.pipeline_version).where(PlanVersion.source_file_id == source.id)
        )
    )
    if readings and (doc.pipeline_version in readings or not reprocess):
        return ImportOutcome("unchanged")

    key = plan_key or _home_key(session, doc, plan_key_for(doc), path)
    plan = session.scalar(select(Plan).where(Plan.plan_key == key))
    if plan is None:
        plan = Plan(plan_key=key, title=doc.plan.title, organisation=doc.plan.organisation)
        session.add(plan)
        session.flush()
    digest = content_hash(doc)
    twin = session.scalar(
        select(PlanVersion).where(
            PlanVersion.plan_id == plan.id,
            PlanVersion.content_hash == digest,
            PlanVersion.pipeline_version == doc.pipeline_version,
            PlanVersion.edition_date == doc.plan.edition_date
            if doc.plan.edition_date
            else PlanVersion.edition_date.is_(None),
        )
    )
    if twin is not None:
        _prefer_twin_source(session, twin, source, doc)
        _refresh_plan(
            plan, list(session.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan.id)))
        )
        return ImportOutcome("duplicate", key, twin.id)

    version_no = (
        session.scalar(
            select(func.max(PlanVersion.version_no)).where(PlanVersion.plan_id == plan.id)
        )
        or 0
    ) + 1
    version = PlanVersion(
        plan_id=plan.id,
        version_no=version_no,
        source_file_id=source.id,
        edition_label=doc.plan.edition_label,
        edition_date=doc.plan.edition_date,
        edition_dated_by=doc.plan.edition_dated_by,
        edition_key=edition_key(doc.plan.edition_date, doc.plan.title),
        recorded_at=now,
        pipeline_version=doc.pipeline_version,
        content_hash=digest,
        run_id=run_id,
        status="needs_review",
        record_count=len(doc.records),
        plan_meta=doc.plan.model_dump(mode="json"),
        records=records_json(doc),
        warnings=list(doc.warnings),
    )
    session.add(version)
    session.flush()
    hook("plan_version")

    versions = list(session.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan.id)))
    placement = plan_order(_edition_infos(session, versions))
    in_order = all(
        _placement_of(v) == placement[v.id]
        or (v.status == "current" and placement[v.id] == Placement("superseded", v.edition_seq))
        for v in versions
        if v.id != version.id
    )
    for v in versions:
        v.status, v.edition_seq = placement[v.id].status, placement[v.id].seq
    _refresh_plan(plan, versions)

    writer = _Writer(session, plan, hook)
    # Appending ties the newest edition to the open actions alone, which knows nothing of which
    # were carried only by undated editions: with an undated edition in the history, walk again.
    undated_history = any(
        _placed(v) is None and v.edition_seq is not None for v in versions if v is not version
    )
    if not in_order or (undated_history and placement[version.id].seq is not None):
        stats = writer.rebuild(versions).get(version.id, StepStats())
    elif placement[version.id].seq is None:
        stats = StepStats()
    else:
        stats = writer.append(version)
    status: OutcomeStatus = "imported"
    if version.status == "needs_review":
        status = "needs_review"
    elif version.edition_seq is None:
        status = "alternative"
    return ImportOutcome(
        status,
        key,
        version.id,
        version_no,
        stats.added,
        stats.changed,
        stats.unchanged,
        stats.removed,
        stats.review,
        rebuilt=not in_order,
    )


SAME_DOCUMENT_SHARE = 0.5
"""Share of the smaller reading's records that must match the other's for two readings with one
edition key (same date, or undated with the same title) to be one edition read twice."""


def _home_key(session: Session, doc: PlanDocument, key: str, path: str) -> str:
    """The plan key a document files under: its title's key, unless that plan already holds a
    reading of the same edition with substantially other actions (two parts of one publication
    issued under one title, both undated). Such a document is a plan of its own, keyed by its
    file name too, so its actions are not hidden behind the other's as an "alternative"."""
    plan_id = session.scalar(select(Plan.id).where(Plan.plan_key == key))
    if plan_id is None or not doc.records:
        return key
    edition = edition_key(
        placing_date(doc.plan.edition_date, doc.plan.edition_dated_by), doc.plan.title
    )
    new = [Candidate(r.ref, r.action, r.outcome) for r in doc.records]
    for stored in session.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan_id)):
        if edition_key(_placed(stored), stored.plan_meta.get("title")) != edition:
            continue
        earlier = [
            Candidate(r.get("ref"), r.get("action") or "", r.get("outcome")) for r in stored.records
        ]
        smaller, larger = sorted((len(earlier), len(new)))
        if smaller < COLLAPSE_RATIO * larger:
            continue  # a collapsed reading is the same edition read badly (held for review)
        matched = sum(m.earlier is not None for m in match_actions(dict(enumerate(earlier)), new))
        if matched < SAME_DOCUMENT_SHARE * smaller:
            return f"{key}~{slug(PurePath(path).stem)}"
    return key


def rebuild_plan(session: Session, plan: Plan, hook: FailureHook = _no_hook) -> None:
    """Walk a plan's editions again (after a person's ruling changed how records tie)."""
    versions = list(session.scalars(select(PlanVersion).where(PlanVersion.plan_id == plan.id)))
    _Writer(session, plan, hook).rebuild(versions)


def walk(
    session: Session, plan: Plan, versions: list[PlanVersion]
) -> tuple[list[Chain], dict[int, StepStats]]:
    """The plan's chains, computed afresh from its accepted editions in business order."""
    accepted = sorted(
        (v for v in versions if v.edition_seq is not None), key=lambda v: v.edition_seq or 0
    )
    rulings = _rulings(session, plan)
    chains: list[Chain] = []
    stats = {
        v.id: advance(chains, v.id, _records(v), rulings, dated=_placed(v) is not None)
        for v in accepted
    }
    return chains, stats


def _rulings(session: Session, plan: Plan) -> Rulings:
    rows = list(session.scalars(select(ManualLink).where(ManualLink.plan_id == plan.id)))

    def pairs(kind: str) -> frozenset[tuple[tuple[int, int], tuple[int, int]]]:
        return frozenset(
            (
                (r.earlier_version_id, r.earlier_record_no),
                (r.later_version_id, r.later_record_no),
            )
            for r in rows
            if r.kind == kind
        )

    return Rulings(pairs("link"), pairs("unlink"))


def _edition_infos(session: Session, versions: list[PlanVersion]) -> list[EditionInfo]:
    sources = {
        row.id: row
        for row in session.execute(
            select(SourceFile.id, SourceFile.format, SourceFile.sha256).where(
                SourceFile.id.in_({v.source_file_id for v in versions})
            )
        )
    }
    return [
        EditionInfo(
            id=v.id,
            version_no=v.version_no,
            source_file_id=v.source_file_id,
            edition_date=_placed(v),
            record_count=v.record_count,
            edition_key=edition_key(_placed(v), v.plan_meta.get("title")),
            format=sources[v.source_file_id].format,
            warnings=len(v.warnings),
            mean_confidence=mean_confidence(v.records),
            sha256=sources[v.source_file_id].sha256,
        )
        for v in versions
    ]


def mean_confidence(records: list[Any]) -> float:
    """Mean of every field confidence the normaliser gave (0 when it gave none)."""
    values = [float(v) for r in records for v in (r.get("confidence") or {}).values()]
    return sum(values) / len(values) if values else 0.0


def _prefer_twin_source(
    session: Session, twin: PlanVersion, source: SourceFile, doc: PlanDocument
) -> None:
    """Identical records from other bytes: the edition is kept as read from the better-ranked
    bytes (Word before PDF, fewer warnings, then sha256), whichever arrived first."""
    stored = session.get_one(SourceFile, twin.source_file_id)

    def rank(format_: str, warnings: int, sha256: str) -> tuple[int, int, str]:
        return (FORMAT_RANK.get(format_, len(FORMAT_RANK)), warnings, sha256)

    if rank(source.format, len(doc.warnings), source.sha256) < rank(
        stored.format, len(twin.warnings), stored.sha256
    ):
        twin.source_file_id = source.id
        twin.warnings = list(doc.warnings)
        twin.plan_meta = doc.plan.model_dump(mode="json")
        twin.edition_label = doc.plan.edition_label
        twin.edition_dated_by = doc.plan.edition_dated_by


def _placed(v: PlanVersion) -> date | None:
    return placing_date(v.edition_date, v.edition_dated_by)


def _placement_of(v: PlanVersion) -> Placement:
    return Placement(v.status, v.edition_seq)  # type: ignore[arg-type]


def _refresh_plan(plan: Plan, versions: list[PlanVersion]) -> None:
    """The plan is named as its newest accepted edition names it."""
    accepted = [v for v in versions if v.edition_seq is not None]
    newest = max(accepted, key=lambda v: v.edition_seq or 0) if accepted else versions[-1]
    plan.title = newest.plan_meta.get("title")
    plan.organisation = newest.plan_meta.get("organisation")


def _carried_over(
    versions: list[PlanVersion], by_anchor: dict[RecordAnchor, Action]
) -> dict[RecordAnchor, Action]:
    """Actions that start in a reading a better one of the same edition replaced (a Word file
    after its PDF, a re-read of the same edition), anchored again on the record the new
    reading has in their place (matched by ref and text, as two editions' records are): so an
    action keeps its id, and the addresses that name it, through the replacement."""

    def key(v: PlanVersion) -> str:
        return edition_key(_placed(v), v.plan_meta.get("title"))

    accepted = {key(v): v for v in versions if v.edition_seq is not None}
    moved: dict[RecordAnchor, Action] = {}
    for old in versions:
        better = accepted.get(key(old))
        if old.edition_seq is not None or better is None:
            continue
        starting = {n: a for (v, n), a in by_anchor.items() if v == old.id}
        if not starting:
            continue
        earlier = {
            n: Candidate(r.get("ref"), r.get("action") or "", r.get("outcome"))
            for n, r in enumerate(old.records)
            if n in starting
        }
        new = [
            Candidate(r.get("ref"), r.get("action") or "", r.get("outcome")) for r in better.records
        ]
        for position, match in enumerate(match_actions(earlier, new)):
            if match.earlier is not None:
                moved.setdefault((better.id, position), starting[match.earlier])
    return moved


def _records(version: PlanVersion) -> list[ActionRecord]:
    return [ActionRecord.model_validate(r) for r in version.records]


class _Writer:
    """Turns chains (see :mod:`planingest.store.chains`) into rows."""

    def __init__(self, session: Session, plan: Plan, hook: FailureHook) -> None:
        self.session = session
        self.plan = plan
        self.hook = hook
        self._named: dict[tuple[type[Any], str], int] = {}

    def append(self, version: PlanVersion) -> StepStats:
        """The edition is the newest: tie it to the open actions, touching nothing older."""
        chains: list[Chain] = []
        for row in self.session.scalars(
            select(ActionVersion)
            .join(Action, Action.id == ActionVersion.action_id)
            .where(Action.plan_id == self.plan.id, ActionVersion.valid_to_version_id.is_(None))
            .order_by(ActionVersion.action_id)
        ):
            loaded = Segment(
                candidate=Candidate(row.ref, row.action_text, row.outcome),
                value_hash=row.value_hash,
                valid_from=row.valid_from_version_id,
                method=row.match_method,  # type: ignore[arg-type]
                score=row.match_score,
                change=row.change,  # type: ignore[arg-type]
                part=part_of(row.ref, row.theme),
                row_id=row.id,
            )
            chains.append(Chain([loaded], action_id=row.action_id))
        stats = advance(
            chains, version.id, _records(version), Rulings(), dated=_placed(version) is not None
        )
        self._write(chains)
        return stats

    def rebuild(self, versions: list[PlanVersion]) -> dict[int, StepStats]:
        """Forget the plan's action history and walk all its accepted editions in business
        order. Action ids survive where the action still starts from a record it started from
        (or passes through) before."""
        chains, stats = walk(self.session, self.plan, versions)

        actions = list(self.session.scalars(select(Action).where(Action.plan_id == self.plan.id)))
        by_anchor = {(a.first_plan_version_id, a.first_record_no): a for a in actions}
        by_anchor = _carried_over(versions, by_anchor) | by_anchor
        claimed: set[int] = set()
        for chain in chains:
            for anchor in chain.members:
                found = by_anchor.get(anchor)
                if found is not None and found.id not in claimed:
                    claimed.add(found.id)
                    found.first_plan_version_id, found.first_record_no = chain.members[0]
                    chain.action_id = found.id
                    break
        self._forget_history([a.id for a in actions])
        for action in actions:
            if action.id not in claimed:
                self.session.delete(action)
        self.session.flush()
        self._write(chains)
        return stats

    def _forget_history(self, action_ids: list[int]) -> None:
        versions = select(ActionVersion.id).where(ActionVersion.action_id.in_(action_ids))
        for table in (
            FieldProvenanceRow,
            ActionVersionPerson,
            ActionVersionRole,
            ActionVersionTeam,
        ):
            self.session.execute(
                delete(table).where(table.action_version_id.in_(versions))  # type: ignore[attr-defined]
            )
        self.session.execute(delete(MatchReview).where(MatchReview.action_id.in_(action_ids)))
        self.session.execute(delete(ActionVersion).where(ActionVersion.action_id.in_(action_ids)))

    def _write(self, chains: list[Chain]) -> None:
        """Rows for the chains, in a few statements per table rather than one per row: a long
        plan has thousands of actions, each with a dozen provenance rows."""
        fresh = [chain for chain in chains if chain.action_id is None]
        actions = [
            Action(plan_id=self.plan.id, first_plan_version_id=v, first_record_no=n)
            for v, n in (chain.members[0] for chain in fresh)
        ]
        self.session.add_all(actions)
        self.session.flush()
        for chain, action in zip(fresh, actions, strict=True):
            chain.action_id = action.id

        closing: dict[int | None, list[int]] = {}
        written: list[tuple[ActionVersion | int, Segment]] = []
        for chain in chains:
            assert chain.action_id is not None
            for segment in chain.segments:
                if segment.row_id is not None:
                    closing.setdefault(segment.valid_to, []).append(segment.row_id)
                    written.append((segment.row_id, segment))
                else:
                    assert segment.record is not None, "a new segment carries its values"
                    row = _action_version(chain.action_id, segment, segment.record)
                    self.session.add(row)
                    written.append((row, segment))
            self.session.add_all(
                MatchReview(
                    plan_version_id=version_id,
                    action_id=chain.action_id,
                    record_no=record_no,
                    score=score,
                )
                for version_id, record_no, score in chain.reviews
            )
            self.hook("action")
        for valid_to, ids in closing.items():
            self.session.execute(
                update(ActionVersion)
                .where(ActionVersion.id.in_(ids))
                .values(valid_to_version_id=valid_to)
            )
        self.session.flush()  # new action versions get their ids, in one batch

        leads: dict[type[Any], list[dict[str, Any]]] = {}
        provenance: list[dict[str, Any]] = []
        for stored, segment in written:
            row_id = stored if isinstance(stored, int) else stored.id
            if segment.row_id is None:
                assert segment.record is not None
                for model, values in self._lead_rows(row_id, segment.record):
                    leads.setdefault(model, []).append(values)
            for version_id, record in segment.sightings:
                provenance += _provenance_rows(row_id, version_id, record)
        for model, rows in leads.items():
            self.session.execute(insert(model), rows)
        if provenance:
            self.session.execute(insert(FieldProvenanceRow), provenance)

    def _lead_rows(
        self, version_id: int, record: ActionRecord
    ) -> Iterator[tuple[type[Any], dict[str, Any]]]:
        """(link table, row) for each person, role and team of the record's lead."""
        lead = record.lead
        parties: list[tuple[str, str, str]] = [(e.kind, e.name, e.capacity) for e in lead.entries]
        for kind, names in (("person", lead.people), ("role", lead.roles), ("team", lead.teams)):
            parties += [
                (kind, n, "lead") for n in names if (kind, n) not in {p[:2] for p in parties}
            ]
        seen: set[tuple[str, str, str]] = set()
        for kind, name, capacity in parties:
            name = name.strip()
            if not name or (kind, name, capacity) in seen:
                continue
            seen.add((kind, name, capacity))
            link, named, column = _LEAD_TABLES[kind]
            yield (
                link,
                {
                    "action_version_id": version_id,
                    column: self._name_id(named, name),
                    "capacity": capacity,
                },
            )

    def _name_id(self, model: type[Person] | type[Role] | type[Team], name: str) -> int:
        key = (model, name)
        if key not in self._named:
            found = self.session.scalar(select(model.id).where(model.name == name))
            if found is None:
                row = model(name=name)
                self.session.add(row)
                self.session.flush()
                found = row.id
            self._named[key] = found
        return self._named[key]


_LEAD_TABLES: dict[str, tuple[type[Any], type[Person] | type[Role] | type[Team], str]] = {
    "person": (ActionVersionPerson, Person, "person_id"),
    "role": (ActionVersionRole, Role, "role_id"),
    "team": (ActionVersionTeam, Team, "team_id"),
}


def _provenance_rows(
    action_version_id: int, version_id: int, record: ActionRecord
) -> list[dict[str, Any]]:
    """One row per field of the record that has a source cell or a confidence."""
    rows = []
    for name in sorted({*record.provenance, *record.confidence}):
        where = record.provenance.get(name)
        box = where.bbox if where and where.bbox else (None, None, None, None)
        rows.append(
            {
                "action_version_id": action_version_id,
                "plan_version_id": version_id,
                "field": name,
                "page": where.page if where else None,
                "table_index": where.table if where else None,
                "row": where.row if where else None,
                "col": where.col if where else None,
                "x0": box[0],
                "top": box[1],
                "x1": box[2],
                "bottom": box[3],
                "raw_text": where.text if where else None,
                "confidence": record.confidence.get(name),
            }
        )
    return rows


def _action_version(action_id: int, segment: Segment, record: ActionRecord) -> ActionVersion:
    deadline = record.deadline
    return ActionVersion(
        action_id=action_id,
        valid_from_version_id=segment.valid_from,
        valid_to_version_id=segment.valid_to,
        value_hash=segment.value_hash,
        ref=record.ref,
        theme=record.theme,
        objective=record.objective,
        outcome=record.outcome,
        action_text=record.action,
        deadline_text=deadline.text,
        deadline_earliest=deadline.earliest,
        deadline_latest=deadline.latest,
        deadline_precision=deadline.precision,
        deadline_kind=deadline.kind,
        deadline_parts=[p.model_dump(mode="json") for p in deadline.parts],
        status=record.status.value,
        rag=record.rag.value if record.rag else None,
        status_text=record.status_text,
        status_source=record.status_source,
        measures=record.measures,
        progress=[p.model_dump(mode="json") for p in record.progress],
        extra=dict(record.extra),
        lead_text=record.lead.text,
        match_method=segment.method,
        match_score=segment.score,
        change=segment.change,
    )
