"""Numerals: digits, number words, fractions, ratios and ordinals, with their values.

Pure functions over strings; offsets are relative to the string searched. Forms:

- ``digits``: "1,234.5", Indian grouping "3,07,352", mixed fractions "3-1/4", "3½", "1/4";
- ``words``: "Seventy-three", "one hundred and twenty", "two and a half";
- ``fraction``: "a quarter", "two-thirds", "three tenths", "half" — ``value`` is the share in percent,
  ``ratio`` the fraction itself (0.25), for "a quarter of a percentage point";
- ``ratio``: "one in five", "nine out of 10" — ``value`` in percent;
- ``ordinal``: "22nd", "second".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from pipeline import tables


@dataclass(frozen=True)
class Numeral:
    """A number as written, before any scale word or unit."""

    start: int
    end: int
    text: str
    value: float
    form: str  # "digits" | "words" | "fraction" | "ratio" | "ordinal"
    ratio: float | None = None  # for fractions: the fraction itself (0.25 for "a quarter")


_MAX_DIGITS = 24  # "123,456,789,012,345.678" fits; longer digit runs are ids, not quantities
# a decimal comma ("88,9%", "7,2-million", South African and European usage): one or two digits
# after the comma, before a percent sign or a scale word, cannot be a thousands group
_COMMA_DECIMAL = r"\d{1,3},\d{1,2}"
_DECIMAL_COMMA = _COMMA_DECIMAL + (
    r"(?=\s?(?:%|per ?cent\b|percent\b|percentage points?\b|of a percentage point\b|-?\s?(?:million|billion|trillion)\b))"
)
# a decimal written without its zero (".2 per cent", ".25 percentage points", as transcribed speech has it)
_LEADING_POINT = r"(?<![\w.,])\.\d{1,3}(?=\s?(?:%|per ?cent\b|percent\b|percentage\b))"
_DIGITS = re.compile(
    rf"{_LEADING_POINT}|(?<![\d.,])(?:{_DECIMAL_COMMA}|\d{{1,2}}(?:,\d{{2}})+,\d{{3}}|\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?![\d])"
)  # Indian grouping before Western
_ORDINAL_DIGITS = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)\b")
# "3-1/4", "3 1/4", "1/4": a fraction with a small denominator (not a date such as 3/19/2020)
_SLASH_FRACTION = re.compile(r"(?<![\d./])(?:(?P<whole>\d+)(?:- ?| ))?(?P<num>\d{1,2})/(?P<den>\d{1,2})(?![\d/])")


@cache
def _vulgar_regex() -> re.Pattern[str]:
    chars = "".join(tables.vulgar_fractions())
    return re.compile(rf"(?<![\d.,])(?:(?P<whole>\d+) ?)?(?P<frac>[{chars}])")


@cache
def _word_alternatives() -> str:
    return "|".join(sorted(tables.number_words(), key=len, reverse=True))


@cache
def _word_regex() -> re.Pattern[str]:
    unit = _word_alternatives()
    # "seventy-three", "twenty one", "one hundred and twenty", "two and a half"
    return re.compile(
        rf"(?i)(?<![\w-])(?:{unit})(?:(?:-| |\sand\s)(?:{unit}))*"
        rf"(?:(?:\s+|-)and(?:\s+|-)(?:a|one)[ -](?P<part>half|quarter|third))?(?![\w])",
    )


@cache
def _fraction_regex() -> re.Pattern[str]:
    numerators = f"a|an|{_word_alternatives()}"
    always = "half|halves|quarter|quarters"  # fractions on their own ("half of", "a quarter")
    others = "|".join(sorted((d for d in tables.denominators() if d not in always.split("|")), key=len, reverse=True))
    return re.compile(
        rf"(?i)(?<![\w-])(?:(?P<num>{numerators})[ -](?P<den>{always}|{others})|(?P<bare>half)(?: a(?= (?:million|billion|trillion|percentage|point|percent)))?)(?![\w]|-(?!percentage|point))"
        # "for a fourth consecutive month", "a third straight year": an ordinal of a streak, not a fraction
        r"(?! (?:consecutive|straight|successive|time|place|round|term|quarter in a row)\b)"
    )


@cache
def _digit_words() -> dict[str, int]:
    """The words for 0..9 (data/number_words.csv), and "oh", as in "two point oh"."""
    return {"oh": 0} | {w: v for w, v in tables.number_words().items() if 0 <= v <= 9 and " " not in w}


@cache
def _spoken_decimal_regex() -> re.Pattern[str]:
    # "zero point five percent", "One point six million": a decimal read aloud, digit by digit
    digit = "|".join(_digit_words())
    return re.compile(
        rf"(?i)(?<![\w-])(?<!\bat )(?P<whole>(?:{_word_alternatives()})(?:[ -](?:{_word_alternatives()}))*) point "
        rf"(?P<digits>(?:{digit})(?: (?:{digit}))*)(?![\w-])"
    )


# "a year and a half", "an hour and a half" (1.5): the unit stands between the article and its half
A_UNIT_AND_A_HALF = re.compile(r"(?i)(?<![\w-])an? (?P<unit>year|month|week|day|hour)s? and a half(?![\w-])")


# "a million barrels a day", "a billion dollars": the article is the numeral one (not "a hundred
# percent" or "a thousand times", which are idioms far more often than counts)
_A_SCALE = re.compile(
    r"(?i)(?<![\w-])(?<!half )(?<!\bin )an? (?P<scale>million|billion|trillion)(?P<half> and a half)?(?![\w-])"
)


# Amounts said aloud in two scales: "1 trillion 500 billion dollars" (1.5 trillion), "a
# trillion-five" and "a billion-two" (1.5 trillion, 1.2 billion): the second part is a smaller scale's
# count, or the tenths of the first scale
_TWO_SCALES = re.compile(
    r"(?i)(?<![\w.,-])(?P<a>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten) (?P<s1>trillion|billion|million)"
    r"(?:,? (?:and )?(?P<b>\d{1,3}) (?P<s2>billion|million|thousand)"
    r"|-(?P<tenth>one|two|three|four|five|six|seven|eight|nine))(?![\w-])"
)


def _two_scales(m: re.Match[str]) -> Numeral | None:
    scales = tables.scales()
    first = m.group("a").lower()
    count = 1.0 if first in ("a", "an") else float(first) if first.isdigit() else words_value(first)
    if count is None:
        return None
    first_scale = scales[m.group("s1").lower()]
    if m.group("tenth"):
        return Numeral(
            m.start(),
            m.end(),
            m.group(0),
            (count + _digit_words()[m.group("tenth").lower()] / 10) * first_scale,
            "words",
        )
    second_scale = scales[m.group("s2").lower()]
    if second_scale >= first_scale:
        return None  # "2 million 3 million" is a list, not one amount
    return Numeral(m.start(), m.end(), m.group(0), count * first_scale + int(m.group("b")) * second_scale, "words")


def _spoken_decimal(m: re.Match[str]) -> Numeral | None:
    whole = words_value(m.group("whole"))
    if whole is None:
        return None
    digits = "".join(str(_digit_words()[w.lower()]) for w in m.group("digits").split())
    return Numeral(m.start(), m.end(), m.group(0), whole + float(f"0.{digits}"), "words")


@cache
def _ratio_regex() -> re.Pattern[str]:
    # digits may be grouped: "997 out of 1,000 households", "153 out of 25,000 employees"
    numbers = rf"{_word_alternatives()}|\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}}"
    return re.compile(rf"(?i)(?<![\w-])(?P<n>{numbers})[ -](?:in|out[ -]of)[ -](?:every )?(?P<m>{numbers})(?![\w-])(?!,\d)")


@cache
def _ordinal_word_regex() -> re.Pattern[str]:
    words = sorted(tables.ordinals(), key=len, reverse=True)
    # "second-biggest": a hyphen may join an ordinal to a superlative (a rank); "second-hand" stays a word
    superlative = r"(?:largest|biggest|highest|greatest|most|fastest|leading|strongest|richest|busiest)\b"
    return re.compile(r"(?i)(?<![\w-])(?:" + "|".join(words) + r")(?!\w)(?!-(?!" + superlative + r"))")


def words_value(text: str) -> float | None:
    """Value of a number written in words; None when the words do not form one number.

    >>> words_value("Seventy-three"), words_value("one hundred and twenty"), words_value("two and a half")
    (73.0, 120.0, 2.5)
    >>> words_value("six-two") is None  # a vote tally, not a number
    True
    """
    table = tables.number_words()
    lowered = text.lower()
    part = re.search(r"(?:\s+|-)and(?:\s+|-)(?:a|one)[ -](half|quarter|third)$", lowered)
    if part:
        lowered = lowered[: part.start()]
    total, current, previous = 0.0, 0.0, None
    for piece in re.split(r"(-|\s+)", lowered):
        if not piece.strip() or piece == "and":
            continue
        if piece == "-":
            previous = "-" if previous is not None and previous != "-" else None
            continue
        if piece not in table:
            return None
        value = table[piece]
        if previous == "-" and not (current % 100 >= 20 and current % 10 == 0 and value < 10):
            return None  # a hyphen joins tens and units ("seventy-three"), nothing else ("six-two")
        if piece == "hundred":
            current = (current or 1) * 100
        elif piece == "dozen":
            current = (current or 1) * 12
        else:
            current += value
        previous = piece
    if part:
        current += _PART[part.group(1)]
    return total + current


def parse_digits(text: str) -> float:
    """'1,234.5' → 1234.5; '3,07,352' → 307352.0; '88,9' → 88.9 (a decimal comma)"""
    if re.fullmatch(_COMMA_DECIMAL, text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def _fraction_numeral(m: re.Match[str]) -> Numeral | None:
    if m.group("bare"):
        ratio = 0.5
    else:
        numerator = m.group("num").lower()
        n = 1.0 if numerator in ("a", "an") else tables.number_words().get(numerator)
        d = tables.denominators()[m.group("den").lower()]
        if n is None or n >= d:
            return None
        ratio = n / d
    return Numeral(m.start(), m.end(), m.group(0), round(ratio * 100, 6), "fraction", ratio)


def _ratio_numeral(m: re.Match[str]) -> Numeral | None:
    def value(token: str) -> float | None:
        digits = token.replace(",", "")
        return float(digits) if digits.isdigit() else words_value(token)

    n, total = value(m.group("n")), value(m.group("m"))
    year = m.group("m").isdigit() and total is not None and total >= 1900  # "1 in 2022" is a year; "1 in 2,022" is not
    if n is None or total is None or total <= n or year:
        return None
    return Numeral(m.start(), m.end(), m.group(0), round(n / total * 100, 6), "ratio")


def find_numerals(text: str) -> list[Numeral]:
    """Every numeral in ``text``, left to right, without overlaps (longest first).

    >>> [n.text for n in find_numerals("Seventy-three firms, 1,808 units and two-thirds of 22nd")]
    ['Seventy-three', '1,808', 'two-thirds', '22nd']
    >>> [(n.text, n.value) for n in find_numerals("3½ percent, 1-1/4 points, one in five, Rs 3,07,352")]
    [('3½', 3.5), ('1-1/4', 1.25), ('one in five', 20.0), ('3,07,352', 307352.0)]
    """
    found: list[Numeral] = []
    # each scan runs only when the sentence holds what every one of its matches needs (a digit, a
    # number word, a scale word …): most sentences hold none, and the scans cost a sixth of a worker
    words = set(_LETTERS.findall(text.lower()))
    digits = _ANY_DIGIT.search(text) is not None
    number_words = not words.isdisjoint(tables.number_words())
    scale_words = not words.isdisjoint(_SCALE_WORDS)
    if digits:
        for m in _ORDINAL_DIGITS.finditer(text):
            found.append(Numeral(m.start(), m.end(), m.group(0), parse_digits(m.group(1)), "ordinal"))
    if not words.isdisjoint(_denominator_words()):
        for m in _fraction_regex().finditer(text):
            numeral = _fraction_numeral(m)
            if numeral is not None:
                found.append(numeral)
    if scale_words:
        for m in _TWO_SCALES.finditer(text):
            if (numeral := _two_scales(m)) is not None:
                found.append(numeral)
        for m in _A_SCALE.finditer(text):
            value = tables.scales()[m.group("scale").lower()] * (1.5 if m.group("half") else 1)
            found.append(Numeral(m.start(), m.end(), m.group(0), value, "words"))
    if number_words and "point" in words:
        for m in _spoken_decimal_regex().finditer(text):
            if (numeral := _spoken_decimal(m)) is not None:
                found.append(numeral)
    if (digits or number_words) and ("in" in words or "out" in words):
        for m in _ratio_regex().finditer(text):
            numeral = _ratio_numeral(m)
            if numeral is not None:
                found.append(numeral)
    if digits:
        for m in _DIGITS.finditer(text):
            if len(m.group(0)) > _MAX_DIGITS:
                continue  # an identifier or a run of digits, not a quantity (and beyond float precision)
            found.append(Numeral(m.start(), m.end(), m.group(0), parse_digits(m.group(0)), "digits"))
        if "point" in words:
            for m in _DIGITS_POINT_DIGITS.finditer(text):
                found.append(Numeral(m.start(), m.end(), m.group(0), float(f"{m['whole']}.{m['digits']}"), "digits"))
        for m in _DIGITS_AND_A_PART.finditer(text):  # "5 and a half percent"
            fraction = 0.75 if m.group("three") else _PART[m.group("part")]
            found.append(Numeral(m.start(), m.end(), m.group(0), round(int(m.group("whole")) + fraction, 6), "digits"))
        for m in _SLASH_FRACTION.finditer(text):
            num, den = int(m.group("num")), int(m.group("den"))
            if 0 < num < den <= 16:
                whole = int(m.group("whole")) if m.group("whole") else 0
                found.append(Numeral(m.start(), m.end(), m.group(0), round(whole + num / den, 6), "digits"))
    if any(c in text for c in tables.vulgar_fractions()):
        for m in _vulgar_regex().finditer(text):
            whole = int(m.group("whole")) if m.group("whole") else 0
            found.append(
                Numeral(m.start(), m.end(), m.group(0), whole + tables.vulgar_fractions()[m.group("frac")], "digits")
            )
    if number_words:
        for m in _word_regex().finditer(text):
            said = words_value(m.group(0))
            if said is not None:
                found.append(Numeral(m.start(), m.end(), m.group(0), said, "words"))
            elif "-" in m.group(0):  # "six-two": each word on its own
                for part in re.finditer(r"[^\s-]+", m.group(0)):
                    said = words_value(part.group(0))
                    if said is not None:
                        found.append(
                            Numeral(m.start() + part.start(), m.start() + part.end(), part.group(0), said, "words")
                        )
    if "a" in words or "an" in words:
        found = _with_article(text, found)
    if not words.isdisjoint(tables.ordinals()):
        ordinal_table = tables.ordinals()
        for m in _ordinal_word_regex().finditer(text):
            found.append(Numeral(m.start(), m.end(), m.group(0), float(ordinal_table[m.group(0).lower()]), "ordinal"))
    return _longest_without_overlaps(found)


# "a hundred and sixty billion dollars", "over a thousand billionaires": the article is the numeral one
_ARTICLE_ROUND = re.compile(r"(?i)(?<![\w-])an? (?=(?:hundred|thousand)\b)")


def _with_article(text: str, found: list[Numeral]) -> list[Numeral]:
    starts = {n.start: i for i, n in enumerate(found)}
    out = list(found)
    for m in _ARTICLE_ROUND.finditer(text):
        i = starts.get(m.end())
        if i is not None and out[i].form == "words":
            n = out[i]
            out[i] = Numeral(m.start(), n.end, text[m.start() : n.end], n.value, "words")
        elif i is None and text[m.end() :].lower().startswith("thousand") and not re.match(r"[\w-]", text[m.end() + 8 : m.end() + 9]):
            out.append(Numeral(m.start(), m.end() + 8, text[m.start() : m.end() + 8], 1000.0, "words"))
    return out


# "5 and a half percent", "4 and a quarter to 4.5%" (a Fed Chair speaking), "2 and three quarters"
_DIGITS_AND_A_PART = re.compile(
    r"(?<![\d.,])(?P<whole>\d{1,3}) and (?:(?:a|one)[ -](?P<part>half|quarter|third)|(?P<three>three[ -]quarters))(?![\w-])"
)
_PART = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}  # the fraction after "and a", in digits or words
# "7-point-2 percent": a decimal read aloud and written in digits (Radio New Zealand's style; the spoken
# "seven point two" in words is _spoken_decimal_regex)
_DIGITS_POINT_DIGITS = re.compile(r"(?<![\w.,-])(?P<whole>\d{1,3})-point-(?P<digits>\d{1,3})(?![\w-])")
_LETTERS = re.compile(r"[a-z]+")
_ANY_DIGIT = re.compile(r"\d")
_SCALE_WORDS = frozenset({"million", "billion", "trillion"})


@cache
def _denominator_words() -> frozenset[str]:
    return frozenset(tables.denominators()) | {"half", "halves", "quarter", "quarters"}


def _longest_without_overlaps(found: list[Numeral]) -> list[Numeral]:
    """Keep the longest numerals first, then any shorter one that overlaps none kept (O(n log n))."""
    found.sort(key=lambda n: (-(n.end - n.start), n.start))
    starts: list[int] = []  # kept numerals, sorted by start; they never overlap each other
    kept: list[Numeral] = []
    for n in found:
        i = bisect.bisect_left(starts, n.start)
        if i < len(kept) and kept[i].start < n.end:
            continue
        if i > 0 and kept[i - 1].end > n.start:
            continue
        starts.insert(i, n.start)
        kept.insert(i, n)
    return kept


NUMBER_HINT = re.compile(
    r"\d|[½¼¾⅓⅔⅛]|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|billion|trillion|dozen|half|third|thirds|quarter|quarters|first|second|fifth)\b)"
)


def may_hold_number(text: str) -> bool:
    """Cheap test used to decide which sentences need the full spaCy pipeline."""
    return NUMBER_HINT.search(text) is not None
