"""Time expressions and the periods they stand for: a temporal grammar as data, small resolvers.

The grammar is ``data/time_rules.tsv``: each row has an id, a role, a resolver name, a pattern and an
example, and is validated when loaded (the pattern compiles, the resolver exists and gets the groups
it reads, the example matches) with errors that name ``file:line``. A resolver is a small function
that turns one match into periods relative to the document date (``TimeContext``): the year in
context, the publisher's country (fiscal years), and whether the sentence speaks of the future.

    >>> ctx = TimeContext.of(dt.date(2023, 1, 18))
    >>> [(t.text, str(t.period.start), str(t.period.end), t.rule) for t in find_time_expressions("In 2022, sales grew 8%.", ctx)]
    [('In 2022', '2022-01-01', '2022-12-31', 'year')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from pipeline import numerals, tables
from pipeline.anchors import anchor_pattern, required_strings
from pipeline.records import Period, TimeExpression

_MACROS = {
    # "May" only with its capital: "this may come up as well", "in may" are the verb
    "M": r"(?:January|February|March|April|(?-i:May)|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)",
    "Y": r"(?:19|20)\d{2}",
    "YR": r"(?:(?:19|20)\d{2}|last year|this year|next year)",
    "N": r"(?:\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty|forty|fifty|decade)",
    "DOW": r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
}
MONTHS = {name: i for i, names in enumerate(
    [(), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")]) for name in names}  # fmt: skip
_COUNTS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "decade": 10,
}  # fmt: skip
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": 4}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ROLES = frozenset({"period", "since", "local", "object", "base", "vague", "same", "average", "record", "name"})


@dataclass(frozen=True)
class TimeContext:
    """What a resolver needs besides the match."""

    date: dt.date  # the document date (a stand-in far in the future when unknown)
    dated: bool = True  # False: only expressions that name their own year resolve
    year: int = 0  # the year in context (carried from earlier in the paragraph); 0 = the document's
    country: str | None = None  # the publisher's country: fiscal years
    future: bool = False  # the sentence speaks of the future ("will", "expected", "next")
    budget: bool = False  # the sentence is about a budget: "over 10 years" is ten fiscal years
    fiscal_start: dt.date | None = None  # a fiscal year in context: its quarters and halves
    past: bool = False  # the sentence reports what happened ("rose", "fell", "was")

    @staticmethod
    def of(date: dt.date | None, *, country: str | None = None, year: int = 0, future: bool = False,
           budget: bool = False, fiscal_start: dt.date | None = None) -> TimeContext:  # fmt: skip
        if date is None:
            return TimeContext(dt.date(2100, 1, 1), False, year, country, future, budget, fiscal_start)
        return TimeContext(date, True, year, country, future, budget, fiscal_start)

    @staticmethod
    def for_sentence(date: dt.date | None, text: str, *, country: str | None = None, year: int = 0,
                     fiscal_start: dt.date | None = None) -> TimeContext:  # fmt: skip
        """The context a sentence's expressions resolve in: its tense ("will", "expects to") and
        whether it speaks of a budget."""
        return TimeContext.of(date, country=country, year=year, fiscal_start=fiscal_start).reading(text)

    def reading(self, text: str) -> TimeContext:
        """This context with the tense and budget of the sentence ``text``."""
        return replace(
            self,
            future=bool(FUTURE_WORDS.search(text)),
            budget=bool(BUDGET_WORDS.search(text)),
            past=bool(PAST_WORDS.search(text)),
        )

    @property
    def context_year(self) -> int:
        return self.year or self.date.year

    @property
    def review_year(self) -> int:
        """The year a text reviews when it names none: the year in context, else the year before the
        document's in January–March, the season of annual reviews (GUIDELINES §8.1)."""
        return self.year or (self.date.year - 1 if self.date.month <= 3 else self.date.year)


# the tense of a sentence decides which year a month without one lies in: "will … by the end of June"
# lies ahead; "Consumer prices rose 7.9 percent in June" lies behind, whatever year the paragraph spoke
# of before (pipeline/data/tense_cues.csv)
FUTURE_WORDS = tables.tense_cues("future")
PAST_WORDS = tables.tense_cues("past")
BUDGET_WORDS = re.compile(r"(?i)\b(?:budget|deficit|the plan I[’']ve submitted)\b")


# --- calendar helpers ------------------------------------------------------------------------------


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def count(word: str) -> int | None:
    """ "21", "three", "fifty-four" as a number."""
    word = word.lower()
    if "-" in word:  # "fifty-four": the {N} macro's compound number words, read as the extractor reads them
        value = numerals.words_value(word)
        return int(value) if value is not None else None
    return int(word) if word.isdigit() else _COUNTS.get(word)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + months
    return total // 12, total % 12 + 1


def months_span(year: int, month: int, n: int) -> Period:
    """The n whole months starting with (year, month)."""
    last_year, last_month = add_months(year, month, n - 1)
    return Period(dt.date(year, month, 1), month_end(last_year, last_month))


