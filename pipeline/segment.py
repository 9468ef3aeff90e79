"""Stage 2 — segment: speaker turns.

Transcripts: every speaker-label convention of ``data/turn_labels.tsv`` opens a turn ("Name:" even
once, "[Name]:", "MR. DEESE:", "CHAIR POWELL.", "Q", "A:", labels after a timestamp, a name alone on a
line); ``pipeline.speakers`` says who the label is. An unlabelled opening statement belongs to the
person the title or header names first; paragraphs that ask something and end an official's turn
are journalists' questions. Roles follow what people do: someone who only opens the briefing and
gives the floor chairs it (``moderator``); a named speaker who only asks is a ``journalist``.

Statements are the narrator's voice, and articles too, except quoted or reported speech
("…," said Secretary Yellen. / Yellen said the deficit … / according to Name), which is the
person's the prose names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache

from pipeline import speakers, tables
from pipeline.ingest import MONTH_NAMES, WRITTEN_QA_LABEL, reads_as_label_line
from pipeline.records import Document, Span, SpeakerTurn

GENERIC_JOURNALIST = frozenset({"q", "question", "reporter", "journalist", "correspondent", "media", "questioner"})
_MODERATOR_MAX_CHARS = 240  # a turn that only gives the floor ("Go ahead, Mary.") is short
_OPENING_MAX_CHARS = 2500  # an opening that only welcomes and introduces the speakers


@dataclass(frozen=True)
class Label:
    """A speaker label found in the text (view offsets)."""

    start: int  # where the label starts
    content_start: int  # first character of what the speaker says
    text: str  # the label as written, without its colon ('' for question/answer forms)
    form: str  # name | question | answer
    rule: str  # the id of the table row that found it


# --- paragraphs -------------------------------------------------------------------------------


def paragraph_spans(text: str, start: int, end: int) -> list[Span]:
    """Paragraphs (separated by blank lines) of ``text[start:end]``, trimmed of surrounding space."""
    return _spans_between(text, start, end, _BLANK_LINE)


def line_spans(text: str, start: int, end: int) -> list[Span]:
    """The non-blank lines of ``text[start:end]``, trimmed."""
    return _spans_between(text, start, end, _LINE_BREAK)


def _prose_paragraphs(text: str, start: int, end: int) -> list[Span]:
    """Paragraphs of prose: a line break of the normalised view is a real one (wrapped lines were
    joined), so a web page that writes its paragraphs one per line, without blank lines between
    them, has one paragraph per line, over which reported speech runs on only when it shows it."""
    return _spans_between(text, start, end, _LINE_BREAK)


_BLANK_LINE = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile(r"\n")


def _spans_between(text: str, start: int, end: int, separator: re.Pattern[str]) -> list[Span]:
    """The non-blank stretches of ``text[start:end]`` between separators, trimmed of surrounding space."""
    spans, pos = [], start
    for m in separator.finditer(text, start, end):
        if text[pos : m.start()].strip():
            spans.append(_trim(text, pos, m.start()))
        pos = m.end()
    if text[pos:end].strip():
        spans.append(_trim(text, pos, end))
    return spans


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


# --- labels --------------------------------------------------------------------------------------


def _outlet_name(label: str) -> str | None:
    """The outlet a journalist label names, without its parenthetical; None if it names no outlet."""
    base = re.sub(r"\s*\([^)]*\)\s*", " ", label).strip()
    # "CCTV reporter from China Central Radio and Television" → the outlet named after "from"
    base = re.sub(r"^(?:[A-Z][\w.]* )*(?:reporter|journalist|correspondent) (?:from|of|with) ", "", base)
    for outlet in tables.outlets():
        if base.lower() == outlet.lower() or base.lower().startswith(outlet.lower() + " "):
            return base
    words = set(re.findall(r"[A-Za-z]+", base))
    if words & tables.outlet_words():
        return base
    return None


def _looks_like_name(words: list[str]) -> bool:
    return 1 <= len(words) <= 4 and all(
        w[:1].isupper() or w.lower() in ("de", "van", "von", "bin", "al") for w in words
    )


def _bracketed_role(label: str) -> tuple[str, tables.Office | None, str | None]:
    """(person, office, outlet) of "Name (Role)" or "Name (Outlet)": the bracket's office or outlet."""
    person, _, bracket = label.partition(" (")
    inside = bracket.rstrip(")")
    return person, speakers.split_label(inside)[0], _outlet_name(inside)


def _office_after(label: str) -> tables.Office | None:
    """The office a "Name, Office" label gives after its comma ("…, Official Spokesperson")."""
    office, _ = speakers.split_label(label.partition(", ")[2])
    return office


def plausible_label(label: str, rule: str, index: speakers.NameIndex, participants: set[str]) -> bool:
    """A label must name someone: a participant, a known person, an office, an outlet or a role.
    Headings ("Note:", "Subjects:") and sentences ending in a colon are not labels."""
    if not label or label.lower().strip(" .") in tables.speaker_label_stopwords():
        return False
    if WRITTEN_QA_LABEL.match(label):
        return True  # "Parliamentary Reply by Deputy Prime Minister, and Minister for Finance, Mr Heng Swee Keat:"
    words = label.split()
    if len(words) > 12 or words[0] == "Dear":
        return False  # "Dear Madam Speaker:" opens a letter
    if label in participants or _outlet_name(label):
        return True
    if rule == "initials":
        return index.by_initials(label) is not None
    if rule == "name_outlet":  # "Dharshini David, BBC News": a journalist and the outlet they write for
        name, _, outlet = label.partition(", ")
        return _looks_like_name(name.split()) and (_outlet_name(outlet) is not None or _office_after(label) is not None)
    if rule == "name_role":  # a person's name and, in brackets, a role or an outlet ("(Moderator)", "(Reuters)")
        person, role, role_outlet = _bracketed_role(label)
        cleaned = speakers.person_name(speakers.split_label(person)[1])
        return cleaned is not None and (role is not None or role_outlet is not None)
    office, rest = speakers.split_label(label)
    if rule == "label_line":
        return reads_as_label_line(label)  # alone on its line: a label unless it reads like a sentence
    if rule in ("name_line", "midline"):
        # no colon or mid-paragraph: only when the document otherwise names this person or role
        known = bool(rest) and index.full_name(rest.split()[-1]) is not None
        named = rule == "name_line" and label in index.people and index.is_person(label)
        return known or (office is not None and bool(rest)) or named
    if office is not None:
        return True
    if not rest:
        return False
    if rule in ("caps_colon", "caps_period"):
        return label.isupper() and _looks_like_name(rest.split()) and any(len(w) > 2 for w in rest.split())
    first, full = rest.split()[0], index.full_name(rest.split()[-1])
    if len(first) > 6 and first.endswith("ing") and full in (None, rest):
        return False  # a run-in heading that opens with a verb ("Combating COVID-19:", "Building Back Better:")
    if words[0].lower().strip(".") in tables.honorifics():
        return _looks_like_name(rest.split())  # "Mr. Moynihan:", as "MR. MOYNIHAN:", names a person whom the text never names in full
    return _looks_like_name(rest.split()) and (len(rest.split()) >= 2 or index.full_name(rest) is not None)


_OPENING_QUOTES = '“"‘«'


def _introduces_quotation(text: str, content: int, label: str, participants: set[str]) -> bool:
    """'Morgan Stanley: “With strong job growth …”' read out inside a briefer's turn, 'Third: “U.S.
    Economy Grew …”' in a speech, 'RBI MPC Meeting: "With the policy repo rate …"' as a headline: a
    name and a colon before an opening quotation mark introduce a quotation, not a turn. A turn
    opens with speech, never with a quotation mark, unless the header lists the label as a speaker."""
    return content < len(text) and text[content] in _OPENING_QUOTES and label not in participants


