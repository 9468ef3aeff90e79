"""Time expressions and the periods they stand for, resolved against the document date.

``find_time_expressions`` returns every expression in a sentence with its role:
``period`` (the figures are about it), ``since`` (a period up to the document date), ``base``
(a comparison base: "than in 2012", "over the previous year"), ``vague`` ("in recent years",
"recently": no period, and nothing is carried past it), ``same`` ("during the same period":
the period stated before). Five-Year-Plan periods and congress dates come from data tables;
month-day dates are parsed with dateparser.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from pipeline import tables
from pipeline.records import Period, TimeExpression

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_M = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_Y = r"(?:19|20)\d{2}"
_REL_YEAR = r"(?:last year|this year|next year|the previous year|the same year)"
_COUNT_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "decade": 10,
}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _count(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _COUNT_WORDS.get(word)


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _relative_year(phrase: str, doc_year: int) -> int:
    phrase = phrase.lower()
    if "last" in phrase or "previous" in phrase:
        return doc_year - 1
    if "next" in phrase:
        return doc_year + 1
    return doc_year


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern[str]


def _r(name: str, pattern: str) -> _Rule:
    return _Rule(name, re.compile(pattern, re.IGNORECASE))


@cache
def _rules() -> tuple[_Rule, ...]:
    fyp = (
        r"(?P<o1>\d+)(?:st|nd|rd|th)(?: and (?:the )?(?P<o2>\d+)(?:st|nd|rd|th))? [\"“]?Five-Year Plans?[\"”]? periods?"
    )
    return (
        _r(
            "vague",
            r"\b(?:in recent years|recently|in the future|in the near future|a few (?:days|weeks|months) ago|"
            r"in the next step|during this period|at the right time|in the past few years|over the years|"
            r"during the (?:epidemic|pandemic)[^,]*|nearly a decade ago|for a long time)\b",
        ),
        _r("same", r"\b(?:during|in|over) the same period\b(?! (?:of )?last year)"),
        # "the highest increase since 2012", "the lowest rate since January of 1990": a record, not a period
        _r(
            "record",
            rf"\b(?:highest|lowest|largest|smallest|fastest|slowest|best|worst|biggest|strongest|weakest)\b[^.;]{{0,60}}?\bsince (?:(?:the (?:beginning|start|end) of )?(?:{_M} (?:of )?)?{_Y}|the \d+(?:st|nd|rd|th) [^.;,]{{0,60}})",
        ),
        _r("since_fyp", rf"\bsince the {fyp}(?: \({_Y}-{_Y}\))?"),
        _r("fyp", rf"\b(?:the )?{fyp}(?: \({_Y}-{_Y}\))?"),
        _r(
            "since_event",
            r"\bsince (?:the )?(?P<event>(?:\d+)(?:st|nd|rd|th) [A-Za-z ()]{3,80}?Congress(?: of the (?:Communist Party of China|CPC)(?: \(CPC\))?)?)",
        ),
        _r(
            "since_part_month", rf"\bsince (?P<part>early|mid|late)[- ](?P<m>{_M})(?: (?P<y>{_Y}|last year|this year))?"
        ),
        _r("since_month", rf"\bsince (?:the (?:beginning|start) of )?(?P<m>{_M})(?: (?P<y>{_Y}|last year|this year))?"),
        _r(
            "since_year",
            rf"\bsince (?:the (?:beginning|start) of |early )?(?P<y>{_Y}|last year|this year|the beginning of (?:the|this) year)",
        ),
        _r("year_span", rf"\b(?:from |between |in )?(?P<y1>{_Y}) ?(?:to|and|through|until|-|–) ?(?P<y2>{_Y})\b"),
        _r(
            "base_end",
            rf"\b(?:from|than|over|compared (?:with|to)) (?:that at |those at )?the end of (?P<y>{_Y}|last year|the previous year)\b",
        ),
        _r(
            "base_quarter",
            rf"\b(?:from|than|over|compared (?:with|to)) (?:that (?:of|in) |those (?:of|in) )?the (?P<q>first|second|third|fourth) quarter(?: of (?P<y>{_Y}|last year))?\b",
        ),
        _r("base_from", rf"\bfrom (?P<y>{_Y})\b(?! ?(?:to|-|–|through|until|and) ?(?:19|20)\d{{2}})"),
        _r(
            "base_number",
            rf"\b(?:doubling|double|twice|tripling|compared with|than|over) (?:the )?(?:number|figure|level|amount) (?:in|of) (?P<y>{_Y})\b",
        ),
        _r("base_times", rf"\b(?:times|fold) (?:that |those |the level )?(?:of|in) (?P<y>{_Y})\b"),
        _r(
            "base_month",
            rf"\b(?:than|over|compared (?:with|to)|as against|versus) (?:that |those |the level )?(?:in |of )?(?P<m>{_M}),? (?P<y>{_Y})\b",
        ),
        _r(
            "base",
            rf"\b(?:than|over|compared (?:with|to)|as against|versus) (?:that |those |the level |the figure |the number )?"
            rf"(?:in |of |at the end of |for )?(?P<y>{_Y}|last year|the previous year|the same period (?:of )?last year|before New Year's Day)\b",
        ),
        _r(
            "end_of",
            rf"\b(?:(?:by|as of|at|until|till|up to|to) )?(?:the )?end of (?:(?P<m>{_M}) )?(?P<y>{_Y}|last year|this year|the year)",
        ),
        _r("end_of_month", rf"\b(?:(?:by|as of|at|until|up to) )?the end of (?P<m>{_M})(?! \d)"),
        _r("as_of_date", rf"\b(?:as of|by|up to|until|till|on|as at) (?P<d>{_M} \d{{1,2}}(?!\d)(?:, ?{_Y})?)"),
        _r(
            "month_range",
            rf"\b(?:from )?(?P<m1>{_M}) (?:to|through|-|–) (?P<m2>{_M})(?:,? (?P<y>{_Y}|last year|this year))?",
        ),
        _r(
            "end_of_quarter",
            rf"\b(?:(?:by|as of|at|until|up to) )?the end of the (?P<q>first|second|third|fourth) quarter(?: of (?P<y>{_Y}|last year|this year))?",
        ),
        _r(
            "whole_year",
            r"\b(?:in|for|during|over) the (?:whole|full|entire) year\b|\b(?:the )?(?:whole|full)[- ]year\b",
        ),
        _r("first_months", rf"\b(?:in )?the first (?P<n>\w+) months(?: of (?P<y>{_Y}|last year|this year|the year))?"),
        _r(
            "quarters",
            rf"\b(?:in )?the first (?P<n>two|three) quarters(?: of (?P<y>{_Y}|last year|this year|the year))?",
        ),
        _r(
            "quarter",
            rf"\b(?:in )?the (?P<q>first|second|third|fourth) quarter(?: of (?P<y>{_Y}|last year|this year|the year))?",
        ),
        _r("half", rf"\b(?:in )?the (?P<h>first|second) half(?: of (?P<y>{_Y}|last year|this year|the year))?"),
        _r("up_to_month", rf"\b(?:up to|as of|by|until|till|as at) (?P<m>{_M}),? (?P<y>{_Y})"),
        _r("part_month", rf"\b(?:in )?(?P<part>early|mid|late)[- ](?P<m>{_M})(?: (?P<y>{_Y}|last year|this year))?"),
        _r("month_year", rf"\b(?:in )?(?P<m>{_M}),? (?P<y>{_Y}|last year|this year)\b"),
        _r("months", rf"\bin (?P<m1>{_M})(?: and (?P<m2>{_M}))?(?! \d)\b"),
        _r("date", rf"\b(?P<d>{_M} \d{{1,2}}(?!\d)(?:, ?{_Y})?)"),
        _r("past_years", r"\b(?:over |in |during |for )?the (?:past|last|previous) (?P<n>\w+) years\b"),
        _r("past_decade", r"\b(?:over |in |during |for )?the (?:past|last) (?:decade|ten years)\b"),
        _r("past_year", r"\b(?:over |in |during |for )?the past year\b"),
        _r("n_year_average", r"\b(?:an? )?(?:average )?(?P<n>two|three|four|five|\d+)-year (?:average|growth|annual)"),
        _r("rel_year", rf"\b(?:in |for |during )?(?P<rel>{_REL_YEAR})\b"),
        _r("present", r"\b(?:so far|up to now|up till now|to date|at present|currently|as of now|by now)\b"),
        _r("now", r"(?<!^)(?<![.,] )\bnow\b(?!,)"),
        _r("year", rf"\b(?:in |for |during |of )?(?:the year )?(?P<y>{_Y})\b"),
    )


@cache
def _events() -> tuple[tuple[re.Pattern[str], dt.date], ...]:
    return tables.events()


def _year_of(group: str | None, context_year: int, doc_year: int) -> int:
    if not group:
        return context_year
    if group.isdigit():
        return int(group)
    if "the year" in group.lower() and "this" not in group.lower():
        return context_year
    if "beginning" in group.lower():
        return doc_year
    return _relative_year(group, doc_year)


def _resolve(rule: str, m: re.Match[str], doc_date: dt.date, context_year: int) -> list[tuple[str, Period | None]]:
    """(role, period) pairs for one match; a few rules give two periods ("12th and 13th")."""
    y = doc_date.year
    g = m.groupdict()
    if rule in ("vague", "same"):
        return [(rule, None)]
    if rule in ("fyp", "since_fyp"):
        plans = tables.five_year_plans()
        out = []
        for key in ("o1", "o2"):
            if g.get(key):
                n = int(g[key])
                if n not in plans:
                    continue
                start, end = plans[n]
                out.append(
                    ("since", Period(start, doc_date)) if rule == "since_fyp" else ("period", Period(start, end))
                )
        return out
    if rule == "since_event":
        for pattern, date in _events():
            if pattern.search(g["event"]):
                return [("since", Period(date, doc_date))]
        return []
    if rule == "since_part_month":
        year = _year_of(g.get("y"), context_year, y)
        day = {"early": 1, "mid": 11, "late": 21}[g["part"].lower()]
        return [("since", Period(dt.date(year, _month(g["m"]), day), doc_date))]
    if rule == "since_month":
        year = _year_of(g.get("y"), context_year, y)
        start = dt.date(year, _month(g["m"]), 1)
        if start > doc_date:
            start = dt.date(year - 1, _month(g["m"]), 1)
        return [("since", Period(start, doc_date))]
    if rule == "since_year":
        year = _year_of(g.get("y"), context_year, y)
        return [("since", Period(dt.date(year, 1, 1), doc_date))]
    if rule == "base":
        phrase = g["y"].lower()
        if phrase.isdigit():
            return [("base", year_period(int(phrase)))]
        if "new year" in phrase:
            return [("base", None)]
        return [("base", year_period(y - 1 if "last" in phrase or "previous" in phrase else y))]
    if rule == "record":
        return [("record", None)]
    if rule == "base_end":
        year = _year_of(g.get("y"), context_year, y)
        return [("base", Period(dt.date(year, 12, 31), dt.date(year, 12, 31)))]
    if rule == "base_quarter":
        q = _ORD[g["q"].lower()]
        year = _year_of(g.get("y"), context_year, y)
        return [("base", Period(dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q)))]
    if rule == "base_from":
        return [("base", year_period(int(g["y"])))]
    if rule == "end_of_quarter":
        q = _ORD[g["q"].lower()]
        year = _year_of(g.get("y"), context_year, y)
        end = month_end(year, 3 * q)
        return [("period", Period(end, end))]
    if rule == "whole_year":
        return [("period", year_period(context_year))]
    if rule in ("base_times", "base_number"):
        return [("base", year_period(int(g["y"])))]
    if rule == "now":
        return [("local", Period(doc_date, doc_date))]
    if rule == "base_month":
        year, month = int(g["y"]), _month(g["m"])
        return [("base", Period(dt.date(year, month, 1), month_end(year, month)))]
    if rule == "year_span":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y1 >= y2:
            return []
        return [("period", Period(dt.date(y1, 1, 1), dt.date(y2, 12, 31)))]
    if rule == "end_of":
        year = _year_of(g.get("y"), context_year, y)
        month = _month(g["m"]) if g.get("m") else 12
        end = month_end(year, month)
        return [("period", Period(end, end))]
    if rule == "end_of_month":
        month = _month(g["m"])
        year = context_year if dt.date(context_year, month, 1) <= doc_date else context_year - 1
        end = month_end(year, month)
        return [("period", Period(end, end))]
    if rule in ("as_of_date", "date"):
        date = _parse_day(g["d"], doc_date)
        return [("period", Period(date, date))] if date else []
    if rule == "month_range":
        year = _year_of(g.get("y"), context_year, y)
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        if m1 > m2:
            return []
        start = dt.date(year, m1, 1)
        if not g.get("y") and start > doc_date:
            year -= 1
            start = dt.date(year, m1, 1)
        return [("period", Period(start, month_end(year, m2)))]
    if rule == "first_months":
        n = _count(g["n"])
        if not n or n > 12:
            return []
        year = _year_of(g.get("y"), context_year, y)
        if not g.get("y") and dt.date(year, n, 1) > doc_date:
            year -= 1
        return [("period", Period(dt.date(year, 1, 1), month_end(year, n)))]
    if rule == "quarters":
        n = _count(g["n"]) or 1
        year = _year_of(g.get("y"), context_year, y)
        return [("period", Period(dt.date(year, 1, 1), month_end(year, 3 * n)))]
    if rule == "quarter":
        q = _ORD[g["q"].lower()]
        year = _year_of(g.get("y"), context_year, y)
        return [("period", Period(dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q)))]
    if rule == "half":
        h = _ORD[g["h"].lower()]
        year = _year_of(g.get("y"), context_year, y)
        return [("period", Period(dt.date(year, 6 * h - 5, 1), month_end(year, 6 * h)))]
    if rule == "up_to_month":
        year = int(g["y"])
        end = month_end(year, _month(g["m"]))
        return [("period", Period(end, end))]
    if rule == "part_month":
        year = _year_of(g.get("y"), context_year, y)
        month = _month(g["m"])
        if not g.get("y") and dt.date(year, month, 1) > doc_date:
            year -= 1
        first, last = {"early": (1, 10), "mid": (11, 20), "late": (21, calendar.monthrange(year, month)[1])}[
            g["part"].lower()
        ]
        return [("period", Period(dt.date(year, month, first), dt.date(year, month, last)))]
    if rule == "month_year":
        year = _year_of(g.get("y"), context_year, y)
        month = _month(g["m"])
        return [("period", Period(dt.date(year, month, 1), month_end(year, month)))]
    if rule == "months":
        m1 = _month(g["m1"])
        m2 = _month(g["m2"]) if g.get("m2") else m1
        year = context_year
        if dt.date(year, m1, 1) > doc_date:
            year -= 1
        return [("period", Period(dt.date(year, m1, 1), month_end(year, m2)))]
    if rule in ("past_years", "past_decade"):
        n = 10 if rule == "past_decade" else _count(g["n"])
        if not n:
            return []
        return [("period", Period(dt.date(y - n, 1, 1), dt.date(y - 1, 12, 31)))]
    if rule == "past_year":
        return [("period", year_period(y - 1))]
    if rule == "n_year_average":
        n = _count(g["n"])
        return [("average", Period(dt.date(2000, 1, 1), dt.date(2000 + (n or 1) - 1, 12, 31)))] if n else []
    if rule == "rel_year":
        phrase = g["rel"].lower()
        if phrase in ("the previous year", "the same year"):
            return []
        return [("period", year_period(_relative_year(phrase, y)))]
    if rule == "present":
        return [("period", Period(doc_date, doc_date))]
    if rule == "year":
        return [("period", year_period(int(g["y"])))]
    return []


def _parse_day(text: str, doc_date: dt.date) -> dt.date | None:
    import dateparser

    settings = {
        "RELATIVE_BASE": dt.datetime(doc_date.year, doc_date.month, doc_date.day),
        "PREFER_DATES_FROM": "past",
        "PARSERS": ["absolute-time"],
        "STRICT_PARSING": False,
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


# "the plan for … during the 14th Five-Year Plan period", "the first plan spanned from 2012 to 2020":
# the period describes a plan or a law, not the figures around it, so it is never carried on.
_OBJECT_BEFORE = re.compile(
    r"(?i)\b(?:plans?|programmes?|programs?|spann?(?:ed|s)?|provisions|regulations?|laws?|issued)\b[^,;.]*$"
)


_UNDATED = dt.date(2100, 1, 1)  # stands in for an unknown document date; what depends on it is dropped
_SELF_DATED = frozenset({"vague", "same", "average", "fyp", "base_times", "base_number", "record"})


def find_time_expressions(
    text: str, doc_date: dt.date | None, *, offset: int = 0, context_year: int | None = None
) -> list[TimeExpression]:
    """Time expressions in a sentence, left to right, without overlaps (rule order breaks ties).

    Roles: ``period`` and ``since`` are carried to later sentences of the paragraph; ``local``
    (a bare "now") and ``object`` (the span of a plan or law) govern only their own sentence.

    >>> d = dt.date(2023, 1, 18)
    >>> [(t.role, str(t.period.start), str(t.period.end)) for t in find_time_expressions("In 2022, sales grew 8%.", d)]
    [('period', '2022-01-01', '2022-12-31')]
    >>> [(t.role, str(t.period.start)) for t in find_time_expressions("up 30% over 2012 since the 18th CPC National Congress", d)]
    [('base', '2012-01-01'), ('since', '2012-11-08')]
    """
    undated = doc_date is None
    doc_date = doc_date or _UNDATED
    context_year = context_year or doc_date.year
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    for rule in _rules():
        for m in rule.regex.finditer(text):
            start, end = m.start(), m.end()
            if any(start < e and end > s for s, e in taken):
                continue
            try:
                resolved = _resolve(rule.name, m, doc_date, context_year)
            except (ValueError, KeyError):
                continue
            if undated and rule.name not in _SELF_DATED:
                # without a document date only expressions that name their own year resolve
                if not re.search(r"(?:19|20)\d{2}", m.group(0)) or rule.name.startswith("since"):
                    resolved = [(role, None) if role in ("vague", "same") else ("vague", None) for role, _ in resolved]
            if not resolved:
                continue
            taken.append((start, end))
            describes_object = rule.name in ("fyp", "year_span", "year") and _OBJECT_BEFORE.search(
                text[max(0, start - 70) : start]
            )
            for role, period in resolved:
                if describes_object and role == "period":
                    role = "object"
                out.append(TimeExpression(offset + start, offset + end, m.group(0), period, role))  # type: ignore[arg-type]
    return sorted(out, key=lambda t: (t.start, t.end))


def latest_year(expressions: list[TimeExpression]) -> int | None:
    """The year the last dated expression refers to (context for "from January to November")."""
    for t in reversed(expressions):
        if t.period is not None and t.role in ("period", "since", "base"):
            return t.period.end.year if t.role != "since" else t.period.start.year
    return None
