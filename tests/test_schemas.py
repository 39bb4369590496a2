"""The committed JSON Schemas must be what the contract models generate."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from planingest.cli import app
from planingest.cli.schemas import BUILT_FILES, SCHEMA_FILES

from helpers import ROOT


def test_committed_schemas_and_lexicon_copy_are_current() -> None:
    for name, build in BUILT_FILES.items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == build(), f"schemas/{name} is stale: run `planingest schema`"


def test_schema_check_fails_on_a_stale_lexicon_copy(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["schema", "--out", str(tmp_path)]).exit_code == 0
    assert runner.invoke(app, ["schema", "--out", str(tmp_path), "--check"]).exit_code == 0
    lexicon = tmp_path / "column-lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "# edited by hand\n")
    stale = runner.invoke(app, ["schema", "--out", str(tmp_path), "--check"])
    assert stale.exit_code == 1 and "column-lexicon.yaml" in stale.output


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
