"""Plan lineage keys and content hashes (pure functions, no database)."""

from __future__ import annotations

from datetime import date

from planingest.normalise.records import Status
from planingest.store.identity import content_hash, plan_key_for, value_hash

from .builders import plan_document, record


def _key(title: str, organisation: str = "Harrowfield District Council") -> str:
    return plan_key_for(plan_document([], edition=None, title=title, organisation=organisation))


def test_edition_words_and_dates_do_not_split_a_plan() -> None:
    expected = "harrowfield-district-council/greener-estates-action-plan"
    for title in (
        "Greener Estates Action Plan",
        "Greener Estates Action Plan – Progress Update April 2019",
        "Greener Estates Action Plan (v2) DRAFT",
        "Greener Estates Action Plan: Q3 2020/21 monitoring",
        "Greener Estates Action Plan, revised 14th March 2021",
    ):
        assert _key(title) == expected, title


def test_different_plans_and_bodies_get_different_keys() -> None:
    assert _key("Greener Estates Action Plan") != _key("Fleet Decarbonisation Plan")
    # A plan's own number is not an edition number; years, dates and "Update 3" are.
    assert _key("Service Plan 8 2024-2026") == "harrowfield-district-council/service-plan-8"
    assert _key("Service Plan 1 2024-2026") != _key("Service Plan 8 2024-2026")
    assert _key("Service Plan 8 – Update 3 as at 31/03/2025") == _key("Service Plan 8")
    assert _key("Greener Estates Action Plan") != _key(
        "Greener Estates Action Plan", organisation="Linbrook Town Council"
    )


def test_hashes_ignore_key_order_and_provenance_for_values() -> None:
    a = record("Plant 500 trees", "2.1", extra={"Cost": "£5k", "Ward": "North"})
    b = record("Plant 500 trees", "2.1", extra={"Ward": "North", "Cost": "£5k"})
    assert content_hash(plan_document([a], edition=date(2020, 1, 1))) == content_hash(
        plan_document([b], edition=date(2020, 1, 1))
    )
    moved = a.model_copy(update={"confidence": {"action": 0.5}})
    assert value_hash(moved) == value_hash(a)
    assert value_hash(a.model_copy(update={"status": Status.COMPLETE})) != value_hash(a)
