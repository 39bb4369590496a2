"""One document through the stages: file → ExtractedDocument → PlanDocument.

Pure and picklable (module-level functions, plain arguments) so batch import can run it in a worker
process. Nothing here touches the database: the single writer in ``batch`` does that.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

from planingest.errors import PlanIngestError, UnexpectedError
from planingest.extractor import ExtractedDocument, extract
from planingest.normalise import normalise
from planingest.normalise.columns import load_lexicon
from planingest.normalise.records import PlanDocument
from planingest.settings import Settings
from planingest.version import __version__


@dataclass(frozen=True)
class DocumentResult:
    """What happened to one file: a plan, or the error that stopped it (never both)."""

    path: str
    plan: PlanDocument | None = None
    extracted: ExtractedDocument | None = None
    error: PlanIngestError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def extract_and_normalise(
    path: str | Path, settings: Settings | None = None
) -> tuple[ExtractedDocument, PlanDocument]:
    """Run both stages on one file; raises :class:`PlanIngestError` for unreadable input."""
    settings = settings or Settings()
    extracted = extract(
        path,
        password=settings.pdf_password,
        max_pages=settings.max_pages,
        ocr=settings.ocr,
        ocr_languages=settings.ocr_languages,
    )
    plan = normalise(
        extracted,
        lexicon=load_lexicon(settings.lexicon),
        spacy_model=settings.spacy_model,
        people_in_text=settings.people_in_text,
        pipeline_version=__version__,
    )
    return extracted, plan


def process(path: str | Path, settings: Settings | None = None) -> DocumentResult:
    """Like :func:`extract_and_normalise`, but a bad file becomes a result, not an exception."""
    try:
        extracted, plan = extract_and_normalise(path, settings)
    except PlanIngestError as exc:
        exc.path = exc.path or str(path)
        return DocumentResult(path=str(path), error=exc)
    except Exception as exc:  # noqa: BLE001 - one bad file must never abort a batch
        error = UnexpectedError(f"{type(exc).__name__}: {exc}", path=str(path))
        error.details = traceback.format_exc()
        return DocumentResult(path=str(path), error=error)
    return DocumentResult(path=str(path), plan=plan, extracted=extracted)
