"""Many documents: find the files, run each through the pipeline, write through one store writer.

A failed document is recorded against its path with a reason and the batch goes on; the
database only ever sees whole documents (one transaction each, inside the store).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from planingest import __version__
from planingest.pipeline import DocumentResult, process
from planingest.settings import Settings
from planingest.store import Store
from planingest.store import open as open_store

DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".doc"})
IGNORED_NAMES = ("~$*", ".~lock*", "*.tmp", ".*")
"""Office lock files, temporary files and hidden files: never documents."""


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """Document files under ``paths`` (folders walked recursively, sorted) and paths not found.

    A file named explicitly is taken whatever its suffix (the reader decides by its bytes); in a
    folder only ``.pdf``, ``.docx`` and ``.doc`` files are taken, lock and temp files never.
    """
    found: list[Path] = []
    missing: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not _ignored(p)
            )
        elif path.is_file():
            found.append(path)
        else:
            missing.append(path)
    return found, missing


def _ignored(path: Path) -> bool:
    return any(fnmatch.fnmatch(path.name, pattern) for pattern in IGNORED_NAMES)


@dataclass
class BatchSummary:
    """What a batch did, for the summary table and ``--json``."""

    files: int = 0
    imported: int = 0
    unchanged: int = 0
    failed: int = 0
    tables: int = 0
    records: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    documents: list[dict[str, object]] = field(default_factory=list)


def run_batch(
    files: list[Path],
    *,
    store_url: str,
    settings: Settings,
    plan_key: str | None = None,
    reprocess: bool = False,
    on_result: Callable[[DocumentResult, str], None] | None = None,
) -> BatchSummary:
    """Import ``files`` into the store at ``store_url``; ``on_result`` sees each outcome."""
    summary = BatchSummary(files=len(files))
    store = open_store(store_url)
    run_id = store.begin_run(trigger="cli", pipeline_version=__version__)
    try:
        for path in files:
            result = process(path, settings)
            outcome = _write(store, run_id, result, summary, plan_key, reprocess)
            if on_result is not None:
                on_result(result, outcome)
        store.finish_run(run_id, status="succeeded", counts=_counts(summary))
    except BaseException:
        store.finish_run(run_id, status="failed", counts=_counts(summary))
        raise
    finally:
        store.close()
    return summary


def _write(
    store: Store,
    run_id: int,
    result: DocumentResult,
    summary: BatchSummary,
    plan_key: str | None,
    reprocess: bool,
) -> str:
    if result.error is not None:
        summary.failed += 1
        summary.failures.append(
            {"path": result.path, "reason": result.error.reason, "code": result.error.reason_code}
        )
        store.record_failure(run_id, result.path, None, result.error)
        return "failed"
    assert result.plan is not None and result.extracted is not None
    mtime = datetime.fromtimestamp(Path(result.path).stat().st_mtime, tz=UTC)
    outcome = store.import_document(
        result.plan,
        run_id=run_id,
        path=result.path,
        mtime=mtime,
        plan_key=plan_key,
        reprocess=reprocess,
    )
    state = str(getattr(outcome, "status", outcome))
    if state == "unchanged":
        summary.unchanged += 1
    else:
        summary.imported += 1
    summary.tables += len(result.extracted.tables)
    summary.records += len(result.plan.records)
    summary.documents.append(
        {
            "path": result.path,
            "outcome": state,
            "tables": len(result.extracted.tables),
            "records": len(result.plan.records),
        }
    )
    return state


def _counts(summary: BatchSummary) -> dict[str, int]:
    return {
        "files_seen": summary.files,
        "files_imported": summary.imported,
        "files_skipped": summary.unchanged,
        "files_failed": summary.failed,
        "records": summary.records,
    }
