"""A person's link/unlink rulings hold through later imports and rebuilds."""

from __future__ import annotations

from datetime import date

import pytest

from planingest.errors import Refused
from planingest.store import Store

from .builders import action_ids, plan_document
from .editions import (
    FLEET,
    FLEET_REWORDED,
    SURVEY,
    SURVEY_REWORDED,
    document,
    edition_2019,
    edition_2021,
)

D18, D19, D20, D21 = date(2018, 4, 1), date(2019, 4, 1), date(2020, 4, 1), date(2021, 4, 1)


def _later_editions(store: Store, run_id: int) -> None:
    """A newer edition (appended) and an older one (forces a rebuild)."""
    newest = plan_document(edition_2021(), edition=date(2022, 4, 1), label="April 2022")
    store.import_document(newest, run_id=run_id, path="2022", mtime=None)
    oldest = plan_document([edition_2019()[2]], edition=D18, label="April 2018")  # the fleet
    assert store.import_document(oldest, run_id=run_id, path="2018", mtime=None).rebuilt


def test_link_joins_a_dropped_action_to_its_return(store: Store, run_id: int) -> None:
    for edition in (D19, D20):
        store.import_document(document(edition), run_id=run_id, path=str(edition), mtime=None)
    fleet = int(store.actions(as_of=D19).set_index("action_text").loc[FLEET, "action_id"])
    store.import_document(document(D21), run_id=run_id, path="2021", mtime=None)
    returned = action_ids(store)[FLEET_REWORDED]
    assert returned != fleet

    store.link(fleet, returned)

    assert action_ids(store)[FLEET_REWORDED] == fleet
    history = store.history(fleet)
    assert list(history["action_text"]) == [FLEET, FLEET_REWORDED]
    assert list(history["match_method"]) == ["new", "manual"]
    assert list(history["to_version_no"].isna()) == [False, True]

    _later_editions(store, run_id)
    history = store.history(fleet)
    assert list(history["action_text"]) == [FLEET, FLEET_REWORDED]
    assert history.iloc[0]["from_edition_date"] == D18
    assert history.iloc[1]["match_method"] == "manual"


def test_unlink_splits_a_wrong_match(store: Store, run_id: int) -> None:
    for edition in (D19, D20, D21):
        store.import_document(document(edition), run_id=run_id, path=str(edition), mtime=None)
    survey = action_ids(store)[SURVEY_REWORDED]
    assert list(store.history(survey)["action_text"]) == [SURVEY, SURVEY_REWORDED]

    store.unlink(survey, 2)

    assert list(store.history(survey)["action_text"]) == [SURVEY]
    split = action_ids(store)[SURVEY_REWORDED]
    assert split != survey and list(store.history(split)["change"]) == ["added"]

    _later_editions(store, run_id)
    assert list(store.history(survey)["action_text"]) == [SURVEY]
    assert SURVEY not in action_ids(store)
    with pytest.raises(Refused, match="no earlier self"):
        store.unlink(survey, 1)
