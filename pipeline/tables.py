"""Domain knowledge as data: loaders for the CSV tables in ``pipeline/data``.

Every table is a small CSV with a header line starting with ``#`` (comment lines are skipped).
Tables are read once per process and cached.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    raw = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO("\n".join(lines)))]


def _lines(name: str) -> list[str]:
    """One value per line (for single-column tables whose entries may contain commas)."""
    raw = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class UnitAlias:
    surface: str
    unit: str
    factor: float
    pint: str
    case_sensitive: bool


@cache
def unit_aliases() -> tuple[UnitAlias, ...]:
    """Unit surfaces, longest first (so "percentage points" beats "percent")."""
    out = []
    for surface, unit, factor, pint in _rows("units.csv"):
        sensitive = surface.startswith("=")
        out.append(UnitAlias(surface.lstrip("="), unit, float(factor), pint, sensitive))
    return tuple(sorted(out, key=lambda a: -len(a.surface)))


@cache
def unit_context() -> dict[str, tuple[str, ...]]:
    """Single-letter glued units and the words that must be in the sentence to read them as units."""
    table: dict[str, list[str]] = {}
    for surface, word in _rows("unit_context.csv"):
        table.setdefault(surface.lstrip("="), []).append(word.lower())
    return {k: tuple(v) for k, v in table.items()}


@dataclass(frozen=True)
class Currency:
    surface: str
    code: str  # ISO 4217; LOCAL: the document's own currency; DOLLAR: its own if a dollar, else USD
    position: str  # prefix | suffix | glued (a suffix touching the number: "50p")
    factor: float = 1.0  # minor units to major ones ("cents" → 0.01)
    case_sensitive: bool = False


@cache
def currencies() -> tuple[Currency, ...]:
    rows = [Currency(s.lstrip("="), c, p, float(f), s.startswith("=")) for s, c, p, f in _rows("currencies.csv")]
    return tuple(sorted(rows, key=lambda c: -len(c.surface)))


@cache
def scales() -> dict[str, float]:
    return {w.lower(): float(f) for w, f in _rows("scales.csv")}


@cache
def number_words() -> dict[str, int]:
    return {w.lower(): int(v) for w, v in _rows("number_words.csv")}


@cache
def denominators() -> dict[str, int]:
    return {w.lower(): int(v) for w, v in _rows("denominators.csv")}


@cache
def vulgar_fractions() -> dict[str, float]:
    return {c: float(v) for c, v in _rows("vulgar_fractions.csv")}


@cache
def ordinals() -> dict[str, int]:
    return {w.lower(): int(v) for w, v in _rows("ordinals.csv")}


@dataclass(frozen=True)
class Cue:
    phrase: str
    value: str
    direction: str | None
    position: str


@cache
def qualifier_cues() -> tuple[Cue, ...]:
    rows = [Cue(p.lower(), q, None, pos) for p, q, pos in _rows("qualifiers.csv")]
    return tuple(sorted(rows, key=lambda c: -len(c.phrase)))


@cache
def change_cues() -> tuple[Cue, ...]:
    rows = [Cue(p.lower(), k, d or None, pos) for p, k, d, pos in _rows("change_cues.csv")]
    return tuple(sorted(rows, key=lambda c: -len(c.phrase)))


@cache
def modality_cues() -> tuple[tuple[str, str], ...]:
    rows = [(p.lower(), m) for p, m in _rows("modality_cues.csv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def modality_blockers() -> tuple[str, ...]:
    return tuple(p.lower() for p in _lines("modality_blockers.csv"))


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    reason: str


def _patterns(name: str) -> tuple[Pattern, ...]:
    out = []
    for line in _lines(name):
        pattern, _, reason = line.rpartition(",")
        out.append(Pattern(re.compile(pattern), reason.strip()))
    return tuple(out)


@cache
def non_claim_patterns() -> tuple[Pattern, ...]:
    return _patterns("non_claims.csv")


@cache
def non_claim_anchors() -> tuple[re.Pattern[str] | None, ...]:
    """The anchors (``pipeline.anchors``) of each non-claim pattern, in the same order."""
    from pipeline.anchors import anchor_pattern, required_strings

    return tuple(anchor_pattern(required_strings(p.regex)) for p in non_claim_patterns())


@cache
def chrome_patterns() -> tuple[Pattern, ...]:
    return tuple(Pattern(re.compile(p.regex.pattern, re.MULTILINE), p.reason) for p in _patterns("chrome.csv"))


@cache
def rank_cues() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _lines("rank_cues.csv"))


@cache
def rank_followers() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _lines("rank_followers.csv"))


@cache
def time_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("time_nouns.csv"))


@cache
def outlets() -> tuple[str, ...]:
    return tuple(_lines("outlets.csv"))


@cache
def outlet_words() -> frozenset[str]:
    return frozenset(_lines("outlet_words.csv"))


@cache
def speaker_label_stopwords() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("speaker_label_stopwords.csv"))


@cache
def five_year_plans() -> dict[int, tuple[dt.date, dt.date]]:
    return {int(o): (dt.date.fromisoformat(s), dt.date.fromisoformat(e)) for o, s, e in _rows("five_year_plans.csv")}


@cache
def events() -> tuple[tuple[re.Pattern[str], dt.date], ...]:
    out = []
    for line in _lines("events.csv"):
        pattern, _, date = line.rpartition(",")
        out.append((re.compile(pattern), dt.date.fromisoformat(date.strip())))
    return tuple(out)


@cache
def abbreviations() -> tuple[str, ...]:
    return tuple(_lines("abbreviations.csv"))


@cache
def phrasal_verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("phrasal_verbs.csv"))


@cache
def standing_goal_pattern() -> re.Pattern[str]:
    """Words after a figure that make it a standing goal ("2 percent objective", "2% target")."""
    words = sorted(_lines("standing_goals.csv"), key=len, reverse=True)
    return re.compile(
        r"\s*(?:" + "|".join(re.escape(w) for w in words) + r")\b(?!\s+(?:of|for|in|by)\b)", re.IGNORECASE
    )


@cache
def index_words() -> frozenset[str]:
    return frozenset(_lines("index_words.csv"))


# --- validated rule tables (tab-separated: patterns hold commas) ------------------------------------


class TableError(ValueError):
    """A row of a data table that does not validate; the message names the file and line."""


def numbered_rows(name: str, columns: int) -> list[tuple[str, list[str]]]:
    """``(where, cells)`` for each row of a tab-separated table; ``where`` is ``file:line``."""
    raw = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{name}:{number}"
        if len(cells) != columns:
            raise TableError(f"{where}: expected {columns} tab-separated columns, found {len(cells)}")
        rows.append((where, [c.strip() for c in cells]))
    return rows


@cache
def word_pattern(phrase: str, letters: str = "a-z") -> re.Pattern[str]:
    """``phrase`` as whole lower-case words ("rate" is not found in "separately"), compiled once: cue
    tables are scanned for every figure, and building the pattern each time overflowed ``re``'s cache.
    ``letters`` are the characters that may not touch the phrase ("a-z-" also keeps hyphens out).
    """
    return re.compile(rf"(?<![{letters}]){re.escape(phrase)}(?![{letters}])")


def find_word(phrase: str, text: str) -> re.Match[str] | None:
    """The first whole-word ``phrase`` in lower-case ``text`` (a substring test first: most cues are
    absent, and the test is far cheaper than the pattern)."""
    return word_pattern(phrase).search(text) if phrase in text else None


def compile_pattern(where: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as err:
        raise TableError(f"{where}: pattern does not compile: {err}") from None


@dataclass(frozen=True)
class LabelRule:
    """A speaker-label convention (``data/turn_labels.tsv``)."""

    id: str
    form: str  # name | question | answer
    regex: re.Pattern[str]
    example: str


LABEL_FORMS = frozenset({"name", "question", "answer"})


@cache
def turn_label_rules() -> tuple[LabelRule, ...]:
    rules, seen = [], set()
    for where, (rule_id, form, pattern, example) in numbered_rows("turn_labels.tsv", 4):
        if rule_id in seen:
            raise TableError(f"{where}: duplicate id {rule_id!r}")
        seen.add(rule_id)
        if form not in LABEL_FORMS:
            raise TableError(f"{where}: form {form!r} is not one of {sorted(LABEL_FORMS)}")
        regex = compile_pattern(where, pattern, re.MULTILINE)
        if form == "name" and "label" not in regex.groupindex:
            raise TableError(f"{where}: a 'name' rule must capture (?P<label>…)")
        if not regex.search(example):
            raise TableError(f"{where}: the example {example!r} does not match the pattern")
        rules.append(LabelRule(rule_id, form, regex, example))
    return tuple(rules)


@cache
def name_honorifics() -> tuple[str, ...]:
    """Titles borne inside a name ("Datuk Seri"), longest first."""
    return tuple(sorted(_lines("name_honorifics.csv"), key=len, reverse=True))


@cache
def honorifics() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("honorifics.csv"))


@dataclass(frozen=True)
class Office:
    phrase: str
    role: str  # the role of a label that is only this phrase
    role_with_name: str  # the role of a label that names a person too


@cache
def offices() -> tuple[Office, ...]:
    """Offices and roles, longest phrase first."""
    rows = [Office(p.lower(), r, rn) for p, r, rn in _rows("speaker_roles.csv")]
    return tuple(sorted(rows, key=lambda o: -len(o.phrase)))


@cache
def speaker_roles() -> dict[str, str]:
    return {o.phrase: o.role for o in offices()}


@cache
@cache
def person_nouns() -> frozenset[str]:
    """Nouns of a description that names the person spoken of last ("the central bank chief")."""
    return frozenset(w.lower() for w in _lines("person_nouns.csv")) | {o.phrase for o in offices() if o.role == "official"}


@cache
def postnominals() -> frozenset[str]:
    return frozenset(_lines("postnominals.csv"))


@cache
def name_suffixes() -> frozenset[str]:
    return frozenset(_lines("name_suffixes.csv"))


def speech_verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("speech_verbs.csv"))


@cache
def stance_verbs() -> frozenset[str]:
    """Verbs that state a named person's own expectation or position ("expected", "welcomed")."""
    return frozenset(w.lower() for w in _lines("stance_verbs.csv"))


