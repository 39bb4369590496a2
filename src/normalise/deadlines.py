"""Fuzzy deadline wording → :class:`Deadline`: the dates it can be pinned to, never invented ones.

UK public-sector plans write deadlines as "End of July 2013", "Q3 2021/22", "Summer 2010",
"Ongoing", "Communication to staff Jan-Feb 2010 Rollout March 2010". A small regex grammar reads
them; ``dateparser`` is only the last resort, because it fills gaps with today's day and month
("April 2014" → the 23rd) and misreads "2018/19" and "Jan-Feb 2010".

Choices the grammar makes (each one keeps to what the text says):

* Periods keep their whole extent: "April 2014" is 1–30 April, precision ``month``.
* "End of X" / "beginning of X" pin the last / first day of X (precision ``day``); "early",
  "mid" and "late" X keep the whole of X at its own precision (no third of a year is invented).
* Seasons are UK meteorological (``SEASONS``); winter 2019 is Dec 2019 – Feb 2020.
* "2018/19", "2018-19", "2013-2014" are UK financial years (1 April – 31 March); "2018/21" spans
  three of them (kind ``range``). Quarters written with a financial year ("Q3 2021/22") or with no
  year at all ("Q3") are financial quarters; "Q3 2021" is a calendar quarter. Halves likewise.
* "w/c 5th March 2019" is the week it commences: 5–11 March, kind ``range``.
* Year-less wording ("end of July", "Dec - Mar") borrows its year from the milestone before it,
  else the one after it (milestones are written in order), else resolves against ``reference``
  (the plan's own date: the first occurrence that has not ended by then), else stays unparsed.
* Several milestones in one cell become ``parts``; the deadline is the last one written.
* Dates win over recurring and conditional wording ("Each induction – implemented by March 2010"
  is March 2010, kind ``date``); ongoing wording with a date gives kind ``ongoing`` with those
  dates ("Ongoing 2018/19"), and open-ended wording ("March 2019 onwards", "and then ongoing")
  keeps only the start (``latest`` is None).
* A duration ("within 3 months", "6 months", "in two weeks' time", "3-6 months": the longer)
  runs from the plan's own date (``reference``) to the same day that many days, weeks, months or
  years later, kind ``range``; without a plan date it stays ``unparsed``. Open or unsure wording
  ("5 years+", "6 months?") is no duration.
* "TBC" and anything else not understood is ``unparsed``; the text is always kept.
* dateparser sees only short text the grammar found no date in and that names no month, and its
  answer is kept only when every part it used is written (or, with a reference, relative: "next
  month"); a day only when its number is in the text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Final

from dateparser.date import DateDataParser

from planingest.normalise.records import Deadline, DeadlineKind, DeadlinePart, Precision

# --- Tunables: the vocabulary of the grammar -------------------------------------------------

MONTHS: Final[dict[str, int]] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
AMBIGUOUS_MONTH_WORDS: Final = frozenset({"may", "march", "mar"})
"""Month names that are also English words: taken without a day or year only when capitalised."""

SEASONS: Final[dict[str, tuple[int, int]]] = {
    "spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "winter": (12, 3),
}  # fmt: skip
"""Season → (first month, number of months); month 12 + 3 runs into the next year."""

FINANCIAL_YEAR_START_MONTH: Final = 4
ORDINALS: Final[dict[str, int]] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
TWO_DIGIT_CENTURY: Final = 2000
YEAR_SEARCH_WINDOW: Final = (-2, 3)
"""Years tried around the context year when resolving year-less wording."""

MODIFIERS: Final[dict[str, str]] = {
    "end of": "end", "end": "end", "close of": "end", "beginning of": "start", "start of": "start",
    "early": "whole", "mid": "whole", "middle of": "whole", "late": "whole",
}  # fmt: skip
"""Words before a period: pin its last / first day, or keep the whole period. "Start April 2014"
says when work starts, not that it starts on the 1st, so "start" needs its "of"."""

WORDING: Final[tuple[tuple[DeadlineKind, str], ...]] = (
    ("unparsed", r"\bt\.?b\.?[ac]\.?\b|\bto be (?:confirmed|agreed|determined|decided|arranged)\b"),
    ("ongoing", r"\bas (?:and when )?(?:required|needed|necessary|appropriate)\b"),
    ("conditional", r"\bas soon as\b|\bwhen\b|\bonce\b|\bsubject to\b|\bdependent (?:on|upon)\b"
     r"|\bdepending on\b|\bfollowing\b|\bpending\b|\bupon\b|\bif\b|\bafter\b"),
    ("recurring", r"\b(?:bi-?|semi-?)?(?:daily|weekly|monthly|annually|annual|yearly)\b"
     r"|\bfortnightly\b|\bquarterly\b|\btermly\b|\bbi-?annual(?:ly)?\b|\bevery\b|\beach\b"
     r"|\bregular(?:ly)?\b"),
    ("ongoing", r"\bon-?going\b|\bcontinu(?:ous|ously|al|ally|ing)\b|\bthroughout\b"
     r"|\bonwards?\b|\brolling\b|\bin progress\b|\ball year\b"),
)  # fmt: skip
"""Kinds of wording without a date, first match wins (so "TBC" beats everything)."""

ONGOING_WITH_DATE: Final = re.compile(WORDING[-1][1], re.I)
OPEN_ENDED: Final = re.compile(
    r"\bonwards?\b|\b(?:and|then)\s+(?:then\s+)?(?:on-?going|continuing)\b"
    r"|\b(?:on-?going|continuing)\s+(?:from|since)\b",
    re.I,
)
"""Wording that makes a date a start with no end ("March 2019 onwards")."""

RANGE_JOINERS: Final = r"-|–|—|/|to|until|till|through"
LIST_JOINERS: Final = r"and|&"
"""Join two periods into a range only when the first has no year ("May and June 2019")."""

MILESTONE_BREAK: Final = re.compile(r"[.;!?](?=\s)|\n|•")
"""Where one milestone's wording ends and the next begins, when something marks it."""

