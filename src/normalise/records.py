"""The normaliser contract: a plan as canonical action records.

Whatever columns a plan had, its actions come out as :class:`ActionRecord`s with the same fields.
Raw wording is always kept next to the interpretation (``deadline.text``, ``status_text``,
``lead.text``), every value can be traced to its cell (``provenance``), and nothing in the source
is dropped: columns that map to no field land in ``extra`` under their original header.

These models are the public record contract: ``schemas/plan-document.schema.json`` is generated
from them (``planingest schema``) and a test checks it is current.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Status(StrEnum):
    """Where an action stands, independent of how well it is going (that is the RAG rating)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    ONGOING = "ongoing"
    ON_HOLD = "on_hold"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"


class Rag(StrEnum):
    """The red/amber/green rating UK performance reports give alongside the state."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


StatusSource = Literal["stated", "colour", "inferred"]
"""Where the status came from: words in a status column, a colour (dot or shading) read through
the document's legend, or inference from progress text."""

Precision = Literal["day", "month", "quarter", "season", "half", "year", "financial_year"]
DeadlineKind = Literal["date", "range", "ongoing", "recurring", "conditional", "unparsed"]
EditionDating = Literal["front_matter", "as_at", "update_column", "progress_text", "file_name"]
"""Which rule dated an edition, most trustworthy first: a date in the front matter, an "as at"
line anywhere in the text, the latest dated update column ("April 2019 Update"), the latest
date the progress text mentions, a date in the file name."""
LeadKind = Literal["person", "role", "team"]
LeadCapacity = Literal["lead", "accountable", "responsible", "supporting"]


class FieldProvenance(_Model):
    """Where one value came from: the cell (or text block) it was read from."""

    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    """x0, top, x1, bottom in PDF points."""
    text: str | None = None
    """The raw text of the source cell, when it differs from the value."""
    decided_by: Literal["classifier"] | None = None
    """``classifier`` when the column-role classifier, reading the column's header and cells,
    placed the column under this field because the column lexicon did not know its header (the
    field's ``confidence`` is then the classifier's probability); unset when the lexicon did."""
    engine: Literal["ocr"] | None = None
    """``ocr`` when the cell was read by OCR off a scanned page (its confidence is in the
    record's ``confidence``)."""


class LeadEntry(_Model):
    """One party named in a lead cell, and in which capacity the column names it."""

    name: str
    kind: LeadKind
    capacity: LeadCapacity = "lead"


LEADS_SYNTAX = (
    "parties separated by ';', each KIND:NAME or KIND/CAPACITY:NAME, KIND one of person, role, "
    "team and CAPACITY one of lead (the default), accountable, responsible, supporting; e.g. "
    "'person:Jane Smith; role/accountable:Director of Place; team:Estates'. Empty: no lead."
)
"""How a person writes lead parties (a correction of an action's leads)."""


def parse_leads(text: str) -> list[LeadEntry]:
    """The parties ``text`` names in :data:`LEADS_SYNTAX`; ValueError saying which is not one."""
    entries: list[LeadEntry] = []
    for item in (part.strip() for part in text.split(";")):
        if not item:
            continue
        head, colon, name = item.partition(":")
        kind, _, capacity = head.strip().lower().partition("/")
        name = " ".join(name.split())
        if not colon or not name or len(name) > 200:
            raise ValueError(f"{item!r} is not a party ({LEADS_SYNTAX})")
        try:
            entry = LeadEntry(name=name, kind=kind, capacity=capacity or "lead")  # type: ignore[arg-type]
        except ValidationError as exc:
            raise ValueError(f"{item!r} is not a party ({LEADS_SYNTAX})") from exc
        if entry not in entries:
            entries.append(entry)
    return entries


def leads_text(entries: list[LeadEntry]) -> str:
    """Parties as :func:`parse_leads` reads them back (the capacity shown unless lead)."""
    return "; ".join(
        f"{e.kind}{'' if e.capacity == 'lead' else '/' + e.capacity}:{e.name}" for e in entries
    )


class Lead(_Model):
    """Who leads an action: people, role titles and teams, kept apart."""

    text: str = ""
    """The lead cells' raw text, joined with newlines."""
    people: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    teams: list[str] = Field(default_factory=list)
    entries: list[LeadEntry] = Field(default_factory=list)
    """Every party in source order with its kind and capacity (accountable, responsible…)."""


class DeadlinePart(_Model):
    """A dated milestone inside a deadline ("Communication to staff Jan-Feb 2010")."""

    text: str
    earliest: date | None = None
    latest: date | None = None
    precision: Precision | None = None


class Deadline(_Model):
    """A deadline as written, and the dates it can be pinned to without inventing any."""

    text: str = ""
    earliest: date | None = None
    latest: date | None = None
    precision: Precision | None = None
    kind: DeadlineKind | None = None
    """None when nothing is written (no deadline column, or an empty cell)."""
    parts: list[DeadlinePart] = Field(default_factory=list)


class ProgressEntry(_Model):
    """One progress update, e.g. the "October 2018 Update" column."""

    label: str
    """The column header (or row label) the update sat under."""
    as_of: date | None = None
    text: str


class ActionRecord(_Model):
    """One action of a plan, in the canonical model."""

    ref: str | None = None
    theme: str | None = None
    objective: str | None = None
    outcome: str | None = None
    action: str
    lead: Lead = Field(default_factory=Lead)
    deadline: Deadline = Field(default_factory=Deadline)
    status: Status = Status.UNKNOWN
    rag: Rag | None = None
    status_text: str | None = None
    status_source: StatusSource | None = None
    progress: list[ProgressEntry] = Field(default_factory=list)
    measures: str | None = None
    people_mentioned: list[str] = Field(default_factory=list)
    """People named in the progress text (only filled when asked: ``--people-in-text``)."""
    extra: dict[str, str] = Field(default_factory=dict)
    """Columns that map to no canonical field, by their original header."""
    provenance: dict[str, FieldProvenance] = Field(default_factory=dict)
    """Per field name: where its value was read."""
    confidence: dict[str, float] = Field(default_factory=dict)
    """Per field name: how sure the normaliser is, 0..1."""


class Period(_Model):
    text: str
    start: date | None = None
    end: date | None = None


class PlanMeta(_Model):
    title: str | None = None
    organisation: str | None = None
    period: Period | None = None
    edition_date: date | None = None
    edition_label: str | None = None
    """The wording the edition date came from ("Progress update … April 2019")."""
    edition_dated_by: EditionDating | None = None
    """The rule that gave ``edition_date``; None when the document gives no date at all."""


class SourceRef(_Model):
    path: str
    sha256: str
    format: Literal["docx", "pdf", "image"]
    size: int
    page_count: int | None = None


class PlanDocument(_Model):
    """A whole plan: where it came from, what it is, and its actions."""

    source: SourceRef
    plan: PlanMeta = Field(default_factory=PlanMeta)
    records: list[ActionRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    pipeline_version: str


def json_schema() -> dict[str, Any]:
    return PlanDocument.model_json_schema()
