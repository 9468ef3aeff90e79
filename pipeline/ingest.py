"""Stage 1 — ingest: read a document and its sidecar into a ``Document``.

The text is decoded strictly as UTF-8 and never edited, so every offset points into the file.
Web chrome (breadcrumbs, "Read in Chinese", pagination, photo captions, translation credits) is
recognised here and recorded as spans that later stages skip. For transcripts, the header
(title, date line, participant lists) is recognised and the briefing date read from it when the
sidecar gives none.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
from pathlib import Path

from pipeline import tables
from pipeline.layout import view_of
from pipeline.records import Document, Participant, Span
from pipeline.schema import DOCUMENT_KINDS


class IngestError(ValueError):
    """A document that cannot be read; the message says why and what to do."""


MONTH_NAMES = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
    r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
# month-day-year ("Jan. 18, 2023") or day-month-year ("5 June 2025", "12 September 2024")
_FULL_DATE = (
    rf"(?:{MONTH_NAMES}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_NAMES},?\s+(?:19|20)\d{{2}})"
)
DATE_RE = re.compile(rf"\b({_FULL_DATE})\b")
DATE_LINE_RE = re.compile(rf"^\s*(?:Date:\s*)?(?:[A-Z][a-z]+day,?\s+)?({_FULL_DATE})\s*$", re.MULTILINE)
DATELINE_BAR_RE = re.compile(rf"^[^\n|]{{0,40}}\|[^\n]*?({MONTH_NAMES}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}})", re.MULTILINE)
# "Name Surname, minister of …" — a participant line in a transcript header
PARTICIPANT_RE = re.compile(
    r"^(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}),\s+(?P<desc>[^\n]{3,300})$",
    re.MULTILINE,
)
LABEL_LINE_RE = re.compile(r"^(?P<label>[A-Z][^\n:]{1,140}?):[ \t]*$", re.MULTILINE)


def parse_date(text: str) -> dt.date | None:
    """'Jan. 18, 2023' → 2023-01-18 (dateparser, English only, no relative dates).

    >>> parse_date("Jan. 18, 2023")
    datetime.date(2023, 1, 18)
    """
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first", "PARSERS": ["absolute-time"]},
    )
    return parsed.date() if parsed else None


_CONVERT_HINT = "convert it with `claims add`, which normalises encodings"


def decode(raw: bytes, name: str) -> str:
    """Strict UTF-8 decoding with an error that says where and what to do."""
    if not raw.strip():
        raise IngestError(f"{name}: the file is empty")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or looks_utf16(raw[:4096]):
        raise IngestError(f"{name}: looks like UTF-16 text, not UTF-8; {_CONVERT_HINT}")
    if b"\x00" in raw[:4096]:
        raise IngestError(f"{name}: looks binary (NUL bytes); expected UTF-8 text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise IngestError(
            f"{name}: not valid UTF-8 at byte {err.start} ({raw[err.start : err.start + 4]!r}); {_CONVERT_HINT}"
        ) from None


def looks_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII text is NUL."""
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd)


# what each sidecar field may hold; anything else is that document's error, never the batch's
_SIDECAR_TYPES = {"title": str, "date": str, "kind": str, "source_url": str}


def parse_sidecar(raw: bytes | None, name: str) -> dict:
    """The sidecar's fields, validated: ``title``, ``date`` (ISO), ``kind`` and ``source_url`` are
    strings or null; other keys are kept as they are. Raises ``IngestError`` saying what is wrong."""
    if raw is None:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        raise IngestError(f"{name}: unreadable sidecar ({reason})") from None
    if not isinstance(data, dict):
        raise IngestError(f"{name}: the sidecar must be a JSON object")
    for key, kind in _SIDECAR_TYPES.items():
        value = data.get(key)
        if value is not None and not isinstance(value, kind):
            raise IngestError(f"{name}: {key} must be a string or null, got {type(value).__name__} {value!r:.60}")
    if data.get("kind") is not None and data["kind"] not in DOCUMENT_KINDS:
        raise IngestError(f"{name}: kind {data['kind']!r} is not one of {sorted(DOCUMENT_KINDS)}")
    if data.get("date") is not None:
        try:
            dt.date.fromisoformat(data["date"])
        except ValueError:
            raise IngestError(f"{name}: date {data['date']!r} is not an ISO date (YYYY-MM-DD)") from None
    return data


def read_sidecar(path: Path) -> dict:
    return parse_sidecar(path.read_bytes() if path.exists() else None, path.name)


# an HTML tag left in Markdown ('<img src="…" width="500" height="281" />', over several lines):
# its attributes are markup, never figures
_HTML_TAG = re.compile(r"<[a-zA-Z][\w-]*(?:\s[^<>]*?)?/?>")


