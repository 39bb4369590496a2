"""Fixtures for the review application's browser tests: a fresh database (SQLite, PostgreSQL),
``planingest serve`` on a free port against it, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from typer.testing import CliRunner

from planingest.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
STARTUP_SECONDS = 60.0


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'review.db'}"
    return str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'review.db'}"


def import_files(url: str, *paths: Path) -> str:
    """Import documents with the CLI, in this process; its output."""
    result = CliRunner().invoke(app, ["import", *map(str, paths), "--db", url, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return result.output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    db: str
    process: subprocess.Popen[bytes]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def start_server(db: str, tmp_path: Path, *extra: str, env: dict[str, str] | None = None) -> Server:
    """``planingest serve`` on a free port; returns once it answers (or fails the test)."""
    port = _free_port()
    environ = {
        **os.environ,
        "PLANINGEST_PAGE_CACHE": str(tmp_path / "pages"),
        "PLANINGEST_REVIEWER": "Robin Tester",
        **(env or {}),
    }
    command = [str(Path(sys.executable).with_name("planingest")), "serve", "--db", db]
    command += ["--port", str(port)]
    process = subprocess.Popen(
        [*command, *extra], env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while not _answers(url + "/static/style.css"):
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            pytest.fail(f"planingest serve exited {process.returncode}: {output}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("planingest serve did not answer")
        time.sleep(0.05)  # polling for the first answer, not waiting a fixed time
    return Server(url, db, process)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    if server.process.stdout:
        server.process.stdout.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()
