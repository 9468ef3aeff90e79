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

_QUALIFYING = r"(?:(?:nearly|about|around|over|more than|less than|almost|roughly|approximately|some) )?"
_LIST_JOIN = re.compile(
    rf"(?: \([^)]{{1,20}}\))?(?:,? and ?{_QUALIFYING}|, {_QUALIFYING}|,? or {_QUALIFYING}|,? as well as {_QUALIFYING})"
)
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
    """Group figures listed together. A bare comma joins figures only inside a list that ends
    with "and"/"or" ("23.5%, 38.7% and 37.1%"); "400 million, 200 million more" is two chains."""
    chains: list[_Chain] = []
    joins: list[list[str]] = []
    for i, m in enumerate(mentions):
        s, e = m.start - offset, m.end - offset
        between = sentence[chains[-1].end : s] if chains else ""
        if chains and _LIST_JOIN.fullmatch(between) and mentions[chains[-1].members[-1]].unit == m.unit:
            chains[-1].members.append(i)
            chains[-1].end = e
            joins[-1].append(between)
        else:
            chains.append(_Chain([i], s, e))
            joins.append([])
    out: list[_Chain] = []
    for chain, seps in zip(chains, joins, strict=True):
        if seps and not any(re.search(r"\b(?:and|or|as well as)\b", sep) for sep in seps):
            for member in chain.members:  # commas only: an apposition, not a list
                m = mentions[member]
                out.append(_Chain([member], m.start - offset, m.end - offset))
        else:
            out.append(chain)
    return out


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
        for m in re.finditer(r"(?<![a-z-])" + re.escape(cue.phrase) + r"(?![a-z-])", lower):
            if cue.phrase in ("up", "down") and _particle(lower[: m.start()]):
                continue  # "cleaned up 140 million tons", "took up 79.9%"
            distance = len(lower) - m.end()
            if best is None or distance < best[2]:
                best = (cue.value, cue.direction, distance)
    return best


def _particle(before: str) -> bool:
    words = re.findall(r"[a-z]+", before[-30:])
    return bool(words) and words[-1] in tables.phrasal_verbs()


_CONTRIBUTION = re.compile(r"(?i)\b(?:contribut\w*|drove|driving|drives|lifted|lifting|boosted|pulled|adding)\b")
_GROWTH_NOUN = re.compile(
    r"(?i)\b(?:growth rates?|growth of|rate of (?:increase|decrease|decline)|annual growth|average growth)\b"
)


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
                "percent",
                "percentage_point",
                "times",
                "count",
            ):
                continue
            return cue.value, cue.direction
    window = _window_before(sentence, chains, k)
    if _CONTRIBUTION.search(window):
        return "level", None
    nearest = _nearest_cue(window)
    if nearest is not None and nearest[0] == "change":
        return "change", nearest[1]
    if (
        unit in ("percent", "percentage_point")
        and _GROWTH_NOUN.search(window)
        and not re.search(r"(?i)\b(?:from|to)\s*$|\b(?:share|proportion|accounted|accounting)\b", window)
    ):
        if (
            nearest is None
            or nearest[0] == "level"
            and re.search(r"(?i)stood at|was|reached|came in at|hit|exceed|surpass|remained|of\s*$", window)
        ):
            return "change", "down" if re.search(r"(?i)\bnegative\b", window) else "up"
    if re.search(r"(?i)\b(?:after|with) (?:a |an )?(?:year-on-year )?(?:increase|growth|rise) of\s*$", window):
        return "change", "up"
    return "level", None


_AFTER_TARGET = re.compile(
    r"(?i)^[^,;.]{0,25}?\b(?:is|are|was|were) (?:expected|estimated|projected|forecast|set) to\b"
)


def modality_of(sentence: str, chain_start: int, chain_end: int) -> tuple[str, bool]:
    """('target' | 'actual', soft) — soft is True when only a future-tense word ("will") says target.

    Cues count before the figure in its clause ("will reach 5%", "is expected to reach"), and right
    after it ("1.2 trillion yuan is expected"); a later coordinated clause ("…, and plan to …") does not.
    """
    start = max(0, max((m.end() for m in re.finditer(r"[;]|\. ", sentence[:chain_start])), default=0))
    if _AFTER_TARGET.search(sentence[chain_end:]):
        return "target", False
    clause = sentence[start:chain_end].lower()
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
    doc_date: dt.date | None  # None: only expressions that name their own year resolve
    frame: dict[int, Period | None]  # turn_index -> period that opens the turn
    current: Period | None = None  # carried within the paragraph
    blocked: bool = False  # a vague time expression ("recently") empties the rest of the paragraph
    paragraph: int = -1
    context_year: int = 0


