"""Who a label names: the person's name as the document introduces it, and their role.

A label can be a full name ("Tian Yulong:"), an honorific and surname ("MR. DEESE:"), an office and a
surname ("CHAIR POWELL.", "SECRETARY YELLEN:"), an office alone ("THE PRESIDENT:", "MODERATOR:") or
an outlet ("China News Service:"). The speaker is the name the document gives the person — in the
title, the header or the text ("…joining us our NEC Director, Brian Deese") — without honorific or
middle initial, in normal case; a surname the document never completes stays a surname. An office
alone names whoever the document says holds it ("Remarks by President Biden" → Biden), else nobody.

The name index is built from the title and the text with a pattern for personal names and, when the
spaCy pipeline has an entity recogniser, confirmed by its PERSON entities on the title and header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pipeline import tables


def _latin_letters(upper: bool) -> str:
    """A regex class body for the Latin letters of one case, accented ones included: names are written
    "Trần Văn Sơn" (Vietnam), "Mehmet Şimşek" (Türkiye), "Florin Cîțu" (Romania), "Łukasz" (Poland)."""
    ranges = [range(0xC0, 0x100), range(0x100, 0x250), range(0x1E00, 0x1F00)]
    found = "".join(ch for r in ranges for ch in map(chr, r) if (ch.isupper() if upper else ch.islower()))
    return ("A-Z" if upper else "a-z") + found


UPPER_LETTERS = _latin_letters(upper=True)
LOWER_LETTERS = _latin_letters(upper=False)
# one capitalised word of a name, apostrophes and hyphens inside ("Dinkic", "O’Neill", "Jean-Pierre")
_CAPITALISED_WORD = rf"[{UPPER_LETTERS}][{LOWER_LETTERS}’'-]+"
_TOKEN = rf"[{UPPER_LETTERS}][{LOWER_LETTERS}]+(?:[A-Z][{LOWER_LETTERS}]+)?(?:[-'’][{UPPER_LETTERS}]?[{LOWER_LETTERS}]+)*"
_PARTICLE = r"(?:de|van|von|der|den|da|di|du|le|la|bin|al|dos|del)"
# "Brian Deese", "Janet L. Yellen", "Luis de Guindos", "Karine Jean-Pierre", "Stéphane Dujarric"
# a name never runs over a line break ("… in Gaza⏎Abeer Etefa, …": a heading, then a name)
_FULL_NAME = re.compile(
    rf"(?<![\w.])(?P<first>{_TOKEN})(?:[^\S\n]+[A-Z]\.)?(?:[^\S\n]+{_PARTICLE})?[^\S\n]+(?P<last>{_TOKEN})(?![\w])"
)
# words of the grammar, capitalised only in a title-case headline ("Remarks by President Biden On
# Economic Growth"): never part of a name
_FUNCTION_WORDS = frozenset(
    "the a an and or of for to in on at by with from into about as over after before this that these "
    "our their his her its during amid upon without through between under against regarding via".split()
)
_NOT_FIRST_NAMES = _FUNCTION_WORDS | frozenset(
    "mr ms mrs dr "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday good thank thanks okay yes no well so "
    "united white house federal national new south north east west central "
    # a title's genre words: "Remarks December", "Officials Previewing" are not names
    "remarks transcript statement officials official press conference briefing call opening background senior".split()
)


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the name (None when the label names nobody) and the role."""

    name: str | None
    role: str


