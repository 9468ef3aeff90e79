"""Which period each figure is about: attachment as an ordered list of small strategies.

The strategies mirror GUIDELINES §8.2 and are tried in order for each chain of figures listed
together; the first that applies gives the period and the reason, which ``claims.csv`` keeps as
``time_reason``:

1. ``respectively`` — k figures "respectively" in k periods;
2. ``from_to`` — "from X in A to Y in B", or the ends of a span stated elsewhere;
3. ``own`` — an expression in the figure's sentence (one right after the figure wins);
4. ``same`` — "during the same period": the period carried so far;
5. ``carried`` — the period stated earlier in the paragraph (a list item: the sentence that
   introduced the list);
6. ``section`` — the period of the heading the figure stands under;
7. ``frame`` — the period that opens the speaker's turn (a statement's or article's opening).

Targets take only their own sentence's period or a carried period that lies ahead. Afterwards a
change against a distant base reaches back to the base, and an N-year average over N years.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from pipeline import figures, tables, timex
from pipeline.records import Document, Period, QuantityMention, Sentence, SpeakerTurn, TimeExpression


@dataclass(frozen=True)
class Attached:
    """A figure's period and why: the strategy and the expression it came from."""

    period: Period | None
    reason: str


NONE = Attached(None, "none")


@dataclass
class Carry:
    """What the text read so far says about periods: the paragraph's, the heading's, a list's."""

    period: Period | None = None
    text: str = ""
    blocked: bool = False  # a vague expression or a bare "now" stops the carry
    paragraph: int = -1
    turn: int = -1
    section: Attached | None = None  # a heading's period, until the next heading
    intro: Attached | None = None  # the period of a sentence that introduced a list (ends with ":")
    intro_left: int = 0  # list items it may still govern
    year: int = 0  # the year in context, for "in March", "the first quarter"
    fiscal_start: dt.date | None = None  # a fiscal year in context ("FY24"): the quarters are its


@dataclass
class Situation:
    """What a strategy sees: one chain of figures in its sentence."""

    doc_date: dt.date | None
    text: str  # the sentence
    offset: int  # the sentence's start in the document
    chains: list[figures.Chain]
    k: int
    members: list[int]  # document-wide mention indexes
    exprs: list[TimeExpression]
    target: bool
    carry: Carry
    frame: Attached
    own: list[TimeExpression] = field(default_factory=list)

    @property
    def chain(self) -> figures.Chain:
        return self.chains[self.k]

    @property
    def size(self) -> int:
        return len(self.members)


_OWN_ROLES = ("period", "since", "local", "object")
_CARRIED = ("period", "since")


def _quote(t: TimeExpression) -> str:
    return f"{t.rule}: '{t.text.strip()}'"


def respectively(sit: Situation) -> list[Attached] | None:
    """k figures "respectively" in k periods: the first run of k expressions listed together."""
    if sit.size < 2 or not re.search(r"\brespective(?:ly)?\b", sit.text):
        return None
    cands = [t for t in sit.exprs if t.role in ("period", "object")]
    for i in range(len(cands) - sit.size + 1):
        run = cands[i : i + sit.size]
        joined = all(
            run[j].start == run[j + 1].start
            or re.fullmatch(
                r"[\s,]*(?:and)?\s*(?:the )?\s*", sit.text[run[j].end - sit.offset : run[j + 1].start - sit.offset]
            )
            for j in range(sit.size - 1)
        )
        if joined:
            return [Attached(t.period, f"respectively, {_quote(t)}") for t in run]
    # "forecasts for 2026 and 2027 were 12% and 8%, respectively": two years read as one span
    if sit.size == 2:
        for t in cands:
            pair = _TWO_YEARS.search(t.text)
            if pair and not re.search(r"(?i)\bbetween\b", t.text):
                years = [int(pair.group(1)), int(pair.group(2))]
                return [
                    Attached(Period(dt.date(y, 1, 1), dt.date(y, 12, 31)), f"respectively, '{y}' of {_quote(t)}")
                    for y in years
                ]
    return None


_TWO_YEARS = re.compile(r"\b((?:19|20)\d{2}) and ((?:19|20)\d{2})\b")


_FROM = re.compile(r"\bfrom\b[^,;]{0,25}$")
_TO = re.compile(r"\bto\s*(?:about |around |nearly |over |more than |some )?$")


def _opens_pair(text: str, chains: list[figures.Chain], k: int) -> bool:
    """Chain ``k`` is the X of "from X to Y": "from" just before it, "to" just before the next one."""
    if k + 1 >= len(chains):
        return False
    window = figures.window_before(text, chains, k).lower()
    return (
        bool(_FROM.search(window))
        and not re.search(r"\bto\b", window.split("from")[-1])
        and bool(_TO.search(figures.window_before(text, chains, k + 1).lower()))
    )


def _from_to_role(sit: Situation) -> str | None:
    """ "from" for the first figure of "from X to Y", "to" for the second; None otherwise."""
    if _opens_pair(sit.text, sit.chains, sit.k):
        return "from"
    if sit.k > 0 and _opens_pair(sit.text, sit.chains, sit.k - 1):
        return "to"
    return None


