"""Score the pipeline against hand-checked golden records (``samples/*.expected.json``).

Records are paired by action text (one-to-one, best first); record precision/recall/F1 count the
pairs, and each compared field's accuracy is the share of paired records whose value agrees.
Text compares whitespace-insensitively, since a Word original and its PDF twin wrap differently.
One golden serves every variant of a plan (the .docx, its PDF twin, a rotated copy).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from planingest.normalise.records import PlanDocument

COMPARED_FIELDS: tuple[str, ...] = (
    "ref",
    "theme",
    "objective",
    "outcome",
    "action",
    "lead.people",
    "lead.roles",
    "lead.teams",
    "deadline.text",
    "deadline.earliest",
    "deadline.latest",
    "deadline.precision",
    "deadline.kind",
    "status",
    "rag",
    "status_source",
    "progress",
    "measures",
    "extra",
)
PLAN_FIELDS: tuple[str, ...] = ("title", "organisation", "period", "edition_date")
PAIR_THRESHOLD = 70
"""Action texts less alike than this (rapidfuzz ratio, 0–100) are not the same record."""
GOLDEN_SUFFIX = ".expected.json"
VARIANT_SUFFIXES = (".docx", ".pdf")
SCANNED_VARIANT = ".scan"
"""A variant named ``<stem>.scan….pdf`` (``.scan``, ``.scan-sideways``, ``.scan-mixed``) is a
scanned twin, read by OCR: scored with the rest and summed up on its own as well."""


def _norm(value: Any) -> Any:
    """Whitespace-insensitive, order-preserving canonical form of a golden/actual value."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in sorted(value.items()) if v not in (None, "", [], {})}
    return value