NUMBER_WORDS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
    "twenty-four": 24,
}  # fmt: skip
_COUNT: Final = rf"(?:\d{{1,2}}|{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})"
DURATION: Final = re.compile(
    r"^(?:(?:with)?in|over|by|next)?\s*(?:the\s+)?(?:next\s+|first\s+)?"
    rf"(?:{_COUNT}\s*(?:-|–|to)\s*)?(?P<n>{_COUNT})\s*"
    r"(?P<unit>days?|weeks?|months?|years?)(?:['’]s?)?(?:\s+time)?"
    r"[.;,]?$",
    re.I,
)
"""A time from the plan's date ("within 3 months", "6 months", "in two weeks' time"): resolved
against the plan's own date, never today; without that date it stays unparsed."""

FALLBACK_MAX_CHARS: Final = 60
DATEPARSER_SETTINGS: Final[dict[str, Any]] = {
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",
    "RETURN_TIME_AS_PERIOD": True,
}
_DATEPARSER_PRECISION: Final[dict[str, Precision]] = {
    "day": "day",
    "month": "month",
    "year": "year",
}

_PRECISION_RANK: Final[dict[Precision, int]] = {
    "day": 0, "month": 1, "quarter": 2, "season": 2, "half": 3, "year": 4, "financial_year": 4,
}  # fmt: skip


# --- Periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    earliest: date
    latest: date
    precision: Precision


_At = Callable[[int], _Span]
"""A period as a function of its anchor year (the year a year-less phrase would take)."""


