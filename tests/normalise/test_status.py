"""Status from words, progress text and colours.

Expected readings are the ones a person gives the wording (seed 004's Status column is quoted
as written, typos included); colours are the standard Office palette ones plain-text extraction
of seed 003 lost, and an invented legend with custom colours.
"""

from __future__ import annotations

import pytest

from planingest.extractor.model import ColouredRun
from planingest.normalise.records import Rag, Status
from planingest.normalise.status import (
    Legend,
    colour_class,
    colour_distance,
    status_from_colour,
    status_from_colours,
    status_from_progress,
    status_from_text,
)

S = Status
LABELS: list[tuple[str, Status, Rag | None]] = [
    ("On track", S.IN_PROGRESS, Rag.GREEN),
    ("Progressing", S.IN_PROGRESS, Rag.GREEN),
    ("Green", S.IN_PROGRESS, Rag.GREEN),
    ("At risk", S.IN_PROGRESS, Rag.AMBER),
    ("Monitor", S.IN_PROGRESS, Rag.AMBER),
    ("AMBER", S.IN_PROGRESS, Rag.AMBER),
    ("Behind schedule", S.IN_PROGRESS, Rag.RED),
    ("Overdue", S.IN_PROGRESS, Rag.RED),
    ("Off track", S.IN_PROGRESS, Rag.RED),
    ("Red", S.IN_PROGRESS, Rag.RED),
    # the state alone: no rating is stated
    ("In progress", S.IN_PROGRESS, None),
    ("Underway", S.IN_PROGRESS, None),
    ("Achieved", S.COMPLETE, None),
    ("Complete", S.COMPLETE, None),
    ("Completed.", S.COMPLETE, None),
    ("Done", S.COMPLETE, None),
    ("Blue", S.COMPLETE, None),
    ("Not started", S.NOT_STARTED, None),
    ("No progress", S.NOT_STARTED, None),
    ("Ongoing", S.ONGOING, None),
    ("Continuous", S.ONGOING, None),
    ("Deferred", S.ON_HOLD, None),
    ("Carry forward", S.ON_HOLD, None),
    ("On hold", S.ON_HOLD, None),
    ("Paused", S.ON_HOLD, None),
    ("Cancelled", S.CANCELLED, None),
    ("Withdrawn", S.CANCELLED, None),
    ("No longer required", S.CANCELLED, None),
    # a colour word beside a label is the rating
    ("Green - on track", S.IN_PROGRESS, Rag.GREEN),
    ("Amber: at risk", S.IN_PROGRESS, Rag.AMBER),
    ("Complete (Green)", S.COMPLETE, Rag.GREEN),
]


@pytest.mark.parametrize(("text", "status", "rag"), LABELS)
def test_stated_labels(text: str, status: Status, rag: Rag | None) -> None:
    reading = status_from_text(text)
    assert (reading.status, reading.rag, reading.source) == (status, rag, "stated")
    assert reading.confidence >= 0.9
    assert reading.text == text


@pytest.mark.parametrize(
    ("text", "status", "rag"),
    [
        ("Underway - behind schedule", S.IN_PROGRESS, Rag.RED),
        ("Started - on track", S.IN_PROGRESS, Rag.GREEN),
        ("In progress - on hold", S.ON_HOLD, None),
        ("Started, now paused", S.ON_HOLD, None),
    ],
)
def test_second_label_says_how_it_goes(text: str, status: Status, rag: Rag | None) -> None:
    """It gives the RAG, and the state unless it only says in progress."""
    reading = status_from_text(text)
    assert (reading.status, reading.rag, reading.source) == (status, rag, "stated")


def test_label_with_trailing_words_is_stated_with_less_confidence() -> None:
    reading = status_from_text("Completed March 2019")
    assert (reading.status, reading.source) == (S.COMPLETE, "stated")
    assert 0.5 < reading.confidence < 0.9


def test_not_complete_is_in_progress_with_low_confidence() -> None:
    # seed 004, "Talent pool of BAME candidates": not done, but not said never begun
    reading = status_from_text("Not complete")
    assert (reading.status, reading.rag, reading.source) == (S.IN_PROGRESS, None, "stated")
    assert reading.confidence <= 0.5


