"""Invented plan wording: bodies, plan topics, themes, actions and outcomes."""

from __future__ import annotations

import random

BODIES = (
    "Ashcombe Borough Council", "Fenmoor District Council", "Kestbridge City Council",
    "North Harrowdale County Council", "Orchwick Town Council", "Pellford Borough Council",
)  # fmt: skip
TOPICS = (
    "Climate Action Plan", "Equality Action Plan", "Workforce Equalities Action Plan",
    "Digital Inclusion Plan", "Health and Wellbeing Action Plan", "Housing Delivery Plan",
)  # fmt: skip
THEMES = (
    "Council Estate and Operations", "Transport", "Communities and Nature", "Skills and Learning",
    "Workforce Data", "Inclusive Services", "Homes and Buildings", "Waste and Recycling",
    "Engagement and Voice", "Leadership and Accountability", "Health and Wellbeing",
)  # fmt: skip
VERBS = (
    "Review", "Publish", "Deliver", "Introduce", "Develop", "Commission", "Pilot", "Expand",
    "Evaluate", "Launch", "Update", "Embed", "Establish", "Install", "Train staff on",
)  # fmt: skip
OBJECTS = (
    "the staff equality monitoring form", "a tenant energy advice service", "the fleet replacement "
    "programme", "a community grants scheme", "guidance on accessible events", "the recruitment "
    "and selection policy", "LED street lighting in the town centre", "a volunteer befriending "
    "network", "the procurement social value framework", "a cycle parking scheme at the depot",
    "the annual workforce profile report", "a tree planting programme on council land",
    "mental health first aid training", "the customer feedback process", "a food waste "
    "collection trial", "the digital skills offer in libraries", "a mentoring scheme for new "
    "managers", "the housing allocations policy", "heat pumps in two leisure centres",
    "a school travel plan toolkit", "an apprenticeship pathway for care leavers",
)  # fmt: skip
QUALIFIERS = (
    "with partners across the district", "and report progress to Cabinet",
    "in consultation with residents", "so that gaps in the data are closed",
    "to reduce carbon emissions from council buildings", "using the findings of the 2023 survey",
    "with the support of the voluntary sector", "and publish the results on the website",
)  # fmt: skip
OUTCOMES = (
    "Staff feel confident to report concerns", "Residents can reach services online",
    "Emissions from the estate fall each year", "The workforce reflects the community it serves",
    "Fewer households live in fuel poverty", "More journeys are made by bike or on foot",
    "Decisions are informed by good equality data", "Young people gain skills for work",
)  # fmt: skip


def actions(rng: random.Random, n: int) -> list[str]:
    """``n`` distinct action sentences (no two share verb and object)."""
    combos = [(v, o) for v in VERBS for o in OBJECTS]
    rng.shuffle(combos)
    out = []
    for verb, obj in combos[:n]:
        text = f"{verb} {obj}"
        if rng.random() < 0.6:
            text += f" {rng.choice(QUALIFIERS)}"
        out.append(text)
    return out


def theme_texts(rng: random.Random, n: int) -> list[str]:
    chosen = rng.sample(THEMES, n)
    style = rng.choice(["numbered", "plain", "upper"])
    if style == "numbered":
        return [f"{i}. {t}" for i, t in enumerate(chosen, start=1)]
    return [t.upper() for t in chosen] if style == "upper" else chosen
