"""The plan generator (benchmarks/generate): deterministic, and its simple documents round-trip.

The floors are what the pipeline reaches today on the structures it handles (row per action,
lexicon headers, status words); the generalisation figures live in benchmarks/generalise.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planingest.ops.evaluate import load_golden, score_document
from planingest.pipeline import process

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import compose, generate  # noqa: E402

SIMPLE = {
    "structure": "row",
    "header_words": "lexicon",
    "header_turned": "no",
    "header_typo": "no",
    "status": "words",
    "page_break": "none",
}


def _simple(renderer: str) -> dict[str, str]:
    return {**SIMPLE, "renderer": renderer}


@pytest.mark.parametrize("renderer", ["docx", "pdf_ruled"])
def test_same_seed_same_bytes(tmp_path: Path, renderer: str) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    first, second = generate(7, a, _simple(renderer)), generate(7, b, _simple(renderer))
    assert first.features == second.features
    assert first.document.read_bytes() == second.document.read_bytes()
    assert first.golden.read_bytes() == second.golden.read_bytes()
    assert compose(7).gold != compose(8).gold
    assert compose(7).features == compose(7).features


def test_gold_follows_the_features() -> None:
    """Gold is written from the composition: one record per action, statuses stated."""
    plan = compose(7, _simple("docx"))
    records = plan.gold["records"]
    assert len(records) == sum(len(item.actions) for item in plan.items)
    assert {r["status_source"] for r in records} == {"stated"}
    assert all(r["action"] and r["lead"] and r["deadline"]["text"] for r in records)


@pytest.mark.parametrize(("renderer", "floor"), [("docx", 0.99), ("pdf_ruled", 0.99)])
def test_simple_plan_round_trips(tmp_path: Path, renderer: str, floor: float) -> None:
    item = generate(11, tmp_path, _simple(renderer))
    result = process(item.document)
    assert result.plan is not None, result.error
    score = score_document(item.document.name, load_golden(item.golden), result.plan)
    assert score.f1 >= floor, score
