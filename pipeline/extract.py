"""Stage 4 — extract: quantity mentions in a sentence.

A numeral grammar (``pipeline.numerals``) finds every number; this module grows each one into a
mention — currency before it, scale word, currency or unit after it, "per" compounds, ranges —
and drops what the schema says is not a claim: years and dates, numbers inside names ("5G",
"C919", "14th Five-Year Plan"), list numbering, idioms, the speaker's own points, vague amounts,
the base of a rate ("per 10,000 yuan"). quantulum3 is asked for physical units our table lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from pipeline import anchors, numerals, quantulum, tables, units
from pipeline.records import QuantityMention


@dataclass
class _Draft:
    """A mention being built (offsets relative to the sentence)."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: float
    value_high: float | None = None
    unit: str | None = None
    unit_surface: str | None = None
    scale_applied: bool = False
    source: str = "grammar"
    form: str = "digits"
    number_value: float = 0.0  # the numeral's own value, before scale and unit factor
    scale: float = 1.0
    unit_factor: float = 1.0
    sign: int = 0  # -1 / +1 when a sign is written before the number ("-0.30%", "(+43,000")

    def rescale(self, scale: float, unit_factor: float) -> None:
        self.scale, self.unit_factor = scale, unit_factor
        self.value = self.number_value * scale * unit_factor


_YEAR = re.compile(r"^(?:19|20)\d{2}$")
# Cues are looked for within this many characters of a number, so that the grammar stays linear in
# the sentence length (a cue further away than a long clause does not govern the number anyway).
_WINDOW = 160


def _left(text: str, pos: int, width: int = _WINDOW) -> str:
    return text[max(0, pos - width) : pos]


def _right(text: str, pos: int, width: int = _WINDOW) -> str:
    return text[pos : pos + width]


@cache
def _scale_regex() -> re.Pattern[str]:
    words = sorted(tables.scales(), key=len, reverse=True)
    return re.compile(r"(?i)(?:[ -]|(?<=\d))(" + "|".join(words) + r")(?![A-Za-z])")


def _excluded_regions(text: str) -> list[tuple[int, int, str]]:
    regions = []
    sentence = anchors.Sentence(text)
    for pattern, required in zip(tables.non_claim_patterns(), tables.non_claim_anchors(), strict=True):
        if not sentence.may_match(required):
            continue  # the pattern cannot match: it needs a string the sentence lacks
        for m in pattern.regex.finditer(text):
            if m.end() > m.start():
                regions.append((m.start(), m.end(), pattern.reason))
    return regions


class _LazyRegions:
    """``_excluded_regions`` of a sentence, scanned on first use."""

    def __init__(self, text: str):
        self.text, self._regions = text, None

    def __iter__(self):
        if self._regions is None:
            self._regions = _excluded_regions(self.text)
        return iter(self._regions)


def _in_regions(start: int, end: int, regions) -> str | None:
    for r_start, r_end, reason in regions:
        if start < r_end and end > r_start:
            return reason
    return None


def _glued_letters_before(text: str, pos: int) -> str:
    i = pos
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] in "$¥€£₹"):
        i -= 1
    return text[i:pos]


def _is_rank(text: str, numeral: numerals.Numeral) -> tuple[bool, int]:
    """Is this ordinal/number a rank? Returns (is_rank, span start including "No.")."""
    before = _left(text, numeral.start)
    after = _right(text, numeral.end)
    for cue in tables.rank_cues():
        m = cue.search(before)
        if m:
            start = numeral.start
            no = re.search(r"(?:No\.|Number) ?$", before)
            if no:
                start = numeral.start - (len(before) - no.start())
            return True, start
    if numeral.form == "ordinal":
        for follower in tables.rank_followers():
            if follower.match(after):
                return True, numeral.start
        if _MOVED_TO.search(before) and re.match(r"\s*(?:$|[.,;)]|place\b|among\b|in the\b)", after):
            return True, numeral.start  # "By 2010, America fell to 17th."
    return False, numeral.start


_MOVED_TO = re.compile(r"(?i)\b(?:fell|rose|climbed|dropped|slipped|slid|moved|jumped|improved|tumbled) (?:up |down |back )?to $")


def _is_date_number(text: str, numeral: numerals.Numeral) -> bool:
    before = _left(text, numeral.start).rstrip()
    last_word = before.split()[-1].lower().lstrip('(["“') if before.split() else ""
    if last_word in tables.time_nouns():
        return True
    after = _right(text, numeral.end).lstrip(" ,")
    first_word = after.split()[0].lower().strip(",.;)") if after.split() else ""  # "(12 August)"
    return first_word in tables.time_nouns() and numeral.value <= 31 and numeral.form == "digits"


def _list_numbering(text: str, numeral: numerals.Numeral) -> bool:
    """'1. China's industrial economy …', '(2) …', or a point counted aloud ('Two, this President is
    asking …') at the start of a sentence (not 'Two, three weeks ago', a range said aloud)."""
    lead = text[: numeral.start] if numeral.start <= 4 else "x"
    if lead.strip() not in ("", "("):
        return False
    if numeral.form == "words" and numeral.value <= 10 and text[numeral.end : numeral.end + 1] == ",":
        following = re.match(r",\s*([A-Za-z]+)", text[numeral.end :])
        return following is not None and not numerals.find_numerals(following.group(1))
    return bool(re.match(r"[.)](?:\s|$)", text[numeral.end : numeral.end + 2])) or lead.strip() == "("


