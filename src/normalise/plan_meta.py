"""Plan metadata from the text around the tables: title, organisation, period, edition date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from planingest.extractor.model import TextBlock
from planingest.normalise.deadlines import parse_deadline, parse_period
from planingest.normalise.records import Period, PlanMeta
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
_EDITION_DATE = re.compile(
    rf"\b(\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\s+\d{{4}}|{_MONTHS}\s+\d{{4}})\b", re.I
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
            break
    return meta


def _edition_date(text: str) -> date | None:
    match = _EDITION_DATE.search(text)
    if not match:
        return None
    parsed = parse_deadline(match.group(1))
    return parsed.earliest if parsed.precision in ("day", "month") else None
