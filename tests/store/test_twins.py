"""Two files of one edition (a Word plan and its PDF export) are one edition: the better reading
stands for it, whichever file arrives first."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from planingest.store import Store
from planingest.store.models import PlanVersion, SourceFile

from .builders import canonical_state, plan_document, record, wipe
from .editions import CYCLES, KEY, SURVEY, TREES, document, edition_2019, pdf_twin

D19, D20 = date(2019, 4, 1), date(2020, 4, 1)


def _editions(store: Store) -> list[tuple[str, str, int | None, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                PlanVersion.edition_date,
                PlanVersion.status,
                PlanVersion.edition_seq,
                SourceFile.format,
            ).join(SourceFile, SourceFile.id == PlanVersion.source_file_id)
        ).all()
    return sorted(((str(d), s, q, f) for d, s, q, f in rows), key=lambda r: (r[0] != "None", r))


def test_word_reading_stands_for_the_edition_in_either_order(store: Store, run_id: int) -> None:
    store.import_document(document(D19), run_id=run_id, path="/p/2019.docx", mtime=None)
    word = store.import_document(document(D20), run_id=run_id, path="/p/2020.docx", mtime=None)
    pdf = store.import_document(pdf_twin(D20), run_id=run_id, path="/p/2020.pdf", mtime=None)
    assert word.status == "imported"
    assert pdf.status == "alternative" and not pdf.rebuilt
    assert (pdf.added, pdf.changed, pdf.removed) == (0, 0, 0)
    expected_editions = [
        ("2019-04-01", "superseded", 1, "docx"),
        ("2020-04-01", "current", 2, "docx"),
        ("2020-04-01", "superseded", None, "pdf"),
    ]
    assert _editions(store) == expected_editions
    current = store.actions(plan=KEY)
    assert sorted(current["ref"]) == ["1.1", "1.2", "2.1", "2.2"]  # not the PDF's cut row
    in_order = canonical_state(store.engine)

    wipe(store.engine)
    run = store.begin_run()
    store.import_document(document(D19), run_id=run, path="/p/2019.docx", mtime=None)
    pdf = store.import_document(pdf_twin(D20), run_id=run, path="/p/2020.pdf", mtime=None)
    assert pdf.status == "imported"  # the only reading so far: it stands for the edition
    assert len(store.actions(plan=KEY)) == 5
    word = store.import_document(document(D20), run_id=run, path="/p/2020.docx", mtime=None)
    assert word.status == "imported" and word.rebuilt
    assert _editions(store) == expected_editions
    assert canonical_state(store.engine) == in_order


def test_a_collapsed_word_reading_gives_way_to_the_pdf(store: Store, run_id: int) -> None:
    """Format is not everything: a Word reading with a fraction of the PDF's records lost its
    table, and the PDF stands for the edition."""
    rows = [
        record(f"Retrofit heat pumps in block {n} of the Linbrook estate", f"4.{n}")
        for n in range(10)
    ]
    pdf = plan_document(rows, edition=D19, format="pdf")
    word = plan_document(rows[:1], edition=D19)
    for doc in (word, pdf):
        store.import_document(doc, run_id=run_id, path=doc.source.path, mtime=None)
    assert _editions(store) == [
        ("2019-04-01", "current", 1, "pdf"),
        ("2019-04-01", "superseded", None, "docx"),
    ]
    assert len(store.actions()) == 10


def test_identical_twin_keeps_the_word_bytes_whichever_came_first(
    store: Store, run_id: int
) -> None:
    """A PDF read exactly as its Word file (same records) is a duplicate; the edition is
    recorded as read from the Word file either way."""
    records = [record(CYCLES, "1"), record(SURVEY, "2"), record(TREES, "3")]
    word = plan_document(records, edition=D19)
    pdf = plan_document(records, edition=D19, format="pdf", warnings=["noisy"])
    first = store.import_document(pdf, run_id=run_id, path="/p/plan.pdf", mtime=None)
    second = store.import_document(word, run_id=run_id, path="/p/plan.docx", mtime=None)
    assert (first.status, second.status) == ("imported", "duplicate")
    assert _editions(store) == [("2019-04-01", "current", 1, "docx")]
    with store.engine.connect() as conn:
        warnings = conn.execute(select(PlanVersion.warnings)).scalar_one()
    assert warnings == []


def test_undated_editions_come_before_dated_ones(store: Store, run_id: int) -> None:
    dated = document(D19)
    undated = plan_document(edition_2019()[:3], edition=None)
    store.import_document(dated, run_id=run_id, path="dated", mtime=None)
    outcome = store.import_document(undated, run_id=run_id, path="undated", mtime=None)
    assert outcome.status == "imported" and outcome.rebuilt
    assert _editions(store) == [
        ("None", "superseded", 1, "docx"),
        ("2019-04-01", "current", 2, "docx"),
    ]
    assert len(store.actions()) == 4


def test_plans_and_the_review_list_count_a_twin_as_one_edition(store: Store, run_id: int) -> None:
    store.import_document(document(D19), run_id=run_id, path="/p/2019.docx", mtime=None)
    store.import_document(document(D20), run_id=run_id, path="/p/2020.docx", mtime=None)
    store.import_document(pdf_twin(D20), run_id=run_id, path="/p/2020.pdf", mtime=None)
    plans = store.plans()
    assert plans[["editions", "readings"]].values.tolist() == [[2, 3]]
    listed = store.plan_summaries(None)
    assert listed[["plan_key", "editions", "records"]].values.tolist() == [[KEY, 2, 4]]