def _month_date(year: int, month: int, *, last: bool) -> date:
    """First or last day of a month counted from January of ``year`` (month 13 = next January)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1] if last else 1)


def _months(first: int, count: int, precision: Precision) -> _At:
    def at(year: int) -> _Span:
        return _Span(
            _month_date(year, first, last=False),
            _month_date(year, first + count - 1, last=True),
            precision,
        )

    return at


def _day(day: int, month: int, *, days: int = 1) -> _At:
    def at(year: int) -> _Span:
        start = date(year, month, day)
        return _Span(start, start + timedelta(days=days - 1), "day")

    return at


def _day_range(first: int, last: int, month: int) -> _At:
    def at(year: int) -> _Span:
        return _Span(date(year, month, first), date(year, month, last), "day")

    return at


def _financial_years(count: int) -> _At:
    return _months(FINANCIAL_YEAR_START_MONTH, 12 * count, "financial_year")


def _quarter(number: int, *, financial: bool) -> _At:
    first = FINANCIAL_YEAR_START_MONTH if financial else 1
    return _months(first + 3 * (number - 1), 3, "quarter")


def _half(number: int, *, financial: bool) -> _At:
    first = FINANCIAL_YEAR_START_MONTH if financial else 1
    return _months(first + 6 * (number - 1), 6, "half")


def _modified(at: _At, modifier: str) -> _At:
    if modifier == "whole":
        return at

    def pinned(year: int) -> _Span:
        span = at(year)
        day = span.latest if modifier == "end" else span.earliest
        return _Span(day, day, "day")

    return pinned


# --- The grammar -----------------------------------------------------------------------------

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
_SUFFIX = r"(?:st|nd|rd|th)?"


def _mon(name: str = "mon") -> str:
    return rf"\b(?P<{name}>{_MONTH_ALT})\b\.?"


_FY = (
    rf"(?:(?P<fpre>FY|financial\s+year)\s*)?(?P<f1>{_YEAR}|\d{{2}})"
    rf"\s*[/\-–]\s*(?P<f2>{_YEAR}|\d{{2}})(?![\d/])"
)
"""A financial year: "2018/19", "2018-2019", "FY 20/21", "2018/21" (three years)."""
_YEAR_AFTER = rf"(?:of\s+)?(?:the\s+)?(?:{_FY}|(?P<y>{_YEAR})(?!\d))"
"""The year a season, quarter or half belongs to: financial ("2021/22") or calendar ("2021")."""
_WEEK_COMMENCING = r"(?:(?P<wc>w/?c\b\.?|w\.c\.|week\s+(?:commencing|beginning))\s*)?"


@dataclass(frozen=True)
class _Hit:
    """A date expression found in the text."""

    start: int
    end: int
    at: _At
    year: int | None
    """The anchor year written in the text; None when the phrase gives none."""
    is_range: bool = False


_Found = tuple[_At, int | None, bool]
_Builder = Callable[["re.Match[str]"], _Found | None]


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) + TWO_DIGIT_CENTURY if len(text) == 2 else int(text)


def _fy_years(match: re.Match[str], *, short_ok: bool) -> tuple[int, int] | None:
    """(first year, number of years) of the financial-year groups, if they make one.

    A two-digit first year ("20/21") is only taken after "FY" or inside a quarter or half, where
    nothing else could be meant.
    """
    first, second = match["f1"], match["f2"]
    if not first or not second or (len(first) == 2 and not (short_ok or match["fpre"])):
        return None
    start = _year(first)
    assert start is not None
    end = start // 100 * 100 + int(second) if len(second) == 2 else int(second)
    if len(second) == 2 and end < start:
        end += 100
    return (start, end - start) if 0 < end - start <= 10 else None


def _day_month(m: re.Match[str]) -> _Found | None:
    month = int(m["m"]) if "m" in m.groupdict() else MONTHS[m["mon"].lower()]
    week = bool(m.groupdict().get("wc"))
    return _day(int(m["d"]), month, days=7 if week else 1), _year(m["y"]), week


def _days_of_month(m: re.Match[str]) -> _Found | None:
    return _day_range(int(m["d1"]), int(m["d2"]), MONTHS[m["mon"].lower()]), _year(m["y"]), True


def _month(m: re.Match[str]) -> _Found | None:
    word = m["mon"]
    month = int(word) if word.isdigit() else MONTHS[word.lower()]
    year = _year(m.groupdict().get("y"))
    if year is None and word.lower() in AMBIGUOUS_MONTH_WORDS and not word[0].isupper():
        return None
    return _months(month, 1, "month"), year, False


def _numbered(m: re.Match[str], digit: str, word: str) -> int:
    return int(m[digit]) if m[digit] else ORDINALS[m[word].lower()]


def _part_of_year(kind: Callable[..., _At], number: int, m: re.Match[str]) -> _Found | None:
    """A quarter or half: of a financial year, of a calendar year, or (no year) financial."""
    if m["f1"]:
        fy = _fy_years(m, short_ok=True)
        return (kind(number, financial=True), fy[0], False) if fy and fy[1] == 1 else None
    if m["y"]:
        return kind(number, financial=False), int(m["y"]), False
    return kind(number, financial=True), None, False


def _quarter_hit(m: re.Match[str]) -> _Found | None:
    return _part_of_year(_quarter, _numbered(m, "q", "qo"), m)


def _half_hit(m: re.Match[str]) -> _Found | None:
    return _part_of_year(_half, _numbered(m, "h", "ho"), m)


def _season(m: re.Match[str]) -> _Found | None:
    at = _months(*SEASONS[m["s"].lower()], "season")
    if m["f1"]:
        fy = _fy_years(m, short_ok=True)
        return (at, fy[0], False) if fy and fy[1] == 1 else None
    return at, _year(m["y"]), False


def _financial_year(m: re.Match[str]) -> _Found | None:
    fy = _fy_years(m, short_ok=False)
    return (_financial_years(fy[1]), fy[0], fy[1] > 1) if fy else None


def _calendar_year(m: re.Match[str]) -> _Found | None:
    return _months(1, 12, "year"), int(m["y"]), False


GRAMMAR: Final[tuple[tuple[re.Pattern[str], _Builder], ...]] = tuple(
    (re.compile(pattern, re.I | re.ASCII), builder)
    for pattern, builder in (
        # 2019-03-05
        (rf"(?<!\d)(?P<y>{_YEAR})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)", _day_month),
        # 31/03/2014, 31.03.19, w/c 04/03/2019
        (
            rf"{_WEEK_COMMENCING}(?<![\d/.])(?P<d>\d{{1,2}})[./-](?P<m>\d{{1,2}})[./-]"
            rf"(?P<y>{_YEAR}|\d{{2}})(?![\d/])",
            _day_month,
        ),
        # 5-9 March 2019
        (
            rf"(?<![\d.])(?P<d1>\d{{1,2}}){_SUFFIX}\s*(?:-|–|—|to)\s*(?P<d2>\d{{1,2}}){_SUFFIX}"
            rf"\s+(?:of\s+)?{_mon()}(?:,?\s+(?P<y>{_YEAR})(?!\d))?",
            _days_of_month,
        ),
        # 31 March 2014, w/c 5th March 2019, 1st of October
        (
            rf"{_WEEK_COMMENCING}(?<![\d.])(?P<d>\d{{1,2}}){_SUFFIX}\s+(?:of\s+)?{_mon()}"
            rf"(?:,?\s+(?P<y>{_YEAR})(?!\d))?",
            _day_month,
        ),
        # March 5th, 2019
        (
            rf"{_WEEK_COMMENCING}{_mon()}\s+(?:the\s+)?(?P<d>\d{{1,2}}){_SUFFIX},?\s+"
            rf"(?P<y>{_YEAR})(?!\d)",
            _day_month,
        ),
        # April 2014, Sept. 2013, Jan-2010
        (rf"{_mon()}(?:,?\s*|\s*[-'’]\s*)(?P<y>{_YEAR})(?!\d)", _month),
        # Mar-19, March '19 (a two-digit year only after a dash or apostrophe)
        (rf"{_mon()}\s*[-'’]\s*(?P<y>\d{{2}})(?![\d/])", _month),
        # 03/2014
        (rf"(?<![\d/.])(?P<mon>0?[1-9]|1[0-2])[/.](?P<y>{_YEAR})(?![\d/])", _month),
        # Q3 2021/22, quarter 3, third quarter of 2021
        (
            rf"\b(?:(?:Q|quarter\s*)(?P<q>[1-4])|(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th)"
            rf"\s+quarter)\b(?:\s*{_YEAR_AFTER})?",
            _quarter_hit,
        ),
        # H1 2020, first half of 2020/21
        (
            rf"\b(?:H(?P<h>[12])|(?P<ho>first|second|1st|2nd)\s+half(?:\s+of)?)\b"
            rf"\s*{_YEAR_AFTER}",
            _half_hit,
        ),
        # Summer 2010, winter 2019/20, autumn
        (rf"\b(?P<s>{'|'.join(SEASONS)})\b(?:\s+{_YEAR_AFTER})?", _season),
        # 2018/19, 2019-20, FY 2020/21, 2018/21, 2013-2014
        (rf"(?<![\d/.]){_FY}", _financial_year),
        # 2010
        (rf"(?<!\d)(?P<y>{_YEAR})(?!\d)", _calendar_year),
        # July (its year comes from context)
        (_mon(), _month),
    )
)
"""Each date expression and what it means. Overlaps go to the earliest, then longest, match."""

_MODIFIER_ALT = "|".join(
    re.escape(words).replace(r"\ ", r"\s+") for words in sorted(MODIFIERS, key=len, reverse=True)
)
_MODIFIER = re.compile(rf"\b(?P<mod>{_MODIFIER_ALT})(?:\s*-\s*|\s+)(?:the\s+)?$", re.I | re.ASCII)
_MONTH_WORD = re.compile(_mon(), re.I)
_JOIN = re.compile(rf"\s*(?:(?P<range>{RANGE_JOINERS})|(?P<list>{LIST_JOINERS}))\s*", re.I)


# --- Finding and resolving -------------------------------------------------------------------


def _probe(at: _At, year: int | None) -> _Span | None:
    """The span at ``year`` (or a sample year for year-less phrases); None if there is no such
    date ("31 February") or it runs backwards ("9-5 March")."""
    try:
        span = at(2000 if year is None else year)
    except (ValueError, OverflowError):
        return None
    return span if span.earliest <= span.latest else None


def _find_hits(text: str) -> list[_Hit]:
    candidates: list[tuple[int, int, int, _Hit]] = []
    for order, (pattern, builder) in enumerate(GRAMMAR):
        for match in pattern.finditer(text):
            found = builder(match)
            if found is None or (probe := _probe(found[0], found[1])) is None:
                continue
            hit = _Hit(match.start(), match.end(), found[0], found[1], found[2])
            modifier = _MODIFIER.search(text, max(0, hit.start - 30), hit.start)
            if modifier and probe.precision != "day":
                at = _modified(hit.at, MODIFIERS[" ".join(modifier["mod"].lower().split())])
                hit = replace(hit, start=modifier.start(), at=at)
            candidates.append((hit.start, -(hit.end - hit.start), order, hit))
    hits: list[_Hit] = []
    for _start, _length, _order, hit in sorted(candidates, key=lambda c: c[:3]):
        if not hits or hit.start >= hits[-1].end:
            hits.append(hit)
    return _join_ranges(text, hits)


def _first_year(at: _At, around: int, accept: Callable[[_Span], bool]) -> int | None:
    low, high = YEAR_SEARCH_WINDOW
    for year in range(around + low, around + high):
        span = _probe(at, year)
        if span is not None and accept(span):
            return year
    return None


def _last_year(at: _At, around: int, accept: Callable[[_Span], bool]) -> int | None:
    low, high = YEAR_SEARCH_WINDOW
    for year in reversed(range(around + low, around + high)):
        span = _probe(at, year)
        if span is not None and accept(span):
            return year
    return None


def _combine(start: _Span, end: _Span) -> _Span:
    if start.earliest > end.latest:
        raise ValueError("range runs backwards")
    coarser = max(end.precision, start.precision, key=_PRECISION_RANK.__getitem__)
    return _Span(start.earliest, end.latest, coarser)


def _join(first: _Hit, second: _Hit) -> _Hit | None:
    """Two periods as one range ("Jan-Feb 2010", "Dec - Mar 2014", "Dec 2013 - Mar")."""
    if first.year is not None and second.year is None:
        first_span = first.at(first.year)
        year = _first_year(second.at, first.year, lambda s: s.earliest >= first_span.earliest)
        if year is None:
            return None
        second = replace(second, year=year)
    if first.year is not None and second.year is not None:
        offset = second.year - first.year

        def at(year: int) -> _Span:
            return _combine(first.at(year - offset), second.at(year))
    else:

        def at(year: int) -> _Span:
            end = second.at(year)
            start_year = _last_year(first.at, year, lambda s: s.earliest <= end.earliest)
            if start_year is None:
                raise ValueError("no start before the end")
            return _combine(first.at(start_year), end)

    joined = _Hit(first.start, second.end, at, second.year, is_range=True)
    return joined if _probe(at, joined.year) is not None else None


def _join_ranges(text: str, hits: list[_Hit]) -> list[_Hit]:
    joined: list[_Hit] = []
    for hit in hits:
        if joined:
            previous = joined[-1]
            gap = _JOIN.fullmatch(text, previous.end, hit.start)
            if gap and (gap["range"] or previous.year is None):
                merged = _join(previous, hit)
                if merged is not None:
                    joined[-1] = merged
                    continue
        joined.append(hit)
    return joined


def _year_for(
    at: _At, before: _Span | None, after: _Span | None, reference: date | None
) -> int | None:
    """The year of a year-less phrase: starting no earlier than the milestone written before it,
    else ending no later than the one written after it, else the first occurrence not over by
    the reference date."""
    if before is not None:
        return _first_year(at, before.earliest.year, lambda s: s.earliest >= before.earliest)
    if after is not None:
        return _last_year(at, after.latest.year, lambda s: s.latest <= after.latest)
    if reference is not None:
        return _first_year(at, reference.year, lambda s: s.latest >= reference)
    return None


def _resolve(hits: list[_Hit], reference: date | None) -> list[_Span | None]:
    """Each hit's span, or None for a year-less one nothing can date."""
    spans = [_probe(hit.at, hit.year) if hit.year is not None else None for hit in hits]
    for i, hit in enumerate(hits):
        if hit.year is None:
            before = next((s for s in reversed(spans[:i]) if s is not None), None)
            after = next((s for s in spans[i + 1 :] if s is not None), None)
            year = _year_for(hit.at, before, after, reference)
            spans[i] = _probe(hit.at, year) if year is not None else None
    return spans


