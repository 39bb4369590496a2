"""Invented people, role titles and teams, and the ways plans write a lead cell.

Every name is made up: first names are common given names, surnames are invented compounds, so
no generated person is a real one. A lead cell is written in one *form* per document (the
manifest's ``leads`` feature); the gold keeps people, roles and teams apart in source order.
Decisions: an honorific ("Dr", "Cllr") is part of how the cell is written, not of the person's
name (gold ``people`` holds "Priya Hale"); a bracketed qualifier ("(lead)") is dropped; a
bracketed role after a name ("Priya Hale (Housing Manager)") is a role.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

FIRST = (
    "Aisha", "Bethan", "Callum", "Delyth", "Eamon", "Farah", "Gideon", "Harriet", "Imran",
    "Jolene", "Kieran", "Lowri", "Marcus", "Niamh", "Osian", "Priya", "Quentin", "Rhiannon",
    "Sanjay", "Tamsin", "Usman", "Verity", "Wendell", "Yasmin", "Zachary", "Anwen", "Bilal",
    "Cerys", "Dominic", "Esther", "Fergus", "Gwen", "Hamish", "Isla", "Jasper", "Keeley", "Leon",
)  # fmt: skip
SURNAME_HEADS = "Ash Brack Carn Dell Fen Gorr Hale Ivor Kest Lorn Marl Nether Orch Pell Quill Rook"
SURNAME_TAILS = "ford well by combe ridge thorpe wick ley stowe brook den field more gate"
SURNAMES = tuple(h + t for h in SURNAME_HEADS.split() for t in SURNAME_TAILS.split())
HONORIFICS = ("Dr", "Cllr", "Ms", "Mr", "Mrs")
ROLES = (
    "Head of Housing", "Sustainability Officer", "Policy Manager", "Head of Workforce",
    "Equality Officer", "Transport Planner", "Community Safety Manager", "Head of Finance",
    "Procurement Manager", "Libraries Manager", "Chief Executive", "Director of Place",
    "Data Protection Officer", "Climate Change Officer", "HR Business Partner",
)  # fmt: skip
TEAMS = (
    "Housing Team", "Parks Service", "Customer Services", "Estates Team", "Fleet Services",
    "Equality Team", "Communications Team", "Waste Services", "Planning Policy Team",
    "Revenues Service", "Youth Service", "Public Health Team", "ICT Service", "Licensing Team",
    "Building Control", "Economic Development Team", "Environmental Health",
)  # fmt: skip

LEAD_FORMS = (
    "person", "titled", "role", "team", "person_role", "bracket_role", "list_comma",
    "list_and", "list_amp", "list_slash", "list_lines", "bracket_qualifier",
)  # fmt: skip


@dataclass
class Lead:
    """A lead cell as written and its gold parties."""

    text: str
    people: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)

    def gold(self) -> dict[str, list[str]]:
        found = {"people": self.people, "roles": self.roles, "teams": self.teams}
        return {k: v for k, v in found.items() if v}


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"


def _party(rng: random.Random, kind: str) -> Lead:
    if kind == "person":
        name = person(rng)
        return Lead(name, people=[name])
    if kind == "role":
        role = rng.choice(ROLES)
        return Lead(role, roles=[role])
    team = rng.choice(TEAMS)
    return Lead(team, teams=[team])


def _joined(parts: list[Lead], joiner: str) -> Lead:
    out = Lead(joiner.join(p.text for p in parts))
    for p in parts:
        out.people += p.people
        out.roles += p.roles
        out.teams += p.teams
    return out


def lead(rng: random.Random, form: str) -> Lead:
    """One lead cell in ``form`` (one of :data:`LEAD_FORMS`)."""
    if form in ("person", "role", "team"):
        return _party(rng, form)
    if form == "titled":
        name = person(rng)
        return Lead(f"{rng.choice(HONORIFICS)} {name}", people=[name])
    if form == "person_role":
        name, role = person(rng), rng.choice(ROLES)
        return Lead(f"{name}, {role}", people=[name], roles=[role])
    if form == "bracket_role":
        name, role = person(rng), rng.choice(ROLES)
        return Lead(f"{name} ({role})", people=[name], roles=[role])
    if form == "bracket_qualifier":
        team = rng.choice(TEAMS)
        return Lead(f"{team} ({rng.choice(['lead', 'internal', 'tbc'])})", teams=[team])
    joiner = {
        "list_comma": ", ",
        "list_and": " and ",
        "list_amp": " & ",
        "list_slash": " / ",
        "list_lines": "\n",
    }[form]
    # "and" joins two people only: in team and role names it coordinates inside the name.
    kinds = (
        ["person", "person"] if form == "list_and" else rng.sample(["person", "role", "team"], 2)
    )
    parts = [_party(rng, k) for k in kinds]
    while len({p.text for p in parts}) < len(parts):
        parts = [_party(rng, k) for k in kinds]
    return _joined(parts, joiner)