def find_labels(doc: Document, index: speakers.NameIndex) -> list[Label]:
    """Every speaker label of a transcript, in text order (never in chrome or in the header)."""
    participants = {p.name for p in doc.participants}
    found: dict[int, Label] = {}
    for rule in tables.turn_label_rules():
        for m in rule.regex.finditer(doc.text, doc.body_start):
            start = m.start("label") if rule.id == "midline" else m.start()
            if (
                start in found
                or doc.in_chrome(start)
                or any(lab.start < start < lab.content_start for lab in found.values())
            ):
                continue
            text = (m.group("label") if "label" in rule.regex.groupindex else "").strip()
            if rule.form == "name" and (not plausible_label(text, rule.id, index, participants) or _dateline(text, doc, index)):
                continue
            content = m.end()
            while content < len(doc.text) and doc.text[content].isspace():
                content += 1
            if rule.form == "name" and _introduces_quotation(doc.text, content, text, participants):
                continue
            found[start] = Label(start, content, text, rule.form, rule.id)
    return _one_convention(_without_lone_headings(doc, [found[k] for k in sorted(found)], index), index)


_DATED = re.compile(rf"\[[A-Z][\w ]+\]|\b{MONTH_NAMES} \d{{1,2}}\b|\((?:Reuters|AP|AFP|ANI|IANS|PTI|Xinhua)\)")


def _dateline(label: str, doc: Document, index: speakers.NameIndex) -> bool:
    """'BONN:' in a press conference 'in Bonn, Germany', 'New Delhi [India], November 1 :': the place
    (and date) a report was filed from, not a speaker. A place is told from a person by the title or
    header, which names it after 'in' or 'at'; a date or a bracketed country marks it outright."""
    if _DATED.search(label):
        return True
    place = label.split(",")[0].strip(" .")
    office, rest = speakers.split_label(place)
    if office is not None or not rest or index.full_name(rest.split()[-1]) is not None:
        return False
    header = f"{doc.title or ''}\n{doc.text[: max(doc.body_start, 0)]}"
    return re.search(rf"(?i)\b(?:in|at) {re.escape(place)}\b", header) is not None


def _without_lone_headings(doc: Document, labels: list[Label], index: speakers.NameIndex) -> list[Label]:
    """A capitalised pair of words alone on a line ("Direct Taxes" in a budget speech) is a heading
    unless it names someone: the recogniser tagged it, the title names it, or it labels more than one
    turn (a speaker alone on a line speaks again)."""
    counts: dict[str, int] = defaultdict(int)
    for label in labels:
        counts[label.text] += label.rule == "name_line"

    def names_someone(label: Label) -> bool:
        surname = label.text.split()[-1].lower()
        return counts[label.text] > 1 or surname in index.confirmed or label.text in (doc.title or "")

    kept = [label for label in labels if label.rule != "name_line" or names_someone(label)]
    # "Written answers" answers the question labelled before it; as the first line it heads the page
    return [lab for i, lab in enumerate(kept) if lab.rule != "answer_line" or any(k.form == "question" for k in kept[:i])]


_CAPS_RULES = ("caps_colon", "caps_period")


def _one_convention(labels: list[Label], index: speakers.NameIndex) -> list[Label]:
    """A transcript labels its speakers one way. Where the turns are labelled in capitals ("MR.
    DEESE:"), a name in mixed case before a colon ("Pantheon Macroeconomics: The …" read out in a
    turn) is a label only when it names someone the document introduces or holds an office."""
    if sum(label.rule in _CAPS_RULES for label in labels) < 2:
        return labels

    def keeps(label: Label) -> bool:
        if label.rule != "titled_colon":
            return True
        office, rest = speakers.split_label(label.text)
        full = index.full_name(rest.split()[-1]) if rest else None
        return office is not None or (full is not None and index.is_person(full))

    return [label for label in labels if keeps(label)]


# --- who speaks ------------------------------------------------------------------------------------


def _moderator_from_header(doc: Document) -> str | None:
    return next((p.name for p in doc.participants if p.is_chair), None)


def _by_label_speaker(by: re.Match[str], index: speakers.NameIndex) -> speakers.Speaker:
    """The person a "Question by …" / "Reply by …" label names (the asker is a journalist, GUIDELINES §9)."""
    role = "journalist" if by["kind"].lower() == "question" else "official"
    named = next((p for p in index.people if p in by["who"] and index.is_person(p) and len(p.split()) >= 2), None)
    who = by["who"].partition(",")[0].strip()
    if named is None:
        resolved = speakers.resolve(who, index)
        named = resolved.name if resolved is not None else speakers.person_name(who)
    return speakers.Speaker(named, role)


def speaker_of(label: Label, doc: Document, index: speakers.NameIndex) -> speakers.Speaker:
    """The speaker and role a label stands for (before roles are refined by behaviour)."""
    if label.form == "question" or label.text.lower() in GENERIC_JOURNALIST:
        return speakers.Speaker(None, "journalist")
    if label.rule == "answer_line":
        return speakers.Speaker(None, "official")  # "Written answers" over a minister's reply that names no one
    if label.form == "answer":
        return speakers.Speaker(index.people[0] if index.people else None, "official")
    by = WRITTEN_QA_LABEL.match(label.text)
    if by is not None:
        return _by_label_speaker(by, index)
    head = label.text.partition(", ")[0]
    person_outlet = (
        label.rule in ("label_line", "titled_colon")
        and 2 <= len(head.split()) <= 3
        and "(" not in head
        and plausible_label(label.text, "name_outlet", index, set())
    )
    if label.rule == "name_outlet" or person_outlet:  # "Latha Venkatesh, CNBC-TV18:" alone on its line too
        person, _, after = label.text.partition(", ")
        office = _office_after(label.text)
        if office is not None and _outlet_name(after) is None:
            # "Shri Arindam Bagchi, Official Spokesperson": the person, in the office's role
            name = speakers.resolve(person, index)
            return speakers.Speaker(name.name if name else person, office.role_with_name)
        return speakers.Speaker(person, "journalist")
    if label.rule == "initials":
        return speakers.Speaker(index.by_initials(label.text), "official")
    if label.rule == "name_role":  # "Mr David M. Rubenstein (Moderator):": the person, in the bracket's role
        person, office, outlet = _bracketed_role(label.text)
        name = speakers.resolve(speakers.person_name(person) or person, index)
        role = "journalist" if outlet else office.role if office else "official"
        return speakers.Speaker(name.name if name else person, role)
    chair = _moderator_from_header(doc)
    bare = re.sub(r"^(?:Mr|Ms|Mrs|Dr)\.?\s+", "", label.text)
    if chair and bare == chair:
        return speakers.Speaker(bare, "moderator")
    if bare in {p.name for p in doc.participants}:
        return speakers.Speaker(bare, "official")
    resolved = speakers.resolve(label.text, index)
    office, rest = speakers.split_label(label.text)
    # "Press Secretary Hatsuhisa Takashima:" holds an office; the outlet word is the office's
    outlet = None if office is not None and _looks_like_name(rest.split()) else _outlet_name(label.text)
    if outlet and (resolved is None or resolved.role != "moderator"):
        return speakers.Speaker(outlet, "journalist")
    if resolved is not None:
        return resolved
    return speakers.Speaker(re.sub(r"\s*\([^)]*\)\s*", " ", label.text).strip() or None, "official")


def _asks(text: str) -> bool:
    return "?" in text[-400:]


# "Interview with Karl Stefanovic, Today Show", "ABC News Afternoon Briefing with Patricia Karvelas":
# the programme's host, named after "with" in an interview's title
_INTERVIEW_HOST = re.compile(r"(?i:\binterview\b)[^\n]{0,80}?\bwith (?P<name>[A-Z][\w’'-]+ [A-Z][\w’'-]+)")


def interview_host(title: str | None) -> str | None:
    """The host an interview's title names ("Interview — ABC News Afternoon Briefing with Patricia
    Karvelas" → "Patricia Karvelas"), or None."""
    m = _INTERVIEW_HOST.search(title or "")
    return speakers.person_name(m.group("name")) if m else None


@cache
def _figure_pattern() -> re.Pattern[str]:
    scales = "|".join(re.escape(w) for w in sorted(tables.scales(), key=len, reverse=True))
    return re.compile(rf"\d(?:[\d,.]*\d)?(?:\s*%|\s+(?:percent|per cent|{scales})\b)|[$€£¥]\s?\d", re.IGNORECASE)


