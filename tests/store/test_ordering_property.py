"""State is a function of the set of editions: any arrival order, with repeats, ends the same."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planingest.store import Store

from .builders import canonical_state, wipe
from .editions import EDITIONS, document

DATES = sorted(EDITIONS)

# An arrival: which edition, and whether it comes as the same bytes or as a twin (other bytes,
# same records: the PDF of the Word edition).
arrivals = st.permutations(DATES).flatmap(
    lambda order: st.lists(st.tuples(st.sampled_from(DATES), st.booleans()), max_size=3).flatmap(
        lambda repeats: st.permutations([(d, False) for d in order] + repeats)
    )
)


def _import(store: Store, sequence: list[tuple[date, bool]]) -> None:
    run = store.begin_run()
    for edition, twin in sequence:
        doc = document(edition, salt="pdf twin" if twin else "")
        store.import_document(doc, run_id=run, path=f"/p/{edition}-{twin}", mtime=None)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(sequence=arrivals)
def test_any_arrival_order_gives_the_same_state(
    store: Store, sequence: list[tuple[date, bool]]
) -> None:
    wipe(store.engine)
    _import(store, [(d, False) for d in DATES])
    expected = canonical_state(store.engine)
    assert len(expected["editions"]) == 3 and len(expected["actions"]) == 6

    wipe(store.engine)
    _import(store, sequence)
    assert canonical_state(store.engine) == expected