@dataclass
class NameIndex:
    """Full names a document introduces, keyed by surname, and who holds which office."""

    by_surname: dict[str, str] = field(default_factory=dict)
    by_first: dict[str, str] = field(default_factory=dict)  # family names written first ("Tian said")
    holders: dict[str, str] = field(default_factory=dict)  # office phrase → name
    people: list[str] = field(default_factory=list)  # full names in order of first mention
    confirmed: set[str] = field(default_factory=set)  # surnames a recogniser tagged PERSON
    initials: dict[str, str | None] = field(default_factory=dict)  # "TAG" → full name (None: two people)
    long_forms: list[str] = field(default_factory=list)  # names written with a third word ("Christen Linke Young")

    def by_initials(self, label: str) -> str | None:
        """The person whose initials a label is ("TAG" → "Tedros Adhanom Ghebreyesus"), if just one."""
        name = self.initials.get(label)
        return name if name is not None and self.is_person(name) else None

    def is_person(self, name: str) -> bool:
        """A multi-word name is a person when the recogniser tagged it (or none ran)."""
        return not self.confirmed or surname_of(name).lower() in self.confirmed

    def misspelt_surname(self, word: str) -> str | None:
        """The one full name whose surname is ``word`` with one letter dropped, added or changed, for
        surnames of five letters or more (a transcript's typo in a label)."""
        word = word.lower()
        if len(word) < 5:
            return None
        near = {full for surname, full in self.by_surname.items() if len(surname) >= 5 and _one_edit(word, surname)}
        return near.pop() if len(near) == 1 else None

    def holder(self, office: str) -> str | None:
        """Who holds ``office`` ("minister" → "Sri Mulyani Indrawati"), by the fullest name the
        document gives them (a holder found before a longer form of the name was read keeps it)."""
        name = self.holders.get(office)
        if name is None and " " not in office:
            # "PM:" for the prime minister the header names: an office written by its initials
            name = next((n for o, n in self.holders.items() if "".join(w[0] for w in o.split()) == office), None)
        return self.known_name(name) if name is not None else None

    def known_name(self, name: str) -> str:
        """The full name the document gives the person ``name``'s last word refers to, else ``name``
        ("Deese" → "Brian Deese")."""
        return self.full_name(surname_of(name)) or name

    def full_name(self, word: str) -> str | None:
        """The full name a single name word refers to: a surname ("Deese"), or the first word of a
        name ("Tian" of "Tian Yulong", whose family name comes first)."""
        if word.lower() in self.by_surname:
            return self.by_surname[word.lower()]
        full = self.by_first.get(word.lower())
        return full if full is not None and self.is_person(full) else None


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one letter dropped, added or changed, or by two
    neighbouring letters swapped ("ADMINSITRATOR")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) != len(b):
        return a[i:] == b[i + 1 :]
    return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])


def normal_case(name: str) -> str:
    """'JEAN-PIERRE' → 'Jean-Pierre', "O'NEILL" → "O'Neill"; names already in mixed case are kept.

    >>> normal_case("MS. JEAN-PIERRE"), normal_case("DE HAAN"), normal_case("Tian Yulong")
    ('Ms. Jean-Pierre', 'De Haan', 'Tian Yulong')
    """
    if not name.isupper():
        return name
    return re.sub(rf"[{UPPER_LETTERS}]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), name)


def surname_of(name: str) -> str:
    """The word a name is known by alone: its last, before a generational suffix ("Dominguez III")."""
    parts = name.split()
    while len(parts) > 1 and parts[-1] in tables.name_suffixes():
        parts = parts[:-1]
    return parts[-1]


def _drop_initials(name: str) -> str:
    return re.sub(r"\s+[A-Z]\.(?=\s)", "", name)


def _office_at(words: list[str], start: int) -> tables.Office | None:
    """The longest office phrase that begins at ``words[start]``."""
    for office in tables.offices():
        size = office.phrase.count(" ") + 1
        if " ".join(w.lower().strip(".,") for w in words[start : start + size]) == office.phrase:
            return office
    return None


def _misspelt_office(word: str) -> tables.Office | None:
    """A one-word office a label misspells by one letter ('ADMINSITRATOR CRISWELL:'), for words of
    eight letters or more, where a typo cannot make another word."""
    word = word.lower().strip(".,")
    if len(word) < 8:
        return None
    near = [o for o in tables.offices() if " " not in o.phrase and _one_edit(word, o.phrase)]
    return near[0] if len(near) == 1 else None


def _misspelt_office_phrase(words: list[str]) -> tables.Office | None:
    """An office of several words whose last word the label misspells by one letter ('WHITE HOUSE
    OFFICIA:' among eight 'WHITE HOUSE OFFICIAL:'), that last word of six letters or more."""
    lowered = [w.lower().strip(".,") for w in words]
    near = []
    for office in tables.offices():
        parts = office.phrase.split()
        k = len(parts)
        if k < 2 or len(lowered) < k or len(parts[-1]) < 6 or lowered[: k - 1] != parts[:-1]:
            continue
        if lowered[k - 1] != parts[-1] and _one_edit(lowered[k - 1], parts[-1]):
            near.append(office)
    return near[0] if len(near) == 1 else None


def is_office_word(word: str) -> bool:
    """'President', 'Secretary', 'Governor': the first word of an office."""
    return word.lower().strip(".,") in _office_first_words()


@cache
def _office_first_words() -> frozenset[str]:
    return frozenset(o.phrase.split()[0] for o in tables.offices())


@cache
def _office_of_name() -> re.Pattern[str]:
    """ "Secretary of Commerce Gina Raimondo said", "Minister of Finance and Economy Mladjan Dinkic stated"."""
    word = _CAPITALISED_WORD
    return re.compile(
        r"\b(?:Secretary|Minister|Director|Administrator|Commissioner|Governor|Chair|Chairman|Chairwoman|Head)"
        r" of (?:the )?(?:[A-Z][\w’'&-]*,? (?:(?:and|of|for|the) )*){1,6}?"
        rf"(?P<name>{word} {word})(?=[,.;:)\n]| (?:and|to|on|in|{speech_verb_alternation()})\b)"
    )


@cache
def _name_honorific_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(h) for h in tables.name_honorifics()) + r")[^\S\n]+(?=[A-Z])")