SEED_004_PROSE: list[tuple[str, Status]] = [
    ("Intitial sampling completed. Survey process continues", S.IN_PROGRESS),
    ("Intitial sampling completed.Survey process continues", S.IN_PROGRESS),
    ("Roadshows delivered in 2018/19 and 2019/20, with future events planned", S.IN_PROGRESS),
    ("New process in place.\nSurvey process continues", S.IN_PROGRESS),
    ("Work continues with line managers", S.IN_PROGRESS),
    ("Work continues with applicants as required", S.IN_PROGRESS),
    (
        "Initial review of material complete.\nWork continues on updating materials/\nprocesses",
        S.IN_PROGRESS,
    ),
    (
        "Initial campaign completed. Work continues on updating materials/\nprocesses",
        S.IN_PROGRESS,
    ),
    ("Initial pilot schemes complete.\nWork continues on future programme", S.IN_PROGRESS),
    ("Trainee Solicitor appointed", S.COMPLETE),
]


@pytest.mark.parametrize(("text", "status"), SEED_004_PROSE)
def test_prose_in_a_status_column_is_inferred(text: str, status: Status) -> None:
    reading = status_from_text(text)
    assert (reading.status, reading.rag, reading.source) == (status, None, "inferred")
    assert 0 < reading.confidence < 0.9


PROGRESS: list[tuple[str, Status]] = [
    ("No progress identified", S.NOT_STARTED),
    ("No progress has been identified", S.NOT_STARTED),
    ("No progression on this area has been identified", S.NOT_STARTED),
    ("Complete", S.COMPLETE),
    ("The new rota has been implemented across all depots.", S.COMPLETE),
    ("The audit has been completed.", S.COMPLETE),
    ("The staff portal was launched in May.", S.COMPLETE),
    ("WER 2015 to 2018 published on Council web site", S.COMPLETE),
    # Steps reported done without the action said to be complete: still in progress.
    ("Equalities monitoring form has been revised.", S.IN_PROGRESS),
    ("Work is underway to capture equality monitoring data for casual workers.", S.IN_PROGRESS),
    ("Work has started to review workforce targets.", S.IN_PROGRESS),
    ("A cycling toolkit is being developed with depot managers.", S.IN_PROGRESS),
    ("Engagement with the tenants' forum continues.", S.IN_PROGRESS),
    # "to be completed" is a plan, not a completion
    ("Steering group established and a snapshot to be completed by July 2013.", S.IN_PROGRESS),
    ("Work deferred until the new budget is agreed.", S.ON_HOLD),
    ("The pilot was withdrawn after consultation.", S.CANCELLED),
    ("Support is ongoing.", S.ONGOING),
]


@pytest.mark.parametrize(("text", "status"), PROGRESS)
def test_status_from_progress(text: str, status: Status) -> None:
    reading = status_from_progress(text)
    assert (reading.status, reading.source) == (status, "inferred")
    assert reading.confidence > 0


@pytest.mark.parametrize("text", ["", "The committee meets in the town hall.", "See page 12"])
def test_nothing_recognisable_is_unknown(text: str) -> None:
    reading = status_from_progress(text)
    assert (reading.status, reading.confidence, reading.source) == (S.UNKNOWN, 0.0, "inferred")


# --- colours ------------------------------------------------------------------------------------

GENERIC: list[tuple[str, str | None, Status, Rag | None]] = [
    ("#ff0000", "red", S.IN_PROGRESS, Rag.RED),
    ("#c00000", "red", S.IN_PROGRESS, Rag.RED),
    ("#ffc000", "amber", S.IN_PROGRESS, Rag.AMBER),
    ("#ffbf00", "amber", S.IN_PROGRESS, Rag.AMBER),
    ("#ffff00", "amber", S.IN_PROGRESS, Rag.AMBER),
    ("#00b050", "green", S.IN_PROGRESS, Rag.GREEN),
    ("#92d050", "green", S.IN_PROGRESS, Rag.GREEN),
    ("#0070c0", "blue", S.COMPLETE, None),
    ("#808080", None, S.UNKNOWN, None),
    ("#000000", None, S.UNKNOWN, None),
    ("#ffffff", None, S.UNKNOWN, None),
    ("#7030a0", None, S.UNKNOWN, None),
    ("not a colour", None, S.UNKNOWN, None),
]


@pytest.mark.parametrize(("colour", "name", "status", "rag"), GENERIC)
def test_colour_without_legend(
    colour: str, name: str | None, status: Status, rag: Rag | None
) -> None:
    assert colour_class(colour) == name
    reading = status_from_colour(colour)
    assert (reading.status, reading.rag, reading.source) == (status, rag, "colour")
    assert (reading.confidence > 0) == (name is not None)


