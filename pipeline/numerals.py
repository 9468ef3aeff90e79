"""Numerals: digits, number words, fractions and ordinals, with their values.

Pure functions over strings; offsets are relative to the string searched.
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
    form: str  # "digits" | "words" | "fraction" | "ordinal"


_MAX_DIGITS = 24  # "123,456,789,012,345.678" fits; longer digit runs are ids, not quantities
_DIGITS = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])")
_ORDINAL_DIGITS = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)\b")


@cache
def _word_regex() -> re.Pattern[str]:
    words = sorted(tables.number_words(), key=len, reverse=True)
    unit = "|".join(words)
    # "seventy-three", "twenty one", "one hundred and twenty"
    return re.compile(
        rf"(?i)(?<![\w-])(?:{unit})(?:(?:-| |\sand\s)(?:{unit}))*(?![\w])",
    )


@cache
def _fraction_regex() -> re.Pattern[str]:
    words = sorted(tables.fractions(), key=len, reverse=True)
    return re.compile(r"(?i)(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


@cache
def _ordinal_word_regex() -> re.Pattern[str]:
    words = sorted(tables.ordinals(), key=len, reverse=True)
    return re.compile(r"(?i)(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])")


def words_value(text: str) -> float | None:
    """Value of a number written in words.

    >>> words_value("Seventy-three")
    73.0
    >>> words_value("one hundred and twenty")
    120.0
    """
    table = tables.number_words()
    total, current = 0.0, 0.0
    parts = [p for p in re.split(r"[-\s]+", text.lower()) if p and p != "and"]
    if not parts:
        return None
    for part in parts:
        if part not in table:
            return None
        value = table[part]
        if part == "hundred":
            current = (current or 1) * 100
        elif part == "dozen":
            current = (current or 1) * 12
        else:
            current += value
    return total + current


def parse_digits(text: str) -> float:
    """'1,234.5' → 1234.5"""
    return float(text.replace(",", ""))


def find_numerals(text: str) -> list[Numeral]:
    """Every numeral in ``text``, left to right, without overlaps (longest first).

    >>> [n.text for n in find_numerals("Seventy-three firms, 1,808 units and two-thirds of 22nd")]
    ['Seventy-three', '1,808', 'two-thirds', '22nd']
    """
    found: list[Numeral] = []
    for m in _ORDINAL_DIGITS.finditer(text):
        found.append(Numeral(m.start(), m.end(), m.group(0), parse_digits(m.group(1)), "ordinal"))
    for m in _fraction_regex().finditer(text):
        value = tables.fractions()[m.group(0).lower()]
        found.append(Numeral(m.start(), m.end(), m.group(0), value, "fraction"))
    for m in _DIGITS.finditer(text):
        if len(m.group(0)) > _MAX_DIGITS:
            continue  # an identifier or a run of digits, not a quantity (and beyond float precision)
        found.append(Numeral(m.start(), m.end(), m.group(0), parse_digits(m.group(0)), "digits"))
    for m in _word_regex().finditer(text):
        value = words_value(m.group(0))
        if value is not None:
            found.append(Numeral(m.start(), m.end(), m.group(0), value, "words"))
    ordinal_table = tables.ordinals()
    for m in _ordinal_word_regex().finditer(text):
        found.append(Numeral(m.start(), m.end(), m.group(0), float(ordinal_table[m.group(0).lower()]), "ordinal"))
    return _longest_without_overlaps(found)


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
    r"\d|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|billion|trillion|dozen|half|third|thirds|quarter|quarters|first|second|fifth)\b)"
)


def may_hold_number(text: str) -> bool:
    """Cheap test used to decide which sentences need the full spaCy pipeline."""
    return NUMBER_HINT.search(text) is not None
