"""Rules found on drawn page images (OpenCV), not scans: light rules, rules across a shaded
header row, blur and grain, and letters that must not become rules. Each case is a few
milliseconds."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from planingest.extractor.ocr_colour import find_fills
from planingest.extractor.ocr_lines import Grey, Rule, find_rules

DPI = 200.0
PAPER = 250
COLUMNS = (100, 400, 700, 1000)
ROWS = (100, 170, 240, 310, 380)


def scanned(grey: Grey, seed: int = 0) -> Grey:
    """``grey`` as a poor copier leaves it: blurred, with grain."""
    blurred = cv2.GaussianBlur(grey, (0, 0), 1.0).astype(np.int16)
    grain = np.random.default_rng(seed).normal(0, 4, grey.shape).round().astype(np.int16)
    return np.clip(blurred + grain, 0, 255).astype(np.uint8)


def grid(rule: int, header: int | None = None, header_rule: int | None = None) -> Grey:
    """A 4 × 3 table ruled in grey level ``rule``, two pixels thick, a word in each cell; with
    ``header``, its first row shaded that grey, its column rules there drawn in ``header_rule``
    (or not at all)."""
    page = np.full((500, 1100), PAPER, dtype=np.uint8)
    if header is not None:
        cv2.rectangle(page, (COLUMNS[0], ROWS[0]), (COLUMNS[-1], ROWS[1]), header, -1)
    for y in ROWS:
        cv2.line(page, (COLUMNS[0], y), (COLUMNS[-1], y), rule, 2)
    for x in COLUMNS:
        inner = header is not None and x not in (COLUMNS[0], COLUMNS[-1])
        cv2.line(page, (x, ROWS[1] if inner else ROWS[0]), (x, ROWS[-1]), rule, 2)
        if inner and header_rule is not None:
            cv2.line(page, (x, ROWS[0]), (x, ROWS[1]), header_rule, 2)
    for x in COLUMNS[:-1]:
        for y in ROWS[:-1]:
            ink = PAPER if header is not None and y == ROWS[0] else 30
            cv2.putText(page, "Total 12", (x + 20, y + 45), cv2.FONT_HERSHEY_SIMPLEX, 1.2, ink, 3)
    return page


def rules_of(grey: Grey) -> list[Rule]:
    rgb = cv2.cvtColor(grey, cv2.COLOR_GRAY2RGB)
    return find_rules(grey, DPI, [f.box for f in find_fills(rgb, grey, DPI)])


def covered(rules: list[Rule], horizontal: bool, pos: int, a: int, b: int) -> bool:
    """Whether one rule found lies on the line at ``pos`` from ``a`` to ``b`` (within a few
    pixels)."""
    return any(
        r.horizontal == horizontal and abs(r.pos - pos) <= 4 and r.a <= a + 4 and r.b >= b - 4
        for r in rules
    )


def every_rule_found(rules: list[Rule]) -> bool:
    return all(covered(rules, True, y, COLUMNS[0], COLUMNS[-1]) for y in ROWS) and all(
        covered(rules, False, x, ROWS[0], ROWS[-1]) for x in COLUMNS[1:-1]
    )


@pytest.mark.parametrize("rule", [0, 150, 215])
def test_black_grey_and_light_rules_are_found_through_blur_and_grain(rule: int) -> None:
    rules = rules_of(scanned(grid(rule)))
    assert every_rule_found(rules)
    assert len(rules) == len(ROWS) + len(COLUMNS)  # no letter stroke taken for a rule


@pytest.mark.parametrize("header_rule", [100, 140])
def test_column_rules_across_a_shaded_header_row_are_found(header_rule: int) -> None:
    rules = rules_of(scanned(grid(0, header=170, header_rule=header_rule)))
    assert every_rule_found(rules)
    for x in COLUMNS[1:-1]:
        assert covered(rules, False, x, ROWS[0], ROWS[1])


def test_white_column_rules_across_a_shaded_header_row_are_found() -> None:
    rules = rules_of(scanned(grid(0, header=170, header_rule=PAPER)))
    for x in COLUMNS[1:-1]:
        assert covered(rules, False, x, ROWS[0], ROWS[1])


def test_a_shaded_band_without_rules_across_it_has_none() -> None:
    rules = rules_of(scanned(grid(0, header=170)))
    assert not any(
        not r.horizontal and r.a < ROWS[1] - 10 and COLUMNS[0] + 10 < r.pos < COLUMNS[-1] - 10
        for r in rules
    )