def _rate_base(text: str, numeral: numerals.Numeral) -> bool:
    """'per 10,000 yuan', 'per 1,000 people': the base of a rate (a power of ten) is not a claim."""
    if not re.search(r"(?i)\b(?:per (?:every )?|for every )$", _left(text, numeral.start, 20)):
        return False
    value = numeral.value
    while value >= 10 and value % 10 == 0:
        value /= 10
    return value == 1


def _skip(text: str, pos: int, allowed: str = " ") -> int:
    while pos < len(text) and text[pos] in allowed:
        pos += 1
    return pos


def _grow(text: str, numeral: numerals.Numeral, lower: str, local: str = "USD") -> _Draft:
    """Extend a numeral rightwards with scale word, currency and unit; leftwards with currency.
    ``local`` is the document's own currency, for a bare "$" or "cents"."""
    draft = _Draft(
        numeral.start,
        numeral.end,
        numeral.start,
        numeral.end,
        numeral.value,
        form=numeral.form,
        number_value=numeral.value,
    )
    pos = numeral.end
    glued = True
    prefix = units.match_currency_prefix(text, numeral.start) if numeral.form == "digits" else None
    if prefix is not None and not units.names_currency_here(prefix.code, local):
        prefix = None  # the peso's "P" outside the Philippines is a letter
    # scale words: "20.9 trillion", "one-million", "4.6 billion"; glued: "$13.6M", "€2bn", "3K"
    m = _scale_regex().match(text, pos)
    compact = units.match_compact_scale(text, pos, money=prefix is not None) if numeral.form == "digits" else None
    if m and numeral.form in ("digits", "words", "fraction"):
        factor = tables.scales()[m.group(1).lower()]
        second = _scale_regex().match(text, m.end())  # "3.07 lakh crore", "two thousand crore"
        if second:
            factor *= tables.scales()[second.group(1).lower()]
            m = second
        draft.rescale(factor, 1.0)
        draft.scale_applied = True
        pos = m.end()
        draft.end = pos
        glued = False
    elif compact is not None:
        draft.rescale(compact.factor, 1.0)
        draft.scale_applied = True
        pos = draft.end = compact.end
        glued = False
    # currency before the number
    if prefix:
        draft.start = prefix.start
        draft.unit = units.currency_code(prefix.code, local)
        draft.unit_surface = text[prefix.start : prefix.end].strip()
    # currency after ("yuan", "RMB", "cents"), unless a prefix already gave one
    if draft.unit is None:
        suffix = units.match_currency_suffix(text, pos)
        comparative = _COMPARATIVE.match(text, pos)
        if suffix is None and comparative is not None:  # "1.7 trillion more dollars"
            suffix = units.match_currency_suffix(text, comparative.end())
            if suffix is not None and not text[suffix.start : suffix.end].islower():
                suffix = None  # only a currency word ("dollars"), not a code or symbol
        if suffix:
            draft.unit = units.currency_code(suffix.code, local)
            draft.unit_surface = text[suffix.start : suffix.end]
            draft.end = suffix.end
            draft.rescale(draft.scale, suffix.factor)
            return draft
    if draft.unit is not None:
        return draft
    # unit, possibly glued ("36%", "100Mbps"), hyphenated ("10,000-meter", "1.2-fold"), or after "consecutive"
    at = pos
    if at < len(text) and text[at] == "-" and at + 1 < len(text) and text[at + 1].isalpha():
        unit = units.match_unit_at(text, at, glued=True, sentence_lower=lower) or units.match_unit_at(
            text, at + 1, glued=False, sentence_lower=lower
        )
    else:
        spaced = _skip(text, at)
        of_a = re.match(r"(?i) of an? (?=percentage point|per ?cent|percent)", text[at : at + 30])
        if of_a is not None and draft.number_value < 1:
            spaced = at + of_a.end()  # "0,1 of a percentage point": a decimal part of the unit
        unit = units.match_unit_at(text, spaced, glued=(spaced == at and glued), sentence_lower=lower)
        if unit is None:
            consecutive = re.match(r" (?:consecutive|straight|successive) ", _right(text, at, 20))
            if consecutive:
                unit = units.match_unit_at(text, at + consecutive.end(), glued=False, sentence_lower=lower)
                if unit is not None and unit.unit not in ("year", "month", "day", "hour"):
                    unit = None
        comparative = _COMPARATIVE.match(text, at) if unit is None else None
        if comparative is not None:
            # "11,000 fewer miles", "12 million unused acres": a physical unit after one adjective
            unit = units.match_unit_at(text, comparative.end(), glued=False, sentence_lower=lower)
            if unit is not None and (unit.pint is None or unit.unit in _NOT_AFTER_ADJECTIVE):
                unit = None
    if unit is not None:
        compound = units.match_compound_unit(text, unit, lower)
        if compound is not None:
            draft.unit, draft.unit_surface, draft.end = compound.unit, compound.surface, compound.end
            return draft
        draft.unit, draft.unit_surface, draft.end = unit.unit, unit.surface, unit.end
        draft.rescale(draft.scale, unit.factor)
        return draft
    return draft


# "11,000 fewer miles", "1.7 trillion more dollars", "12 million unused acres"
_COMPARATIVE = re.compile(r"(?:\*\*)?\s+(?:more|fewer|less|additional|extra|unused|new)\s+")
_NOT_AFTER_ADJECTIVE = frozenset({"percent", "percentage_point", "index_point", "times", "rank"})


