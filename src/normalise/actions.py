"""From one :class:`PlanRow` to its :class:`ActionRecord` (or several: one per activity)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from planingest.extractor.model import Cell
from planingest.normalise.deadlines import parse_deadline
from planingest.normalise.layout import Column, PlanRow, Slot
from planingest.normalise.officers import NameBook, OfficerTagger
from planingest.normalise.records import (
    ActionRecord,
    Deadline,
    FieldProvenance,
    Lead,
    LeadEntry,
    ProgressEntry,
    Status,
)
from planingest.normalise.status import (
    Legend,
    StatusReading,
    status_from_cell,
    status_from_progress,
)
from planingest.normalise.text import clean, flat, looks_like_ref, paragraphs, split_enumeration

_DOTS = re.compile(r"^[\s●•◉⬤○◯o0-9.]*$")
_STATUS_DOTS = "●◉⬤"
"""Dot glyphs that carry a status; "•" is a list bullet as often as a dot."""
_FOOTNOTE = re.compile(r"^\*")
_DATED_PRECISIONS = frozenset({"day", "month", "quarter", "season", "half", "year"})


@dataclass
class RecordContext:
    """What the rows of one document share: its date, legend, tagger and found measures."""

    tagger: OfficerTagger
    names: NameBook = field(default_factory=NameBook)
    """People named anywhere in the plan's lead cells, to resolve fragments elsewhere."""
    reference: date | None = None
    legend: Legend | None = None
    people_in_text: bool = False
    theme_measures: dict[str, str] = field(default_factory=dict)


def provenance(slot: Slot) -> FieldProvenance:
    cell = slot.cell
    bbox = None
    if cell and cell.provenance.bbox:
        b = cell.provenance.bbox
        bbox = (b.x0, b.top, b.x1, b.bottom)
    raw = cell.text if cell and flat(cell.text) != flat(slot.text) else None
    return FieldProvenance(
        page=cell.provenance.page if cell else None,
        table=slot.table.index,
        row=cell.row if cell else None,
        col=cell.col if cell else None,
        bbox=bbox,
        text=raw,
        engine="ocr" if cell and cell.confidence is not None else None,
    )


def ocr_confidence(sources: dict[str, Slot], confidence: dict[str, float]) -> dict[str, float]:
    """Field confidences lowered to the OCR confidence of the cells they were read from."""
    out = dict(confidence)
    for name, slot in sources.items():
        if slot.cell is not None and slot.cell.confidence is not None:
            out[name] = min(out.get(name, 1.0), slot.cell.confidence)
    return out


_LIST_MARK = re.compile(r"^(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|[-–•▪◦*])\s+", re.IGNORECASE)
"""A list item's marker: "1.", "2)", "(a)", "iv.", a dash or bullet."""


def activities(slot: Slot, aligned_with: list[Slot | None]) -> list[str]:
    """The separate activities in an action cell. A cell's paragraphs are one activity each only
    when the layout says so: the lead or deadline cells beside it hold as many paragraphs
    (``aligned_with``), or each paragraph reads as an action of its own. A list under an
    introductory line (ending in ":" or followed by numbered or bulleted items) and a list of
    named things ("Black History Month", "National Inclusion Week") is one activity. Footnote
    lines ("* …") stay with the paragraph they annotate."""
    items: list[str] = []
    for line in paragraphs(slot.text):
        if items and _FOOTNOTE.match(line):
            items[-1] += "\n" + line
        else:
            items.append(line)
    if len(items) < 2:
        return [clean(slot.text)]
    if any(len(paragraphs(other.text)) == len(items) for other in aligned_with if other):
        return items
    if any(item.rstrip().endswith(":") for item in items):
        return [clean(slot.text)]
    marked = [bool(_LIST_MARK.match(item)) for item in items]
    if not marked[0] and all(marked[1:]):
        return [clean(slot.text)]  # an introductory line and its list
    if all(_names_a_thing(_LIST_MARK.sub("", item)) for item in items):
        return [clean(slot.text)]
    return items


