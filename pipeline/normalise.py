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
from functools import cache

from pipeline import attach, figures, grid, tables
from pipeline.records import (
    Document,
    NormalisedQuantity,
    Period,
    QuantityMention,
    Sentence,
    SpeakerTurn,
    TableCell,
)


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


def _nearest_cue(window: str, kind: str | None = None) -> tuple[str, str | None, int] | None:
    """The cue (of ``kind``, if given) that ends closest to the end of ``window``: (kind, direction,
    distance)."""
    lower = window.lower()
    best: tuple[str, str | None, int] | None = None
    for cue in tables.change_cues():
        if cue.position != "before" or kind not in (None, cue.value) or cue.phrase not in lower:
            continue
        # a hyphen ends no cue word: "up" is not a cue in "start-up" or "up-to-date"
        for m in tables.word_pattern(cue.phrase, "a-z-").finditer(lower):
            if cue.phrase in ("up", "down") and _particle(lower[: m.start()]):
                continue  # "cleaned up 140 million tons", "took up 79.9%"
            distance = len(lower) - m.end()
            if best is None or distance < best[2]:
                best = (cue.value, cue.direction, distance)
    return best


def _particle(before: str) -> bool:
    words = re.findall(r"[a-z]+", before[-30:])
    return bool(words) and words[-1] in tables.phrasal_verbs()


_CONTRIBUTION = re.compile(
    r"(?i)\b(?:contribut\w*|drove|driving|drives|lifted|lifting|boosted|pulled|pulling|pushed|pushing|adding)\b"
)
# a copula or level verb between a change cue and the figure makes the figure a level: "the turnover
# of foreign contracted projects was RMB530 billion", "exports that rose last year reached 300 units"
_LEVEL_VERB = re.compile(r"(?i)\b(?:is|are|was|were|stood at|stands at|reached|reaching|totaled|totalled|hit)\b")


def kind_of(
    sentence: str, chains: list[figures.Chain], k: int, unit: str, topic: str | None = None
) -> tuple[str, str | None]:
    """Level or change (and direction) of the figures of chain ``k``: the first rule that speaks.

    >>> s = "Exports rose 5.5% and reached 300 units."
    >>> cs = [figures.Chain([0], 13, 17), figures.Chain([1], 30, 33)]
    >>> kind_of(s, cs, 0, "percent"), kind_of(s, cs, 1, "count")
    (('change', 'up'), ('level', None))
    >>> kind_of("CPI inflation rose to 2.6% in June.", [figures.Chain([0], 22, 26)], 0, "percent")
    ('change', 'up')
    """
    return stated_kind(sentence, chains, k, unit, topic) or ("level", None)


def stated_kind(
    sentence: str, chains: list[figures.Chain], k: int, unit: str, topic: str | None = None
) -> tuple[str, str | None] | None:
    """What the words around chain ``k`` say of its kind, or None when nothing does."""
    window = figures.window_before(sentence, chains, k)
    for rule in (_amount_follows, _occasions, _after_cue, _rate_of_change, _by_amount, _cued):
        found = rule(sentence, chains, k, unit, window)
        if found is not None:
            return found
    if topic == "change" and unit == "percent" and _PRONOUN_SUBJECT.search(window):
        return "change", "up"  # "… average inflation stood at 6.56 percent. Last year, it was 7.48 percent."
    if topic == "change" and unit == "percent" and is_fragment(sentence):
        # "we recorded growth of 3.2%. In 2016 – 3.4%. In 2017, 2.1%.": a list said in fragments
        return "change", "down" if re.search(r"(?i)\bminus\b", window) else "up"
    return None


# the amount of the change comes later in the clause: "lower the three key ECB interest rates by 25 basis
# points", "raise the upper limit of the 20 per cent tax slab from Rs8 lakh to Rs10 lakh"
_LATER_AMOUNT = re.compile(
    r"(?i)^[^,;.:—–]{0,60}?\b(?:by\s+(?:about |nearly |around |almost |some |more than |over |a further |another )?"
    r"(?!(?:19|20)\d\d\b)[$€£₹\d]|from\s+(?:about |nearly |around )?(?:Rs\.? ?|[$€£₹])?\d[^,;.]{0,30}?\bto\b)"
)