def _quantulum_unit(text: str, draft: _Draft) -> None:
    """Ask quantulum3 for a physical unit right after the number (units outside our table)."""
    after = text[draft.end : draft.end + 2]
    if not re.match(r" ?[A-Za-z°µ]", after):
        return
    window_start = draft.number_start
    window = text[window_start : draft.end + 40]
    found = quantulum.unit_after_number(window, draft.end - window_start)
    if found is None:
        return
    draft.unit = found.unit
    draft.unit_surface = found.surface.strip()
    draft.end = window_start + found.end
    draft.source = "quantulum3"


def _old_suffix(text: str, draft: _Draft) -> None:
    """A thing's age is the whole adjective: "a 70-year-old bridge" → "70-year-old"."""
    if draft.unit == "year" and _AGE_OF_A_THING.match(text, draft.end):
        draft.end += len("-old")


def _plus_suffix(text: str, draft: _Draft) -> None:
    m = re.match(r"-plus\b", _right(text, draft.end, 6))
    if m:
        draft.end += m.end()


_RANGE_JOIN = re.compile(r" ?(?:-|–|~) ?| to |[-–] to ")  # "$20- to $24 billion": a suspended hyphen
_LIST_JOIN = re.compile(r",? and |, | or |,? as well as ")


def _low_end(low: _Draft, high: _Draft) -> float:
    """Value of a range's first number, borrowing scale and unit from the second when it has none."""
    if low.unit == high.unit and (low.scale_applied or not high.scale_applied):
        return low.value
    scale = low.scale if low.scale_applied else high.scale
    return low.number_value * scale * high.unit_factor


def _suspended_groups(text: str, low: _Draft, high: _Draft, between: str) -> float:
    """ "$110- to $112,000": the suspended first number shares the second's thousands (110,000)."""
    if not re.fullmatch(r"[-–] to ", between) or "," in text[low.number_start : low.number_end]:
        return 1.0
    groups = re.findall(r",\d{3}", text[high.number_start : high.number_end])
    return 1000.0 ** len(groups)


def _as_range(low: _Draft, high: _Draft, low_value: float) -> _Draft | None:
    """The two figures as one range record, from ``low_value`` to the second's value, with the unit the
    second says or else the first ("$2-3 billion"); None when the first end is the larger."""
    if low_value > high.value:
        return None
    merged = replace(
        high, start=low.start, number_start=low.number_start, unit=high.unit or low.unit,
        unit_surface=high.unit_surface if high.unit else low.unit_surface,
    )  # fmt: skip
    merged.value, merged.value_high = low_value, high.value
    return merged


def _inside_from_list(before: str) -> bool:
    """True when a "from" opens the clause before this figure and no "to" closed it yet:
    "from RMB19.7 trillion and RMB21.7 trillion to …" is a from/to pair, not a range."""
    clause = re.split(r"[;:]|, (?=which|while|with|and)", before)[-1]
    froms = list(re.finditer(r"(?i)\bfrom\b", clause))
    return bool(froms) and not re.search(r"(?i)\bto\b", clause[froms[-1].end() :])


def _counted_on(text: str, low: _Draft, high: _Draft) -> float | None:
    """A range said aloud by counting on: "five, six hundred dollars" is 500 to 600, "two, three
    thousand" 2,000 to 3,000. Both are words and the second starts with the next number; the low end
    takes the multiplier of the high one. Returns the low end's value, or None."""
    if low.form != "words" or high.form != "words" or not 1 <= low.number_value <= 8:
        return None
    words = text[high.number_start : high.number_end].split()
    lead = numerals.words_value(words[0]) if len(words) > 1 else None
    if lead != low.number_value + 1:
        return None
    return low.number_value * (high.value / lead)


def _next_count(text: str, d: _Draft, nxt: _Draft) -> bool:
    """Two whole numbers in a row, the second one more ("17, 18 hours"), neither in a longer list."""
    a, b = d.number_value, nxt.number_value
    if not (a.is_integer() and b == a + 1 and 0 < a < 100):
        return False
    listed_before = re.search(r"\d,? (?:and )?$|\b(?:one|two|three|four|five|six|seven|eight|nine|ten), $", _left(text, d.start, 12))
    listed_after = re.match(r",? (?:and |or )?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b", _right(text, nxt.end, 12))
    return not listed_before and not listed_after


# "between 2.5% to 3.5%", "an estimate of 2 percent to 3 percent", "the 2% to 4% target", "grow by
# 2 per cent to 4 per cent per annum": both ends written with the unit, still one range
_RANGE_BEFORE = re.compile(r"(?i)(?:\b(?:between|of|around|about|roughly|approximately|the)|['’]s) $")
_RANGE_AFTER = re.compile(r"(?i)^\s*(?:target|range|band|goal|per annum|a year|annually|each year)\b")


def _unit_range(before: str, after: str) -> bool:
    return bool(_RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after))


