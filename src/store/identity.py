"""Identities the store keys on: a plan's lineage key and hashes of canonical JSON.

Hashes are of canonical JSON (sorted keys, no whitespace, ISO dates) so the same records always
give the same hash, whatever the dict order the normaliser happened to build.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import PurePath
from typing import Any

from planingest.normalise.records import ActionRecord, PlanDocument

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_EDITION_WORDS = (
    "update updates updated progress edition version draft final revised interim quarterly "
    "monitoring review refreshed refresh as at of quarter"
)
_MONTH = r"(?:" + "|".join(sorted(_MONTHS.split(), key=len, reverse=True)) + r")"
_EDITION_RE = re.compile(
    r"\b(?:"
    # dates and years: "31/03/2019", "14th March", "March 14", "2019/20", "2018-2021"
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)"
    r"|(?:19|20)\d{2}(?:\s*[-/\u2013\u2014]\s*(?:19|20)?\d{2})?"
    # edition numbers: "v2.1", "Q3", "Update 4", "3rd edition"
    r"|v\d+(?:\.\d+)*|q[1-4]|\d+(?:st|nd|rd|th)"
    r"|(?:update|version|edition|draft|issue|quarter|no\.?)\s*\d+"
    r"|"
    + "|".join(sorted({*_MONTHS.split(), *_EDITION_WORDS.split()}, key=len, reverse=True))
    + r")\b"
)
"""What differs between editions of one plan. A bare number stays: "Service Plan 8" is not an
edition of "Service Plan 1"."""
_NOT_WORD = re.compile(r"[^a-z0-9]+")

NOT_VALUES = frozenset({"provenance", "confidence"})
"""ActionRecord fields that say where a value came from, not what it is: a row moving to
another page is not a change of the action."""


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def records_json(doc: PlanDocument) -> list[dict[str, Any]]:
    return [record.model_dump(mode="json") for record in doc.records]


def content_hash(doc: PlanDocument) -> str:
    """Hash of the edition's normalised records (what the plan says, and where it says it)."""
    return sha256_text(canonical_json(records_json(doc)))


def value_hash(record: ActionRecord) -> str:
    """Hash of an action's values only: equal hashes mean the action did not change."""
    return sha256_text(canonical_json(record.model_dump(mode="json", exclude=set(NOT_VALUES))))


def slug(text: str) -> str:
    return _NOT_WORD.sub("-", text.lower()).strip("-")


def plan_key_for(doc: PlanDocument) -> str:
    """Lineage key shared by every edition of a plan: organisation plus the title with edition
    words and dates stripped ("Equality Plan – Update April 2019" and "Equality Plan (v2)" are
    one plan). Without a title, the file name stands in for it."""
    title = doc.plan.title or PurePath(doc.source.path).stem
    stripped = slug(_EDITION_RE.sub(" ", title.lower()))
    title_part = stripped or slug(title) or "untitled"
    organisation = slug(doc.plan.organisation or "")
    return f"{organisation}/{title_part}" if organisation else title_part
