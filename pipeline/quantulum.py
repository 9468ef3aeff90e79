"""A thin, side-effect-free wrapper around quantulum3.

quantulum3 reads units from its 70 KB table (surfaces, symbols, entities). We ask it only one
question: *which physical unit follows this number?* — for units outside our own table — and
we check its answer: it reads "5G" as gauss and "38T" as tesla, so single letters and
dimensionless or currency answers are refused, and the unit must be a whole word in the text.

quantulum3's ``parse()`` calls ``logging.basicConfig`` and can change the root log level; the
wrapper restores the logging state after each call. It never touches quantulum's globals.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass

from pipeline import units

# Entities whose units we accept from quantulum3 (it names them in its entities.json).
PHYSICAL_ENTITIES = frozenset({
    "length", "mass", "power", "energy", "area", "volume", "speed", "temperature", "frequency",
    "data storage", "data transfer rate", "pressure", "force", "density", "flow", "volumetric flow",
    "fuel economy", "electric current", "voltage", "electric potential", "charge", "acceleration",
})


@dataclass(frozen=True)
class QuantulumUnit:
    end: int  # end of the unit surface, relative to the window passed in
    surface: str
    unit: str  # pint symbol


def _parse(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser  # imported lazily: it warns and loads its tables at import
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        return parser.parse(text)
    except Exception:  # quantulum3 raises assorted errors on odd input; it is only a helper here
        return []
    finally:
        root.setLevel(level)
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)


def _pint_for(unit) -> str | None:
    candidates = list(getattr(unit, "symbols", None) or [])
    name = getattr(unit, "name", "") or ""
    candidates += [name.replace(" ", "_"), name]
    for candidate in candidates:
        if not candidate or len(candidate) < 2:
            continue
        symbol = units.pint_symbol(candidate)
        if symbol:
            return symbol
    return None


def unit_after_number(window: str, number_end: int) -> QuantulumUnit | None:
    """The physical unit quantulum3 reads right after the number that ends at ``number_end``.

    >>> unit_after_number("16,000 rpm at full speed", 6).unit
    'rpm'
    >>> unit_after_number("5G base stations", 1) is None
    True
    """
    for quantity in _parse(window):
        start, end = quantity.span
        if not (start <= number_end - 1 < end) or end <= number_end:
            continue
        entity = getattr(getattr(quantity.unit, "entity", None), "name", "")
        if entity not in PHYSICAL_ENTITIES:
            return None
        tail = window[number_end:end]
        word = tail.strip()
        if len(re.sub(r"[^A-Za-z]", "", word)) < 2 or (end < len(window) and window[end].isalnum()):
            return None
        symbol = _pint_for(quantity.unit)
        if symbol is None:
            return None
        return QuantulumUnit(end, tail, symbol)
    return None