def _join_ranges_and_lists(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """'5 to 6 percent' → one range; '30.7 and 25.9 percentage points' → the first takes the unit."""
    out: list[_Draft] = []
    i = 0
    while i < len(drafts):
        d = drafts[i]
        nxt = drafts[i + 1] if i + 1 < len(drafts) else None
        between = text[d.end : nxt.start] if nxt is not None else ""
        before = _left(text, d.start)
        no_year = nxt is not None and not any(_YEAR.match(text[x.number_start : x.number_end]) for x in (d, nxt))
        # "5 or 6 voted", "10 to 11 million": two bare numbers, or a bare one and a scaled one, said as a range
        alternatives = (
            nxt is not None
            and between in (" or ", " to ")
            and d.unit is None
            and not d.scale_applied
            and (nxt.unit is None or nxt.scale_applied)
            and no_year
        )
        # "5-7 million", "between 4 and 5 million jobs", "$2-3 billion", "$20 to $24 billion": the first
        # number borrows the second's scale, which only a range does ("from 2 to 3 million" is a pair)
        scaled_range = (
            nxt is not None
            and (
                _RANGE_JOIN.fullmatch(between) is not None
                or (between == " and " and re.search(r"(?i)\bbetween $", before) is not None)
            )
            and not d.scale_applied
            and nxt.scale_applied
            and d.form != "ordinal"
            and (d.unit is None or nxt.unit is None or d.unit == nxt.unit)
            and not _inside_from_list(before)
            and no_year
        )
        if scaled_range and nxt is not None and (merged := _as_range(d, nxt, _low_end(d, nxt))) is not None:
            out.append(merged)
            i += 2
            continue
        if (
            nxt is not None
            and (nxt.unit is not None or alternatives)
            and d.unit in (None, nxt.unit)
            and d.form != "ordinal"
        ):
            # "5 to 6 percent" is a range; "fell 0.3 percent to 3.5 percent" is a change and a level
            dash_or_to = _RANGE_JOIN.fullmatch(between) is not None and (
                d.unit is None
                or between.strip() != "to"
                or re.search(r"(?i)\brange (?:of |to |at |between )?$", before)
                or _unit_range(before, _right(text, nxt.end, 20))
            )  # "a range of 3% to 3.25%" is a range too
            # "from 5.5-7.5% to 6.5-8.5%": a dash range is one end of the from/to pair
            is_from = _inside_from_list(before) and not (
                between.strip() in ("-", "–") and re.match(r"\s+to\b", _right(text, nxt.end, 6))
            )
            is_between = re.search(r"(?i)\bbetween $", before) and between == " and "
            # spoken ranges: "something like 30, 35 cents", "maybe 5, 6 percent"
            is_spoken = (
                between == ", "
                and d.unit is None
                and (
                    re.search(r"(?i)\b(?:like|about|around|roughly|maybe|some|as much as|up to) $", before)
                    or _next_count(text, d, nxt)  # "17, 18 hours", "three, four cents": said aloud
                )
            )
            counted_on = _counted_on(text, d, nxt) if between == ", " and d.unit is None else None
            if (dash_or_to and not is_from) or is_between or is_spoken or counted_on is not None or (
                alternatives and not is_from
            ):
                low = _low_end(d, nxt) if counted_on is None else counted_on
                merged = _as_range(d, nxt, low * _suspended_groups(text, d, nxt, between))
                if merged is not None:
                    out.append(merged)
                    i += 2
                    continue
        out.append(d)
        i += 1
    # "fell below 6 per cent to 5.8": a bare figure continuing a from/to takes the first figure's unit
    for j in range(1, len(out)):
        d, prev = out[j], out[j - 1]
        if (
            d.unit is None
            and not d.scale_applied
            and prev.unit in ("percent", "percentage_point")
            and re.fullmatch(r" (?:to|and then to|,? then) ", text[prev.end : d.start])
            # "increased by 148% to 744,000 bottles": a change by X% to a level in other units
            and not re.search(r"\bby (?:about |nearly |over |more than )?$", _left(text, prev.start, 30))
        ):
            d.unit = prev.unit
    # "Unemployment fell from 4.9 to 4.6 per cent": the first figure of a from/to takes the second's
    for j in range(len(out) - 1):
        d, nxt = out[j], out[j + 1]
        if (
            d.unit is None
            and not d.scale_applied
            and nxt.unit in ("percent", "percentage_point")
            and text[d.end : nxt.start] == " to "
            and re.search(r"(?i)\bfrom (?:about |around |nearly |almost )?$", _left(text, d.start, 20))
        ):
            d.unit = nxt.unit
    # parallel figures: a figure without unit takes the unit of the next figure it is listed with
    for j in range(len(out) - 2, -1, -1):
        d, nxt = out[j], out[j + 1]
        if (
            d.unit is not None
            or d.scale_applied
            or d.form not in ("digits", "words")
            or not nxt.unit
            or nxt.unit in ("count", "rank")
        ):
            continue
        if _LIST_JOIN.fullmatch(text[d.end : nxt.start]):
            d.unit = nxt.unit
            d.unit_surface = None
            d.rescale(d.scale, nxt.unit_factor)
    return out


_DURATION_UNITS = frozenset({"year", "month", "week", "day", "hour"})


_RANGE_PARTNER = re.compile(r"\d+(?:\.\d+)?\s?(?:-|–|to)\s?$")
_MEASURED = re.compile(
    r"(?:\b(?:by|for|of|from|to|at|every|within|averag\w*|lasted|lasting|takes?|took|is|was|were|are|be|been|remains?|remained)"
    r"|(?<=\w)[’']s)\s+"  # "it's a year and a half": the contracted "is"
    r"(?:(?:about|around|approximately|roughly|nearly|almost|some|up to|at least|at most|more than|less than|over|under"
    r"|another|an additional)\s+)?$"
    r"|\b(?:about|around|approximately|roughly|nearly|almost|some|up to|at least|at most|more than|less than)\s+$"
)
_WINDOW_OF_RECORD = re.compile(
    r"\b(?:lowest|highest|longest|shortest|best|worst|strongest|weakest|fastest|slowest|largest|biggest|smallest"
    r"|most|least|first time|than (?:it|they|we) (?:has|have) been"
    # "a level not seen in nearly 40 years", "as good as they have had for 22 years"
    r"|as (?:good|high|low|strong|fast|bad|big) as)\b[^,.;]{0,60}\b(?:in|for|since)\s+"
    r"(?:(?:more than|over|nearly|almost|about|the past|the last)\s+)?$"
    r"|\bnot (?:been )?seen (?:in|since)\s+(?:(?:more than|over|nearly|almost|about|the past|the last)\s+)?$"
)


# a hyphenated duration before these says how long the thing lasts (pipeline/data/lasting_things.csv)
_LASTING_THING = re.compile(r"(?i)\s+" + tables.lasting_things())


# "a 70-year-old bridge", "a two-year-old bill": the age of a built thing or a law is measured; a person's
# ("her 16-year-old daughter", "two-year-old Mattie", "a 41-year-old pastor") names who they are (GUIDELINES §1;
# pipeline/data/aged_things.csv)
_AGE_OF_A_THING = re.compile(r"-old (?:[a-z]+ )?" + tables.aged_things())


def _duration_is_claim(text: str, d: _Draft) -> bool:
    """A duration is a claim when it is the thing measured ("for 12 consecutive years", "two years
    ahead of schedule", "a maturity of about 7-12 years"), not when it only locates time ("the past
    10 years", "in four days", "the lowest level in 50 years")."""
    before = _RANGE_PARTNER.sub("", _left(text, d.start).lower())
    after = _right(text, d.end).lower()
    span = text[d.start : d.end].lower()
    if _WINDOW_OF_RECORD.search(before):
        return False
    if "consecutive" in span or "straight" in span or "successive" in span:
        return True
    if "-" in span and _LASTING_THING.match(after):
        return True  # "a 30-day moratorium", "a 10-year appropriation": how long the thing lasts
    if re.match(r"\s+(?:ahead|in a row|straight|running|earlier|later than)\b", after):
        return True
    if re.match(r"\s+(?:ago|later|from now|before|after|since)\b|\s*(?:lows?|highs?)\b", after):
        return False  # "two years ago", "13 year lows"
    return bool(_MEASURED.search(before))


def _index_words_in(text: str) -> bool:
    words = set(re.findall(r"[A-Za-z&]+", text))
    return bool(words & tables.index_words() or {w.lower() for w in words} & tables.index_words())


def _after_index_word(text: str, start: int) -> bool:
    """'the PMI stood at 49.5', 'the index reached 165.4', 'The Dow lost 588.40 points, or 3.6 percent,
    to 15,871.35': an index or score (schema: index_point)."""
    clause = re.split(r"[;,:]|\band\b", text[max(0, start - 60) : start])[-1]
    if _index_words_in(clause):
        return True
    return bool(
        re.search(r"(?i)\b(?:to|at|close at|closed at)\s*$", text[max(0, start - 12) : start])
    ) and _index_words_in(text[:start])


def _unitless(d: _Draft) -> str:
    """A number with no unit counts things, unless it is a bare fraction-valued number
    ("a correlation coefficient of 0.8"), which is a ratio: ``other``."""
    if not d.scale_applied and d.number_value != int(d.number_value):
        return "other"
    return "count"


_SCALE_ONLY = re.compile(r"(?i)(?<![\w-])(million|billion|thousand)-(?=[a-z])")


def _scale_only(text: str, lower: str) -> list[_Draft]:
    """'million-kilowatt generating units': a scale word used as a numeral before a unit."""
    out = []
    for m in _SCALE_ONLY.finditer(text):
        before = _left(text, m.start(), 20)
        if re.search(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|a))[ -]$", before):
            continue
        unit = units.match_unit_at(text, m.end(), glued=False, sentence_lower=lower)
        if unit is None or unit.unit in ("percent", "times"):
            continue
        value = tables.scales()[m.group(1).lower()]
        d = _Draft(
            m.start(),
            unit.end,
            m.start(),
            m.end() - 1,
            value,
            form="words",
            number_value=value,
            unit=unit.unit,
            unit_surface=unit.surface,
            scale_applied=True,
        )
        d.rescale(value / 1.0, unit.factor)
        d.number_value = value
        d.value = value * unit.factor
        out.append(d)
    return out