def _get(record: dict[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value in ("", [], {}):
        return None
    if dotted == "progress" and value:
        value = [{k: v for k, v in p.items() if v is not None} for p in value]
    if dotted == "deadline.kind" and value == "unparsed":
        return None
    return _norm(value)


@dataclass
class FieldDiff:
    record: str
    field: str
    expected: Any
    actual: Any


@dataclass
class DocumentScore:
    name: str
    expected: int
    actual: int
    matched: int
    field_hits: dict[str, int] = field(default_factory=dict)
    field_total: dict[str, int] = field(default_factory=dict)
    diffs: list[FieldDiff] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.actual if self.actual else float(self.expected == 0)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field_accuracy(self, name: str) -> float | None:
        total = self.field_total.get(name, 0)
        return self.field_hits.get(name, 0) / total if total else None

    @property
    def mean_field_accuracy(self) -> float:
        values = [a for f in self.field_total if (a := self.field_accuracy(f)) is not None]
        return sum(values) / len(values) if values else 0.0


def load_golden(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _pair(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs of (expected, actual) indices by action text, most alike first."""
    scored = sorted(
        (
            (fuzz.ratio(_get(e, "action") or "", _get(a, "action") or ""), i, j)
            for i, e in enumerate(expected)
            for j, a in enumerate(actual)
        ),
        reverse=True,
    )
    used_e: set[int] = set()
    used_a: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score < PAIR_THRESHOLD:
            break
        if i not in used_e and j not in used_a:
            used_e.add(i)
            used_a.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def score_document(name: str, golden: dict[str, Any], plan: PlanDocument) -> DocumentScore:
    expected = golden.get("records", [])
    actual = [r.model_dump(mode="json") for r in plan.records]
    pairs = _pair(expected, actual)
    score = DocumentScore(name, len(expected), len(actual), len(pairs))
    for i, j in pairs:
        label = f"#{i + 1} {(_get(expected[i], 'action') or '')[:50]!r}"
        for fname in COMPARED_FIELDS:
            want, got = _get(expected[i], fname), _get(actual[j], fname)
            score.field_total[fname] = score.field_total.get(fname, 0) + 1
            if want == got:
                score.field_hits[fname] = score.field_hits.get(fname, 0) + 1
            else:
                score.diffs.append(FieldDiff(label, fname, want, got))
    plan_actual = plan.plan.model_dump(mode="json")
    for fname in PLAN_FIELDS:
        want, got = _norm(golden.get("plan", {}).get(fname)), _norm(plan_actual.get(fname))
        if isinstance(want, dict) and isinstance(got, dict):
            got = {k: v for k, v in got.items() if k in want}
        key = f"plan.{fname}"
        score.field_total[key] = score.field_total.get(key, 0) + 1
        if want == got:
            score.field_hits[key] = score.field_hits.get(key, 0) + 1
        else:
            score.diffs.append(FieldDiff("plan", fname, want, got))
    paired_e, paired_a = {i for i, _ in pairs}, {j for _, j in pairs}
    score.missing = [
        str(_get(e, "action"))[:80] for i, e in enumerate(expected) if i not in paired_e
    ]
    score.unexpected = [
        str(_get(a, "action"))[:80] for j, a in enumerate(actual) if j not in paired_a
    ]
    return score


def variants(folder: Path) -> Iterable[tuple[Path, Path]]:
    """(document, golden) pairs: every ``<stem>.docx``/``<stem>.pdf`` in ``folder`` with a golden
    ``<stem>.expected.json``, and every variant of it named ``<stem>.<variant>.pdf`` (a rotated
    copy, a drawn twin…), which shares that golden."""
    for golden in sorted(folder.glob(f"*{GOLDEN_SUFFIX}")):
        stem = golden.name[: -len(GOLDEN_SUFFIX)]
        for doc in sorted(folder.iterdir()):
            if doc.suffix not in VARIANT_SUFFIXES:
                continue
            name = doc.name[: -len(doc.suffix)]
            if name == stem or (name.startswith(f"{stem}.") and "." not in name[len(stem) + 1 :]):
                yield doc, golden


def is_scanned_twin(document: Path) -> bool:
    """Whether ``document`` is a scanned twin by its name (see :data:`SCANNED_VARIANT`)."""
    suffixes = document.suffixes
    return len(suffixes) >= 2 and suffixes[-2].startswith(SCANNED_VARIANT)


@dataclass
class Overall:
    documents: list[DocumentScore]

    @property
    def record_f1(self) -> float:
        expected = sum(d.expected for d in self.documents)
        actual = sum(d.actual for d in self.documents)
        matched = sum(d.matched for d in self.documents)
        p = matched / actual if actual else 0.0
        r = matched / expected if expected else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def field_accuracy(self, name: str) -> float | None:
        total = sum(d.field_total.get(name, 0) for d in self.documents)
        hits = sum(d.field_hits.get(name, 0) for d in self.documents)
        return hits / total if total else None

    @property
    def field_acc(self) -> float:
        """The mean of the per-field accuracies over matched records."""
        names = {n for d in self.documents for n in d.field_total}
        values = [a for n in sorted(names) if (a := self.field_accuracy(n)) is not None]
        return sum(values) / len(values) if values else 0.0

    def summary_line(self, label: str = "overall") -> str:
        return f"{label}: record_f1={self.record_f1:.3f} field_acc={self.field_acc:.3f}"


def format_diff(score: DocumentScore, limit: int = 40) -> str:
    """A field-level diff a person can read."""
    lines = [
        f"{score.name}: {score.matched}/{score.expected} records matched ({score.actual} produced)"
    ]
    for missing in score.missing:
        lines.append(f"  missing record: {missing!r}")
    for extra in score.unexpected:
        lines.append(f"  unexpected record: {extra!r}")
    for diff in score.diffs[:limit]:
        lines.append(f"  {diff.record} {diff.field}:")
        lines.append(f"      expected {diff.expected!r}")
        lines.append(f"      got      {diff.actual!r}")
    if len(score.diffs) > limit:
        lines.append(f"  … and {len(score.diffs) - limit} more field differences")
    return "\n".join(lines)
