"""The ``planingest`` command: a thin typer skin over the Python API.

``app`` is built in :mod:`planingest.cli.app`; importing the command modules here registers
their commands on it (documents: extract, schema, eval; runs: import, sync, watch, failures;
database: plans, actions, history, diff, export, overdue, link, unlink; review: serve, correct,
corrections).
"""

from planingest.cli import database, documents, review, runs  # noqa: F401  (registers the commands)
from planingest.cli.app import app

__all__ = ["app"]