def _states_figures(text: str) -> bool:
    """Whether a turn states a magnitude ("20 million meals", "3 percent", "$2.6 billion"), not
    merely a number ("the 5th press conference", "at 10 o'clock")."""
    return _figure_pattern().search(text) is not None


def refine_roles(turns: list[SpeakerTurn], text: str, host: str | None = None) -> list[SpeakerTurn]:
    """One role per person, from what they do in this document:
    - a named speaker who opens the briefing, hands over to another official, and afterwards only
      gives the floor (short turns) is chairing it: ``moderator``;
    - a named speaker every one of whose turns asks something, in a document where others answer,
      is a ``journalist``; so is an interview's host (``host``, named in the title) who asks at all,
      even when the host also reads the news out ("And the official unemployment rate has dropped …")."""
    by_person: dict[str, list[SpeakerTurn]] = defaultdict(list)
    for t in turns:
        if t.speaker is not None:
            by_person[t.speaker].append(t)
    officials = {p for p, ts in by_person.items() if any(t.speaker_role == "official" for t in ts)}
    roles: dict[str, str] = {}
    for person, ts in by_person.items():
        current = ts[0].speaker_role
        others = officials - {person}
        hands_over = len(turns) > 1 and turns[1].speaker in others
        opening = text[ts[0].start : ts[0].end]
        # a longer opening is a briefing; so is one that states figures of its own (GUIDELINES §9:
        # "FEMA has … 20 million meals" before handing over to a guest is an official's)
        introduces = len(opening) <= _OPENING_MAX_CHARS and not _states_figures(opening)
        if current == "official" and ts[0] is turns[0] and hands_over and introduces:
            if all(t.end - t.start <= _MODERATOR_MAX_CHARS for t in ts[1:]):
                roles[person] = "moderator"
        if current in ("official", "moderator") and others and all(_asks(text[t.start : t.end]) for t in ts):
            roles[person] = "journalist"
        if host is not None and person == host and others and any(_asks(text[t.start : t.end]) for t in ts):
            roles[person] = "journalist"
    return [replace(t, speaker_role=roles[t.speaker]) if t.speaker in roles else t for t in turns]


# --- transcripts -----------------------------------------------------------------------------------

_QUESTION_MIN_CHARS = 60


def _split_unlabelled_question(doc: Document, span: Span) -> tuple[Span, Span | None]:
    """Split trailing question paragraphs off an official's or moderator's turn."""
    paras = paragraph_spans(doc.text, span.start, span.end)
    if len(paras) < 2:
        return span, None
    k = len(paras)
    while k > 1 and "?" in doc.text[paras[k - 1].start : paras[k - 1].end]:
        k -= 1
    if k == len(paras):
        return span, None
    question = Span(paras[k].start, paras[-1].end)
    if question.end - question.start < _QUESTION_MIN_CHARS:
        return span, None
    return Span(span.start, paras[k - 1].end), question


def _without_chrome(doc: Document, start: int, end: int) -> Span | None:
    """Shrink a region so that it does not end in chrome (captions, credits after the last turn)."""
    for c in sorted(doc.chrome, key=lambda c: c.start):
        if start <= c.start < end and doc.text[start : c.start].strip():
            if not doc.text[c.end : end].strip() or _only_chrome(doc, c.start, end):
                end = c.start
                break
    span = _trim(doc.text, start, end)
    return span if span.end > span.start else None


def _only_chrome(doc: Document, start: int, end: int) -> bool:
    pos = start
    for c in sorted(doc.chrome, key=lambda c: c.start):
        if c.end <= pos or c.start >= end:
            continue
        if doc.text[pos : c.start].strip():
            return False
        pos = c.end
    return not doc.text[pos:end].strip()


def deliverer(doc: Document, index: speakers.NameIndex) -> str | None:
    """Who delivers an unlabelled opening statement: the first person the title or header names."""
    header = f"{doc.title or ''}\n{doc.text[: max(doc.body_start, 600)]}"
    # "Transcript of Chair Yellen’s Press Conference": an office and a surname in the title say who
    titled = _OFFICE_SURNAME.search(doc.title or "")
    if titled is not None and speakers.is_office_word(titled.group("office")) and not speakers.is_office_word(titled.group("name")):
        return index.full_name(titled.group("name")) or titled.group("name")
    for name in index.people:
        if name.split()[-1] in header:
            return name
    return None


_OFFICE_SURNAME = re.compile(r"\b(?P<office>[A-Z][a-z]+) (?P<name>[A-Z][a-z’'-]+)(?:['’]s)\b")


def _voice_turns(doc: Document, span: Span, who: str | None) -> list[tuple[Span, str | None, str]]:
    """An unlabelled stretch of a transcript: the deliverer's, except paragraphs that ask."""
    out: list[tuple[Span, str | None, str]] = []
    for para in paragraph_spans(doc.text, span.start, span.end):
        if doc.in_chrome(para.start):
            continue
        body = doc.text[para.start : para.end]
        asks = body.rstrip().endswith("?") and len(body) < 1200
        speaker, role = (None, "journalist") if asks else (who, "official")
        if out and out[-1][1:] == (speaker, role):
            out[-1] = (Span(out[-1][0].start, para.end), speaker, role)
        else:
            out.append((para, speaker, role))
    return out


def segment_transcript(doc: Document, index: speakers.NameIndex) -> list[SpeakerTurn]:
    labels = find_labels(doc, index)
    labels_questions = any(label.form == "question" for label in labels)
    opening = deliverer(doc, index)
    pieces: list[tuple[Span, str | None, str]] = []
    first = labels[0].start if labels else len(doc.text)
    lead = _without_chrome(doc, doc.body_start, first)
    # a short lead before the first label is a title or a dateline; with no label at all it is the text
    if lead is not None and (not labels or len(doc.text[lead.start : lead.end].split()) >= 8):
        pieces.extend(_voice_turns(doc, lead, opening))
    for i, label in enumerate(labels):
        end = labels[i + 1].start if i + 1 < len(labels) else len(doc.text)
        span = _without_chrome(doc, label.content_start, end)
        if span is None:
            continue
        who = speaker_of(label, doc, index)
        # where questions are labelled ("Q"), a question inside an answer is rhetorical ("Why is there
        # a double standard here?"): only a transcript that never labels its questions hides them
        if who.role in ("official", "moderator") and not labels_questions:
            span, question = _split_unlabelled_question(doc, span)
            pieces.append((span, who.name, who.role))
            if question is not None:
                pieces.append((question, None, "journalist"))
        else:
            pieces.append((span, who.name, who.role))
    turns = [SpeakerTurn(doc.doc_id, i, s.start, s.end, name, role) for i, (s, name, role) in enumerate(pieces)]
    return refine_roles(turns, doc.text, interview_host(doc.title))


def segment_statement(doc: Document) -> list[SpeakerTurn]:
    span = _without_chrome(doc, doc.body_start, len(doc.text))
    if span is None:
        return []
    return [SpeakerTurn(doc.doc_id, 0, span.start, span.end, None, "narrator")]


# --- prose: articles and statements -------------------------------------------------------------

# a word of a name may join a capitalised particle by a hyphen ("Anwar Al-Mudhaf", "Jean-Pierre")
_NAME_WORD = rf"[{speakers.UPPER_LETTERS}][{speakers.LOWER_LETTERS}'’]+(?:-[A-Z]?[{speakers.LOWER_LETTERS}'’]+)*-?"
_NAME = rf"{_NAME_WORD}(?: (?:de |van |von )?{_NAME_WORD}){{0,3}}"
# a quotation closes with its quote mark, or at the end of its paragraph (a quotation running over
# several paragraphs leaves each one open)
_QUOTE_RE = re.compile(r"[“\"](?P<body>[^“”\"\n]{20,}?)(?:[”\"]|(?=\n|$))")


@cache
def _said() -> str:
    return f"(?:{speakers.speech_verb_alternation()})"


