"""How long each review page takes to render on the server with 20,000 actions in the store.

Generates invented plans (``--plans`` × ``--actions`` actions, two editions each, every record
with provenance and a confidence on its status), then requests every page in-process through
FastAPI's test client and prints the median and worst of ``--repeat`` requests (milliseconds).
The target is under 300 ms a page. The database is a fresh SQLite file unless ``--db`` names
another (an empty one).

    .venv/bin/python benchmarks/review_pages.py [--plans 20] [--actions 1000] [--db URL]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from planingest import store as store_module
from planingest.normalise.records import (
    ActionRecord,
    Deadline,
    FieldProvenance,
    PlanDocument,
    PlanMeta,
    SourceRef,
)
from planingest.settings import Settings
from planingest.web import create_app

STATUSES = ("not_started", "in_progress", "complete", "on_hold")
RAGS = ("red", "amber", "green", None)
THEMES = ("Housing", "Transport", "Energy", "Waste", "Green spaces")


def _record(plan: int, no: int, edition: int) -> ActionRecord:
    row = 2 + no
    box = (40.0, 100.0 + no % 30 * 20, 300.0, 118.0 + no % 30 * 20)
    return ActionRecord(
        ref=f"{no // 10 + 1}.{no % 10 + 1}",
        theme=THEMES[no % len(THEMES)],
        action=f"Action {no} of plan {plan}: improve service area {no % 97} with partners",
        status=STATUSES[(no + edition) % len(STATUSES)],
        rag=RAGS[(no + edition) % len(RAGS)],
        deadline=Deadline(
            text="March 2021", earliest=date(2021, 3, 1), latest=date(2021, 3, 31), kind="date"
        ),
        provenance={
            name: FieldProvenance(page=1 + no // 30, table=0, row=row, col=col, bbox=box)
            for col, name in enumerate(("ref", "action", "status"))
        },
        confidence={"status": 0.6 if no % 3 == 0 else 0.95},
    )


def _document(plan: int, actions: int, edition: int) -> PlanDocument:
    records = [_record(plan, no, edition) for no in range(actions)]
    sha = hashlib.sha256(f"bench-{plan}-{edition}".encode()).hexdigest()
    return PlanDocument(
        source=SourceRef(path=f"/bench/{sha[:8]}.pdf", sha256=sha, format="pdf", size=1),
        plan=PlanMeta(
            title=f"Invented Plan {plan:02d}",
            organisation="Benchmark Borough Council",
            edition_date=date(2020 + edition, 4, 1),
        ),
        records=records,
        pipeline_version="bench-1",
    )


def fill(store: store_module.Store, plans: int, actions: int) -> float:
    started = time.perf_counter()
    run = store.begin_run(trigger="api", pipeline_version="bench-1")
    for plan in range(plans):
        for edition in (0, 1):
            doc = _document(plan, actions, edition)
            store.import_document(doc, run_id=run, path=doc.source.path, mtime=None)
    store.finish_run(run, "succeeded")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'bench.db'}"
        store = store_module.open(url)
        seconds = fill(store, args.plans, args.actions)
        print(
            f"{args.plans * args.actions} actions ({args.plans} plans, 2 editions) "
            f"stored in {seconds:.1f} s on {url.split(':')[0]}"
        )
        settings = Settings(db=url, page_cache=str(Path(folder) / "pages"), reviewer="bench")
        client = TestClient(create_app(settings, store))
        key = store.plan_summaries()["plan_key"].iloc[0]
        action = int(store.actions(plan=key)["action_id"].iloc[0])
        pages = {
            "plans": "/",
            "plans, searched": "/?q=plan+07",
            "plan (1,000 actions, page 1)": f"/plan?key={key}",
            "plan, filtered (needs review)": f"/plan?key={key}&review=1",
            "plan, edition v1": f"/plan?key={key}&version=1",
            "plan, as of a date": f"/plan?key={key}&as_of=2020-06-01",
            "diff v1 → v2": f"/plan/diff?key={key}&v1=1&v2=2",
            "action": f"/actions/{action}",
            "review queue": "/review",
            "review queue, page 50": "/review?offset=2500",
            "failures": "/failures",
        }
        print(f"{'page':34} {'median ms':>10} {'worst ms':>10}")
        for name, path in pages.items():
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            print(f"{name:34} {statistics.median(times):10.0f} {max(times):10.0f}")
        store.close()


if __name__ == "__main__":
    main()