def _without_name_honorifics(text: str) -> str:
    """The text with each title borne inside a name blanked out (offsets kept)."""
    return _name_honorific_pattern().sub(lambda m: " " * len(m.group(0)), text)


@cache
def _honoured_name_pattern() -> re.Pattern[str]:
    # what is left of an honoured name once its title is blanked: a royal title or given name, the gap,
    # and up to three more names ("Tengku      Zafrul Abdul Aziz")
    return re.compile(
        rf"(?<![\w.])(?:{_TOKEN})?[^\S\n]{{3,}}(?:(?:Dr|Prof)\.?[^\S\n]+)?(?P<name>{_TOKEN}(?:[^\S\n]+{_TOKEN}){{1,3}})"
        r"(?=[^\S\n]*[,.;:)]|[^\S\n]+[a-z])"
    )


def build_index(title: str | None, text: str, persons: tuple[str, ...] = ()) -> NameIndex:
    """Names introduced in the title and text. ``persons`` are PERSON entities of the title and
    header (when a recogniser ran): they come first in ``people`` and confirm first names."""
    index = NameIndex()
    title_line = " ".join((title or "").split())
    # "Tengku Datuk Seri Zafrul Abdul Aziz": a title borne inside the name is not part of it
    title_line, text = _without_name_honorifics(title_line), _without_name_honorifics(text)
    source = f"{title_line}\n{text}"
    for honoured in _honoured_name_pattern().finditer(source):
        royal = honoured.group(0)[: honoured.start("name") - honoured.start()].split()
        # "Chief Statistician Datuk Seri Dr Mohd Uzir Mahidin": an office before the title is no royal name
        royal = [
            w
            for w in royal
            if w not in ("Dr", "Dr.", "Prof", "Prof.") and not is_office_word(w) and w.lower() not in tables.person_nouns()
        ]
        _add(index, " ".join(royal[:1] + honoured.group("name").split()))
    _add_listed_participants(index, text)
    for name in persons:
        _add(index, name)
        cleaned = person_name(name)
        if cleaned is not None:
            index.confirmed.add(surname_of(cleaned).lower())
        elif re.fullmatch(_CAPITALISED_WORD, name):
            index.confirmed.add(name.lower())  # "Mr. Pernia said": the recogniser tags the surname alone
    # "Secretary of Commerce Gina Raimondo", "Director of the Office of Management and Budget Shalanda
    # Young": after an office "of" its department, the last two capitalised words are the person
    for office_of in _office_of_name().finditer(source):
        name = office_of.group("name")
        if not any(w.lower() in tables.honorifics() or is_office_word(w) for w in name.split()):
            _add(index, name)
    # A title is written in title case, so two capitalised words there are weak evidence of a name
    # ("… Senior Advisor for Clean Energy Innovation Podesta"): the body's "John Podesta" replaces it.
    # Names inside quotations introduce nobody ("“… Joe Biden is unwell”" in a reporter's question).
    weak: set[str] = set()
    for part, in_title in ((title_line, True), (_QUOTATION.sub(lambda q: " " * len(q.group(0)), text), False)):
        pos = 0
        while m := _FULL_NAME.search(part, pos):
            first = m.group("first")
            if (
                first.lower() in _NOT_FIRST_NAMES
                or first.lower() in tables.honorifics()
                or is_office_word(first)
                or first.endswith(("’s", "'s"))  # "Russia’s Foreign Minister, Sergey Lavrov"
                or is_office_word(m.group("last").split()[-1])
            ):
                pos = m.start("last")  # "Treasurer Peter Costello": look again from "Peter"
                continue
            _add(index, m.group(0), weak, in_title)
            pos = m.end()
    _drop_overlapped_title_names(index, weak)
    _find_holders(index, source)
    _extend_names(index, source)
    _extend_names_leading(index, source)
    _add_initialled_names(index, source)
    _add_mononyms(index, source)
    _add_quoted_surnames(index, source)
    _add_honoured_surnames(index, source)
    _add_initials(index, source)
    return index


# "PARTICIPANTS:" (or "Speakers:", "Panelists:") above the people's names in capitals, each on its own
# line, a description beside or below ("ABEBE AEMRO SELASSIE" ⏎ "African Department Director, IMF";
# "NADYA SABER, Communications Department"), as IMF transcripts open
_PARTICIPANT_HEADING = re.compile(r"(?im)^[ \t]*(?:participants|speakers|panell?ists|moderators?|briefers)[ \t]*:[ \t]*$")
_CAPITALS_NAME_LINE = re.compile(
    rf"^[ \t]*(?P<name>[{UPPER_LETTERS}][{UPPER_LETTERS}’'-]+(?:[ \t]+[{UPPER_LETTERS}][{UPPER_LETTERS}’'-]+){{1,3}})[ \t]*(?:,[^\n]*)?$",
    re.M,
)
_HEADER_CHARS = 3000  # where a transcript's header may list its participants


