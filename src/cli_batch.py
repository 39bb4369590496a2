"""``planingest import`` (and, as they come, ``sync``, ``watch``, ``failures``): many files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table as RichTable

from planingest.cli import DbOption, VerboseOption, app, err, out
from planingest.settings import Settings


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
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    verbose: VerboseOption = False,
) -> None:
    """Import plan files (or folders of them) into the database."""
    from planingest.batch import collect_files, run_batch
    from planingest.pipeline import DocumentResult

    settings = Settings.from_flags(db=db)
    files, missing = collect_files(paths)
    for path in missing:
        err.print(f"[red]error:[/red] {path}: no such file or folder", highlight=False)
    if not files:
        err.print("[red]error:[/red] no PDF or Word files to import", highlight=False)
        raise typer.Exit(2)

    progress = Progress(
        TextColumn("[bold]importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[current]}"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=as_json or not err.is_terminal,
    )

    def on_result(result: DocumentResult, outcome: str) -> None:
        progress.advance(task, 1)
        progress.update(task, current=Path(result.path).name)
        if result.error is not None:
            progress.console.print(f"[red]failed:[/red] {result.error}", highlight=False)
            if verbose and result.error.details:
                progress.console.print(result.error.details, highlight=False)

    with progress:
        task = progress.add_task("import", total=len(files), current="")
        summary = run_batch(
            files,
            store_url=settings.db,
            settings=settings,
            plan_key=plan,
            reprocess=reprocess,
            on_result=on_result,
        )
    if as_json:
        sys.stdout.write(json.dumps(summary.__dict__, indent=2, default=str) + "\n")
    else:
        view = RichTable(title=f"Imported into {settings.db}", title_justify="left")
        for name in ("file", "outcome", "tables", "records"):
            view.add_column(name)
        for doc in summary.documents:
            view.add_row(
                str(doc["path"]), str(doc["outcome"]), str(doc["tables"]), str(doc["records"])
            )
        for failure in summary.failures:
            view.add_row(failure["path"], f"[red]failed[/red]: {failure['reason']}", "", "")
        out.print(view)
        out.print(
            f"{summary.files} files: {summary.imported} imported, {summary.unchanged} unchanged, "
            f"{summary.failed} failed; {summary.tables} tables, {summary.records} records"
        )
    if summary.failed or missing:
        raise typer.Exit(1)