def find_chrome(text: str) -> tuple[Span, ...]:
    spans = [Span(m.start(), m.end()) for m in _HTML_TAG.finditer(text) if "=" in m.group(0)]
    for pattern in tables.chrome_patterns():
        for m in pattern.regex.finditer(text):
            if m.end() > m.start():
                spans.append(Span(m.start(), m.end()))
    return tuple(sorted(set(spans), key=lambda s: s.start))


def header_date(text: str) -> dt.date | None:
    """The briefing date from the header: 'Beijing | 3 p.m. Jan. 18, 2023', a date alone on a line,
    or the first full date in the opening lines."""
    head = text[:3000]
    for regex in (DATELINE_BAR_RE, DATE_LINE_RE, DATE_RE):
        m = regex.search(head)
        if m:
            date = parse_date(m.group(1))
            if date:
                return date
    return None


# a written question and its answer labelled by who asks and who answers: "Parliamentary Question by Mr Leon
# Perera:", "Parliamentary Reply by Deputy Prime Minister, and Minister for Finance, Mr Heng Swee Keat:",
# "Answer by Mr Lawrence Wong, Deputy Prime Minister and Minister for Finance, and Chairman of MAS:"
WRITTEN_QA_LABEL = re.compile(
    r"(?i)^(?:parliamentary |written |oral )?(?P<kind>question|reply|answer|response)s? (?:by|from) (?P<who>[A-Z].{2,160})$"
)


def reads_as_label_line(label: str, max_words: int = 6) -> bool:
    """A line ending in a colon is a speaker label when it is short or carries a parenthetical (an
    outlet with its affiliation); a longer one is a sentence that introduces what follows ("But let
    me just highlight:"), and headings ("Note:", "Subjects:") are not labels either.

    >>> reads_as_label_line("Xing Huina"), reads_as_label_line("But let me just — let me just highlight")
    (True, False)
    """
    label = label.strip()
    if not label or label.lower().strip(" .") in tables.speaker_label_stopwords():
        return False
    if "(" in label or WRITTEN_QA_LABEL.match(label):
        return True
    words = label.split()
    if "?" in label or (words[-1][:1].islower() and not _ends_with_role(label)):
        return False  # "Why? Because:", "… in the⏎United States, including:" end a sentence, not a name
    # a label names someone: most of its words are capitalised ("Reporter from Beijing Youth Daily"),
    # where a sentence's are not ("Here is what he said")
    return len(words) <= max_words and 2 * sum(w[:1].isupper() or w[:1].isdigit() for w in words) >= len(words)


def _ends_with_role(label: str) -> bool:
    """ "CCTV reporter", "Audience member": a label may end in a role's lower-case word."""
    lower = label.lower()
    return any(lower == o.phrase or lower.endswith(" " + o.phrase) for o in tables.offices())


def label_lines(text: str) -> list[re.Match[str]]:
    """Lines that hold a speaker label alone ("Xing Huina:", "CCTV reporter from China Central Radio
    and Television:"). Up to 12 words here, where the segmenter takes 6 unless the label names an
    outlet: a long outlet label must still end the header."""
    return [m for m in LABEL_LINE_RE.finditer(text) if reads_as_label_line(m.group("label"), max_words=12)]


def find_body_start(text: str) -> int:
    """Where the first speaker label line starts (the header ends there); 0 if there is none."""
    found = label_lines(text)
    return found[0].start() if found else 0


def find_participants(header: str) -> tuple[Participant, ...]:
    """People listed in a transcript header. The chair is the one marked 'Chairperson', else
    the one listed after the others (SCIO headers list speakers, a gap, then the host)."""
    seen: dict[str, Participant] = {}
    chair_section = re.search(r"(?im)^\s*Chair(?:person)?\s*:?\s*$", header)
    for m in PARTICIPANT_RE.finditer(header):
        name = m.group("name").strip()
        if name in seen:
            continue
        is_chair = bool(chair_section and m.start() > chair_section.start())
        seen[name] = Participant(name, m.group("desc").strip(), is_chair)
    return tuple(seen.values())