def _names_a_thing(text: str) -> bool:
    """A short title-case name ("Deaf Awareness Week (May 2019)"), not an action."""
    words = re.findall(r"[A-Za-z][\w'’+&-]*", text)
    significant = [w for w in words if len(w) > 3]
    return 0 < len(words) <= 6 and all(w[0].isupper() for w in significant)


def _paragraphs(slot: Slot | None, count: int) -> list[str] | None:
    """A cell's paragraphs if there are exactly ``count`` of them (aligned with activities)."""
    if slot is None:
        return None
    lines = paragraphs(slot.text)
    return lines if len(lines) == count else None


def build_lead(row: PlanRow, ctx: RecordContext, aligned: int | None = None) -> list[Lead]:
    """The lead of each activity: every lead-type column's parties, in source order."""
    columns = row.all("lead")
    count = aligned or 1
    per_item: list[list[tuple[Column, str]]] = [[] for _ in range(count)]
    for column, slot in columns:
        parts = _paragraphs(slot, count) if count > 1 else None
        for i in range(count):
            per_item[i].append((column, parts[i] if parts else clean(slot.text)))
    leads = []
    for pieces in per_item:
        leads.append(_merge_leads([_split(ctx, col, text) for col, text in pieces]))
    return leads


def _split(ctx: RecordContext, column: Column, text: str) -> Lead:
    capacity = column.match.entry.capacity if column.match.entry else "lead"
    return ctx.tagger.split(text, capacity=capacity, names=ctx.names)


def _merge_leads(leads: list[Lead]) -> Lead:
    merged = Lead(text="\n".join(lead.text for lead in leads if lead.text))
    seen: set[tuple[str, str]] = set()
    entries: list[LeadEntry] = []
    for lead in leads:
        for entry in lead.entries:
            key = (entry.kind, entry.name.lower())
            if key not in seen:
                seen.add(key)
                entries.append(entry)
    merged.entries = entries
    merged.people = [e.name for e in entries if e.kind == "person"]
    merged.roles = [e.name for e in entries if e.kind == "role"]
    merged.teams = [e.name for e in entries if e.kind == "team"]
    return merged


def build_status(
    row: PlanRow, progress: list[ProgressEntry], ctx: RecordContext
) -> StatusReading | None:
    """Status column first (colour through the legend, else words), else inferred from progress."""
    for column, slot in row.values:
        if column.field != "status":
            continue
        shaded = slot.cell is not None and slot.cell.fill_colour is not None
        beside_words = bool(slot.text) and not _DOTS.match(slot.text) and not shaded
        # Beside words in an unshaded cell a list bullet ("•") marks the words, not a state; a
        # status dot ("●") still rates them ("● Complete" in orange: complete, amber).
        colours = _status_colours(slot.cell, _STATUS_DOTS if beside_words else None)
        reading = status_from_cell(slot.text, colours, ctx.legend)
        if reading is not None:
            return reading
    latest = next((p.text for p in reversed(progress) if p.text), None)
    if latest:
        reading = status_from_progress(latest)
        if reading.status != Status.UNKNOWN:
            return reading
    return None


def _status_colours(cell: Cell | None, glyphs: str | None = None) -> list[str]:
    """The colours a status cell shows: one per coloured dot, else its shading. With ``glyphs``,
    only runs holding those dot glyphs count, and shading does not."""
    if cell is None:
        return []
    dots: list[str] = []
    for run in cell.coloured_runs:
        if run.text.strip() and _DOTS.match(run.text):
            count = sum(run.text.count(d) for d in glyphs or _STATUS_DOTS + "•")
            if glyphs is None or count:
                dots.extend([run.colour] * max(1, count))
    if dots or glyphs is not None:
        return dots
    return [cell.fill_colour] if cell.fill_colour else []


def build_progress(row: PlanRow, reference: date | None) -> list[ProgressEntry]:
    entries = []
    for column, slot in row.all("progress"):
        label = flat(column.header)
        parsed = parse_deadline(label, reference=reference)
        as_of = parsed.earliest if parsed.precision in _DATED_PRECISIONS else None
        entries.append(ProgressEntry(label=label, as_of=as_of, text=clean(slot.text)))
    return entries


