"""Commands over the store: queries (``plans``, ``editions``, ``actions``, ``history``,
``diff``, ``overdue``, ``export``) and a person's rulings on matching (``link``,
``unlink``)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table as RichTable
from rich.text import Text

from planingest.cli.app import EXIT_RUN_FAILED, DbOption, app, fail, out
from planingest.errors import NotFound, Refused, StoreError
from planingest.names import shown

if TYPE_CHECKING:  # pandas and the store take seconds to import: loaded where used
    import pandas as pd

    from planingest.store import Store

AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Show the state as of this date (YYYY-MM-DD).")
]
PlanOption = Annotated[str | None, typer.Option("--plan", help="Only this plan (its key).")]


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


def _refuse(reason: str) -> typer.Exit:
    """One line on stderr and exit code 2: the CLI's way with every PlanIngestError."""
    return fail(Refused(reason), verbose=False)


@contextmanager
def _opened(db: str | None, *, existing: bool = True) -> Iterator[Store]:
    """The store for one command. A refusal (the store's "no such plan / edition / action", a
    URL we cannot use, a SQLite file that does not exist for a command that only reads) ends the
    command with one line and exit 2; a database that cannot be reached with one line and exit
    3, as the batch commands do."""
    from planingest.settings import Settings

    url = Settings.from_flags(db=db).db
    if existing:
        _refuse_missing_file(url)
    from planingest.store import open as open_store

    try:
        with open_store(url, existing=existing) as store:
            yield store
    except Refused as exc:
        raise fail(exc, verbose=False) from exc
    except StoreError as exc:
        raise fail(exc, verbose=False, code=EXIT_RUN_FAILED) from exc


def _refuse_missing_file(url: str) -> None:
    """A plain ``sqlite:///PATH`` URL whose file does not exist: said at once, before the store
    (seconds of imports) loads. Any other URL is the store's to judge, as it judges this one."""
    scheme, _, rest = url.partition(":///")
    plain = scheme in ("sqlite", "sqlite+pysqlite") and not any(c in rest for c in "?%")
    in_memory = rest in ("", ":memory:") or rest.startswith("file:")
    if plain and not in_memory and not Path(rest).exists():
        raise fail(
            NotFound(
                f"no database at {rest} (import documents first, or give --db)",
                kind="database",
                key=rest,
            ),
            verbose=False,
        )


def _check_plan(store: Store, plan: str | None) -> None:
    """An unknown plan key is a mistake to say so, not an empty answer."""
    if plan is not None and plan not in set(store.plans()["plan_key"]):
        raise NotFound(
            f"no plan {plan!r} (`planingest plans` lists the keys)", kind="plan", key=plan
        )


def _as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _refuse(f"--as-of wants a date like 2019-04-30, not {value!r}") from exc


def _cell(value: object) -> str:
    """One value as table text: missing as blank, lists (a diff's changed fields) joined with
    ", ", mappings as ``key: value``."""
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_cell(item)}" for key, item in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
        nested = any(isinstance(item, dict | list | tuple) for item in items)
        return ("; " if nested else ", ").join(_cell(item) for item in items)
    import pandas as pd  # imported already: the value came in a frame

    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value)


def _print_frame(frame: pd.DataFrame, title: str, columns: list[str] | None = None) -> None:
    if frame.empty:
        out.print(f"{title}: nothing to show", markup=False, highlight=False)
        return
    # convert_dtypes: an id column with a gap (NaN) prints as 2, not 2.0
    shown = frame[[c for c in (columns or list(frame.columns)) if c in frame.columns]]
    shown = shown.convert_dtypes()
    # Cells are the documents' own text (and the title may quote a plan key): Text, never markup.
    view = RichTable(title=Text(title), title_justify="left", show_lines=False)
    for name in shown.columns:
        view.add_column(str(name), overflow="fold", max_width=60)
    for row in shown.itertuples(index=False):
        view.add_row(*(Text(_cell(v)) for v in row))
    out.print(view)


