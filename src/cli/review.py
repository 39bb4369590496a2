"""Commands of the review application: ``serve`` (the pages, see :mod:`planingest.web`),
``correct`` and ``corrections`` (the same corrections from the command line)."""

from __future__ import annotations

import getpass
import ipaddress
import os
from typing import TYPE_CHECKING, Annotated

import typer

from planingest.cli.app import DbOption, app, fail, out
from planingest.cli.database import _opened, _print_frame
from planingest.errors import Refused
from planingest.normalise.records import LEADS_SYNTAX, Status

if TYPE_CHECKING:
    from planingest.store import Kind

WEB_APP = "planingest.web:create_app"
"""The review application's factory, by import path: the two faces stay independent (uvicorn
imports it, as ``uvicorn --factory planingest.web:create_app`` would)."""


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen anywhere but the loopback without a token."""
    if token:
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise Refused(
            f"refusing to listen on {host} without a token: set PLANINGEST_SERVE_TOKEN "
            "(every request must then carry it), or bind 127.0.0.1"
        )


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Serve the pages without corrections.")
    ] = False,
) -> None:
    """Serve the review pages: plans, actions beside their source, history, corrections.
    Beyond 127.0.0.1 only with a token (env PLANINGEST_SERVE_TOKEN)."""
    import uvicorn  # here: only serving needs it

    from planingest.settings import Settings

    settings = Settings.from_flags(db=db, serve_read_only=read_only or None)
    try:
        check_bind(host, settings.serve_token)
    except Refused as exc:
        raise fail(exc, verbose=False) from exc
    os.environ["PLANINGEST_DB"] = settings.db
    os.environ["PLANINGEST_SERVE_READ_ONLY"] = "1" if settings.serve_read_only else "0"
    out.print(f"planingest review on http://{host}:{port}/ ({settings.db})", highlight=False)
    uvicorn.run(WEB_APP, factory=True, host=host, port=port, log_level="warning")


@app.command()
def correct(
    action_id: Annotated[int, typer.Argument(help="The action's id.")],
    field: Annotated[
        str,
        typer.Argument(
            help="The field: status, rag, theme, leads, action_text, deadline_latest... (an "
            "unknown one is refused with the list).",
            show_default=False,
        ),
    ],
    value: Annotated[
        str | None,
        typer.Argument(
            help="The right value (none with --accept or --undo). status: "
            + ", ".join(s.value for s in Status)
            + "; rag: red, amber, green or '' for none; deadline dates: 2019-04-30; leads: "
            + LEADS_SYNTAX
        ),
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why, for the log.")] = None,
    version: Annotated[
        int | None,
        typer.Option("--version", help="The edition (version number); default the current."),
    ] = None,
    accept: Annotated[bool, typer.Option("--accept", help="The read value is right.")] = False,
    undo: Annotated[bool, typer.Option("--undo", help="Back to the read value.")] = False,
    by: Annotated[
        str | None, typer.Option("--by", help="Who corrects (env PLANINGEST_REVIEWER).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Correct one value of an action as an edition read it (kept beside the read value and
    applied on every read), accept it as read, or undo a correction."""
    if accept and undo:
        raise fail(Refused("--accept or --undo, not both"), verbose=False)
    kind: Kind = "accept" if accept else "undo" if undo else "correct"
    if kind == "correct" and value is None:
        raise fail(Refused("give the right VALUE (or --accept, or --undo)"), verbose=False)
    from planingest.settings import Settings

    author = by or Settings().reviewer or getpass.getuser()
    with _opened(db) as store:
        ruling = store.correct(
            action_id, field, value, author=author, reason=reason, kind=kind, version_no=version
        )
    out.print(
        f"{ruling.kind}: action {action_id} {field} as read in edition {ruling.edition_key}: "
        f"{ruling.old_value!r} → {ruling.new_value!r} (by {ruling.author})",
        highlight=False,
    )


@app.command()
def corrections(
    action_id: Annotated[
        int | None, typer.Option("--action", help="Only this action's corrections.")
    ] = None,
    db: DbOption = None,
) -> None:
    """List the corrections log: who, when, which value, read and given, why."""
    with _opened(db) as store:
        log = store.corrections(None if action_id is None else [action_id])
    import pandas as pd

    frame = pd.DataFrame([ruling.__dict__ for ruling in log])
    _print_frame(
        frame,
        "Corrections",
        [
            "id",
            "created_at",
            "author",
            "action_id",
            "field",
            "edition_key",
            "kind",
            "old_value",
            "new_value",
            "reason",
        ],
    )
