"""Lead cells split into people, roles and teams.

The seed cells are quoted from ../shared/seeds (the narrow-column PDF breaks included); each
expected split was worked out by reading the cell, not by running the code. Invented cells use
invented names only.
"""

from __future__ import annotations

import pytest

from planingest.normalise.officers import NameBook, OfficerTagger, get_tagger


@pytest.fixture(scope="module")
def tagger() -> OfficerTagger:
    return get_tagger()


# (cell text, [(name, kind), ...] in source order)
SEED_CELLS: list[tuple[str, list[tuple[str, str]]]] = [
    # people
    ("Hannah Watkins", [("Hannah Watkins", "person")]),
    ("Hannah\nWatkins", [("Hannah Watkins", "person")]),
    ("George Ballentyn\ne", [("George Ballentyne", "person")]),
    ("Craig Picknell, Joanne Ives", [("Craig Picknell", "person"), ("Joanne Ives", "person")]),
    ("Craig\nPicknell,\nJoanne\nIves", [("Craig Picknell", "person"), ("Joanne Ives", "person")]),
    ("Surinder Singh", [("Surinder Singh", "person")]),
    ("Surinder\nSingh", [("Surinder Singh", "person")]),
    (
        "Hannah Watkins (internal) George Ballentyne (external)",
        [("Hannah Watkins", "person"), ("George Ballentyne", "person")],
    ),
    # the model misses these two and calls the next two ORG: the name rule catches them
    ("Daxa Patel", [("Daxa Patel", "person")]),
    ("Mandeep\nJudge", [("Mandeep Judge", "person")]),
    ("Sukhi\nBiring", [("Sukhi Biring", "person")]),
    ("Owain Turner", [("Owain Turner", "person")]),
    # role titles
    ("Head of HR and OD", [("Head of HR and OD", "role")]),
    ("Policy and Projects Manager", [("Policy and Projects Manager", "role")]),
    (
        "Executive Director of Finance and Resources",
        [("Executive Director of Finance and Resources", "role")],
    ),
    (
        "Head of Human Resources and Organisational Development",
        [("Head of Human Resources and Organisational Development", "role")],
    ),
    (
        "Head of HR Strategy, Policy and Projects",
        [("Head of HR Strategy, Policy and Projects", "role")],
    ),
    ("Senior Systems Analyst", [("Senior Systems Analyst", "role")]),
    ("Management Information Officer", [("Management Information Officer", "role")]),
    (
        "Recruitment strategy and delivery manager",
        [("Recruitment strategy and delivery manager", "role")],
    ),
    ("Divisional Directors", [("Divisional Directors", "role")]),
    ("Head of Communications", [("Head of Communications", "role")]),
    ("Director of HR", [("Director of HR", "role")]),
    # teams and bodies
    ("Equality Team", [("Equality Team", "team")]),
    ("City Learning", [("City Learning", "team")]),
    ("City Learning & BWGs", [("City Learning", "team"), ("BWGs", "team")]),
    (
        "City Learning, BWGs & Voluntary Directors, Network for Black Professionals & WRWG",
        [
            ("City Learning", "team"),
            ("BWGs", "team"),
            ("Voluntary Directors", "role"),
            ("Network for Black Professionals", "team"),
            ("WRWG", "team"),
        ],
    ),
    ("IPM", [("IPM", "team")]),
    ("WRWG & CESG", [("WRWG", "team"), ("CESG", "team")]),
    (
        "Equality Forums, WRWG & CESG",
        [("Equality Forums", "team"), ("WRWG", "team"), ("CESG", "team")],
    ),
    (
        "Digital Transformation / Smart Cities and Equality Team",
        [("Digital Transformation", "team"), ("Smart Cities and Equality Team", "team")],
    ),
    (
        "Digital Transformation / Smart\nCities and Equality Team",
        [("Digital Transformation", "team"), ("Smart Cities and Equality Team", "team")],
    ),
    (
        "Voluntary & Community Sector Engagement Manager, Digital Transformation / Smart cities",
        [
            ("Voluntary & Community Sector Engagement Manager", "role"),
            ("Digital Transformation", "team"),
            ("Smart cities", "team"),
        ],
    ),
    ("Communities & Equality Team", [("Communities & Equality Team", "team")]),
    ("OD", [("OD", "team")]),
    ("HR", [("HR", "team")]),
    ("Learning Services", [("Learning Services", "team")]),
    ("HR Policy and\nProjects", [("HR Policy and Projects", "team")]),
    ("Human\nResources\nRecruitment", [("Human Resources Recruitment", "team")]),
    (
        "Equality Team ,\nEmployee\nGroups",
        [("Equality Team", "team"), ("Employee Groups", "team")],
    ),
    (
        "Organisational Development, Post 16 Looked\nAfter Children\nTeam,\nConnexions",
        [
            ("Organisational Development", "team"),
            ("Post 16 Looked After Children Team", "team"),
            ("Connexions", "team"),
        ],
    ),
    (
        "IPM & Talking Up Leicester priority board & BWGs",
        [("IPM", "team"), ("Talking Up Leicester priority board", "team"), ("BWGs", "team")],
    ),
    (
        "WRWG, BWGs, ESC & SSP for Investing In Our Children",
        [
            ("WRWG", "team"),
            ("BWGs", "team"),
            ("ESC", "team"),
            ("SSP for Investing In Our Children", "team"),
        ],
    ),
    # seed 003 cells whose paragraphs the naive text extraction ran together
    ("City Learning WRWG BWGs", [("City Learning", "team"), ("WRWG", "team"), ("BWGs", "team")]),
    (
        "Employment Services, Equality Forums BWGs",
        [("Employment Services", "team"), ("Equality Forums", "team"), ("BWGs", "team")],
    ),
    # seed 003: one paragraph per recommendation, each a separate lead
    (
        "Divisional Directors\nBWGs & Head of Communications\nCity Learning & BWG",
        [
            ("Divisional Directors", "role"),
            ("BWGs", "team"),
            ("Head of Communications", "role"),
            ("City Learning", "team"),
            ("BWG", "team"),
        ],
    ),
]