def from_to(sit: Situation) -> list[Attached] | None:
    """ "from X in A to Y in B": the first figure takes A, the second B; a single span stated in the
    sentence, carried or framing gives its first and last year (or day) to the two ends."""
    role = _from_to_role(sit)
    if role is None or _following(sit):
        return None
    # the pair's own periods follow its first figure ("from 89 in 2012 to 208 in 2021"); one stated
    # before it governs both ("the change for December was revised from -140,000 to -227,000")
    first = sit.chains[sit.k if role == "from" else sit.k - 1]
    stated = [t for t in sit.own if t.role in ("period", "object")]
    dated = [t for t in stated if t.start >= sit.offset + first.start]
    if len(dated) < 2 and len(stated) >= 2 and all(_after_a_figure(sit, t) for t in stated):
        dated = stated  # parallel pairs: "from 47,000 in 2012 to 147,000 in 2020, or from 13.7% to 36.7%"
    if len(dated) >= 2:
        t = dated[0] if role == "from" else dated[-1]
        return [Attached(t.period, f"{role}, {_quote(t)}")] * sit.size
    unnamed = next((t for t in sit.own if t.role == "since" and t.period is None), None)
    if unnamed is not None and sit.doc_date is not None:
        # "Since the Coalition came to government, … gone from 26 per cent to over 70 per cent": the
        # start is unknown, the end is today
        found = Attached(Period(sit.doc_date, sit.doc_date), f"to end of {_quote(unnamed)}") if role == "to" else NONE
        return [found] * sit.size
    if len(stated) >= 2:
        return None
    base = next((t for t in sit.exprs if t.role == "base" and t.period is not None), None)
    if role == "from" and base is not None:
        return [Attached(base.period, f"from, {_quote(base)}")] * sit.size
    basis = _span_basis(sit)
    if basis is None or basis.period is None:
        return None
    p = basis.period
    if _whole_years(p):
        end = timex.year_period(p.start.year if role == "from" else p.end.year)
    else:
        day = p.start if role == "from" else p.end
        end = Period(day, day)
    return [Attached(end, f"{role} end of {basis.reason}")] * sit.size


def _after_a_figure(sit: Situation, t: TimeExpression, *, other: bool = False) -> bool:
    """The expression directly follows a figure of the sentence ("147,000 in 2020"); with ``other``, a
    figure other than this one."""
    return any(0 <= t.start - sit.offset - c.end < 6 for c in sit.chains if not (other and c is sit.chain))


def _after_another_figure(sit: Situation, t: TimeExpression) -> bool:
    """The expression directly follows a figure of the sentence other than this one, and a "now" comes
    between it and this figure."""
    start = sit.offset + sit.chain.start
    now_between = any(e.role == "local" and t.end <= e.start < start for e in sit.own)
    return now_between and _after_a_figure(sit, t, other=True)


def _span_basis(sit: Situation) -> Attached | None:
    if sit.own:
        return Attached(sit.own[0].period, _quote(sit.own[0]))
    if any(t.role == "same" for t in sit.exprs) or not sit.carry.blocked:
        if sit.carry.period is not None:
            return Attached(sit.carry.period, f"carried '{sit.carry.text}'")
    if sit.carry.intro is not None:
        return sit.carry.intro
    return sit.frame if sit.frame.period is not None and not sit.carry.blocked else None


_INTRODUCES = re.compile(r"\s+(?:of|at|was|were|is|are|stood at)\s+(?:about |around |nearly |roughly )?")


def _following(sit: Situation) -> list[TimeExpression]:
    """Expressions right after the chain ("rose 5% in 2022"), before the next figure."""
    end = sit.offset + sit.chain.end
    # (not past a comma or a semicolon: "$750 million; today, we have …" is the next clause's)
    out = [t for t in sit.own if 0 <= t.start - end < 20 and not re.search(r"[,;]", sit.text[sit.chain.end : t.start - sit.offset])]
    if sit.k + 1 < len(sit.chains):
        # an expression that introduces the next figure is that figure's ("a six-month annualized rate
        # of 2.5 percent and a three-month annualized rate of 0.4 percent")
        after = sit.offset + sit.chains[sit.k + 1].start
        out = [
            t
            for t in out
            if t.end <= after and not _INTRODUCES.fullmatch(sit.text[t.end - sit.offset : after - sit.offset])
        ]
    stated = [t for t in out if t.role != "local"]
    return stated if any(t.role != "local" for t in sit.own) else out


def own(sit: Situation) -> list[Attached] | None:
    """The figure's own sentence: the expression right after it, else the nearest one before it,
    else the nearest one after."""
    if not sit.own:
        return None
    if _vague_nearest(sit):
        return [NONE] * sit.size
    base = _own_base(sit)
    if base is not None:
        return [Attached(base.period, f"own {_quote(base)}")] * sit.size
    following = [t for t in _following(sit) if not _when_forecast(sit, t)]
    if following:
        chosen = following[0]
    else:
        start, end = sit.offset + sit.chain.start, sit.offset + sit.chain.end
        # a bare "now" yields to a stated period in the same sentence, unless that period is another
        # figure's ("over 18 million when I took office — is now at about 2 million")
        pool = [t for t in sit.own if t.role != "local" and not _after_another_figure(sit, t)] or sit.own
        base_at = _base_after(sit)
        if base_at is not None:
            # "fell to 50.0 percent from 51.1 per cent in December last year": the period after the
            # base is the base's; the new value takes the carried or framing period
            pool = [t for t in pool if t.start < base_at]
            if not pool:
                return None
        # "(2.7%, compared with 2.4% in August)": the period right after a comparison base is
        # the base's, not the period of a figure before it
        pool = [t for t in pool if not _owned_by_base(sit, t) and not _used_by_another(sit, t)]
        pool = [t for t in pool if not _when_forecast(sit, t)] or pool
        if not pool:
            return None
        before = [t for t in pool if t.end <= start]
        chosen = min(before or pool, key=lambda t: _distance(t, start, end))
    pair = _year_pair(sit, chosen)
    if pair is not None:
        (a, first), (b, last) = pair
        return [Attached(Period(first.start, last.end), f"own {_quote(a)} and {_quote(b)}")] * sit.size
    return [Attached(chosen.period, f"own {_quote(chosen)}")] * sit.size