def _parts(text: str, hits: list[_Hit], spans: list[_Span | None]) -> list[DeadlinePart]:
    """One part per milestone: its wording runs to the next break, else to its date."""
    cuts = [0]
    for first, second in zip(hits, hits[1:], strict=False):
        brk = MILESTONE_BREAK.search(text, first.end, second.start)
        cuts.append(brk.end() if brk else first.end)
    cuts.append(len(text))
    parts = []
    for start, end, span in zip(cuts[:-1], cuts[1:], spans, strict=True):
        wording = " ".join(text[start:end].split()).strip(" .,;:!?•-–—")
        if span is None:
            parts.append(DeadlinePart(text=wording))
        else:
            parts.append(DeadlinePart(text=wording, **_fields(span)))
    return parts


def _fields(span: _Span) -> dict[str, Any]:
    return {"earliest": span.earliest, "latest": span.latest, "precision": span.precision}


# --- dateparser, the last resort -------------------------------------------------------------


def _duration(text: str, reference: date | None) -> tuple[bool, _Span | None]:
    """Whether the text is a duration, and the span from the plan's date to its end (None
    without a plan date to count from). A range of durations ("3-6 months") ends at the longer."""
    m = DURATION.match(text.strip())
    if m is None:
        return False, None
    if reference is None:
        return True, None
    count = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"].lower()]
    unit = m["unit"].lower().rstrip("s")
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        return True, _Span(reference, reference + timedelta(days=days), "day")
    months = reference.month - 1 + count * (12 if unit == "year" else 1)
    year, month = reference.year + months // 12, months % 12 + 1
    day = min(reference.day, calendar.monthrange(year, month)[1])
    return True, _Span(reference, date(year, month, day), "month")