@cache
def _said_or_stance() -> str:
    """A speech verb or a stance verb: what a named person or a pronoun may do to own a sentence
    ("Kamal expected that …", "He welcomed …"), where a stance verb alone ("are expected") owns nothing."""
    stances = "|".join(re.escape(v) for v in sorted(tables.stance_verbs(), key=len, reverse=True))
    return f"(?:{_said()}|{stances})"


@cache
def _honorific() -> str:
    """'Mr.', 'Dr', 'Prof.' before a name ("said Mr. Laerke")."""
    return "(?:" + "|".join(re.escape(h.capitalize()) + r"\.?" for h in sorted(tables.honorifics(), key=len, reverse=True)) + ")"


@cache
def _titles() -> str:
    """Office words that may stand between a speech verb and a name ("said RBI governor Das"); not the
    one-letter label forms ("A:", "Q:"), which in prose are the article ("the same quarter a year ago,
    real GDP is estimated …" names no office)."""
    return "(?i:" + "|".join(re.escape(o.phrase) for o in tables.offices() if len(o.phrase) > 1) + ")"


def _sentences(text: str, start: int, end: int) -> list[Span]:
    spans, pos = [], start
    # a line break in the normalised view is a real one (a headline above its story): it ends a sentence;
    # so does a full stop with no space after it before a capitalised word ("… in June, 2020.The
    # Government Statistician …", a scraped page that lost the space)
    for m in re.finditer(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])|\n|(?<=[a-z0-9]{2}\.)(?=[A-Z][a-z]+ )", text[start:end]):
        if _after_honorific(text, start + m.start()):
            continue  # "…, Dr. Al-Mudhaf pointed out": no sentence ends after "Dr."
        if re.search(r"(?:^|\s)[A-Z][a-z]+ [A-Z]\.$", text[max(start, start + m.start() - 30) : start + m.start()]):
            continue  # "Secretary Ernesto M. Pernia said": nor after a middle initial
        spans.append(_trim(text, pos, start + m.start()))
        pos = start + m.end()
    spans.append(_trim(text, pos, end))
    return [s for s in spans if s.end > s.start]


@cache
def _contrast() -> re.Pattern[str]:
    return re.compile(rf",\s+(?:but|whereas|while|although|though)\s+(?=[^,;]{{0,120}}?\b{_said()}\b)")


def _contrasted(text: str, sent: Span) -> int | None:
    """Where a sentence turns from the narrator's clause to a contrasting saying (", but X said",
    ", whereas X said"), if it does."""
    m = _contrast().search(text, sent.start, sent.end)
    return m.start() if m is not None and not _said_before(text, sent.start, m.start()) else None


def _said_before(text: str, start: int, end: int) -> bool:
    return re.search(rf"\b{_said()}\b", text[start:end]) is not None


def _after_honorific(text: str, end: int) -> bool:
    word = re.search(r"(\w+)\.$", text[max(0, end - 12) : end])
    return word is not None and word.group(1).lower() in tables.honorifics()


def _attribution(text: str, start: int, end: int, index: speakers.NameIndex) -> str | None:
    """The person a stretch of prose attributes speech to ("Tian said", "said Secretary Yellen",
    "according to Governor Bailey"), by the name the document introduces."""
    chunk = text[start:end]
    said = _said()
    # "Local media reports quoted Professor Annim as saying that …", "X was quoted as saying"
    quoted = re.search(
        rf"\bquoted (?:(?:the|{_titles()}|{_honorific()}) ){{0,3}}(?P<name>{_NAME}) as saying\b"
        rf"|(?P<name2>{_NAME}) (?:was|is|has been) quoted as saying\b",
        chunk,
    )
    if quoted is not None:
        who = _named_speaker(quoted.group("name") or quoted.group("name2"), index)
        if who is not None:
            return who
    before = re.compile(
        # (not the last word of an institution's name: "the Department of Education expects …")
        rf"(?<!\bof )(?P<name>{_NAME})(?: \([a-z][^()\n]{{0,20}}\))?(?:, [^.;“\"]{{3,200}}?,| for (?:the )?[A-Z][^.;“\"]{{3,200}}?"
        # "Mohammed Al-Tuwaijri, deputy minister of economy and planning told …": a title set off
        # by one comma only
        rf"|, (?:the )?(?:[a-z-]+ ){{0,3}}?{_titles()}(?: (?:of|for) [a-z][^.;,“\"]{{0,60}}?)?)?,?"
        # "Finance Minister Pedro Francke on Wednesday highlighted that …": the day of the saying between
        rf"(?: on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
        # "Finance Minister Felipe Larrain last year forecast …": a past saying's time between
        rf"| last (?:year|month|week)| earlier this (?:year|month|week))?"
        rf" (?:also |further )?(?:has |have |had )?{_said_or_stance()}\b"
    )
    pos, matched = 0, False
    # the leftmost capitalised words are not always the name: "the Saving on a Valuable Education, or
    # SAVE, plan, can save …, James Kvaal, the undersecretary of education, said" is Kvaal's
    while (m := before.search(chunk, pos)) is not None:
        # ("Papua New Guinea's Treasurer says": capitals ending in an office are the office, left to the holder rule)
        matched = matched or not speakers.is_office_word(m.group("name").split()[-1])
        who = _named_speaker(m.group("name"), index) or _named_by_office(m, index)
        if who is not None:
            return who
        pos = m.start("name") + len(m.group("name").split()[0]) + 1  # "Budget Minister Francois Baroin": drop a word
    # "…, said Tian", "According to Mudavadi, the Treasury will …" (a sentence may open with the verb)
    m = re.search(rf"\b(?:{said}|According to),? (?:(?:the|[A-Z]{{2,}}|{_titles()}|{_honorific()}) ){{0,3}}(?P<name>{_NAME})", chunk)
    who = _named_speaker(m.group("name"), index) if m else None
    if who is None and m:
        # "says Tertiary Education, Skills and Employment Minister Steven Joyce": a long title first
        titled = _TITLED_NAME.match(chunk, m.start("name"))
        who = _named_speaker(titled.group("name"), index) if titled else None
    if who is None and m and _after_honorific(chunk, m.start("name") - 1) and len(m.group("name").split()) == 1:
        # "According to Mr. Sagintayev": a person, by the full name the text gives, else as written
        who = index.full_name(m.group("name")) or m.group("name")
    if who is None:
        who = _named_after_saying(chunk, index)
    if m or who is not None:
        return who
    if matched:
        return None
    # "The RBI governor said …", "a spokesperson from the ministry said": the office's holder
    # ("Saudi Arabia’s deputy economy minister said": a country's office, as a news lead names it)
    held = re.search(rf"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[A-Z][a-z]+(?: [A-Z][a-z]+)?[’']s) (?:[A-Z]{{2,}} )?(?:senior |top )?(?:[a-z]+ ){{0,2}}?(?P<office>{_titles()})\b[^.;“\"]{{0,80}}? {said}\b", chunk) or re.search(
        rf"\b{said},? (?:the|a|an) (?:[a-z]+ )?(?P<office>{_titles()})\b", chunk
    )  # "…," said the cabinet secretary.
    if held is None:
        return None
    office = held.group("office").lower()
    return index.holder(office) or _introduced_with(office, index, text) or _named_next(index, text, start, end)


# where the words after a speech verb stop being its subject: a clause or a quotation begins
_SAYING_WINDOW_END = re.compile(r"[;“\"(]|\b(?:that|which|who|when|as|because|and|but)\b|(?<=[a-z]{3})\.(?:\s|$)")


def _named_by_office(m: re.Match[str], index: speakers.NameIndex) -> str | None:
    """A full name the recogniser missed, set off by an apposition holding an office before the speech verb
    ("Hang Chhuon Narong, secretary of state for the Ministry of Finance, said"; "Mugur Isărescu, appointed on
    Wednesday for the 7th term as Governor of the National Bank of Romania, said"): the office vouches that it
    is a person."""
    apposition = m.string[m.end("name") : m.end()]
    if not apposition.startswith(",") or not re.search(rf"\b{_titles()}\b", apposition):
        return None
    name = speakers.person_name(m.group("name"))
    if name is None or len(name.split()) < 2 or any(w.lower() in tables.org_words() for w in name.split()):
        return None
    if re.search(r"\b(?:in|into|to|from|of|at|on|across|throughout)\s+$", m.string[: m.start("name")]) or tables.is_country_name(name):
        return None  # "… imported into Sri Lanka, the minister emphasized": a place, not the speaker
    return index.known_name(name) if name in index.people else name


