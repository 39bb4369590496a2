"""Plan metadata from the text around the tables: title, organisation, period, edition date.

An edition's date is what the document says of itself, by the first rule that finds one
(:data:`~planingest.normalise.records.EditionDating`): a date in the front matter, an "as at"
line anywhere, the latest dated update column, the latest date the progress text mentions, a date
in the file name. Each later rule is weaker evidence, so the rule is kept beside the date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import PurePath

from planingest.extractor.model import TextBlock
from planingest.normalise.deadlines import parse_deadline, parse_period
from planingest.normalise.records import ActionRecord, Period, PlanMeta
from planingest.normalise.text import flat

PLAN_NAME = re.compile(r"\b(?:action\s+)?plan\b", re.I)
_ORGANISATION = re.compile(
    r"\b((?:[A-Z][\w&'-]*\s+){1,4}"
    r"(?:City|County|District|Borough|Town|Parish|Metropolitan|Combined)\s+"
    r"(?:Council|Authority))\b"
    r"|\b((?:[A-Z][\w&'-]*\s+){1,4}(?:Council|NHS Trust|NHS Foundation Trust|Police|"
    r"Fire and Rescue Service|Authority|University|College))\b"
)
_PERIOD = re.compile(r"\b(\d{4})\s*(?:[-/–]|to)\s*(\d{2}|\d{4})\b")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DATE = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\s+\d{{4}}|{_MONTHS}\s+\d{{4}}"
_EDITION_DATE = re.compile(rf"\b({_DATE})\b", re.I)
_AS_AT = re.compile(
    rf"\b(?:as\s+(?:at|of)|position\s+(?:at|as\s+at)|(?:last\s+)?updated(?:\s+on)?"
    rf"|correct\s+(?:at|as\s+at))\s*:?\s*({_DATE})\b",
    re.I,
)
_NAME_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_.](0[1-9]|1[0-2])(?:[-_.](0[1-9]|[12]\d|3[01]))?(?!\d)"
)


def title_block(front: Sequence[TextBlock]) -> TextBlock | None:
    """The block that names the plan: the first one that says "plan", else the first heading."""
    for block in front:
        if PLAN_NAME.search(block.text):
            return block
    headings = [b for b in front if b.kind in ("title", "heading")]
    return headings[0] if headings else (front[0] if front else None)


def plan_meta(front: Sequence[TextBlock], title: TextBlock | None) -> PlanMeta:
    """Metadata read from the document's front matter (the text before its first table)."""
    meta = PlanMeta()
    if title is not None:
        meta.title = flat(title.text)
    texts = [flat(b.text) for b in front]
    for text in texts:
        if meta.organisation is None and (m := _ORGANISATION.search(text)):
            meta.organisation = flat(m.group(1) or m.group(2))
    for text in ([meta.title] if meta.title else []) + texts:
        if meta.period is None and (m := _PERIOD.search(text)):
            span = parse_period(m.group(0))
            if span:
                meta.period = Period(text=m.group(0), start=span[0], end=span[1])
    for text in texts:
        if (found := _edition_date(text)) is not None:
            meta.edition_date, meta.edition_label = found, text
            meta.edition_dated_by = "front_matter"
            break
    return meta


def date_edition(
    meta: PlanMeta, texts: Iterable[str], records: Sequence[ActionRecord], path: str
) -> None:
    """Date an edition the front matter left undated, from the rest of the document: an "as at"
    line among ``texts`` (every text block), the records' latest dated update column, the
    latest date their progress text mentions, then the file name at ``path``."""
    if meta.edition_date is not None:
        return
    for text in texts:
        if (match := _AS_AT.search(text)) and (found := _edition_date(match.group(1))):
            meta.edition_date, meta.edition_label = found, flat(text)
            meta.edition_dated_by = "as_at"
            return
    updates = [p for r in records for p in r.progress if p.as_of is not None]
    if updates:
        newest = max(updates, key=lambda p: p.as_of or date.min)
        meta.edition_date, meta.edition_label = newest.as_of, newest.label
        meta.edition_dated_by = "update_column"
        return
    mentioned = [
        (found, match.group(1))
        for r in records
        for p in r.progress
        for match in _EDITION_DATE.finditer(p.text)
        if (found := _edition_date(match.group(1))) is not None
    ]
    if mentioned:
        meta.edition_date, meta.edition_label = max(mentioned)
        meta.edition_dated_by = "progress_text"
        return
    name = PurePath(path).name
    if (found := _file_name_date(name)) is not None:
        meta.edition_date, meta.edition_label = found, name
        meta.edition_dated_by = "file_name"


def _file_name_date(name: str) -> date | None:
    """2019-04, 2019_04_30 or "April 2019" in a file name."""
    if match := _NAME_DATE.search(name):
        year, month, day = match.groups()
        return date(int(year), int(month), int(day or 1))
    words = re.sub(r"[-_.]+", " ", name)
    match = _EDITION_DATE.search(words)
    return _edition_date(match.group(1)) if match else None


def _edition_date(text: str) -> date | None:
    match = _EDITION_DATE.search(text)
    if not match:
        return None
    parsed = parse_deadline(match.group(1))
    return parsed.earliest if parsed.precision in ("day", "month") else None