@cache
def commitment_verbs() -> frozenset[str]:
    """Verbs that report speech except before "to" + infinitive ("vowed to lower costs")."""
    return frozenset(w.lower() for w in _lines("commitment_verbs.csv"))


@cache
def headline_verbs() -> frozenset[str]:
    return frozenset(_lines("headline_verbs.csv"))


def word_alternation(words: list[str]) -> str:
    """A regex alternation matching any of ``words`` as whole words, longest first; a word that starts
    with an apostrophe (a contraction, "’ll") is matched right after the word it is glued to.

    >>> re.search(word_alternation(["will", "’ll"]), "we’ll see") is not None
    True
    """

    def one(word: str) -> str:
        body = r"\s+".join(re.escape(part) for part in word.split())
        return (r"\b" if word[0].isalnum() else "") + body + r"\b"

    return "(?:" + "|".join(one(w) for w in sorted(words, key=len, reverse=True)) + ")"


@cache
def tense_cues(tense: str) -> re.Pattern[str]:
    """The words that put a sentence in ``tense`` ("future" or "past") for a month without a year."""
    rows = _rows("tense_cues.csv")
    if bad := [t for _, t in rows if t not in ("future", "past")]:
        raise TableError(f"tense_cues.csv: tense {bad[0]!r} is not 'future' or 'past'")
    return re.compile(word_alternation([cue for cue, t in rows if t == tense]), re.IGNORECASE)


