"""Unit vocabulary: surface forms → canonical unit names, and pint for everything else.

The closed vocabulary of docs/claims-schema.md lives in ``data/units.csv`` and
``data/currencies.csv``. Physical units outside it are written the way pint writes their
symbol ("kWh/kg", "rpm", "degC"), with the value as stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline import tables


@dataclass(frozen=True)
class UnitMatch:
    """A unit found right after a number."""

    end: int  # offset (in the searched string) just after the unit surface
    surface: str
    unit: str
    factor: float
    pint: str


_WORD_END = re.compile(r"(?![A-Za-z0-9])")


def match_unit_at(
    text: str, pos: int, *, glued: bool, sentence_lower: str = "", after_slash: bool = False
) -> UnitMatch | None:
    """Return the longest unit surface starting at ``text[pos:]``.

    ``glued`` says the unit touches the number ("36%", "100Mbps"): single-letter units are then
    allowed only when the sentence holds a context word (``data/unit_context.csv``).

    >>> match_unit_at("36% rise", 2, glued=True).unit
    'percent'
    >>> match_unit_at("5 percentage points", 2, glued=False).surface
    'percentage points'
    """
    window = text[pos : pos + 40]
    lower = window.lower()
    context = tables.unit_context()
    for alias in tables.unit_aliases():
        surface = alias.surface
        candidate = window if alias.case_sensitive else lower
        key = surface if alias.case_sensitive else surface.lower()
        if not candidate.startswith(key):
            continue
        end = len(key)
        # word units must end at a word boundary; "%" and "-fold" need nothing after them
        if key[-1].isalnum() and not _WORD_END.match(window, end):
            continue
        if len(surface) == 1 and surface.isalpha() and not after_slash:  # "km/h": the slash is context enough
            needs = context.get(surface)
            if not glued or needs is None or not any(w in sentence_lower for w in needs):
                continue
        if surface.startswith("-") and not glued:
            continue
        return UnitMatch(pos + end, window[:end], alias.unit, alias.factor, alias.pint)
    return None


_PER = re.compile(r"\s*(?:per|/)\s*(?:every\s+)?", re.IGNORECASE)
# "a day", "an hour" after a physical unit is "per day" ("barrels a day"); only with a unit of time
_A_TIME = re.compile(r"\s+(?:an?\s+(?P<unit>day|week|month|year|hour)\b|(?P<adverb>daily)\b)", re.IGNORECASE)


_OF_MATERIAL = re.compile(
    r"\s+of\s+(?:[a-z]+\s+)?[a-z]+(?=\s*(?:per|/)\s|\s+(?:an?\s+(?:day|week|month|year|hour)|daily)\b)", re.IGNORECASE
)


def match_compound_unit(text: str, first: UnitMatch, sentence_lower: str = "") -> UnitMatch | None:
    """Extend a unit with "per <unit>" ("watt-hours per kilo") into a pint compound unit.

    The value is then kept as stated and the unit is pint's symbol, e.g. ``Wh/kg``.
    """
    at = first.end
    material = _OF_MATERIAL.match(text, at)  # "barrels of oil per day": the rate is still barrels a day
    if material is not None:
        at = material.end()
    per = _PER.match(text, at)
    a_day = _A_TIME.match(text, at) if per is None else None  # "a million barrels a day"
    if not (per or a_day) or not first.pint or first.unit in ("percent", "percentage_point"):
        return None  # "3% a year" is a rate in percent (GUIDELINES §4), not a percent per year
    slash = per is not None and "/" in per.group(0)
    if a_day is not None and a_day.group("adverb"):
        second: UnitMatch | None = UnitMatch(a_day.end(), a_day.group("adverb"), "day", 1.0, "day")  # "barrels daily"
    else:
        start = per.end() if per is not None else a_day.start("unit")  # type: ignore[union-attr]
        second = match_unit_at(text, start, glued=slash, sentence_lower=sentence_lower, after_slash=slash)
    if second is None or not second.pint or second.unit in {"percent", "percentage_point", "times"}:
        return None
    symbol = pint_symbol(f"({first.pint})/({second.pint})")
    if symbol is None:
        return None
    return UnitMatch(second.end, text[first.end - len(first.surface) : second.end], symbol, 1.0, "")


@cache
def _registry():  # pint's registry is slow to build: once per process, and only when needed
    import pint

    return pint.UnitRegistry()


def _pint_unit(expression: str):
    """pint's unit for an expression, or None when pint cannot read it. pint raises more than its own
    errors on odd names: quantulum3's hyphenated units ("pound-mass", "milliampere-hour") end in a
    ``TypeError`` from its parser, so every failure is caught here, in the one place pint is asked."""
    try:
        return _registry().Unit(expression)
    except Exception:  # noqa: BLE001 — any failure means "not a unit pint knows"
        return None


@cache
def pint_symbol(expression: str) -> str | None:
    """pint's short symbol for a unit expression, without spaces ("kilowatt_hour/kilogram" → "kWh/kg").

    >>> pint_symbol("kilowatt_hour/kilogram"), pint_symbol("pound-mass")
    ('kWh/kg', None)
    """
    unit = _pint_unit(expression)
    return None if unit is None else f"{unit:~}".replace(" ", "")


def is_pint_symbol(unit: str) -> bool:
    """True when ``unit`` parses as a pint unit (used to validate units outside the named set)."""
    return _pint_unit(unit) is not None


@dataclass(frozen=True)
class CurrencyMatch:
    start: int
    end: int
    code: str  # ISO 4217 code, LOCAL (the document's own currency) or DOLLAR (its own if a dollar)
    factor: float = 1.0  # "19 cents" → 0.01


def match_currency_prefix(text: str, number_start: int) -> CurrencyMatch | None:
    """A currency written before the number ("RMB20.9", "USD 50", "$5", "A$3")."""
    before = text[max(0, number_start - 12) : number_start]
    for cur in tables.currencies():
        if cur.position != "prefix":
            continue
        for gap in ("", " "):
            token = cur.surface + gap
            if before.endswith(token):
                start = number_start - len(token)
                if start > 0 and cur.surface[0].isalpha() and text[start - 1].isalnum():
                    continue
                return CurrencyMatch(start, number_start, cur.code, cur.factor)
    return None


def match_currency_suffix(text: str, pos: int) -> CurrencyMatch | None:
    """A currency written after the number and scale word ("20.9 trillion yuan", "19 cents", "50p")."""
    glued = [c for c in tables.currencies() if c.position == "glued"]
    for cur in glued:
        if text.startswith(cur.surface, pos) and _WORD_END.match(text, pos + len(cur.surface)):
            return CurrencyMatch(pos, pos + len(cur.surface), cur.code, cur.factor)
    at = pos
    if text.startswith("-", at):  # "a 25-cent drop": the adjective form
        at += 1
    while at < len(text) and text[at].isspace():
        at += 1
    window = text[at : at + 30]
    for cur in tables.currencies():
        if cur.position != "suffix":
            continue
        if window.startswith(cur.surface) and _WORD_END.match(window, len(cur.surface)):
            return CurrencyMatch(at, at + len(cur.surface), cur.code, cur.factor)
        if (
            not cur.case_sensitive
            and window.lower().startswith(cur.surface.lower())
            and cur.surface.islower()
            and _WORD_END.match(window, len(cur.surface))
        ):
            return CurrencyMatch(at, at + len(cur.surface), cur.code, cur.factor)
    return None


@dataclass(frozen=True)
class CompactScale:
    end: int
    factor: float


_COMPACT = re.compile(r"(?P<suffix>[KkMm]|bn|BN|b|B|mn|mln|tn|trn|T)(?![A-Za-z0-9])")


def match_compact_scale(text: str, pos: int, *, money: bool) -> CompactScale | None:
    """A scale glued to digits: "$13.6M", "€2bn", "3K", "$1.2tn". Lower-case "m" and "b" are read as
    million and billion only after a currency ("5m" alone is five metres)."""
    m = _COMPACT.match(text, pos)
    if not m:
        return None
    suffix = m.group("suffix")
    factor = tables.compact_scales().get(suffix)
    counted = suffix == "M" and re.match(r" (?!fib|optic|broadband|network|bps|connection)[a-z]{3,}", text[m.end() : m.end() + 14])
    if factor is None or (suffix != "K" and not money and not counted):
        return None  # "1000M fiber": a class name, not a million; "1M barrels", "3M jobs" are millions
    return CompactScale(m.end(), factor)


def names_currency_here(code: str, local: str) -> bool:
    """Whether a currency surface names a currency in a document whose own currency is ``local``: a code
    ending "!" ("PHP!" for the peso's "P", "PGK|ZMW|…!" for the "K" of the kina and the kwacha) does only
    where it is (one of) the document's own; others always do."""
    return not code.endswith("!") or local in code[:-1].split("|")


def currency_code(code: str, local: str) -> str:
    """The ISO code a currency word stands for in a document whose own currency is ``local``: LOCAL is
    that currency, DOLLAR that currency when it is a dollar (else USD); a family of codes ("INR|LKR|PKR|NPR" for "rupees", "Rs") is the local one when it
    belongs to the family, else the family's first.

    >>> currency_code("INR|LKR|PKR|NPR", "LKR"), currency_code("INR|LKR|PKR|NPR", "USD")
    ('LKR', 'INR')
    """
    code = code.rstrip("!")  # "PHP!": a symbol that is a currency only in its own country (see extract._grow)
    if code == "LOCAL":
        return local
    if code == "DOLLAR":  # "$" in a Vietnamese text is the US dollar, in a Fijian one the Fiji dollar
        return local if local in tables.dollar_currencies() else "USD"
    family = code.split("|")
    return local if local in family else family[0]
