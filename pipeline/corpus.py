"""Adding a briefing to a corpus (`claims add`): normalise, infer the sidecar, refuse duplicates."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest import find_chrome, first_line, header_date, looks_utf16, prose_kind
from pipeline.schema import DOCUMENT_KINDS
from pipeline.sources import SourceError, SourceText, read_source
from pipeline.write import atomic_write_text

# legacy encodings a briefing may come in, in order of preference when two read the bytes alike
_LEGACY = ("cp1252", "gb18030", "cp1250", "shift_jis", "big5", "euc_kr", "cp1251", "iso8859_15")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class AddError(ValueError):
    """A briefing that cannot be added; the message says why."""


class DuplicateText(AddError):
    """The same text is already in the corpus (under ``existing``)."""


@dataclass
class AddReport:
    doc_id: str
    text_path: Path
    sidecar_path: Path
    encoding: str
    sidecar: dict
    inferred: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    turns: int = 0  # speaker turns the segmenter finds
    speakers: int = 0  # distinct named speakers among them

    def describe(self) -> str:
        lines = [f"added {self.doc_id}", f"  text:    {self.text_path}", f"  sidecar: {self.sidecar_path}"]
        lines.append(
            f"  read as {self.encoding}" + (f"; normalised: {', '.join(self.changes)}" if self.changes else "")
        )
        for key in ("title", "date", "kind", "source_url"):
            how = " (inferred)" if key in self.inferred else ""
            lines.append(f"  {key}: {self.sidecar.get(key)!r}{how}")
        lines.append(f"  turns: {self.turns}, distinct speakers: {self.speakers}")
        if self.missing:
            lines.append(f"  missing: {', '.join(self.missing)} — edit {self.sidecar_path.name} to add them")
        return "\n".join(lines)


def decode_by_evidence(raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding): a byte-order mark, else UTF-8 when the bytes are valid UTF-8, else the one
    legacy encoding charset-normalizer finds clearly best. Refuses (``AddError``) rather than guess
    when two encodings read the bytes as different, equally plausible texts.

    >>> decode_by_evidence("China\u2019s exports".encode("cp1252"))
    ('China’s exports', 'cp1252')
    """
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as err:
            raise AddError(f"cannot decode the file as {encoding}: {err}") from None
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw.decode(name), name
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    readings: dict[str, tuple[float, str]] = {}  # text → (chaos, preferred encoding)
    for match in from_bytes(raw, cp_isolation=list(_LEGACY)):
        text, chaos = str(match), float(match.chaos)
        if chaos > 0.2:
            continue
        known = readings.get(text)
        rank = _LEGACY.index(match.encoding) if match.encoding in _LEGACY else len(_LEGACY)
        if known is None or (chaos, rank) < (known[0], _LEGACY.index(known[1]) if known[1] in _LEGACY else 99):
            readings[text] = (chaos, match.encoding)
    ranked = sorted(readings.items(), key=lambda item: item[1][0])
    if not ranked:
        raise AddError("cannot tell the file's encoding (not UTF-8, and no legacy encoding reads it cleanly)")
    if len(ranked) > 1 and ranked[1][1][0] - ranked[0][1][0] < 0.05:
        options = ", ".join(enc for _, (_, enc) in ranked[:3])
        raise AddError(
            f"cannot tell the file's encoding with confidence (it reads as {options}); "
            "convert it to UTF-8 or pass --encoding"
        )
    text, (_, name) = ranked[0]
    for preferred in _LEGACY:  # name it as the commonest encoding that reads the same text
        try:
            if raw.decode(preferred) == text:
                return text, preferred
        except UnicodeDecodeError:
            continue
    return text, name


