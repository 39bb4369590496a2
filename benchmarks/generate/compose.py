"""Seed → a plan: its features, its layout (blocks) and its gold records.

Each feature is drawn independently from the seed (a few pairs that cannot co-occur are mapped
to the nearest value that can, and the manifest records the value actually used). Gold is built
from the same data the layout is drawn from, never by reading the document back.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import deadlines, headers, names, statuses, texts
from .layout import (
    Block,
    Cell,
    Heading,
    Layout,
    PageBreak,
    Paragraph,
    Run,
    Table,
    TableRow,
    Text,
    plain,
)

STRUCTURES = ("row", "transposed", "outputs", "status_table", "progress", "multi")
THEMES = ("band", "merged_column", "headings", "none")
PAGE_BREAKS = ("none", "repeat_header", "no_header", "continued_heading", "split_rows")
RENDERERS = (
    "docx", "docx_pdf", "pdf_ruled", "pdf_unruled", "pdf_landscape", "pdf_rotate", "pdf_turned",
    "pdf_mixed",
)  # fmt: skip
LONG = "A further review point was agreed with the service and will be reported next quarter. "


@dataclass
class Item:
    """One row of a row-per-action table (or one column of a transposed one)."""

    theme: str | None
    ref: str | None
    outcome: str | None
    actions: list[str]
    lead: names.Lead
    deadline: deadlines.Deadline
    status: statuses.StatusCell | None
    progress: list[tuple[str, date | None, str, str]]
    """(label, as_of, text, status the text implies)."""


@dataclass
class Plan:
    seed: int
    features: dict[str, str]
    layout: Layout
    gold: dict[str, Any]
    items: list[Item] = field(default_factory=list)


def _pick(rng: random.Random, values: tuple[str, ...]) -> str:
    return values[rng.randrange(len(values))]


def _features(rng: random.Random, fixed: dict[str, str]) -> dict[str, str]:
    f = {
        "structure": _pick(rng, STRUCTURES),
        "theme": _pick(rng, THEMES),
        "status": _pick(rng, statuses.MODES),
        "leads": _pick(rng, names.LEAD_FORMS),
        "deadlines": _pick(rng, deadlines.FAMILIES),
        "page_break": _pick(rng, PAGE_BREAKS),
        "renderer": _pick(rng, RENDERERS),
    }
    style = headers.HeaderStyle(
        wording=_pick(rng, headers.WORDING_KINDS),
        case=_pick(rng, headers.CASES),
        typo=rng.random() < 0.25,
        two_line=rng.random() < 0.25,
        turned=rng.random() < 0.2,
    )
    f.update(style.features())
    f.update(fixed)
    # pairs that cannot co-occur, mapped to the nearest value that can
    if f["structure"] == "transposed":
        f["header_turned"] = "no"
        if f["theme"] == "merged_column":
            f["theme"] = "band"
        if f["page_break"] != "none":
            f["page_break"] = "transposed_continued"
    if f["structure"] == "status_table" and f["status"] == "none":
        f["status"] = "words"
    if f["structure"] == "multi" and f["theme"] == "merged_column":
        f["theme"] = "headings"
    return f


def _style(f: dict[str, str]) -> headers.HeaderStyle:
    return headers.HeaderStyle(
        f["header_words"], f["header_case"], f["header_typo"] == "yes",
        f["header_lines"] == "two", f["header_turned"] == "yes",
    )  # fmt: skip


def _meta(rng: random.Random) -> tuple[list[Block], dict[str, Any], int]:
    """Title block and gold plan metadata; returns the plan's first year too."""
    year = rng.randint(2019, 2024)
    body = rng.choice(texts.BODIES) if rng.random() < 0.7 else None
    topic = rng.choice(texts.TOPICS)
    span = rng.choice([1, 3])
    if span == 1:
        period_text = f"{year}/{(year + 1) % 100:02d}"
    else:
        period_text = rng.choice([f"{year}-{year + span}", f"{year}/{(year + span) % 100:02d}"])
    title = f"{body} {topic} {period_text}" if body else f"{topic} {period_text}"
    blocks: list[Block] = [Heading(title, 14)]
    edition: date | None = None
    month = rng.randint(1, 12)
    form = rng.choice(["update", "position", "none"])
    if form == "update":
        edition = date(year + 1, month, 1)
        blocks.append(Text(plain(f"Progress update – {headers.MONTHS[month - 1]} {year + 1}")))
    elif form == "position":
        edition = date(year + 1, month, rng.randint(1, 28))
        blocks.append(
            Text(plain(f"Position at {edition.day} {headers.MONTHS[month - 1]} {year + 1}"))
        )
    gold = {
        "title": title,
        "organisation": body,
        "period": {
            "text": period_text,
            "start": date(year, 4, 1).isoformat(),
            "end": date(year + span, 3, 31).isoformat(),
        },
        "edition_date": edition.isoformat() if edition else None,
    }
    return blocks, gold, year