def _year_pair(
    sit: Situation, chosen: TimeExpression
) -> tuple[tuple[TimeExpression, Period], tuple[TimeExpression, Period]] | None:
    """ "growth this year and next year over 5 percent", "1.9 per cent in 2026 and 2027": one figure for
    two years joined by "and" is for both (as "in March and April" is for both months); figures listed
    in parallel ("16% and 9%" for 2026 and 2027) or "respectively" take one year each instead."""
    if re.search(r"\brespective(?:ly)?\b", sit.text) or _listed_with_another(sit):
        return None
    years = [(t, t.period) for t in sit.own if t.role in ("period", "object") and t.period and _whole_years(t.period)]
    for (a, first), (b, last) in zip(years, years[1:], strict=False):
        joined = re.fullmatch(r"\s*(?:and|&)\s*", sit.text[a.end - sit.offset : b.start - sit.offset])
        if joined and chosen in (a, b) and first.end < last.start:
            return (a, first), (b, last)
    return None


def _listed_with_another(sit: Situation) -> bool:
    """The chain is one of figures listed with "and" ("at 16% and 9%")."""
    k, text = sit.k, sit.text
    before = k > 0 and re.fullmatch(r"\s*,?\s*and\s*", text[sit.chains[k - 1].end : sit.chain.start])
    after = k + 1 < len(sit.chains) and re.fullmatch(r"\s*,?\s*and\s*", text[sit.chain.end : sit.chains[k + 1].start])
    return bool(before or after)


# words that make the figure after them a comparison base ("compared with 2.4% in August"); "more
# than 250,000" is a qualifier, and "from 10% to 8.4%" a from/to pair, not a base
_COMPARED = re.compile(
    r"(?:\bcompared (?:with|to)|\bfrom|\bagainst|\bversus|(?<!more )(?<!less )(?<!fewer )\bthan)"
    r"\s+(?:(?:a|an|the)\s+)?(?:(?!(?:for|in|over|during|by)\b)\w+\s+){0,2}$"
)


_FORECAST_MADE = re.compile(r"(?i)\b(?:projected|seen|forecast|predicted|estimated|expected)\s+$")


def _when_forecast(sit: Situation, t: TimeExpression) -> bool:
    """ "a 2.9% rise seen three months ago", "1.9% projected in April": when a forecast was made, not
    the period it is for ("the forecast for 2019" names the period it is for, and so does a year after
    the verb: "4.5 percent expected this year", "growth projected in 2024")."""
    if t.text.lower().startswith("for ") or (t.period is not None and _whole_years(t.period)):
        return False
    return bool(_FORECAST_MADE.search(sit.text[max(0, t.start - sit.offset - 15) : t.start - sit.offset]))


def _used_by_another(sit: Situation, t: TimeExpression) -> bool:
    """ "the previous month which reached 13.28%, as well as … 5.7%": an expression relative to the
    sentence's period governs the one figure next to it, not figures beyond that one."""
    if t.rule != "previous_unit":
        return False
    at = t.end - sit.offset
    return any(at <= c.start < sit.chain.start for c in sit.chains) or any(
        sit.chain.end <= c.end <= t.start - sit.offset for c in sit.chains if c is not sit.chain
    )


def _is_base(sit: Situation, j: int) -> bool:
    chain = sit.chains[j]
    if re.match(r"\s*(?:to|and)\b", sit.text[chain.end :]):
        return False
    return bool(_COMPARED.search(sit.text[max(0, chain.start - 30) : chain.start]))


# comparisons with the same stretch of the year before: their period is the base figure's own
_YEAR_ON_YEAR_BASES = frozenset({"base_corresponding", "same_time_ago"})


def _own_base(sit: Situation) -> TimeExpression | None:
    """ "against Rs11,35,754 crore in the corresponding period of the previous financial year": the
    comparison base's figure has the base's period."""
    end = sit.offset + sit.chain.end
    for t in sit.exprs:
        if t.rule in _YEAR_ON_YEAR_BASES and t.period is not None and 0 <= t.start - end < 20:
            if "," not in sit.text[sit.chain.end : t.start - sit.offset] and _is_base(sit, sit.k):
                return t
    return None


def _owned_by_base(sit: Situation, t: TimeExpression) -> bool:
    """The expression directly follows another chain of the sentence that is a comparison base
    (and this chain is not one: bases listed together share their period)."""
    if _is_base(sit, sit.k):
        return False
    for j, other in enumerate(sit.chains):
        if j == sit.k or not _is_base(sit, j):
            continue
        # the base's expressions: the one right after it, and any that follow that one directly ("in
        # the corresponding period of the previous financial year (2022-23)")
        end = other.end
        for e in sorted(sit.exprs, key=lambda x: x.start):
            at = e.start - sit.offset
            if end <= at < end + 20 and "," not in sit.text[end:at] and (end == other.end or not sit.text[end:at].strip(" ():")):
                if e is t:
                    return True
                end = e.end - sit.offset
    return False


_TO_FROM = re.compile(r"\s*(?:per ?cent|percent)?[\s,]*(?:up |down )?from\s+(?:the\s+|a\s+)?")


def _base_after(sit: Situation) -> int | None:
    """Where the next figure starts when it is this figure's base ("to A from B"), else None."""
    if sit.k + 1 >= len(sit.chains):
        return None
    nxt = sit.chains[sit.k + 1]
    return sit.offset + nxt.start if _TO_FROM.fullmatch(sit.text[sit.chain.end : nxt.start]) else None


def _vague_nearest(sit: Situation) -> bool:
    """A vague expression right after the figure ("below 2% in the medium term"), not one that
    qualifies something else ("reached 36%, a relatively high level in recent years")."""
    end = sit.offset + sit.chain.end
    return any(
        t.role == "vague" and 0 <= t.start - end < 20 and "," not in sit.text[sit.chain.end : t.start - sit.offset]
        for t in sit.exprs
    )


def same(sit: Situation) -> list[Attached] | None:
    """ "during the same period": the period stated before."""
    if not any(t.role == "same" for t in sit.exprs) or sit.carry.period is None:
        return None
    return [Attached(sit.carry.period, f"same period as '{sit.carry.text}'")] * sit.size


