"""Figures listed together in a sentence ("9.4% and 28%", "23.5%, 38.7% and 37.1%"): they share kind,
modality and period, and "respectively" pairs them with as many periods or subjects."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.records import QuantityMention

_QUALIFYING = r"(?:(?:nearly|about|around|over|more than|less than|almost|roughly|approximately|some) )?"
_LIST_JOIN = re.compile(
    rf"(?: \([^)]{{1,20}}\))?(?:,? and ?{_QUALIFYING}|, {_QUALIFYING}|,? or {_QUALIFYING}|,? as well as {_QUALIFYING})"
)
_CLAUSE_BREAK = re.compile(r"[;:]|\. |—| - |, (?:while|whereas|but) ")


@dataclass
class Chain:
    """Figures listed together: indexes into the sentence's mentions and their sentence-relative extent."""

    members: list[int]
    start: int
    end: int


def chains_of(sentence: str, mentions: list[QuantityMention], offset: int) -> list[Chain]:
    """Group figures listed together. A bare comma joins figures only inside a list that ends
    with "and"/"or" ("23.5%, 38.7% and 37.1%"); "400 million, 200 million more" is two chains."""
    chains: list[Chain] = []
    joins: list[list[str]] = []
    for i, m in enumerate(mentions):
        s, e = m.start - offset, m.end - offset
        between = sentence[chains[-1].end : s] if chains else ""
        if chains and _LIST_JOIN.fullmatch(between) and mentions[chains[-1].members[-1]].unit == m.unit:
            chains[-1].members.append(i)
            chains[-1].end = e
            joins[-1].append(between)
        else:
            chains.append(Chain([i], s, e))
            joins.append([])
    out: list[Chain] = []
    for chain, seps in zip(chains, joins, strict=True):
        if seps and not any(re.search(r"\b(?:and|or|as well as)\b", sep) for sep in seps):
            for member in chain.members:  # commas only: an apposition, not a list
                m = mentions[member]
                out.append(Chain([member], m.start - offset, m.end - offset))
        else:
            out.append(chain)
    return out


def window_before(sentence: str, chains: list[Chain], k: int) -> str:
    """Text between the previous figure (or the clause start) and chain ``k``."""
    start = chains[k - 1].end if k > 0 else 0
    window = sentence[start : chains[k].start]
    parts = _CLAUSE_BREAK.split(window)
    return parts[-1] if parts else window