def _ref(text: str) -> str:
    """A reference as written; one a narrow column wrapped ("2.1" / "0") made whole again."""
    squeezed = "".join(text.split())
    return squeezed if looks_like_ref(squeezed) else flat(text)


def build_records(row: PlanRow, ctx: RecordContext) -> list[ActionRecord]:
    """One record per activity in the row's action cell, sharing everything else."""
    action_slot = row.first("action")
    if action_slot is None:
        return []
    deadline_slot = row.first("deadline")
    lead_slots = row.all("lead")
    items = activities(action_slot, [deadline_slot, *(slot for _, slot in lead_slots)])
    count = len(items)
    sources: dict[str, Slot] = {"action": action_slot}
    confidence: dict[str, float] = {}

    ref_slot, outcome_slot = row.first("ref"), row.first("outcome")
    ref = _ref(ref_slot.text) if ref_slot else None
    outcome = clean(outcome_slot.text) if outcome_slot else None
    if outcome and not ref:
        ref, outcome = split_enumeration(outcome)
    for name, slot in (("ref", ref_slot), ("outcome", outcome_slot)):
        if slot:
            sources[name] = slot

    # A theme column (a merged, often turned, first column headed "Theme") names the row's
    # own theme, before a band row or heading above it.
    theme_slot = row.first("theme") or row.theme
    theme = flat(theme_slot.text) if theme_slot else None
    if theme_slot:
        sources["theme"] = theme_slot
    objective_slot = row.first("objective")
    measures_slot = row.first("measures")
    measures = clean(measures_slot.text) if measures_slot else None
    for name, slot in (("objective", objective_slot), ("measures", measures_slot)):
        if slot:
            sources[name] = slot

    progress = build_progress(row, ctx.reference)
    reading = build_status(row, progress, ctx)
    status_slot = row.first("status")
    if status_slot:
        sources["status"] = status_slot
    if reading:
        confidence["status"] = reading.confidence

    deadline_texts = _paragraphs(deadline_slot, count) if count > 1 else None
    aligned = count if count > 1 and all(_paragraphs(s, count) for _, s in lead_slots) else None
    leads = build_lead(row, ctx, aligned) if lead_slots else [Lead()]
    if deadline_slot:
        sources["deadline"] = deadline_slot
    if lead_slots:
        sources["lead"] = lead_slots[0][1]

    extra = {flat(c.header): clean(s.text) for c, s in row.all("extra")}
    mentioned = (
        ctx.tagger.people_in_text("\n".join(p.text for p in progress), names=ctx.names)
        if ctx.people_in_text and progress
        else []
    )
    prov = {name: provenance(slot) for name, slot in sources.items()}
    for name, probability in row.classified().items():
        if name in prov:
            prov[name].decided_by = "classifier"
            confidence[name] = round(min(probability, confidence.get(name, 1.0)), 3)
    confidence = ocr_confidence(sources, confidence)
    records = []
    for i, item in enumerate(items):
        if deadline_texts:
            deadline = parse_deadline(deadline_texts[i], reference=ctx.reference)
        elif deadline_slot:
            deadline = parse_deadline(clean(deadline_slot.text), reference=ctx.reference)
        else:
            deadline = Deadline()
        lead = leads[i] if len(leads) == count else leads[0]
        records.append(
            ActionRecord(
                ref=ref,
                theme=theme,
                objective=clean(objective_slot.text) if objective_slot else None,
                outcome=outcome,
                action=item,
                lead=lead,
                deadline=deadline,
                status=reading.status if reading else Status.UNKNOWN,
                rag=reading.rag if reading else None,
                status_text=status_slot.text if status_slot else None,
                status_source=reading.source if reading else None,
                progress=progress,
                measures=measures,
                people_mentioned=mentioned,
                extra=extra,
                provenance=prov,
                confidence=confidence,
            )
        )
    return records
