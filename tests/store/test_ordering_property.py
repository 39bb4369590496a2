"""State is a function of the set of files: any arrival order, with repeats, ends the same."""

from __future__ import annotations

from datetime import date
from typing import Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planingest.normalise.records import PlanDocument
from planingest.store import Store

from .builders import canonical_state, wipe
from .editions import EDITIONS, document, pdf_twin

DATES = sorted(EDITIONS)
Kind = Literal["word", "pdf", "same"]
"""The Word edition; its PDF export read less well (a row cut in two); other bytes read into the
very same records (a duplicate)."""

File = tuple[date, Kind]


def _doc(file: File) -> PlanDocument:
    edition, kind = file
    if kind == "pdf":
        return pdf_twin(edition)
    return document(edition, salt="re-saved" if kind == "same" else "")


# The files: every Word edition, the PDF twins of some; an arrival order of them, with repeats
# (the same bytes again, or bytes read into the same records).
arrivals = st.sets(st.sampled_from(DATES)).flatmap(
    lambda twins: st.lists(
        st.sampled_from(
            [(d, k) for d in DATES for k in ("word", "same")] + [(d, "pdf") for d in sorted(twins)]
        ),
        max_size=3,
    ).flatmap(
        lambda repeats: st.permutations(
            [(d, "word") for d in DATES] + [(d, "pdf") for d in sorted(twins)] + repeats
        )
    )
)


def _import(store: Store, sequence: list[File]) -> None:
    run = store.begin_run()
    for file in sequence:
        store.import_document(_doc(file), run_id=run, path=f"/p/{file[0]}.{file[1]}", mtime=None)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(sequence=arrivals)
def test_any_arrival_order_gives_the_same_state(store: Store, sequence: list[File]) -> None:
    wipe(store.engine)
    _import(store, sorted(set(sequence)))
    expected = canonical_state(store.engine)
    twins = sum(kind == "pdf" for _, kind in set(sequence))
    assert len(expected["editions"]) == 3 + twins and len(expected["actions"]) == 6

    wipe(store.engine)
    _import(store, sequence)
    assert canonical_state(store.engine) == expected
