"""The review application in a real browser: import samples, follow a plan to an action, see
the cell highlighted on its page, correct a status, re-import the edition, see the correction
kept and marked (SQLite and PostgreSQL). The README's screenshots
of the main pages are retaken with PLANINGEST_UPDATE_SCREENSHOTS=1."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import text
from typer.testing import CliRunner

from planingest import store as store_module
from planingest.cli import app

from .conftest import SAMPLES, SCREENSHOTS, import_files, start_server, stop_server
from helpers import session_on

CLIMATE_PDF = SAMPLES / "climate_action_plan.pdf"
CLIMATE_DOCX = SAMPLES / "climate_action_plan.docx"
EQUALITY = [
    SAMPLES / "seed002_equality_progress_2018-10.docx",
    SAMPLES / "seed002_equality_progress_2019-04.docx",
]
PLAN_TITLE = "Northbrook District Council Climate Action Plan 2022-2025"
ACTION = "Replace pool cars with electric vehicles as leases end"


def _shoot(page: Page, name: str, database_url: str) -> None:
    """The README's screenshots, retaken into docs/screenshots/ only when asked
    (``PLANINGEST_UPDATE_SCREENSHOTS=1``): a test run must not rewrite tracked files."""
    shot = page.screenshot()
    assert shot.startswith(b"\x89PNG")
    if os.environ.get("PLANINGEST_UPDATE_SCREENSHOTS") and database_url.startswith("sqlite"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / f"{name}.png").write_bytes(shot)


def test_review_correct_and_reimport(page: Page, database_url: str, tmp_path: Path) -> None:
    import_files(database_url, CLIMATE_PDF, *EQUALITY)
    server = start_server(database_url, tmp_path)
    images: list[tuple[str, int, str]] = []
    page.on(
        "response",
        lambda r: (
            images.append((r.url, r.status, r.headers.get("content-type", "")))
            if "/source/" in r.url
            else None
        ),
    )
    try:
        page.goto(server.url + "/")
        plans = page.locator("#plans")
        expect(plans).to_contain_text(PLAN_TITLE)
        expect(plans).to_contain_text("Equality")
        _shoot(page, "plans", database_url)

        page.get_by_role("link", name=PLAN_TITLE).click()
        expect(page.locator("h1")).to_have_text(PLAN_TITLE)
        expect(page.locator("#actions tbody tr")).to_have_count(10)  # the sample's 10 actions
        page.get_by_label("Status").select_option("complete")  # htmx swaps the table
        expect(page.locator("#actions .count")).to_have_text("2 of 10 actions")  # 1.2 and 3.1
        expect(page).to_have_url(re.compile("status=complete"))
        page.get_by_label("Status").select_option("")
        expect(page.locator("#actions .count")).to_have_text("10 of 10 actions")
        _shoot(page, "plan", database_url)

        page.get_by_role("link", name=ACTION).click()
        expect(page.locator("h1")).to_contain_text(ACTION)
        # The cell's box is drawn on the rendered page, and the crop is centred on it.
        crop = page.locator("#crop")
        expect(crop.locator("rect.cell")).to_be_visible()
        expect(page.locator("#page rect.cell")).to_be_visible()
        box = crop.locator("rect.cell")
        assert float(box.get_attribute("width") or 0) > 100  # the Action column is wide
        assert crop.locator("image").evaluate("i => i.href.baseVal").endswith(".png")
        page.wait_for_function(
            "() => performance.getEntriesByType('resource').some(e => e.name.includes('/source/'))"
        )
        assert images and all(s == 200 and t == "image/png" for _u, s, t in images), images
        status_row = page.locator("#field-status")
        expect(status_row).to_contain_text("in progress")
        _shoot(page, "action", database_url)

        # Correct the status: the page shows the correction, marked, with the read value.
        status_row.locator("summary").click()
        status_row.get_by_label("New status").select_option("complete")
        status_row.get_by_label("Reason").fill("Fleet report: all leases replaced")
        status_row.get_by_role("button", name="Save").click()
        expect(status_row).to_contain_text("complete")
        expect(status_row.locator(".flag.corrected")).to_be_visible()
        expect(status_row.locator(".read s")).to_have_text("in_progress")
        log = page.locator("#log")
        expect(log).to_contain_text("Robin Tester")
        expect(log).to_contain_text("Fleet report: all leases replaced")
        action_url = page.url

        # Re-import: the same file again (unchanged), then the Word file of the same edition,
        # which replaces the PDF reading. The correction stands on the edition, so it is kept.
        import_files(database_url, CLIMATE_PDF)
        output = import_files(database_url, CLIMATE_DOCX)
        assert "1 imported" in output
        page.goto(action_url)  # the action keeps its address when a better reading replaces it
        expect(page.locator("h1")).to_contain_text(ACTION)
        expect(page.locator(".meta").first).to_contain_text("docx")
        expect(status_row).to_contain_text("complete")
        expect(status_row.locator(".flag.corrected")).to_be_visible()
        expect(page.locator("#word-table td.cell-hit")).to_contain_text(ACTION)
        expect(page.locator("#history")).to_contain_text("corrected")

        # The Python API (which `planingest actions` prints), the SQL view and an export show it.
        with store_module.open(database_url) as opened:
            actions = opened.actions()
        row = actions[actions["action_text"] == ACTION].iloc[0]
        assert row["status"] == "complete" and row["corrected"] == ["status"]
        assert row["read_values"] == {"status": "in_progress"}
        with session_on(database_url) as session:
            viewed = session.execute(
                text("SELECT status, corrected_fields FROM actions_current WHERE action_text = :a"),
                {"a": ACTION},
            ).one()
        assert tuple(viewed) == ("complete", "status")
        exported = tmp_path / "actions.csv"
        done = CliRunner().invoke(app, ["export", str(exported), "--db", database_url])
        assert done.exit_code == 0, done.output
        with exported.open(newline="") as handle:
            out = next(r for r in csv.DictReader(handle) if r["action_text"] == ACTION)
        assert out["status"] == "complete" and "status" in out["corrected"]

        page.goto(server.url + "/review")
        expect(page.locator("#queue li.item").first).to_be_visible()
        _shoot(page, "review", database_url)

        page.goto(server.url + "/")
        page.get_by_role("link", name=re.compile("Equality")).first.click()
        page.get_by_role("button", name="Diff").click()
        expect(page.locator("#diff tbody tr").first).to_be_visible()
        _shoot(page, "diff", database_url)
    finally:
        stop_server(server)


def test_review_queue_keyboard_accepts(page: Page, sqlite_url: str, tmp_path: Path) -> None:
    import_files(sqlite_url, CLIMATE_PDF)
    server = start_server(sqlite_url, tmp_path)
    try:
        page.goto(server.url + "/review")
        queue = page.locator("#queue li.item")
        before = queue.count()
        assert before > 0
        first = queue.first.locator("a.open").inner_text()
        expect(queue.first).to_be_focused()
        page.keyboard.press("a")  # accept the focused value
        expect(page.locator("#queue li.item").first.locator("a.open")).not_to_have_text(first)
        expect(page.locator("#queue li.item")).to_have_count(before - 1)
    finally:
        stop_server(server)