def carried(sit: Situation) -> list[Attached] | None:
    """The period stated earlier in the paragraph, or by the sentence that introduced a list. A
    target takes it only when it lies ahead, any other figure only when it does not lie wholly ahead
    ("… in the next six months. ⏎ Unemployment is down to just 5.1 per cent.")."""
    if any(t.role == "vague" for t in sit.exprs):
        return [NONE] * sit.size
    found = None
    if not sit.carry.blocked and sit.carry.period is not None:
        found = Attached(sit.carry.period, f"carried '{sit.carry.text}'")
    elif sit.carry.intro is not None:
        found = sit.carry.intro
    if found is None or found.period is None:
        return None
    if sit.target and not (sit.doc_date is not None and found.period.end > sit.doc_date):
        return [NONE] * sit.size
    if not sit.target and sit.doc_date is not None and found.period.start > sit.doc_date:
        return [NONE] * sit.size  # and a figure that is not a target does not take a period wholly ahead
    return [found] * sit.size


def section(sit: Situation) -> list[Attached] | None:
    """The period a heading states governs the figures under it (not targets)."""
    if sit.carry.section is None or sit.target or sit.carry.blocked:
        return None
    return [sit.carry.section] * sit.size


def frame(sit: Situation) -> list[Attached] | None:
    """The period that opens the speaker's turn (not for targets, not after a vague expression)."""
    if sit.target or sit.carry.blocked or sit.frame.period is None:
        return None
    return [sit.frame] * sit.size


def standing_goal(sit: Situation) -> list[Attached] | None:
    """A goal named by its figure ("our symmetric 2 percent objective", "its 2% target") holds at
    no particular time: no period, whatever the sentence or the paragraph says (GUIDELINES §8.2)."""
    if sit.target and tables.standing_goal_pattern().match(sit.text, sit.chain.end):
        return [Attached(None, "standing goal")] * sit.size
    return None


def possessive(sit: Situation) -> list[Attached] | None:
    """ "last year's 6.1 percent", "2022's record 8 percent": the period owns the figure, even inside a
    from/to pair whose other end has its own period."""
    start = sit.chain.start
    for t in sit.own:
        if t.period is not None and re.fullmatch(r"['’]s\s+(?:\w+\s+)?", sit.text[t.end - sit.offset : start]):
            return [Attached(t.period, f"own {_quote(t)}")] * sit.size
    return None


STRATEGIES = (standing_goal, possessive, respectively, from_to, own, same, carried, section, frame)


def _distance(t: TimeExpression, start: int, end: int) -> int:
    return start - t.end if t.end <= start else t.start - end if t.start >= end else 0


def _whole_years(period: Period) -> bool:
    return (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)


def attach_chain(sit: Situation) -> list[Attached]:
    for strategy in STRATEGIES:
        found = strategy(sit)
        if found is not None:
            return found
    return [NONE] * sit.size


# --- after the strategies: comparison bases and averages -----------------------------------------


def reach_back(sit: Situation, attached: list[Attached], comparable: list[bool]) -> list[Attached]:
    """A change or multiple against a distant base runs from the base to the figure's own period (or
    to the document date); an N-year average reaches back N years from its period's end."""
    lo = sit.offset + (sit.chains[sit.k - 1].end if sit.k > 0 else 0)
    hi = sit.offset + (sit.chains[sit.k + 1].start if sit.k + 1 < len(sit.chains) else len(sit.text))
    # an average ("an average two-year growth rate of 6.1%") governs the figure it introduces
    start = sit.offset + sit.chain.start
    average = next((t for t in sit.exprs if t.role == "average" and lo <= t.start < start), None)
    del hi
    base = next((t for t in sit.exprs if t.role == "base" and t.period is not None), None)
    out = []
    for found, is_comparable in zip(attached, comparable, strict=True):
        period = found.period
        if period is not None and average is not None and average.period is not None:
            years = average.period.end.year - average.period.start.year + 1
            found = Attached(
                Period(dt.date(period.end.year - years + 1, 1, 1), period.end), f"{found.reason}, {_quote(average)}"
            )
        if base is not None and base.period is not None and is_comparable and _from_to_role(sit) is None:
            found = _against(found, base, sit.doc_date)
        out.append(found)
    return out


def _against(found: Attached, base: TimeExpression, doc_date: dt.date | None) -> Attached:
    assert base.period is not None
    if base.rule in _YEAR_ON_YEAR_BASES and found.period is not None:
        return found  # a year-on-year comparison does not widen the figure's period
    if found.period is None:
        if doc_date is not None and base.period.start > doc_date:
            # "growth of 5% from 2023" said in 2021: a future year starts what the figure will be, no base
            return Attached(base.period, f"own {_quote(base)}, a future year")
        return (
            Attached(Period(base.period.start, doc_date), f"base {_quote(base)} to the document date")
            if doc_date
            else found
        )
    # a distant base year, or any earlier base for a change measured at a point ("now down 30 percent
    # from what it was this summer")
    # ("compared with the same period last year" is a year-on-year comparison, not a base)
    point = (
        found.period.start == found.period.end
        and base.period.end < found.period.start
        and base.rule not in ("base", "base_ago")
    )
    if base.period.start.year < found.period.end.year - 1 or point:
        return Attached(
            Period(min(base.period.start, found.period.start), found.period.end), f"{found.reason}, base {_quote(base)}"
        )
    return found


# --- turn frames -------------------------------------------------------------------------------------