INVENTED_CELLS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Priya Ramanathan", [("Priya Ramanathan", "person")]),
    # a courtesy title is not part of the person's name
    ("Cllr Usha Brennan", [("Usha Brennan", "person")]),
    (
        "Dr Niamh Lorne, Head of Policy",
        [("Niamh Lorne", "person"), ("Head of Policy", "role")],
    ),
    ("Mrs Ada Finch and Mr. Owen Hale", [("Ada Finch", "person"), ("Owen Hale", "person")]),
    ("Drew Kellan", [("Drew Kellan", "person")]),
    (
        "Tomasz Nowak, Facilities Manager",
        [("Tomasz Nowak", "person"), ("Facilities Manager", "role")],
    ),
    ("Climate Action Team", [("Climate Action Team", "team")]),
    ("Head of Sustainability", [("Head of Sustainability", "role")]),
    (
        "Priya Ramanathan\nClimate Action Team",
        [("Priya Ramanathan", "person"), ("Climate Action Team", "team")],
    ),
    (
        "Head of Sustainability, Tomasz Nowak",
        [("Head of Sustainability", "role"), ("Tomasz Nowak", "person")],
    ),
    # coordination joins like with like: a word complement does not swallow an acronym
    ("Head of Parks & CESG", [("Head of Parks", "role"), ("CESG", "team")]),
    ("Head of Parks and Open Spaces", [("Head of Parks and Open Spaces", "role")]),
    ("Parks Team Manager", [("Parks Team Manager", "role")]),
    ("HR Business Partners", [("HR Business Partners", "role")]),
    ("Youth Ambition", [("Youth Ambition", "team")]),
    (
        "• Priya Ramanathan\n• Climate Action Team",
        [("Priya Ramanathan", "person"), ("Climate Action Team", "team")],
    ),
    (
        "Priya Ramanathan; Tomasz Nowak",
        [("Priya Ramanathan", "person"), ("Tomasz Nowak", "person")],
    ),
    ("Priya Ramanathan (interim)", [("Priya Ramanathan", "person")]),
    # "and" between two people separates them; first names that are also dictionary words
    # (Anna, Ben) are people by the model's word
    ("Anna Lee and Ben Ross", [("Anna Lee", "person"), ("Ben Ross", "person")]),
    (
        "Anna Lee, Ben Ross and Carl Diaz",
        [("Anna Lee", "person"), ("Ben Ross", "person"), ("Carl Diaz", "person")],
    ),
    ("Mental Health and Wellbeing Group", [("Mental Health and Wellbeing Group", "team")]),
    # a place the model takes for a person stays inside the team it names
    ("Victoria Park and Estates Team", [("Victoria Park and Estates Team", "team")]),
    # comparatives are dictionary words, not a name
    ("Safer Neighbourhoods and Police Team", [("Safer Neighbourhoods and Police Team", "team")]),
    # a bracket naming a party is a party; a qualifier is not
    ("Tom Baker (Head of Estates)", [("Tom Baker", "person"), ("Head of Estates", "role")]),
    ("Estates Manager (Tom Baker)", [("Estates Manager", "role"), ("Tom Baker", "person")]),
    ("Tom Baker (Joint Lead)", [("Tom Baker", "person")]),
    ("Jo Bloggs (TBC)", [("Jo Bloggs", "person")]),
    ("Jo Bloggs (Project Sponsor)", [("Jo Bloggs", "person"), ("Project Sponsor", "role")]),
    ("Sam Smith and his team", [("Sam Smith and his team", "team")]),
]


@pytest.mark.parametrize(("text", "expected"), SEED_CELLS + INVENTED_CELLS)
def test_split(tagger: OfficerTagger, text: str, expected: list[tuple[str, str]]) -> None:
    lead = tagger.split(text)
    assert [(e.name, e.kind) for e in lead.entries] == expected
    assert lead.text == text
    assert lead.people == [n for n, k in expected if k == "person"]
    assert lead.roles == [n for n, k in expected if k == "role"]
    assert lead.teams == [n for n, k in expected if k == "team"]


