"""The committed JSON Schemas must be what the contract models generate."""

from __future__ import annotations

from pathlib import Path

from planingest.schemas import SCHEMA_FILES, render

ROOT = Path(__file__).resolve().parents[1]


def test_committed_schemas_are_current() -> None:
    for name, build in SCHEMA_FILES.items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == render(build()), f"schemas/{name} is stale: run `planingest schema`"


def test_plan_schema_names_the_record_contract() -> None:
    schema = SCHEMA_FILES["plan-document.schema.json"]()
    record = schema["$defs"]["ActionRecord"]["properties"]
    for field in (
        "ref",
        "theme",
        "objective",
        "outcome",
        "action",
        "lead",
        "deadline",
        "status",
        "rag",
        "status_text",
        "status_source",
        "progress",
        "measures",
        "extra",
        "provenance",
        "confidence",
    ):
        assert field in record
    assert set(schema["$defs"]["Status"]["enum"]) == {
        "not_started",
        "in_progress",
        "complete",
        "ongoing",
        "on_hold",
        "cancelled",
        "unknown",
    }