def _say_left_out(frame: pd.DataFrame, as_of: str | None) -> None:
    """An as-of answer says which plans it left out, and why (the store's ``left_out``)."""
    left = frame.attrs.get("left_out") or []
    if as_of is None or not left:
        return
    reasons = "; ".join(f"{row['plan_key']}: {row['reason']}" for row in left)
    out.print(
        f"left out {len(left)} plan{'s' if len(left) != 1 else ''} with no edition by {as_of} "
        f"({reasons})",
        highlight=False,
        soft_wrap=True,
    )


def _flatten_json(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and dicts (progress, extra, deadline parts) as JSON text: every format can hold it."""
    frame = frame.copy()
    for name in frame.columns:
        if frame[name].map(lambda v: isinstance(v, list | dict)).any():
            frame[name] = frame[name].map(
                lambda v: json.dumps(v, default=str) if isinstance(v, list | dict) else v
            )
    return frame


@app.command()
def plans(db: DbOption = None) -> None:
    """List the plans in the database, with how many editions each has (a Word file and its
    PDF export are one edition, two readings)."""
    with _opened(db) as store:
        frame = store.plans()
    _print_frame(
        frame,
        "Plans",
        [
            "plan_key",
            "plan_title",
            "editions",
            "readings",
            "current_version_no",
            "current_edition_date",
            "current_record_count",
        ],
    )


@app.command()
def editions(
    plan: Annotated[str, typer.Argument(help="The plan's key (see `planingest plans`).")],
    db: DbOption = None,
) -> None:
    """List a plan's editions: version numbers, dates, how each was dated, the file read."""
    with _opened(db) as store:
        frame = store.editions(plan)
    _print_frame(
        frame,
        f"Editions of {plan}",
        [
            "version_no",
            "edition_seq",
            "edition_date",
            "edition_dated_by",
            "status",
            "record_count",
            "format",
            "path",
        ],
    )


@app.command()
def actions(
    db: DbOption = None,
    as_of: AsOfOption = None,
    plan: PlanOption = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="Only these statuses (repeatable).")
    ] = None,
) -> None:
    """List actions as they stand now (or as of a date)."""
    from planingest.normalise.records import Status

    day = _as_of(as_of)
    unknown = sorted(set(status or ()) - {s.value for s in Status})
    if unknown:
        valid = ", ".join(s.value for s in Status)
        raise _refuse(f"--status {', '.join(unknown)}: not a status (valid: {valid})")
    with _opened(db) as store:
        _check_plan(store, plan)
        frame = store.actions(as_of=day, plan=plan)
    if status:
        frame = frame[frame["status"].isin(status)]
    columns = [
        "action_id",
        "ref",
        "action_text",
        "lead_text",
        "deadline_latest",
        "status",
        "rag",
        "corrected",
    ]
    _print_frame(
        frame,
        f"Actions{f' as of {as_of}' if as_of else ''}",
        columns if plan else ["plan_key", *columns],
    )
    _say_left_out(frame, as_of)


@app.command()
def history(
    action_id: Annotated[int, typer.Argument(help="The action's id.")], db: DbOption = None
) -> None:
    """Show every version of one action across the plan's editions."""
    with _opened(db) as store:
        frame = store.history(action_id)
        if frame.empty:
            raise NotFound(f"no action with id {action_id}", kind="action", key=action_id)
    _print_frame(
        frame,
        f"History of action {action_id}",
        [
            "from_version_no",
            "from_edition_date",
            "to_version_no",
            "to_edition_date",
            "change",
            "match_method",
            "action_text",
            "status",
            "rag",
            "deadline_latest",
        ],
    )


@app.command()
def diff(
    plan: Annotated[str, typer.Argument(help="The plan's key (see `planingest plans`).")],
    v1: Annotated[int, typer.Argument(help="Older version number.")],
    v2: Annotated[int, typer.Argument(help="Newer version number.")],
    db: DbOption = None,
) -> None:
    """What changed in a plan between two of its versions."""
    with _opened(db) as store:
        _check_plan(store, plan)
        frame = store.diff(plan, v1, v2)
    _print_frame(frame, f"{plan}: version {v1} → {v2}")


