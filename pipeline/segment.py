"""Stage 2 — segment: speaker turns.

Transcripts: "Name:" lines open turns; people listed in the header are officials and the host
who opens the briefing is the moderator; labels naming a news outlet are journalists; a trailing
paragraph of an official's turn that asks something (and ends the turn before the next label) is
an unlabelled journalist question. Statements: one narrator voice. Articles: quotes and reported
speech go to the person the prose attributes them to ("…, Tian Yulong said."), the rest is
narration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline import tables
from pipeline.records import Document, Span, SpeakerTurn

_LABEL_TEXT = r"[A-Z][A-Za-z0-9'’&.,() -]{1,140}?"
LABEL_RE = re.compile(
    rf"^[ \t\xa0]*(?P<label>{_LABEL_TEXT}):[ \t\xa0]*(?:\n|$)|"
    r"^[ \t\xa0]*(?P<inline>[A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){0,5}):[ \t\xa0]+(?=\S)|"
    # mid-line labels, after a sentence or a timestamp: "… of 2019. Moderator Liu Fang: Good morning"
    r"(?:(?<=[.!?] )|(?<=\d:\d\d ))(?P<midline>[A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){0,3}):[ \t\xa0]+(?=[A-Z“\"])",
    re.MULTILINE,
)
PERSON_NAME = re.compile(r"^(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")
GENERIC_JOURNALIST = frozenset({"q", "question", "reporter", "journalist", "correspondent", "media"})
GENERIC_OFFICIAL = frozenset({"a", "answer", "spokesperson", "spokesman", "spokeswoman"})


def _role_word(label: str) -> tuple[str | None, str | None]:
    """('moderator', 'Liu Fang') for "Moderator Liu Fang"; ('official', None) for "TREASURER"."""
    words = label.split()
    if not words:
        return None, None
    role = tables.speaker_roles().get(words[0].lower().rstrip("."))
    if role is None:
        return None, None
    rest = " ".join(words[1:]) or None
    if rest is not None and not PERSON_NAME.match(rest):
        return None, None
    return role, rest


@dataclass(frozen=True)
class _Label:
    start: int  # start of the label line
    content_start: int  # first character after the label
    text: str


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


def _plausible_speaker(label: str, participants: set[str], seen: list[_Label]) -> bool:
    """An inline or mid-line label must name someone: a participant, a person, an outlet or a role."""
    return bool(
        label in participants
        or PERSON_NAME.match(label)
        or _outlet_name(label)
        or label.lower() in GENERIC_JOURNALIST | GENERIC_OFFICIAL
        or _role_word(label)[0]
        or (label.isupper() and len(label) > 1)
        or any(o.text == label for o in seen)
    )


def _labels(doc: Document) -> list[_Label]:
    participants = {p.name for p in doc.participants}
    out: list[_Label] = []
    for m in LABEL_RE.finditer(doc.text, doc.body_start):
        kind = "label" if m.group("label") else "inline" if m.group("inline") else "midline"
        label = (m.group(kind) or "").strip()
        if not label or label.lower() in tables.speaker_label_stopwords():
            continue
        if any(c.start <= m.start() < c.end for c in doc.chrome):
            continue
        if kind != "label" and not _plausible_speaker(label, participants, out):
            continue
        if len(label.split()) > 12:
            continue
        start = m.start(kind) if kind == "midline" else m.start()
        out.append(_Label(start, m.end(), label))
    return out


def paragraph_spans(text: str, start: int, end: int) -> list[Span]:
    """Paragraphs (separated by blank lines) of ``text[start:end]``, trimmed of surrounding space."""
    spans, pos = [], start
    for m in re.finditer(r"\n\s*\n", text[start:end]):
        para_end = start + m.start()
        if text[pos:para_end].strip():
            spans.append(_trim(text, pos, para_end))
        pos = start + m.end()
    if text[pos:end].strip():
        spans.append(_trim(text, pos, end))
    return spans


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _without_chrome(doc: Document, start: int, end: int) -> Span | None:
    """Shrink a region so it does not end in chrome (captions, credits after the last turn)."""
    for c in sorted(doc.chrome, key=lambda c: c.start):
        if start <= c.start < end and not doc.text[start : c.start].strip() == "":
            if not doc.text[c.start : end].replace(doc.text[c.start : c.end], "").strip() or _only_chrome(
                doc, c.start, end
            ):
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


def _role_of(label: str, doc: Document, moderator: str | None) -> tuple[str | None, str]:
    participants = {p.name for p in doc.participants}
    bare = re.sub(r"^(?:Mr|Ms|Mrs|Dr)\.?\s+", "", label)
    if bare == moderator:
        return bare, "moderator"
    if bare in participants:
        return bare, "official"
    role, name = _role_word(label)
    if role is not None:
        if name is None and role == "official" and label.isupper():
            return label, "official"  # "TREASURER:" names the speaker by office
        return name, role
    if label.lower() in GENERIC_JOURNALIST:
        return None, "journalist"
    outlet = _outlet_name(label)
    if outlet:
        return outlet, "journalist"
    if label.lower() in GENERIC_OFFICIAL:
        return None, "official"
    if PERSON_NAME.match(label) or label.isupper():
        return bare, "official"
    return re.sub(r"\s*\([^)]*\)\s*", " ", label).strip(), "journalist"


def _moderator(doc: Document, labels: list[_Label]) -> str | None:
    for p in doc.participants:
        if p.is_chair:
            return p.name
    if not labels or _role_word(labels[0].text)[0] is not None:
        return None
    first = re.sub(r"^(?:Mr|Ms|Mrs|Dr)\.?\s+", "", labels[0].text)
    # the host opens the briefing; a lone briefer who opens and answers is an official
    others = {re.sub(r"^(?:Mr|Ms|Mrs|Dr)\.?\s+", "", lab.text) for lab in labels} - {first}
    people = {p.name for p in doc.participants}
    if others & people or (first in people and len(people) > 1):
        return first
    return None


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


def segment_transcript(doc: Document) -> list[SpeakerTurn]:
    labels = _labels(doc)
    if not labels:
        # a page of a transcript with no label on it continues someone's answer: an official's voice
        return [SpeakerTurn(t.doc_id, t.turn_index, t.start, t.end, None, "official") for t in segment_statement(doc)]
    moderator = _moderator(doc, labels)
    turns: list[SpeakerTurn] = []

    def add(span: Span | None, speaker: str | None, role: str) -> None:
        if span is not None and span.end > span.start:
            turns.append(SpeakerTurn(doc.doc_id, len(turns), span.start, span.end, speaker, role))

    for i, label in enumerate(labels):
        end = labels[i + 1].start if i + 1 < len(labels) else len(doc.text)
        span = _without_chrome(doc, label.content_start, end)
        if span is None:
            continue
        speaker, role = _role_of(label.text, doc, moderator)
        if role in ("official", "moderator"):
            span, question = _split_unlabelled_question(doc, span)
            add(span, speaker, role)
            add(question, None, "journalist")
        else:
            add(span, speaker, role)
    return turns


def segment_statement(doc: Document) -> list[SpeakerTurn]:
    span = _without_chrome(doc, doc.body_start, len(doc.text))
    if span is None:
        return []
    return [SpeakerTurn(doc.doc_id, 0, span.start, span.end, None, "narrator")]


# --- articles ---------------------------------------------------------------------------------

_NAME = r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,2}"
_SAID = r"(?:said|says|added|noted|stressed|explained|told|pointed out|stated)"
_INTRO_RE = re.compile(r"\b(?P<name>[A-Z][a-z'’-]+ [A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?), (?:the )?[a-z][^,.;]{3,160}")
_QUOTE_RE = re.compile(r"[“\"](?P<body>[^“”\"]{20,}?)[”\"]")


def _person_names(text: str) -> dict[str, str]:
    """Full names introduced in the article ("Tian Yulong, chief engineer of …"), keyed by every
    form the prose may use later (full name, family name first or last)."""
    names: dict[str, str] = {}
    for m in _INTRO_RE.finditer(text):
        full = m.group("name")
        names[full] = full
        parts = full.split()
        names.setdefault(parts[0], full)
        names.setdefault(parts[-1], full)
    for m in re.finditer(rf"\b(?P<name>{_NAME}) {_SAID}\b|\b{_SAID} (?P<name2>{_NAME})\b", text):
        name = m.group("name") or m.group("name2")
        if name and len(name.split()) >= 2:
            names.setdefault(name, name)
    return names


def _resolve_name(candidate: str, names: dict[str, str]) -> str | None:
    words = candidate.split()
    for size in range(len(words), 0, -1):
        key = " ".join(words[-size:])
        if key in names:
            return names[key]
    return None


def _sentences(text: str, start: int, end: int) -> list[Span]:
    spans, pos = [], start
    for m in re.finditer(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", text[start:end]):
        spans.append(_trim(text, pos, start + m.start()))
        pos = start + m.end()
    spans.append(_trim(text, pos, end))
    return [s for s in spans if s.end > s.start]


def _attribution(text: str, start: int, end: int, names: dict[str, str]) -> str | None:
    """The person a stretch of prose attributes speech to ("Tian said", "said Tian Yulong")."""
    chunk = text[start:end]
    m = re.search(rf"(?P<name>{_NAME})(?:, [^.;“\"]{{3,200}}?,)? {_SAID}\b", chunk) or re.search(
        rf"\b{_SAID},? (?P<name>{_NAME})", chunk
    )
    if not m:
        return None
    return _resolve_name(m.group("name"), names)


# "Wang Wenbin: China has noted …", "A reporter asked: …" — Q&A written into an article
_ARTICLE_LABEL = re.compile(
    r"(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}|A reporter asked|Reporter|Question):[ \t]"
)
_FIRST_PERSON = re.compile(r"\b(?:we|We|our|Our|us)\b")


def _is_heading(paragraph: str) -> bool:
    """A short line without closing punctuation is a headline or subhead: narration."""
    stripped = paragraph.strip()
    return len(stripped) < 160 and "\n" not in stripped and not re.search(r"[.!?\"”:]$", stripped)


def segment_article(doc: Document) -> list[SpeakerTurn]:
    text = doc.text
    names = _person_names(text)
    owner: list[tuple[int, int, str | None]] = []
    last_speaker: str | None = None
    answering: str | None = None  # the speaker of a Q&A-style "Name:" paragraph, until the next label
    for para in paragraph_spans(text, doc.body_start, len(text)):
        if any(c.start <= para.start < c.end for c in doc.chrome):
            continue
        labelled = _ARTICLE_LABEL.match(text, para.start)
        if (
            labelled is None
            and answering is not None
            and not _is_heading(text[para.start : para.end])
            and not _QUOTE_RE.search(text, para.start, para.end)
            and not _attribution(text, para.start, para.end, names)
        ):
            owner.append((para.start, para.end, answering))
            continue
        if labelled:
            name = labelled.group("name")
            if re.match(r"(?i)a reporter|reporter|journalist|question", name):
                owner.append((para.start, para.end, "__journalist__"))
                answering = None
                continue
            who = _resolve_name(name, names) or (name if PERSON_NAME.match(name) else None)
            if who:
                owner.append((para.start, para.end, who))
                last_speaker = answering = who
                continue
        quotes = [m for m in _QUOTE_RE.finditer(text, para.start, para.end)]
        para_speaker: str | None = None
        ranges: list[tuple[int, int, str | None]] = []
        for q in quotes:
            who = _attribution(text, q.end(), para.end, names) or _attribution(text, para.start, q.start(), names)
            ranges.append((q.start(), q.end(), who))
            para_speaker = para_speaker or who
        if _is_heading(text[para.start : para.end]):
            owner.append((para.start, para.end, None))
            continue
        for sent in _sentences(text, para.start, para.end):
            if any(s <= sent.start < e for s, e, _ in ranges):
                continue
            outside = text[sent.start : sent.end]
            who = _attribution(text, sent.start, sent.end, names)
            if who is None and _FIRST_PERSON.search(outside):
                if para_speaker is not None:
                    who = para_speaker  # reported speech continues in the first person
                elif last_speaker and not quotes:
                    who = "__continue__"
            ranges.append((sent.start, sent.end, who))
            para_speaker = para_speaker or (who if who != "__continue__" else None)
        if any(w == "__continue__" for _, _, w in ranges):
            # a first-person paragraph continues the last attributed speaker as a whole
            ranges = [(para.start, para.end, last_speaker)]
        ranges.sort()
        owner.extend(ranges)
        for _, _, who in ranges:
            if who and who != "__continue__":
                last_speaker = who
    # merge neighbours with the same speaker into turns
    turns: list[SpeakerTurn] = []
    for start, end, who in owner:
        role = "journalist" if who == "__journalist__" else "official" if who else "narrator"
        who = None if who == "__journalist__" else who
        if turns and turns[-1].speaker == who and not text[turns[-1].end : start].count("\n\n"):
            prev = turns[-1]
            turns[-1] = SpeakerTurn(doc.doc_id, prev.turn_index, prev.start, end, who, role)
        else:
            turns.append(SpeakerTurn(doc.doc_id, len(turns), start, end, who, role))
    return turns


def segment(doc: Document) -> list[SpeakerTurn]:
    """Speaker turns of a document, in text order, never overlapping chrome-only regions.

    >>> from pipeline.records import Document
    >>> doc = Document("d", "Host A:\\n\\nWelcome.\\n\\nMs Briefer:\\n\\nGrowth was 5%.\\n", None, None, "transcript")
    >>> [(t.speaker, t.speaker_role) for t in segment(doc)]
    [('Host A', 'journalist'), ('Ms Briefer', 'official')]
    """
    if doc.kind == "transcript":
        return segment_transcript(doc)
    if doc.kind == "article":
        return segment_article(doc)
    return segment_statement(doc)