@dataclass
class _Context:
    rng: random.Random
    f: dict[str, str]
    style: headers.HeaderStyle
    year: int
    titles: dict[str, str]
    progress_titles: list[tuple[str, date | None]]
    legend: statuses.Legend | None


def _context(rng: random.Random, f: dict[str, str], year: int) -> _Context:
    style = _style(f)
    fields = ["ref", "outcome", "action", "lead", "deadline", "status", "progress"]
    typo_field = rng.choice(fields) if style.typo else None
    titles = {k: headers.title(rng, k, style, typo_here=k == typo_field) for k in fields}
    if f["structure"] == "progress":
        months = sorted(rng.sample(range(1, 13), 2))
        progress_titles: list[tuple[str, date | None]] = [
            (headers.dated_progress_title(rng, year + 1, m, style), date(year + 1, m, 1))
            for m in months
        ]
    else:
        progress_titles = [(titles["progress"], None)]
    legend = statuses.make_legend(rng) if f["status"] in statuses.LEGEND_MODES else None
    return _Context(rng, f, style, year, titles, progress_titles, legend)


def _items(ctx: _Context) -> list[Item]:
    rng, f = ctx.rng, ctx.f
    structure = f["structure"]
    long_table = f["page_break"] not in ("none", "transposed_continued")
    n_items = rng.randint(11, 14) if long_table else rng.randint(4, 7)
    n_themes = 1 if f["theme"] == "none" else rng.randint(2, 3)
    if structure == "transposed":
        n_items = rng.randint(2, 4) * n_themes
    themes: list[str | None] = (
        list(texts.theme_texts(rng, n_themes)) if f["theme"] != "none" else [None]
    )
    per_item = 3 if f["leads"] == "list_lines" else rng.choice([2, 3])
    per_item = per_item if structure == "outputs" else 1
    action_texts = iter(texts.actions(rng, n_items * per_item))
    with_ref = structure in ("row", "progress", "multi") and rng.random() < 0.5
    with_outcome = structure in ("transposed", "outputs", "status_table") or rng.random() < 0.3
    with_progress = structure in ("progress", "transposed") or rng.random() < 0.6
    items = []
    for i in range(n_items):
        t = min(i * n_themes // n_items, n_themes - 1)
        progress = []
        for label, as_of in ctx.progress_titles if with_progress else []:
            text, implied = rng.choice(statuses.PROGRESS_TEXTS)
            if f["page_break"] == "split_rows":
                text = f"{text} {LONG * rng.randint(4, 7)}".strip()
            progress.append((" ".join(label.split()), as_of, text, implied))
        status = None
        if f["status"] != "none":
            status = statuses.status_cell(rng, f["status"], ctx.legend)
        items.append(
            Item(
                theme=themes[t],
                ref=f"{t + 1}.{i + 1}" if with_ref else None,
                outcome=rng.choice(texts.OUTCOMES) if with_outcome else None,
                actions=[next(action_texts) for _ in range(per_item)],
                lead=names.lead(rng, f["leads"]),
                deadline=deadlines.deadline(rng, f["deadlines"], ctx.year),
                status=status,
                progress=progress,
            )
        )
    return items


def _gold_records(items: list[Item]) -> list[dict[str, Any]]:
    records = []
    for item in items:
        if item.status is not None:
            gold = item.status.gold
        else:
            gold = statuses.inferred(item.progress[-1][3] if item.progress else None)
        for action in item.actions:
            record: dict[str, Any] = {
                "ref": item.ref,
                "theme": item.theme,
                "outcome": item.outcome,
                "action": action,
                "lead": item.lead.gold(),
                "deadline": item.deadline.gold(),
                "status": gold.status,
                "rag": gold.rag,
                "status_source": gold.source,
                "progress": [
                    {"label": label, "as_of": as_of.isoformat() if as_of else None, "text": text}
                    for label, as_of, text, _ in item.progress
                ],
            }
            records.append({k: v for k, v in record.items() if v not in (None, [], {})})
    return records


# --- layout -----------------------------------------------------------------------------------


def _status_cell(item: Item) -> Cell:
    s = item.status
    if s is None:
        return Cell([])
    runs = [Run(s.text, s.colour)] if s.text else []
    return Cell([runs] if runs else [], fill=s.fill)


def _lines(text: str) -> list[Paragraph]:
    """A "\\n" in generated text is a new paragraph of the cell (a lead list one per line)."""
    return [plain(line) for line in text.split("\n")]


def _field_cell(item: Item, name: str, index: int = 0) -> Cell:
    if name == "ref":
        return Cell([plain(item.ref or "")])
    if name == "outcome":
        return Cell([plain(item.outcome or "")])
    if name == "action":
        return Cell([plain(a) for a in item.actions])
    if name == "lead":
        return Cell(_lines(item.lead.text))
    if name == "deadline":
        return Cell([plain(item.deadline.text)])
    if name == "status":
        return _status_cell(item)
    if name == "progress":
        return Cell([plain(item.progress[index][2])] if item.progress else [])
    raise ValueError(name)


WIDTH = {"theme": 1.0, "ref": 0.8, "outcome": 3.0, "action": 4.5, "lead": 2.6, "deadline": 2.0,
         "status": 1.6, "progress": 4.5}  # fmt: skip


def _columns(ctx: _Context, items: list[Item]) -> list[tuple[str, int, str]]:
    """(field, progress index, title) of each column of a row-per-action table."""
    first = items[0]
    cols: list[tuple[str, int, str]] = []
    if ctx.f["theme"] == "merged_column":
        cols.append(("theme", 0, headers.title(ctx.rng, "theme", ctx.style, typo_here=False)))
    if first.ref:
        cols.append(("ref", 0, ctx.titles["ref"]))
    if ctx.f["structure"] == "status_table":
        cols += [("action", 0, ctx.titles["action"]),
                 ("outcome", 0, _deliverable_title(ctx))]  # fmt: skip
    else:
        if first.outcome:
            cols.append(("outcome", 0, ctx.titles["outcome"]))
        cols.append(("action", 0, ctx.titles["action"]))
    cols += [("lead", 0, ctx.titles["lead"]), ("deadline", 0, ctx.titles["deadline"])]
    if first.status is not None:
        cols.append(("status", 0, ctx.titles["status"]))
    for k, (label, _) in enumerate(ctx.progress_titles if first.progress else []):
        cols.append(("progress", k, label))
    return cols


def _deliverable_title(ctx: _Context) -> str:
    text = ctx.rng.choice(["Deliverable(s)", "Deliverables", "Key Deliverables"])
    return text.upper() if ctx.style.case == "upper" else text


def _header_row(ctx: _Context, cols: list[tuple[str, int, str]]) -> TableRow:
    turned = ctx.style.turned
    return TableRow(
        [
            Cell([plain(line, bold=True) for line in t.split("\n")], turned=turned)
            for _, _, t in cols
        ],
        header=True,
    )


def _row_tables(ctx: _Context, items: list[Item]) -> list[Block]:
    """Row-per-action tables: band rows, a merged theme column or a heading per theme."""
    f = ctx.f
    cols = _columns(ctx, items)
    widths = [WIDTH[c] for c, _, _ in cols]
    groups: list[list[Item]] = []
    for item in items:
        if groups and groups[-1][0].theme == item.theme:
            groups[-1].append(item)
        else:
            groups.append([item])
    separate = f["theme"] == "headings" or f["structure"] == "multi"
    if f["structure"] == "multi" and len(groups) == 1:
        size = (len(items) + 1) // 2
        groups = [items[:size], items[size:]]
    blocks: list[Block] = []
    table_rows: list[TableRow] = []

    def flush() -> None:
        if not table_rows:
            return
        pieces = [table_rows]
        if f["page_break"] == "continued_heading" and not any(isinstance(b, Table) for b in blocks):
            half = max(1, len(table_rows) // 2)
            pieces = [table_rows[:half], table_rows[half:]]
        for n, piece in enumerate(pieces):
            if n:
                heading = next(b for b in reversed(blocks) if isinstance(b, Heading))
                blocks.extend([PageBreak(), Heading(f"{heading.text} (continued)", heading.size)])
            blocks.append(
                Table(
                    widths,
                    [_header_row(ctx, cols), *piece],
                    repeat_header=f["page_break"] != "no_header",
                    split_rows=f["page_break"] == "split_rows",
                    roles=[name for name, _, _ in cols],
                )
            )
        table_rows.clear()

    if f["page_break"] == "continued_heading" and f["theme"] != "headings":
        blocks.append(Heading(f"Appendix {ctx.rng.choice('ABCD')}", 12))
    for group in groups:
        if separate:
            flush()
            if f["theme"] in ("headings", "band") and group[0].theme:
                blocks.append(Heading(group[0].theme, 12))
        if f["theme"] == "band" and not separate:
            table_rows.append(
                TableRow([Cell([plain(group[0].theme or "", bold=True)], span=len(cols))])
            )
        for n, item in enumerate(group):
            cells = []
            for name, k, _ in cols:
                if name == "theme":
                    cells.append(
                        Cell([plain(item.theme or "", bold=True)], turned=True, merge_down=n > 0)
                    )
                else:
                    cells.append(_field_cell(item, name, k))
            table_rows.append(TableRow(cells))
    flush()
    return blocks


TRANSPOSED_FIELDS = ("action", "outcome", "progress", "deadline", "lead", "status")


def _transposed_tables(ctx: _Context, items: list[Item]) -> list[Block]:
    """One table per theme, field names down the first column, one action per column; split
    over two pages (the key action row repeated) when the document breaks pages."""
    blocks: list[Block] = []
    fields = [k for k in TRANSPOSED_FIELDS if k != "status" or items[0].status is not None]
    groups: dict[str | None, list[Item]] = {}
    for item in items:
        groups.setdefault(item.theme, []).append(item)
    for theme, group in groups.items():
        if theme and ctx.f["theme"] == "headings":
            blocks.append(Heading(theme, 12))
        widths = [2.5] + [4.0] * len(group)

        def row(name: str, label: str, group: list[Item] = group) -> TableRow:
            head = Cell([plain(line, bold=True) for line in label.split("\n")])
            return TableRow([head] + [_field_cell(it, name) for it in group])

        band = []
        if theme and ctx.f["theme"] == "band":
            band = [TableRow([Cell([plain(theme, bold=True)], span=len(group) + 1)])]
        rows = [
            row(k, ctx.titles[k] if k != "progress" else ctx.progress_titles[0][0]) for k in fields
        ]
        roles: list[str | None] = [None] * len(band) + list(fields)
        if ctx.f["page_break"] == "transposed_continued":
            repeat = row("action", "Key Action (repeat)")
            blocks.append(
                Table(widths, band + rows[:3], False, roles=roles[: len(band) + 3], transposed=True)
            )
            blocks.append(PageBreak())
            more = ["action", *fields[3:]]
            blocks.append(Table(widths, [repeat] + rows[3:], False, roles=more, transposed=True))
        else:
            blocks.append(Table(widths, band + rows, False, roles=roles, transposed=True))
        if ctx.f["page_break"] == "transposed_continued":
            blocks.append(PageBreak())
    return blocks


def _legend_blocks(ctx: _Context, layout: Layout) -> list[Block]:
    legend, mode = ctx.legend, ctx.f["status"]
    if legend is None:
        return []
    runs = [Run(text, colour) for text, colour in legend.text_parts()]
    if mode == "legend_header":
        layout.page_header = [Run("Key:  ")] + runs
    elif mode == "legend_footer":
        layout.page_footer = [Run("Progress key:  ")] + runs
    elif mode == "legend_body":
        return [Text([Run("The dot in the status column shows progress:  ")] + runs)]
    else:
        head = [Cell([plain("Colour", bold=True)]), Cell([plain("Meaning", bold=True)])]
        key_rows = [TableRow(head, header=True)]
        for colour, label, _ in legend.entries:
            key_rows.append(TableRow([Cell([[Run("●", colour)]]), Cell([plain(label)])]))
        # no heading over the key: a heading between tables would be a theme
        return [Table([1.0, 3.0], key_rows, repeat_header=False)]
    return []


def compose(seed: int, fixed: dict[str, str] | None = None) -> Plan:
    """The plan of ``seed``; ``fixed`` pins features (a development case of one feature value),
    the others are still drawn from the seed."""
    rng = random.Random(seed)
    f = _features(rng, fixed or {})
    title_blocks, plan_gold, year = _meta(rng)
    ctx = _context(rng, f, year)
    items = _items(ctx)
    layout = Layout(title=plan_gold["title"], landscape=f["renderer"] != "pdf_ruled")
    layout.blocks = title_blocks + _legend_blocks(ctx, layout)
    if f["structure"] == "transposed":
        layout.blocks += _transposed_tables(ctx, items)
    else:
        layout.blocks += _row_tables(ctx, items)
    gold = {"plan": plan_gold, "records": _gold_records(items)}
    return Plan(seed, f, layout, gold, items)
