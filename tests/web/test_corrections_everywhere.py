"""Corrections on every read path (the SQL views, overdue, leads, the Python API), lead parties
corrected in the browser's form and on the command line, and the highlighted crop of a value
read from an image file."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pypdfium2
import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import create_engine, text
from store.builders import plan_document, record
from typer.testing import CliRunner

from planingest import store as store_module
from planingest.cli import app
from planingest.settings import Settings
from planingest.web import create_app
from web.conftest import SAMPLES, import_files

SPRING = date(2019, 4, 1)


@pytest.fixture
def opened(database_url: str) -> Iterator[store_module.Store]:
    with store_module.open(database_url) as store:
        run = store.begin_run(trigger="api", pipeline_version="test-1")
        doc = plan_document(
            [
                record("Replace the depot boilers", ref="1.1", status="in_progress"),
                record("Plant street trees on Mill Lane", ref="1.2", status="not_started"),
            ],
            edition=SPRING,
        )
        store.import_document(doc, run_id=run, path="/plans/spring.docx", mtime=None)
        store.finish_run(run, "succeeded")
        yield store


def _boilers(store: store_module.Store) -> int:
    frame = store.actions()
    return int(frame[frame["ref"] == "1.1"]["action_id"].iloc[0])


def _rows(url: str, sql: str, **params: object) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def test_views_overdue_and_api_show_corrections(
    opened: store_module.Store, database_url: str
) -> None:
    action = _boilers(opened)
    assert opened.overdue(as_of=date(2030, 1, 1)).empty  # no deadline was read
    opened.correct(action, "deadline_latest", "2019-06-30", author="Avery Quill")
    opened.correct(action, "status", "on_hold", author="Avery Quill", reason="funding")

    late = opened.overdue(as_of=date(2019, 7, 1))
    assert late["action_id"].tolist() == [action]
    assert late["deadline_latest"].iloc[0] == date(2019, 6, 30)
    assert sorted(late["corrected"].iloc[0]) == ["deadline_latest", "status"]
    assert late["read_values"].iloc[0] == {"deadline_latest": None, "status": "in_progress"}
    assert opened.overdue().empty is False  # today, by the view's CURRENT_DATE too

    sql = "SELECT status, deadline_latest, corrected_fields FROM {} WHERE action_id = :a"
    for view in ("actions_current", "overdue_actions", "action_history"):
        status, deadline, flags = _rows(database_url, sql.format(view), a=action)[0]
        assert (status, str(deadline), set(str(flags).split())) == (
            "on_hold",
            "2019-06-30",
            {"status", "deadline_latest"},
        ), view
    # The read value stays where it was read, beside the correction that changed it.
    assert _rows(
        database_url,
        "SELECT field, read_value, value, author FROM corrections_applied "
        "WHERE action_id = :a AND field = 'status'",
        a=action,
    ) == [("status", "in_progress", "on_hold", "Avery Quill")]
    assert _rows(
        database_url,
        "SELECT av.status FROM actions_current c "
        "JOIN action_version av ON av.id = c.action_version_id WHERE c.action_id = :a",
        a=action,
    ) == [("in_progress",)]
    history = opened.history(action)
    assert history["status"].tolist() == ["on_hold"] and "status" in history["corrected"][0]

    opened.correct(action, "status", None, author="Avery Quill", kind="undo")
    assert _rows(database_url, sql.format("actions_current"), a=action)[0][0] == "in_progress"


def test_lead_parties_corrected_on_the_command_line(
    opened: store_module.Store, database_url: str
) -> None:
    action = _boilers(opened)
    runner = CliRunner()
    bad = runner.invoke(
        app, ["correct", str(action), "leads", "boss:Jane", "--db", database_url, "--by", "a"]
    )
    assert bad.exit_code != 0 and "is not a party" in bad.output
    done = runner.invoke(
        app,
        ["correct", str(action), "leads", "person:Jane  Smith; team/supporting:Estates Team"]
        + ["--reason", "named in the minutes", "--by", "Avery Quill", "--db", database_url],
    )
    assert done.exit_code == 0, done.output

    leads = opened.leads()
    mine = leads[leads["action_id"] == action]
    assert sorted(
        zip(mine["name"], mine["kind"], mine["capacity"], mine["corrected"], strict=True)
    ) == [
        ("Estates Team", "team", "supporting", True),
        ("Jane Smith", "person", "lead", True),
    ]
    assert "leads" in opened.actions().set_index("action_id").loc[action, "corrected"]
    assert sorted(
        _rows(
            database_url,
            "SELECT name, kind, corrected FROM action_leads WHERE action_id = :a",
            a=action,
        )
    ) == [("Estates Team", "team", 1), ("Jane Smith", "person", 1)]
    reading = opened.action_reading(action)
    assert reading["values"]["leads"] == "person:Jane Smith; team/supporting:Estates Team"
    assert reading["values"]["read_values"]["leads"] == ""  # the builder's record names nobody


def test_lead_parties_corrected_in_the_form(sqlite_url: str, tmp_path: Path) -> None:
    import_files(sqlite_url, SAMPLES / "climate_action_plan.docx")
    settings = Settings(db=sqlite_url, page_cache=str(tmp_path / "pages"), reviewer="Robin")
    with store_module.open(sqlite_url) as store, TestClient(create_app(settings, store)) as web:
        action = int(store.actions()["action_id"].iloc[0])
        page = web.get(f"/actions/{action}")
        assert page.status_code == 200 and 'name="party_kind"' in page.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        sent = web.post(
            f"/actions/{action}/correct",
            data={
                "csrf_token": token.group(1),
                "field": "leads",
                "kind": "correct",
                "party_kind": ["role", "person"],
                "party_name": ["Head of Estates", ""],
                "party_capacity": ["accountable", "lead"],
            },
            follow_redirects=False,
        )
        assert sent.status_code == 303
        leads = store.leads()
        mine = leads[leads["action_id"] == action]
        assert list(zip(mine["name"], mine["kind"], mine["capacity"], strict=True)) == [
            ("Head of Estates", "role", "accountable")
        ]
        again = web.get(f"/actions/{action}")
        assert 'value="Head of Estates"' in again.text and "corrected" in again.text


def _image_plan(folder: Path) -> Path:
    """The sample plan's page as a 200 dpi PNG: an image file read by OCR."""
    document = pypdfium2.PdfDocument(str(SAMPLES / "climate_action_plan.pdf"))
    try:
        image = document[0].render(scale=200 / 72).to_pil()
    finally:
        document.close()
    path = folder / "climate_scan.png"
    image.save(path, dpi=(200, 200))
    return path