_THANKS = re.compile(r"(?i)\b(?:thank(?:s| you)|welcome|joining us|good (?:morning|afternoon|evening))\b")
# how an editor's line names the transcript it introduces: "a near-verbatim", "the full", "an edited"
_TRANSCRIPT_KIND = r"(?:a |an |the )?(?:near-verbatim |unofficial |edited |full )?"
_GREETING = re.compile(
    r"(?i)\b(?:good (?:morning|afternoon|evening)|ladies and gentlemen|friends from the (?:media|press))\b"
    # an editor's line that only introduces the transcript ("The following is a near-verbatim
    # transcript of today's noon briefing by …") greets no less
    rf"|^(?:the )?following is {_TRANSCRIPT_KIND}(?:transcript|text)\b"
)
# "Following is the transcript of the media session by the Financial Secretary … this afternoon (November
# 28):": the colon introduces the transcript, and its day is when it was said, not the figures' period
_TRANSCRIPT_INTRO = re.compile(rf"(?i)^\s*(?:the )?following (?:is|are) {_TRANSCRIPT_KIND}(?:transcripts?|texts?)\b")


_PREAMBLE_PARAGRAPHS = 4  # a title, an editor's line, a greeting: then the turn's first real paragraph


def _opening_paragraphs(doc: Document, sents: list[Sentence]) -> set[int]:
    """The paragraphs that open a turn: those that only greet or introduce ("Ladies and gentlemen, …
    good morning.", "The following is a near-verbatim transcript of …", a title line) and the first
    paragraph after them that says something."""
    paras: list[int] = []
    for sent in sents:
        if sent.paragraph_index in paras:
            continue
        paras.append(sent.paragraph_index)
        opening = doc.text[sent.start : sent.end]
        preamble = bool(_GREETING.search(opening)) or (len(opening) < 120 and not re.search(r"\d", opening))
        if not preamble or len(paras) > _PREAMBLE_PARAGRAPHS:
            break
    return set(paras)


def _day_of_speaking(t: timex.TimeExpression, doc_date: dt.date | None) -> bool:
    """ "Today", "this morning", the weekday of the document's date opening a turn: the day the speaker
    speaks or meets ("Today I'm calling on Congress …", "we got December price data today", "at the
    cabinet meeting … on Monday"), not the period of the figures that follow (GUIDELINES §8.1, the time
    of a saying); a figure "today" itself is dated by its own sentence."""
    return (
        t.rule in ("relative_day", "weekday")
        and t.period is not None
        and t.period.start == t.period.end == doc_date
    )


def _past_day(t: timex.TimeExpression, doc_date: dt.date | None) -> bool:
    """A single day before the document's: the date of an event ("On November 15th, 2021, President
    Biden signed …", "Yesterday, …"), which dates its own sentence, not the turn (GUIDELINES §8.2)."""
    return t.period is not None and t.period.start == t.period.end and doc_date is not None and t.period.start < doc_date


def turn_frame(doc: Document, sents: list[Sentence], first_figure: int | None) -> Attached:
    """The period a turn opens with: the first time expression of its opening paragraph (or of the
    paragraphs that only greet or introduce, and the first after them), stated before its first
    figure; a vague one means none."""
    allowed = _opening_paragraphs(doc, sents)
    if not allowed:
        return NONE
    ctx = timex.TimeContext.of(doc.date, country=doc.country)
    greeting = _greeting_paragraphs(doc, sents)
    for sent in sents:
        if sent.paragraph_index not in allowed:
            break
        sentence = doc.text[sent.start : sent.end]
        exprs = timex.find_time_expressions(sentence, ctx, offset=sent.start)
        if sent.paragraph_index not in greeting and _opens_on_saying(doc, exprs, first_figure):
            return NONE
        if _THANKS.search(sentence):
            continue  # "thanks for joining us today" dates the call, not the figures
        hit = _frame_candidate(doc, exprs, sentence, sent.start)
        if hit is not None and (first_figure is None or hit.start < first_figure):
            if hit.role == "vague" or hit.period is None or (doc.date and hit.period.start > doc.date):
                return NONE  # a vague opening, or one about what comes ("tomorrow the President …")
            return Attached(hit.period, f"frame {_quote(hit)}")
    return NONE


_GREETING_LENGTH = 160  # "Good afternoon.  Today, I'd like to update you all on where we stand on COVID-19."


def _greeting_paragraphs(doc: Document, sents: list[Sentence]) -> set[int]:
    """Paragraphs that only greet (and name the topic): short, with a greeting. "Good morning.  This morning,
    we received some welcome news … And we learned last month's inflation rate came down …" says more."""
    paragraphs: dict[int, list[Sentence]] = {}
    for sent in sents:
        paragraphs.setdefault(sent.paragraph_index, []).append(sent)
    return {
        p
        for p, members in paragraphs.items()
        if members[-1].end - members[0].start < _GREETING_LENGTH
        and any(_GREETING.search(doc.text[m.start : m.end]) for m in members)
    }


def _opens_on_saying(doc: Document, exprs: list[TimeExpression], first_figure: int | None) -> bool:
    """A transcript's turn whose first time expression, past its greeting ("Good afternoon.  Today, I'd
    like to update you …" only greets), is the day of speaking or of an event: "Today, we received great
    news … This morning, we learned that, in May, our economy created 559,000 new jobs" frames nothing
    (GUIDELINES §8.2 rule 6), and the month after it is the figure's own."""
    first = next((t for t in exprs if t.role in ("vague", "period", "since") or t.rule == "speech_time"), None)
    return (
        doc.kind == "transcript"
        and first is not None
        and (first_figure is None or first.start < first_figure)
        and (first.rule == "speech_time" or _day_of_speaking(first, doc.date) or _past_day(first, doc.date))
    )


# times that place an event back from now and frame nothing, as a past day does: "One year ago, the President
# signed …", "Last month, the Department announced …", "Earlier this year, the Postal Service …" ("this month"
# is the period under way, and frames)
_EVENT_TIMES = frozenset({"years_ago", "earlier_this_year"})


