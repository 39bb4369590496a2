"""Train the column-role classifier (``src/normalise/column_roles.py``) on generated plans.

    python benchmarks/train_columns.py            # writes src/normalise/column-roles.json

Training columns come from the generator's compositions (``generate.compose``) for seeds
100000–101999 (disjoint from the dev and blind splits), each column with the role the generator
gave it. Their headers are re-drawn from ``TRAIN_WORDINGS`` below and the lexicon's own headers,
never from the generator's synonym and abbreviation lists, which dev and blind use: so a score on
those splits measures how the model reads headers it never saw, not recall of them. Some headers
are blanked, so the cells alone must carry a column. The lexicon's headers are also added as
header-only examples, and a few invented columns that belong to no field (budget, risk, ward)
teach the ``extra`` role. A held-out report (seeds 103000–103399, the generator's own wordings)
is printed. Everything is seeded: the same command writes the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from planingest.normalise.column_roles import ColumnSample, RoleModel, features
from planingest.normalise.columns import clean_header, load_lexicon

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import compose, names  # noqa: E402
from generate.headers import WORDINGS, _cased, _two_lines, _typo  # noqa: E402
from generate.layout import Cell, Table  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "normalise" / "column-roles.json"
TRAIN = range(100_000, 102_000)
HELD_OUT = range(103_000, 103_400)
BLANK = 0.15
"""Share of training columns whose header is blanked (the cells must decide)."""
C = 4.0
DIGITS = 4

TRAIN_WORDINGS: dict[str, tuple[str, ...]] = {
    "theme": ("Key Theme", "Programme Area", "Strategic Theme", "Focus", "Category", "Topic",
              "Thm", "Priority Theme", "Area"),
    "ref": ("Action Number", "Ref. No.", "Item No", "Code", "Line No", "Serial", "Index",
            "Action ID", "S/N", "Row"),
    "outcome": ("Result", "Results", "Intended Impact", "Expected Impact", "Outcome Required",
                "What success looks like", "Benefit", "Benefits", "Anticipated Outcome",
                "Exp. Result", "Outcm", "Aims"),
    "action": ("Actions Planned", "What will we do", "What we will deliver", "Action to be taken",
               "Steps", "Next Steps", "Planned Activity", "Work Programme", "Initiative",
               "Action Description", "Description", "Task Description", "Proposed Activity",
               "Actns", "Action Point", "Act."),
    "lead": ("Responsible Officer(s)", "Officer", "Officers", "Named Lead", "Owner(s)",
             "Lead Contact", "Accountable Person", "Responsible Team", "By Whom", "Who will do it",
             "Lead Agency", "Resp. Person", "Owner/Lead", "Contact", "Sponsor",
             "Ld Officer"),
    "deadline": ("Completion Target", "Target Completion Date", "Date Due", "Finish Date",
                 "Due When", "Timing", "Delivery Timescale", "Milestone Date", "Completion",
                 "Date", "Tgt. Completion", "Deliver By", "Expected Completion", "When By",
                 "Time-frame", "Compl. Date"),
    "status": ("Current RAG", "Status (RAG)", "Overall RAG", "Traffic Light", "State", "Stage",
               "Sts", "Current State", "Completion Status", "RAG Score", "Status Now"),
    "progress": ("Progress Comment", "Commentary on Progress", "Latest News", "Notes",
                 "Update Notes", "Current Position", "Progress Report", "Narrative Update",
                 "Comments/Update", "Prog.", "Observations", "Position Update",
                 "Summary of Progress", "Progress Narr."),
}  # fmt: skip
EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {
    "budget": ("Budget", "Cost", "Resources", "Resource Implications", "Funding", "Cost (£)",
               "Financial Implications", "Funding Source"),
    "risk": ("Risk", "Risk Level", "Priority Level", "Impact Rating"),
    "ward": ("Ward", "Location", "Area Covered", "Site"),
    "link": ("Linked Strategy", "Link to Corporate Plan", "Policy Link", "Corporate Priority"),
    "resources": ("Resources Required", "Resources Needed", "Resource", "Staff Resources",
                  "Interdependencies", "Dependencies", "Resourcing"),
}  # fmt: skip


def _extra_cells(rng: random.Random, kind: str, n: int) -> list[str]:
    def one() -> str:
        if kind == "budget":
            return rng.choice([f"£{rng.randint(1, 250)},000", "Within existing resources",
                               "Staff time", "External grant", "TBC", f"£{rng.randint(2, 90)}k",
                               "Capital programme", "None"])  # fmt: skip
        if kind == "risk":
            return rng.choice(["High", "Medium", "Low", "H", "M", "L"])
        if kind == "resources":
            # teams and roles, like a lead column: only the header tells them apart
            parties = [names.lead(rng, rng.choice(["team", "role"])).text for _ in range(2)]
            return ", ".join(parties) + rng.choice(["", ", external providers", " (staff time)"])
        if kind == "ward":
            return rng.choice(["Northgate", "Millbrook East", "All wards", "Town Centre",
                               "Riverside and Castle", "Borough-wide", "Westfield"])  # fmt: skip
        return rng.choice(["Corporate Plan priority 2", "Climate Strategy", "People Strategy",
                           "Equality Objective 3", "Local Plan policy H4", "n/a"])  # fmt: skip

    return [one() for _ in range(n)]


def _cell(cell: Cell) -> tuple[str, bool]:
    text = "\n".join("".join(run.text for run in p) for p in cell.paragraphs).strip()
    coloured = cell.fill is not None or any(run.colour for p in cell.paragraphs for run in p)
    return text, coloured


def columns_of(table: Table) -> list[tuple[str, str, list[tuple[str, bool]]]]:
    """(role, header, cells) of each field line of a generated plan table."""
    assert table.roles is not None
    out = []
    if table.transposed:
        for row, role in zip(table.rows, table.roles, strict=True):
            if role is not None and len(row.cells) > 1:
                out.append((role, _cell(row.cells[0])[0], [_cell(c) for c in row.cells[1:]]))
        return out
    width = len(table.roles)
    header = next((r for r in table.rows if r.header), None)
    body = [r for r in table.rows if not r.header and len(r.cells) == width]
    for i, role in enumerate(table.roles):
        if role is not None:
            title = _cell(header.cells[i])[0] if header else ""
            out.append((role, title, [_cell(r.cells[i]) for r in body]))
    return out


def _retitle(rng: random.Random, role: str, lexicon_headers: dict[str, list[str]]) -> str:
    if rng.random() < BLANK:
        return ""
    pool = TRAIN_WORDINGS.get(role, ()) + tuple(lexicon_headers.get(role, ()))
    text = _cased(rng.choice(pool), rng.choice(["as_is", "upper", "lower", "title"]))
    if rng.random() < 0.2:
        text = _typo(rng, text)
    return _two_lines(text) if rng.random() < 0.2 else text


def _lexicon_headers() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in load_lexicon().entries:
        role = "progress" if entry.field == "status_or_progress" else entry.field
        out.setdefault(role, []).extend(entry.headers)
    return out


def samples(seeds: range, *, retitle: bool) -> list[tuple[ColumnSample, str]]:
    lexicon_headers = _lexicon_headers()
    out = []
    for seed in seeds:
        rng = random.Random(seed * 7 + 1)
        plan = compose(seed)
        for block in plan.layout.blocks:
            if not isinstance(block, Table) or block.roles is None:
                continue
            n_cells = 0
            for role, header, cells in columns_of(block):
                title = _retitle(rng, role, lexicon_headers) if retitle else header
                texts = tuple(t for t, _ in cells)
                out.append((ColumnSample(title, texts, tuple(m for _, m in cells)), role))
                n_cells = len(cells)
            if retitle and rng.random() < 0.3 and n_cells:
                kind = rng.choice(sorted(EXTRA_COLUMNS))
                title = rng.choice(EXTRA_COLUMNS[kind]) if rng.random() > BLANK else ""
                out.append((ColumnSample(title, tuple(_extra_cells(rng, kind, n_cells))), "extra"))
    return out


def header_only() -> list[tuple[ColumnSample, str]]:
    """Every lexicon header (and every training wording) as a column with no cells."""
    out = [
        (ColumnSample(h, ()), role) for role, hs in sorted(_lexicon_headers().items()) for h in hs
    ]
    out += [(ColumnSample(h, ()), role) for role, hs in TRAIN_WORDINGS.items() for h in hs]
    out += [(ColumnSample(h, ()), "extra") for hs in EXTRA_COLUMNS.values() for h in hs]
    return out


def _check_disjoint() -> None:
    unseen = {clean_header(h) for kind in ("synonym", "abbrev")
              for hs in WORDINGS[kind].values() for h in hs}  # fmt: skip
    lexicon = {clean_header(h) for hs in _lexicon_headers().values() for h in hs}
    taught = {clean_header(h) for hs in TRAIN_WORDINGS.values() for h in hs}
    overlap = taught & (unseen - lexicon)
    assert not overlap, f"training wordings the dev/blind generator uses: {overlap}"


def fit(data: list[tuple[ColumnSample, str]]) -> RoleModel:
    vectoriser = DictVectorizer(sort=True)
    x = vectoriser.fit_transform([features(s) for s, _ in data])
    y = [role for _, role in data]
    model = LogisticRegression(C=C, max_iter=3000, random_state=0)
    model.fit(x, y)
    names = vectoriser.get_feature_names_out()
    weights = {
        str(name): tuple(round(float(w), DIGITS) for w in model.coef_[:, j])
        for j, name in enumerate(names)
        if any(abs(w) >= 10**-DIGITS for w in model.coef_[:, j])
    }
    intercept = tuple(round(float(b), DIGITS) for b in model.intercept_)
    return RoleModel(tuple(str(c) for c in model.classes_), intercept, weights)


def report(model: RoleModel, data: list[tuple[ColumnSample, str]], title: str) -> None:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for sample, role in data:
        total[role] += 1
        right[role] += model.predict(sample).role == role
    overall = sum(right.values()) / max(1, sum(total.values()))
    print(f"{title}: {sum(total.values())} columns, accuracy {overall:.3f}")
    for role in sorted(total):
        print(f"  {role:9s} {right[role] / total[role]:.3f} of {total[role]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    _check_disjoint()
    started = time.perf_counter()
    data = samples(TRAIN, retitle=True) + header_only()
    print(f"{len(data)} training columns from {len(TRAIN)} plans "
          f"in {time.perf_counter() - started:.0f} s")  # fmt: skip
    model = fit(data)
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n")
    print(f"fitted in {time.perf_counter() - started:.0f} s: {len(model.weights)} features, "
          f"{args.out.stat().st_size / 1024:.0f} KiB")  # fmt: skip
    report(model, samples(HELD_OUT, retitle=False), "held out, generator's own headers")
    blank = [(ColumnSample("", s.cells, s.marked), r) for s, r in samples(HELD_OUT, retitle=False)]
    report(model, blank, "held out, headers blanked (cells only)")


if __name__ == "__main__":
    main()
