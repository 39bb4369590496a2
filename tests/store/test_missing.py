"""Paths gone from a watched folder are marked missing; their data stays."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from planingest.store import Store
from planingest.store.models import FileObservation

from .builders import plan_document, record
from .editions import CYCLES, SURVEY, TREES

SHARE = "/srv/plans"


def _open_paths(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(FileObservation.path).where(FileObservation.missing_since.is_(None))
        )
        return sorted(rows.scalars())


def _import(store: Store, run_id: int, path: str, action: str) -> None:
    doc = plan_document([record(action, "1")], edition=date(2019, 4, 1), title=action)
    store.import_document(doc, run_id=run_id, path=path, mtime=None)


def test_gone_paths_under_the_folder_only(store: Store, run_id: int) -> None:
    _import(store, run_id, f"{SHARE}/a.docx", CYCLES)
    _import(store, run_id, f"{SHARE}/old/b.docx", SURVEY)
    _import(store, run_id, f"{SHARE}-archive/c.docx", TREES)  # a sibling folder, not inside

    report = store.mark_missing(SHARE, {f"{SHARE}/a.docx"}, run_id)

    assert report.gone == [f"{SHARE}/old/b.docx"] and not report.refused
    assert _open_paths(store) == [f"{SHARE}-archive/c.docx", f"{SHARE}/a.docx"]
    assert len(store.actions()) == 3  # the data stays
    assert store.mark_missing(SHARE, {f"{SHARE}/a.docx"}, run_id).gone == []  # marked already

    _import(store, run_id, f"{SHARE}/old/b.docx", SURVEY)  # it is back: a new sighting
    present = {f"{SHARE}/a.docx", f"{SHARE}/old/b.docx"}
    assert store.mark_missing(SHARE + "/", present, run_id).gone == []
    assert f"{SHARE}/old/b.docx" in _open_paths(store)


def test_an_empty_listing_marks_nothing(store: Store, run_id: int) -> None:
    _import(store, run_id, f"{SHARE}/a.docx", CYCLES)
    report = store.mark_missing(SHARE, set(), run_id)
    assert report.refused and report.gone == [f"{SHARE}/a.docx"]
    assert _open_paths(store) == [f"{SHARE}/a.docx"]