def _event_time(t: TimeExpression) -> bool:
    return t.rule in _EVENT_TIMES or (t.rule == "relative_month" and t.text.lower().startswith("last"))


def _frame_candidate(doc: Document, exprs: list[TimeExpression], sentence: str, offset: int) -> TimeExpression | None:
    """The sentence's first expression that may frame a turn: not the day of speaking or of an event ("And
    today, with this announcement, we mark a real step forward", "One year ago, …"), not "right now" or "currently" (how things
    stand in their sentence), not a comparison base's period."""
    return next(
        (
            t
            for t in exprs
            if t.role in ("vague", "period", "since")
            and not _day_of_speaking(t, doc.date)
            and t.rule != "present"
            and not _BASE_FIGURE_BEFORE.search(sentence[: t.start - offset])
            and not _past_day(t, doc.date)
            and not _event_time(t)
            and not (_is_the_day(t, doc.date) and (doc.kind == "transcript" or _spoken(doc)))
        ),
        None,
    )


# a statement that is words spoken ("Remarks by …", "Opening remarks by …", "Speech by …"): its date is the
# day of speaking, as a transcript's is; a press release's date line may frame it (GUIDELINES §8.2 rule 6)
_SPOKEN_TITLE = re.compile(r"(?i)\b(?:remarks|speech|address|keynote)\b(?:\s+as\s+prepared\s+for\s+delivery)?\s+(?:by|of)\b")


def _spoken(doc: Document) -> bool:
    return doc.kind == "statement" and _SPOKEN_TITLE.search(f"{doc.title or ''}\n{doc.text[:300]}") is not None


def _is_the_day(t: timex.TimeExpression, doc_date: dt.date | None) -> bool:
    """The document's own date written out in a transcript ("presided over a regular news conference on 22
    March") or in remarks ("Remarks by Mr Norman Chan … on 26 January 2011"): the day of speaking, which
    frames nothing (an article's dateline yields to its lead instead)."""
    return t.period is not None and t.period.start == t.period.end == doc_date


def turn_frames(doc: Document, sentences: list[Sentence], mention_starts: list[int]) -> dict[int, Attached]:
    """The frame of every turn. A statement or an article is one passage: the first frame stated
    near its top (a headline states none) holds for all of it."""
    by_turn: dict[int, list[Sentence]] = {}
    for sent in sentences:
        by_turn.setdefault(sent.turn_index, []).append(sent)
    frames = {}
    prose = doc.kind in ("article", "statement")
    for turn, sents in by_turn.items():
        first = min((p for p in mention_starts if sents[0].start <= p <= sents[-1].end), default=None)
        if prose and first is not None:
            # a news lead states its period after its first figure ("Malaysia's CPI declined 1.4 per
            # cent … to 120.1 in August 2020"): the whole lead sentence may frame the text
            lead = next((s for s in sents if s.start <= first < s.end), None)
            first = lead.end if lead is not None else first
            if lead is not None and _announces_today(doc, sents, lead):
                # a release's lead announces on the day ("Today, the Department of Education announced
                # … $2.7 billion …") and says in its next sentences over what period ("These funds were
                # provided … over the past year."): the lead paragraph may frame the text
                first = max(s.end for s in sents if s.paragraph_index == lead.paragraph_index)
        frames[turn] = turn_frame(doc, sents, first)
    if prose and by_turn:
        # a line that only dates the page ("19 Dec 2023" under the headline) yields to the lead's own
        # period ("so far during the financial year 2023-24 (as of 17 December 2023)")
        opening = sorted(by_turn)[:3]
        stated = [t for t in opening if frames[t].period is not None]
        chosen = stated[0] if stated and stated[0] in opening[:2] else None
        if chosen is not None and _dates_the_page(doc, by_turn[chosen]):
            chosen = next((t for t in stated if t != chosen and not _dates_the_page(doc, by_turn[t])), chosen)
        return {t: frames[chosen] if chosen is not None else NONE for t in by_turn}
    return frames


def _announces_today(doc: Document, sents: list[Sentence], lead: Sentence) -> bool:
    """A lead that says an announcement is made on the day ("Today, X announced …", "X is announcing
    today …"), up to its first figure's sentence: it dates the saying and states no period of its own."""
    start = min(s.start for s in sents if s.paragraph_index == lead.paragraph_index)
    exprs = timex.find_time_expressions(doc.text[start : lead.end], timex.TimeContext.of(doc.date))
    return any(t.rule in ("speech_time", "announce_time") for t in exprs) and not any(
        t.role in ("period", "since") for t in exprs
    )


def _dates_the_page(doc: Document, sents: list[Sentence]) -> bool:
    """A turn that is only a date line."""
    text = doc.text[sents[0].start : sents[-1].end]
    return len(text) < 60 and _dateline(text, timex.find_time_expressions(text, timex.TimeContext.of(doc.date)))


# --- reading the text in order -------------------------------------------------------------------

_LIST_ITEMS = 5  # paragraphs an introduction ending in ":" may govern
_NEW_POINT = re.compile(r"^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Finally|Lastly)\b,")
_LIST_MARK = r"(?:[-•*▪◦]|\(?\d{1,2}[.)]|\(?[a-z][.)])"  # "-", "•", "1.", "(2)", "a)"
_LIST_ITEM = re.compile(rf"{_LIST_MARK}\s")  # used with .match: at the given position only
_LIST_LINE_START = re.compile(rf"(?:^|\n)[ \t]*{_LIST_MARK}[ \t]+$")


def _dateline(text: str, stated: list[TimeExpression]) -> bool:
    """A heading that is only a date ("08 August 2017", "Brussels, 12 April 2019") dates the page."""
    rest = text
    for t in stated:
        rest = rest.replace(t.text, "")
    return len(re.sub(r"[\W\d_]+", "", rest)) <= 12