def _add_listed_participants(index: NameIndex, text: str) -> None:
    """The people a transcript's header lists in capitals under "PARTICIPANTS:", by their names in
    normal case, so that "MR. SELASSIE:" is "Abebe Aemro Selassie" (GUIDELINES §9)."""
    heading = _PARTICIPANT_HEADING.search(text, 0, _HEADER_CHARS)
    if heading is None:
        return
    for m in _CAPITALS_NAME_LINE.finditer(text, heading.end(), _HEADER_CHARS):
        _add(index, normal_case(m.group("name")))


def _drop_overlapped_title_names(index: NameIndex, weak: set[str]) -> None:
    """Two capitalised words of a title-case headline ("Powell Answers Reporters’ Questions") that share
    a word with a name the body gives ("Jerome Powell") are that person, not another one."""
    for title_name in [w for w in weak if w in index.people]:
        words = set(title_name.split())
        body = next((p for p in index.people if p != title_name and p not in weak and words & set(p.split())), None)
        if body is None:
            continue
        index.people.remove(title_name)
        for key, full in list(index.by_surname.items()):
            if full == title_name:
                del index.by_surname[key]
        for key, full in list(index.by_first.items()):
            if full == title_name:
                index.by_first[key] = body


@cache
def speech_verb_alternation() -> str:
    """The speech verbs as one regular-expression alternation, longest first ("pointed out|said|…")."""
    verbs = [re.escape(v) for v in tables.speech_verbs()] + [rf"{re.escape(v)}(?! to\b)" for v in tables.commitment_verbs()]
    return "|".join(sorted(verbs, key=len, reverse=True))


@cache
def _official_phrases() -> str:
    """The official offices' phrases as one alternation ("president|secretary of …|…")."""
    return "|".join(re.escape(o.phrase) for o in tables.offices() if o.role == "official" and len(o.phrase) > 2)


@cache
def _third_word_pattern() -> re.Pattern[str]:
    return re.compile(
        rf" (?P<third>{_TOKEN})(?=,? (?:has |have |had )?(?:{speech_verb_alternation()})\b|, (?:the|a|an) |:\s)"
    )


def _third_word(name: str, source: str) -> str | None:
    """The word the text first writes after ``name`` (not inside a longer word) as the subject of a
    saying, found with ``str.find`` as ``_written_after`` does: a pattern per name overflowed ``re``'s cache."""
    at = source.find(name)
    while at >= 0:
        if at == 0 or not re.match(r"[\w-]", source[at - 1]):
            m = _third_word_pattern().match(source, at + len(name))
            if m is not None:
                return m.group("third")
        at = source.find(name, at + 1)
    return None


def _name_word(word: str, source: str) -> bool:
    """Whether a capitalised word the text writes beside a name can be part of one: not a title's genre
    or function word, an office, an organisation word, nor a word the text also writes in lower case."""
    return (
        word.lower() not in _NOT_FIRST_NAMES
        and not is_office_word(word)
        and word not in tables.org_words()
        and not re.search(rf"\b{re.escape(word.lower())}\b", source)
    )


def _extend_names(index: NameIndex, source: str) -> None:
    """A two-word name the text also writes with a third word as the subject of a saying ("Finance
    Minister Sri Mulyani Indrawati said …", then "Sri Mulyani explained …") is that longer name."""
    for name in [p for p in index.people if len(p.split()) == 2]:
        third = _third_word(name, source)
        if third is None:
            continue
        if not _name_word(third, source):
            continue
        longer = f"{name} {third}"
        for key, full in list(index.by_surname.items()):
            if full == name:
                index.by_surname[key] = longer
        index.by_surname.setdefault(third.lower(), longer)
        index.people[index.people.index(name)] = longer
        if name.split()[-1].lower() in index.confirmed:
            index.confirmed.add(third.lower())


def _opens_a_name(before: str | None) -> bool:
    """Whether a name can begin after the word ``before``: after a comma or a bracket, a lower-case
    word, an honorific or an office ("Dr. Mohammed …", "Minister Mohammed …"), but not
    after another capitalised word ("Social Protection Leo Varadkar", "Economic Advisers Cecilia Rouse")
    or a department's "of" / "for" ("Secretary of Commerce Gina Raimondo")."""
    if before is None:
        return False  # a line's first word may be any capitalised word ("Then Gina Raimondo …")
    bare = before.strip(".")
    if bare.lower() in tables.honorifics() or is_office_word(bare):
        return True
    if before.endswith("."):
        return False  # a sentence's first word, likewise
    if not before[-1].isalnum():
        return True
    return bare.lower() not in _FUNCTION_WORDS and not bare[:1].isupper()