def test_colour_distance_tolerates_shades_of_red() -> None:
    assert colour_distance("#ff0000", "#c00000") < 30
    assert colour_distance("#ff0000", "#00b050") > 100
    assert colour_distance("#ff0000", "#ff0000") == 0


SEED_003_LEGEND_TEXT = "● No Progress\n ● Progressing\n ● Achieved"


@pytest.fixture
def custom_legend() -> Legend:
    """Seed 003's legend words with invented custom colours: an orange-red for No Progress."""
    runs = [ColouredRun("●", "#e36c09"), ColouredRun("●", "#ffc000"), ColouredRun("●", "#00b050")]
    legend = Legend.from_runs(SEED_003_LEGEND_TEXT, runs)
    assert legend is not None
    return legend


def test_legend_pairs_each_dot_with_the_label_after_it(custom_legend: Legend) -> None:
    assert [(e.colour, e.label, e.reading.status) for e in custom_legend.entries] == [
        ("#e36c09", "No Progress", S.NOT_STARTED),
        ("#ffc000", "Progressing", S.IN_PROGRESS),
        ("#00b050", "Achieved", S.COMPLETE),
    ]


def test_legend_decides_the_state_and_the_ink_the_rating(custom_legend: Legend) -> None:
    assert colour_class("#e36c09") == "amber"  # what the classifier alone would say
    reading = status_from_colour("#e36c09", custom_legend)
    # The legend's orange means "No Progress"; the dot printed is still an amber one.
    assert (reading.status, reading.rag, reading.text) == (
        S.NOT_STARTED,
        Rag.AMBER,
        "No Progress",
    )
    assert reading.source == "colour" and reading.confidence >= 0.9


@pytest.mark.parametrize(
    ("colour", "status"),
    [
        ("#ff6600", S.NOT_STARTED),  # a slightly different orange
        ("#ffbf00", S.IN_PROGRESS),
        ("#92d050", S.COMPLETE),  # light green: the nearest legend colour is its green
        ("#0070c0", S.COMPLETE),  # not in the legend at all: the classifier reads blue
    ],
)
def test_nearest_legend_colour(custom_legend: Legend, colour: str, status: Status) -> None:
    assert status_from_colour(colour, custom_legend).status == status


def test_legend_written_label_first_and_with_coloured_words() -> None:
    label_first = Legend.from_runs(
        "Complete ● On hold ●", [ColouredRun("●", "#0070c0"), ColouredRun("●", "#7f7f7f")]
    )
    assert label_first is not None
    assert [(e.label, e.reading.status) for e in label_first.entries] == [
        ("Complete", S.COMPLETE),
        ("On hold", S.ON_HOLD),
    ]
    words = Legend.from_runs(
        "Key: Red Amber Green", [ColouredRun("Red", "#ff0000"), ColouredRun("Green", "#00b050")]
    )
    assert words is not None
    assert [(e.colour, e.reading.rag) for e in words.entries] == [
        ("#ff0000", Rag.RED),
        ("#00b050", Rag.GREEN),
    ]


def test_text_without_status_labels_is_no_legend() -> None:
    assert Legend.from_runs("● Libraries ● Parks", [ColouredRun("●", "#ff0000")]) is None
    assert Legend.from_runs("No Progress", []) is None


def test_several_dots_combine_to_the_least_advanced(custom_legend: Legend) -> None:
    readings = status_from_colours(["#00b050", "#ffc000", "#00b050"], custom_legend)
    assert [r.status for r in readings.each] == [S.COMPLETE, S.IN_PROGRESS, S.COMPLETE]
    assert readings.combined.status is S.IN_PROGRESS
    assert readings.combined.text == "Achieved / Progressing / Achieved"


def test_combined_ties_take_the_worst_rating_and_ignore_unreadable_dots() -> None:
    readings = status_from_colours(["#00b050", "#808080", "#ff0000"])
    assert readings.each[1].status is S.UNKNOWN
    assert (readings.combined.status, readings.combined.rag) == (S.IN_PROGRESS, Rag.RED)


def test_no_readable_dot_is_unknown() -> None:
    assert status_from_colours(["#808080"]).combined.status is S.UNKNOWN
    assert status_from_colours([]).combined.status is S.UNKNOWN
