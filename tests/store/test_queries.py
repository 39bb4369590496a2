"""Read side: views, as-of queries, diffs, and questions data teams ask in one join."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from planingest.errors import NotFound
from planingest.normalise.records import Deadline, Lead, LeadEntry
from planingest.store import Store

from .builders import plan_document, record
from .editions import (
    CAR_SHARE,
    CYCLES,
    FLEET,
    FLEET_REWORDED,
    KEY,
    SURVEY_REWORDED,
    TREES,
    document,
)

D19, D20, D21 = date(2019, 4, 1), date(2020, 4, 1), date(2021, 4, 1)
S19, S20, S21 = "2019-04-01", "2020-04-01", "2021-04-01"


def _rows(store: Store, sql: str, **params: object) -> list[tuple[object, ...]]:
    """Rows of raw SQL, dates as ISO text (SQLite hands back the text it stores)."""
    with store.engine.connect() as conn:
        return [
            tuple(v.isoformat() if isinstance(v, date) else v for v in row)
            for row in conn.execute(text(sql), params)
        ]


@pytest.fixture
def three_editions(store: Store, run_id: int) -> Store:
    for edition in (D19, D20, D21):
        store.import_document(document(edition), run_id=run_id, path=str(edition), mtime=None)
    return store


def test_actions_current_view(three_editions: Store) -> None:
    rows = _rows(three_editions, "SELECT ref, status, since_edition_date FROM actions_current")
    assert sorted(rows, key=str) == sorted(
        [
            ("1.1", "complete", S20),
            ("1.2", "unknown", S20),
            ("2.1", "in_progress", S21),
            ("2.2", "unknown", S20),
            (None, "unknown", S21),
        ],
        key=str,
    )


def test_plan_editions_view(three_editions: Store) -> None:
    rows = _rows(
        three_editions,
        "SELECT plan_key, version_no, edition_date, status, record_count FROM plan_editions "
        "ORDER BY version_no",
    )
    assert rows == [
        (KEY, 1, S19, "superseded", 4),
        (KEY, 2, S20, "superseded", 4),
        (KEY, 3, S21, "current", 5),
    ]


def test_action_history_view(three_editions: Store) -> None:
    rows = _rows(
        three_editions,
        "SELECT from_edition_date, to_edition_date, status, change FROM action_history "
        "WHERE ref = '2.1' ORDER BY from_edition_seq",
    )
    assert rows == [(S19, S21, "not_started", "added"), (S21, None, "in_progress", "changed")]


def test_overdue_actions_view(store: Store, run_id: int) -> None:
    def due(text_: str, latest: date | None) -> Deadline:
        return Deadline(text=text_, latest=latest, kind="date" if latest else "unparsed")

    records = [
        record(
            "Repaint the Quarry Lane bus shelters",
            "1",
            status="in_progress",
            deadline=due("March 2020", date(2020, 3, 31)),
        ),
        record(
            "Fit draught excluders in the civic hall",
            "2",
            status="complete",
            deadline=due("March 2020", date(2020, 3, 31)),
        ),
        record(
            "Retire the last diesel gritter",
            "3",
            status="not_started",
            deadline=due("2999", date(2999, 12, 31)),
        ),
        record(
            "Keep the allotment waiting list short",
            "4",
            status="ongoing",
            deadline=due("Ongoing", None),
        ),
        record(
            "Close the Mill Street depot",
            "5",
            status="cancelled",
            deadline=due("2019", date(2019, 12, 31)),
        ),
    ]
    store.import_document(plan_document(records, edition=D21), run_id=run_id, path="a", mtime=None)
    assert _rows(store, "SELECT ref FROM overdue_actions") == [("1",)]


def test_actions_as_of_a_date(three_editions: Store) -> None:
    assert len(three_editions.actions(as_of=date(2019, 3, 31))) == 0
    in_2019 = three_editions.actions(as_of=date(2019, 12, 1)).set_index("ref")
    assert sorted(in_2019.index) == ["1.1", "1.2", "1.3", "2.1"]
    assert in_2019.loc["1.1", "status"] == "in_progress"
    in_2020 = three_editions.actions(as_of=D20, plan=KEY).set_index("ref")
    assert in_2020.loc["1.1", "status"] == "complete"
    assert in_2020.loc["1.2", "action_text"] == SURVEY_REWORDED
    assert "1.3" not in in_2020.index
    assert three_editions.actions(as_of=D20, plan="no/such-plan").empty


def test_diff_between_editions(three_editions: Store) -> None:
    diff = three_editions.diff(KEY, 1, 2).set_index("ref")
    assert dict(diff["change"]) == {
        "1.1": "changed",
        "1.2": "changed",
        "1.3": "removed",
        "2.2": "added",
    }
    assert diff.loc["1.1", "fields"] == ["status"]
    assert diff.loc["1.2", "fields"] == ["action_text"]
    assert diff.loc["2.2", "action_text"] == CAR_SHARE
    whole = three_editions.diff(KEY, 1, 3)
    assert sorted(zip(whole["action_text"], whole["change"], strict=True)) == sorted(
        [
            (CYCLES, "changed"),
            (SURVEY_REWORDED, "changed"),
            (FLEET, "removed"),
            (TREES, "changed"),
            (CAR_SHARE, "added"),
            (FLEET_REWORDED, "added"),
        ]
    )
    with pytest.raises(NotFound, match="v9"):
        three_editions.diff(KEY, 1, 9)


def test_plans_summary(three_editions: Store) -> None:
    plans = three_editions.plans()
    assert plans[["plan_key", "editions", "current_version_no"]].values.tolist() == [[KEY, 3, 3]]
    assert plans.loc[0, "plan_title"] == "Greener Estates Action Plan Update April 2021"


def test_all_actions_led_by_a_person_is_one_join(store: Store, run_id: int) -> None:
    lead = Lead(
        text="Mira Castellane (accountable)\nFleet Services",
        people=["Mira Castellane"],
        teams=["Fleet Services"],
        entries=[
            LeadEntry(name="Mira Castellane", kind="person", capacity="accountable"),
            LeadEntry(name="Fleet Services", kind="team", capacity="responsible"),
        ],
    )
    store.import_document(document(D19), run_id=run_id, path="a", mtime=None)
    other_plan = plan_document(
        [record("Electrify the refuse lorries", "R1", lead=lead), record("Sell the old depot")],
        edition=D20,
        title="Fleet Decarbonisation Plan",
    )
    store.import_document(other_plan, run_id=run_id, path="b", mtime=None)

    rows = _rows(
        store,
        """
        SELECT p.plan_key, av.action_text, l.capacity
        FROM person pe
        JOIN action_version_person l ON l.person_id = pe.id
        JOIN action_version av ON av.id = l.action_version_id AND av.valid_to_version_id IS NULL
        JOIN action a ON a.id = av.action_id
        JOIN plan p ON p.id = a.plan_id
        WHERE pe.name = :name
        ORDER BY av.action_text
        """,
        name="Mira Castellane",
    )
    assert rows == [
        (
            "harrowfield-district-council/fleet-decarbonisation-plan",
            "Electrify the refuse lorries",
            "accountable",
        ),
        (KEY, CYCLES, "lead"),
        (KEY, TREES, "lead"),
    ]
    teams = _rows(
        store,
        "SELECT t.name, l.capacity FROM team t JOIN action_version_team l ON l.team_id = t.id",
    )
    assert teams == [("Fleet Services", "responsible")]