def _given_name_before(name: str, source: str) -> str | None:
    """The one word the text writes just before ``name`` that can be a given name ("Mohammed" of
    "Dr. Mohammed Amin Adam" for "Amin Adam"): not an office, honorific, organisation word or a word
    the text also writes in lower case ("Later López Obrador"). None when there is none, or two."""
    words = {
        m.group("w")
        for m in re.finditer(
            rf"(?:(?<!\S)(?P<pre>\S+)[^\S\n]+|^)(?P<w>{_TOKEN})[^\S\n]+{re.escape(name)}(?![\w’'-])", source, re.M
        )
        if _opens_a_name(m.group("pre"))
    }
    words = {
        w
        for w in words
        if _name_word(w, source)
        and w.lower() not in tables.honorifics()
        and w.lower() not in tables.person_nouns()  # "National Statistician Dennis Mapa"
    }
    return words.pop() if len(words) == 1 else None


def _extend_names_leading(index: NameIndex, source: str) -> None:
    """A name the text also writes with one or two more given names before it is that longer name
    ("Finance Minister, Dr. Mohammed Amin Adam, has projected …", then "Dr. Amin Adam noted";
    "Andrés Manuel López Obrador", then "López Obrador"): GUIDELINES §9 names people as introduced."""
    for name in [p for p in index.people if len(p.split()) == 2]:
        longer = name
        while len(longer.split()) < 4 and (word := _given_name_before(longer, source)) is not None:
            longer = f"{word} {longer}"
        if longer == name or person_name(longer) != longer:
            continue
        # the parts of the longer name the pattern found two words at a time are that person too
        parts = {p for p in index.people if f" {p} " in f" {longer} "}
        for key, full in list(index.by_surname.items()):
            if full in parts:
                index.by_surname[key] = longer
        index.people = list(dict.fromkeys(longer if p in parts else p for p in index.people))


# "K.D. Ranasinghe, the Central Bank's chief economist" (the South Asian press): two or three initials and
# a surname, after a comma, a bracket or a lower-case word ("U.S. Steel" is no person)
_INITIALLED_NAME = re.compile(
    rf"(?:^|(?<=[,(“\"] )|(?<=[a-z] ))(?P<initials>(?:[A-Z]\.\s?){{2,3}})(?P<surname>{_TOKEN})(?![\w’'-])", re.M
)
_NOT_INITIALS = frozenset({"U.S.", "U.K.", "U.N.", "E.U.", "P.M.", "A.M."})


def _add_initialled_names(index: NameIndex, source: str) -> None:
    """People the text names by initials and a surname ("K.D. Ranasinghe"), as written (GUIDELINES §9)."""
    for m in _INITIALLED_NAME.finditer(source):
        initials, surname = m.group("initials").replace(" ", ""), m.group("surname")
        key = surname.lower()
        if initials in _NOT_INITIALS or key in index.by_surname or surname in tables.org_words():
            continue
        if is_office_word(surname) or key in _NOT_FIRST_NAMES:
            continue
        index.by_surname[key] = f"{initials} {surname}"
        index.people.append(f"{initials} {surname}")


@cache
def _mononym_pattern() -> re.Pattern[str]:
    phrases = _official_phrases()
    said = speech_verb_alternation()
    # "(BPS) chairman Suhariyanto has announced", "Deputy BPS Setianto explained": an office (and the
    # body's acronym), then one name word that never has a second one
    return re.compile(
        rf"(?i:\b(?:{phrases})\b)\s+(?:[A-Z]{{2,}}\s+)?(?P<name>{_TOKEN})(?![\w’'-]|\s+(?:[A-Z]\.\s+)?[A-Z])"
        + _speaks_next(said)
    )


def _speaks_next(said: str) -> str:
    """A lookahead: a speech verb follows within the clause ("… has announced", "… explained")."""
    return rf"(?=[^.;\n]{{0,40}}?\b(?:has |have |had )?(?:{said})\b)"


def _add_mononyms(index: NameIndex, source: str) -> None:
    """People known by one name (common in Indonesia: "Suhariyanto", "Setianto"): a single name word
    after an office, as the subject of a speech verb, that the text never writes in lower case."""
    for m in _mononym_pattern().finditer(source):
        _add_single_name(index, m.group("name"), source)


@cache
def _quoted_surname_pattern() -> re.Pattern[str]:
    # '…,” Shmyhal wrote on Telegram.', '…," Polye said': one capitalised word between a quotation's
    # close and a speech verb is the person quoted, as news reports write a surname
    return re.compile(rf"[,!?][”\"][^\S\n]+(?P<name>{_TOKEN})[^\S\n]+(?:also[^\S\n]+)?(?:{speech_verb_alternation()})\b")