def test_an_image_source_shows_the_cell_on_its_page(sqlite_url: str, tmp_path: Path) -> None:
    pdf_db = f"sqlite:///{tmp_path / 'pdf.db'}"
    import_files(pdf_db, SAMPLES / "climate_action_plan.pdf")
    import_files(sqlite_url, _image_plan(tmp_path))
    with store_module.open(pdf_db) as store:
        frame = store.actions()
        pdf_box = store.action_reading(int(frame[frame["ref"] == "1.1"]["action_id"].iloc[0]))
    settings = Settings(db=sqlite_url, page_cache=str(tmp_path / "pages"))
    with store_module.open(sqlite_url) as store, TestClient(create_app(settings, store)) as web:
        frame = store.actions()
        action = int(frame[frame["ref"] == "1.1"]["action_id"].iloc[0])
        reading = store.action_reading(action)
        assert reading["edition"]["format"] == "image"
        where = reading["provenance"]["action_text"]
        # OCR of the page image finds the cell where the PDF's own reading has it.
        expected = pdf_box["provenance"]["action_text"]
        for side in ("x0", "top", "x1", "bottom"):
            assert abs(where[side] - expected[side]) < 6, side

        page = web.get(f"/actions/{action}")
        assert page.status_code == 200
        assert 'id="crop"' in page.text and f'href="/source/{where["id"]}.png"' in page.text
        png = web.get(f"/source/{where['id']}.png")
        assert png.status_code == 200 and png.headers["content-type"] == "image/png"
        rendered = Image.open(io.BytesIO(png.content)).convert("L")
        # Points to pixels at the render scale: the page is A4 landscape, the cell holds ink.
        assert abs(rendered.width / 2 - 842) < 3 and abs(rendered.height / 2 - 595) < 3
        cell = rendered.crop(tuple(int(where[s] * 2) for s in ("x0", "top", "x1", "bottom")))
        dark = sum(cell.histogram()[:128])  # pixels darker than mid-grey
        assert dark > 0.01 * cell.width * cell.height
        cached = list((tmp_path / "pages").glob("*-p1.png"))
        assert [p.name.split("-")[0] for p in cached] == [reading["edition"]["sha256"]]
