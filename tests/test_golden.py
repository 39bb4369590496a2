"""Every sample plan against its hand-checked golden records, field by field.

A sample scoring below its recorded baseline fails with a readable field-level diff. The baseline
(tests/golden-baseline.json) only ever moves up, with ``--update-baseline`` on a developer machine.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planingest.ops.evaluate import (
    GOLDEN_SUFFIX,
    VARIANT_SUFFIXES,
    format_diff,
    load_golden,
    score_document,
    variants,
)
from planingest.pipeline import process

from helpers import SAMPLES

BASELINE = Path(__file__).with_name("golden-baseline.json")
CASES = list(variants(SAMPLES))


def _baseline() -> dict[str, dict[str, float]]:
    return json.loads(BASELINE.read_text()) if BASELINE.exists() else {}


def test_every_sample_has_a_golden_file() -> None:
    documents = [p for p in SAMPLES.iterdir() if p.suffix in VARIANT_SUFFIXES]
    assert documents, "no sample documents"
    covered = {doc for doc, _ in CASES}
    orphans = [p.name for p in documents if p not in covered]
    assert not orphans, f"samples without a golden {GOLDEN_SUFFIX}: {orphans}"


@pytest.mark.parametrize(("document", "golden"), CASES, ids=[d.name for d, _ in CASES])
def test_sample_matches_golden(document: Path, golden: Path, update_baseline: bool) -> None:
    result = process(document)
    assert result.plan is not None, f"{document.name} failed: {result.error}"
    score = score_document(document.name, load_golden(golden), result.plan)
    floor = _baseline().get(document.name)
    current = {"record_f1": round(score.f1, 3), "field_acc": round(score.mean_field_accuracy, 3)}
    if update_baseline:
        data = _baseline()
        old = data.get(document.name, {"record_f1": 0.0, "field_acc": 0.0})
        data[document.name] = {k: max(v, old[k]) for k, v in current.items()}
        BASELINE.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
        return
    assert floor is not None, f"no baseline for {document.name}: run pytest --update-baseline"
    assert (
        current["record_f1"] >= floor["record_f1"] and current["field_acc"] >= floor["field_acc"]
    ), f"below baseline {floor}: {current}\n" + format_diff(score)