def read_bytes(path: Path) -> tuple[bytes, bytes | None]:
    """The bytes of ``<doc_id>.txt`` and of its sidecar (None when there is none), read once, so that
    what is hashed for the cache is exactly what is processed."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        sidecar = path.with_suffix(".json")
        side = sidecar.read_bytes() if sidecar.exists() else None
    except OSError as err:
        raise IngestError(f"{path.name}: cannot read ({err.strerror or err})") from None
    return raw, side


def read_document(path: Path, *, kind: str | None = None) -> Document:
    """Read ``<doc_id>.txt`` and its optional ``<doc_id>.json`` sidecar.

    Raises ``IngestError`` with a clear message for anything that cannot be read.
    """
    path = Path(path)
    raw, side = read_bytes(path)
    return document_from_bytes(path.stem, raw, side, kind=kind)


def document_from_bytes(doc_id: str, raw: bytes, sidecar: bytes | None, *, kind: str | None = None) -> Document:
    """A ``Document`` from the bytes of a text and of its sidecar."""
    view = view_of(decode(raw, f"{doc_id}.txt"))
    text = view.text
    side = parse_sidecar(sidecar, f"{doc_id}.json")
    kind = kind or side.get("kind") or guess_kind(text)
    if kind not in DOCUMENT_KINDS:
        raise IngestError(f"{doc_id}.txt: kind {kind!r} is not one of {sorted(DOCUMENT_KINDS)}")
    chrome = find_chrome(text)
    body_start = find_body_start(text) if kind == "transcript" else 0
    participants = find_participants(text[:body_start]) if body_start else ()
    date, date_source = None, None
    if side.get("date"):
        date, date_source = dt.date.fromisoformat(side["date"]), "sidecar"
    else:
        date = header_date(text)
        date_source = "header" if date else None
    title = side.get("title") or first_line(text, chrome)
    return Document(
        doc_id=doc_id,
        text=text,
        title=title,
        date=date,
        kind=kind,
        source_url=side.get("source_url"),
        date_source=date_source,
        participants=participants,
        chrome=chrome,
        body_start=body_start,
        view=view,
        country=document_country(kind, side.get("source_url"), title, text),
    )


def document_country(kind: str, source_url: str | None, title: str | None, text: str) -> str | None:
    """Whose currency and fiscal years a text uses: a news article's is the country its headline names
    ("Tanzania economic growth to rise steadily" on a South African site, Tempo's "Indonesia's budget
    deficit …" from a .co address), any other document's its publisher's."""
    return (kind == "article" and _country_named(title or "")) or publisher_country(source_url, title, text)


def publisher_country(source_url: str | None, title: str | None, text: str) -> str | None:
    """The publisher's country: from the source address, else from the title and opening lines.

    >>> publisher_country("https://ministers.treasury.gov.au/x", None, ""), publisher_country(None, "RBI policy", "")
    ('AU', 'IN')
    """
    for source in (source_url or "", f"{title or ''}\n{text[:1500]}"):
        for pattern, country in tables.publisher_patterns():
            if source and pattern.search(source):
                return country
        if source is source_url:
            by_domain = _country_code_domain(source_url)
            if by_domain:
                return by_domain
    return _country_named(title or "")


def _country_named(text: str) -> str | None:
    """The country a headline names first ("Zambia to miss inflation target" → ZM), by
    data/country_names.csv; not a place where something happened ("… Yellen in Bonn, Germany").

    >>> _country_named("Parliament passes 2023 supplementary budget (Loop PNG, 13 October 2023)")
    'PG'
    """
    found = [
        (m.start(), code)
        for pattern, code in tables.country_names()
        for m in pattern.finditer(text)
        if not text[: m.start()].endswith(", ")
    ]
    return min(found)[1] if found else None


def _country_code_domain(source_url: str | None) -> str | None:
    """The country whose code the address's domain ends in, when data/countries.csv knows it
    ("https://rbf.gov.fj/…" → FJ, "monitor.co.ug" → UG); ".com" and ".org" say nothing.

    >>> _country_code_domain("https://rbf.gov.fj:443/press-release"), _country_code_domain("https://brecorder.com/x")
    ('FJ', None)
    """
    host = urllib.parse.urlparse(source_url or "").hostname or ""
    code = host.rsplit(".", 1)[-1].upper()
    code = {"GB": "UK"}.get(code, code)
    return code if len(code) == 2 and code in tables.countries() else None


def first_line(text: str, chrome: tuple[Span, ...] = ()) -> str | None:
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if line.strip() and not any(c.start <= start and end <= c.end for c in chrome):
            return line.strip()[:300]
    return None


def guess_kind(text: str) -> str:
    """A document with speaker label lines is a transcript; otherwise ``prose_kind``."""
    return "transcript" if len(label_lines(text)) >= 2 else prose_kind(text)


_REPORTED = re.compile(
    r"[\"“][^\"”]{20,}[\"”],? (?:[A-Z][a-z]+ ){1,3}(?:said|says|added|noted)"  # "…," Name said
    r"|\b(?:said|says|told)\s+(?:[A-Z][a-z]+|the\s+[a-z]+\s+(?:minister|secretary|spokes\w+|governor|president))"
    r"|\b(?:[A-Z][a-z]+|[Hh]e|[Ss]he|[Tt]hey)\s+(?:said|says|told)\b(?<!\bI said)"
)


def prose_kind(text: str) -> str:
    """A text without turns that reports what people said ("…," Yellen said; "the minister told …")
    is an article; a text in one voice is a statement, even when that voice says "As I've long said".

    >>> prose_kind("As I've long said, we will continue."), prose_kind("Exports rose, Wang said on Monday.")
    ('statement', 'article')
    """
    return "article" if _REPORTED.search(text) else "statement"
