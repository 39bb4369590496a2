"""The review application: FastAPI routes over the store's Python API, pages rendered on the
server with Jinja2 (autoescaped: document text is never markup), a little htmx for filters.

Build it with :func:`create_app` (``uvicorn --factory planingest.web:create_app`` reads the
settings from the environment; ``planingest serve`` sets them from its flags).
"""

from __future__ import annotations

import getpass
import math
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import pandas as pd
from fastapi import FastAPI, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader

from planingest.errors import NotFound, PlanIngestError, Refused
from planingest.normalise.records import Status, parse_leads
from planingest.settings import Settings
from planingest.store import Store
from planingest.store import open as open_store
from planingest.store.corrections import CORRECTABLE
from planingest.web.security import (
    TOKEN_COOKIE,
    csrf_ok,
    guard,
    token_cookie_value,
)
from planingest.web.source import PageRenderer, verified_file, word_table

__all__ = ["create_app"]

HERE = Path(__file__).parent
PAGE_SIZE = 100
PAGED = ("pdf", "image")
"""Source formats shown as a rendered page with the cell's box (Word: as an HTML table)."""
STATUSES = tuple(s.value for s in Status)
SHOWN_FIELDS = (*CORRECTABLE, "status_text")
"""An action's fields on its page: those a person may correct, and the status as worded."""
ADVICE = {
    "corrupt": "The file is damaged: open it in its application, save it again, re-import.",
    "encrypted": "Give the password with --password (or PLANINGEST_PDF_PASSWORD), or export "
    "an unprotected copy.",
    "needs_ocr": "The PDF is scanned images: run OCR on it (e.g. ocrmypdf) and re-import.",
    "empty": "The file is empty or holds no tables: check it is the document meant.",
    "unsupported": "Only PDF and Word (.docx, .doc) are read: export the document to one.",
    "unsafe": "The file was refused as unsafe to open: get a clean export of it.",
    "limit": "It went over a page, time or memory limit: raise the limit or split the file.",
    "changed": "The file changed while being read: the next import reads it again.",
    "unavailable": "The database could not be reached: the next import retries it.",
}


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every {{ }} is escaped: document text never becomes markup
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = _cell
    env.filters["pct"] = lambda v: "" if _missing(v) else f"{float(v) * 100:.0f}%"
    env.filters["when"] = lambda v: "" if _missing(v) else str(v)[:16].replace("T", " ")
    env.globals["url"] = _url
    return env


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _cell(value: Any) -> str:
    if _missing(value):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _url(path: str, **params: Any) -> str:
    kept = {k: v for k, v in params.items() if not _missing(v) and v != ""}
    return path + ("?" + urlencode(kept) if kept else "")


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The application over ``store`` (default: opened from ``settings.db``)."""
    settings = settings or Settings()
    store = store or open_store(settings.db)
    env = _env()
    cache = Path(settings.page_cache or Path.home() / ".cache" / "planingest" / "pages")
    renderer = PageRenderer(cache)
    read_only = settings.serve_read_only

    app = FastAPI(title="planingest review", docs_url=None, redoc_url=None, openapi_url=None)
    app.middleware("http")(guard(settings.serve_token))
    # follow_symlink: an editable install links the package's own files from the source tree
    static = StaticFiles(directory=HERE / "static", follow_symlink=True)
    app.mount("/static", static, name="static")

    def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
        html = env.get_template(template).render(
            csrf=request.state.csrf, read_only=read_only, request_path=request.url.path, **context
        )
        return HTMLResponse(html, status_code=status)

    def person(request: Request) -> str:
        if settings.reviewer_header:
            named = request.headers.get(settings.reviewer_header, "").strip()
            if named:
                return named
        return settings.reviewer or getpass.getuser()

    @app.exception_handler(PlanIngestError)
    async def refused(request: Request, exc: PlanIngestError) -> Response:
        status = 404 if isinstance(exc, NotFound) else 400
        return render(request, "error.html", status=status, message=str(exc.reason))

    @app.get("/", response_class=HTMLResponse)
    def plans(request: Request, q: str | None = None) -> Response:
        frame = store.plan_summaries(q)
        failures = store.failures()
        return render(
            request, "plans.html", plans=frame.to_dict("records"), q=q or "", failures=len(failures)
        )

    @app.get("/plan", response_class=HTMLResponse)
    def plan(
        request: Request,
        key: str,
        version: int | None = None,
        as_of: str | None = None,
        status: str | None = None,
        rag: str | None = None,
        theme: str | None = None,
        lead: str | None = None,
        overdue: bool = False,
        review: bool = False,
        page: Annotated[int, Query(ge=1)] = 1,
    ) -> Response:
        editions = store.edition_timeline(key)
        day = _day(as_of)
        if version is not None:
            frame = store.edition_actions(key, version)
        else:
            frame = store.actions(as_of=day, plan=key)
        lowest = store.lowest_confidence(key)
        frame = frame.assign(
            confidence=frame["action_version_id"].map(lambda v: lowest.get(int(v)))
        )
        themes = sorted({t for t in frame["theme"] if isinstance(t, str)})
        filters = {
            "status": status,
            "rag": rag,
            "theme": theme,
            "lead": lead,
            "overdue": overdue,
            "review": review,
        }
        shown = _filtered(frame, filters, day or date.today(), settings.review_threshold)
        pages = max(1, math.ceil(len(shown) / PAGE_SIZE))
        rows = shown.iloc[(page - 1) * PAGE_SIZE : page * PAGE_SIZE].to_dict("records")
        query = {"key": key, "version": version, "as_of": as_of, **filters}
        query = {k: (1 if v is True else None if v is False else v) for k, v in query.items()}
        return render(
            request,
            "plan.html",
            key=key,
            title=_title(store, key),
            editions=editions.to_dict("records"),
            accepted=[e for e in editions.to_dict("records") if not _missing(e["edition_seq"])],
            version=version,
            as_of=as_of or "",
            filters=filters,
            themes=themes,
            statuses=STATUSES,
            rows=rows,
            total=len(shown),
            all_count=len(frame),
            page=page,
            pages=pages,
            query=query,
            threshold=settings.review_threshold,
        )

    @app.get("/plan/diff", response_class=HTMLResponse)
    def diff(request: Request, key: str, v1: int, v2: int) -> Response:
        frame = store.diff(key, v1, v2)
        return render(
            request,
            "diff.html",
            key=key,
            title=_title(store, key),
            v1=v1,
            v2=v2,
            rows=frame.to_dict("records"),
        )

    @app.get("/actions/{action_id}", response_class=HTMLResponse)
    def action(
        request: Request, action_id: int, version: int | None = None, field: str | None = None
    ) -> Response:
        reading = store.action_reading(action_id, version)
        provenance = reading["provenance"]
        chosen = field if field in provenance else _first_source(provenance)
        source = _source(store, renderer, provenance.get(chosen)) if chosen else None
        history = store.history(action_id)
        log = store.corrections([action_id])
        return render(
            request,
            "action.html",
            reading=reading,
            values=reading["values"],
            edition=reading["edition"],
            provenance=provenance,
            fields=SHOWN_FIELDS,
            correctable=CORRECTABLE,
            statuses=STATUSES,
            chosen=chosen,
            source=source,
            parties=parse_leads(reading["values"].get("leads") or ""),
            history=history.to_dict("records"),
            log=list(reversed(log)),
            threshold=settings.review_threshold,
        )

    @app.get("/source/{provenance_id}.png")
    def source_image(provenance_id: int) -> Response:
        where = store.provenance(provenance_id)
        if where["format"] not in PAGED or where["page"] is None:
            raise NotFound(
                "that value was not read from a page (PDF or image)", kind="page", key=provenance_id
            )
        image = renderer.page(where["sha256"], int(where["page"]), where["paths"], where["format"])
        return FileResponse(
            image.path, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"}
        )

    @app.post("/actions/{action_id}/correct")
    def correct(
        request: Request,
        action_id: int,
        field: Annotated[str, Form()],
        kind: Annotated[str, Form()] = "correct",
        value: Annotated[str | None, Form()] = None,
        reason: Annotated[str | None, Form()] = None,
        version: Annotated[int | None, Form()] = None,
        next: Annotated[str | None, Form()] = None,
        csrf_token: Annotated[str | None, Form()] = None,
        party_kind: Annotated[list[str] | None, Form()] = None,
        party_name: Annotated[list[str] | None, Form()] = None,
        party_capacity: Annotated[list[str] | None, Form()] = None,
    ) -> Response:
        if read_only:
            return render(request, "error.html", status=403, message="this server is read-only")
        if not csrf_ok(request, csrf_token):
            return render(request, "error.html", status=403, message="the form has expired")
        if kind not in ("correct", "accept", "undo"):
            raise Refused(f"unknown kind of correction {kind!r}")
        if field == "leads" and kind == "correct" and party_name is not None:
            value = _parties_value(party_kind or [], party_name, party_capacity or [])
        store.correct(
            action_id,
            field,
            value,
            author=person(request),
            reason=reason,
            kind=kind,  # type: ignore[arg-type]
            version_no=version,
        )
        target = next if next and next.startswith("/") and not next.startswith("//") else None
        return RedirectResponse(target or f"/actions/{action_id}", status_code=303)

    @app.get("/review", response_class=HTMLResponse)
    def review_queue(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> Response:
        page, total = store.review_queue(settings.review_threshold, 50, offset)
        return render(
            request,
            "review.html",
            items=page.to_dict("records"),
            total=total,
            offset=offset,
            threshold=settings.review_threshold,
            statuses=STATUSES,
        )

    @app.get("/failures", response_class=HTMLResponse)
    def failures(request: Request) -> Response:
        rows = [{**f, "advice": ADVICE.get(f["code"], "")} for f in store.failures()]
        return render(request, "failures.html", failures=rows)

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request) -> Response:
        return render(request, "login.html", wrong=False)

    @app.post("/login")
    def login(
        request: Request,
        token: Annotated[str, Form()],
        csrf_token: Annotated[str | None, Form()] = None,
    ) -> Response:
        expected = settings.serve_token
        if not expected or not csrf_ok(request, csrf_token) or token != expected:
            return render(request, "login.html", status=401, wrong=True)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            TOKEN_COOKIE, token_cookie_value(expected), httponly=True, samesite="strict"
        )
        return response

    app.state.store = store
    return app


def _parties_value(kinds: list[str], names: list[str], capacities: list[str]) -> str:
    """The lead parties the form's rows give, as the store takes them (rows without a name are
    left out)."""
    if not len(kinds) == len(names) == len(capacities):
        raise Refused("the form's party rows are incomplete")
    return "; ".join(
        f"{k}/{c}:{' '.join(n.replace(';', ',').split())}"
        for k, n, c in zip(kinds, names, capacities, strict=True)
        if n.strip()
    )


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise Refused(f"as of: a date like 2019-04-30, not {value!r}") from exc


def _title(store: Store, key: str) -> str:
    found = store.plan_summaries(None)
    match = found[found["plan_key"] == key]
    return str(match["title"].iloc[0]) if not match.empty and match["title"].iloc[0] else key


def _filtered(
    frame: pd.DataFrame, filters: dict[str, Any], day: date, threshold: float
) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    if filters["status"]:
        keep &= frame["status"] == filters["status"]
    if filters["rag"]:
        keep &= frame["rag"].fillna("none") == filters["rag"]
    if filters["theme"]:
        keep &= frame["theme"].fillna("") == filters["theme"]
    if filters["lead"]:
        needle = str(filters["lead"]).lower()
        keep &= frame["lead_text"].fillna("").str.lower().str.contains(needle, regex=False)
    if filters["overdue"]:
        latest = frame["deadline_latest"]
        keep &= latest.map(lambda d: d is not None and not _missing(d) and d < day)
        keep &= ~frame["status"].isin(("complete", "cancelled"))
    if filters["review"]:
        keep &= (frame["confidence"].fillna(1.0) < threshold) | frame["offered"].map(bool)
    return frame[keep]


def _first_source(provenance: dict[str, dict[str, Any]]) -> str | None:
    for name in ("action_text", *provenance):
        where = provenance.get(name)
        if where and (where["page"] is not None or where["table_index"] is not None):
            return name
    return None


def _source(
    store: Store, renderer: PageRenderer, where: dict[str, Any] | None
) -> dict[str, Any] | None:
    """What the action page shows beside the values: a page with the cell's box, or a Word
    table with the cell marked; ``error`` when the file cannot be shown."""
    if where is None:
        return None
    found = store.provenance(int(where["id"]))
    try:
        if found["format"] in PAGED and found["page"] is not None:
            image = renderer.page(
                found["sha256"], int(found["page"]), found["paths"], found["format"]
            )
            return {"kind": "page", **_boxes(found, image.width, image.height)}
        if found["table_index"] is not None:
            verified_file(found["sha256"], found["paths"])
            table = word_table(found["sha256"], found["paths"], int(found["table_index"]))
            return {"kind": "docx", "rows": table.rows, "row": found["row"], "col": found["col"]}
    except NotFound as exc:
        return {"kind": "missing", "error": str(exc.reason)}
    return None


def _boxes(where: dict[str, Any], width: float, height: float) -> dict[str, Any]:
    """The page's and the crop's SVG view boxes (PDF points) and the cell's box."""
    page = {"id": where["id"], "page": where["page"], "width": width, "height": height}
    if where["x0"] is None:
        return {**page, "box": None, "crop": None}
    x0, top, x1, bottom = (float(where[k]) for k in ("x0", "top", "x1", "bottom"))
    margin = 36.0
    cx0, ctop = max(0.0, x0 - margin), max(0.0, top - margin)
    cx1, cbottom = min(width, x1 + margin), min(height, bottom + margin)
    return {
        **page,
        "box": {"x": x0, "y": top, "w": x1 - x0, "h": bottom - top},
        "crop": f"{cx0:.1f} {ctop:.1f} {cx1 - cx0:.1f} {cbottom - ctop:.1f}",
    }