_GREETING = re.compile(
    r"(?i)\b(?:good (?:morning|afternoon|evening)|ladies and gentlemen|friends from the (?:media|press))\b"
)
_NEW_POINT = re.compile(r"^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Finally|Lastly)\b,")
_CARRIED = ("period", "since")


def _opening_paragraphs(sentences: list[Sentence], turn_index: int) -> set[int]:
    """The paragraph that opens a turn, and the next one when the first is only greetings."""
    paras: list[int] = []
    for sent in sentences:
        if sent.turn_index == turn_index and sent.paragraph_index not in paras:
            paras.append(sent.paragraph_index)
            if len(paras) == 2:
                break
    return set(paras)


def _turn_frames(
    doc: Document, turns: list[SpeakerTurn], sentences: list[Sentence], mention_starts: list[int]
) -> dict[int, Period | None]:
    """The reporting period each turn opens with (GUIDELINES §8.2 rule 5).

    It is the first time expression of the turn's opening paragraph (or of the second paragraph
    when the first only greets), stated before the turn's first figure; a vague one ("in recent
    years") means no frame. Statements and articles are one passage: their frame is the document's.
    """
    frames: dict[int, Period | None] = {}
    by_turn: dict[int, list[Sentence]] = {}
    for sent in sentences:
        by_turn.setdefault(sent.turn_index, []).append(sent)
    for turn_index, sents in by_turn.items():
        opening = _opening_paragraphs(sents, turn_index)
        first_para = min(opening) if opening else None
        # a speech that opens with a greeting ("Ladies and gentlemen, … good morning.") states its
        # period in the next paragraph; an answer ("Thank you for your question. …") in its first
        greeting_only = first_para is not None and bool(_GREETING.search(doc.text[sents[0].start : sents[0].end]))
        allowed = opening if greeting_only else ({first_para} if first_para is not None else set())
        first_figure = min((p for p in mention_starts if sents[0].start <= p <= sents[-1].end), default=None)
        frame: Period | None = None
        for sent in sents:
            if sent.paragraph_index not in allowed:
                break
            exprs = periods.find_time_expressions(doc.text[sent.start : sent.end], doc.date, offset=sent.start)
            hit = next((t for t in exprs if t.role in ("vague", "period", "since")), None)
            if hit is not None and (first_figure is None or hit.start <= first_figure + 200):
                frame = hit.period if hit.role != "vague" else None
                break
        frames[turn_index] = frame
    if doc.kind in ("article", "statement") and by_turn:
        # one passage: the first frame stated near the top (a headline states none) holds for all
        leading = [frames[t] for t in sorted(by_turn)[:2] if frames.get(t) is not None]
        return {t: leading[0] if leading else None for t in by_turn}
    return frames


def _distance(t: TimeExpression, start: int, end: int) -> int:
    if t.end <= start:
        return start - t.end
    if t.start >= end:
        return t.start - end
    return 0


def _respectively(exprs: list[TimeExpression], size: int, sentence: str, offset: int) -> list[TimeExpression] | None:
    """k figures "respectively" in k periods: the first run of k period expressions listed together."""
    if size < 2 or not re.search(r"\brespective(?:ly)?\b", sentence):
        return None
    cands = [t for t in exprs if t.role in ("period", "object")]
    for i in range(len(cands) - size + 1):
        run = cands[i : i + size]
        ok = all(
            run[j].start == run[j + 1].start
            or re.fullmatch(r"[\s,]*(?:and)?\s*(?:the )?\s*", sentence[run[j].end - offset : run[j + 1].start - offset])
            for j in range(size - 1)
        )
        if ok:
            return run
    return None


def _whole_years(period: Period) -> bool:
    return (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)