def _named_after_saying(chunk: str, index: speakers.NameIndex) -> str | None:
    """A person the document names, within the words right after a speech verb or "according to",
    behind an apposition the patterns above do not spell out ("…, said the bank’s president, Francisco
    de Paula Gutiérrez, Tuesday"; "according to Central Bank economist Eduardo Méndez")."""
    for verb in re.finditer(rf"\b(?:{_said()}|[Aa]ccording to)\b,?", chunk):
        window = " ".join(chunk[verb.end() : verb.end() + 100].split()[:8])  # an apposition is short
        stop = _SAYING_WINDOW_END.search(window)
        # "according to the budget, Ahram Online reported": a comma after anything but an office ends it
        comma = re.search(r"(\S+),", window)
        if comma and not speakers.is_office_word(comma.group(1)) and (stop is None or comma.start() < stop.start()):
            stop = comma
        window = window[: stop.start() if stop else len(window)]
        for run in re.finditer(_NAME, window):
            # the name stands in apposition to an office or a person noun ("the bank’s president, X",
            # "Central Bank economist X"), not anywhere in the clause ("a consortium of 125 Alaska Tribes")
            before = window[: run.start()].rstrip(" ,").split()
            if not before or not (speakers.is_office_word(before[-1]) or before[-1].lower() in tables.person_nouns()):
                continue
            words = run.group(0).split()
            for i in range(len(words) - 1):
                # a full name of two words or more, its surname tagged PERSON by the recogniser: this
                # reaches past words no pattern vouches for
                who = _named_speaker(" ".join(words[i:]), index)
                if who is not None and who in index.people and speakers.surname_of(who).lower() in index.confirmed:
                    return who
    return None


def _named_next(index: speakers.NameIndex, text: str, start: int, end: int) -> str | None:
    """A news lead's "…, the finance minister said on Thursday" (or "its finance minister said") whose
    office the text never gives a name: the person the next lines name first, as a reader takes it
    ("… Mustafa Mkulo predicted …"), if the text has named nobody before."""
    first = {name: text.find(name) for name in index.people if index.is_person(name) and name in text}
    if any(0 <= at < start for at in first.values()):
        return None
    after = sorted((at, name) for name, at in first.items() if end <= at < end + 400)
    return after[0][1] if after else None


def _introduced_with(office: str, index: speakers.NameIndex, text: str) -> str | None:
    """The one person the text introduces with the office just before the name ("minister in charge of
    the budget Fouzi Lekjaa said …", then "The minister also pointed to …")."""
    found = {
        name
        for name in index.people
        if index.is_person(name)
        and any(office in text[max(0, m.start() - 60) : m.start()].lower() for m in re.finditer(re.escape(name), text))
    }
    return found.pop() if len(found) == 1 else None


_TITLED_NAME = re.compile(r"(?:the )?(?:[A-Z][\w’'-]*,? (?:and |of |for )?){1,8}(?P<name>[A-Z][\w’'-]+)\b")


def _named_speaker(label: str, index: speakers.NameIndex) -> str | None:
    office, rest = speakers.split_label(label)
    if not rest:
        return index.holder(office.phrase) if office is not None else None
    words = rest.split()
    if words[0].lower() in ("the", "a", "an", "it", "he", "she", "they", "we", "i", "this", "that"):
        return None
    if words[0].endswith(("’s", "'s")) or speakers.is_office_word(words[-1]):
        return None  # "Russia’s Foreign Minister, Sergey Lavrov, said": the office, not the name
    if len(words) >= 2:
        name = speakers.person_name(rest)
        if name is None or not index.is_person(name):
            return None
        return index.known_name(name)
    full = index.full_name(words[-1])
    return full if full is not None and index.is_person(full) else None


_ARTICLE_LABEL = re.compile(
    r"(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}|A reporter asked|Reporter|Question):[ \t]"
)
_FIRST_PERSON = re.compile(r"\b(?:we|We|our|Our|us)\b")
# Reported speech keeps the reporting verb's past tense ("said Ethiopia was facing …; over 10 million
# people were …; wasting had surpassed …"); a sentence in the present or present perfect ("The
# Ministry has implemented …") is the narrator's own again.
_PAST = re.compile(r"\b(?:was|were|had|could|would|did|might|\w+ed)\b")
# ("May" with a capital mid-sentence is the month: "… from 3.9 percent recorded in May")
_PRESENT = re.compile(r"\b(?:[Ii]s|[Aa]re|[Aa]m|[Hh]as|[Hh]ave|[Ww]ill|[Ss]hall|[Dd]oes|[Dd]o|[Cc]an|may|[Mm]ust)\b")


# Across a paragraph break the past tense alone is no sign (a news report narrates in the past:
# "The number of 5G terminal connections exceeded 200 million"); reported speech shows its shift:
# a past perfect, a past progressive, a modal, or a past tense about now ("were currently active").
_SHIFTED = re.compile(
    r"\bhad\b|\b(?:was|were)\s+(?:\w+ly\s+)?\w+ing\b|\b(?:would|could|needed to)\b"
    r"|\b(?:was|were)\b.*\b(?:now|currently|today|still)\b|\b(?:now|currently|today|still)\b.*\b(?:was|were)\b"
)


# a source of its own that names no person ("…, statistics show.", "according to Stats NZ", "she said")
_OTHER_SOURCE = re.compile(r"(?i)\b(?:statistics|data|figures|surveys?|reports?) show(?:s|ed)?\b|\baccording to\b")
# an institution the text names, acting in the past tense, as the sentence's subject ("Last week, the
# Bank of Korea lowered its growth outlook …", "The state-run Korea Development Institute (KDI) also
# slashed …"): the narrator reporting that institution, not the official's reported speech running on
_INSTITUTION_ACTED = re.compile(
    r"(?:[A-Z][\w ’'-]{0,40},\s+)?[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}(?P<head>[A-Z][\w.&’'-]*)\s+"
    r"(?:(?:of|for|and|on)\s+(?:the\s+)?|[A-Z][\w.&’'-]*\s+){0,6}(?:\([A-Z]{2,}\)\s+)?"
    r"(?:also\s+|further\s+|then\s+|again\s+)?(?:(?:was|were|has been|had been)\s+)?(?:[a-z]+ed|cut|kept|held|left|set|raised|saw|made|gave|took|put|grew|fell|rose|forecast)\b"
)
# what an "official" adjective may qualify: "according to the latest official data" names no person
_SOURCE_NOUNS = r"(?:data|figures|statistics|numbers|estimates?|projections?|forecasts?|reports?|surveys?|records?)\b"


# "…, she said.": the person whose speech is being reported, named again by a pronoun
@cache
def _pronoun_said() -> re.Pattern[str]:
    """ "…, she said.", "He explained that …", "According to him, …": the person named last speaks."""
    return re.compile(
        rf"\b(?:(?i:he|she)|{_description()}) (?:also |further )?{_said_or_stance()}\b|\b[Aa]ccording to (?:him|her|{_description()})\b(?!\s+{_SOURCE_NOUNS})"
        # a participle of saying whose subject is that person: "He expressed cautious optimism, stating
        # that …", "…,” he noted, estimating the deficit …", "While stating that inflation … fell …",
        # "he risked … by saying wage increases will be capped at 1 per cent"
        rf"|\b(?i:he|she)\b[^.;“”\"]{{0,120}}(?:,\s+|\bby\s+){_SAYING}\b|(?:^|(?<=\n)|(?<=[.!?”\"]\s))(?:While|After|Before)\s+{_SAYING}\b"
    )


_SAYING = r"(?:stating|noting|adding|saying|explaining|estimating|forecasting|projecting|predicting|expecting|stressing|emphasi[sz]ing|pointing out|warning)"