@cache
def lasting_things() -> str:
    """Nouns a hyphenated duration before says how long they last ("a 30-day moratorium")."""
    return word_alternation(_lines("lasting_things.csv"))


@cache
def aged_things() -> str:
    """Nouns whose age after "-old" is measured ("a 70-year-old bridge"), unlike a person's."""
    return word_alternation(_lines("aged_things.csv"))


@cache
def org_words() -> frozenset[str]:
    return frozenset(_lines("org_words.csv"))


@cache
def compact_scales() -> dict[str, float]:
    """Scales glued to digits ("$13.6M", "€2bn", "3K"); case-sensitive."""
    return {w: float(f) for w, f in _rows("compact_scales.csv")}


@dataclass(frozen=True)
class Country:
    code: str
    currency: str  # its own currency: what "cents" and a family of currency words ("francs") mean
    fiscal_start_month: int
    fiscal_named_by: str  # "start" or "end": the year "FY2024" names
    dollar: bool = False  # whether a bare "$" or "dollars" is its own currency (else the US dollar)


@cache
def countries() -> dict[str, Country]:
    out = {}
    for code, currency, month, named, dollar in _rows("countries.csv"):
        if named not in ("start", "end") or not 1 <= int(month) <= 12 or dollar not in ("yes", "no"):
            raise TableError(f"countries.csv: bad row for {code}")
        out[code] = Country(code, currency, int(month), named, dollar == "yes")
    return out