def test_capacity_comes_from_the_column(tagger: OfficerTagger) -> None:
    lead = tagger.split("Head of HR and OD", capacity="accountable")
    assert [e.capacity for e in lead.entries] == ["accountable"]


def test_with_support_from_marks_supporting_parties(tagger: OfficerTagger) -> None:
    lead = tagger.split("Equality Forums with support from City Learning")
    assert [(e.name, e.kind, e.capacity) for e in lead.entries] == [
        ("Equality Forums", "team", "lead"),
        ("City Learning", "team", "supporting"),
    ]


def test_empty_cell(tagger: OfficerTagger) -> None:
    lead = tagger.split("  \n ")
    assert lead.entries == [] and lead.people == [] and lead.text == "  \n "


def test_repeated_party_listed_once(tagger: OfficerTagger) -> None:
    lead = tagger.split("Climate Action Team\nClimate Action Team")
    assert lead.teams == ["Climate Action Team"]
    assert len(lead.entries) == 2


# --- the name book ------------------------------------------------------------------------------


def test_name_found_by_rule_resolves_fragments_elsewhere(tagger: OfficerTagger) -> None:
    book = tagger.name_book(
        ["Daxa Patel", "Equality Team", "George Ballentyn\ne", "Surinder Singh"]
    )
    assert sorted(book) == ["Daxa Patel", "George Ballentyne", "Surinder Singh"]
    cases = {
        "Patel": "Daxa Patel",  # surname alone
        "Daxa": "Daxa Patel",  # first name alone
        "George Ballentyn": "George Ballentyne",  # cut short by a page break
        "Ballentyn": "George Ballentyne",
        "Surinder": "Surinder Singh",
    }
    for fragment, full in cases.items():
        lead = tagger.split(fragment, names=book)
        assert [(e.name, e.kind) for e in lead.entries] == [(full, "person")], fragment


def test_lone_first_name_without_a_book_is_not_a_person(tagger: OfficerTagger) -> None:
    assert tagger.split("Surinder").people == []


def test_ambiguous_fragment_is_not_resolved() -> None:
    book = NameBook(["Priya Ramanathan", "Priya Sharma"])
    assert book.resolve("Priya") is None
    assert book.resolve("Ramanathan") == "Priya Ramanathan"
    assert book.resolve("Priya\nSharma") == "Priya Sharma"


def test_split_adds_people_to_the_book(tagger: OfficerTagger) -> None:
    book = NameBook()
    tagger.split("Tomasz Nowak, Facilities Manager", names=book)
    assert list(book) == ["Tomasz Nowak"]
    assert tagger.split("Nowak & Climate Action Team", names=book).people == ["Tomasz Nowak"]


def test_people_in_progress_text(tagger: OfficerTagger) -> None:
    # seed 003 progress text: the model alone does not know "Daxa Patel"
    text = (
        "The Performance monitoring framework that is being developed in the WRWG by Daxa Patel "
        "will enable the monitoring of BME staff."
    )
    assert tagger.people_in_text(text) == []
    assert tagger.people_in_text(text, NameBook(["Daxa Patel"])) == ["Daxa Patel"]
    invented = "Priya Ramanathan met Hannah Watkins and the Climate Action Team in May."
    assert tagger.people_in_text(invented, NameBook(["Priya Ramanathan"])) == [
        "Priya Ramanathan",
        "Hannah Watkins",
    ]


def test_tagger_is_loaded_once_per_model(tagger: OfficerTagger) -> None:
    assert get_tagger() is tagger
    assert "entity_ruler" in tagger.nlp.pipe_names
    assert tagger.nlp.pipe_names.index("entity_ruler") < tagger.nlp.pipe_names.index("ner")


def test_and_separates_a_person_the_plan_knows_from_a_whole_team(tagger: OfficerTagger) -> None:
    # "Karen Hill": both words are in the dictionary, and the model says the same of places, so
    # only a plan that names her alone elsewhere makes "and" a boundary here
    cell = "Karen Hill and Estates Team"
    assert tagger.split(cell).teams == ["Karen Hill and Estates Team"]
    lead = tagger.split(cell, names=NameBook(["Karen Hill"]))
    assert (lead.people, lead.teams) == (["Karen Hill"], ["Estates Team"])
    lead = tagger.split("Head of Estates and Tom Baker", names=NameBook(["Tom Baker"]))
    assert (lead.roles, lead.people) == (["Head of Estates"], ["Tom Baker"])


def test_bracketed_support_marks_supporting_parties(tagger: OfficerTagger) -> None:
    lead = tagger.split("Jo Bloggs (with support from Finance Team)")
    assert [(e.name, e.capacity) for e in lead.entries] == [
        ("Jo Bloggs", "lead"),
        ("Finance Team", "supporting"),
    ]