def _amount_follows(sentence, chains, k, unit, window) -> tuple[str, str | None] | None:
    """A figure inside the noun phrase of what changes ("the three key ECB interest rates", "the 20 per cent
    tax slab"), whose clause names the change's amount after it ("by 25 basis points", "from … to …"): a
    level."""
    if not re.search(r"(?i)\b(?:the|its|their|our)\s+$", window):
        return None
    if k + 1 < len(chains) and _LATER_AMOUNT.match(sentence[chains[k].end : chains[k + 1].start + 1]):
        return "level", None
    return None


# what a fragment of a spoken list holds besides its figures: a year, "and", "by", "minus", a sign
_FRAGMENT_WORDS = re.compile(
    r"(?i)\b(?:in|and|by|minus|(?:19|20)\d{2}|per ?cent|percent)\b|[\d.,%–—:;()\s-]+"
)


def is_fragment(sentence: str) -> bool:
    """A sentence of nothing but years and figures ("In 2016 – 3.4%.", "In 2004, 1.6% and 2005, 5.5%."):
    an item of a list said aloud, without the verb or the rate its first item had.

    >>> is_fragment("In 2016 – 3.4%."), is_fragment("In 2003, by minus 0.6%."), is_fragment("Exports rose 3.4%.")
    (True, True, False)
    """
    return bool(re.search(r"\d", sentence)) and not _FRAGMENT_WORDS.sub("", sentence).strip(" .")


# "rose 5% in 2021 and 7% in 2022", "increased 0.55% in the fortnightly period and 11.02% in the year": a
# figure in the same unit after "<its period> and", with no verb of its own, repeats the kind of the
# figure before it
_PARALLEL = re.compile(
    # "… in Wisconsin this past week, 27 cents in Oregon, 16 cents in Ohio": a unit's "a gallon" may come first,
    # and a comma alone joins the list
    # "will expand by 5.1% this year and 7.3% next year": a period without its preposition too
    r"(?i)\s*(?:(?:a|an|per) [a-z]+\s+)?(?:(?:in|for|on|during|over|at)\b[^,;.:()]{0,35}?|(?:this|next|last) (?:year|quarter|month))"
    r"(?:,?\s+and\s+|,\s+)"
    r"(?:by\s+)?(?:about |nearly |over |around |almost |more than |some )?"
)


def _parallel(sentence: str, chains: list[figures.Chain], k: int, units: list[str]) -> bool:
    between = sentence[chains[k - 1].end : chains[k].start]
    return units[k - 1] == units[k] and bool(_PARALLEL.fullmatch(between))


# "it"/"this" standing for the rate the paragraph's previous sentence named
_PRONOUN_SUBJECT = re.compile(
    r"(?i)\b(?:it|this(?= (?:is|was|has|had|marks|compares|stood|came|remained)\b))\b"
    r"(?! (?:is|was) (?:the|a|an) )(?!.*\b(?:we|they|he|she|I)\b)"
)


def _after_cue(sentence, chains, k, unit, window) -> tuple[str, str | None] | None:
    """A cue right after the figure: "14 more than", "5 times higher than"."""
    after = re.sub(r"^,? respectively,?", "", sentence[chains[k].end :].lower())
    inside = re.search(r"(?i)\s(?:more|fewer|less)\s", sentence[chains[k].start : chains[k].end])
    if inside is not None:  # "1.7 trillion more dollars", "11,000 fewer miles": the cue is in the span
        after = sentence[chains[k].start + inside.start() : chains[k].start + inside.end()].lower()
    for cue in tables.change_cues():
        if cue.position == "after" and re.match(r"\s*" + re.escape(cue.phrase) + r"(?![a-z])", after):
            if cue.phrase in ("year on year", "year-on-year"):
                continue  # says nothing about direction on its own
            if cue.phrase in _COMPARATIVES and not _compares(cue.phrase, unit) and inside is None:
                continue  # "£88.9bn lower in 2028-29" is a change; "50 miles above" is not
            return cue.value, cue.direction
    return None


# comparatives after a figure say "change" only for quantities that compare: shares, multiples,
# counts, and (higher, lower) amounts of money; "50 miles above" is a place
_COMPARATIVES = frozenset(
    {"more", "fewer", "higher", "lower", "above", "below", "faster", "quicker", "slower", "cheaper"}
)
_COMPARED_UNITS = frozenset({"percent", "percentage_point", "times", "count"})


def _compares(phrase: str, unit: str) -> bool:
    return unit in _COMPARED_UNITS or (phrase in ("higher", "lower") and _is_currency(unit))


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper()


