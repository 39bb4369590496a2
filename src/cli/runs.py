"""``planingest import``, ``sync``, ``watch`` and ``failures``: many files, fit for cron.

Exit codes: 0 done (``sync``: or another run holds the lock, so this pass has nothing to do),
1 some documents failed (or a path given does not exist), 2 nothing to work on (no such folder,
no documents), 3 the run itself failed (database down), 4 ``import`` found another run holding
the lock (``--wait`` waits instead), 130 stopped by Ctrl-C (143 by SIGTERM): the run is marked
interrupted, what it stored is whole, and running the command again finishes the job.
One log line per file goes to stderr when it is not a terminal (cron, systemd, a pipe).
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table as RichTable
from rich.text import Text

from planingest.cli.app import (
    EXIT_FAILED_DOCUMENTS,
    EXIT_INTERRUPTED,
    EXIT_LOCKED,
    EXIT_RUN_FAILED,
    EXIT_USAGE,
    DbOption,
    NoOcrOption,
    PasswordOption,
    PeopleOption,
    VerboseOption,
    app,
    err,
    fail,
    out,
    safe,
)
from planingest.errors import Refused, StoreError
from planingest.names import shown, shown_text

if TYPE_CHECKING:  # pydantic-settings and the pipeline load when a command runs
    from planingest.ops.batch import BatchSummary, DocumentReport
    from planingest.settings import Settings

DOCUMENT_KINDS = "PDF, Word or scanned image files (.pdf, .docx, .doc, .png, .jpg, .tif)"

WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", "-w", help="Worker processes (default: one per core).", min=1),
]
DaskOption = Annotated[
    str | None,
    typer.Option(
        "--dask", help="Run the documents on a Dask cluster: tcp://host:8786, or 'local'."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]
ReportOption = Annotated[
    Path | None, typer.Option("--report", help="Write the run summary as JSON to this file.")
]
TimeoutOption = Annotated[
    float | None, typer.Option("--timeout", help="Seconds allowed per document.", min=1)
]

WATCH_UNREACHABLE_PASSES = 3
"""Passes in a row whose database could not be reached before ``watch`` gives up (exit 3)."""


def _settings(
    db: str | None,
    workers: int | None,
    password: str | None,
    timeout: float | None,
    people_in_text: bool | None,
    no_ocr: bool = False,
) -> Settings:
    """The flags import, sync and watch share, over the environment and defaults."""
    from planingest.settings import Settings

    return Settings.from_flags(
        db=db,
        workers=workers,
        pdf_password=password,
        timeout_seconds=timeout,
        people_in_text=people_in_text,
        ocr=False if no_ocr else None,
    )


@app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to import.")],
    db: DbOption = None,
    plan: Annotated[
        str | None, typer.Option("--plan", help="Plan key to file these editions under.")
    ] = None,
    reprocess: Annotated[
        bool, typer.Option(help="Re-process known files with this pipeline version.")
    ] = False,
    workers: WorkersOption = None,
    dask: DaskOption = None,
    password: PasswordOption = None,
    timeout: TimeoutOption = None,
    people_in_text: PeopleOption = None,
    no_ocr: NoOcrOption = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="If another run is importing, wait for it to end.")
    ] = False,
    as_json: JsonOption = False,
    report: ReportOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Import plan files (or folders of them) into the database, in parallel."""
    from planingest.ops.batch import collect_files, run_batch

    settings = _settings(db, workers, password, timeout, people_in_text, no_ocr)
    found = collect_files(paths)
    if found.unsupported:
        kinds = ", ".join(f"{n} {kind}" for kind, n in found.unsupported.items())
        err.print(
            f"skipped {sum(found.unsupported.values())} not {DOCUMENT_KINDS}: {shown_text(kinds)}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    if not found.files:
        for path in found.missing:
            err.print(
                f"[red]error:[/red] {safe(shown(path))}: no such file or folder", highlight=False
            )
        err.print(f"[red]error:[/red] no {DOCUMENT_KINDS} to import", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    total = len(found.files) + len(found.missing)
    with (
        _interruptible(),
        _locked(settings.db, wait=wait, busy=EXIT_LOCKED),
        _progress(total, as_json, verbose) as on_result,
    ):
        summary = _run_or_exit(
            lambda: run_batch(
                found,
                store_url=settings.db,
                settings=settings,
                plan_key=plan,
                reprocess=reprocess,
                dask=dask,
                on_result=on_result,
                holds_lock=True,
            )
        )
    _finish(summary, summary.as_json(), settings.db, as_json, report)
    if summary.failed or summary.missing:
        raise typer.Exit(EXIT_FAILED_DOCUMENTS)


@app.command()
def sync(
    folder: Annotated[Path, typer.Argument(help="The shared folder to mirror (read only).")],
    db: DbOption = None,
    min_age: Annotated[
        float, typer.Option("--min-age", help="Seconds a file must be left alone before import.")
    ] = 60.0,
    retry_failed: Annotated[
        bool, typer.Option(help="Try again files that failed for reasons tied to their bytes.")
    ] = False,
    workers: WorkersOption = None,
    dask: DaskOption = None,
    password: PasswordOption = None,
    timeout: TimeoutOption = None,
    people_in_text: PeopleOption = None,
    no_ocr: NoOcrOption = False,
    as_json: JsonOption = False,
    report: ReportOption = None,
    verbose: VerboseOption = False,
) -> None:
    """One pass over FOLDER: import new and changed plans, note moves and removals."""
    settings = _settings(db, workers, password, timeout, people_in_text, no_ocr)
    with _interruptible():
        failed = _sync_pass(folder, settings, min_age, retry_failed, dask, as_json, report, verbose)
    if failed:
        raise typer.Exit(EXIT_FAILED_DOCUMENTS)


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="The shared folder to mirror (read only).")],
    db: DbOption = None,
    interval: Annotated[
        float, typer.Option("--interval", help="Seconds between passes.", min=0.1)
    ] = 60.0,
    passes: Annotated[
        int | None, typer.Option("--passes", help="Stop after this many passes.", min=1)
    ] = None,
    min_age: Annotated[
        float, typer.Option("--min-age", help="Seconds a file must be left alone before import.")
    ] = 60.0,
    workers: WorkersOption = None,
    dask: DaskOption = None,
    password: PasswordOption = None,
    timeout: TimeoutOption = None,
    people_in_text: PeopleOption = None,
    no_ocr: NoOcrOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Run the sync pass over FOLDER every INTERVAL seconds (polling: network shares send no
    change events)."""
    settings = _settings(db, workers, password, timeout, people_in_text, no_ocr)
    with _interruptible():
        _watch(folder, settings, interval, passes, min_age, dask, verbose)


def _watch(
    folder: Path,
    settings: Settings,
    interval: float,
    passes: int | None,
    min_age: float,
    dask: str | None,
    verbose: bool,
) -> None:
    done = unreachable = 0
    while True:
        started = time.monotonic()
        try:
            _sync_pass(folder, settings, min_age, False, dask, False, None, verbose)
            unreachable = 0
        except typer.Exit as stop:
            if stop.exit_code == EXIT_USAGE:
                raise
            # A pass that failed (the database down after its retries) is logged, and the next
            # pass tries again; a database that stays unreachable ends the watch with exit 3,
            # so the service manager sees it (and restarts it later).
            unreachable = unreachable + 1 if stop.exit_code == EXIT_RUN_FAILED else 0
        done += 1
        if unreachable >= WATCH_UNREACHABLE_PASSES or (passes is not None and done >= passes):
            if unreachable:
                raise typer.Exit(EXIT_RUN_FAILED)
            return
        time.sleep(max(0.0, interval - (time.monotonic() - started)))


def _sync_pass(
    folder: Path,
    settings: Settings,
    min_age: float,
    retry_failed: bool,
    dask: str | None,
    as_json: bool,
    report: Path | None,
    verbose: bool,
) -> bool:
    from planingest.ops.sync import sync_folder

    if not folder.is_dir():
        err.print(f"[red]error:[/red] {safe(shown(folder))}: no such folder", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    with _locked(settings.db), _progress(None, as_json, verbose) as on_result:
        summary = _run_or_exit(
            lambda: sync_folder(
                folder,
                store_url=settings.db,
                settings=settings,
                min_age=min_age,
                retry_failed=retry_failed,
                dask=dask,
                on_result=on_result,
                holds_lock=True,
            )
        )
    for warning in summary.warnings:
        err.print(f"[yellow]warning:[/yellow] {safe(warning)}", highlight=False)
    if summary.batch.documents or as_json or report:
        _finish(summary.batch, summary.as_json(), settings.db, as_json, report)
    if not as_json:
        out.print(shown_text(summary.scan_line()), highlight=False, soft_wrap=True, markup=False)
    return bool(summary.batch.failed)


@app.command()
def failures(
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the documents whose latest import failed, with the reason."""
    from planingest.ops.sync import list_failures
    from planingest.settings import Settings

    settings = Settings.from_flags(db=db)
    rows = _run_or_exit(lambda: list_failures(settings.db))
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2, default=str) + "\n")
        return
    out.print(f"{len(rows)} failed documents in {settings.db}", highlight=False)
    for row in rows:
        retry = "next run" if row["transient"] else "when the bytes change"
        out.print(
            f"{shown(row['path'])}: [{row['code']}] {shown_text(row['reason'])} (retried {retry}; "
            f"sha256 {(row['sha256'] or '?')[:12]}, {row['at'][:19]})",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


@contextmanager
def _locked(db_url: str, *, wait: bool = False, busy: int = 0) -> Iterator[None]:
    """Hold the run lock; if another run holds it, say so and exit ``busy``, or with ``wait``
    block on the lock until that run ends."""
    from planingest.store import run_lock

    with ExitStack() as stack:
        held = _run_or_exit(lambda: stack.enter_context(run_lock(db_url)))
        if not held and wait:
            err.print(
                f"another planingest run is importing into {db_url}; waiting for it to end",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
            stack.close()
            held = _run_or_exit(lambda: stack.enter_context(run_lock(db_url, wait=True)))
        if not held:
            err.print(
                f"another planingest run is importing into {db_url}; nothing done"
                + (" (give --wait to wait for it)" if busy else ""),
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
            raise typer.Exit(busy)
        yield


@contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C (SIGINT) or SIGTERM (systemd, ``kill``): unwind (the document being written rolls
    back, the workers are stopped, the run is marked interrupted), then say in one line what was
    stored and exit 128 + the signal's number."""
    from planingest.ops.batch import Interrupted

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except KeyboardInterrupt as stopped:
        err.print(interrupted_line(stopped), highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(128 + getattr(stopped, "signum", EXIT_INTERRUPTED - 128)) from None


def interrupted_line(stopped: KeyboardInterrupt) -> str:
    """What an interrupted run leaves behind, in one line."""
    summary: BatchSummary | None = getattr(stopped, "summary", None)
    if summary is None or summary.run_id is None:
        return (
            "interrupted while nothing was being stored: the database holds whole documents "
            "only; running the same command again does the job"
        )
    return (
        f"interrupted: {len(summary.documents)} of {summary.files} files done "
        f"({summary.outcome_counts()}; {summary.records} records stored) in run "
        f"{summary.run_id}, marked interrupted; running the same command again finishes the job"
    )


def _run_or_exit(action: Callable[[], Any]) -> Any:
    """Run the action; a database URL we cannot use ends the run with exit code 2, a database
    (or Dask scheduler) that stayed unreachable through the retries with exit code 3, each with
    one line saying why."""
    try:
        return action()
    except Refused as exc:
        raise fail(exc, verbose=False) from exc
    except StoreError as exc:
        raise fail(exc, verbose=False, code=EXIT_RUN_FAILED) from exc
    except OSError as exc:  # the Dask scheduler, or the database file's folder
        err.print(f"[red]error:[/red] {safe(exc)}", highlight=False)
    raise typer.Exit(EXIT_RUN_FAILED)


@contextmanager
def _progress(
    total: int | None, quiet: bool, verbose: bool
) -> Iterator[Callable[[DocumentReport], None]]:
    """A progress bar on a terminal; one log line per file otherwise (cron, systemd)."""
    interactive = err.is_terminal and not quiet
    progress = Progress(
        TextColumn("[bold]importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[pages]} pages, {task.fields[records]} records"),
        TextColumn("[red]{task.fields[failed]} failed"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not interactive,
    )
    task = progress.add_task("import", total=total, pages=0, records=0, failed=0)
    tally = {"pages": 0, "records": 0, "failed": 0}

    def on_result(report: DocumentReport) -> None:
        tally["pages"] += report.pages
        tally["records"] += report.records
        tally["failed"] += report.outcome in ("failed", "missing")
        progress.update(
            task, advance=1, pages=tally["pages"], records=tally["records"], failed=tally["failed"]
        )
        if not interactive or report.outcome in ("failed", "missing"):
            progress.console.print(log_line(report), highlight=False, soft_wrap=True, markup=False)
        if verbose and report.details:
            progress.console.print(report.details, highlight=False, markup=False)

    with progress:
        yield on_result


def log_line(report: DocumentReport) -> str:
    """One line per file, for cron mail and journald: the name and reason with control
    characters escaped, so no file name (or message quoting one) can start a line of its own."""
    path = shown(report.path)
    if report.outcome in ("failed", "missing"):
        return f"{report.outcome:<12} {path}: [{report.code}] {shown_text(report.reason or '')}"
    return (
        f"{report.outcome:<12} {path}: {report.records} records, {report.tables} tables, "
        f"{report.pages} pages, {report.seconds:.2f} s"
    )


def _finish(
    summary: BatchSummary,
    data: dict[str, Any],
    db_url: str,
    as_json: bool,
    report: Path | None,
) -> None:
    text = json.dumps(data, indent=2, default=str) + "\n"
    if report is not None:
        report.write_text(text, encoding="utf-8")
    if as_json:
        sys.stdout.write(text)
        return
    view = RichTable(title=Text(f"Imported into {db_url}"), title_justify="left", expand=True)
    view.add_column("file", overflow="fold", ratio=3)
    view.add_column("outcome", overflow="fold", ratio=2)
    for name in ("pages", "tables", "records", "seconds"):
        view.add_column(name, justify="right")
    for doc in sorted(summary.documents, key=lambda d: str(d["path"])):
        failed = doc["outcome"] in ("failed", "missing")
        view.add_row(
            Text(shown(doc["path"])),
            Text.assemble((doc["outcome"], "red"), ": ", shown_text(doc["reason"] or ""))
            if failed
            else doc["outcome"],
            str(doc["pages"]),
            "" if failed else str(doc["tables"]),
            "" if failed else str(doc["records"]),
            f"{doc['seconds']:.2f}",
        )
    if summary.documents:
        out.print(view)
    out.print(
        f"{summary.files} files: {summary.outcome_counts()}; {summary.pages} pages, "
        f"{summary.tables} tables, {summary.records} records in {summary.seconds:.1f} s "
        f"(run {summary.run_id})",
        highlight=False,
        markup=False,
    )
