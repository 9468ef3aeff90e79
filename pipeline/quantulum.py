"""A thin, side-effect-free wrapper around quantulum3.

quantulum3 reads units from its 70 KB table (surfaces, symbols, entities). We ask it only one
question: *which physical unit follows this number?* — for units outside our own table — and
we check its answer: it reads "5G" as gauss and "38T" as tesla, so single letters and
dimensionless or currency answers are refused, and the unit must be a whole word in the text.

quantulum3's ``parse()`` calls ``logging.basicConfig`` and can change the root log level; the
wrapper restores the logging state after each call. It never touches quantulum's globals.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline import units

# Entities whose units we accept from quantulum3 (it names them in its entities.json).
PHYSICAL_ENTITIES = frozenset(
    {
        "length",
        "mass",
        "power",
        "energy",
        "area",
        "volume",
        "speed",
        "temperature",
        "frequency",
        "data storage",
        "data transfer rate",
        "pressure",
        "force",
        "density",
        "flow",
        "volumetric flow",
        "fuel economy",
        "electric current",
        "voltage",
        "electric potential",
        "charge",
        "acceleration",
        "instance frequency",
    }
)


@dataclass(frozen=True)
class QuantulumUnit:
    end: int  # end of the unit surface, relative to the window passed in
    surface: str
    unit: str  # pint symbol


def _unchecked(target=None, **_options):
    """``typeguard.typechecked`` that checks nothing (see ``quantulum_parser``)."""
    return target if target is not None else (lambda function: function)


@cache
def quantulum_parser():
    """quantulum3's parser module, imported once per process, lazily (it warns and loads its tables at
    import). Its plural helper, inflect, wraps every function in typeguard's run-time type checks at
    import: seconds of rewriting per process and a check on every call, for checks that only ever
    raise. We import it with ``typechecked`` as a no-op, which changes no result."""
    import typeguard

    original = typeguard.typechecked
    typeguard.typechecked = _unchecked
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import inflect  # noqa: F401 — quantulum3 imports it on its first parse; import it here, unchecked
            from quantulum3 import parser
    finally:
        typeguard.typechecked = original
    return parser


def _parse(text: str):
    parser = quantulum_parser()
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
    name = getattr(unit, "name", "") or ""
    # the name first: symbols such as "cu m" mean something else to pint
    # "mile per hour" → mile/hour → "mi/h", as the schema writes it (not pint's "mph")
    candidates = [
        name.replace(" per ", "/").replace(" ", "_"),
        name.replace(" ", "_"),
        name,
        *(getattr(unit, "symbols", None) or []),
    ]
    for candidate in candidates:
        if not candidate or len(candidate) < 2:
            continue
        symbol = units.pint_symbol(candidate)
        if symbol:
            return symbol
    return None


# unit symbols that are also everyday English words ("in" for inch, "ha" + "s")
_ENGLISH = frozenset("in at on to is as has am an or per by of the a be do it no us we he".split())


@cache
def _physical_surfaces() -> dict[str, tuple[str, ...]]:
    """Surfaces and symbols of quantulum3's physical units, keyed by their first word, read straight
    from its units.json files — so that the parser (slow to import) runs only when a unit may follow."""
    spec = importlib.util.find_spec("quantulum3")
    if spec is None or not spec.submodule_search_locations:
        return {}
    root = Path(list(spec.submodule_search_locations)[0])
    common = root / "_lang" / "en_US" / "common-words.json"
    skip = set()
    if common.exists():
        data = json.loads(common.read_text(encoding="utf-8"))
        skip = {w.lower() for words in (data.values() if isinstance(data, dict) else [data]) for w in words}
    surfaces: dict[str, set[str]] = {}
    for path in (root / "units.json", root / "_lang" / "en_US" / "units.json"):
        if not path.exists():
            continue
        for unit in json.loads(path.read_text(encoding="utf-8")).values():
            if unit.get("entity") not in PHYSICAL_ENTITIES:
                continue
            for surface in [*unit.get("surfaces", []), *unit.get("symbols", [])]:
                surface = surface.lower().strip()
                words = surface.split()
                if not words or len(words[0]) < 2 or (len(words) == 1 and (surface in skip or surface in _ENGLISH)):
                    continue
                forms = (surface, surface + "s", surface + "es") if len(surface) > 3 else (surface,)
                for form in forms:
                    surfaces.setdefault(form.split()[0], set()).add(form)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in surfaces.items()}


def may_follow(text_after: str) -> bool:
    """True when the words after a number begin one of quantulum3's physical units."""
    m = re.match(r"[ -]?(?=[A-Za-z°µ])", text_after)
    if not m:
        return False
    rest = text_after[m.end() :].lower()
    first = re.match(r"[^\s,.;:()]+", rest)
    if not first:
        return False
    for surface in _physical_surfaces().get(first.group(0), ()):
        if rest.startswith(surface) and not rest[len(surface) : len(surface) + 1].isalnum():
            return True
    return False


def unit_after_number(window: str, number_end: int) -> QuantulumUnit | None:
    """The physical unit quantulum3 reads right after the number that ends at ``number_end``.

    >>> unit_after_number("300 miles per hour", 3).unit
    'mi/h'
    >>> unit_after_number("5G base stations", 1) is None
    True
    """
    if not may_follow(window[number_end:]):
        return None
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
