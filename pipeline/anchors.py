"""Literal anchors of a regular expression: a cheap, exact test that a pattern cannot match.

The period grammar (74 rules) and the non-claim patterns (about 90) are tried on every sentence,
yet most sentences match none of them. Each pattern is parsed once into a set of lower-case strings
at least one of which every match must contain ("year", "month", a digit…); a sentence that contains
none of them is skipped without running the pattern. The test only ever skips patterns that cannot
match, so results are identical with and without it.
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

DIGIT = "\x00digit"  # stands for "any character \\d matches"


def required_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings at least one of which every match of ``pattern`` contains, or None when no
    such set can be read off the pattern.

    >>> sorted(required_strings(re.compile(r"(?i)\\b(?:last|next)\\s+(?:year|month)s?\\b")))
    ['last', 'next']
    >>> required_strings(re.compile(r"\\d{4}")) == {DIGIT}
    True
    >>> required_strings(re.compile(r"[A-Z]\\w+")) is None
    True
    """
    try:
        return _sequence(_parser.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError, AttributeError):  # an unusual construct: no anchors, never skip
        return None


def _score(candidates: frozenset[str]) -> tuple[int, int]:
    # a longer shortest string is rarer in text; a digit is about as rare as a three-letter word
    return (min(3 if s == DIGIT else len(s) for s in candidates), -len(candidates))


def _sequence(items) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(candidates: frozenset[str] | None) -> None:
        nonlocal best
        if candidates and (best is None or _score(candidates) > _score(best)):
            best = candidates

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:
            consider(frozenset({"".join(run)}))
            run = []
        consider(_node(op, av))
    if run:
        consider(frozenset({"".join(run)}))
    return best


def _node(op, av) -> frozenset[str] | None:
    if op is c.SUBPATTERN:
        return _sequence(av[-1])
    if op is c.ATOMIC_GROUP:
        return _sequence(av)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            found = _sequence(branch)
            if found is None:
                return None
            out |= found
        return frozenset(out)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, item = av
        return _sequence(item) if low >= 1 else None
    if op is c.IN:
        return _char_set(av)
    return None  # anchors (\b), look-arounds, any character, back-references: no requirement


def _char_set(members) -> frozenset[str] | None:
    if all(op is c.LITERAL for op, _ in members):
        return frozenset(chr(v).lower() for _, v in members)
    if all(
        (op is c.CATEGORY and v is c.CATEGORY_DIGIT) or (op is c.RANGE and 48 <= v[0] <= v[1] <= 57)
        for op, v in members
    ):
        return frozenset({DIGIT})
    return None


def anchor_pattern(anchors: frozenset[str] | None) -> re.Pattern[str] | None:
    """One compiled search for "any of ``anchors``" in lower-cased text (None: no anchors, always try).

    >>> anchor_pattern(frozenset({"year", DIGIT})).search("in 2023") is not None
    True
    """
    if anchors is None:
        return None
    alternatives = sorted(re.escape(a) for a in anchors if a != DIGIT)
    if DIGIT in anchors:
        alternatives.append(r"\d")
    return re.compile("|".join(alternatives))


class Sentence:
    """A sentence prepared for anchor tests: lower-cased once."""

    __slots__ = ("lower",)

    def __init__(self, text: str):
        self.lower = text.lower()

    def may_match(self, anchors: re.Pattern[str] | None) -> bool:
        """False only when the sentence contains none of the anchors (so the pattern cannot match);
        ``anchors`` as ``anchor_pattern`` compiles them."""
        return anchors is None or anchors.search(self.lower) is not None