def _add_quoted_surnames(index: NameIndex, source: str) -> None:
    """A surname the text only ever writes alone, right after a quotation as the subject of its speech verb
    (a report that never gives the full name), unless it is an outlet, a country or an organisation
    ("…," Reuters reported; "…," Treasury said; "…," Moody's said)."""
    for m in _quoted_surname_pattern().finditer(source):
        word = m.group("name")
        if word.endswith(("'s", "’s")) or word in tables.outlet_words() or any(o.split()[0] == word for o in tables.outlets()):
            continue
        if tables.is_country_name(word):
            continue
        _add_single_name(index, word, source)


def _add_single_name(index: NameIndex, word: str, source: str) -> None:
    """A person known by one name word, unless the index knows the word or the text writes it in lower case."""
    key = word.lower()
    if key in index.by_surname or key in index.by_first or not _name_word(word, source):
        return
    index.by_surname[key] = word
    index.people.append(word)
    index.confirmed.add(key)


_HONOURED_SURNAME_WORDS = ("Mr", "Ms", "Mrs", "Miss", "Dr", "Prof")


@cache
def _honoured_surname_pattern() -> re.Pattern[str]:
    honorific = "|".join(_HONOURED_SURNAME_WORDS)
    said = speech_verb_alternation()
    # "Mr Donohoe said he agreed", "according to Mr. Sagintayev": an honorific and one name word, no
    # second one, as the one who speaks (a list of people described in prose names no speaker)
    return re.compile(
        rf"\b(?:{honorific})\.?[^\S\n]+(?P<name>{_TOKEN})(?![\w’'-]|[^\S\n]+(?:[A-Z]\.[^\S\n]+)?[A-Z])"
        + _speaks_next(said)
        + rf"|(?i:\baccording to)[^\S\n]+(?:{honorific})\.?[^\S\n]+(?P<name2>{_TOKEN})(?![\w’'-]|[^\S\n]+[A-Z])"
    )


def _add_honoured_surnames(index: NameIndex, source: str) -> None:
    """A person the text names only by honorific and surname ("Mr Donohoe", never "Paschal Donohoe"):
    the surname as written is their name (GUIDELINES §9), and a later "he said" can point to them."""
    for m in _honoured_surname_pattern().finditer(source):
        word = m.group("name") or m.group("name2")
        if not is_office_word(word):
            _add_single_name(index, word, source)


def _add_initials(index: NameIndex, source: str) -> None:
    """Initials of every person, from the longest form the text writes their name in ("Dr Tedros
    Adhanom Ghebreyesus": names are found two words at a time, so the third is looked up here)."""
    for name in index.people:
        m = _written_after(name, source)
        longest = " ".join(f"{name}{m.group(1) if m else ''}".split())
        if longest != name:
            index.long_forms.append(longest)
        for form in {name, longest}:
            key = "".join(w[0] for w in form.split())
            index.initials[key] = form if index.initials.get(key, form) == form else None


_NEXT_WORDS = re.compile(rf"((?:\s+{_TOKEN}){{0,2}})(?![\w])")


def _written_after(name: str, source: str) -> re.Match[str] | None:
    """Up to two words after the first whole occurrence of ``name`` (the name searched with
    ``str.find``: a pattern per name and document overflowed ``re``'s cache)."""
    at = source.find(name)
    while at >= 0:
        m = _NEXT_WORDS.match(source, at + len(name))
        if m is not None:
            return m
        at = source.find(name, at + 1)
    return None


def person_name(name: str) -> str | None:
    """A candidate name cleaned to first and last names, or None when it names no person:
    'Treasurer Peter Costello' → 'Peter Costello', 'Janet L. Yellen' → 'Janet Yellen'; 'World Food
    Programme' → None."""
    parts = _drop_initials(" ".join(name.split())).split()
    if parts:  # "Pranab Mukherjee's Budget 2012 speech": the name without the possessive
        parts[-1] = re.sub(r"['’]s$", "", parts[-1])
    while parts and (parts[0].lower().strip(".") in tables.honorifics() or is_office_word(parts[0])):
        parts = parts[1:]
    while parts and parts[-1].strip(".,") in tables.postnominals():
        parts = parts[:-1]  # "Andrew Gwynne MP"
    if len(parts) < 2 or len(parts) > 4 or any(p.strip(".,") in tables.org_words() for p in parts):
        return None
    if any(p.lower() in _FUNCTION_WORDS for p in parts):
        return None  # a title-case headline, not a name: "Biden On"
    if parts[-1] in tables.headline_verbs():
        return None  # "President Biden Announces …": a headline, the verb no surname
    if len(parts) > 2 and len(parts[-1]) > 5 and parts[-1].endswith("ing"):
        parts = parts[:-1]  # "… Director Lael Brainard Assessing the U.S. Recovery": a headline's gerund
    if any(re.search(r"['’]s$", p) for p in parts[:-1]):
        return None  # a possessive inside is a headline's "Fed’s Powell Answers …", not a name
    if not all(p[:1].isupper() or p in ("de", "van", "von", "der", "da", "di", "du", "bin", "al") for p in parts):
        return None
    name = " ".join(parts)
    if _country_or_its_start(name):
        return None  # "Papua New Guinea's Treasurer says": a country the recogniser took for a person
    return name


