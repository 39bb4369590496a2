"""The normaliser's walk through one document, block by block in reading order.

Context flows forward: a heading or band row sets the theme of the records after it, a legend
defines what the colours of later dots mean, a table without a header inherits the previous
table's when its columns line up, and a row continued over a page break joins the row it continues.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from planingest.extractor.model import ExtractedDocument, Table, TextBlock
from planingest.normalise.actions import RecordContext, build_records
from planingest.normalise.columns import Lexicon, load_lexicon
from planingest.normalise.layout import PlanRow, Slot, TableLayout, analyse, plan_rows
from planingest.normalise.legends import find_legend, marks_legend
from planingest.normalise.officers import get_tagger
from planingest.normalise.plan_meta import PLAN_NAME, date_edition, plan_meta, title_block
from planingest.normalise.records import ActionRecord, PlanDocument, SourceRef
from planingest.normalise.text import clean, flat
from planingest.settings import DEFAULT_SPACY_MODEL

_NOT_THEMES = frozenset({"legend", "page_header", "page_footer"})
_CONTINUED = re.compile(r"\(?\bcontinued\b\)?|\bcont(?:'?d)?\b\.?", re.I)
_CAPTION_LABEL = re.compile(r"^(?:appendix|annex|annexe|table|figure|part)\s+[\w.]+$", re.I)
"""A bare label ("APPENDIX 2") names a part of the document, not a theme."""
MAX_HEADING_WORDS = 25
RUNNING_HEADER_REPEATS = 3
"""A heading repeated this often is a running page header, not a theme."""
THEME_MATCH = 85


def normalise(
    document: ExtractedDocument,
    *,
    spacy_model: str = DEFAULT_SPACY_MODEL,
    people_in_text: bool = False,
    pipeline_version: str = "0",
    lexicon: Lexicon | None = None,
) -> PlanDocument:
    """Turn one extracted document into a :class:`PlanDocument` of canonical action records.
    ``lexicon`` defaults to the shipped one (:func:`load_lexicon` adds a user's file)."""
    lexicon = lexicon or load_lexicon()
    blocks = list(document.blocks())
    first_table = next((i for i, b in enumerate(blocks) if isinstance(b, Table)), len(blocks))
    front = [b for b in blocks[:first_table] if isinstance(b, TextBlock)]
    title = title_block(front)
    meta = plan_meta(front, title)
    reference = meta.edition_date or (meta.period.start if meta.period else None)
    ctx = RecordContext(
        tagger=get_tagger(spacy_model), reference=reference, people_in_text=people_in_text
    )
    ctx.legend = find_legend(blocks)
    repeats = Counter(flat(b.text).lower() for b in blocks if isinstance(b, TextBlock))
    warnings = list(document.warnings)

    rows: list[PlanRow] = []
    theme: Slot | None = None
    previous: TableLayout | None = None
    not_themes = {id(b) for b in front[: front.index(title) + 1]} if title else set()
    not_themes |= {id(b) for b in front if flat(b.text) == meta.edition_label}
    for block in blocks:
        if isinstance(block, TextBlock):
            if id(block) not in not_themes and _is_theme_heading(block, repeats):
                theme = Slot(flat(block.text), None, _NO_TABLE)
            continue
        layout = analyse(block, lexicon, previous)
        if layout is None:
            warnings.append(f"table {block.index + 1}: not a plan table (no action columns)")
            continue
        if not layout.continues_previous and not any(c.field == "action" for c in layout.columns):
            _collect_theme_measures(block, layout, lexicon, ctx)
            warnings.append(f"table {block.index + 1}: summary table without an action column")
            previous = layout
            continue
        previous = layout
        earlier = _previous_table_rows(rows, block) if layout.transposed else []
        ordinal = 0
        for item in plan_rows(block, layout, lexicon, theme):
            if isinstance(item, Slot):
                theme = item
                continue
            ordinal += 1
            if (target := _transposed_target(earlier, item, ordinal - 1)) is not None:
                _add_fields(target, item)
            elif rows and _continues(item, first_in_table=item.table is not rows[-1].table):
                _append(rows[-1], item)
            else:
                rows.append(item)

    ctx.names = ctx.tagger.name_book(slot.text for row in rows for _column, slot in row.all("lead"))
    records: list[ActionRecord] = []
    for row in rows:
        records.extend(build_records(row, ctx))
    _fill_theme_measures(records, ctx.theme_measures)
    source = document.source
    date_edition(
        meta, (flat(b.text) for b in blocks if isinstance(b, TextBlock)), records, source.path
    )
    return PlanDocument(
        source=SourceRef(
            path=source.path,
            sha256=source.sha256,
            format=source.format,
            size=source.size,
            page_count=source.page_count,
        ),
        plan=meta,
        records=records,
        warnings=warnings,
        pipeline_version=pipeline_version,
    )


_NO_TABLE = Table(index=-1, n_rows=0, n_cols=0, cells=())


def _is_theme_heading(block: TextBlock, repeats: Counter[str]) -> bool:
    text = flat(block.text)
    if not text or marks_legend(text) or block.kind in _NOT_THEMES:
        return False
    if len(text.split()) > MAX_HEADING_WORDS or repeats[text.lower()] >= RUNNING_HEADER_REPEATS:
        return False
    if _CONTINUED.search(text) or PLAN_NAME.search(text) or _CAPTION_LABEL.match(text):
        # "… (Continued)" carries on the table before; a heading naming a plan is part of the
        # title block ("Equalities Action Plan 2018/21 Update"), not a theme.
        return False
    return block.kind in ("heading", "title") or not text.endswith(".")


def _continues(row: PlanRow, *, first_in_table: bool) -> bool:
    """A row cut by a page break: no action, ref or outcome of its own but other text; or, at the
    top of a table, a row whose first column is empty (the rest of a row cut at the break)."""
    if row.transposed:
        return False
    own = {
        c.index: c.field
        for c, s in row.values
        if s.text and s.cell is not None and s.cell.row == row.position
    }
    if not own:
        return False
    if first_in_table and min(c.index for c, _ in row.values) not in own:
        return True
    return not set(own.values()) & {"action", "ref", "outcome"}


def _previous_table_rows(rows: list[PlanRow], table: Table) -> list[PlanRow]:
    """The rows of the transposed table read just before ``table`` (none if it was not)."""
    if not rows or not rows[-1].transposed or rows[-1].table is table:
        return []
    last = rows[-1].table
    return [row for row in rows if row.table is last]


def _transposed_target(earlier: list[PlanRow], row: PlanRow, ordinal: int) -> PlanRow | None:
    """The action a transposed continuation's column belongs to: the earlier piece's column
    with the same action (the "Key Action" row repeated on the next page), or, when the
    continuation repeats no action, the column in the same place of a piece as wide."""
    if not earlier or not row.transposed:
        return None
    action = row.first("action")
    if action is None:
        return earlier[ordinal] if ordinal < len(earlier) else None
    key = flat(action.text).lower()
    return next(
        (e for e in earlier if (a := e.first("action")) and flat(a.text).lower() == key), None
    )


def _add_fields(target: PlanRow, continuation: PlanRow) -> None:
    """Give an action the lines its continuation adds (lead, deadline, …); a line the action
    already holds (the repeated "Key Action") is not taken twice."""
    held = {flat(c.header).lower() for c, s in target.values if s.text}
    held_fields = {c.field for c, s in target.values if s.text}
    for column, slot in continuation.values:
        if not slot.text or flat(column.header).lower() in held:
            continue
        if column.field in ("action", "ref") and column.field in held_fields:
            continue
        target.values.append((column, slot))


def _append(target: PlanRow, continuation: PlanRow) -> None:
    """Join a continuation row's text onto the row it continues, column by column."""
    merged = []
    extra = {c.index: s for c, s in continuation.values}
    for column, slot in target.values:
        more = extra.get(column.index)
        if more is not None and more.text and (more.cell is None or more.cell is not slot.cell):
            slot = Slot(_join_cut(slot.text, more.text), slot.cell, slot.table)
        merged.append((column, slot))
    target.values = merged


def _join_cut(before: str, after: str) -> str:
    """Text of a cell cut by a page break: a sentence cut mid-way rejoins with a space, so it
    stays one paragraph (one activity); otherwise the continuation is a paragraph of its own."""
    if not before:
        return clean(after)
    cut_mid_sentence = (
        not before.rstrip().endswith((".", ":", ";", "!", "?")) and after[:1].islower()
    )
    return clean(f"{before}{' ' if cut_mid_sentence else chr(10)}{after}")


def _theme_key(text: str) -> str:
    text = re.sub(r"^\s*\d+(?:\.\d+)*[.)]?\s*", "", text).lower().replace("&", "and")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _collect_theme_measures(
    table: Table, layout: TableLayout, lexicon: Lexicon, ctx: RecordContext
) -> None:
    """An overview table (theme → outputs → measures): remember each theme's measures."""
    if not {"theme", "measures"} <= {c.field for c in layout.columns}:
        return
    for item in plan_rows(table, layout, lexicon, None):
        if isinstance(item, PlanRow):
            theme, measures = item.first("theme"), item.first("measures")
            if theme and measures:
                ctx.theme_measures.setdefault(_theme_key(theme.text), clean(measures.text))


def _fill_theme_measures(records: list[ActionRecord], measures: dict[str, str]) -> None:
    if not measures:
        return
    for record in records:
        if record.measures or not record.theme:
            continue
        key = _theme_key(record.theme)
        best = max(measures, key=lambda k: fuzz.token_set_ratio(k, key))
        if fuzz.token_set_ratio(best, key) >= THEME_MATCH:
            record.measures = measures[best]
