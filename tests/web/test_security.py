"""The review application's guards: a hostile document renders inert in a real browser, binding
beyond the loopback needs a token, every request then carries it, changes need a CSRF token,
and --read-only serves no forms."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import docx
from playwright.sync_api import Page, Request, expect
from typer.testing import CliRunner

from planingest import store as store_module
from planingest.cli import app

from .conftest import SAMPLES, import_files, start_server, stop_server

SCRIPT = "<script>alert('cell')</script>"
IMAGE = "<img src=x onerror=alert('img')>"
LINK = "<a href=\"javascript:alert('link')\">open the report</a>"


def _hostile_plan(folder: Path) -> Path:
    """A Word plan whose title and cells hold markup meant to run in a reader's browser."""
    document = docx.Document()
    document.add_heading(f"Tidewater Borough Action Plan {SCRIPT}", level=1)
    document.add_paragraph("Progress update - March 2021")
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells, ["Ref", "Action", "Lead", "Deadline", "Status"], strict=True
    ):
        cell.text = text
    for ref, action, lead in [
        ("1.1", f"Publish the harbour plan {SCRIPT}", f"Harbour Team {IMAGE}"),
        ("1.2", f"Review mooring fees {IMAGE}", "Finance Team"),
        ("1.3", f"Consult residents {LINK}", f"Ports Officer {LINK}"),
    ]:
        row = table.add_row().cells
        for cell, text in zip(row, [ref, action, lead, "March 2022", "In progress"], strict=True):
            cell.text = text
    path = folder / "tidewater_action_plan.docx"
    document.save(str(path))
    return path


def _open(
    url: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None
) -> int:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_hostile_document_renders_inert(page: Page, sqlite_url: str, tmp_path: Path) -> None:
    import_files(sqlite_url, _hostile_plan(tmp_path))
    server = start_server(sqlite_url, tmp_path)
    dialogs: list[str] = []
    strays: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def watch(request: Request) -> None:
        if not request.url.startswith(server.url + "/") or "/x" in request.url:
            strays.append(request.url)

    page.on("request", watch)
    try:
        page.goto(server.url + "/")
        plan_link = page.locator("#plans a").first
        expect(plan_link).to_contain_text(SCRIPT)  # shown as text, not run
        plan_link.click()
        actions = page.locator("#actions tbody a")
        expect(actions).to_have_count(3)
        expect(page.locator("#actions")).to_contain_text(IMAGE)
        hrefs = [actions.nth(i).get_attribute("href") for i in range(3)]
        for href in hrefs:
            page.goto(server.url + str(href))
            expect(page.locator("#word-table td.cell-hit")).to_be_visible()
            page.locator("#fields").hover()
        expect(page.locator("#word-table")).to_contain_text(LINK)
        assert page.locator("a[href^='javascript:']").count() == 0
        assert page.locator("img").count() == 0
        assert page.locator("main script").count() == 0
        page.goto(server.url + "/review")
        page.goto(server.url + "/failures")
    finally:
        stop_server(server)
    assert dialogs == []
    assert strays == []


def test_binding_beyond_loopback_needs_a_token(sqlite_url: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", sqlite_url, "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "refusing to listen on 0.0.0.0 without a token" in result.output
    assert "PLANINGEST_SERVE_TOKEN" in result.output


def test_token_csrf_and_read_only(page: Page, sqlite_url: str, tmp_path: Path) -> None:
    import_files(sqlite_url, SAMPLES / "climate_action_plan.pdf")
    guarded = start_server(sqlite_url, tmp_path, env={"PLANINGEST_SERVE_TOKEN": "s3cret-token"})
    try:
        assert _open(guarded.url + "/") == 401
        assert _open(guarded.url + "/actions/1") == 401
        assert _open(guarded.url + "/", headers={"Authorization": "Bearer s3cret-token"}) == 200
        assert _open(guarded.url + "/", headers={"Authorization": "Bearer wrong"}) == 401
        page.goto(guarded.url + "/")  # a browser is sent to the login form
        expect(page.locator("h1")).to_have_text("Sign in")
        page.get_by_label("Token").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator(".error")).to_contain_text("not the one")
        page.get_by_label("Token").fill("s3cret-token")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("#plans")).to_be_visible()
        # A POST without the CSRF token changes nothing.
        bearer = {"Authorization": "Bearer s3cret-token"}
        form = {"field": "status", "value": "complete", "kind": "correct"}
        assert _open(guarded.url + "/actions/1/correct", form, bearer) == 403
        assert _open(guarded.url + "/actions/1/correct", form) == 401
    finally:
        stop_server(guarded)
    read_only = start_server(sqlite_url, tmp_path, "--read-only")
    try:
        page.goto(read_only.url + "/actions/1")
        expect(page.locator(".badge")).to_have_text("read-only")
        assert page.locator("form[method=post]").count() == 0
        assert _open(read_only.url + "/actions/1/correct", {"field": "status"}) == 403
    finally:
        stop_server(read_only)
    with store_module.open(sqlite_url) as opened:
        assert opened.corrections() == []