@cache
def _country_or_its_start(name: str) -> bool:
    """A country's name or its first words ("Papua New" of "Papua New Guinea"), as data/country_names.csv
    writes them."""
    return any(country == name or country.startswith(name + " ") for country in tables.country_name_list())


_QUOTATION = re.compile(r"“[^“”]{1,600}”|\"[^\"\n]{1,600}\"")


def _add(index: NameIndex, candidate: str, weak: set[str] | None = None, in_title: bool = False) -> None:
    name = person_name(candidate)
    if name is None:
        return
    parts = name.split()
    surname = surname_of(name).lower()
    known = index.by_surname.get(surname)
    longer = next((p for p in index.people if p.startswith(name + " ")), None) if known is None else None
    if longer is not None:
        # "Khandker Anwarul" of "cabinet secretary Khandker Anwarul Islam": the pattern finds names two
        # words at a time, the recogniser already gave the whole one
        index.by_surname[surname] = longer
    elif known is None:
        index.by_surname[surname] = name
        index.people.append(name)
        if in_title and weak is not None:
            weak.add(name)
    elif weak is not None and known in weak and not in_title and known != name:
        index.by_surname[surname] = name  # the body names the person the title-case title half-named
        index.people[index.people.index(known)] = name
        weak.discard(known)
    index.by_first.setdefault(parts[0].lower(), name)


_ONE_BREAK = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"  # spaces, or one line break among them: not a blank line


@cache
def _holder_pattern() -> re.Pattern[str]:
    phrases = _official_phrases()
    # "President Biden", "Treasurer Peter Costello", "Secretary of the Treasury Janet L. Yellen",
    # "Christine Lagarde, President of the ECB"
    # (a blank line ends it: "Hopes finance minister⏎⏎Published : 27 Apr 2022" is a headline, then a dateline)
    return re.compile(
        rf"(?i:\b(?P<office>{phrases})\b)(?:\s+of\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?,?{_ONE_BREAK}"
        # "State Minister of Finance, Dr. Ranjith Siambalapitiya", "Minister of Finance, Hon. Winston Jordan"
        rf"(?:(?i:{tables.word_alternation(sorted(tables.honorifics()))})\.?\s+)?"
        rf"(?P<name>{_TOKEN}(?:\s+[A-Z]\.)?(?:\s+{_PARTICLE})?(?:\s+{_TOKEN})?)"
        rf"|(?P<name2>{_TOKEN}(?:\s+[A-Z]\.)?\s+{_TOKEN}),{_ONE_BREAK}(?:the\s+)?(?i:(?P<office2>{phrases}))\b"
    )


@cache
def _joined_office_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?i:\b(?P<first>{_official_phrases()})) and (?:the )?$")


def _find_holders(index: NameIndex, source: str) -> None:
    for m in _holder_pattern().finditer(source):
        office = (m.group("office") or m.group("office2")).lower()
        words = _drop_initials(m.group("name") or m.group("name2")).split()
        cut = next((i for i, w in enumerate(words) if w.lower() in _FUNCTION_WORDS), len(words))
        name = " ".join(words[:cut]) or " ".join(words)  # "President Biden On Economic Growth" → "Biden"
        first = name.split()[0].lower()
        if first in _NOT_FIRST_NAMES or is_office_word(first) or any(w in tables.org_words() for w in name.split()):
            continue
        if tables.is_demonym(name.split()[0]):
            continue  # "Ghanaian economy on rebound: finance minister ⏎ Ghanaian economy …": a nationality
        if len(first) > 6 and first.endswith("ing"):
            continue  # a headline's verb after the office: "Top Official Forecasting Jobless Rate Over 13%"
        known = index.full_name(name.split()[-1])
        if known is None and any(re.search(rf"\b{re.escape(w.lower())}\b", source) for w in name.split()):
            continue  # an unknown word the text also writes in lower case is not a name ("… Official Previewing …")
        if known is None and m.group("office") and len(name.split()) == 1:
            name = _given_name_in_office(source[m.end("office") : m.start("name")], name)
            if " " in name:
                _add(index, name)
        holder = index.known_name(name)
        if office not in index.holders:
            index.holders[office] = holder
        # "The Governor and Chairman of the Board, Mr Ariff Ali": he holds both offices
        if m.group("office"):
            joined = _joined_office_pattern().search(source[max(0, m.start("office") - 60) : m.start("office")])
            if joined is not None and joined.group("first").lower() not in index.holders:
                index.holders[joined.group("first").lower()] = holder