def shift_day(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    year = day.year + years
    return dt.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def shift_years(period: Period, years: int) -> Period:
    """The period ``years`` later, a month's end staying its month's end (February 2024 → 2023)."""
    end = shift_day(period.end, years)
    if period.end == month_end(period.end.year, period.end.month):
        end = month_end(end.year, end.month)
    return Period(shift_day(period.start, years), end)


def _year_of(word: str | None, ctx: TimeContext) -> int:
    """A year group: digits, "last/this/next year", or none (the year in context)."""
    if not word:
        return ctx.context_year
    lowered = word.lower().lstrip("'‘’")
    if lowered.isdigit():
        return int(lowered) if len(lowered) == 4 else 2000 + int(lowered)  # "since February of '22"
    return ctx.date.year + (-1 if "last" in lowered or "previous" in lowered else 1 if re.search(r"next|coming", lowered) else 0)


def _past_unless_future(period: Period, ctx: TimeContext, stated_year: bool) -> Period:
    """A month or part of a year without a year is the nearest one not after the document date, unless
    the sentence speaks of the future or a year is stated."""
    if stated_year or ctx.future or period.start <= ctx.date:
        return period
    return shift_years(period, -1)


def _fiscal(year: int, ctx: TimeContext, *, named: bool = True) -> Period:
    """Fiscal year ``year`` in the publisher's country (GUIDELINES §8.3); with ``named=False``, the
    fiscal year that starts in ``year``."""
    country = tables.countries().get(ctx.country or "")
    if country is None or country.fiscal_start_month == 1:
        return year_period(year)
    first = year - 1 if named and country.fiscal_named_by == "end" else year
    start = dt.date(first, country.fiscal_start_month, 1)
    end_year, end_month = add_months(first, country.fiscal_start_month, 11)
    return Period(start, month_end(end_year, end_month))


def _spans_fiscal_years(ctx: TimeContext) -> bool:
    """Countries that write a fiscal year as "2019-20" (April–March, July–June, Fiji's August–July
    years), not those whose fiscal year is the calendar year or that name it by one year (October)."""
    country = tables.countries().get(ctx.country or "")
    return country is not None and country.fiscal_start_month not in (1, 10)


# --- resolvers: one small function per kind of expression -------------------------------------------

Resolved = list[Period | None]
Resolver = Callable[[re.Match[str], TimeContext], Resolved]
RESOLVERS: dict[str, Resolver] = {}
REQUIRES: dict[str, tuple[str, ...]] = {}


def resolver(*groups: str):
    """Register a resolver under its function name, with the named groups it reads."""

    def register(func: Resolver) -> Resolver:
        RESOLVERS[func.__name__] = func
        REQUIRES[func.__name__] = groups
        return func

    return register


@resolver()
def none(m, ctx):
    return [None]


@resolver("y")
def year(m, ctx):
    return [year_period(int(m["y"]))]


@resolver("y")
def base_year(m, ctx):
    phrase = m["y"].lower()
    if phrase.isdigit():
        return [year_period(int(phrase))]
    if "new year" in phrase:
        return [None]
    return [year_period(ctx.date.year - 1 if re.search(r"last|previous|preceding", phrase) else ctx.date.year)]


@resolver("y1", "y2")
def year_range(m, ctx):
    y1, tail = int(m["y1"] or m["y3"]), m["y2"] or m["y4"]
    y2 = int(tail) if len(tail) == 4 else y1 // 100 * 100 + int(tail)
    fiscal_named = (
        len(tail) == 2
        or _FISCAL_AROUND.match(m.string, m.end())
        or _FISCAL_BEFORE.search(m.string, 0, m.start())
        or ctx.fiscal_start is not None  # the text has named a fiscal year: "2023-2024" after "the 2024-2025 financial year"
    )
    if fiscal_named and y2 == y1 + 1 and _spans_fiscal_years(ctx):
        return [_fiscal(y1, ctx, named=False)]  # "2019-20" in India, "the 2023-2024 financial year" in Fiji
    return [Period(dt.date(y1, 1, 1), dt.date(y2, 12, 31))] if y1 < y2 else []


_FISCAL_AROUND = re.compile(r"(?i) (?:financial|fiscal) year\b| (?:national )?budget\b")
_FISCAL_BEFORE = re.compile(r"(?i)\b(?:financial|fiscal) year (?:of )?$")


@resolver("fy")
def by_fiscal_year(m, ctx):
    """ "by FY 2025": the point at the end of that fiscal year, as "by 2025" is the end of the year."""
    end = _fiscal(_year_of(m["fy"], ctx), ctx).end
    return [Period(end, end)]


@resolver("fy")
def fiscal_year(m, ctx):
    fy = _year_of(m["fy"], ctx)  # "2024" or "24"
    last = m.groupdict().get("fy2")
    if last:
        fy2 = int(last) if len(last) == 4 else fy // 100 * 100 + int(last)
        if fy2 == fy + 1 and _spans_fiscal_years(ctx):
            return [_fiscal(fy, ctx, named=False)]  # "FY 2021-22": the one fiscal year that starts in 2021
        if fy2 == fy + 1:  # where the fiscal year is the calendar year, "FY 2024-2025" is both (§8.3)
            return [Period(dt.date(fy, 1, 1), dt.date(fy2, 12, 31))]
        if fy2 > fy:  # "FY 2021-2023": fiscal years 2021 to 2023
            return [Period(_fiscal(fy, ctx).start, _fiscal(fy2, ctx).end)]
        return []
    return [_fiscal(fy, ctx)]


@resolver("fy", "fy2", "sofar", "d", "m", "y", "d3", "m3", "y3")
def fiscal_to_date(m, ctx):
    """ "so far during the financial year 2023-24 (as of 17 December 2023)", "for FY2023-24 (as of …)",
    "in the FY2023-24 till 17 December 2023": the fiscal year from its start to the date (to the
    document date after a bare "so far")."""
    [year] = fiscal_year(m, ctx) or [None]
    if year is None:
        return []
    if m["d"] or m["d3"]:
        end = dt.date(int(m["y"] or m["y3"]), month_number(m["m"] or m["m3"]), int(m["d"] or m["d3"]))
    else:
        end = ctx.date
    return [Period(year.start, end)] if year.start <= end <= year.end else []


@resolver("rel")
def fiscal_relative(m, ctx):
    rel = m["rel"].lower()  # ("current fiscal": the Indian and Bangladeshi press drop "year")
    shift = 1 if rel in ("next", "the coming", "the upcoming", "the next") else -1 if rel in ("last", "the previous") else 0
    current = next(y for y in (ctx.date.year - 1, ctx.date.year, ctx.date.year + 1)
                   if _fiscal(y, ctx).start <= ctx.date <= _fiscal(y, ctx).end)  # fmt: skip
    return [_fiscal(current + shift, ctx)]


@resolver("o1")
def five_year_plan(m, ctx):
    plans = tables.five_year_plans()
    return [Period(*plans[int(o)]) for o in (m["o1"], m.groupdict().get("o2")) if o and int(o) in plans]


@resolver("o1")
def since_five_year_plan(m, ctx):
    return [Period(p.start, ctx.date) for p in five_year_plan(m, ctx) if p is not None]


@resolver("event")
def since_event(m, ctx):
    return [Period(date, ctx.date) for pattern, date in tables.events() if pattern.search(m["event"])][:1]


@resolver()
def since_took_office(m, ctx):
    """ "since I took office", "since we came to office": from the latest US presidential inauguration to
    the document date. The inaugurations are American, so a text of another country ("Real wages have
    grown by 15 per cent since we came to office" in Australia's Senate) names a start we do not know."""
    start = _inauguration(ctx.date)
    if not _american(ctx):
        return [None]  # a time all the same: the figure is not carried a period from elsewhere
    return [Period(start, ctx.date)] if start else []


@resolver("u", "n")
def first_in_office(m, ctx):
    """ "in my first 15 months in office", "in my first year in office": from the inauguration, N
    whole months, years or days (US presidents; data/inaugurations.csv). Only the speaker's own
    ("my", "our"): "any President … in his first four years in office" names no period."""
    start = _inauguration(ctx.date)
    n = count(m["n"]) if m["n"] else 1
    if start is None or not n or not _american(ctx):
        return []
    unit = m["u"].lower().rstrip("s")
    if unit == "day":
        end = start + dt.timedelta(days=n)
    else:
        year, month = add_months(start.year, start.month, n * (12 if unit == "year" else 1))
        end = dt.date(year, month, min(start.day, month_end(year, month).day))
    return [Period(start, end - dt.timedelta(days=1))]


@resolver()
def took_office(m, ctx):
    start = _inauguration(ctx.date)
    if not _american(ctx):
        return [None]  # (as above)
    return [Period(start, start)] if start else []


@resolver()
def predecessor_term(m, ctx):
    """ "under my predecessor", "the previous administration": the preceding president's time in
    office, from their first inauguration of that stint to the current president's."""
    terms = [t for t in tables.presidencies() if t[0] <= ctx.date]
    if len(terms) < 2 or not _american(ctx):
        return []
    current = terms[-1]
    i = len(terms) - 1
    while i > 0 and terms[i - 1][1] == current[1]:
        i -= 1  # the current president's first inauguration of this stint
    if i == 0:
        return []
    j = i - 1
    while j > 0 and terms[j - 1][1] == terms[i - 1][1]:
        j -= 1
    return [Period(terms[j][0], terms[i][0])]


def _american(ctx: TimeContext) -> bool:
    """Whether the text may be American (its country is the US or unknown): the only texts the US
    presidential inaugurations and terms of data/inaugurations.csv date."""
    return ctx.country in (None, "US")


def _inauguration(date: dt.date) -> dt.date | None:
    """The latest US presidential inauguration on or before ``date`` (data/inaugurations.csv)."""
    return max((d for d in tables.inaugurations() if d <= date), default=None)


@resolver()
def year_to_date(m, ctx):
    """ "so far this year": January to the document date; a "year-to-date" figure after a month the sentence
    reports ("eased to 4.1 percent in November, bringing the year-to-date inflation to 6.2 percent"): January to
    that month's end."""
    # ("so far in 2019" is up to now, whatever month the sentence reported before: "Despite … in November")
    reported = _MONTH_REPORTED.findall(m.string, 0, m.start()) if "date" in m.group(0).lower() else []
    if reported:
        month_ = month_number(reported[-1])
        period = _past_unless_future(months_span(ctx.context_year, month_, 1), ctx, stated_year=False)
        return [Period(dt.date(period.start.year, 1, 1), period.end)]
    return [Period(dt.date(ctx.context_year, 1, 1), ctx.date)]


_MONTH_REPORTED = re.compile(rf"\bin ({_MACROS['M']})\b(?!\s*(?:\d|{_MACROS['Y']}))")


@resolver("m", "y")
def to_end_month(m, ctx):
    """ "receipts to end-April" (an exchequer's year to date): January to that month's end."""
    year_, month = _year_of(m["y"], ctx), month_number(m["m"])
    if not m["y"] and not ctx.future and dt.date(year_, month, 1) > ctx.date:
        year_ -= 1
    return [Period(dt.date(year_, 1, 1), month_end(year_, month))]


@resolver("part", "m")
def since_part_month(m, ctx):
    day = {"early": 1, "mid": 11, "late": 21}[m["part"].lower()]
    return [Period(dt.date(_year_of(m["y"], ctx), month_number(m["m"]), day), ctx.date)]


@resolver("m", "d", "m2", "d2")
def since_date(m, ctx):
    start = dt.date(_year_of(m["y"], ctx), month_number(m["m"] or m["m2"]), int(m["d"] or m["d2"]))
    return [Period(start if start <= ctx.date else shift_day(start, -1), ctx.date)]


@resolver("m")
def since_month(m, ctx):
    start = dt.date(_year_of(m["y"], ctx), month_number(m["m"]), 1)
    if not m["y"] and (start > ctx.date or (m.groupdict().get("last") and start.month >= ctx.date.month)):
        start = shift_day(start, -1)  # "since last February" said in February 2023: February 2022
    return [Period(start, ctx.date)]


@resolver("y")
def since_year(m, ctx):
    return [Period(dt.date(_year_of(m["y"], ctx), 1, 1), ctx.date)]


@resolver("y")
def end_of(m, ctx):
    word = m["y"].lower()
    year_ = {"the year": ctx.context_year, "the previous year": ctx.context_year - 1}.get(word) or _year_of(m["y"], ctx)
    month = month_number(m["m"]) if m.groupdict().get("m") else 12
    end = month_end(year_, month)
    return [Period(end, end)]


@resolver("q")
def end_of_quarter(m, ctx):
    year_ = _year_of(m["y"], ctx)
    end = month_end(year_, 3 * _ORD[m["q"].lower()])
    return [_past_unless_future(Period(end, end), ctx, bool(m["y"]))]


@resolver("rel")
def end_of_fiscal(m, ctx):
    """ "by the end of this fiscal year": the last day of that fiscal year; "(at) the end of the fiscal
    year" in a sentence about the past is the last one that has ended ("by" looks ahead); a bare "the end
    of the fiscal year" ("one day before the end of the fiscal year") only locates an event."""
    ends = [p.end for p in fiscal_relative(m, ctx)]
    opening, bare = m.group(0).lower().split()[0], m["rel"].lower() == "the"
    if bare and opening not in ("by", "at", "until"):
        return []
    if bare and not ctx.future and opening == "at":
        ends = [end if end <= ctx.date else shift_years(Period(end, end), -1).end for end in ends]
    return [Period(end, end) for end in ends]


@resolver("rel")
def end_of_week(m, ctx):
    """ "by the end of the week": the Sunday of the document's week (of the next or last one)."""
    sunday = ctx.date + dt.timedelta(days=6 - ctx.date.weekday(), weeks={"next": 1, "last": -1}.get(m["rel"].lower(), 0))
    return [Period(sunday, sunday)]


@resolver("m")
def end_of_month(m, ctx):
    """ "by the end of March": the month under way or the last one before it (a later one in a
    sentence about the future)."""
    year_, month_ = _year_of(m.groupdict().get("y"), ctx), month_number(m["m"])
    if not m.groupdict().get("y") and not ctx.future and dt.date(year_, month_, 1) > ctx.date:
        year_ -= 1
    end = month_end(year_, month_)
    return [Period(end, end)]


@resolver("m")
def until_date(m, ctx):
    year_ = _year_of(m["y"], ctx)
    month = month_number(m["m"])
    end = dt.date(year_, month, int(m["d"])) if m["d"] else month_end(year_, month)
    if end < ctx.date and ctx.future and not m["y"]:
        end = shift_day(end, 1)  # "will extend … through March 18" said in December
    return [Period(ctx.date, end)] if end >= ctx.date else [Period(end, end)]


@resolver("d")
def date(m, ctx):
    parsed = _parse_day(m["d"], ctx)
    return [Period(parsed, parsed)] if parsed else []


def _parse_day(text: str, ctx: TimeContext) -> dt.date | None:
    found = re.match(rf"(?i)({_MACROS['M']}) (\d{{1,2}})(?:st|nd|rd|th)?(?:,? ?({_MACROS['Y']}))?", text.strip())
    if not found:
        return None
    try:
        # a day without a year is the nearest one not after the document date (GUIDELINES §8.3)
        day = dt.date(int(found[3]) if found[3] else ctx.date.year, month_number(found[1]), int(found[2]))
    except ValueError:
        return None
    if not found[3] and not ctx.future:
        # a day without a year is the occurrence nearest the document date: "on June 3rd" said on
        # June 9 has passed, "Tuesday, June 21st" is to come
        day = min((day, shift_day(day, -1)), key=lambda d: abs((d - ctx.date).days))
    elif not found[3] and day < ctx.date:
        day = shift_day(day, 1)  # in the future tense it is the next one: "Coming January 1, seniors … are going to pay"
    return day


@resolver("d", "m")
def day_month(m, ctx):
    """ "on 12 June", "(12 August)": a day written day first without a year, read as ``date`` reads one."""
    parsed = _parse_day(f"{m['m']} {m['d']}", ctx)
    return [Period(parsed, parsed)] if parsed else []


@resolver("m1", "d1", "d2")
def day_range(m, ctx):
    year_ = _year_of(m["y"], ctx)
    m1 = month_number(m["m1"])
    m2 = month_number(m["m2"]) if m["m2"] else m1
    start, end = dt.date(year_, m1, int(m["d1"])), dt.date(year_, m2, int(m["d2"]))
    return [_past_unless_future(Period(start, end), ctx, bool(m["y"]))] if start <= end else []


@resolver("m1", "m2")
def month_range(m, ctx):
    year_ = _year_of(m["y"], ctx)
    m1, m2 = month_number(m["m1"]), month_number(m["m2"])
    if m1 > m2:
        return []
    return [_past_unless_future(Period(dt.date(year_, m1, 1), month_end(year_, m2)), ctx, bool(m["y"]))]


@resolver()
def whole_year(m, ctx):
    return [year_period(ctx.review_year)]


@resolver("n")
def first_months(m, ctx):
    n = count(m["n"])
    if not n or n > 12:
        return []
    return [_past_unless_future(months_span(_year_of(m["y"], ctx), 1, n), ctx, bool(m["y"]))]


@resolver("n")
def first_quarters(m, ctx):
    n = count(m["n"]) or 1
    return [_past_unless_future(months_span(_year_of(m["y"], ctx), 1, 3 * n), ctx, bool(m["y"]))]


def _part_of_year(ctx: TimeContext, stated: str | None, first_month: int, months: int) -> Period:
    """Months ``first_month``.. of the year in context — of the fiscal year in context, when one is
    ("the first quarter" after "FY24" in India is April–June 2023)."""
    if ctx.fiscal_start is not None and not stated:
        year_, month_ = add_months(ctx.fiscal_start.year, ctx.fiscal_start.month, first_month - 1)
        return months_span(year_, month_, months)
    return _past_unless_future(months_span(_year_of(stated, ctx), first_month, months), ctx, bool(stated))


@resolver()
def quarter(m, ctx):
    groups = m.groupdict()
    q = _ORD[groups["q"].lower()] if groups.get("q") else int(groups.get("qn") or groups["qs"])  # "Q2", "2Q"
    return [_part_of_year(ctx, groups.get("y") or groups.get("y2") or groups.get("y3"), 3 * q - 2, 3)]


@resolver()
def part_code(m, ctx):
    """A quarter or half written as a code with its year: "2024 Q2", "Q2'24", "‘24 Q2", "H1 2024", "1H24"."""
    stated = {name[0]: value for name, value in m.groupdict().items() if value}
    code = stated["p"].upper()
    letter, n = (code[0], int(code[1])) if code[0] in "QH" else (code[1], int(code[0]))
    months = 3 if letter == "Q" else 6
    return [_part_of_year(ctx, stated["y"], months * (n - 1) + 1, months)]


@resolver("ord", "part")
def fiscal_part(m, ctx):
    """ "the first quarter of the 2024-2025 financial year" (Fiji: August–October 2024), "the second half
    of fiscal year 2023": that part of the fiscal year, counted from its first month."""
    year_ = _year_of(m["fy"] or m["fy3"], ctx)  # "2024" or "25"
    spans = bool(m["fy2"] or m["fy4"])  # "2024-25" names the fiscal year that starts in 2024
    fiscal = _fiscal(year_, ctx, named=not spans)
    months = 3 if m["part"].lower() == "quarter" else 6
    n = _ORD[m["ord"].lower()]
    if months == 6 and n > 2:
        return []
    year_s, month_s = add_months(fiscal.start.year, fiscal.start.month, months * (n - 1))
    return [months_span(year_s, month_s, months)]


@resolver("m")
def month_quarter(m, ctx):
    """Australian and New Zealand usage: "the December quarter" ("the September 2016 quarter") is the
    three months ending in December; without a year, the nearest such quarter not after the document date."""
    stated = m["y"] or m["y0"] or m.groupdict().get("y1")
    last = month_number(m["m"])
    return [_past_unless_future(months_span(_year_of(stated, ctx), last - 2, 3), ctx, bool(stated))]


@resolver("m1", "y1", "m2", "y2")
def month_year_range(m, ctx):
    """ "between January 2022 and January 2023": from the first month's start to the second's end."""
    start = dt.date(int(m["y1"]), month_number(m["m1"]), 1)
    end = month_end(int(m["y2"]), month_number(m["m2"]))
    return [Period(start, end)] if start <= end else []


@resolver("n", "m", "y", "m2")
def year_ended(m, ctx):
    """ "the year ended September 2016": the twelve months ending with that month; "the three months
    to December 2023": the three; "the year to September quarter": the year ending with the nearest
    such quarter not after the document date."""
    n = count(m["n"]) if m["n"] else 12
    if not n:
        return []
    if m["m2"]:
        quarter = _past_unless_future(months_span(_year_of(None, ctx), month_number(m["m2"]) - 2, 3), ctx, False)
        return [months_span(*add_months(quarter.end.year, quarter.end.month, -11), 12)]
    if m["y"]:
        year = int(m["y"])
    else:  # "in the 12 months to March" in May 2016: the latest March not after the document date
        month = month_number(m["m"])
        year = ctx.date.year if month <= ctx.date.month else ctx.date.year - 1
    return [months_span(*add_months(year, month_number(m["m"]), 1 - n), n)]


@resolver("h")
def half(m, ctx):
    return [_part_of_year(ctx, m["y"], 6 * _ORD[m["h"].lower()] - 5, 6)]


def _days_of_month(m, ctx, first: int, last: int | None) -> list[Period | None]:
    """Days ``first``..``last`` (None: the month's end) of the month the match names."""
    year_, month = _year_of(m["y"], ctx), month_number(m["m"])
    end = last if last is not None else calendar.monthrange(year_, month)[1]
    return [_past_unless_future(Period(dt.date(year_, month, first), dt.date(year_, month, end)), ctx, bool(m["y"]))]


@resolver("h", "m")
def half_month(m, ctx):
    """ "the first half of January" (Mexico's fortnightly prices): days 1-15; the second: 16 to the end."""
    return _days_of_month(m, ctx, *((1, 15) if m["h"].lower() == "first" else (16, None)))


@resolver("part", "m")
def part_month(m, ctx):
    return _days_of_month(m, ctx, *{"early": (1, 10), "mid": (11, 20), "late": (21, None)}[m["part"].lower()])


@resolver("m", "y")
def month_year(m, ctx):
    return [months_span(_year_of(m["y"], ctx), month_number(m["m"]), 1)]


@resolver("m1")
def month(m, ctx):
    """ "in March", "last June": the nearest such month not after the document's month (a later one
    when the sentence speaks of the future or says "next")."""
    m1 = month_number(m["m1"])
    m2 = month_number(m["m2"]) if m.groupdict().get("m2") else m1  # "August's" has no second month
    words = m.group(0).lower().split()
    word = "last" if "past" in words else words[0]  # "in the past March alone"
    year_ = ctx.context_year
    if ctx.year > ctx.date.year and ctx.past and not ctx.future and word not in ("last", "next"):
        year_ = ctx.date.year  # a reported past under a later year in context: the month lies behind
    period = Period(dt.date(year_, m1, 1), month_end(year_, m2))
    if word == "last" and period.start.replace(day=1) >= ctx.date.replace(day=1):
        period = shift_years(period, -1)
    if word == "next" and period.start <= ctx.date:
        return [shift_years(period, 1)]
    return [_past_unless_future(period, replace(ctx, future=ctx.future or word == "next"), year_ == ctx.year)]


@resolver("dow")
def weekday(m, ctx):
    target = _WEEKDAYS.index(m["dow"].lower())
    word = m.group(0).split()[0].lower()
    back = (ctx.date.weekday() - target) % 7
    if word == "this":  # the weekday of the document's week (Monday to Sunday)
        day = ctx.date + dt.timedelta(days=target - ctx.date.weekday())
    elif word == "next" or (ctx.future and word != "last"):
        day = ctx.date + dt.timedelta(days=(target - ctx.date.weekday()) % 7 or 7)
    else:
        day = ctx.date - dt.timedelta(days=back or (7 if word == "last" else 0))
    return [Period(day, day)]


@resolver("rel")
def relative_day(m, ctx):
    shift = {"yesterday": -1, "tomorrow": 1}.get((m["rel"] or m.groupdict().get("rel2") or "").lower(), 0)
    day = ctx.date + dt.timedelta(days=shift)
    return [Period(day, day)]


@resolver("rel")
def relative_week(m, ctx):
    rel = m["rel"].lower()
    if rel in ("the past", "the last"):
        return [Period(ctx.date - dt.timedelta(days=7), ctx.date - dt.timedelta(days=1))]
    monday = ctx.date - dt.timedelta(days=ctx.date.weekday()) + dt.timedelta(weeks={"last": -1, "next": 1}.get(rel, 0))
    return [Period(monday, monday + dt.timedelta(days=6))]


@resolver("rel")
def relative_month(m, ctx):
    shift = {"last": -1, "the past": -1, "next": 1}.get(m["rel"].lower(), 0)
    y, mo = add_months(ctx.date.year, ctx.date.month, shift)
    return [months_span(y, mo, 1)]


@resolver("rel")
def relative_quarter(m, ctx):
    """ "last quarter", "over the last quarter", "next quarter": the calendar quarter before (after) D's."""
    shift = 1 if m["rel"].lower() == "next" else -1
    y, mo = add_months(ctx.date.year, 3 * ((ctx.date.month - 1) // 3) + 1, 3 * shift)
    return [months_span(y, mo, 3)]


@resolver()
def year_end(m, ctx):
    """ "at the year-end", "by year end": the last day of the year in context."""
    end = dt.date(ctx.context_year, 12, 31)
    return [Period(end, end)]


@resolver()
def mid_year(m, ctx):
    """ "by mid-year", "as of mid-year", "by the middle of the year": 30 June of the year in context."""
    day = dt.date(ctx.context_year, 6, 30)
    return [Period(day, day)]


@resolver("rel", "u")
def since_relative(m, ctx):
    """ "since last week", "since last month": from the start of that week or month to the document date."""
    period = (relative_week if m["u"].lower() == "week" else relative_month)(m, ctx)[0]
    return [Period(period.start, ctx.date)]


@resolver("rel")
def end_of_relative_month(m, ctx):
    """ "at the end of last month": that month's last day."""
    return [Period(relative_month(m, ctx)[0].end, relative_month(m, ctx)[0].end)]


@resolver("s")
def season(m, ctx):
    """ "this summer" → the summer under way, else the one about to begin (within two months), else
    the latest one begun (the next one in a sentence about the future); "last summer" → the latest
    one over; "next summer"; "the summer of 2022"."""
    g = m.groupdict()
    first = tables.season_first_month(g["s"] or g["s2"], ctx.country)
    if g.get("y"):
        return [months_span(int(g["y"]), first, 3)]
    latest = max(y for y in (ctx.date.year - 1, ctx.date.year) if dt.date(y, first, 1) <= ctx.date)
    under_way = months_span(latest, first, 3).end >= ctx.date
    rel = (g.get("rel") or "this").lower()
    # "this winter" said in November is the one about to begin ("what it was this summer" said in
    # March is the last one)
    imminent = (dt.date(latest + 1, first, 1) - ctx.date).days <= _IMMINENT_DAYS
    if rel == "next" or (rel == "this" and not under_way and (ctx.future or imminent)):
        year = latest + 1
    elif rel == "last" and under_way:
        year = latest - 1
    else:
        year = latest
    return [months_span(year, first, 3)]


_IMMINENT_DAYS = 62


@resolver()
def past_year(m, ctx):
    """The 12 whole months before the document's month; the calendar year before in a document of
    January–March, the season of annual reviews (GUIDELINES §8.1)."""
    if "previous" in m.group(0).lower():
        # "… 12.6 percent of GDP in 2017 from 12.3 percent in the previous year": the year before the one
        # the sentence (or the paragraph) speaks of
        stated = _YEAR_STATED.findall(m.string, 0, m.start())
        if stated or ctx.year:
            return [year_period((int(stated[-1]) if stated else ctx.year) - 1)]
    if ctx.date.month <= 3:
        return [year_period(ctx.date.year - 1)]
    return past_months_of(ctx, 12)


_YEAR_STATED = re.compile(rf"\b({_MACROS['Y']})\b(?![-–/]\d)")


def past_months_of(ctx: TimeContext, n: int) -> Resolved:
    y, mo = add_months(ctx.date.year, ctx.date.month, -n)
    return [months_span(y, mo, n)]


@resolver("n")
def past_months(m, ctx):
    n = count(m["n"])
    return past_months_of(ctx, n) if n else []


@resolver("n")
def past_quarters(m, ctx):
    """ "in the past three quarters": the N whole calendar quarters before the document's quarter."""
    n = count(m["n"])
    y, mo = add_months(ctx.date.year, ctx.date.month - (ctx.date.month - 1) % 3, -3 * n)
    return [months_span(y, mo, 3 * n)] if n else []


@resolver("n")
def next_months(m, ctx):
    n = count(m["n"])
    y, mo = add_months(ctx.date.year, ctx.date.month, 1)
    return [months_span(y, mo, n)] if n else []


@resolver("n", "u")
def past_days(m, ctx):
    n = count(m["n"])
    if not n:
        return []
    days = n * (7 if m["u"].lower().startswith("week") else 1)
    return [Period(ctx.date - dt.timedelta(days=days), ctx.date - dt.timedelta(days=1))]


def _days_of_hours(m) -> dt.timedelta | None:
    """The whole days N hours reach over ("24 hours" → 1 day, "36 hours" → 2)."""
    n = count(m["n"])
    return dt.timedelta(days=-(-n // 24)) if n else None


@resolver("n")
def past_hours(m, ctx):
    """ "the last 24 hours": the days those hours reach back over, up to the document date."""
    days = _days_of_hours(m)
    return [Period(ctx.date - days, ctx.date)] if days else []


@resolver("n")
def next_hours(m, ctx):
    days = _days_of_hours(m)
    return [Period(ctx.date, ctx.date + days)] if days else []


@resolver("n")
def past_years(m, ctx):
    n = count(m["n"])
    return [Period(dt.date(ctx.date.year - n, 1, 1), dt.date(ctx.date.year - 1, 12, 31))] if n else []


@resolver()
def budget_window(m, ctx):
    """ "over 10 years" in a budget: the ten fiscal years from the first that begins after the document
    date (GUIDELINES §8.3); outside a budget this reads nothing."""
    if not ctx.budget:
        return []
    n = count(m["n"]) if m.groupdict().get("n") else 10
    first = next(y for y in range(ctx.date.year, ctx.date.year + 3) if _fiscal(y, ctx).start > ctx.date)
    return [Period(_fiscal(first, ctx).start, _fiscal(first + n - 1, ctx).end)] if n else []


@resolver()
def current_quarter(m, ctx):
    q = int(m["qn"]) if m.groupdict().get("qn") else (ctx.date.month - 1) // 3 + 1
    return [months_span(ctx.date.year, 3 * q - 2, 3)]


@resolver("a", "b", "y")
def numeric_date(m, ctx):
    """ "3/19/2020" (month first in the United States), "12 / 04 / 2019" (day first elsewhere)."""
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if ctx.country == "US" or b > 12 else (b, a)
    found = dt.date(int(m["y"]), month, day)
    return [Period(found, found)]


@resolver("d", "mo", "y")
def numbered_date(m, ctx):
    """A dotted date, day first wherever it is written: "16.11.2018" (Serbia), "23.11.2022" (Hungary)."""
    try:
        found = dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:  # "31.02.2020" is not a date
        return []
    return [Period(found, found)]


@resolver("d", "m", "y")
def day_month_year(m, ctx):
    day = dt.date(int(m["y"]), month_number(m["m"]), int(m["d"]))
    return [Period(day, day)]


@resolver()
def next_years(m, ctx):
    n = count(m["n"]) if m.groupdict().get("n") else 10
    return [Period(dt.date(ctx.date.year + 1, 1, 1), dt.date(ctx.date.year + n, 12, 31))] if n else []


@resolver("y")
def by_year(m, ctx):
    """ "by 2045": the point at the end of that year (GUIDELINES §8.1)."""
    end = dt.date(int(m["y"]), 12, 31)
    return [Period(end, end)]


@resolver("d1", "d2", "m")
def day_first_range(m, ctx):
    """ "on 11-13 June 2021", "15-16 November 2022"."""
    year_ = _year_of(m.groupdict().get("y"), ctx)
    month_ = month_number(m["m"])
    return [Period(dt.date(year_, month_, int(m["d1"])), dt.date(year_, month_, int(m["d2"])))]


@resolver()
def past_decade(m, ctx):
    return [Period(dt.date(ctx.date.year - 10, 1, 1), dt.date(ctx.date.year - 1, 12, 31))]


@resolver("n")
def years_ago(m, ctx):
    n = count(m["n"])
    return [year_period(ctx.date.year - n)] if n else []


@resolver("n")
def years_ago_today(m, ctx):
    """ "21 years ago today": the same day that many years before the document date (an anniversary)."""
    n = count(m["n"])
    if not n:
        return []
    try:
        day = ctx.date.replace(year=ctx.date.year - n)
    except ValueError:  # 29 February in a year without one
        day = ctx.date.replace(year=ctx.date.year - n, day=28)
    return [Period(day, day)]


@resolver("n", "u")
def units_ago(m, ctx):
    """ "a month ago", "three weeks ago": that whole month, or that Monday-to-Sunday week."""
    n = 1 if m["n"].lower() in ("a", "one") else count(m["n"])
    if not n:
        return []
    if m["u"].lower().startswith("week"):
        monday = ctx.date - dt.timedelta(days=ctx.date.weekday(), weeks=n)
        return [Period(monday, monday + dt.timedelta(days=6))]
    y, mo = add_months(ctx.date.year, ctx.date.month, -n)
    return [months_span(y, mo, 1)]


@resolver("n")
def n_year_average(m, ctx):
    """ "an average two-year growth": the N years ending with the year reviewed (attachment ends them
    at the figure's own period)."""
    n = count(m["n"])
    return [Period(dt.date(ctx.review_year - n + 1, 1, 1), dt.date(ctx.review_year, 12, 31))] if n else []


@resolver()
def century(m, ctx):
    groups = m.groupdict()
    first = (ctx.date.year // 100) * 100 if groups.get("this") else (int(groups["ord"]) - 1) * 100
    return [Period(dt.date(first, 1, 1), dt.date(first + 99, 12, 31))]


@resolver("rel")
def relative_year(m, ctx):
    phrase = m["rel"].lower()
    if phrase in ("the previous year", "the same year"):
        return []
    return [year_period(_year_of(phrase, ctx))]


@resolver()
def present(m, ctx):
    return [Period(ctx.date, ctx.date)]


# --- the grammar ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeRule:
    id: str
    role: str
    resolver: str
    regex: re.Pattern[str]
    example: str
    where: str  # file:line
    anchors: re.Pattern[str] | None = None  # finds a string every match contains (pipeline.anchors)


def _expand(pattern: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: _MACROS.get(m.group(1), m.group(0)), pattern)


@cache
def rules() -> tuple[TimeRule, ...]:
    """The validated grammar; a bad row raises ``tables.TableError`` naming its file and line."""
    out, seen = [], set()
    for where, (rule_id, role, name, pattern, example) in tables.numbered_rows("time_rules.tsv", 5):
        if rule_id in seen:
            raise tables.TableError(f"{where}: duplicate id {rule_id!r}")
        seen.add(rule_id)
        if role not in ROLES:
            raise tables.TableError(f"{where}: role {role!r} is not one of {sorted(ROLES)}")
        if name not in RESOLVERS:
            raise tables.TableError(f"{where}: no resolver named {name!r} in pipeline/timex.py")
        regex = tables.compile_pattern(where, _expand(pattern), re.IGNORECASE)
        missing = [g for g in REQUIRES[name] if g not in regex.groupindex]
        if missing:
            raise tables.TableError(f"{where}: resolver {name!r} reads group(s) {missing} the pattern lacks")
        if not regex.search(example):
            raise tables.TableError(f"{where}: the example {example!r} does not match the pattern")
        out.append(TimeRule(rule_id, role, name, regex, example, where, anchor_pattern(required_strings(regex))))
    return tuple(out)


_SELF_DATED = frozenset({"vague", "same", "average", "record", "object", "name"})
# resolvers that place a time by the US presidential inaugurations, and elsewhere name a time we cannot place
_BY_US_INAUGURATIONS = frozenset({"since_took_office", "took_office"})
# "the plan for … during the 14th Five-Year Plan period", "the first plan spanned from 2012 to 2020":
# the period describes a plan or a law, not the figures around it, so it is never carried on.
_OBJECT_BEFORE = re.compile(
    r"(?i)\b(?:plans?|programmes?|programs?|spann?(?:ed|s)?|provisions|regulations?|laws?|issued)\b[^,;.]*$"
)


def find_time_expressions(text: str, ctx: TimeContext, *, offset: int = 0) -> list[TimeExpression]:
    """Time expressions in a sentence, left to right, without overlaps (rule order breaks ties)."""
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    for rule, m in _candidates(text):
        start, end = m.start(), m.end()
        if any(start < e and end > s for s, e in taken):
            continue
        try:
            resolved = RESOLVERS[rule.resolver](m, ctx)
        except (ValueError, KeyError, TypeError):
            continue
        if not resolved:
            continue
        role = rule.role
        if resolved == [None] and rule.resolver in _BY_US_INAUGURATIONS:
            role = "vague"  # a time the text names and we cannot place ("since we came to office" in Australia)
        if not ctx.dated and role not in _SELF_DATED and not re.search(r"(?:19|20)\d{2}", m.group(0)):
            resolved, role = [None], "vague"  # without a document date, relative expressions resolve to nothing
        if rule.id in ("fyp", "year_span", "year") and _OBJECT_BEFORE.search(text[max(0, start - 70) : start]):
            role = "object"
        taken.append((start, end))
        for period in resolved:
            out.append(TimeExpression(offset + start, offset + end, m.group(0), period, role, rule.id))
    return _relative_bases(sorted(out, key=lambda t: (t.start, t.end)))


@lru_cache(maxsize=2048)
def _candidates(text: str) -> tuple[tuple[TimeRule, re.Match[str]], ...]:
    """Every match of every rule in ``text``, in rule order. Matching does not depend on the context
    (only resolving does), so a sentence read twice (its turn's frame, then its own periods) is
    scanned once; rules whose anchors the sentence lacks are not run at all."""
    lower = text.lower()  # (the anchor test of pipeline.anchors.Sentence, inlined: it runs ~74 times a sentence)
    present: dict[re.Pattern[str], bool] = {}  # rules share anchors (a digit, "since "): each is looked for once
    out: list[tuple[TimeRule, re.Match[str]]] = []
    for rule in rules():
        anchors = rule.anchors
        if anchors is not None:
            found = present.get(anchors)
            if found is None:
                found = present[anchors] = anchors.search(lower) is not None
            if not found:
                continue
        out.extend((rule, m) for m in rule.regex.finditer(text))
    return tuple(out)


_RELATIVE_BASE = re.compile(r"(?i)\b(?:the same period|the corresponding period|previous year|preceding year|last year)\b")


def previous_unit(period: Period, *, quarter: bool) -> Period | None:
    """The month (or calendar quarter) before the one ``period`` ends in, when ``period`` is no longer
    than a quarter.

    >>> previous_unit(Period(dt.date(2019, 7, 1), dt.date(2019, 9, 30)), quarter=True)
    Period(start=datetime.date(2019, 4, 1), end=datetime.date(2019, 6, 30))
    """
    if (period.end - period.start).days > 92:
        return None
    months = 3 if quarter else 1
    first = period.end.month - (period.end.month - 1) % months
    year, month = add_months(period.end.year, first, -months)
    return months_span(year, month, months)


def _relative_bases(found: list[TimeExpression]) -> list[TimeExpression]:
    """A base stated relative to the sentence's own period: "In 2019, … up 8.0% over the previous year"
    is over 2018; "In March, … lower than the same period last year" is March of the year before."""
    out: list[TimeExpression] = []
    for t in found:
        stated = next((p for p in reversed(out) if p.role == "period" and p.period is not None), None)
        if t.rule == "previous_unit":
            # "in the third quarter, extending the 3.3 per cent decline in the previous quarter": the
            # unit before the sentence's own; with no such period the expression says nothing here
            if stated is not None and stated.period is not None:
                before = previous_unit(stated.period, quarter="quarter" in t.text.lower())
                if before is not None:
                    out.append(replace(t, period=before))
            continue
        if t.rule == "same_time_ago" and stated is not None and stated.period is not None:
            t = replace(t, period=shift_years(stated.period, -1))  # "in the same month last year"
        elif t.rule in ("base", "base_corresponding") and stated is not None and stated.period is not None and _RELATIVE_BASE.search(t.text):
            if "same period" in t.text.lower() or "corresponding period" in t.text.lower():
                t = replace(t, period=shift_years(stated.period, -1))
            else:
                t = replace(t, period=year_period(stated.period.end.year - 1))
        out.append(t)
    return out


def scan(text: str, ctx: TimeContext) -> list[TimeExpression]:
    """Every time expression of a whole text, line by line (a line of the text view is a paragraph),
    each line read with the future tense it speaks in: what ``claims timex`` prints.

    >>> [(t.text, t.rule) for t in scan("Prices rose 2% last month.\\nWe will grow next year.", TimeContext.of(dt.date(2023, 3, 10)))]
    [('last month', 'relative_month'), ('next year', 'rel_year')]
    """
    out: list[TimeExpression] = []
    for m in re.finditer(r"[^\n]+", text):
        out.extend(find_time_expressions(m.group(0), ctx.reading(m.group(0)), offset=m.start()))
    return out


def latest_year(expressions: list[TimeExpression]) -> int | None:
    """The year the last dated expression refers to (context for "from January to November")."""
    for t in reversed(expressions):
        if t.period is not None and t.role in ("period", "since", "base"):
            return t.period.end.year if t.role != "since" else t.period.start.year
    return None