def _unit_and_a_half(text: str, lower: str) -> list[_Draft]:
    out = []
    for m in numerals.A_UNIT_AND_A_HALF.finditer(text):
        unit = units.match_unit_at(text, m.start("unit"), glued=False, sentence_lower=lower)
        if unit is None or unit.unit not in _DURATION_UNITS:
            continue
        d = _Draft(m.start(), m.end(), m.start(), m.start("unit") - 1, 1.5, form="words", number_value=1.5)
        d.unit, d.unit_surface = unit.unit, m.group("unit")
        d.rescale(1.0, unit.factor)
        if _duration_is_claim(text, d):
            out.append(d)
    return out


_UNIT_OF_A = re.compile(r"(?i)(?: (?:of )?(?:a |an |one |1 )?|-)")
_FRACTION_UNITS = frozenset({"percent", "percentage_point", "index_point"})


def _fraction_draft(text: str, numeral: numerals.Numeral, lower: str, local: str) -> _Draft | None:
    """A fraction word as a quantity: of a unit ("three tenths of a percent" → 0.3, "a quarter of a
    percentage point" → 0.25), before a scale ("half a million" → 5e5), of a whole ("a quarter of
    Americans", "half the people", "cut … in half" → percent)."""
    ratio = numeral.ratio or numeral.value / 100
    joint = _UNIT_OF_A.match(text, numeral.end)
    if joint:
        unit = units.match_unit_at(text, joint.end(), glued=False, sentence_lower=lower)
        minor = units.match_currency_suffix(text, joint.end())
        if unit is not None and unit.unit in _FRACTION_UNITS:
            return _Draft(
                numeral.start,
                unit.end,
                numeral.start,
                numeral.end,
                ratio * unit.factor,
                unit=unit.unit,
                unit_surface=unit.surface,
                form="fraction",
                number_value=ratio,
                unit_factor=unit.factor,
            )
        if minor is not None and minor.factor != 1:  # "half a cent"
            return _Draft(
                numeral.start,
                minor.end,
                numeral.start,
                numeral.end,
                ratio * minor.factor,
                unit=units.currency_code(minor.code, local),
                form="fraction",
            )
    # "a half a million", "a quarter of a million"
    article = re.match(r" (?:of )?an? (?=\w)", text[numeral.end : numeral.end + 7])
    if _scale_regex().match(text, numeral.end + (article.end() - 1 if article else 0)):
        grown = replace(numeral, value=ratio, end=numeral.end + (article.end() - 1 if article else 0))
        draft = _grow(text, grown, lower, local)
        draft.form = "fraction"
        return draft
    of_whole = re.match(r" of\b", _right(text, numeral.end, 4)) or re.match(
        r" (?:the|all|its|their|our|his|her|were|was|are|is|have|has|had)\b", _right(text, numeral.end, 7)
    )  # "a quarter of Americans", "half the people", "nearly one-fourth were located"
    # "cut … in half", "reduce the loan size by more than half", "cut funding by nearly a third"
    by_share = re.search(
        r"(?i)\b(?:in|by)(?: (?:more|less) than| nearly| about| almost| roughly| over| some)? $", _left(text, numeral.start, 24)
    )
    in_half = by_share and (numeral.text.lower() == "half" or not re.search(r"(?i)\bin $", _left(text, numeral.start, 4)))
    if of_whole or in_half:
        return _percent_of_whole(numeral, "fraction")
    return None


