"""``planingest extract``, ``schema`` and ``eval``: one document, the contracts, the goldens."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table as RichTable

from planingest.cli.app import (
    NoOcrOption,
    PeopleOption,
    VerboseOption,
    app,
    err,
    fail,
    out,
    safe,
)

if TYPE_CHECKING:  # the contracts and pydantic-settings load when a command runs
    from planingest.extractor.model import ExtractedDocument
    from planingest.normalise.records import PlanDocument


@app.command()
def extract(
    file: Annotated[
        Path, typer.Argument(help="A PDF, Word (.docx/.doc) or image (.png/.jpg/.tif) plan.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object (see README).")
    ] = False,
    password: Annotated[str | None, typer.Option(help="Password of an encrypted PDF.")] = None,
    people_in_text: PeopleOption = None,
    no_ocr: NoOcrOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Extract the tables of FILE and show them with the records they normalise to."""
    from planingest.ops.executors import read_guarded
    from planingest.settings import Settings

    settings = Settings.from_flags(
        pdf_password=password, people_in_text=people_in_text, ocr=False if no_ocr else None
    )
    (result,) = read_guarded([file], settings)
    if result.error is not None:
        raise fail(result.error, verbose)
    assert result.extracted is not None and result.plan is not None
    if as_json:
        sys.stdout.write(json.dumps(extract_json(result.extracted, result.plan), indent=2) + "\n")
        return
    _print_tables(result.extracted)
    _print_records(result.plan)


def extract_json(extracted: ExtractedDocument, plan: PlanDocument) -> dict[str, Any]:
    """The public JSON shape of ``planingest extract --json`` (documented in the README)."""
    from planingest.extractor.model import to_json_dict

    data = to_json_dict(extracted)
    for table in data["tables"]:
        table["page"] = table["pages"][0] if table["pages"] else None
    plan_data = plan.model_dump(mode="json")
    return {
        "source": data["source"],
        "plan": plan_data["plan"],
        "tables": data["tables"],
        "texts": data["texts"],
        "records": plan_data["records"],
        "warnings": sorted(set(data["warnings"]) | set(plan_data["warnings"])),
        "pipeline_version": plan.pipeline_version,
    }


def _print_tables(extracted: ExtractedDocument) -> None:
    source = extracted.source
    out.print(
        f"[bold]{safe(source.path)}[/bold]  {source.format}, {source.size:,} bytes, "
        f"{len(extracted.tables)} tables, sha256 {source.sha256[:12]}…",
        highlight=False,
    )
    for table in extracted.tables:
        pages = ", ".join(map(str, table.pages)) or "-"
        view = RichTable(
            title=f"Table {table.index + 1} ({table.n_rows}×{table.n_cols}, pages {pages}, "
            f"{table.engine})",
            show_lines=True,
            title_justify="left",
        )
        for col in range(table.n_cols):
            view.add_column(str(col), overflow="fold")
        grid = table.grid()
        for r in range(table.n_rows):
            row = []
            for c in range(table.n_cols):
                cell = grid[r][c]
                if cell is None:
                    row.append("")
                elif (cell.row, cell.col) != (r, c):
                    row.append("[dim]↖[/dim]")
                else:
                    span = (
                        f" [dim][{cell.rowspan}×{cell.colspan}][/dim]"
                        if cell.rowspan * cell.colspan > 1
                        else ""
                    )
                    row.append(safe(_shorten(cell.text)) + span)
            view.add_row(*row)
        out.print(view)