@cache
def _description() -> str:
    """'the central bank chief', 'the OCHA spokesperson', 'the top bureaucrat': a person named before."""
    nouns = "|".join(re.escape(n) for n in sorted(tables.person_nouns(), key=len, reverse=True))
    return rf"\b[Tt]he (?:[\w-]+ ){{0,3}}(?i:{nouns})"


@cache
def _pronoun_after() -> re.Pattern[str]:
    """ '"…," he added.', '"…," the central bank chief said.', '"…," said the top bureaucrat.'"""
    return re.compile(rf"[\s,]*(?:(?:he|she|{_description()}) (?:also )?{_said()}\b|{_said()},? {_description()}\b)")


@cache
def _pronoun_before() -> re.Pattern[str]:
    """ 'According to him: "…"', 'He said, "…"', 'He also projected that "…"', 'The Finance Minister said,
    "…"': a quotation introduced by a pronoun or a description of someone named before, right before it."""
    return re.compile(
        rf"(?:\b(?:(?i:he|she)|{_description()}) (?:also |further )?{_said()}(?: that)?|\b[Aa]ccording to (?:him|her))[,:]?\s*[“\"]?\Z"
    )


def _named_last(text: str, index: speakers.NameIndex, before: int) -> str | None:
    """The person whose name the text writes last before ``before``: whom a pronoun refers to when no
    saying has named a speaker yet ("Finance Minister AHM Mustafa Kamal expected that … ⏎ “We're keeping
    …,” he said."). The surname is looked for alone: every full writing of the name contains it."""
    best: tuple[int, str] | None = None
    for person in index.people:
        if not index.is_person(person):
            continue
        at = text.rfind(speakers.surname_of(person), 0, before)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, person)
    return best[1] if best else None


def _backshifted(sentence: str) -> bool:
    """A sentence that reads as continued reported speech: past tense, no quotation, no present."""
    return bool(_PAST.search(sentence)) and not _PRESENT.search(sentence) and not _QUOTE_RE.search(sentence)


def _is_heading(paragraph: str) -> bool:
    """A short line without closing punctuation is a headline or subhead: narration."""
    stripped = paragraph.strip()
    if stripped[:1] in _OPENING_QUOTES:
        return False  # a quotation (cut off before its end) is speech, not a heading
    return len(stripped) < 160 and "\n" not in stripped and not re.search(r"[.!?\"”:]$", stripped)


@dataclass
class ProseVoice:
    """What one paragraph of prose passes to the next: whose reported speech is running on ("X said
    … were …" ⏎ "Around 700,000 people were …") and whose quotation was left open at its end (a
    quotation over several paragraphs opens each one and closes only the last)."""

    reporting: str | None = None
    open_quote: str | None = None
    last_quoted: str | None = None  # the person quoted last: a paragraph that opens a quotation without
    # naming anyone is theirs, else the person the prose named last (a new speaker is always named),
    anonymous_quote: bool = False  # unless the quotation before it was nobody's we could name


def _paragraph_owners(
    doc: Document,
    para: Span,
    index: speakers.NameIndex,
    last_speaker: str | None,
    first_person: bool,
    voice: ProseVoice,
) -> list[tuple[int, int, str | None]]:
    """Who speaks in each part of a prose paragraph: quotes and reported speech go to the person the
    prose names; first-person sentences continue that person (in articles); the rest is narration.
    ``voice`` carries reported speech and open quotations from paragraph to paragraph (and is updated)."""
    text = doc.text
    body = text[para.start : para.end]
    if voice.open_quote is not None and not re.search(r"[“”\"]", body) and not _is_heading(body):
        # a statement read out ("X read the following statement: “…") whose paragraphs open no new
        # quotation mark and never close it: still X's
        return [(para.start, para.end, voice.open_quote)]
    ranges = _quotation_owners(doc, para, index, voice, last_speaker)
    quotes = bool(ranges)
    para_speaker = next((who for _, _, who in ranges if who), None)
    if _is_heading(text[para.start : para.end]):
        voice.reporting = None
        return [(para.start, para.end, None)]
    continues = False
    quoted = list(ranges)
    sentences = _sentences(text, para.start, para.end)
    # the person whose reported speech is running on, from the paragraph before when it opens shifted
    reporting = (
        voice.reporting
        if not quotes and sentences and _SHIFTED.search(text[sentences[0].start : sentences[0].end])
        else None
    )
    for sent in sentences:
        who = _attribution(text, sent.start, sent.end, index)
        unquoted = not any(a < sent.end and b > sent.start for a, b, _ in quoted)
        if who is None and reporting is None and unquoted and _pronoun_said().search(text, sent.start, sent.end):
            # "Meanwhile, he said the CPI …": the person named last (in a lead that named them in passing, "… sent
            # by Kostis Hatzidakis’s revelation … At the same time, he announces …", the name written last)
            who = para_speaker or last_speaker or _named_last(text, index, sent.start)
        who, reporting = _reported_speech(text, sent, who, reporting)
        if who is None and first_person and _FIRST_PERSON.search(text[sent.start : sent.end]):
            if para_speaker is not None:
                who = para_speaker  # reported speech continues in the first person
            elif last_speaker and not quotes:
                continues = True
        turn = _contrasted(text, sent) if who is not None else None
        for a, b in _outside(sent, quoted):
            if turn is not None and a < turn < b:
                # "… recorded a deficit of Rp 401.8 trillion, but Finance Minister … said …": the
                # clause before the contrast is the narrator's
                ranges.extend([(a, turn, None), (turn, b, who)])
            else:
                ranges.append((a, b, None if turn is not None and b <= turn else who))
        para_speaker = para_speaker or who
    voice.reporting = reporting
    if continues:
        return [(para.start, para.end, last_speaker)]  # a first-person paragraph continues the speaker
    return sorted(ranges)


def _quotation_owners(
    doc: Document, para: Span, index: speakers.NameIndex, voice: ProseVoice, named: str | None = None
) -> list[tuple[int, int, str | None]]:
    """(start, end, speaker) of every quotation in the paragraph; notes in ``voice`` whether the last
    one is left open (a quotation running on into the next paragraph)."""
    text = doc.text
    ranges: list[tuple[int, int, str | None]] = []
    quotes = list(_QUOTE_RE.finditer(text, para.start, para.end))
    open_quote, open_end = voice.open_quote, para.start  # a quotation left open, and where it stopped
    for q in quotes:
        who = (
            _attribution(text, q.end(), para.end, index)
            or _attribution(text, para.start, q.start(), index)
            or _introduced_quote(doc, q.start(), index)
        )
        if who is None:
            who = _label_before(text[para.start : q.start()], text, index)
        if who is None and (
            _pronoun_after().match(text, q.end(), para.end) or _pronoun_before().search(text, para.start, q.start())
        ):
            # '"…," he added.', 'According to him: "…"': the person the prose named last
            who = named or _named_last(text, index, q.start())
        if who is None and not text[open_end : q.start()].strip():
            who = open_quote  # the same quotation, carried on from the line or paragraph before
        if who is None and not text[para.start : q.start()].strip() and not voice.anonymous_quote:
            who = voice.last_quoted or named
        voice.last_quoted, voice.anonymous_quote = who, who is None
        ranges.append((q.start(), q.end(), who))
        closed = bool(re.search(r"[”\"]$", q.group(0)))
        open_quote, open_end = (None, para.start) if closed else (who, q.end())
    voice.open_quote = open_quote if quotes else None
    return ranges


_QUOTE_LABEL = re.compile(r"\s*\*{0,2}(?P<label>[^:\n“\"*]{3,160})\*{0,2}:\s*\*{0,2}\s*")
# a release's "*Statement from the President:* “…”", "Statement from Press Secretary Karine Jean-Pierre: “…”"
_STATEMENT_FROM = re.compile(r"(?i)^(?:statement|quote|remarks) (?:from|for|by) (?:the )?(?P<who>.+)$")