def _percent_of_whole(numeral: numerals.Numeral, form: str) -> _Draft:
    """The numeral alone as a share in percent ("half the people", "one in three adults")."""
    return _Draft(
        numeral.start, numeral.end, numeral.start, numeral.end, numeral.value,
        unit="percent", form=form, number_value=numeral.value,
    )  # fmt: skip


_SIGN = re.compile(r"(?:(?<=[\s(\[])|^)[+\-\u2212]$")


def _signed(text: str, draft: _Draft) -> None:
    """A sign written right before the number (or its currency) belongs to the span: "-0.30%", "(+43,000"."""
    at = draft.start
    if at > 0 and _SIGN.search(text[max(0, at - 2) : at]):
        draft.start = at - 1
        draft.sign = -1 if text[at - 1] in "-\u2212" else 1
        if draft.sign < 0:
            draft.value = -draft.value
            if draft.value_high is not None:
                draft.value_high = -draft.value_high


_STREAK = re.compile(
    r"(?i)(?P<gap> (?:consecutive |straight |successive )?)(?P<unit>day|week|month|quarter|year)s?(?= in a row)"
    r"|(?P<gap2> (?:consecutive|straight|successive) )(?P<unit2>day|week|month|quarter|year)\b"
)


def _streak(text: str, numeral: numerals.Numeral, lower: str) -> _Draft | None:
    """The length of a streak written as an ordinal: "the 17th month in a row", "our 28th consecutive
    year", "the second straight week" → 17 month, 28 year, 2 week (GUIDELINES §1)."""
    m = _STREAK.match(text, numeral.end)
    if not m:
        if re.match(r"(?i) (?:consecutive|straight|successive) [a-z]", text[numeral.end : numeral.end + 16]):
            # "our fourth consecutive interest rate increase", "his 14th consecutive contribution": a count
            return _Draft(
                numeral.start, numeral.end, numeral.start, numeral.end, numeral.value,
                unit="count", form="ordinal", number_value=numeral.value,
            )  # fmt: skip
        return None
    word = m.group("unit") or m.group("unit2")
    unit = units.match_unit_at(
        text, m.start("unit") if m.group("unit") else m.start("unit2"), glued=False, sentence_lower=lower
    )
    name = unit.unit if unit is not None else word.lower()
    end = m.end("unit") if m.group("unit") else m.end("unit2")
    return _Draft(
        numeral.start,
        end,
        numeral.start,
        numeral.end,
        numeral.value,
        unit=name,
        form="ordinal",
        number_value=numeral.value,
    )


_FACTOR_OF = re.compile(r"(?i)\b(?:a )?factor of $")


_RATE_TALK = re.compile(
    r"(?i)\b(?:basis points?|interest rates?|(?:policy|cash|repo|bank|funds|key) rates?|rate (?:hike|cut|increase|rise)s?"
    r"|hikes?|central bank)\b|\b(?:Fed|FOMC|ECB|RBA|RBI)\b"
)


def _rate_points(text: str, drafts: list[_Draft]) -> None:
    """In talk of interest rates, "a quarter of a point", "a 100 point hike", "75-point" are
    percentage points (a stock index is never in the same sentence as a rate hike)."""
    if not _RATE_TALK.search(text):
        return
    for d in drafts:
        if d.unit == "index_point" and d.unit_surface and "point" in d.unit_surface.lower():
            d.unit = "percentage_point"
            if d.number_value >= 5 and d.number_value == int(d.number_value):  # "a 75-point hike": basis points
                d.rescale(d.scale, 0.01)