def _headings(doc: Document, sentences: list[Sentence]) -> set[int]:
    """Sentences that are headings: alone in their paragraph, one short line without closing
    punctuation ("Flash estimate - September 2018", "2022 RESULTS")."""
    per_paragraph: dict[int, list[int]] = {}
    for i, sent in enumerate(sentences):
        per_paragraph.setdefault(sent.paragraph_index, []).append(i)
    out = set()
    for members in per_paragraph.values():
        text = doc.text[sentences[members[0]].start : sentences[members[0]].end].strip()
        if len(members) == 1 and 0 < len(text) < 100 and "\n" not in text and not re.search(r"[.!?:;,\"”]$", text):
            out.add(members[0])
    return out


def _opens_list_line(text: str, start: int) -> bool:
    """Whether a sentence starting at ``start`` opens a line that is a list item ("-   " before it)."""
    if _LIST_ITEM.match(text, start):
        return start == 0 or text[text.rfind("\n", 0, start) + 1 : start].strip() == ""
    return bool(_LIST_LINE_START.search(text, max(0, start - 12), start))


def _new_paragraph(carry: Carry, doc: Document, sent: Sentence, text: str) -> None:
    """Reset what a new paragraph does not inherit; a list item keeps its list's introduction. An item
    of a list written one item per line inside a paragraph (Markdown's "-   **145** fewer members …  ⏎")
    is a paragraph of its own (GUIDELINES §8.2 rule 9)."""
    same_paragraph_item = sent.paragraph_index == carry.paragraph and _opens_list_line(doc.text, sent.start)
    if sent.turn_index != carry.turn and doc.kind == "transcript":
        # a list's items are in the voice of its introduction: an editor's "… the media session … this
        # afternoon (November 28):" introduces the transcript, not the figures the speaker then gives
        carry.intro = None
    carry.turn = sent.turn_index
    if sent.paragraph_index != carry.paragraph or _NEW_POINT.match(text) or same_paragraph_item:
        carry.intro_left -= 0 if same_paragraph_item else 1  # a list's items share its introduction
        if (not _LIST_ITEM.match(text) and len(text) > 300) or carry.intro_left < 0:
            carry.intro = None  # a list's items are short and few; a long paragraph ends it
        carry.paragraph, carry.period, carry.text, carry.blocked = sent.paragraph_index, None, "", False
        carry.year = 0  # the year in context is the paragraph's


def _remember(
    carry: Carry, exprs: list[TimeExpression], text: str, from_to_span: Attached | None, heading: bool,
    figure_ends: list[int], offset: int = 0, doc_date: dt.date | None = None,
) -> None:  # fmt: skip
    """What this sentence passes on to the next ones. A span of years that qualifies one figure at the
    end of its clause ("growth exceeding 25% in the past five years") is not carried, nor the period
    of a comparison base ("increased to 2.2 percent from 0.9 percent in June, 2018")."""
    stated = [
        t
        for t in exprs
        if t.role in _CARRIED
        and t.period is not None
        and not _qualifies_one(t, text, figure_ends)
        and not _BASE_FIGURE_BEFORE.search(text[: max(0, t.start - offset)])
    ]
    # a period in brackets is an aside ("… was +1.2% (August 2019: +1.5%)"): the sentence's own
    # period outside them is what the next sentences continue
    outside = [t for t in stated if not _in_brackets(text, t.start - offset)]
    stated = outside or stated
    unresolved = any(t.role in ("vague", "local") or (t.role == "since" and t.period is None) for t in exprs)
    if unresolved and not stated:
        carry.period, carry.text, carry.blocked = None, "", True
    elif from_to_span is not None:
        carry.period, carry.text, carry.blocked = from_to_span.period, from_to_span.reason, False
    elif stated:
        carry.period, carry.text, carry.blocked = stated[-1].period, stated[-1].text.strip(), False
    if stated:
        # a starting point ("since the peak at the end of 2022") sets no year in context: the text then
        # speaks of the time up to now, and "the September quarter" next is the latest one
        _remember_year(carry, [t for t in stated if not _SINCE_BEFORE.search(text[: max(0, t.start - offset)])])
    if heading and not _dateline(text, stated):
        # a heading that names the document's own day (a page's "Wednesday, 04.03.2010", "Today") dates the
        # page, not a section
        spans = [t for t in stated if t.period is not None and not (t.period.start == t.period.end == doc_date)]
        carry.section = Attached(spans[0].period, f"section {_quote(spans[0])}") if spans else None
    if text.rstrip(" *_\n").endswith(":") and carry.period is not None and not _TRANSCRIPT_INTRO.match(text):
        carry.intro = Attached(carry.period, f"list introduced by '{carry.text}'")
        carry.intro_left = _LIST_ITEMS


def _remember_year(carry: Carry, stated: list[TimeExpression]) -> None:
    """The year and fiscal year in context after a sentence that states periods: only a year written out
    carries ("in 2022"; not the year a bare "in March" was read in)."""
    year = timex.latest_year([t for t in stated if re.search(r"(?:19|20)\d{2}", t.text)])
    carry.year = year or carry.year
    fiscal = [
        t
        for t in stated
        if t.rule.startswith("fiscal") or (t.rule == "year_span" and t.period and t.period.start.month != 1)
    ]
    carry.fiscal_start = fiscal[-1].period.start if fiscal and fiscal[-1].period else carry.fiscal_start


_SINCE_BEFORE = re.compile(r"(?i)\bsince\b[^,.;]{0,30}$")
# a comparison base's figure right before a period: "… from 0.9 percent in June, 2018", "than 5.4% in 2023"
_BASE_FIGURE_BEFORE = re.compile(
    r"\b(?:from|than|compared (?:with|to)|against)\s+(?:about |around |nearly |some )?[$€£]?\d[\d.,]*\s*"
    r"(?:%|percent|per cent|[a-z]+)?\s*(?:recorded |registered |seen )?(?:in |during |for )?$"
)