# "raised 7 consecutive times": a count of occasions, whatever the verb before it
_OCCASIONS = re.compile(
    r"(?i)^\s+(?:(?:consecutive|straight|successive|more|other)\s+)?times\b"
    r"(?!\s+(?:as|more|less|higher|lower|larger|smaller|bigger|greater|faster|that|the|what|over)\b)"
)


def _occasions(sentence, chains, k, unit, window) -> tuple[str, str | None] | None:
    if re.search(r"(?i)\bby\s+(?:about |nearly |around |more than |over )?$", sentence[: chains[k].start]):
        return None  # "decreased severe disease … by 18 times" is a multiple
    after = sentence[chains[k].end :]
    if unit == "times":  # the span holds "times": look behind it for the verb's occasions
        after = " times" + after if re.search(r"(?i)\btimes$", sentence[chains[k].start : chains[k].end]) else ""
    return ("level", None) if unit in ("count", "times") and _OCCASIONS.match(after) else None


def _rate_of_change(sentence, chains, k, unit, window) -> tuple[str, str | None] | None:
    """A percent that is a rate of change of prices or output (inflation, growth, "year on year") is
    a change whose direction is the rate's sign: up, unless the text says the rate itself is below
    zero ("prices fell 0.1%", "a year-on-year decrease of 0.3%", "deflation of 0.3%"). Shares and
    interest or unemployment rates are levels (GUIDELINES §6), and so is a percent "of" something."""
    if unit != "percent":
        return None
    # what follows the figure up to the next clause ("2.9 percent over the past year and unemployment has
    # remained …": the rate word of the next clause is not this figure's)
    after = re.split(r"[,;(]|\d|\b(?:and|but|while|whereas)\b", sentence[chains[k].end : chains[k].end + 40])[0]
    if re.match(r"\s+of\b", after):
        return "level", None  # "30% of the total"
    # "6.1 percent of the GDP, … down from 6.8 percent": a ratio to GDP names no growth rate
    clause = _OF_GDP.sub(" ", f"{window} {after}".lower())
    kind = next(
        (kind for phrase, kind in tables.rate_words() if tables.find_word(phrase, clause)),
        None,
    )
    if kind is None:
        # the rate named earlier in the sentence: "inflation rose to 2.6% in June from 2.3% in March",
        # a table row "All-items HICP 1000.0 1.5 1.3 1.9"
        kind = _nearest_rate_word(_OF_GDP.sub(" ", sentence[: chains[k].start].lower()))
    if kind is None:
        return None
    if kind == "level" or _CONTRIBUTION.search(window):
        return "level", None
    if re.search(r"(?i)\b(?:deflation|negative|contraction)\b", clause):
        return "change", "down"
    # the rate itself fell below zero only when the falling verb governs the figure directly
    # ("prices fell 0.1%", "a year-on-year decrease of 0.3%"); "inflation has dropped from 9 percent
    # to 3 percent" states two positive rates
    nearest = _nearest_cue(window, "change")
    if nearest is not None and nearest[1] == "down":
        between = window[len(window) - nearest[2] :]
        if re.fullmatch(_GOVERNS, between) or re.search(r"(?i)\bby\s*" + _QUALIFIED + "$", between):
            return "change", "down"  # "axing their prices by 80%"
    return "change", "up"


# a ratio to GDP ("4.5 percent of GDP", "debt to GDP", "as a percentage of GDP"), not GDP's growth ("the change
# in the volume of GDP … at 0.8 per cent")
_OF_GDP = re.compile(
    # (a window may start right after the figure the ratio belongs to: " of GDP in 2024 from ")
    r"(?:^|%|\b(?:percent|per cent|percentage|debt|deficit|surplus|ratio|share))\s*(?:of|to) (?:the )?"
    r"(?:[a-z’']+ )?(?:gdp|gross domestic product)\b"
)
_QUALIFIED = r"(?:about |nearly |around |almost |roughly |some |more than |over |a further )?"
_GOVERNS = r"(?i)\s*(?:by|of)?\s*" + _QUALIFIED


def _nearest_rate_word(text: str) -> str | None:
    """The kind of the rate word that ends closest to the end of ``text``."""
    best: tuple[int, str] | None = None
    for phrase, kind in tables.rate_words():
        if phrase not in text:
            continue
        for m in tables.word_pattern(phrase).finditer(text):
            if best is None or m.end() > best[0]:
                best = (m.end(), kind)
    return best[1] if best else None