def _bare_basis_points(text: str, drafts: list[_Draft]) -> None:
    """ "a decision between 50 and 75": bare multiples of 25 in a sentence about a rate move in basis
    points are basis points (schema, settled in turn 2)."""
    if not re.search(
        r"(?i)\b(?:basis points?|rates?|hikes?|cuts?|raised?|tighten\w*|eas(?:e|ed|ing))\b", text
    ) and not _RATE_TALK.search(text):
        return
    previous: _Draft | None = None
    for d in drafts:
        paired = (  # "a 75-or-100 choice": the second figure of a pair is in the first's unit
            previous is not None
            and previous.unit == "percentage_point"
            and re.fullmatch(r"-or-|-to-| or | to ", text[previous.end : d.start])
        )
        previous = d
        if d.unit is None and paired and d.form == "digits" and not d.scale_applied:
            d.unit, d.unit_surface = "percentage_point", None
            d.rescale(d.scale, 0.01)
            continue
        if (
            d.unit is None
            and d.form == "digits"
            and not d.scale_applied
            and d.number_value in (25.0, 50.0, 75.0, 100.0)
            and re.match(
                r"\s*-?(?:$|[,.;:)?]|(?:and|or|to|on|at|in|for|is|was|would|will|basis|bps)\b)", _right(text, d.end, 8)
            )
        ):
            d.unit, d.unit_surface = "percentage_point", None
            d.rescale(d.scale, 0.01)


def _numeral_draft(text: str, numeral: numerals.Numeral, lower: str, local: str) -> _Draft | None:
    """The mention a numeral starts, or None when it is not a claim (ranks and streaks of ordinals,
    fractions, ratios and amounts)."""
    if numeral.form == "ordinal":
        streak = _streak(text, numeral, lower)
        if streak is not None:
            return streak
        is_rank, start = _is_rank(text, numeral)
        return (
            _Draft(start, numeral.end, numeral.start, numeral.end, numeral.value, unit="rank", form="ordinal")
            if is_rank
            else None
        )
    if numeral.form == "fraction":
        return _fraction_draft(text, numeral, lower, local)
    if numeral.form == "ratio":
        return _percent_of_whole(numeral, "ratio")
    glued_before = _glued_letters_before(text, numeral.start)
    if glued_before and numeral.form == "digits":
        is_currency = any(
            glued_before.endswith(c.surface)
            for c in tables.currencies()
            if c.position == "prefix" and units.names_currency_here(c.code, local)
        )
        if not is_currency and not glued_before.islower():
            return None  # "C919", "G20": a name
    if _list_numbering(text, numeral) or _is_date_number(text, numeral):
        return None
    is_rank, rank_start = _is_rank(text, numeral)
    if (
        is_rank
        and (numeral.form == "words" or numeral.value < 1000)
        and not re.match(r"\s*(?:%|percent)", _right(text, numeral.end, 12))
    ):
        return _Draft(
            rank_start, numeral.end, numeral.start, numeral.end, numeral.value, unit="rank", form=numeral.form
        )
    draft = _grow(text, numeral, lower, local)
    factor = _FACTOR_OF.search(_left(text, numeral.start, 12))
    if factor is not None and draft.unit is None:
        draft.start = numeral.start - (len(_left(text, numeral.start, 12)) - factor.start())
        if text.startswith(("a ", "A "), draft.start):
            draft.start += 2
        draft.unit = "times"
    return draft


def _keep(text: str, numeral: numerals.Numeral, draft: _Draft) -> bool:
    """False for what only looks like a quantity: a name glued to letters ("5G", "1000M"), a year,
    a bare "one", a duration that only locates time."""
    if (
        numeral.form == "digits"
        and draft.end == numeral.end
        and re.match(r"[A-Za-z]", text[numeral.end : numeral.end + 1])
    ):
        if not re.match(r"(?:st|nd|rd|th)\b", _right(text, numeral.end, 3)):
            return False
    if draft.unit is None and numeral.form == "digits" and not draft.scale_applied and _YEAR.match(numeral.text):
        return False  # a year: it only locates time
    if draft.unit is None and numeral.form == "words" and numeral.value == 1 and not draft.scale_applied:
        return False  # a bare "one" is a determiner or pronoun far more often than a count
    if draft.unit == "year" and text.startswith("-old", draft.end):
        return bool(_AGE_OF_A_THING.match(text, draft.end))  # a thing's age, not a person's
    if draft.unit in _DURATION_UNITS and draft.form != "ordinal" and not _duration_is_claim(text, draft):
        return False
    return True


# a number opening a paragraph, before a capitalised word ("1 Good morning and welcome to MTI.")
_PARAGRAPH_NUMBER = re.compile(r"(?m)^[ \t]*(?P<n>[1-9]\d?)[ \t]+(?=[A-Z])")
_NUMBERED_RUN = 3  # paragraphs numbered 1, 2, 3 … in a row: a speech's numbered paragraphs


def paragraph_numbers(text: str) -> set[tuple[int, int]]:
    """(start, end) of the numbers of numbered paragraphs ("1 Good morning …", "2 Details of …", "3
    Growth in …", as Singapore's ministries print speeches): a run of at least three paragraphs opening
    1, 2, 3 … in order. A paragraph that merely opens with a figure ("19 Republicans voted …") is no run.

    >>> text = "1 Good morning.\\n\\n2 Growth was 3%.\\n\\n3 Trade rose.\\n\\n19 Republicans voted."
    >>> sorted(text[a:b] for a, b in paragraph_numbers(text))
    ['1', '2', '3']
    """
    found = [(int(m.group("n")), m.start("n"), m.end("n")) for m in _PARAGRAPH_NUMBER.finditer(text)]
    spans: set[tuple[int, int]] = set()
    run: list[tuple[int, int, int]] = []
    for item in [*found, (0, 0, 0)]:  # a sentinel closes the last run
        if run and item[0] == run[-1][0] + 1:
            run.append(item)
            continue
        if len(run) >= _NUMBERED_RUN:
            spans.update((start, end) for _, start, end in run)
        run = [item] if item[0] == 1 else []
    return spans