def _label_before(lead: str, text: str, index: speakers.NameIndex) -> str | None:
    """'Speaker Emerita Nancy Pelosi: “…”', 'Chair, …, Michigan Senator Gary Peters: “…”': a roundup's
    name-and-title label before a quotation; the person is the last name the label gives."""
    m = _QUOTE_LABEL.fullmatch(lead)
    if m is None:
        return None
    statement = _STATEMENT_FROM.match(m.group("label").strip())
    if statement is not None:
        office, rest = speakers.split_label(statement.group("who"))
        if office is not None and not rest:
            return index.holder(office.phrase)  # "from the Vice President": who holds the office here
    words = re.findall(r"[\w.’'-]+", m.group("label"))
    if len(words) < 2 or not all(w[:1].isupper() for w in words[-2:]):
        return None
    # the label's last two words are the name ("House Democratic Whip Katherine Clark"), unless the
    # document gives the person a longer one
    name = speakers.person_name(" ".join(words[-2:]))
    full = index.full_name(name.split()[-1]) if name is not None else None
    if full is None:
        return None
    # 'Key Figures: “…”' looks like a name to the capitals alone: a name whose words the text also
    # writes in lower case ('the key figures') is one only if the recogniser tagged it a person's
    if full.split()[-1].lower() in index.confirmed or not any(
        re.search(rf"\b{re.escape(w.lower())}\b", text) for w in full.split()
    ):
        return full
    return None


def _institution_acted(text: str, sent: Span) -> bool:
    """The sentence's subject is an institution ('the Bank of Korea lowered'), not an office holder
    ('the President proposed', who may be the one whose words are reported)."""
    m = _INSTITUTION_ACTED.match(text, sent.start, sent.end)
    return m is not None and not speakers.is_office_word(m.group("head"))


def _reported_speech(text: str, sent: Span, who: str | None, reporting: str | None) -> tuple[str | None, str | None]:
    """(speaker of the sentence, person whose reported speech runs on after it)."""
    if who is not None:
        return who, None if _QUOTE_RE.search(text, sent.start, sent.end) else who
    if (
        reporting is not None
        and (
            _pronoun_said().search(text, sent.start, sent.end)  # "…, she said."
            or (
                _backshifted(text[sent.start : sent.end])
                and not _OTHER_SOURCE.search(text, sent.start, sent.end)
                and not _institution_acted(text, sent)
            )
        )
    ):
        return reporting, reporting  # "X said Ethiopia was facing … Over 10 million people were …": still X
    return None, None  # the narrator's own voice (again): reported speech has ended


def _outside(span: Span, quoted: list[tuple[int, int, str | None]]) -> list[tuple[int, int]]:
    """The parts of a sentence outside its quotations (turns never overlap)."""
    pieces, pos = [], span.start
    for start, end, _ in sorted(quoted):
        if end <= pos or start >= span.end:
            continue
        if start > pos:
            pieces.append((pos, start))
        pos = max(pos, end)
    if pos < span.end:
        pieces.append((pos, span.end))
    return [(a, b) for a, b in pieces if b > a]


def _introduced_quote(doc: Document, quote_start: int, index: speakers.NameIndex) -> str | None:
    """A quotation that opens a line right after a line introducing its speaker ("SOUNDBITE
    (English) Jihad Azour, Director, IMF" or "Governor Bailey said:"), or a paragraph after one that
    introduces someone's remarks ("This are the prepared remarks of UNICEF Executive Director
    Henrietta H. Fore – to whom quoted text may be attributed – …"), is that speaker's."""
    lead = quote_start
    while lead > 0 and doc.text[lead - 1] in '“"':
        lead -= 1
    if lead > 0 and doc.text[lead - 1] != "\n":
        return None
    intro = _intro_line(doc.text, lead)
    remarks = _REMARKS_OF.search(intro)
    if not intro or len(intro) > (400 if remarks else 200):
        return None
    if intro.endswith((".", "!", "?", "”", '"')) and not remarks:
        return None
    if remarks:  # the remarks are those of whoever the phrase names, not of a dateline's city before it
        intro = intro[remarks.end() :]
    for m in re.finditer(rf"{_NAME}", intro):
        office, rest = speakers.split_label(m.group(0))
        name = speakers.person_name(rest) if rest else None
        if name is not None:
            return index.known_name(name)
        if office is not None and rest and len(rest.split()) == 1 and (full := index.full_name(rest)) is not None:
            return full  # "Minister Varadkar said:" of "Leo Varadkar"
    # "Soundbite (English) IMF European Department Director Alfred Kammer", "Henrietta H. Fore": titles
    # and initials run into the name, so look for the people the document names, the first one first
    words = set(re.findall(r"[\w’'-]+", intro))
    named = [(intro.find(person.split()[-1]), person) for person in index.people if set(person.split()) <= words]
    return min(named)[1] if named else None


def _intro_line(text: str, lead: int) -> str:
    """The line before a quotation that opens a line; when that line is a heading ("DECISION") or
    another quotation, the line that introduced the whole series, if it introduces someone's words
    ("Below are some quotes from … Governor Lesetja Kganyago …")."""
    before = text[:lead].rstrip()
    first = before[before.rfind("\n") + 1 :].strip()
    line = first
    for _ in range(40):  # a page of quotations under headings, not more
        if not line or not (line[:1] in _OPENING_QUOTES or _is_heading(line) and len(line) < 40):
            break
        before = before[: before.rfind("\n") + 1].rstrip() if "\n" in before else ""
        line = before[before.rfind("\n") + 1 :].strip()
    return line if line != first and (_REMARKS_OF.search(line) or _says_colon().search(line)) else first


@cache
def _says_colon() -> re.Pattern[str]:
    """ "Minister Varadkar said:" above a series of quoted paragraphs: each of them is that person's."""
    return re.compile(rf"\b{_said()}:\s*$")


# a line that introduces someone's words: "the following text of opening remarks by Governor …",
# "the prepared remarks of UNICEF Executive Director …", "Below are some quotes from …"
_REMARKS_OF = re.compile(
    r"(?i)\b(?:remarks|statement|text|speech|address|quotes|comments|excerpts)\b[^\n]{0,60}?\b(?:of|by|from)\b"
)


_SURNAME_LABEL = re.compile(r"(?P<name>[A-Z][A-Z’'-]{2,}):[ \t]")


def _surname_label(text: str, at: int, index: speakers.NameIndex) -> re.Match[str] | None:
    """An interview printed inside an article or a roundup labels its turns with the surname in
    capitals ('BRAINARD: We see inflation now at 3%', a CNBC transcript's 'MNUCHIN: …'): a label only
    when the document names that person (a dateline 'PUTRAJAYA:' names nobody)."""
    m = _SURNAME_LABEL.match(text, at)
    return m if m is not None and index.full_name(m.group("name")) is not None else None


def segment_prose(doc: Document, index: speakers.NameIndex, *, article: bool) -> list[SpeakerTurn]:
    """Turns of an article (or, with ``article=False``, a statement): narration and attributed speech."""
    text = doc.text
    owner: list[tuple[int, int, str | None]] = []
    last_speaker: str | None = None
    answering: str | None = None  # an article's Q&A-style "Name:" paragraph, until the next label
    voice = ProseVoice()
    for para in _prose_paragraphs(text, doc.body_start, len(text)):
        if doc.in_chrome(para.start):
            continue
        # a headline "Fin Min: Peru's economy to expand 13% …" is narration, not a labelled turn
        labelled = (
            _ARTICLE_LABEL.match(text, para.start) if article and not _is_heading(text[para.start : para.end]) else None
        )
        if labelled is None:
            labelled = _surname_label(text, para.start, index)
        if labelled is None and answering is not None and _continues_answer(doc, para, index):
            owner.append((para.start, para.end, answering))
            continue
        if labelled:
            name = labelled.group("name")
            if re.match(r"(?i)a reporter|reporter|journalist|question", name):
                owner.append((para.start, para.end, "__journalist__"))
                answering = None
                continue
            who = index.known_name(name)
            owner.append((para.start, para.end, who))
            last_speaker = answering = who
            continue
        credited = _credited(text, para)
        if credited is not None:
            who = index.known_name(credited)
            owner.append((para.start, para.end, who))
            last_speaker = who
            continue
        ranges = _paragraph_owners(doc, para, index, last_speaker, first_person=article, voice=voice)
        owner.extend(ranges)
        for _, _, speaker in ranges:
            if speaker:
                last_speaker = speaker
    return _merge(doc, owner)