@cache
def country_names() -> tuple[tuple[re.Pattern[str], str], ...]:
    """How texts name the countries of countries.csv ("Papua New Guinea", "PNG"), longest name first."""
    rows = []
    for code, name in _rows("country_names.csv"):
        if code not in countries():
            raise TableError(f"country_names.csv: country {code!r} of {name!r} is not in countries.csv")
        rows.append((len(name), re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), code))
    return tuple((pattern, code) for _, pattern, code in sorted(rows, key=lambda r: -r[0]))


@cache
def country_name_list() -> tuple[str, ...]:
    """The names of data/country_names.csv as written ("Papua New Guinea", "PNG")."""
    return tuple(name for _, name in _rows("country_names.csv"))


def is_country_name(text: str) -> bool:
    """Whether ``text`` is exactly a name of data/country_names.csv ("Sri Lanka", not "Sri Lankan")."""
    return text in _country_name_set()


# how a people's adjective is made from its country's name: Kenya-n, Ghana-ian, Nigeria-n, Japan-ese, Chin(a)-ese
_DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i", "ish")


def is_demonym(word: str) -> bool:
    """Whether ``word`` is the adjective of a one-word country name of data/country_names.csv, made the
    regular way ("Ghanaian", "Kenyan", "Chinese", "Pakistani"): a nationality, not a person's name.

    >>> is_demonym("Ghanaian"), is_demonym("Chinese"), is_demonym("Ghana"), is_demonym("Kenyatta")
    (True, True, False, False)
    """
    return word in _demonyms()


@cache
def _demonyms() -> frozenset[str]:
    return frozenset(
        stem + ending
        for name in _country_name_set()
        if " " not in name and len(name) > 3 and not name.isupper()
        for stem in (name, name[:-1])
        for ending in _DEMONYM_ENDINGS
    )


@cache
def _country_name_set() -> frozenset[str]:
    return frozenset(country_name_list())


@cache
def dollar_currencies() -> frozenset[str]:
    """Currencies that a bare "$" or "dollars" names in their own country's texts."""
    return frozenset(c.currency for c in countries().values() if c.dollar)


@cache
def publisher_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = []
    for where, (pattern, country) in numbered_rows("publishers.tsv", 2):
        if country not in countries():
            raise TableError(f"{where}: country {country!r} is not in countries.csv")
        rows.append((compile_pattern(where, pattern), country))
    return tuple(rows)


@cache
def inaugurations() -> tuple[dt.date, ...]:
    return tuple(sorted(dt.date.fromisoformat(d) for d, _ in _rows("inaugurations.csv")))


@cache
def presidencies() -> tuple[tuple[dt.date, str], ...]:
    """(inauguration day, president) in order; a second term is a row of its own."""
    return tuple(sorted((dt.date.fromisoformat(d), name) for d, name in _rows("inaugurations.csv")))


@cache
def rate_words() -> tuple[tuple[str, str], ...]:
    """(phrase, kind) of rate words, level words first (they win)."""
    rows = [(p.lower(), k) for p, k in _rows("rate_words.csv")]
    return tuple(sorted(rows, key=lambda r: (r[1] != "level", -len(r[0]))))


@cache
def season_first_month(season: str, country: str | None) -> int:
    """The month a season begins in the publisher's hemisphere: ("summer", "US") → 6, ("summer", "AU") → 12."""
    south = country in _lines("southern_hemisphere.csv")
    for name, north_month, south_month in _rows("seasons.csv"):
        if name == season.lower():
            return int(south_month if south else north_month)
    raise KeyError(season)


@cache
def column_changes() -> dict[str, str]:
    """Words that head a table column of changes, with their direction ("Savings (%)": down)."""
    return {word.lower(): direction for word, direction in _rows("column_changes.csv")}


def column_change(label: str) -> str | None:
    """The direction ("up", "down" or "sign") of a column headed by a change, else None.

    >>> column_change("Savings (%)"), column_change("Price for 2026")
    ('down', None)
    """
    lowered = label.lower()
    return next((d for w, d in column_changes().items() if find_word(w, lowered)), None)


@cache
def forecast_flags() -> tuple[str, ...]:
    """Words in a table legend that mark a value as not yet observed ("e = estimate")."""
    return tuple(w.lower() for w in _lines("forecast_flags.csv"))