def extract_quantities(
    text: str, offset: int = 0, sentence_index: int = 0, *, use_quantulum: bool = True, local_currency: str = "USD"
) -> list[QuantityMention]:
    """Quantity mentions in one sentence; offsets are shifted by ``offset`` into the document.
    ``local_currency`` is what a bare "$" or "cents" means in the document (USD unless its
    publisher's country says otherwise).

    >>> [m.text for m in extract_quantities("From 2012 to 2021, it grew from RMB20.9 trillion to RMB37.3 trillion.")]
    ['RMB20.9 trillion', 'RMB37.3 trillion']
    >>> [(m.text, m.unit) for m in extract_quantities("China built 887,000 new 5G base stations, up 0.8 percentage points.")]
    [('887,000', 'count'), ('0.8 percentage points', 'percentage_point')]
    >>> [(m.text, m.value, m.unit) for m in extract_quantities("It fell three tenths of a percent; prices rose 19 cents.")]
    [('three tenths of a percent', 0.3, 'percent'), ('19 cents', 0.19, 'USD')]
    """
    lower = text.lower()
    regions = _LazyRegions(text)  # most sentences hold no numeral: their ~90 non-claim scans are skipped
    drafts: list[_Draft] = []
    consumed_until = -1
    for numeral in numerals.find_numerals(text):
        if numeral.start < consumed_until:
            continue
        if numeral.form != "ratio" and _in_regions(numeral.start, numeral.end, regions):
            continue  # (a share written "One-in-Four" is never a slogan)
        if numeral.form not in ("ordinal", "fraction", "ratio") and _rate_base(text, numeral):
            consumed_until = _grow(text, numeral, lower, local_currency).end
            continue
        draft = _numeral_draft(text, numeral, lower, local_currency)
        if draft is None:
            continue
        if draft.unit is None and use_quantulum and numeral.form == "digits":
            _quantulum_unit(text, draft)
        if not _keep(text, numeral, draft):
            continue
        _old_suffix(text, draft)
        _plus_suffix(text, draft)
        _signed(text, draft)
        drafts.append(draft)
        consumed_until = draft.end
    drafts.extend(d for d in _scale_only(text, lower) if not _in_regions(d.start, d.end, regions))
    drafts.extend(d for d in _unit_and_a_half(text, lower) if not _in_regions(d.start, d.end, regions))
    drafts.sort(key=lambda d: d.start)
    drafts = _join_ranges_and_lists(text, drafts)
    _rate_points(text, drafts)
    _bare_basis_points(text, drafts)
    percent_here = any(d.unit in ("percent", "percentage_point") for d in drafts)
    return [_mention(text, d, offset, sentence_index, drafts if percent_here else None) for d in drafts]


def _paired_unit(d: _Draft, drafts: list[_Draft]) -> bool:
    """The bare number is the first end of a pair whose other end has a unit ("from 6 ½ to 8 hours")."""
    return any(0 <= o.start - d.end <= 6 and o.unit not in (None, "percent", "percentage_point") for o in drafts)


# what a bare decimal beside them is a rate of ("unemployment from 4.9 to 4.6", "GDP, which was up 2.8")
_RATE_NOUN = re.compile(r"(?i)\b(?:unemployment|jobless|inflation|growth|GDP|interest rate|rate)\b")


def _bare_rate(text: str, d: _Draft, percent_drafts: list[_Draft] | None) -> bool:
    """A bare decimal under 100 said of a rate, in a sentence that states percentages or names the
    rate next to it: "5.7 percent for whites and 6.6 for Asian workers", "rose by 0.02 percent to
    6.03", "a drop of unemployment from 4.9 to 4.6" (GUIDELINES §4: the unit the speaker means).
    ``percent_drafts``: the sentence's figures when one of them is in percent, else None."""
    if d.unit is not None or d.form != "digits" or d.number_value == int(d.number_value) or not 0 < d.value < 100:
        return False
    if d.scale_applied or _index_words_in(text) or re.search(r"(?i)\b(?:points?|score|ratio|coefficient|correlation)\b", text):
        return False
    if percent_drafts is not None and not _paired_unit(d, percent_drafts):
        return True
    return _RATE_NOUN.search(text[max(0, d.start - 40) : d.end + 25]) is not None


def _mention(
    text: str, d: _Draft, offset: int, sentence_index: int, percent_drafts: list[_Draft] | None = None
) -> QuantityMention:
    unit = d.unit or (
        "index_point"
        if _after_index_word(text, d.start)
        else "percent" if _bare_rate(text, d, percent_drafts) else _unitless(d)
    )
    return QuantityMention(
        start=offset + d.start,
        end=offset + d.end,
        text=text[d.start : d.end],
        value=round(d.value, 6) if abs(d.value) < 1e15 else d.value,
        value_high=d.value_high,
        unit_surface=d.unit_surface,
        unit=unit,
        scale_applied=d.scale_applied,
        sentence_index=sentence_index,
        source=d.source,
        number_start=offset + d.number_start,
        number_end=offset + d.number_end,
        sign=d.sign,
    )