def normalise_text(raw: bytes, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Decode by evidence and normalise to LF line ends without a BOM."""
    if not raw.strip():
        raise AddError("the file is empty")
    if encoding is None and not raw.startswith((b"\xff\xfe", b"\xfe\xff")) and looks_utf16(raw[:4096]):
        little = raw[1:4096:2].count(0) > raw[0:4096:2].count(0)
        raise AddError(
            "the file looks like UTF-16 without a byte-order mark; "
            f"pass --encoding {'utf-16-le' if little else 'utf-16-be'}"
        )
    text, encoding = decode_by_evidence(raw, encoding)
    if "\x00" in text:
        raise AddError("the file looks binary (NUL characters after decoding)")
    changes: list[str] = []
    if encoding not in ("utf-8",):
        changes.append(f"re-encoded from {encoding} to UTF-8")
    if text.startswith("\ufeff"):
        text = text[1:]
        changes.append("removed BOM")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append("CRLF/CR → LF")
    return text, encoding, changes


def slug(text: str, limit: int = 48) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or "briefing"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def classify(text: str, doc_id: str = "new") -> str:
    """The document kind as the segmenter sees it: a transcript when it finds speaker labels (two or
    more, or one that opens a monologue), else an article when it quotes people, else a statement.
    ``claims add`` and extraction then agree on which documents have turns."""
    from pipeline.ingest import document_from_bytes
    from pipeline.segment import find_labels, name_index

    doc = document_from_bytes(doc_id, text.encode("utf-8"), None, kind="transcript")
    labels = find_labels(doc, name_index(doc))
    opening = bool(labels) and not doc.text[doc.body_start : labels[0].start].strip(" \n\t\u00a0")
    if len(labels) >= 2 or opening:
        return "transcript"
    return prose_kind(text)


def turn_census(text: str, sidecar: dict, doc_id: str, model: str | None) -> tuple[int, int]:
    """(turns, distinct named speakers) the segmenter finds, as ``claims extract`` will."""
    from pipeline import speakers
    from pipeline.ingest import document_from_bytes
    from pipeline.segment import header_snippets, segment

    doc = document_from_bytes(doc_id, text.encode("utf-8"), json.dumps(sidecar).encode("utf-8"))
    persons: tuple[str, ...] = ()
    if model is not None:
        try:
            persons = speakers.person_entities(header_snippets(doc), model)
        except OSError:
            persons = ()  # the model is not installed: count with the header's names only
    turns = segment(doc, persons)
    return len(turns), len({t.speaker for t in turns if t.speaker})


@dataclass
class _Sidecar:
    """What the sidecar will say, and which values were inferred rather than given or stated."""

    values: dict
    inferred: list[str]


def _sidecar_of(source: SourceText, given: dict) -> _Sidecar:
    """Options given on the command line win over what the file states, which wins over what is
    inferred from the text (a header date, the first line as title, the segmenter's kind)."""
    values = {
        "title": given.get("title") or source.title,
        "date": given.get("date") or source.date,
        "kind": given.get("kind"),
        "source_url": given.get("source_url") or source.source_url,
    }
    inferred: list[str] = []
    if values["date"] is None:
        found = header_date(source.text)
        if found:
            values["date"] = found.isoformat()
            inferred.append("date")
    if values["title"] is None:
        values["title"] = first_line(source.text, find_chrome(source.text))
        if values["title"]:
            inferred.append("title")
    if values["kind"] is None:
        values["kind"] = classify(source.text)
        inferred.append("kind")
    return _Sidecar(values, inferred)


def _check_options(kind: str | None, date: str | None) -> None:
    if kind is not None and kind not in DOCUMENT_KINDS:
        raise AddError(f"--kind must be one of {sorted(DOCUMENT_KINDS)}")
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise AddError(f"--date must be a real ISO date (YYYY-MM-DD), got {date!r}") from None


# digests of corpus texts already read, by (path, size, mtime): adding a folder of n files reads
# each existing text once, not n times
_DIGESTS: dict[tuple[str, int, int], str] = {}


def _stored_digest(path: Path) -> str | None:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _DIGESTS:
        try:
            _DIGESTS[key] = _digest(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            return None
    return _DIGESTS[key]


def _refuse_duplicate(corpus: Path, text: str) -> None:
    digest = _digest(text)
    for existing in sorted(corpus.glob("*.txt")):
        if _stored_digest(existing) == digest:
            raise DuplicateText(f"the same text is already in the corpus as {existing.stem!r}")


def _free_id(corpus: Path, doc_id: str, inferred: bool) -> str:
    """``doc_id`` if unused; an inferred id that is taken gets a number ("…-2"), a given one is refused."""
    if not (corpus / f"{doc_id}.txt").exists():
        return doc_id
    if not inferred:
        raise AddError(f"a document with id {doc_id!r} is already in {corpus}; choose another --id")
    n = 2
    while (corpus / f"{doc_id}-{n}.txt").exists():
        n += 1
    return f"{doc_id}-{n}"


def add_document(
    file: Path,
    corpus: Path,
    *,
    doc_id: str | None = None,
    date: str | None = None,
    title: str | None = None,
    kind: str | None = None,
    source_url: str | None = None,
    encoding: str | None = None,
    model: str | None = None,
) -> AddReport:
    """Copy ``file`` (text, Markdown with front matter, or a saved HTML page) into ``corpus`` as
    ``<doc_id>.txt`` with a ``<doc_id>.json`` sidecar; count the turns and speakers it holds."""
    file, corpus = Path(file), Path(corpus)
    if not file.is_file():
        raise AddError(f"{file} is not a file")
    _check_options(kind, date)
    text, encoding, changes = normalise_text(file.read_bytes(), encoding)
    try:
        source = read_source(file, text)
    except SourceError as err:
        raise AddError(str(err)) from None
    if not source.text.strip():
        raise AddError("the file holds no text after its front matter")
    sidecar = _sidecar_of(source, {"title": title, "date": date, "kind": kind, "source_url": source_url})
    if doc_id is None:
        doc_id = f"{sidecar.values['date'] or 'undated'}-{slug(sidecar.values['title'] or file.stem)}"
        sidecar.inferred.append("doc_id")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", doc_id):
        raise AddError(f"doc_id {doc_id!r} must be letters, digits, '.', '_' or '-'")
    corpus.mkdir(parents=True, exist_ok=True)
    _refuse_duplicate(corpus, source.text)
    doc_id = _free_id(corpus, doc_id, "doc_id" in sidecar.inferred)
    text_path, sidecar_path = corpus / f"{doc_id}.txt", corpus / f"{doc_id}.json"
    missing = [k for k, v in sidecar.values.items() if not v]
    turns, speakers = turn_census(source.text, sidecar.values, doc_id, model)
    atomic_write_text(text_path, source.text)
    atomic_write_text(sidecar_path, json.dumps(sidecar.values, indent=2, ensure_ascii=False) + "\n")
    report = AddReport(doc_id, text_path, sidecar_path, encoding, sidecar.values, sidecar.inferred, missing, changes)
    report.changes.extend(source.notes)
    report.turns, report.speakers = turns, speakers
    return report