def assign_periods(
    doc: Document,
    turns: list[SpeakerTurn],
    sentences: list[Sentence],
    mentions: list[QuantityMention],
    kinds: dict[int, str],
    modalities: dict[int, str],
) -> dict[int, Period | None]:
    """Period of every mention (keyed by mention index), following GUIDELINES §8.2."""
    state = _PeriodState(
        doc.date,
        _turn_frames(doc, turns, sentences, [m.start for m in mentions]),
        context_year=doc.date.year if doc.date else 0,
    )
    result: dict[int, Period | None] = {}
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence_index, []).append(i)
    for s_index, sent in enumerate(sentences):
        text = doc.text[sent.start : sent.end]
        if sent.paragraph_index != state.paragraph or _NEW_POINT.match(text):
            state.paragraph, state.current, state.blocked = sent.paragraph_index, None, False
        exprs = periods.find_time_expressions(
            text, doc.date, offset=sent.start, context_year=state.context_year or None
        )
        idx = by_sentence.get(s_index, [])
        from_to_span: Period | None = None
        if idx:
            local = [mentions[i] for i in idx]
            chains = _chains(text, local, sent.start)
            for k, chain in enumerate(chains):
                members = [idx[j] for j in chain.members]
                own, pair_span = _period_for_chain(
                    text, sent, chain, chains, k, exprs, state, members, mentions, kinds, modalities
                )
                from_to_span = from_to_span or pair_span
                for member, period in zip(members, own, strict=True):
                    result[member] = period
        # carry this sentence's period to later sentences of the paragraph
        stated = [t for t in exprs if t.role in _CARRIED and t.period is not None]
        if any(t.role == "vague" for t in exprs) and not stated:
            state.current, state.blocked = None, True
        elif from_to_span is not None:
            state.current, state.blocked = from_to_span, False
        elif stated:
            state.current, state.blocked = stated[-1].period, False
        if stated:
            year = periods.latest_year(stated)
            if year:
                state.context_year = year
    return result


def _period_for_chain(
    text: str,
    sent: Sentence,
    chain: _Chain,
    chains: list[_Chain],
    k: int,
    exprs: list[TimeExpression],
    state: _PeriodState,
    members: list[int],
    mentions: list[QuantityMention],
    kinds: dict[int, str],
    modalities: dict[int, str],
) -> tuple[list[Period | None], Period | None]:
    """Periods for one chain, and the span a "from X in A to Y in B" pair implies (for the carry)."""
    offset = sent.start
    size = len(members)
    start, end = offset + chain.start, offset + chain.end
    own_exprs = [t for t in exprs if t.role in ("period", "since", "local", "object")]
    target = all(modalities.get(i) == "target" for i in members)
    vague_here = any(t.role == "vague" for t in exprs) and not own_exprs
    same_here = any(t.role == "same" for t in exprs)
    base = next((t for t in exprs if t.role == "base"), None)
    inherited = None if state.blocked else state.current
    frame = None if state.blocked or target else state.frame.get(sent.turn_index)
    pair_span: Period | None = None
    window = _window_before(text, chains, k).lower()
    role = None
    if re.search(r"\bfrom\b[^,;]*$", window) and not re.search(r"\bto\b", window.split("from")[-1]):
        role = "from"
    elif (
        k > 0
        and re.search(r"\bto\s*(?:about |around |nearly |over |more than |some )?$", window)
        and any(re.search(r"\bfrom\b", _window_before(text, chains, j).lower()) for j in range(k))
    ):
        role = "to"
    following = [t for t in own_exprs if 0 <= t.start - end < 15 and "," not in text[end - offset : t.start - offset]]
    if k + 1 < len(chains):
        following = [t for t in following if t.end <= offset + chains[k + 1].start]
    dated = [t for t in own_exprs if t.role in ("period", "object")]
    if role is not None and len(dated) >= 2:
        pair_span = Period(dated[0].period.start, dated[-1].period.end)
    paired = _respectively(exprs, size, text, offset)
    chosen: Period | None = None
    if paired:
        periods_ = [t.period for t in paired]
    else:
        if following:
            chosen = following[0].period
        elif role is not None:
            # "from X to Y": the first figure takes the period's start, the second its end
            if len(dated) >= 2:
                chosen = dated[0].period if role == "from" else dated[-1].period
            elif role == "from" and base is not None and base.period is not None:
                chosen = base.period
            else:
                basis = (
                    (own_exprs[0].period if own_exprs else None)
                    or (state.current if same_here else None)
                    or inherited
                    or frame
                )
                if basis is not None:
                    if _whole_years(basis):
                        year = basis.start.year if role == "from" else basis.end.year
                        chosen = periods.year_period(year)
                    else:
                        day = basis.start if role == "from" else basis.end
                        chosen = Period(day, day)
        if chosen is None and own_exprs:
            before = [t for t in own_exprs if t.end <= start]
            pool = before or own_exprs
            chosen = min(pool, key=lambda t: _distance(t, start, end)).period
        if chosen is None and same_here:
            chosen = inherited
        if chosen is None and not own_exprs and not vague_here:
            if inherited is not None:
                if not target or (state.doc_date is not None and inherited.end > state.doc_date):
                    chosen = inherited
            elif not state.blocked:
                chosen = frame
        periods_ = [chosen] * size
    # averages over N years reach back; changes against a distant base start at the base
    lo = offset + (chains[k - 1].end if k > 0 else 0)
    hi = offset + (chains[k + 1].start if k + 1 < len(chains) else len(text))
    average = next((t for t in exprs if t.role == "average" and lo <= t.start < hi), None)
    out: list[Period | None] = []
    for member, period in zip(members, periods_, strict=True):
        m = mentions[member]
        comparable = kinds.get(member) == "change" or m.unit == "times"
        if period is not None and average is not None:
            years = average.period.end.year - average.period.start.year + 1
            period = Period(dt.date(period.end.year - years + 1, 1, 1), period.end)
        if base is not None and base.period is not None and comparable and role is None:
            if period is None:
                period = Period(base.period.start, state.doc_date) if state.doc_date else None
            elif base.period.start.year < period.end.year - 1:
                period = Period(min(base.period.start, period.start), period.end)
        out.append(period)
    return out, pair_span