@lru_cache(maxsize=16)
def _dateparser(reference: date | None) -> DateDataParser:
    settings = dict(DATEPARSER_SETTINGS)
    if reference is not None:
        settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
    return DateDataParser(languages=["en"], settings=settings)


def _fallback(text: str, reference: date | None) -> _Span | None:
    """What dateparser makes of the text, kept only where every part it used is in the text.

    Without a reference, a missing part would be filled from today, so all of them (a written
    four-digit year included) must be there; a day is only taken if its number is written. Month
    names are the grammar's: it has already said what they mean (lower-case "may" is no month).
    """
    if len(text) > FALLBACK_MAX_CHARS or not re.search(r"\w", text) or _MONTH_WORD.search(text):
        return None
    written_year = re.search(rf"(?<!\d){_YEAR}(?!\d)", text)
    if reference is None and not written_year:
        return None
    try:
        data = _dateparser(reference).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; it is only a fallback
        return None
    found, precision = data.date_obj, _DATEPARSER_PRECISION.get(data.period or "")
    if found is None or precision is None:
        return None
    given = set(data.parts or ())
    needed = {"day": {"day", "month"}, "month": {"month"}, "year": {"year"}}[precision]
    if reference is None:
        needed = needed | {"year", "month"} if precision != "year" else needed
    if not needed <= given:
        return None
    if reference is not None and not written_year and found.date() < reference:
        return None  # a relative reading counted back from the plan ("3 - 6 months" ago)
    if precision == "day":
        if not re.search(rf"(?<!\d)0?{found.day}{_SUFFIX}(?!\d)", text, re.I):
            return None
        return _Span(found.date(), found.date(), "day")
    if precision == "month":
        return _months(found.month, 1, "month")(found.year)
    return _months(1, 12, "year")(found.year)


