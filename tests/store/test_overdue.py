"""Overdue: the latest date a deadline can mean has passed and the action is not complete (nor
cancelled), by what the plan said on that day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from planingest.normalise.records import ActionRecord, Deadline
from planingest.store import Store

from .builders import plan_document, record

MARCH_2019 = Deadline(
    text="March 2019",
    earliest=date(2019, 3, 1),
    latest=date(2019, 3, 31),
    precision="month",
    kind="date",
)
YEAR_2030 = Deadline(
    text="2030", earliest=date(2030, 1, 1), latest=date(2030, 12, 31), precision="year", kind="date"
)
ONGOING = Deadline(text="Ongoing", kind="ongoing")

LATE = "Fit draught-proofing to the Linbrook library"
DONE_LATE = "Replace the depot boiler"
DROPPED = "Trial a staff electric bike pool"
FAR = "Reach net zero across the council estate"
ALWAYS = "Report fuel use to the climate board"


def _records(late_status: str) -> list[ActionRecord]:
    return [
        record(LATE, "1", deadline=MARCH_2019, status=late_status),
        record(DONE_LATE, "2", deadline=MARCH_2019, status="complete"),
        record(DROPPED, "3", deadline=MARCH_2019, status="cancelled"),
        record(FAR, "4", deadline=YEAR_2030, status="not_started"),
        record(ALWAYS, "5", deadline=ONGOING, status="in_progress"),
    ]


def _overdue(store: Store, as_of: date | None = None) -> list[str]:
    return sorted(store.overdue(as_of)["action_text"])


def test_overdue_as_of_a_date_and_now(store: Store, run_id: int) -> None:
    spring, summer = date(2019, 3, 1), date(2019, 7, 1)
    for edition, status in ((spring, "in_progress"), (summer, "complete")):
        doc = plan_document(_records(status), edition=edition)
        store.import_document(doc, run_id=run_id, path=str(edition), mtime=None)

    assert _overdue(store, date(2019, 3, 31)) == []  # due "March 2019": not late on 31 March
    assert _overdue(store, date(2019, 4, 1)) == [LATE]  # by the spring edition, still going
    assert _overdue(store, date(2019, 7, 1)) == []  # the summer edition says it is complete
    assert _overdue(store, date(2031, 1, 1)) == [FAR]  # by the newest edition, not yet begun
    assert _overdue(store, date(2019, 2, 1)) == []  # no edition yet: nothing known
    assert _overdue(store) == []  # today, by the current state: 2030 is still ahead

    with store.engine.connect() as conn:
        view = [r[0] for r in conn.execute(text("SELECT action_text FROM overdue_actions"))]
    assert view == _overdue(store)


def test_overdue_now_matches_the_view(store: Store, run_id: int) -> None:
    doc = plan_document(_records("in_progress"), edition=date(2019, 3, 1))
    store.import_document(doc, run_id=run_id, path="spring", mtime=None)
    frame = store.overdue()
    assert list(frame["action_text"]) == [LATE]
    assert frame.iloc[0]["deadline_latest"] == date(2019, 3, 31)
    with store.engine.connect() as conn:
        view = conn.execute(text("SELECT action_id, action_text FROM overdue_actions")).all()
    assert [tuple(r) for r in view] == list(frame[["action_id", "action_text"]].itertuples(False))