def _given_name_in_office(of_part: str, surname: str) -> str:
    """The surname with the given name that the office's "of …" took for its own ("Prime Minister of
    Kazakhstan Bakytzhan Sagintayev"): the last capitalised word there, unless it is a country, an
    organisation's word or an office word."""
    words = of_part.split()
    if len(words) < 3 or words[0].lower() != "of":
        return surname
    given = words[-1].strip(",")
    if (
        not re.fullmatch(_TOKEN, given)
        or given in tables.org_words()
        or is_office_word(given.lower())
        or tables.is_country_name(given)
    ):
        return surname
    return f"{given} {surname}"


def split_label(label: str) -> tuple[tables.Office | None, str]:
    """(office, name words) of a label: 'THE PRESIDENT' → (president, ''), 'MR. DEESE' → (None,
    'DEESE'), 'SECRETARY YELLEN' → (secretary, 'YELLEN'), 'Moderator Liu Fang' → (moderator, 'Liu Fang')."""
    words = label.replace("\u00a0", " ").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    office = None
    while words and words[0].lower().strip(".") in tables.honorifics():
        words = words[1:]
    if len(words) > 2 and re.fullmatch(r"[A-Z]{2,6}", words[0]) and _office_at(words, 1) and not _office_at(words, 0):
        words = words[1:]  # "NEDA SEC. BALISACAN": the office's agency by its initials, then the office
    found = (_office_at(words, 0) or _misspelt_office(words[0]) or _misspelt_office_phrase(words)) if words else None
    if found is not None:
        office = found
        words = words[found.phrase.count(" ") + 1 :]
        while words and words[0].lower().strip(".") in tables.honorifics():
            words = words[1:]
    return office, " ".join(words).strip(" .,")


def resolve(label: str, index: NameIndex) -> Speaker | None:
    """The speaker a name label stands for, or None when the label is not a person or an office."""
    office, rest = split_label(label)
    if not rest:
        if office is None:
            return None
        return Speaker(index.holder(office.phrase), office.role)
    # an outlet's initials ("CBN:", "CGTN:") keep their letters; a surname label ("LEE:") has its vowels
    initialism = re.fullmatch(r"[B-DF-HJ-NP-TV-Z]{2,5}", rest) is not None
    name = rest if initialism else normal_case(rest)
    full = index.full_name(name.split()[-1]) if len(name.split()) == 1 else None
    if full is None and len(name.split()) == 1:
        full = index.misspelt_surname(name)  # "CHAIR BERSTEIN:" five times among "CHAIR BERNSTEIN:"
    if full is None and len(name.split()) > 1:
        full = _prefer_text_casing(name, index)
    role = office.role_with_name if office is not None else "official"
    return Speaker(full or name, role)


def _prefer_text_casing(name: str, index: NameIndex) -> str:
    """A full name written in capitals in the label takes the document's own casing ("MCCARTHY"); a
    label that gives the last two words of a longer name the text writes ("MS. LINKE YOUNG:",
    "Christen Linke Young") is that name, when only one name ends so."""
    known = index.full_name(name.split()[-1])
    if known is not None and known.lower() == name.lower():
        return known
    tail = " " + name.lower()
    longer = {form for form in index.long_forms if form.lower().endswith(tail)}
    return longer.pop() if len(longer) == 1 else name


@cache
def _recogniser_pipes(model: str) -> list[str]:
    """The components NER needs: itself, and the shared tok2vec only when it listens to it (the small
    English model's recogniser has its own embedding, so running the shared one would be wasted)."""
    from pipeline.annotate import load_model

    nlp = load_model(model)
    architecture = str(nlp.get_pipe_config("ner").get("model", {}).get("tok2vec", {}).get("@architectures", ""))
    return ["tok2vec", "ner"] if "Listener" in architecture and "tok2vec" in nlp.pipe_names else ["ner"]


@cache
def _recogniser(model: str):
    from pipeline.annotate import load_model

    nlp = load_model(model)
    return nlp if "ner" in nlp.pipe_names else None


def person_entities(snippets: list[str], model: str) -> tuple[str, ...]:
    """PERSON entities of a few short texts (title, header), in order; () without a recogniser."""
    nlp = _recogniser(model)
    if nlp is None:
        return ()
    keep = _recogniser_pipes(model)
    out: list[str] = []
    with nlp.select_pipes(enable=keep):
        for parsed in nlp.pipe([s[:1000] for s in snippets if s.strip()]):
            out.extend(e.text for e in parsed.ents if e.label_ == "PERSON" and " " in e.text.strip())
    return tuple(out)