def _by_amount(sentence, chains, k, unit, window) -> tuple[str, str | None] | None:
    """ "by X" after a verb is a change, in the verb's direction ("Reduce the average loan size by
    more than half", "decreased severe disease … by 18 times")."""
    if not re.search(r"(?i)\bby (?:about |nearly |around |almost |roughly |more than |over |some |a )?$", window):
        return None
    if _CONTRIBUTION.search(window):
        return "level", None  # "lifted growth by 1.1 percentage points" is a contribution
    # the verb may stand before an earlier figure: "decreased severe disease in people over 60 by 18 times"
    nearest = _nearest_cue(sentence[: chains[k].start], "change")
    if nearest is None:
        return None  # "led by the MIIT and participated by 20 departments"
    return "change", nearest[1]


def _modifies_subject(window: str, distance: int) -> bool:
    """The cue is a participle inside the subject, and a copula or level verb follows it: "the
    turnover of foreign contracted projects was RMB530 billion". A noun cue stays a change: "the
    increase in wages was 4.1 percent"."""
    cue_end = len(window) - distance
    word = re.search(r"[a-z]+$", window[:cue_end].lower())
    return bool(word and word.group(0).endswith(("ed", "ing")) and _LEVEL_VERB.search(window[cue_end:]))


def _cued(sentence, chains, k, unit, window) -> tuple[str, str | None] | None:
    """The change cue nearest before the figure in its clause ("rose 5%"), unless the figure is a
    contribution or a duration ("inflation has been coming down for 11 months")."""
    if _CONTRIBUTION.search(window) or unit in ("year", "month", "week", "day", "hour"):
        return None
    nearest = _nearest_cue(window)
    if nearest is not None and nearest[0] == "change" and not _modifies_subject(window, nearest[2]):
        return "change", nearest[1]
    if re.search(r"(?i)\b(?:after|with) (?:a |an )?(?:year-on-year )?(?:increase|growth|rise) of\s*$", window):
        return "change", "up"
    return None


_AFTER_TARGET = re.compile(
    r"(?i)^[^,;.]{0,25}?\b(?:is|are|was|were) (?:expected|estimated|projected|forecast|set) to\b"
    # "below the 0.3 per cent growth expected by economists in a Reuters poll"
    r"|^[^,;.]{0,25}?\b(?:expected|forecast|projected|predicted|anticipated|envisaged) by\b"
    # "GDP growth of 5.1 per cent is forecast for 2016", "the 3.9% and 6.4% it predicted in its Outlook"
    r"|^(?:[^,;.]|\.(?=\d)){0,25}?\b(?:is|are|was|were) (?:forecast|projected|predicted)\b(?! to have\b)"
    r"|^(?:[^,;.]|\.(?=\d)){0,25}?\b(?:it|they|we|he|she) (?:had )?(?:predicted|forecast|projected)\b"
    # "from 4.5 percent expected this year", "2.4 percent projected for 2025": a participle naming the period
    r"|^\s+(?:expected|forecast|projected|predicted|anticipated)\s+(?:this|next|in|for|by)\b"
)


# the future tense right after the figure's noun: "7 flights of these 13 will be to Budapest", "700,000
# jobs would be created" (soft: about a period already over it is translated future tense)
# (not through a relative clause: "announced $167 million that will help fund …" is an actual grant)
_AFTER_FUTURE = re.compile(
    r"(?i)^(?:(?!\b(?:that|which|who)\b)[^,;.]){0,25}?\b(?:will|would|shall|(?:could|might|may)(?= be\b))\b(?!(?: not)? have\b)"
    # "75 percent of them are going to take advantage", "$30 billion is going to come in"; not where the
    # thing goes ("Half of this funding is going to 36 projects", "half are going to the healthcare system")
    r"|^(?:(?!\b(?:that|which|who)\b)[^,;.]){0,25}?\b(?:is|are|am)\s+going\s+to\s+"
    r"(?!(?:the|a|an|this|that|these|those|our|their|its|his|her|each|every|all|some|states?)\b|[\d$])"
)


# a second predicate of the same subject after the figure ("The global economy expanded by 3.2 per cent in 2024
# and is projected to remain …", "inflation last year was … 2.5 percent and it was projected to …"): its
# expectation or future is about what follows, not about the figure before it
_SECOND_PREDICATE = re.compile(r"(?i)^[^,;.]{0,25}?\band (?:(?:it|they|he|she|we) )?(?:is|are|was|were|will|would)\b")


