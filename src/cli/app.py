"""The typer app, its consoles, the options several commands share, and the exit codes.

Command modules (``documents``, ``runs``, ``database``) import from here and register their
commands on :data:`app`; this module imports none of them, so there is no cycle.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from planingest.errors import PlanIngestError
from planingest.names import shown_text
from planingest.version import __version__

app = typer.Typer(
    name="planingest",
    help="Turn legacy plan documents (PDF, Word) into clean, versioned action records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

EXIT_FAILED_DOCUMENTS = 1
"""Some documents failed; the rest were imported."""
EXIT_USAGE = 2
"""Bad usage, unreadable input, nothing to work on, or a plan/version/action the database lacks."""
EXIT_RUN_FAILED = 3
"""The run itself failed: the database (or Dask scheduler) could not be reached."""
EXIT_LOCKED = 4
"""``import`` found another run importing into the database, and did nothing (``--wait``
waits for it instead)."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (128 + SIGINT; SIGTERM gives 143): what was stored is whole."""

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (env PLANINGEST_DB; default sqlite:///planingest.db)."),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show error details.")]
PeopleOption = Annotated[
    bool | None,
    typer.Option(
        "--people-in-text",
        help="Also find people named in progress text (env PLANINGEST_PEOPLE_IN_TEXT).",
    ),
]
PasswordOption = Annotated[
    str | None, typer.Option("--password", help="Password of encrypted PDFs.")
]
NoOcrOption = Annotated[
    bool,
    typer.Option(
        "--no-ocr", help="Do not OCR scanned pages: they fail as needs_ocr (env PLANINGEST_OCR)."
    ),
]


def safe(text: object) -> str:
    """Text from a document, a path or a library's message, ready to sit in rich markup: one
    line, no control characters, and no ``[...]`` that rich would read as a style or a link."""
    return escape(shown_text(str(text)))


def fail(error: PlanIngestError, verbose: bool, code: int = EXIT_USAGE) -> typer.Exit:
    """Print ``error`` as one line on stderr (its traceback too with ``--verbose``) and return
    the exit to raise."""
    err.print(f"[red]error:[/red] {safe(error)}", highlight=False, soft_wrap=True)
    if verbose and error.details:
        err.print(error.details, highlight=False, markup=False)
    return typer.Exit(code)


def _print_version(value: bool) -> None:
    """An eager option: it answers before typer asks for a command (``planingest --version``)."""
    if value:
        out.print(f"planingest {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_print_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Turn legacy plan documents (PDF, Word) into clean, versioned action records."""