def _print_records(plan: PlanDocument) -> None:
    meta = plan.plan
    period = meta.period.text if meta.period else "?"
    out.print(
        f"[bold]Plan:[/bold] {safe(meta.title or '?')} | organisation "
        f"{safe(meta.organisation or '?')} | period {safe(period)} | "
        f"edition {meta.edition_date or '?'}",
        highlight=False,
    )
    view = RichTable(title=f"{len(plan.records)} records", title_justify="left", show_lines=True)
    for name in ("ref", "theme", "action", "lead", "deadline", "status"):
        view.add_column(name, overflow="fold")
    for record in plan.records:
        lead = "; ".join(record.lead.people + record.lead.roles + record.lead.teams)
        deadline = record.deadline.text
        if record.deadline.latest:
            deadline += f" → {record.deadline.latest}"
        status = record.status.value + (f"/{record.rag.value}" if record.rag else "")
        view.add_row(
            safe(record.ref or ""),
            safe(_shorten(record.theme or "", 40)),
            safe(_shorten(record.action, 80)),
            safe(_shorten(lead, 50)),
            safe(_shorten(deadline, 40)),
            status,
        )
    out.print(view)
    for warning in plan.warnings:
        out.print(f"[yellow]note:[/yellow] {safe(warning)}", highlight=False)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@app.command()
def schema(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the schemas to.")] = Path(
        "schemas"
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Only check the files are current (exit 1 if not).")
    ] = False,
) -> None:
    """Write (or check) the JSON Schemas of the two stage contracts."""
    from planingest.cli.schemas import BUILT_FILES

    stale = []
    for name, build in BUILT_FILES.items():
        path = out_dir / name
        text = build()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
        else:
            path.write_text(text, encoding="utf-8")
            out.print(f"wrote {path}")
    if stale:
        err.print(
            "out of date: " + ", ".join(stale) + " (run `planingest schema`)",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(1)


@app.command("eval")
def eval_(
    folder: Annotated[Path, typer.Argument(help="Folder of samples with *.expected.json.")] = Path(
        "samples"
    ),
    show_diff: Annotated[
        bool, typer.Option("--diff", help="Show field-level differences.")
    ] = False,
) -> None:
    """Score the pipeline against the hand-checked golden records in FOLDER."""
    from planingest.ops.evaluate import (
        DocumentScore,
        Overall,
        format_diff,
        is_scanned_twin,
        load_golden,
        score_document,
        variants,
    )
    from planingest.ops.executors import read_guarded
    from planingest.settings import Settings

    digital: list[DocumentScore] = []
    scanned: list[DocumentScore] = []
    view = RichTable(title=f"Pipeline vs golden records in {safe(folder)}", title_justify="left")
    for name in ("document", "expected", "produced", "matched", "record F1", "field acc"):
        view.add_column(name, justify="left" if name == "document" else "right", no_wrap=True)
    pairs = list(variants(folder))
    results = read_guarded((document for document, _ in pairs), Settings())
    for (document, golden), result in zip(pairs, results, strict=True):
        if result.plan is None:
            err.print(f"[red]failed:[/red] {safe(result.error)}", highlight=False)
            continue
        score = score_document(document.name, load_golden(golden), result.plan)
        (scanned if is_scanned_twin(document) else digital).append(score)
        view.add_row(
            safe(document.name),
            str(score.expected),
            str(score.actual),
            str(score.matched),
            f"{score.f1:.3f}",
            f"{score.mean_field_accuracy:.3f}",
        )
        if show_diff and (score.diffs or score.missing or score.unexpected):
            err.print(format_diff(score), highlight=False, markup=False)
    # The scanned twins are summed up apart: their OCR misreadings would hide a change in the
    # digital documents' scores.
    scores = digital or scanned
    if not scores:
        err.print(f"[red]error:[/red] no samples with golden files in {safe(folder)}")
        raise typer.Exit(2)
    overall = Overall(scores)
    out.print(view)
    which = "digital documents, " if scanned and digital else ""
    fields = RichTable(title=f"Per-field accuracy ({which}matched records)", title_justify="left")
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    for name in sorted({n for s in scores for n in s.field_total}):
        accuracy = overall.field_accuracy(name)
        fields.add_row(name, f"{accuracy:.3f}" if accuracy is not None else "-")
    out.print(fields)
    if scanned and digital:
        twins = Overall(scanned).summary_line("scanned twins")
        out.print(f"{twins} ({len(scanned)} documents read by OCR)", highlight=False)
    out.print(overall.summary_line(), highlight=False)
