"""Shared test options: golden baselines are ratcheted by hand, never on CI."""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-baseline",
        action="store_true",
        help="Raise tests/golden-baseline.json to the current scores (refused when CI is set).",
    )


@pytest.fixture(scope="session")
def update_baseline(request: pytest.FixtureRequest) -> bool:
    wanted = bool(request.config.getoption("--update-baseline"))
    if wanted and os.environ.get("CI"):
        raise pytest.UsageError("--update-baseline is refused on CI: baselines move by hand")
    return wanted
