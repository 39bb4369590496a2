"""The store's tables as SQLAlchemy 2.0 typed models.

These names are a public interface for data teams: every table and column carries a
``comment`` so PostgreSQL documents itself (``\\d+ action_version``). The schema is created by
the Alembic migrations in ``migrations/versions`` (never by ``create_all``); a test checks the
migrations and these models agree.

Two clocks: *business time* is when an edition says it was written (``plan_version.edition_date``)
and orders the editions; *system time* is when we recorded it (``recorded_at``, ``seen_at``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp on every backend: stored as UTC, read back aware (SQLite keeps
    no zone, so a naive value read from it is UTC by construction)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps aware timestamps only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


def _fk(target: str, comment: str, *, nullable: bool = False) -> MappedColumn[Any]:
    return mapped_column(
        ForeignKey(target, ondelete="CASCADE"), nullable=nullable, index=True, comment=comment
    )


class SourceFile(Base):
    __tablename__ = "source_file"
    __table_args__ = {"comment": "Content identity of a document: one row per distinct sha256."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    sha256: Mapped[str] = mapped_column(
        String(64), unique=True, comment="SHA-256 of the file's bytes (hex)."
    )
    size: Mapped[int] = mapped_column(BigInteger, comment="Size in bytes.")
    format: Mapped[str] = mapped_column(String(8), comment="docx or pdf, from the magic bytes.")
    first_seen_at: Mapped[datetime] = mapped_column(comment="When these bytes were first seen.")


class ImportRun(Base):
    __tablename__ = "import_run"
    __table_args__ = (
        CheckConstraint(
            "status IN ('running', 'succeeded', 'failed', 'abandoned', 'interrupted')",
            name="status",
        ),
        CheckConstraint("trigger IN ('cli', 'sync', 'api')", name="trigger"),
        {"comment": "One import run (a CLI batch, a sync pass, an API call) and its tallies."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key; the run id.")
    started_at: Mapped[datetime] = mapped_column(comment="When the run began.")
    finished_at: Mapped[datetime | None] = mapped_column(comment="When it ended; null if not.")
    heartbeat_at: Mapped[datetime] = mapped_column(
        comment="Last sign of life; a running run silent for long is abandoned by the next run."
    )
    trigger: Mapped[str] = mapped_column(String(8), comment="What started it: cli, sync or api.")
    status: Mapped[str] = mapped_column(
        String(12),
        comment="running, succeeded, failed, abandoned (its process died) or interrupted "
        "(stopped by Ctrl-C or SIGTERM: what it stored is whole; running the command again "
        "finishes the job).",
    )
    pipeline_version: Mapped[str] = mapped_column(
        String(40), comment="Version of the pipeline that ran."
    )
    files_seen: Mapped[int] = mapped_column(default=0, comment="Files looked at.")
    files_imported: Mapped[int] = mapped_column(default=0, comment="Files that made an edition.")
    files_skipped: Mapped[int] = mapped_column(
        default=0, comment="Files already known (a sighting only)."
    )
    files_failed: Mapped[int] = mapped_column(default=0, comment="Files that failed.")
    records: Mapped[int] = mapped_column(default=0, comment="Action records imported.")
    errors: Mapped[int] = mapped_column(default=0, comment="Errors raised during the run.")


class FileObservation(Base):
    __tablename__ = "file_observation"
    __table_args__ = {
        "comment": "Each sighting of some content at a path: renames and copies are sightings."
    }

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    source_file_id: Mapped[int] = _fk("source_file.id", "The content seen.")
    path: Mapped[str] = mapped_column(Text, comment="Where it was seen.")
    mtime: Mapped[datetime | None] = mapped_column(comment="The file's modification time.")
    size: Mapped[int] = mapped_column(BigInteger, comment="Size in bytes at that sighting.")
    run_id: Mapped[int] = _fk("import_run.id", "The run that saw it.")
    seen_at: Mapped[datetime] = mapped_column(comment="When it was seen.")
    missing_since: Mapped[datetime | None] = mapped_column(
        comment="When the path was found gone; null while present."
    )


class SyncScan(Base):
    __tablename__ = "sync_scan"
    __table_args__ = {"comment": "What the previous sync pass saw of each file (planingest sync)."}

    path: Mapped[str] = mapped_column(
        Text, primary_key=True, comment="Absolute path of a file in a synced folder."
    )
    size: Mapped[int] = mapped_column(BigInteger, comment="Size at the last pass.")
    mtime_ns: Mapped[int] = mapped_column(BigInteger, comment="mtime (ns) at the last pass.")
    changed_at: Mapped[datetime] = mapped_column(comment="When size/mtime last changed.")
    handled_sha256: Mapped[str | None] = mapped_column(
        String(64),
        comment="The content this path was dealt with as (imported, sighted, or failed for "
        "good); null while still to do.",
    )


class ImportFailure(Base):
    __tablename__ = "import_failure"
    __table_args__ = {"comment": "A document that could not be imported, and why."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    path: Mapped[str] = mapped_column(Text, comment="The document's path.")
    sha256: Mapped[str | None] = mapped_column(
        String(64), comment="SHA-256 of its bytes, if they could be read."
    )
    reason_code: Mapped[str] = mapped_column(
        String(24), comment="Machine code of the error (corrupt, encrypted, needs_ocr...)."
    )
    reason: Mapped[str] = mapped_column(Text, comment="What went wrong, for a person.")
    run_id: Mapped[int] = _fk("import_run.id", "The run it failed in.")
    transient: Mapped[bool] = mapped_column(
        Boolean, comment="True if retrying could help; false until the bytes change."
    )
    at: Mapped[datetime] = mapped_column(comment="When it failed.")


class Plan(Base):
    __tablename__ = "plan"
    __table_args__ = {"comment": "One plan across all its editions."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    plan_key: Mapped[str] = mapped_column(
        String(200),
        unique=True,
        comment="Lineage key: organisation + title without edition words, or given explicitly.",
    )
    title: Mapped[str | None] = mapped_column(Text, comment="Title of the newest edition.")
    organisation: Mapped[str | None] = mapped_column(
        Text, comment="Organisation of the newest edition."
    )


class PlanVersion(Base):
    __tablename__ = "plan_version"
    __table_args__ = (
        UniqueConstraint("plan_id", "version_no"),
        CheckConstraint("status IN ('current', 'superseded', 'needs_review')", name="status"),
        CheckConstraint("record_count >= 0", name="record_count"),
        {"comment": "One edition of a plan, as imported (with its normalised records)."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    plan_id: Mapped[int] = _fk("plan.id", "The plan.")
    version_no: Mapped[int] = mapped_column(
        comment="1, 2, 3... in the order editions were recorded; never renumbered."
    )
    edition_seq: Mapped[int | None] = mapped_column(
        comment="Position in business order among the editions that shape action history "
        "(by edition_date, then recorded order); null for needs_review or replaced editions."
    )
    source_file_id: Mapped[int] = _fk("source_file.id", "The bytes it was read from.")
    edition_label: Mapped[str | None] = mapped_column(
        Text, comment="The wording the edition date came from."
    )
    edition_date: Mapped[date | None] = mapped_column(
        Date, comment="Business time: when the edition says it was written."
    )
    edition_key: Mapped[str | None] = mapped_column(
        Text,
        index=True,
        comment="Which edition this reading is: its edition date (ISO), or 'undated:' + its "
        "title; two readings with one key are one edition, and corrections are made on it.",
    )
    edition_dated_by: Mapped[str | None] = mapped_column(
        String(16),
        comment="How the edition date was found: front_matter, as_at (an 'as at' line), "
        "update_column (the latest dated update column), progress_text (the latest date the "
        "progress text mentions) or file_name; null when the document gives no date.",
    )
    recorded_at: Mapped[datetime] = mapped_column(comment="System time: when it was recorded.")
    pipeline_version: Mapped[str] = mapped_column(
        String(40), comment="Pipeline version that produced the records."
    )
    content_hash: Mapped[str] = mapped_column(
        String(64), comment="SHA-256 of the normalised records as canonical JSON."
    )
    run_id: Mapped[int] = _fk("import_run.id", "The run that recorded it.")
    status: Mapped[str] = mapped_column(
        String(12), comment="current, superseded or needs_review (record count collapsed)."
    )
    record_count: Mapped[int] = mapped_column(comment="Number of action records.")
    plan_meta: Mapped[dict[str, Any]] = mapped_column(comment="PlanMeta as JSON.")
    records: Mapped[list[Any]] = mapped_column(
        comment="The normalised ActionRecords as JSON, so history can be rebuilt without "
        "re-extraction."
    )
    warnings: Mapped[list[Any]] = mapped_column(comment="Normaliser warnings.")


class Action(Base):
    __tablename__ = "action"
    __table_args__ = {"comment": "Stable identity of one action across a plan's editions."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key; the action id.")
    plan_id: Mapped[int] = _fk("plan.id", "The plan.")
    first_plan_version_id: Mapped[int] = _fk(
        "plan_version.id", "The edition (business order) it first appears in."
    )
    first_record_no: Mapped[int] = mapped_column(
        comment="Its position (0-based) among that edition's records."
    )


class ActionVersion(Base):
    __tablename__ = "action_version"
    __table_args__ = (
        CheckConstraint("change IN ('added', 'changed')", name="change"),
        CheckConstraint("match_method IN ('ref', 'fuzzy', 'manual', 'new')", name="match_method"),
        CheckConstraint("match_score >= 0 AND match_score <= 100", name="match_score"),
        {"comment": "An action's values over a span of editions [valid_from, valid_to)."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    action_id: Mapped[int] = _fk("action.id", "The action.")
    valid_from_version_id: Mapped[int] = _fk("plan_version.id", "First edition with these values.")
    valid_to_version_id: Mapped[int | None] = _fk(
        "plan_version.id",
        "First edition without them (changed or removed); null while current.",
        nullable=True,
    )
    value_hash: Mapped[str] = mapped_column(
        String(64), comment="SHA-256 of the values (not provenance): equal hash, unchanged."
    )
    ref: Mapped[str | None] = mapped_column(Text, comment="The action's reference (1.2, A3...).")
    theme: Mapped[str | None] = mapped_column(Text, comment="Theme or priority heading.")
    objective: Mapped[str | None] = mapped_column(Text, comment="Objective it serves.")
    outcome: Mapped[str | None] = mapped_column(Text, comment="Intended outcome.")
    action_text: Mapped[str] = mapped_column(Text, comment="What is to be done.")
    deadline_text: Mapped[str] = mapped_column(Text, comment="The deadline as written.")
    deadline_earliest: Mapped[date | None] = mapped_column(
        Date, comment="Earliest date the deadline can mean."
    )
    deadline_latest: Mapped[date | None] = mapped_column(
        Date, comment="Latest date the deadline can mean."
    )
    deadline_precision: Mapped[str | None] = mapped_column(
        String(16), comment="day, month, quarter, season, half, year or financial_year."
    )
    deadline_kind: Mapped[str | None] = mapped_column(
        String(16),
        comment="date, range, ongoing, recurring, conditional or unparsed; null when nothing is "
        "written.",
    )
    status: Mapped[str] = mapped_column(
        String(16), comment="not_started, in_progress, complete, ongoing, on_hold, cancelled..."
    )
    rag: Mapped[str | None] = mapped_column(String(8), comment="green, amber or red.")
    status_text: Mapped[str | None] = mapped_column(Text, comment="The status as written.")
    status_source: Mapped[str | None] = mapped_column(
        String(12), comment="stated, colour or inferred."
    )
    measures: Mapped[str | None] = mapped_column(Text, comment="Measures of success.")
    progress: Mapped[list[Any]] = mapped_column(comment="Progress updates (label, as_of, text).")
    extra: Mapped[dict[str, Any]] = mapped_column(
        comment="Unmapped columns by their original header."
    )
    deadline_parts: Mapped[list[Any]] = mapped_column(comment="Dated milestones in the deadline.")
    lead_text: Mapped[str] = mapped_column(Text, comment="The lead cells' raw text.")
    match_method: Mapped[str] = mapped_column(
        String(8), comment="How it was tied to its earlier self: ref, fuzzy, manual or new."
    )
    match_score: Mapped[float | None] = mapped_column(
        Float, comment="Similarity 0..100 of the match; null for new actions."
    )
    change: Mapped[str] = mapped_column(
        String(8), comment="added (first version) or changed (values differ from the previous)."
    )


class MatchReview(Base):
    __tablename__ = "match_review"
    __table_args__ = {
        "comment": "Fuzzy matches accepted with a score between 70 and 90: a person should check."
    }

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    plan_version_id: Mapped[int] = _fk("plan_version.id", "The edition matched.")
    action_id: Mapped[int] = _fk("action.id", "The action the record was tied to.")
    record_no: Mapped[int] = mapped_column(comment="The record's position in that edition.")
    score: Mapped[float] = mapped_column(Float, comment="Similarity 0..100.")


class ManualLink(Base):
    __tablename__ = "manual_link"
    __table_args__ = (
        CheckConstraint("kind IN ('link', 'unlink')", name="kind"),
        {
            "comment": "A person's ruling that two records are (link) or are not (unlink) the "
            "same action; applied on every (re)build, so it survives re-imports."
        },
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    plan_id: Mapped[int] = _fk("plan.id", "The plan.")
    kind: Mapped[str] = mapped_column(String(8), comment="link or unlink.")
    earlier_version_id: Mapped[int] = _fk("plan_version.id", "Edition of the earlier record.")
    earlier_record_no: Mapped[int] = mapped_column(comment="Earlier record's position.")
    later_version_id: Mapped[int] = _fk("plan_version.id", "Edition of the later record.")
    later_record_no: Mapped[int] = mapped_column(comment="Later record's position.")
    created_at: Mapped[datetime] = mapped_column(comment="When the ruling was made.")


class Person(Base):
    __tablename__ = "person"
    __table_args__ = {"comment": "A person named as lead, across all plans."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    name: Mapped[str] = mapped_column(String(200), unique=True, comment="Name as normalised.")


class Role(Base):
    __tablename__ = "role"
    __table_args__ = {"comment": "A role title named as lead, across all plans."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    name: Mapped[str] = mapped_column(String(200), unique=True, comment="Role title.")


class Team(Base):
    __tablename__ = "team"
    __table_args__ = {"comment": "A team or body named as lead, across all plans."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    name: Mapped[str] = mapped_column(String(200), unique=True, comment="Team name.")


_CAPACITY = "lead, accountable, responsible or supporting."


class ActionVersionPerson(Base):
    __tablename__ = "action_version_person"
    __table_args__ = {"comment": "Who (people) leads an action version, in which capacity."}

    action_version_id: Mapped[int] = mapped_column(
        ForeignKey("action_version.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The action version.",
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
        comment="The person.",
    )
    capacity: Mapped[str] = mapped_column(String(12), primary_key=True, comment=_CAPACITY)


class ActionVersionRole(Base):
    __tablename__ = "action_version_role"
    __table_args__ = {"comment": "Which role titles lead an action version, in which capacity."}

    action_version_id: Mapped[int] = mapped_column(
        ForeignKey("action_version.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The action version.",
    )
    role_id: Mapped[int] = mapped_column(
        ForeignKey("role.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
        comment="The role.",
    )
    capacity: Mapped[str] = mapped_column(String(12), primary_key=True, comment=_CAPACITY)


class ActionVersionTeam(Base):
    __tablename__ = "action_version_team"
    __table_args__ = {"comment": "Which teams lead an action version, in which capacity."}

    action_version_id: Mapped[int] = mapped_column(
        ForeignKey("action_version.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The action version.",
    )
    team_id: Mapped[int] = mapped_column(
        ForeignKey("team.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
        comment="The team.",
    )
    capacity: Mapped[str] = mapped_column(String(12), primary_key=True, comment=_CAPACITY)


class FieldProvenanceRow(Base):
    __tablename__ = "field_provenance"
    __table_args__ = (
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        {"comment": "Where each value of an action was read, in each edition that carries it."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    action_version_id: Mapped[int] = _fk("action_version.id", "The action version.")
    plan_version_id: Mapped[int] = _fk("plan_version.id", "The edition it was read from.")
    field: Mapped[str] = mapped_column(String(40), comment="ActionRecord field name.")
    page: Mapped[int | None] = mapped_column(comment="Page (PDF); null for Word.")
    table_index: Mapped[int | None] = mapped_column(comment="Table index in the document.")
    row: Mapped[int | None] = mapped_column(comment="Row in the table.")
    col: Mapped[int | None] = mapped_column(comment="Column in the table.")
    x0: Mapped[float | None] = mapped_column(Float, comment="Cell box left, PDF points.")
    top: Mapped[float | None] = mapped_column(Float, comment="Cell box top, PDF points.")
    x1: Mapped[float | None] = mapped_column(Float, comment="Cell box right, PDF points.")
    bottom: Mapped[float | None] = mapped_column(Float, comment="Cell box bottom, PDF points.")
    raw_text: Mapped[str | None] = mapped_column(
        Text, comment="Raw cell text, when it differs from the value."
    )
    confidence: Mapped[float | None] = mapped_column(
        Float, comment="How sure the normaliser was, 0..1."
    )


class Correction(Base):
    __tablename__ = "correction"
    __table_args__ = (
        CheckConstraint("kind IN ('correct', 'accept', 'undo')", name="kind"),
        {
            "comment": "A person's ruling on one value of an action as one edition read it: "
            "corrected, accepted as read, or a correction undone. Never overwrites what was "
            "read; applied on read while the edition still reads old_value."
        },
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    plan_id: Mapped[int] = _fk("plan.id", "The plan.")
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"),
        index=True,
        comment="The action corrected; null while a re-read of its edition is matched to it "
        "again (by anchor_ref and anchor_text).",
    )
    anchor_ref: Mapped[str | None] = mapped_column(
        Text, comment="The action's ref as the edition read it (to find it again)."
    )
    anchor_text: Mapped[str] = mapped_column(
        Text, comment="The action's text as the edition read it (to find it again)."
    )
    field: Mapped[str] = mapped_column(String(40), comment="The field (action_version column).")
    edition_key: Mapped[str] = mapped_column(
        Text,
        comment="The edition it was made on: its date (ISO), or 'undated:' + title; any reading "
        "of that edition carries it.",
    )
    plan_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_version.id", ondelete="SET NULL"),
        comment="The reading shown when it was made (null once that reading is gone).",
    )
    kind: Mapped[str] = mapped_column(
        String(8), comment="correct, accept (the read value is right) or undo."
    )
    old_value: Mapped[str | None] = mapped_column(
        Text, comment="The value as read (text; dates ISO); the correction holds while read so."
    )
    new_value: Mapped[str | None] = mapped_column(Text, comment="The value the person gave.")
    reason: Mapped[str | None] = mapped_column(Text, comment="Why, in the person's words.")
    author: Mapped[str] = mapped_column(String(200), comment="Who made it.")
    created_at: Mapped[datetime] = mapped_column(comment="When it was made.")


class CorrectionParty(Base):
    __tablename__ = "correction_party"
    __table_args__ = (
        CheckConstraint("kind IN ('person', 'role', 'team')", name="kind"),
        {"comment": "The parties a correction of an action's leads gives, in order."},
    )

    correction_id: Mapped[int] = mapped_column(
        ForeignKey("correction.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The correction.",
    )
    position: Mapped[int] = mapped_column(primary_key=True, comment="Its place in the list.")
    name: Mapped[str] = mapped_column(String(200), comment="The party's name.")
    kind: Mapped[str] = mapped_column(String(8), comment="person, role or team.")
    capacity: Mapped[str] = mapped_column(String(12), comment=_CAPACITY)
