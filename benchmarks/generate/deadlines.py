"""Deadlines as plans write them, each with its gold reading (CONVENTIONS.md "Deadlines").

One *family* per document (the manifest's ``deadlines`` feature), with varied dates. Gold dates
never invent a day or month. Decisions beyond the conventions: "w/c 4 March 2024" is the week it
names (Monday to Sunday, precision day, kind range); "by end of June 2024" reads as "End of June
2024" (the last day); "Apr-Jun 2024" is a month range like "Jan-Feb 2010".
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

MONTHS = list(calendar.month_name)[1:]
SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]
SEASONS = {"Spring": (3, 5), "Summer": (6, 8), "Autumn": (9, 11)}
FAMILIES = (
    "day", "month", "month_short", "end_of", "by_end_of", "financial_year", "quarter", "season",
    "year", "range", "week_commencing", "ongoing", "recurring", "mixed",
)  # fmt: skip


@dataclass
class Deadline:
    text: str
    earliest: date | None = None
    latest: date | None = None
    precision: str | None = None
    kind: str = "unparsed"

    def gold(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "kind": self.kind}
        if self.earliest:
            out.update(
                earliest=self.earliest.isoformat(),
                latest=self.latest.isoformat() if self.latest else None,
                precision=self.precision,
            )
        return out


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline(rng: random.Random, family: str, year: int) -> Deadline:
    """A deadline of ``family`` falling in or after ``year``."""
    if family == "mixed":
        family = rng.choice([f for f in FAMILIES if f != "mixed"])
    y = year + rng.randint(0, 2)
    m = rng.randint(1, 12)
    if family == "day":
        d = rng.randint(1, calendar.monthrange(y, m)[1])
        return Deadline(f"{d} {MONTHS[m - 1]} {y}", date(y, m, d), date(y, m, d), "day", "date")
    if family in ("month", "month_short"):
        name = MONTHS[m - 1] if family == "month" else SHORT[m - 1]
        return Deadline(f"{name} {y}", date(y, m, 1), _month_end(y, m), "month", "date")
    if family in ("end_of", "by_end_of"):
        lead = "End of" if family == "end_of" else rng.choice(["By end of", "by the end of"])
        end = _month_end(y, m)
        return Deadline(f"{lead} {MONTHS[m - 1]} {y}", end, end, "day", "date")
    if family == "financial_year":
        text = rng.choice([f"{y}/{(y + 1) % 100:02d}", f"{y}-{(y + 1) % 100:02d}"])
        return Deadline(text, date(y, 4, 1), date(y + 1, 3, 31), "financial_year", "date")
    if family == "quarter":
        q = rng.randint(1, 4)
        start_month = 4 + 3 * (q - 1)
        sy = y if start_month <= 12 else y + 1
        sm = (start_month - 1) % 12 + 1
        text = f"Q{q} {y}/{(y + 1) % 100:02d}"
        return Deadline(text, date(sy, sm, 1), _month_end(sy, sm + 2), "quarter", "date")
    if family == "season":
        name = rng.choice(list(SEASONS))
        a, b = SEASONS[name]
        return Deadline(f"{name} {y}", date(y, a, 1), _month_end(y, b), "season", "date")
    if family == "year":
        return Deadline(str(y), date(y, 1, 1), date(y, 12, 31), "year", "date")
    if family == "range":
        a = rng.randint(1, 10)
        b = a + rng.randint(1, 2)
        text = rng.choice(
            [f"{SHORT[a - 1]}-{SHORT[b - 1]} {y}", f"{MONTHS[a - 1]} - {MONTHS[b - 1]} {y}"]
        )
        return Deadline(text, date(y, a, 1), _month_end(y, b), "month", "range")
    if family == "week_commencing":
        start = date(y, m, 1) + timedelta(days=rng.randint(0, 20))
        start -= timedelta(days=start.weekday())
        text = f"w/c {start.day} {MONTHS[start.month - 1]} {start.year}"
        return Deadline(text, start, start + timedelta(days=6), "day", "range")
    if family == "ongoing":
        return Deadline(rng.choice(["Ongoing", "Ongoing process", "Ongoing throughout the plan"]),
                        kind="ongoing")  # fmt: skip
    if family == "recurring":
        return Deadline(rng.choice(["Monthly", "Quarterly", "Annually", "Every six months"]),
                        kind="recurring")  # fmt: skip
    raise ValueError(f"unknown deadline family {family!r}")
