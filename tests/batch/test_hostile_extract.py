"""``planingest extract`` reads in the guarded worker and prints document text as text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planingest.cli.app import out

from . import makers
from .conftest import HungConverter, invoke

MARKUP = ("[bold]", "[/]", "[link=https://evil.example]click[/link]", "[/'A']")


def test_markup_in_cells_metadata_and_name_is_printed_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(out, "width", 250)  # wide enough that no cell folds
    folder = tmp_path / "a[link=https:"  # with the file's name the path spells [link=https://…]
    folder.mkdir()
    rows = [
        ("1.1", "Fix the [bold]roof[/] now", "[link=https://evil.example]click[/link]", "2025", ""),
        ("1.2", "Sweep [/'A'] the yard", "Parks Team", "June 2025", "Complete"),
    ]
    plan = makers.word_plan(
        folder / "x[bold]y[.docx", "Roads [bold]Plan[/] 2025", rows, organisation="[red]Org[/]"
    )

    result = invoke("extract", str(plan))

    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{folder}/x[bold]y[.docx" in result.stdout  # the name, brackets and all
    assert "Plan: Roads [bold]Plan[/] 2025" in result.stdout  # the title (metadata) as written
    for piece in ("Fix the [bold]roof[/] now", "Sweep [/'A'] the yard", rows[0][2]):
        assert f"│ {piece} " in result.stdout


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "x.pdf"
    os.mkfifo(fifo)

    result = invoke("extract", str(fifo))

    assert result.exit_code == 2
    reason = "is a FIFO (named pipe), not a regular file; not read"
    assert result.stderr.strip() == f"error: {fifo}: {reason}"


def test_a_file_that_overruns_the_time_limit_is_a_one_line_limit_error(
    tmp_path: Path, hung_converter: HungConverter
) -> None:
    old = makers.legacy_doc(tmp_path / "old.doc")  # its converter never returns

    result = invoke("extract", str(old), env={"PLANINGEST_TIMEOUT_SECONDS": "1"})

    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {old}: took longer than the time limit (1 s)"
    ]
    assert hung_converter.started()  # it was the converter the limit stopped


def test_a_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    plan = makers.word_plan(tmp_path / "p.docx", "Housing Plan 2024", makers.plan_rows(2))
    odd = os.fsencode(tmp_path) + b"/bad\xff\xfebytes.docx"
    os.rename(plan, odd)

    result = invoke("extract", os.fsdecode(odd), "--json")

    assert result.exit_code == 0, result.stderr
    assert f'"path": "{tmp_path}/bad\\\\xff\\\\xfebytes.docx"' in result.stdout


def test_markup_stored_from_a_document_is_printed_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(out, "width", 250)
    rows = [("1.1", "Fix the [bold]roof[/] now", "[link=https://evil.example]x[/link]", "2025", "")]
    plan = makers.word_plan(tmp_path / "p.docx", "Roads [bold]Plan[/] 2025", rows)
    url = f"sqlite:///{tmp_path / 'plans.db'}"
    assert invoke("import", str(plan), "--db", url, "-w", "1").exit_code == 0

    plans = invoke("plans", "--db", url)
    actions = invoke("actions", "--db", url)

    assert plans.exit_code == 0 and actions.exit_code == 0, plans.stderr + actions.stderr
    assert "Roads [bold]Plan[/] 2025" in plans.stdout
    assert "Fix the [bold]roof[/] now" in actions.stdout
    assert "[link=https://evil.example]x[/link]" in actions.stdout
