"""``planingest link`` / ``unlink`` through the real CLI: the ruling holds through later imports
(a newer edition appended, an older one forcing a rebuild, the same bytes again)."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from planingest.cli import app
from planingest.store import Store

from .builders import action_ids, plan_document
from .editions import FLEET, FLEET_REWORDED, SURVEY, SURVEY_REWORDED, document, edition_2019

D18, D19, D20, D21 = date(2018, 4, 1), date(2019, 4, 1), date(2020, 4, 1), date(2021, 4, 1)
runner = CliRunner()


def _reimports(store: Store) -> None:
    run = store.begin_run()
    for edition in (D19, D20, D21):  # the same bytes again: sightings only
        again = store.import_document(document(edition), run_id=run, path="again", mtime=None)
        assert again.status == "unchanged"
    oldest = plan_document([edition_2019()[2]], edition=D18, label="April 2018")  # the fleet
    assert store.import_document(oldest, run_id=run, path="2018", mtime=None).rebuilt


def test_link_and_unlink_commands_survive_reimports(store: Store, run_id: int) -> None:
    url = store.engine.url.render_as_string(hide_password=False)
    for edition in (D19, D20, D21):
        store.import_document(document(edition), run_id=run_id, path=str(edition), mtime=None)
    fleet = int(store.actions(as_of=D19).set_index("action_text").loc[FLEET, "action_id"])
    returned, survey = action_ids(store)[FLEET_REWORDED], action_ids(store)[SURVEY_REWORDED]
    assert returned != fleet  # dropped in 2020, back in other words in 2021: a new action

    linked = runner.invoke(app, ["link", str(returned), str(fleet), "--db", url])
    assert linked.exit_code == 0, linked.output
    assert f"now action {fleet}" in linked.stdout
    split = runner.invoke(app, ["unlink", str(survey), "2", "--db", url])
    assert split.exit_code == 0, split.output

    _reimports(store)

    ids = action_ids(store)
    assert ids[FLEET_REWORDED] == fleet
    history = store.history(fleet)
    assert list(history["action_text"]) == [FLEET, FLEET_REWORDED]
    assert list(history["match_method"]) == ["new", "manual"]
    assert history.iloc[0]["from_edition_date"] == D18
    assert list(store.history(survey)["action_text"]) == [SURVEY]
    assert list(store.history(ids[SURVEY_REWORDED])["change"]) == ["added"]
    assert f"now action {ids[SURVEY_REWORDED]}" in split.stdout


def test_refused_ruling_is_one_line_and_exit_2(store: Store, run_id: int) -> None:
    url = store.engine.url.render_as_string(hide_password=False)
    store.import_document(document(D19), run_id=run_id, path="2019", mtime=None)
    first = action_ids(store)[FLEET]
    result = runner.invoke(app, ["unlink", str(first), "1", "--db", url])
    assert result.exit_code == 2
    assert "has no earlier self to part from in v1" in result.stderr
    missing = runner.invoke(app, ["link", str(first), "999999", "--db", url])
    assert missing.exit_code == 2 and "no action 999999" in missing.stderr
