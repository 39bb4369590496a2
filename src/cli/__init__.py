"""The ``planingest`` command: a thin typer skin over the Python API.

``app`` is built in :mod:`planingest.cli.app`; importing the command modules here registers
their commands on it (documents: extract, schema, eval; runs: import, sync, watch, failures;
database: plans, actions, history, diff, export, overdue, link, unlink).
"""

from planingest.cli import database, documents, runs  # noqa: F401  (registers the commands)
from planingest.cli.app import app

__all__ = ["app"]
