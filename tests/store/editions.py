"""Three invented editions of one plan (the Harrowfield "Greener Estates" plan), written so each
kind of change happens once. Expected outcomes in the tests are read off these by eye."""

from __future__ import annotations

from datetime import date

from planingest.normalise.records import ActionRecord, Deadline, FieldProvenance, Lead, PlanDocument

from .builders import plan_document, record

CYCLES = "Install secure cycle storage at the Harrowfield depot"
SURVEY = "Publish an annual staff travel survey and report the results to the board"
SURVEY_REWORDED = "Publish the staff travel survey each year and report results to the board"
FLEET = "Replace the pool car fleet with electric vehicles"
FLEET_REWORDED = "Replace pool cars with electric vehicles by the end of the contract"
TREES = "Plant 500 trees on council housing estates"
CAR_SHARE = "Run a car share scheme for staff commuting from Linbrook"


def _lead(*people: str) -> Lead:
    return Lead(text="\n".join(people), people=list(people))


def edition_2019() -> list[ActionRecord]:
    return [
        record(
            CYCLES,
            "1.1",
            lead=_lead("Mira Castellane"),
            status="in_progress",
            deadline=Deadline(text="Dec 2019", latest=date(2019, 12, 31), kind="date"),
            provenance={"action": FieldProvenance(page=1, table=0, row=1, col=1)},
            confidence={"action": 0.9},
        ),
        record(SURVEY, "1.2", lead=_lead("Tobias Wren")),
        record(FLEET, "1.3", lead=_lead("Tobias Wren")),
        record(TREES, "2.1", lead=_lead("Mira Castellane"), status="not_started"),
    ]


def edition_2020() -> list[ActionRecord]:
    """1.1 completed; 1.2 reworded (same ref); 1.3 dropped; 2.1 as before; 2.2 new."""
    return [
        record(
            CYCLES,
            "1.1",
            lead=_lead("Mira Castellane"),
            status="complete",
            deadline=Deadline(text="Dec 2019", latest=date(2019, 12, 31), kind="date"),
            provenance={"action": FieldProvenance(page=2, table=0, row=1, col=1)},
            confidence={"action": 0.95},
        ),
        record(SURVEY_REWORDED, "1.2", lead=_lead("Tobias Wren")),
        record(TREES, "2.1", lead=_lead("Mira Castellane"), status="not_started"),
        record(CAR_SHARE, "2.2", lead=_lead("Odile Farrant")),
    ]


def edition_2021() -> list[ActionRecord]:
    """Trees started; the fleet action back in other words and without a ref (a new action:
    it was dropped in 2020 and only open actions are matched)."""
    return [
        record(
            CYCLES,
            "1.1",
            lead=_lead("Mira Castellane"),
            status="complete",
            deadline=Deadline(text="Dec 2019", latest=date(2019, 12, 31), kind="date"),
        ),
        record(SURVEY_REWORDED, "1.2", lead=_lead("Tobias Wren")),
        record(TREES, "2.1", lead=_lead("Mira Castellane"), status="in_progress"),
        record(CAR_SHARE, "2.2", lead=_lead("Odile Farrant")),
        record(FLEET_REWORDED, None, lead=_lead("Tobias Wren")),
    ]


EDITIONS = {
    date(2019, 4, 1): edition_2019,
    date(2020, 4, 1): edition_2020,
    date(2021, 4, 1): edition_2021,
}
KEY = "harrowfield-district-council/greener-estates-action-plan"


def document(edition: date, **kwargs: object):  # type: ignore[no-untyped-def]
    return plan_document(
        EDITIONS[edition](), edition=edition, label=f"Update {edition:%B %Y}", **kwargs
    )  # type: ignore[arg-type]


def pdf_twin(edition: date) -> PlanDocument:
    """The PDF export of an edition as a PDF reader might see it: the same actions, but the
    first one cut in two at a page break (one record too many) and a warning."""
    word = document(edition)
    records = list(word.records)
    first = records[0]
    cut = first.action.split(" at ")
    records[0:1] = [
        first.model_copy(update={"action": cut[0]}),
        first.model_copy(
            update={
                "action": "at " + cut[1],
                "ref": None,
                "provenance": {"action": FieldProvenance(page=2)},
            }
        ),
    ]
    return plan_document(
        records,
        edition=edition,
        label=f"Update {edition:%B %Y}",
        format="pdf",
        warnings=["page 2: a row continues from the previous page"],
    )
