"""A plan generator: deterministic documents with gold records, for measuring generalisation.

``generate(seed, folder)`` composes a plan from the seed (:mod:`.compose`), draws it with the
renderer the seed chose (Word, reportlab PDF; the LibreOffice PDF of the Word file is made by
:func:`convert_to_pdf`, in batches, because starting LibreOffice is slow) and writes
``<name>.expected.json`` beside it, in the samples' golden format.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .compose import Plan, compose
from .render_docx import render_docx
from .render_pdf import PDF_RENDERERS, render_pdf

__all__ = ["Generated", "compose", "convert_to_pdf", "generate"]


@dataclass(frozen=True)
class Generated:
    seed: int
    document: Path
    golden: Path
    features: dict[str, str]
    needs_pdf: bool
    """A ``docx_pdf`` document: ``document`` names the PDF :func:`convert_to_pdf` will make."""


def generate(seed: int, folder: Path, fixed: dict[str, str] | None = None) -> Generated:
    """Write seed's document and golden into ``folder`` (``fixed`` as for :func:`compose`)."""
    plan: Plan = compose(seed, fixed)
    stem = f"gen{seed:06d}"
    renderer = plan.features["renderer"]
    golden = folder / f"{stem}.expected.json"
    golden.write_text(json.dumps(plan.gold, indent=1, ensure_ascii=False), encoding="utf-8")
    if renderer in PDF_RENDERERS:
        document = folder / f"{stem}.pdf"
        render_pdf(plan.layout, document, renderer)
        return Generated(seed, document, golden, plan.features, needs_pdf=False)
    docx = folder / f"{stem}.docx"
    render_docx(plan.layout, docx)
    if renderer == "docx":
        return Generated(seed, docx, golden, plan.features, needs_pdf=False)
    return Generated(seed, docx.with_suffix(".pdf"), golden, plan.features, needs_pdf=True)


def convert_to_pdf(documents: list[Path], timeout: float = 900) -> None:
    """LibreOffice PDFs of Word files (written beside them), one ``soffice`` run for all, with
    its own profile so it never waits on another LibreOffice of the machine."""
    if not documents:
        return
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("soffice (LibreOffice) is needed for the docx_pdf renderer")
    outdir = documents[0].parent
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, documents),
            ],  # fmt: skip
            check=True,
            capture_output=True,
            timeout=timeout,
        )


def manifest_row(item: Generated) -> dict[str, Any]:
    return {"seed": item.seed, "document": item.document.name, **item.features}