def _in_brackets(text: str, pos: int) -> bool:
    before = text[: max(0, pos)]
    return before.count("(") > before.count(")")


def _qualifies_one(t: TimeExpression, text: str, figure_ends: list[int]) -> bool:
    if t.period is None or t.period.end.year - t.period.start.year < 1:
        return False
    return any(0 <= t.start - end < 20 and "," not in text[end : t.start] for end in figure_ends) and not re.match(
        r"[^,;]{0,40}[,;]", text[t.end :]
    )


def _pair_span(sit: Situation) -> Attached | None:
    """ "from A to B" stated with two periods: the span A..B, carried to the next sentences."""
    if _from_to_role(sit) is None:
        return None
    dated = [(t, t.period) for t in sit.own if t.role in ("period", "object") and t.period is not None]
    if len(dated) < 2:
        return None
    (first, a), (last, b) = dated[0], dated[-1]
    return Attached(Period(a.start, b.end), f"{first.text}..{last.text}")


def table_periods(doc: Document, mentions: list[QuantityMention]) -> dict[int, Attached]:
    """A value in a table of figures takes its column's period ("Sep 2018"; GUIDELINES §8.2); a column
    of changes without a period of its own ("Savings (%)" beside "… in 2023" and "… for 2026") spans
    the periods of the columns it compares."""
    ctx = timex.TimeContext.of(doc.date, country=doc.country)
    columns: dict[str, Attached | None] = {}  # a table has a few columns and many values
    for m in mentions:
        if m.cell is not None and m.cell.column not in columns:
            found = [t for t in timex.find_time_expressions(m.cell.column, ctx) if t.period is not None]
            # "FY 2022 CR Award (November 1, 2021)": a date in brackets is an aside
            found = [t for t in found if not _in_brackets(m.cell.column, t.start)] or found
            columns[m.cell.column] = (
                Attached(found[0].period, f"table column '{m.cell.column}'") if len(found) == 1 else None
            )
    dated = [a.period for a in columns.values() if a is not None and a.period is not None]
    for column, attached in columns.items():
        if attached is None and len(dated) >= 2 and tables.column_change(column) is not None:
            span = Period(min(p.start for p in dated), max(p.end for p in dated))
            columns[column] = Attached(span, f"table column of changes '{column}' across the table's columns")
        elif attached is None and dated:
            # "Cut to LIHEAP" beside "Households served by LIHEAP (FY 2022)": another column's period is
            # not this one's, and the header row that states it is not a sentence to carry from
            columns[column] = Attached(None, f"table column '{column}' without a period")
    out: dict[int, Attached] = {}
    for i, m in enumerate(mentions):
        found_column = columns.get(m.cell.column) if m.cell is not None else None
        if found_column is not None:
            out[i] = found_column
    return out


def assign_periods(
    doc: Document,
    turns: list[SpeakerTurn],
    sentences: list[Sentence],
    mentions: list[QuantityMention],
    kinds: dict[int, str],
    modalities: dict[int, str],
) -> dict[int, Attached]:
    """The period of every mention (keyed by mention index), with the reason."""
    frames = turn_frames(doc, sentences, [m.start for m in mentions])
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence_index, []).append(i)
    carry = Carry()
    headings = _headings(doc, sentences)
    result = table_periods(doc, mentions)
    for s_index, sent in enumerate(sentences):
        text = doc.text[sent.start : sent.end]
        _new_paragraph(carry, doc, sent, text)
        ctx = timex.TimeContext.for_sentence(
            doc.date, text, country=doc.country, year=carry.year, fiscal_start=carry.fiscal_start
        )
        exprs = _since_then(timex.find_time_expressions(text, ctx, offset=sent.start), carry, doc.date)
        idx = [i for i in by_sentence.get(s_index, []) if i not in result]  # table values have their column's
        span = _attach_sentence(doc, sent, text, exprs, idx, mentions, kinds, modalities, carry, frames, result)
        ends = [mentions[i].end for i in by_sentence.get(s_index, [])]
        _remember(carry, exprs, text, span, s_index in headings, ends, sent.start, doc.date)
    return result


def _since_then(exprs: list[TimeExpression], carry: Carry, doc_date: dt.date | None) -> list[TimeExpression]:
    """ "Since then" runs from the start of the period the text was speaking of to the document date
    ("… back in last November. The economy has created 600,000 jobs per month since then")."""
    if not any(t.rule == "since_then" for t in exprs):
        return exprs
    context = None if carry.blocked else carry.period
    stated = [t.period for t in exprs if t.role in _CARRIED and t.period is not None and t.rule != "since_then"]
    start = stated[-1].start if stated else context.start if context is not None else None
    if start is None or doc_date is None or start > doc_date:
        return exprs
    return [replace(t, period=Period(start, doc_date)) if t.rule == "since_then" else t for t in exprs]


def _attach_sentence(
    doc, sent, text, exprs, idx, mentions, kinds, modalities, carry, frames, result
) -> Attached | None:
    if not idx:
        return None
    local = [mentions[i] for i in idx]
    chains = figures.chains_of(text, local, sent.start)
    own_exprs = [t for t in exprs if t.role in _OWN_ROLES]
    span = None
    for k, chain in enumerate(chains):
        members = [idx[j] for j in chain.members]
        sit = Situation(
            doc.date, text, sent.start, chains, k, members, exprs,
            target=all(modalities.get(i) == "target" for i in members), carry=carry,
            frame=frames.get(sent.turn_index, NONE), own=own_exprs,
        )  # fmt: skip
        comparable = [kinds.get(i) == "change" or mentions[i].unit == "times" for i in members]
        for member, found in zip(members, reach_back(sit, attach_chain(sit), comparable), strict=True):
            result[member] = found
        span = span or _pair_span(sit)
    return span
