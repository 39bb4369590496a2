"""A fixed-seed fuzz run (``benchmarks/fuzz.py``): damaged copies of the samples, each read by
the guarded reader, must end in a record set or a classified error; never an unclassified
exception, a hang or a dead worker. Each earlier finding is kept as a regression case."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path
from types import ModuleType

import pytest

from planingest.errors import CorruptDocument
from planingest.ops.limits import WorkItem, run_item
from planingest.settings import Settings

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

FINDINGS = {
    (0, 42): "OverflowError",  # a startxref offset past any C size
    (0, 47): "OverflowError",
    (0, 151): "OverflowError",
    (0, 158): "damaged (Missing or invalid page object 7",  # a page dictionary broken
    (0, 176): "invalid literal for int()",  # a page dictionary with a key cut in two
    (0, 233): "Non-Ascii85 digit",  # a flipped byte in a page's content stream
    (0, 273): "damaged (Data loss",  # a MediaBox holding a name, a content stream torn
    (1, 67): "Non-Ascii85 digit",  # a /Length cut short: raised in base64, called by playa
    (1, 371): "Non-Ascii85 digit",
}
"""(seed, mutant) pairs that ended as [unexpected] before parser exceptions were classified."""
FOUND_AMONG = [
    "climate_action_plan.docx",
    "climate_action_plan.pdf",
    "climate_action_plan.rotated.pdf",
    "digital_inclusion_status.borderless.pdf",
    "digital_inclusion_status.docx",
    "digital_inclusion_status.pdf",
    "seed000_workforce_transposed.docx",
    "seed000_workforce_transposed.pdf",
    "seed001_fair_inclusive.docx",
    "seed001_fair_inclusive.pdf",
    "seed001_fair_inclusive.rotated.pdf",
    "seed002_equality_progress_2018-10.docx",
    "seed002_equality_progress_2018-10.pdf",
    "seed002_equality_progress_2019-04.docx",
    "seed002_equality_progress_2019-04.drawn.pdf",
    "seed002_equality_progress_2019-04.pdf",
    "seed002_equality_progress_2019-04.turned.pdf",
    "seed002_torn_header.docx",
    "seed002_torn_header.pdf",
    "seed003_appendix_2b.docx",
    "seed003_appendix_2b.pdf",
    "seed003_bme_traffic_light.docx",
    "seed003_bme_traffic_light.pdf",
    "seed004_oxford_status.docx",
    "seed004_oxford_status.drawn.pdf",
    "seed004_oxford_status.pdf",
]
"""The samples the findings were drawn from: a mutant is its index among mutants of exactly these
files, so a sample added later must not renumber them."""


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz", BENCHMARKS / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz()


def test_fixed_seed_run_has_no_traceback_hang_or_crash(tmp_path: Path) -> None:
    settings = Settings(timeout_seconds=10, workers=2)
    counts, findings = fuzz.fuzz(fuzz.sample_files(), 200, 0, settings, tmp_path / "findings")

    assert sum(counts.values()) == 200
    assert (counts["traceback"], counts["hang"], counts["crash"]) == (0, 0, 0), [
        f"{mutant.name}: {result.error}" for mutant, result in findings
    ]
    assert counts["success"] > 0 and counts["clean"] > 0  # the mutations both bite and miss


@pytest.mark.parametrize(("case", "exception"), sorted(FINDINGS.items()))
def test_earlier_findings_are_corrupt_documents(
    tmp_path: Path, case: tuple[int, int], exception: str
) -> None:
    seed, index = case
    generated = fuzz.mutants([fuzz.SAMPLES / name for name in FOUND_AMONG], index + 1, seed)
    mutant = next(itertools.islice(generated, index, None))
    path = tmp_path / mutant.name
    path.write_bytes(mutant.data)

    result = run_item(WorkItem(str(path)), Settings())

    assert isinstance(result.error, CorruptDocument), result.error
    assert exception in result.error.reason
