"""Scanned twins of the sample plans scored against the goldens of their digital originals.

    python benchmarks/ocr_samples.py                       # the default samples, in colour
    python benchmarks/ocr_samples.py --grey --show seed002_equality_progress_2018-10

Each sample PDF is copied by :mod:`scan` (150 dpi, a skew up to ±1° drawn from the seed, slight
blur and grain, JPEG 70; in colour unless ``--grey``: a grey copy loses the traffic-light
colours), imported through the whole pipeline with OCR and scored by ``planingest eval``'s scorer
(:mod:`planingest.ops.evaluate`) against ``samples/<name>.expected.json``. Printed figures, not a
test (``tests/extractor/test_ocr_pdf.py`` holds the climate plan's twin to the same targets).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan import Copier, scan_pdf  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DEFAULT = (
    "climate_action_plan",
    "digital_inclusion_status",
    "seed002_equality_progress_2018-10",
)


def main() -> None:
    from planingest.ops.evaluate import Overall, format_diff, load_golden, score_document
    from planingest.pipeline import extract_and_normalise

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=DEFAULT, help="sample names (no suffix)")
    parser.add_argument("--grey", action="store_true", help="grey copies (no colour)")
    parser.add_argument("--show", action="store_true", help="print each document's diff")
    args = parser.parse_args()
    scores = []
    pages = 0
    seconds = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for seed, name in enumerate(args.names):
            copier = Copier(colour=not args.grey, max_skew=1.0, seed=seed)
            twin = Path(folder) / f"{name}.scan.pdf"
            twin.write_bytes(scan_pdf(SAMPLES / f"{name}.pdf", copier))
            start = time.perf_counter()
            extracted, plan = extract_and_normalise(twin)
            seconds += time.perf_counter() - start
            pages += extracted.source.page_count or 0
            score = score_document(name, load_golden(SAMPLES / f"{name}.expected.json"), plan)
            scores.append(score)
            print(
                f"{name:36} record F1={score.f1:.3f} field acc={score.mean_field_accuracy:.3f} "
                f"({score.matched}/{score.expected} matched, {score.actual} produced)"
            )
            if args.show:
                print(format_diff(score))
    overall = Overall(scores)
    print(f"{'grey' if args.grey else 'colour'} twins: {overall.summary_line()}")
    print(f"{pages} pages in {seconds:.0f} s: {pages / seconds:.2f} pages/s (one process)")


if __name__ == "__main__":
    main()