# "already" just before the figure, with no future between: "the execution has already amounted more than
# S/31 billion", "we're already saving 276,000 Nevadan families"
_ALREADY_BEFORE = re.compile(r"(?i)\balready\b(?:(?!\b(?:will|would|to be)\b)[^,;.]){0,30}$")


# a figure that names a target: "the 2% inflation target", "a 3% deficit ceiling"
_NAMED_TARGET = re.compile(r"(?i)\s*(?:[a-z-]+\s){0,2}?(?:target|goal|objective|ceiling)s?\b")
_CHANGED_FROM = re.compile(
    r"(?i)\b(?:raise|increase|enhance|lift|hike|cut|reduce|lower)\b(?:(?!forecast|projection|outlook|estimate)[^.;:]){0,80}"
    r"\bfrom\s+(?:about |around |nearly )?$"
)
# the base a forecast is compared with has been observed
_COMPARISON_BASE = re.compile(
    r"(?i)\b(?:up from|down from|compared with|compared to|decrease from|increase from|rise from|fall from)\s*"
    r"(?:about |around |nearly |roughly |some )?$"
)


# "would" that reports no future: the speaker's hedge ("I would just note", "which would suggest",
# "you would have to go back"), and a counterfactual about the present ("If you went to the UK today
# … you would be paying $7.71")
_HEDGING_WOULD = re.compile(
    r"\bwould (?:just |also |only )?(?:note|say|add that|argue|agree|suggest|provide|like|love|point|remind|have to)\b"
)
_PRESENT = re.compile(r"\b(?:today|now|currently)\b")


def _not_future_would(clause: str) -> str:
    """The clause with the "would"s that report no future blanked out."""
    clause = _HEDGING_WOULD.sub(" ", clause)
    return re.sub(r"\bwould\b", " ", clause) if _PRESENT.search(clause) else clause


def modality_of(sentence: str, chain_start: int, chain_end: int) -> tuple[str, bool]:
    """('target' | 'actual', soft) — soft is True when only a future-tense word ("will") says target.

    Cues count before the figure in its clause ("will reach 5%", "is expected to reach"), and right
    after it ("1.2 trillion yuan is expected"); a later coordinated clause ("…, and plan to …") does not.
    """
    start = max(0, max((m.end() for m in re.finditer(r"[;]|\. ", sentence[:chain_start])), default=0))
    after = "" if _SECOND_PREDICATE.match(sentence[chain_end:]) else sentence[chain_end:]
    if _AFTER_TARGET.search(after) or _NAMED_TARGET.match(after):
        return "target", False
    if _COMPARISON_BASE.search(sentence[start:chain_start]) or _CHANGED_FROM.search(sentence[start:chain_start]):
        # "is expected to be 2.1% in September, up from 2.0% in August"; "propose to enhance the exemption
        # limit … from Rs1,80,000 to Rs2,00,000": where a planned change starts is where things stand
        return "actual", False
    clause = _not_future_would(sentence[start:chain_end].lower())
    if _AFTER_FUTURE.search(after):
        # "the original 2024 projection of 8.3 per cent will be surpassed": the projection is a target
        # whatever happens to it; a bare future after the figure is soft
        return "target", _clause_cue(clause) != "target"
    if _ALREADY_BEFORE.search(sentence[start:chain_start]):
        return "actual", False  # "we're already saving 276,000 Nevadan families": done, whatever "will" came before
    if any(blocker in clause for blocker in tables.modality_blockers()):
        return "actual", False
    cue = _clause_cue(clause)
    return ("target", cue != "target") if cue else ("actual", False)


def _clause_cue(clause: str) -> str | None:
    """'target' for a cue of plan or expectation in the clause, 'target_future' for a future tense
    alone, None for neither."""
    hit = None
    for phrase, kind in tables.modality_cues():
        if tables.find_word(phrase, clause):
            if kind == "target":
                return "target"
            hit = kind
    return hit


