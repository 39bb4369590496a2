"""Generalisation: the pipeline on generated plans it was never tuned on, scored against the
generator's own gold.

    python benchmarks/generalise.py --split dev [--workers 2] [--show]   # per document + diffs
    python benchmarks/generalise.py --split blind [--workers 2]          # aggregates only
    python benchmarks/generalise.py --split dev --seeds 5000-5039 --fix renderer=pdf_unruled

``--seeds`` and ``--fix`` (dev only) build a development case of one feature value: other seeds
(never blind ones) with the feature pinned, the others still drawn from the seed.

Documents are generated into a folder outside the repository (dev: kept in a cache folder to look
at; blind: a temporary folder removed at the end), run through ``planingest.pipeline.process`` in
a process pool and scored with ``planingest.ops.evaluate``. The blind split prints only overall
figures, a per-feature table and confidence bands: nothing per document. Tune on dev; when a
feature scores low on blind, build a dev case of that feature.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from planingest.ops.evaluate import (
    DocumentScore,
    Overall,
    _get,
    _pair,
    format_diff,
    load_golden,
    score_document,
)
from planingest.pipeline import process

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import Generated, convert_to_pdf, generate, manifest_row  # noqa: E402

SPLITS: dict[str, range] = {
    "dev": range(1000, 1080),
    "blind": range(700_000, 700_320),
}
"""Fixed seed lists. Never move a seed from blind to dev, and never look at a blind document."""
DEV_CACHE = Path(tempfile.gettempdir()) / "planingest-generalise-dev"
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))
CONFIDENCE_FIELDS = {"status": ("status", "rag", "status_source")}
"""A confidence key covers its own field, the fields under it (``lead`` → ``lead.people``…)
and, for status, the fields read from the same cell."""


@dataclass
class Outcome:
    seed: int
    score: DocumentScore
    error: str | None
    confidence: list[tuple[float, bool]]
    """(confidence, correct) of every field of a paired record that states a confidence."""


def _covered(key: str, fields: Iterable[str]) -> list[str]:
    named = CONFIDENCE_FIELDS.get(key, ())
    return [f for f in fields if f == key or f.startswith(f"{key}.") or f in named]


def _run(item: Generated) -> Outcome:
    golden = load_golden(item.golden)
    result = process(item.document)
    name = item.document.name
    if result.plan is None:
        expected = len(golden.get("records", []))
        error = str(result.error) if result.error else "no plan"
        return Outcome(item.seed, DocumentScore(name, expected, 0, 0), error, [])
    score = score_document(name, golden, result.plan)
    expected = golden.get("records", [])
    actual = [r.model_dump(mode="json") for r in result.plan.records]
    fields = [f for f in score.field_total if not f.startswith("plan.")]
    confidence = []
    for i, j in _pair(expected, actual):
        for key, value in actual[j].get("confidence", {}).items():
            covered = _covered(key, fields)
            if covered:
                ok = all(_get(expected[i], f) == _get(actual[j], f) for f in covered)
                confidence.append((float(value), ok))
    return Outcome(item.seed, score, None, confidence)


def _generate(seeds: range, folder: Path, fixed: dict[str, str]) -> list[Generated]:
    items = [generate(seed, folder, fixed) for seed in seeds]
    convert_to_pdf([i.document.with_suffix(".docx") for i in items if i.needs_pdf])
    return items


def _feature_table(items: list[Generated], outcomes: dict[int, Outcome]) -> list[str]:
    groups: dict[tuple[str, str], list[DocumentScore]] = defaultdict(list)
    for item in items:
        for name, value in item.features.items():
            groups[(name, value)].append(outcomes[item.seed].score)
    lines = [
        "| feature | value | record F1 | field acc | docs |",
        "| --- | --- | --- | --- | --- |",
    ]
    for (name, value), scores in sorted(groups.items()):
        overall = Overall(scores)
        lines.append(
            f"| {name} | {value} | {overall.record_f1:.3f} | {overall.field_acc:.3f} | "
            f"{len(scores)} |"
        )
    return lines


def _band_table(outcomes: Iterable[Outcome]) -> list[str]:
    pairs = [p for o in outcomes for p in o.confidence]
    lines = ["| confidence | fields | correct | accuracy |", "| --- | --- | --- | --- |"]
    for low, high in BANDS:
        band = [ok for value, ok in pairs if low <= value < high]
        label = f"≥ {low}" if high > 1 else f"{low}–{high}"
        accuracy = f"{sum(band) / len(band):.3f}" if band else "–"
        lines.append(f"| {label} | {len(band)} | {sum(band)} | {accuracy} |")
    return lines


def run(
    split: str,
    workers: int,
    show: bool,
    seeds: range | None = None,
    fixed: dict[str, str] | None = None,
) -> None:
    fixed = fixed or {}
    seeds = seeds or SPLITS[split]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="planingest-generalise-") as tmp:
        folder = Path(tmp)
        if split == "dev":
            case = "-".join(f"{k}={v}" for k, v in sorted(fixed.items()))
            folder = DEV_CACHE / case if case else DEV_CACHE
            folder.mkdir(parents=True, exist_ok=True)
        items = _generate(seeds, folder, fixed)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = {o.seed: o for o in pool.map(_run, items)}
        if split == "dev":
            manifest = [manifest_row(i) for i in items]
            (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
    overall = Overall([outcomes[i.seed].score for i in items])
    errors = sum(1 for o in outcomes.values() if o.error)
    print(f"split {split}: {len(items)} documents, {errors} failed to read, "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
    print(overall.summary_line())
    print()
    print("\n".join(_feature_table(items, outcomes)))
    print()
    print("\n".join(_band_table(outcomes.values())))
    if split == "dev":
        print(f"\ndocuments, gold and manifest.json in {folder}")
        for item in items:
            o = outcomes[item.seed]
            print(f"seed {item.seed} {item.document.name} F1 {o.score.f1:.3f} "
                  f"fields {o.score.mean_field_accuracy:.3f} {o.error or ''}")  # fmt: skip
            if show and (o.score.f1 < 1 or o.score.diffs):
                print(format_diff(o.score, limit=15))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="blind")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show", action="store_true", help="dev only: field diffs per document")
    parser.add_argument("--seeds", help="dev only: other seeds, START-END (inclusive)")
    parser.add_argument(
        "--fix", action="append", default=[], metavar="FEATURE=VALUE",
        help="dev only: pin a feature (repeatable)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.split != "dev" and (args.show or args.seeds or args.fix):
        parser.error("--show, --seeds and --fix are for the dev split only: blind stays blind")
    seeds = None
    if args.seeds:
        start, _, end = args.seeds.partition("-")
        seeds = range(int(start), int(end or start) + 1)
        blind = SPLITS["blind"]
        if seeds.start < blind.stop and blind.start < seeds.stop:
            parser.error("--seeds overlaps the blind split")
    fixed = dict(item.split("=", 1) for item in args.fix)
    run(args.split, args.workers, args.show, seeds, fixed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