# a soundbite credited after its words, as radio stations' pages print them ("… by 333,000 people.
# Risenga Maluleka, Statistician-General - StatsSA"; "employment.Risenga Maluleka, Statistician-General")
_CREDIT = re.compile(
    r"(?<=[.!?”\"])\s*(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,3}), (?P<title>[A-Z][^\n.!?]{2,80}?)\s*$"
)


def _credited(text: str, para: Span) -> str | None:
    """The person a paragraph credits at its end, when the credit names a title ('Statistician-
    General - StatsSA', 'Governor, Reserve Bank'), not just any capitalised words after a comma."""
    m = _CREDIT.search(text, para.start, para.end)
    if m is None or m.start("name") == para.start:
        return None
    title = m.group("title")
    if " - " not in title and not any(speakers.is_office_word(w) for w in re.split(r"[\s-]+", title)):
        return None
    return speakers.person_name(m.group("name"))


def _continues_answer(doc: Document, para: Span, index: speakers.NameIndex) -> bool:
    body = doc.text[para.start : para.end]
    return (
        not _is_heading(body) and not _QUOTE_RE.search(body) and not _attribution(doc.text, para.start, para.end, index)
    )


def _merge(doc: Document, owner: list[tuple[int, int, str | None]]) -> list[SpeakerTurn]:
    """Neighbours with the same speaker, in the same paragraph, make one turn."""
    turns: list[SpeakerTurn] = []
    for start, end, who in owner:
        role = "journalist" if who == "__journalist__" else "official" if who else "narrator"
        name = None if who == "__journalist__" else who
        if (
            turns
            and turns[-1].speaker == name
            and turns[-1].speaker_role == role
            and "\n\n" not in doc.text[turns[-1].end : start]
        ):
            prev = turns[-1]
            turns[-1] = SpeakerTurn(doc.doc_id, prev.turn_index, prev.start, end, name, role)
        else:
            turns.append(SpeakerTurn(doc.doc_id, len(turns), start, end, name, role))
    return turns


# --- entry point -------------------------------------------------------------------------------


def name_index(doc: Document, persons: tuple[str, ...] = ()) -> speakers.NameIndex:
    return speakers.build_index(doc.title, doc.text, persons)


def segment(doc: Document, persons: tuple[str, ...] = ()) -> list[SpeakerTurn]:
    """Speaker turns of a document, in text order, never overlapping chrome-only regions.
    ``persons``: PERSON entities of the title and header, when a recogniser ran.

    >>> from pipeline.records import Document
    >>> doc = Document("d", "Host A:\\n\\nWelcome.\\n\\nMs Briefer:\\n\\nGrowth was 5%.\\n", None, None, "transcript")
    >>> [(t.speaker, t.speaker_role) for t in segment(doc)]
    [('A', 'moderator'), ('Briefer', 'official')]
    """
    index = name_index(doc, persons)
    if doc.kind == "transcript":
        return segment_transcript(doc, index)
    if doc.kind == "article":
        return segment_prose(doc, index, article=True)
    turns = segment_prose(doc, index, article=False)
    who = _remarks_by(doc, index)
    if all(t.speaker_role == "narrator" for t in turns):
        # "Opening remarks by Angel Gurría" above a text in one voice: every figure is the speaker's,
        # and so is a "Statement from President X" written in the first person (GUIDELINES §9)
        statement = segment_statement(doc)
        return [replace(t, speaker=who, speaker_role="official") for t in statement] if who else statement
    if who:
        # remarks that quote or name someone else ("As Benjamin Franklin said …") are still the speaker's
        # own voice outside those quotations
        return [replace(t, speaker=who, speaker_role="official") if t.speaker_role == "narrator" else t for t in turns]
    return turns


_REMARKS_BY = re.compile(
    r"(?i)\b(?:remarks|speech|address|keynote)\s+(?:as prepared for delivery\s+)?(?:by|of)\s+"
    r"|\bstatement\s+(?:by|from|of)\s+"
)


def _remarks_by(doc: Document, index: speakers.NameIndex) -> str | None:
    """The person whose remarks the title or header says the text is ("Opening remarks by X"), or
    whose first-person statement it is ("Statement from President Joe Biden …  Since I took office")."""
    body = doc.text[max(doc.body_start, 0) :]
    # ("we released this morning" in a commissioner's statement to a committee is as first-person as "I";
    # a quotation's "we" is the person quoted, not the statement's voice)
    first_person = re.search(r"\b(?:I|I['’](?:ve|m|ll)|my|me|we|our|us)\b", _QUOTE_RE.sub("", body)) is not None
    header = f"{doc.title or ''}\n{doc.text[: min(len(doc.text), 400)]}"
    for m in _REMARKS_BY.finditer(header):
        if m.group(0).lower().startswith("statement") and not first_person:
            continue  # a statement in the third person ("The President today signed …") is the narrator's
        words = header[m.end() : m.end() + 80].split()
        titled = len(words)
        while words and (
            speakers.is_office_word(words[0])
            or words[0].lower().strip(".") in tables.honorifics()
            or re.fullmatch(r"[A-Z]{2,5}", words[0])
        ):
            words = words[1:]  # "by President", "by UN Secretary-General", "by Dr.", "by PS Mr" (an office's initials)
        words = words[_office_end(words, index) :]  # "by National Economic Council Director Lael Brainard"
        titled -= len(words)
        for name in index.people:
            if " ".join(words).startswith(name) and index.is_person(name):
                return name
        if titled and words and re.fullmatch(r"[A-Z][^\W\d_]+(?:[-’'][A-Z]?[^\W\d_]+)*", words[0].strip(".,;:()")):
            # "Remarks by DG Azevêdo": a surname after a title, in full where the text gives it
            surname = words[0].strip(".,;:()")
            return index.full_name(surname) or surname
    # "Governor's Quarterly Press Briefing  Derick Latibeaudiere  Governor  Ladies and Gentlemen: … I am
    # very pleased to report …": spoken words opened by a salutation, in the first person, under the one
    # person the header names
    named = [n for n in index.people if n in header and index.is_person(n)]
    if first_person and len(named) == 1 and _SALUTATION.search(body[:800]):
        return named[0]
    return None


def _office_end(words: list[str], index: speakers.NameIndex, reach: int = 5) -> int:
    """After an office's first word, the position past the rest of a capitalised office phrase whose
    last word is an office word ("Economic Council Director" → 3), else 0; a name the document gives
    ("Angel Gurría, OECD Secretary-General") or a comma ends the phrase."""
    end = 0
    for i, word in enumerate(words[:reach]):
        rest = " ".join(words[i:])
        if not word[:1].isupper() or any(rest.startswith(name) for name in index.people):
            break
        if speakers.is_office_word(word.strip(".,;:")) and i + 1 < len(words):
            end = i + 1
        if word.endswith(","):
            break
    return end


_SALUTATION = re.compile(
    r"\b(?:Ladies and [Gg]entlemen|Good (?:morning|afternoon|evening),? (?:everyone|all)|Dear (?:colleagues|friends)"
    # a witness's or a member's statement to a committee: "Madam Chair and Members of the Committee:",
    # "Mr. Chairman, thank you for this opportunity"
    r"|(?:Madam|Mr\.?) Chair(?:man|woman)?(?:,| and) (?:Ranking Member|[Mm]embers of the [Cc]ommittee|thank you))\b"
)


_SNIPPETS = 40  # sentences of reported speech whose names the recogniser checks, at most


def header_snippets(doc: Document) -> list[str]:
    """The texts whose PERSON entities name the people of a document: the title, the header, and
    (in articles and statements) the sentences that report speech."""
    head = doc.text[: max(doc.body_start, 0)] or doc.text[:800]
    out = [s for s in (doc.title or "", head[:1500]) if s]
    if doc.kind != "transcript":
        said = re.compile(rf"\b{_said()}\b")
        for sent in _sentences(doc.text, doc.body_start, len(doc.text)):
            if len(out) >= _SNIPPETS:
                break
            chunk = doc.text[sent.start : sent.end]
            if said.search(chunk):
                out.append(chunk[:400])
    return out