def _signed_kind(m: QuantityMention, before: str, kind: str, direction: str | None) -> tuple[str, str | None]:
    """A written sign: "+" is a rise ("(+43,000; +0.7%)"); "-" is a fall when the figure is a change
    or stands in brackets after another ("(-36,000; -0.5%)"), and a negative level otherwise
    ("lower the deposit rate to -0.30%"). A change is written as its size with the direction."""
    if m.sign > 0:
        return "change", direction if kind == "change" and direction else "up"
    if m.sign < 0:
        # a count or an amount cannot be negative: a minus makes it a fall ("from -140,000 to -227,000")
        if kind == "change" or re.search(r"(?:\(|;)\s*$", before[-3:]) or m.unit not in ("percent", "percentage_point"):
            return "change", "down"
    return kind, direction


# "increased $35.5 billion (0.2 percent)", "by 100 basis points, or 1%", "an increase of €0.5 billion
# (c. 4½ per cent)": the same change again in another unit, right after the first, a qualifier allowed
@cache
def _restatement() -> re.Pattern[str]:
    before = sorted((c.phrase for c in tables.qualifier_cues() if c.position == "before"), key=len, reverse=True)
    qualifier = "|".join(re.escape(p) for p in before)
    return re.compile(rf"(?i)\s*(?:\((?:(?:just\s+)?(?:{qualifier})\s*)?|,?\s*or\s+(?:(?:{qualifier})\s+)?)")


def _restates(sentence: str, chains: list[figures.Chain], k: int) -> bool:
    """Chain ``k`` repeats chain ``k - 1`` in another unit: in brackets right after it, or after "or"."""
    if k == 0 or len(chains[k].members) != 1:
        return False
    between = sentence[chains[k - 1].end : chains[k].start]
    return bool(_restatement().fullmatch(between)) and (
        not between.strip().startswith("(") or sentence[chains[k].end : chains[k].end + 1] == ")"
    )


@dataclass
class ChainReading:
    """What a figure's chain says about it before periods are attached."""

    kind: str
    direction: str | None
    modality: str
    soft: bool  # only a future-tense word says target
    position: int  # in its list of figures
    size: int


def read_chains(doc: Document, sentences: list[Sentence], mentions: list[QuantityMention]) -> dict[int, ChainReading]:
    """Kind, direction and modality of every mention, read from the chain of figures it stands in."""
    readings: dict[int, ChainReading] = {}
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence_index, []).append(i)
    for s_index, idx in by_sentence.items():
        sent = sentences[s_index]
        text = doc.text[sent.start : sent.end]
        chains = figures.chains_of(text, [mentions[i] for i in idx], sent.start)
        previous: tuple[str, str | None] | None = None
        topic = _topic_before(doc, sentences, s_index)
        units = [mentions[idx[c.members[0]]].unit for c in chains]
        hypothetical = _under_hypothetical_list(doc.text, sent.start)
        for k, chain in enumerate(chains):
            members = [idx[j] for j in chain.members]
            unit = mentions[members[0]].unit
            stated = ("level", None) if unit == "rank" else stated_kind(text, chains, k, unit, topic)
            kind, direction = stated or ("level", None)
            if kind == "level" and previous is not None and previous[0] == "change" and _restates(text, chains, k):
                kind, direction = previous
            elif stated is None and previous is not None and previous[0] == "change" and _parallel(text, chains, k, units):
                kind, direction = previous
            previous = (kind, direction)
            modality, soft = modality_of(text, chain.start, chain.end)
            if modality == "actual" and hypothetical:
                modality = "target"
            for position, member in enumerate(members):
                readings[member] = ChainReading(kind, direction, modality, soft, position, len(members))
                cell = mentions[member].cell
                if cell is not None:
                    readings[member] = _cell_reading(cell, mentions[member])
    return readings


_BULLET = re.compile(r"[ \t]*[-•*▪][ \t]+")
_HYPOTHETICAL = re.compile(r"(?i)\bwould\b[^.?!]*\bif\b|\bif\b[^.?!]*\bwould\b")


def _under_hypothetical_list(text: str, start: int) -> bool:
    """A bullet under a heading ("**IMPACTS OF …:**") whose lead-in asks or says what would happen if a plan
    went through ("So what would it mean for the American people if House Republicans' proposed 8% cuts were
    extended for the entire year?"): each item is a projected effect, a target (GUIDELINES §7)."""
    if not _on_bullet_line(text, start):
        return False
    heading = text.rfind(":", max(0, start - 2500), start)
    while heading != -1 and _on_bullet_line(text, heading):
        heading = text.rfind(":", max(0, start - 2500), heading)  # a colon inside an item: look further up
    if heading == -1 or text[heading + 1 : start].count("\n\n") > 40:
        return False
    return bool(_HYPOTHETICAL.search(text[max(0, heading - 400) : heading]))