# --- Public API ------------------------------------------------------------------------------


def _wording_kind(text: str) -> DeadlineKind:
    for kind, pattern in WORDING:
        if re.search(pattern, text, re.I):
            return kind
    return "unparsed"


def parse_deadline(text: str, *, reference: date | None = None) -> Deadline:
    """Read a deadline cell; ``reference`` is the plan's own date (never today) for year-less
    wording such as "by end of July". Never raises: what cannot be read is ``unparsed``; an empty
    cell has no kind (None), as a plan without a deadline column."""
    work = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    flat_text = work.replace("\n", " ")
    if not flat_text:
        return Deadline(text="")
    if reference is not None:
        reference = date(reference.year, reference.month, reference.day)
    hits = _find_hits(work)
    spans = _resolve(hits, reference)
    parts = _parts(work, hits, spans) if len(hits) > 1 else []
    final = next(((h, s) for h, s in zip(hits[::-1], spans[::-1], strict=True) if s), None)
    span, is_range = (final[1], final[0].is_range) if final else (None, False)
    if span is None and not hits:
        is_duration, span = _duration(flat_text, reference)
        if is_duration:
            is_range = True
        else:
            span = _fallback(flat_text, reference)
    if span is None:
        return Deadline(text=flat_text, kind=_wording_kind(flat_text), parts=parts)
    deadline = Deadline(
        text=flat_text, kind="range" if is_range else "date", parts=parts, **_fields(span)
    )
    if ONGOING_WITH_DATE.search(flat_text):
        deadline.kind = "ongoing"
        if OPEN_ENDED.search(flat_text):
            deadline.latest = None
    return deadline


_PERIOD = re.compile(
    rf"(?<![\d/.])(?P<f1>{_YEAR})\s*(?:[/\-–]|to)\s*(?P<f2>{_YEAR}|\d{{2}})(?![\d/])", re.I
)


def parse_period(text: str) -> tuple[date, date] | None:
    """The plan period a title names, as UK financial years (1 April – 31 March).

    "2018/19", "2018-19" and "2013-2014" are one financial year; "2018/21" and "2018-2021" run
    from April 2018 to March 2021. A UK public body's "2013-2014" plan follows its financial
    year, so the calendar reading is not taken. A single year names no period: None.
    """
    match = _PERIOD.search(text)
    if match is None:
        return None
    start, years = match["f1"], match["f2"]
    first = int(start)
    last = first // 100 * 100 + int(years) if len(years) == 2 else int(years)
    if len(years) == 2 and last < first:
        last += 100
    if not 0 < last - first <= 10:
        return None
    span = _financial_years(last - first)(first)
    return span.earliest, span.latest