@app.command()
def export(
    out_file: Annotated[Path, typer.Argument(help="File to write.")],
    format: Annotated[
        ExportFormat | None,
        typer.Option("--format", help="csv, parquet or xlsx (default: the file's extension)."),
    ] = None,
    as_of: AsOfOption = None,
    plan: PlanOption = None,
    db: DbOption = None,
) -> None:
    """Export actions (now, or as of a date) to CSV, Parquet or Excel, as the file's extension
    (.csv, .parquet, .xlsx) says."""
    format = _export_format(out_file, format)
    day = _as_of(as_of)
    with _opened(db) as store:
        _check_plan(store, plan)
        frame = store.actions(as_of=day, plan=plan)
    frame = _flatten_json(frame)
    writers = {
        ExportFormat.csv: lambda: frame.to_csv(out_file, index=False),
        ExportFormat.parquet: lambda: frame.to_parquet(out_file, index=False),
        ExportFormat.xlsx: lambda: frame.to_excel(out_file, index=False),
    }
    try:
        writers[format]()
    except ImportError as exc:
        raise _refuse(f"{format.value} export needs an extra package: {exc}") from exc
    except OSError as exc:
        raise _refuse(f"{out_file}: cannot write: {exc.strerror or exc}") from exc
    out.print(f"wrote {len(frame)} actions to {shown(out_file)}", markup=False, highlight=False)
    _say_left_out(frame, as_of)


def _export_format(path: Path, given: ExportFormat | None) -> ExportFormat:
    """The format the extension names; ``--format`` must agree with it (a CSV named out.xlsx
    is a file Excel will not open)."""
    suffix = path.suffix.lower().lstrip(".")
    named = ExportFormat(suffix) if suffix in ExportFormat.__members__ else None
    if given is not None and named is not None and given is not named:
        raise _refuse(f"{path.name}: the extension says {named.value}, --format says {given.value}")
    found = given or named
    if found is None:
        valid = ", ".join(f".{f.value}" for f in ExportFormat)
        raise _refuse(f"{path.name}: cannot tell the format: name it {valid} or give --format")
    return found


@app.command()
def overdue(db: DbOption = None, as_of: AsOfOption = None) -> None:
    """List actions past their deadline and not complete (now, or as of a date)."""
    day = _as_of(as_of)
    with _opened(db) as store:
        frame = store.overdue(as_of=day)
    _print_frame(
        frame,
        f"Overdue actions{f' as of {as_of}' if as_of else ''}",
        ["plan_key", "action_id", "ref", "action_text", "lead_text", "deadline_latest", "status"],
    )
    _say_left_out(frame, as_of)


def _rule(db: str | None, ruling: Callable[[Store], int]) -> int:
    with _opened(db) as store:
        return ruling(store)


@app.command()
def link(
    action_a: Annotated[int, typer.Argument(help="An action's id.")],
    action_b: Annotated[int, typer.Argument(help="The id of the action that is really the same.")],
    db: DbOption = None,
) -> None:
    """Rule that two actions of a plan are one (the later continues the earlier); the ruling
    holds through later imports."""
    joined = _rule(db, lambda store: store.link(action_a, action_b))
    out.print(f"linked: actions {action_a} and {action_b} are now action {joined}")


@app.command()
def unlink(
    action_id: Annotated[int, typer.Argument(help="The action's id.")],
    version_no: Annotated[
        int, typer.Argument(help="The plan version whose record is a new action, not this one.")
    ],
    db: DbOption = None,
) -> None:
    """Rule that an action's record in one plan version is a new action; the ruling holds
    through later imports."""
    split = _rule(db, lambda store: store.unlink(action_id, version_no))
    out.print(f"unlinked: the record in version {version_no} is now action {split}")