def _on_bullet_line(text: str, at: int) -> bool:
    """The line holding offset ``at`` is a list item ("-   **800** fewer …")."""
    return bool(_BULLET.match(text, text.rfind("\n", 0, at) + 1))


def _topic_before(doc: Document, sentences: list[Sentence], s_index: int) -> str | None:
    """The kind of rate the previous sentence of the paragraph named, when this one names none (looking
    past the fragments of a list said aloud: "growth of 3.2%. In 2016 – 3.4%. In 2017, 2.1%.")."""
    sent = sentences[s_index]
    if s_index == 0 or _nearest_rate_word(doc.text[sent.start : sent.end].lower()) is not None:
        return None
    for before in reversed(sentences[max(0, s_index - _FRAGMENTS_BACK) : s_index]):
        if before.paragraph_index != sent.paragraph_index:
            return None
        text = doc.text[before.start : before.end]
        if not is_fragment(text):
            return _nearest_rate_word(text.lower())
    return None


_FRAGMENTS_BACK = 6  # sentences of a spoken list, at most, between its rate word and a fragment


def _cell_reading(cell: TableCell, m: QuantityMention) -> ChainReading:
    """A table's value is what its caption says the table holds: a rate of inflation or growth is a
    change in the direction of its sign, anything else a level; a value the legend flags as an
    estimate or forecast is a target."""
    kind, direction = "level", None
    if cell.unit == "percent" and _nearest_rate_word(f"{cell.caption} {cell.row}".lower()) == "change":
        kind, direction = "change", "down" if m.value < 0 else "up"
    headed = tables.column_change(cell.column)
    if headed is not None:  # a column headed "Savings (%)" or "Change": its values are changes
        kind = "change"
        direction = ("down" if m.value < 0 or m.sign < 0 else "up") if headed == "sign" else headed
    return ChainReading(kind, direction, "target" if grid.is_forecast(cell.flag) else "actual", False, 0, 1)


def _runs_into_next_years(period: Period, doc_date: dt.date) -> bool:
    """Two to four whole calendar years that run past the document's year ("this year and next year",
    "2025 and 2026" said in 2025): a figure for them is not yet observed."""
    whole = (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)
    # (a plan's five years or "this century" run on too, but what was done under them so far is actual)
    return whole and 0 < period.end.year - period.start.year <= 3 and period.end.year > doc_date.year


def _final_modality(reading: ChainReading, period: Period | None, doc_date: dt.date | None) -> str:
    """Translated future tense about a period already over is a reported result; a figure about a
    period wholly after the document date is a forecast or a goal."""
    if period is None or doc_date is None:
        return reading.modality
    if period.start > doc_date or _runs_into_next_years(period, doc_date):
        return "target"
    if reading.modality == "target" and reading.soft and period.end < doc_date:
        return "actual"
    return reading.modality


def normalise(
    doc: Document, turns: list[SpeakerTurn], sentences: list[Sentence], mentions: list[QuantityMention]
) -> list[NormalisedQuantity]:
    """Normalised fields for every mention (mentions must be in text order)."""
    readings = read_chains(doc, sentences, mentions)
    found = attach.assign_periods(
        doc, turns, sentences, mentions,
        {i: r.kind for i, r in readings.items()}, {i: r.modality for i, r in readings.items()},
    )  # fmt: skip
    out = []
    for i, m in enumerate(mentions):
        sent, reading = sentences[m.sentence_index], readings[i]
        text = doc.text[sent.start : sent.end]
        kind, direction = _signed_kind(m, text[: m.start - sent.start], reading.kind, reading.direction)
        attached = found.get(i, attach.NONE)
        change = kind == "change"
        out.append(
            NormalisedQuantity(
                mention=m,
                value=abs(m.value) if change else m.value,
                value_high=abs(m.value_high) if change and m.value_high is not None else m.value_high,
                unit=m.unit,
                qualifier=qualifier_of(text, m.start - sent.start, m.end - sent.start),
                kind=kind,
                direction=direction if change else None,
                modality=_final_modality(reading, attached.period, doc.date),
                period=attached.period,
                time_reason=attached.reason,
                list_position=reading.position,
                list_size=reading.size,
            )
        )
    return out
