"""Stage 5 — normalise: qualifier, kind and direction, modality and period of each quantity.

Cue words come from data tables (``qualifiers.csv``, ``change_cues.csv``, ``modality_cues.csv``).
Periods follow the order of gold/GUIDELINES.md §8.2: the sentence's own expression (pairing
"respectively" lists and "from X to Y"), a comparison base for changes, the period carried from
earlier in the paragraph, then the period that opens the speaker's turn.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline import periods, tables
from pipeline.records import (
    Document,
    NormalisedQuantity,
    Period,
    QuantityMention,
    Sentence,
    SpeakerTurn,
    TimeExpression,
)

_LIST_JOIN = re.compile(r",? and |, |,? or ")
_CLAUSE_BREAK = re.compile(r"[;:]|\. |—| - |, (?:while|whereas|but) ")


def _ends_with_phrase(text: str, phrase: str) -> bool:
    """``text`` ends with ``phrase`` as whole words (case-insensitive)."""
    text = text.lower()
    if not text.endswith(phrase):
        return False
    cut = len(text) - len(phrase)
    return cut == 0 or not text[cut - 1].isalnum() or not phrase[0].isalnum()


def qualifier_of(sentence: str, start: int, end: int) -> str:
    """'more than 60%' → over; '100Mbps and above' → at_least; '10,000-plus' → over.

    >>> qualifier_of("nearly 30% of it", 7, 10)
    'approx'
    """
    span = sentence[start:end]
    if span.endswith("-plus"):
        return "over"
    before = sentence[max(0, start - 30) : start].rstrip()
    after = sentence[end : end + 20].lstrip().lower()
    for cue in tables.qualifier_cues():
        if cue.position == "before" and _ends_with_phrase(before, cue.phrase):
            return cue.value
        if cue.position == "after" and re.match(re.escape(cue.phrase) + r"\b", after):
            return cue.value
    return "exact"


@dataclass
class _Chain:
    """Figures listed together ("9.4% and 28%"): they share kind, modality and period logic."""

    members: list[int]  # indexes into the sentence's mentions
    start: int  # sentence-relative
    end: int


def _chains(sentence: str, mentions: list[QuantityMention], offset: int) -> list[_Chain]:
    chains: list[_Chain] = []
    for i, m in enumerate(mentions):
        s, e = m.start - offset, m.end - offset
        if chains and _LIST_JOIN.fullmatch(sentence[chains[-1].end : s]) and mentions[chains[-1].members[-1]].unit == m.unit:
            chains[-1].members.append(i)
            chains[-1].end = e
        else:
            chains.append(_Chain([i], s, e))
    return chains


def _window_before(sentence: str, chains: list[_Chain], k: int) -> str:
    """Text between the previous figure (or the clause start) and this chain."""
    start = chains[k - 1].end if k > 0 else 0
    window = sentence[start : chains[k].start]
    parts = _CLAUSE_BREAK.split(window)
    return parts[-1] if parts else window


def _nearest_cue(window: str) -> tuple[str, str | None, int] | None:
    """The change cue that ends closest to the end of ``window``: (kind, direction, distance)."""
    lower = window.lower()
    best: tuple[str, str | None, int] | None = None
    for cue in tables.change_cues():
        if cue.position != "before":
            continue
        for m in re.finditer(r"(?<![a-z])" + re.escape(cue.phrase) + r"(?![a-z])", lower):
            distance = len(lower) - m.end()
            if best is None or distance < best[2]:
                best = (cue.value, cue.direction, distance)
    return best


_CONTRIBUTION = re.compile(r"(?i)\b(?:contribut\w*|drove|driving|drives|lifted|lifting|boosted|pulled|adding)\b")
_GROWTH_NOUN = re.compile(r"(?i)\b(?:growth rates?|growth of|growth|rate of (?:increase|decrease|decline))\b")


def kind_of(sentence: str, chains: list[_Chain], k: int, unit: str) -> tuple[str, str | None]:
    """Level or change (and direction) of the figures of chain ``k``.

    >>> s = "Exports rose 5.5% and reached 300 units."
    >>> cs = [_Chain([0], 13, 17), _Chain([1], 30, 33)]
    >>> kind_of(s, cs, 0, "percent"), kind_of(s, cs, 1, "count")
    (('change', 'up'), ('level', None))
    """
    after = sentence[chains[k].end :].lower()
    after = re.sub(r"^,? respectively,?", "", after)
    for cue in tables.change_cues():
        if cue.position == "after" and re.match(r"\s*" + re.escape(cue.phrase) + r"(?![a-z])", after):
            if cue.phrase in ("year on year", "year-on-year"):
                continue  # says nothing about direction on its own
            if cue.phrase in ("more", "fewer", "higher", "lower", "above", "below") and unit not in (
                "percent", "percentage_point", "times", "count",
            ):
                continue
            return cue.value, cue.direction
    window = _window_before(sentence, chains, k)
    if _CONTRIBUTION.search(window):
        return "level", None
    nearest = _nearest_cue(window)
    if nearest is not None and nearest[0] == "change":
        return "change", nearest[1]
    if unit in ("percent", "percentage_point") and _GROWTH_NOUN.search(window) and not re.search(
        r"(?i)\b(?:from|to)\s*$|\b(?:share|proportion|accounted|accounting)\b", window
    ):
        if nearest is None or nearest[0] == "level" and re.search(r"(?i)stood at|was|reached|came in at|hit|exceed|surpass|remained|of\s*$", window):
            return "change", "down" if re.search(r"(?i)\bnegative\b", window) else "up"
    if re.search(r"(?i)\b(?:after|with) (?:a |an )?(?:year-on-year )?(?:increase|growth|rise) of\s*$", window):
        return "change", "up"
    return "level", None


def modality_of(sentence: str, chain_start: int, chain_end: int) -> tuple[str, bool]:
    """('target' | 'actual', soft) — soft is True when only a future-tense word ("will") says target."""
    start = max(0, max((m.end() for m in re.finditer(r"[;]|\. ", sentence[:chain_start])), default=0))
    stop_m = re.search(r"[;]|\. ", sentence[chain_end:])
    end = chain_end + stop_m.start() if stop_m else len(sentence)
    clause = sentence[start:end].lower()
    for blocker in tables.modality_blockers():
        if blocker in clause:
            return "actual", False
    hit = None
    for phrase, kind in tables.modality_cues():
        if re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", clause):
            if kind == "target":
                return "target", False
            hit = "target"
    return ("target", True) if hit else ("actual", False)


# --- periods ---------------------------------------------------------------------------------


@dataclass
class _PeriodState:
    doc_date: dt.date
    frame: dict[int, Period | None]  # turn_index -> period that opens the turn
    current: Period | None = None  # carried within the paragraph
    blocked: bool = False  # a vague time expression ("recently") stops the carry
    paragraph: int = -1
    context_year: int = 0


def _turn_frames(doc: Document, turns: list[SpeakerTurn], sentences: list[Sentence], mention_starts: list[int]) -> dict[int, Period | None]:
    """The first period stated in each turn before its first figure (None if vague or absent)."""
    frames: dict[int, Period | None] = {}
    first_figure: dict[int, int] = {}
    for sent in sentences:
        if any(sent.start <= p < sent.end for p in mention_starts):
            first_figure.setdefault(sent.turn_index, sent.start)
    for sent in sentences:
        if sent.turn_index in frames:
            continue
        limit = first_figure.get(sent.turn_index)
        exprs = periods.find_time_expressions(doc.text[sent.start : sent.end], doc.date, offset=sent.start)
        for t in exprs:
            if limit is not None and t.start > limit + 400 and sent.start > limit:
                break
            if t.role == "vague":
                frames[sent.turn_index] = None
                break
            if t.role in ("period", "since") and t.period is not None:
                frames[sent.turn_index] = t.period
                break
        if limit is not None and sent.start >= limit and sent.turn_index not in frames:
            frames[sent.turn_index] = None
    return frames


def _distance(t: TimeExpression, start: int, end: int) -> int:
    if t.end <= start:
        return start - t.end
    if t.start >= end:
        return t.start - end
    return 0


def _respectively(exprs: list[TimeExpression], size: int, sentence: str, offset: int) -> list[TimeExpression] | None:
    """k figures "respectively" in k periods: the first run of k period expressions that are listed together."""
    if size < 2 or "respectively" not in sentence:
        return None
    cands = [t for t in exprs if t.role == "period"]
    for i in range(len(cands) - size + 1):
        run = cands[i : i + size]
        ok = all(
            run[j].start == run[j + 1].start or re.fullmatch(r"[\s,]*(?:and|,)?[\s]*(?:the )?[\s]*", sentence[run[j].end - offset : run[j + 1].start - offset] or "")
            for j in range(size - 1)
        )
        if ok:
            return run
    return None


def _join(base: Period, own: Period) -> Period:
    return Period(min(base.start, own.start), own.end)


def assign_periods(
    doc: Document,
    turns: list[SpeakerTurn],
    sentences: list[Sentence],
    mentions: list[QuantityMention],
    kinds: dict[int, str],
    modalities: dict[int, str],
) -> dict[int, Period | None]:
    """Period of every mention (keyed by mention index), following GUIDELINES §8.2."""
    if doc.date is None:
        return {i: None for i in range(len(mentions))}
    state = _PeriodState(doc.date, _turn_frames(doc, turns, sentences, [m.start for m in mentions]), context_year=doc.date.year)
    result: dict[int, Period | None] = {}
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence_index, []).append(i)
    for s_index, sent in enumerate(sentences):
        if sent.paragraph_index != state.paragraph:
            state.paragraph, state.current, state.blocked = sent.paragraph_index, None, False
        text = doc.text[sent.start : sent.end]
        exprs = periods.find_time_expressions(text, doc.date, offset=sent.start, context_year=state.context_year)
        idx = by_sentence.get(s_index, [])
        if idx:
            local = [mentions[i] for i in idx]
            chains = _chains(text, local, sent.start)
            for k, chain in enumerate(chains):
                members = [idx[j] for j in chain.members]
                own = _period_for_chain(text, sent.start, chain, chains, k, exprs, state, members, mentions, kinds, modalities, turns)
                for member, period in zip(members, own):
                    result[member] = period
        # update the carry with this sentence's own period expressions
        stated = [t for t in exprs if t.role in ("period", "since") and t.period is not None]
        if any(t.role == "vague" for t in exprs) and not stated:
            state.current, state.blocked = None, True
        elif stated:
            state.current, state.blocked = stated[-1].period, False
            year = periods.latest_year(stated)
            if year:
                state.context_year = year
    return result


def _period_for_chain(
    text: str,
    offset: int,
    chain: _Chain,
    chains: list[_Chain],
    k: int,
    exprs: list[TimeExpression],
    state: _PeriodState,
    members: list[int],
    mentions: list[QuantityMention],
    kinds: dict[int, str],
    modalities: dict[int, str],
    turns: list[SpeakerTurn],
) -> list[Period | None]:
    size = len(members)
    start, end = offset + chain.start, offset + chain.end
    own_exprs = [t for t in exprs if t.role in ("period", "since")]
    target = all(modalities.get(i) == "target" for i in members)
    vague_here = any(t.role == "vague" for t in exprs) and not own_exprs
    same_here = any(t.role == "same" for t in exprs)
    # 1. respectively lists pair figures and periods in order
    paired = _respectively(exprs, size, text, offset)
    if paired:
        periods_ = [t.period for t in paired]
    else:
        chosen: Period | None = None
        # 2. from X to Y with a span of years: the first figure takes the first year, the second the last
        window = _window_before(text, chains, k).lower()
        role = "from" if re.search(r"\bfrom\b[^,;]*$", window) and not re.search(r"\bto\b", window.split("from")[-1]) else (
            "to" if re.search(r"\bto\s*(?:about |around |nearly |over |more than )?$", window) and k > 0 else None
        )
        following = [t for t in own_exprs if t.start >= end and (k + 1 >= len(chains) or t.end <= offset + chains[k + 1].start)]
        following = [t for t in following if t.start - end < 40]
        spans = [t for t in own_exprs if t.role == "period" and t.period.end.year > t.period.start.year
                 and t.period.start.month == 1 and t.period.start.day == 1 and t.period.end.month == 12]
        if role in ("from", "to") and not following:
            span = spans[0].period if spans else None
            if span is None and not own_exprs and not same_here:
                carried = state.current if not state.blocked else None
                frame = state.frame.get(_turn_of(turns, start))
                basis = carried or frame
                if basis and basis.end.year > basis.start.year and basis.start.month == 1 and basis.end.month == 12:
                    span = basis
            if span is not None:
                year = span.start.year if role == "from" else span.end.year
                chosen = periods.year_period(year)
        if chosen is None and following:
            chosen = following[0].period
        if chosen is None and own_exprs:
            chosen = min(own_exprs, key=lambda t: (_distance(t, start, end), t.start > end)).period
        if chosen is None and same_here and not state.blocked:
            chosen = state.current
        if chosen is None and not own_exprs and not vague_here:
            if state.current is not None and not state.blocked:
                if not target or state.current.end > state.doc_date:
                    chosen = state.current
            elif not state.blocked and not target:
                chosen = state.frame.get(_turn_of(turns, start))
        periods_ = [chosen] * size
    # 3. changes against a distant base start at the base; "two-year average" widens the period
    base = next((t for t in exprs if t.role == "base" and t.period is not None), None)
    average = next((t for t in exprs if t.role == "average" and t.period is not None), None)
    out: list[Period | None] = []
    for member, period in zip(members, periods_):
        m = mentions[member]
        if period is not None and average is not None and abs(average.start - m.start) < 60:
            years = average.period.end.year - average.period.start.year + 1
            period = Period(dt.date(period.end.year - years + 1, 1, 1), period.end)
        if period is not None and base is not None and (kinds.get(member) == "change" or m.unit == "times"):
            if base.period.start.year < period.end.year - 1:
                period = _join(base.period, period)
        out.append(period)
    return out


def _turn_of(turns: list[SpeakerTurn], pos: int) -> int:
    for t in turns:
        if t.start <= pos < t.end:
            return t.turn_index
    return -1


def normalise(
    doc: Document, turns: list[SpeakerTurn], sentences: list[Sentence], mentions: list[QuantityMention]
) -> list[NormalisedQuantity]:
    """Normalised fields for every mention (mentions must be in text order)."""
    kinds: dict[int, str] = {}
    directions: dict[int, str | None] = {}
    modal: dict[int, str] = {}
    soft: dict[int, bool] = {}
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence_index, []).append(i)
    for s_index, idx in by_sentence.items():
        sent = sentences[s_index]
        text = doc.text[sent.start : sent.end]
        local = [mentions[i] for i in idx]
        chains = _chains(text, local, sent.start)
        for k, chain in enumerate(chains):
            members = [idx[j] for j in chain.members]
            unit = mentions[members[0]].unit
            kind, direction = kind_of(text, chains, k, unit)
            if unit == "rank":
                kind, direction = "level", None
            modality, is_soft = modality_of(text, chain.start, chain.end)
            for member in members:
                kinds[member], directions[member] = kind, direction
                modal[member], soft[member] = modality, is_soft
    found = assign_periods(doc, turns, sentences, mentions, kinds, modal)
    out = []
    for i, m in enumerate(mentions):
        sent = sentences[m.sentence_index]
        text = doc.text[sent.start : sent.end]
        period = found.get(i)
        modality = modal[i]
        # translated future tense about a period already over is a reported result
        if modality == "target" and soft[i] and period is not None and doc.date is not None and period.end < doc.date:
            modality = "actual"
        out.append(
            NormalisedQuantity(
                mention=m,
                value=m.value,
                value_high=m.value_high,
                unit=m.unit,
                qualifier=qualifier_of(text, m.start - sent.start, m.end - sent.start),
                kind=kinds[i],
                direction=directions[i] if kinds[i] == "change" else None,
                modality=modality,
                period=period,
            )
        )
    return out
