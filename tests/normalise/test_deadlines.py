"""Deadline wording → dates. Every expected value below is worked out by hand from the rules in
the module docstring (UK meteorological seasons, 1 April financial years, month lengths), not
copied from the parser's output."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planingest.normalise.deadlines import parse_deadline, parse_period
from planingest.normalise.records import DeadlinePart

from helpers import squash

D = date
NO_REF = None

# text, reference, earliest, latest, precision, kind
CASES = [
    # The examples
    ("End of July 2013", NO_REF, D(2013, 7, 31), D(2013, 7, 31), "day", "date"),
    ("End July 2013", NO_REF, D(2013, 7, 31), D(2013, 7, 31), "day", "date"),
    ("by end of July 2013", NO_REF, D(2013, 7, 31), D(2013, 7, 31), "day", "date"),
    ("April 2014", NO_REF, D(2014, 4, 1), D(2014, 4, 30), "month", "date"),
    ("Mar 2010", NO_REF, D(2010, 3, 1), D(2010, 3, 31), "month", "date"),
    ("September 2013", NO_REF, D(2013, 9, 1), D(2013, 9, 30), "month", "date"),
    ("31 March 2014", NO_REF, D(2014, 3, 31), D(2014, 3, 31), "day", "date"),
    ("31/03/2014", NO_REF, D(2014, 3, 31), D(2014, 3, 31), "day", "date"),
    ("2010", NO_REF, D(2010, 1, 1), D(2010, 12, 31), "year", "date"),
    ("Summer 2010", NO_REF, D(2010, 6, 1), D(2010, 8, 31), "season", "date"),
    ("Q3 2021/22", NO_REF, D(2021, 10, 1), D(2021, 12, 31), "quarter", "date"),
    ("Q3 2021", NO_REF, D(2021, 7, 1), D(2021, 9, 30), "quarter", "date"),
    ("2018/19", NO_REF, D(2018, 4, 1), D(2019, 3, 31), "financial_year", "date"),
    ("2018-19", NO_REF, D(2018, 4, 1), D(2019, 3, 31), "financial_year", "date"),
    ("H1 2020", NO_REF, D(2020, 1, 1), D(2020, 6, 30), "half", "date"),
    ("first half of 2020", NO_REF, D(2020, 1, 1), D(2020, 6, 30), "half", "date"),
    # early / mid / late keep the whole year: no third of a year is invented
    ("mid 2013", NO_REF, D(2013, 1, 1), D(2013, 12, 31), "year", "date"),
    ("early 2014", NO_REF, D(2014, 1, 1), D(2014, 12, 31), "year", "date"),
    ("late 2014", NO_REF, D(2014, 1, 1), D(2014, 12, 31), "year", "date"),
    ("mid-July 2013", NO_REF, D(2013, 7, 1), D(2013, 7, 31), "month", "date"),
    ("Jan-Feb 2010", NO_REF, D(2010, 1, 1), D(2010, 2, 28), "month", "range"),
    ("Ongoing", NO_REF, None, None, None, "ongoing"),
    ("Ongoing process of engagement", NO_REF, None, None, None, "ongoing"),
    ("Continuous", NO_REF, None, None, None, "ongoing"),
    ("As required", NO_REF, None, None, None, "ongoing"),
    ("TBC", NO_REF, None, None, None, "unparsed"),
    ("To be confirmed", NO_REF, None, None, None, "unparsed"),
    ("Ongoing 2018/19", NO_REF, D(2018, 4, 1), D(2019, 3, 31), "financial_year", "ongoing"),
    ("Monthly", NO_REF, None, None, None, "recurring"),
    ("Bi-Monthly", NO_REF, None, None, None, "recurring"),
    ("Quarterly", NO_REF, None, None, None, "recurring"),
    ("Annually", NO_REF, None, None, None, "recurring"),
    ("Each edition of FACE (monthly, bi-monthly)", NO_REF, None, None, None, "recurring"),
    ("To begin as soon as implemented", NO_REF, None, None, None, "conditional"),
    ("When funding is agreed", NO_REF, None, None, None, "conditional"),
    (
        "Communication to staff Jan-Feb 2010 Rollout March 2010",
        NO_REF, D(2010, 3, 1), D(2010, 3, 31), "month", "date",
    ),
    (
        "Dummy quarter Dec - Mar. Live from April 2014",
        NO_REF, D(2014, 4, 1), D(2014, 4, 30), "month", "date",
    ),
    ("Update to Cabinet May 2010", NO_REF, D(2010, 5, 1), D(2010, 5, 31), "month", "date"),
    ("Implemented by Oct 2010", NO_REF, D(2010, 10, 1), D(2010, 10, 31), "month", "date"),
    ("To be explored in 2013", NO_REF, D(2013, 1, 1), D(2013, 12, 31), "year", "date"),
    # year-less: the next end of July on or after the plan's date; none without one
    (
        "First report to be completed by end of July",
        D(2013, 4, 1), D(2013, 7, 31), D(2013, 7, 31), "day", "date",
    ),
    (
        "First report to be completed by end of July",
        D(2013, 9, 1), D(2014, 7, 31), D(2014, 7, 31), "day", "date",
    ),
    ("First report to be completed by end of July", NO_REF, None, None, None, "unparsed"),
    # mixed recurring + date: the date wins
    (
        "Each induction – implemented by March 2010",
        NO_REF, D(2010, 3, 1), D(2010, 3, 31), "month", "date",
    ),
    # Case, punctuation, spacing
    ("APRIL 2014", NO_REF, D(2014, 4, 1), D(2014, 4, 30), "month", "date"),
    ("april 2014", NO_REF, D(2014, 4, 1), D(2014, 4, 30), "month", "date"),
    ("end of july 2013.", NO_REF, D(2013, 7, 31), D(2013, 7, 31), "day", "date"),
    ("  April\n  2014 ", NO_REF, D(2014, 4, 1), D(2014, 4, 30), "month", "date"),
    ("May 2010.", NO_REF, D(2010, 5, 1), D(2010, 5, 31), "month", "date"),
    ("Sept 2013", NO_REF, D(2013, 9, 1), D(2013, 9, 30), "month", "date"),
    ("Sept. 2013", NO_REF, D(2013, 9, 1), D(2013, 9, 30), "month", "date"),
    ("Mar-19", NO_REF, D(2019, 3, 1), D(2019, 3, 31), "month", "date"),
    ("03/2014", NO_REF, D(2014, 3, 1), D(2014, 3, 31), "month", "date"),
    # Days
    ("w/c 5th March 2019", NO_REF, D(2019, 3, 5), D(2019, 3, 11), "day", "range"),
    ("By 31.03.19", NO_REF, D(2019, 3, 31), D(2019, 3, 31), "day", "date"),
    ("Launch by 1 October 2013", NO_REF, D(2013, 10, 1), D(2013, 10, 1), "day", "date"),
    ("1st of October 2013", NO_REF, D(2013, 10, 1), D(2013, 10, 1), "day", "date"),
    ("March 5th, 2019", NO_REF, D(2019, 3, 5), D(2019, 3, 5), "day", "date"),
    ("2019-03-05", NO_REF, D(2019, 3, 5), D(2019, 3, 5), "day", "date"),
    ("5-9 March 2019", NO_REF, D(2019, 3, 5), D(2019, 3, 9), "day", "range"),
    ("5 March", D(2019, 1, 10), D(2019, 3, 5), D(2019, 3, 5), "day", "date"),
    ("5 March", NO_REF, None, None, None, "unparsed"),
    ("beginning of April 2014", NO_REF, D(2014, 4, 1), D(2014, 4, 1), "day", "date"),
    ("end of 2019", NO_REF, D(2019, 12, 31), D(2019, 12, 31), "day", "date"),
    ("end of February 2020", NO_REF, D(2020, 2, 29), D(2020, 2, 29), "day", "date"),
    ("end of Q3 2021/22", NO_REF, D(2021, 12, 31), D(2021, 12, 31), "day", "date"),
    ("End of March", D(2013, 4, 1), D(2014, 3, 31), D(2014, 3, 31), "day", "date"),
    (
        "the end of the financial year 2019/20",
        NO_REF, D(2020, 3, 31), D(2020, 3, 31), "day", "date",
    ),
    # "start" without "of" says when work starts, not that it starts on the 1st
    ("Start April 2014", NO_REF, D(2014, 4, 1), D(2014, 4, 30), "month", "date"),
    ("start of April 2014", NO_REF, D(2014, 4, 1), D(2014, 4, 1), "day", "date"),
    # Financial years, quarters, halves
    ("2019-20", NO_REF, D(2019, 4, 1), D(2020, 3, 31), "financial_year", "date"),
    ("FY 2020/21", NO_REF, D(2020, 4, 1), D(2021, 3, 31), "financial_year", "date"),
    ("2013-2014", NO_REF, D(2013, 4, 1), D(2014, 3, 31), "financial_year", "date"),
    ("2018/21", NO_REF, D(2018, 4, 1), D(2021, 3, 31), "financial_year", "range"),
    ("Q4 2019/20", NO_REF, D(2020, 1, 1), D(2020, 3, 31), "quarter", "date"),
    ("Q1 2019/20", NO_REF, D(2019, 4, 1), D(2019, 6, 30), "quarter", "date"),
    ("Q2 FY20/21", NO_REF, D(2020, 7, 1), D(2020, 9, 30), "quarter", "date"),
    ("third quarter of 2021", NO_REF, D(2021, 7, 1), D(2021, 9, 30), "quarter", "date"),
    ("Q3", D(2019, 5, 1), D(2019, 10, 1), D(2019, 12, 31), "quarter", "date"),
    ("H2 2020/21", NO_REF, D(2020, 10, 1), D(2021, 3, 31), "half", "date"),
    ("second half of 2019", NO_REF, D(2019, 7, 1), D(2019, 12, 31), "half", "date"),
    # Seasons (UK meteorological)
    ("Autumn 2019", NO_REF, D(2019, 9, 1), D(2019, 11, 30), "season", "date"),
    ("Winter 2019", NO_REF, D(2019, 12, 1), D(2020, 2, 29), "season", "date"),
    ("Winter 2019/20", NO_REF, D(2019, 12, 1), D(2020, 2, 29), "season", "date"),
    ("spring 2015", NO_REF, D(2015, 3, 1), D(2015, 5, 31), "season", "date"),
    ("Summer", D(2010, 7, 15), D(2010, 6, 1), D(2010, 8, 31), "season", "date"),
    ("Summer", D(2010, 9, 1), D(2011, 6, 1), D(2011, 8, 31), "season", "date"),
    # Ranges
    ("Dec 2019 - Mar 2020", NO_REF, D(2019, 12, 1), D(2020, 3, 31), "month", "range"),
    ("Dec - Mar 2014", NO_REF, D(2013, 12, 1), D(2014, 3, 31), "month", "range"),
    ("Dec 2013 - Mar", NO_REF, D(2013, 12, 1), D(2014, 3, 31), "month", "range"),
    ("July/August 2013", NO_REF, D(2013, 7, 1), D(2013, 8, 31), "month", "range"),
    ("May and June 2019", NO_REF, D(2019, 5, 1), D(2019, 6, 30), "month", "range"),
    ("April 2019 to March 2020", NO_REF, D(2019, 4, 1), D(2020, 3, 31), "month", "range"),
    # Ongoing with dates: open-ended wording keeps only the start
    ("March 2019 onwards", NO_REF, D(2019, 3, 1), None, "month", "ongoing"),
    ("December 2019 and ongoing", NO_REF, D(2019, 12, 1), None, "month", "ongoing"),
    (
        "July/August 2013 and then ongoing to delivery.",
        NO_REF, D(2013, 7, 1), None, "month", "ongoing",
    ),
    ("Throughout 2019", NO_REF, D(2019, 1, 1), D(2019, 12, 31), "year", "ongoing"),
    # Milestones: the last one written is the deadline
    ("November 2019 then January", NO_REF, D(2020, 1, 1), D(2020, 1, 31), "month", "date"),
    (
        "Summer 2010. These events are seasonal. By Oct 2010",
        NO_REF, D(2010, 10, 1), D(2010, 10, 31), "month", "date",
    ),
    # Conditional wording with a date: the date wins
    (
        "Once data is available after October 2010",
        NO_REF, D(2010, 10, 1), D(2010, 10, 31), "month", "date",
    ),
    (
        "Rolling programme to commence following Directorate Equalities Groups relaunch.",
        NO_REF, None, None, None, "conditional",
    ),
    # Relative wording resolves against the plan's date only
    ("next month", D(2013, 4, 10), D(2013, 5, 1), D(2013, 5, 31), "month", "date"),
    ("next month", NO_REF, None, None, None, "unparsed"),
    # Durations run from the plan's date to the same day that much later (dateparser alone counts
    # "6 months" back from today); open or unsure wording is no duration
    ("Within 3 months", D(2019, 4, 1), D(2019, 4, 1), D(2019, 7, 1), "month", "range"),
    ("6 months", D(2019, 4, 1), D(2019, 4, 1), D(2019, 10, 1), "month", "range"),
    ("within twelve months", D(2019, 11, 20), D(2019, 11, 20), D(2020, 11, 20), "month", "range"),
    ("3 - 6 months", D(2019, 4, 1), D(2019, 4, 1), D(2019, 10, 1), "month", "range"),
    ("in two weeks' time", D(2019, 4, 1), D(2019, 4, 1), D(2019, 4, 15), "day", "range"),
    ("in two weeks’ time", D(2019, 4, 1), D(2019, 4, 1), D(2019, 4, 15), "day", "range"),
    ("Within 3 months", NO_REF, None, None, None, "unparsed"),
    ("6 months", NO_REF, None, None, None, "unparsed"),
    ("Within 12 months of approval", D(2019, 4, 1), None, None, None, "unparsed"),
    ("5 years+", D(2019, 4, 1), None, None, None, "unparsed"),
    ("6 months?", D(2019, 4, 1), None, None, None, "unparsed"),
    # Nothing to read
    ("", NO_REF, None, None, None, None),  # nothing written: no kind (issue 16)
    ("xyzzy plugh", NO_REF, None, None, None, "unparsed"),
    ("As above", NO_REF, None, None, None, "unparsed"),
    ("the staff may attend", D(2013, 1, 1), None, None, None, "unparsed"),
    ("12", D(2013, 1, 1), None, None, None, "unparsed"),
    ("march", D(2013, 1, 1), None, None, None, "unparsed"),
    ("By March", D(2013, 4, 1), D(2014, 3, 1), D(2014, 3, 31), "month", "date"),
    ("Tuesday, March the 5th 2019", NO_REF, D(2019, 3, 5), D(2019, 3, 5), "day", "date"),
    ("9-5 March 2019", NO_REF, D(2019, 3, 5), D(2019, 3, 5), "day", "date"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "reference", "earliest", "latest", "precision", "kind"),
    CASES,
    ids=[f"{c[0][:40]!r}@{c[1]}" for c in CASES],
)
def test_deadline(
    text: str,
    reference: date | None,
    earliest: date | None,
    latest: date | None,
    precision: str | None,
    kind: str | None,
) -> None:
    deadline = parse_deadline(text, reference=reference)
    got = (deadline.earliest, deadline.latest, deadline.precision, deadline.kind)
    assert got == (earliest, latest, precision, kind)
    assert deadline.text == squash(text)


def test_multi_milestone_parts() -> None:
    deadline = parse_deadline("Communication to staff Jan-Feb 2010 Rollout March 2010")
    assert deadline.parts == [
        DeadlinePart(
            text="Communication to staff Jan-Feb 2010",
            earliest=D(2010, 1, 1),
            latest=D(2010, 2, 28),
            precision="month",
        ),
        DeadlinePart(
            text="Rollout March 2010",
            earliest=D(2010, 3, 1),
            latest=D(2010, 3, 31),
            precision="month",
        ),
    ]


def test_dummy_quarter_takes_its_year_from_the_live_date() -> None:
    deadline = parse_deadline("Dummy quarter Dec - Mar. Live from April 2014")
    assert deadline.parts == [
        DeadlinePart(
            text="Dummy quarter Dec - Mar",
            earliest=D(2013, 12, 1),
            latest=D(2014, 3, 31),
            precision="month",
        ),
        DeadlinePart(
            text="Live from April 2014",
            earliest=D(2014, 4, 1),
            latest=D(2014, 4, 30),
            precision="month",
        ),
    ]


def test_milestone_wording_runs_to_the_sentence_break() -> None:
    text = (
        "October 2013 review completion. Where the opportunity arises there will be adjustments. "
        "Fully revised programme to commence April 2014."
    )
    parts = parse_deadline(text).parts
    assert [p.text for p in parts] == [
        "October 2013 review completion",
        "Where the opportunity arises there will be adjustments. "
        "Fully revised programme to commence April 2014",
    ]
    assert [(p.earliest, p.latest) for p in parts] == [
        (D(2013, 10, 1), D(2013, 10, 31)),
        (D(2014, 4, 1), D(2014, 4, 30)),
    ]


def test_unresolved_milestone_is_kept_without_dates() -> None:
    deadline = parse_deadline("Draft by end of June; final report 2014")
    assert deadline.parts[0] == DeadlinePart(
        text="Draft by end of June", earliest=D(2014, 6, 30), latest=D(2014, 6, 30), precision="day"
    )
    deadline = parse_deadline("Phase one 2014; phase two by end of June")
    assert deadline.parts[1].earliest == D(2014, 6, 30)
    assert (deadline.earliest, deadline.kind) == (D(2014, 6, 30), "date")


def test_single_date_has_no_parts() -> None:
    assert parse_deadline("April 2014").parts == []


def test_cell_of_several_paragraphs() -> None:
    text = (
        "Monthly, Bi-Monthly\nEach edition of FACE (monthly, bi-monthly)\n"
        "Each induction – implemented by March 2010"
    )
    deadline = parse_deadline(text)
    assert deadline.text == (
        "Monthly, Bi-Monthly Each edition of FACE (monthly, bi-monthly) "
        "Each induction – implemented by March 2010"
    )
    assert (deadline.earliest, deadline.latest, deadline.kind) == (
        D(2010, 3, 1),
        D(2010, 3, 31),
        "date",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2013-2014", (D(2013, 4, 1), D(2014, 3, 31))),
        ("2013-14", (D(2013, 4, 1), D(2014, 3, 31))),
        ("2018/19", (D(2018, 4, 1), D(2019, 3, 31))),
        ("2018/21", (D(2018, 4, 1), D(2021, 3, 31))),
        ("2018-2021", (D(2018, 4, 1), D(2021, 3, 31))),
        ("2013 to 2014", (D(2013, 4, 1), D(2014, 3, 31))),
        ("1999/00", (D(1999, 4, 1), D(2000, 3, 31))),
        (
            "Workforce Equalities Action Plan 2013-2014 Year one detail",
            (D(2013, 4, 1), D(2014, 3, 31)),
        ),
        ("Progress update on Equality Action Plan 2018/19", (D(2018, 4, 1), D(2019, 3, 31))),
        ("Equality Plan 2014", None),
        ("2019/18", None),
        ("", None),
    ],
)
def test_parse_period(text: str, expected: tuple[date, date] | None) -> None:
    assert parse_period(text) == expected


_FRAGMENTS = st.sampled_from(
    [
        "end of", "by", "mid", "early", "w/c", "Q3", "Q4", "H1", "first half of", "Dec", "Mar",
        "march", "May", "Sept.", "July", "-", "/", "to", "and", ".", ";", "2010", "2013",
        "2018/19", "19/20", "FY", "20", "31", "29", "5th", "9-5", "31.02.19", "29/02/2019",
        "00/00/0000", "Winter", "summer", "ongoing", "onwards", "TBC", "monthly", "when", "1999",
        "2099/00", "\n",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=80), st.lists(_FRAGMENTS, max_size=8).map(" ".join)),
    reference=st.one_of(st.none(), st.dates()),
)
def test_never_raises_and_ranges_run_forwards(text: str, reference: date | None) -> None:
    deadline = parse_deadline(text, reference=reference)
    if deadline.earliest and deadline.latest:
        assert deadline.earliest <= deadline.latest
    for part in deadline.parts:
        if part.earliest and part.latest:
            assert part.earliest <= part.latest
    assert deadline.text == squash(text)