def _signed_kind(m: QuantityMention, before: str, kind: str, direction: str | None) -> tuple[str, str | None]:
    """A written sign: "+" is a rise ("(+43,000; +0.7%)"); "-" is a fall when the figure is a change
    or stands in brackets after another ("(-36,000; -0.5%)"), and a negative level otherwise
    ("lower the deposit rate to -0.30%"). A change is written as its size with the direction."""
    if m.sign > 0:
        return "change", direction if kind == "change" and direction else "up"
    if m.sign < 0:
        if kind == "change" or re.search(r"(?:\(|;)\s*$", before[-3:]):
            return "change", "down"
    return kind, direction


def normalise(
    doc: Document, turns: list[SpeakerTurn], sentences: list[Sentence], mentions: list[QuantityMention]
) -> list[NormalisedQuantity]:
    """Normalised fields for every mention (mentions must be in text order)."""
    kinds: dict[int, str] = {}
    directions: dict[int, str | None] = {}
    modal: dict[int, str] = {}
    soft: dict[int, bool] = {}
    place: dict[int, tuple[int, int]] = {}
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
            for position, member in enumerate(members):
                kinds[member], directions[member] = kind, direction
                modal[member], soft[member] = modality, is_soft
                place[member] = (position, len(members))
    found = assign_periods(doc, turns, sentences, mentions, kinds, modal)
    out = []
    for i, m in enumerate(mentions):
        sent = sentences[m.sentence_index]
        text = doc.text[sent.start : sent.end]
        kinds[i], directions[i] = _signed_kind(m, text[: m.start - sent.start], kinds[i], directions[i])
        period = found.get(i)
        modality = modal[i]
        # translated future tense about a period already over is a reported result
        if modality == "target" and soft[i] and period is not None and doc.date is not None and period.end < doc.date:
            modality = "actual"
        out.append(
            NormalisedQuantity(
                mention=m,
                value=abs(m.value) if kinds[i] == "change" else m.value,
                value_high=abs(m.value_high) if kinds[i] == "change" and m.value_high is not None else m.value_high,
                unit=m.unit,
                qualifier=qualifier_of(text, m.start - sent.start, m.end - sent.start),
                kind=kinds[i],
                direction=directions[i] if kinds[i] == "change" else None,
                modality=modality,
                period=period,
                list_position=place[i][0],
                list_size=place[i][1],
            )
        )
    return out
