"""Adding a briefing to a corpus (`claims add`): normalise, infer the sidecar, refuse duplicates."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest import find_chrome, first_line, guess_kind, header_date
from pipeline.schema import DOCUMENT_KINDS
from pipeline.write import atomic_write_text

_ENCODINGS = ("utf-8", "utf-16", "gb18030", "cp1252")


class AddError(ValueError):
    """A briefing that cannot be added; the message says why."""


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

    def describe(self) -> str:
        lines = [f"added {self.doc_id}", f"  text:    {self.text_path}", f"  sidecar: {self.sidecar_path}"]
        lines.append(
            f"  read as {self.encoding}" + (f"; normalised: {', '.join(self.changes)}" if self.changes else "")
        )
        for key in ("title", "date", "kind", "source_url"):
            how = " (inferred)" if key in self.inferred else ""
            lines.append(f"  {key}: {self.sidecar.get(key)!r}{how}")
        if self.missing:
            lines.append(f"  missing: {', '.join(self.missing)} — edit {self.sidecar_path.name} to add them")
        return "\n".join(lines)


def normalise_text(raw: bytes) -> tuple[str, str, list[str]]:
    """Decode (UTF-8 first, then UTF-16 with BOM, GB18030, CP1252) and normalise to LF without BOM."""
    if not raw.strip():
        raise AddError("the file is empty")
    changes: list[str] = []
    text, encoding = None, None
    candidates = ("utf-16",) + _ENCODINGS if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else _ENCODINGS
    for name in candidates:
        try:
            text = raw.decode(name)
            encoding = name
            break
        except UnicodeDecodeError:
            continue
    if text is None or encoding is None:
        raise AddError("cannot decode the file as UTF-8, UTF-16, GB18030 or CP1252")
    if "\x00" in text:
        raise AddError("the file looks binary (NUL characters after decoding)")
    if encoding != "utf-8":
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


def add_document(
    file: Path,
    corpus: Path,
    *,
    doc_id: str | None = None,
    date: str | None = None,
    title: str | None = None,
    kind: str | None = None,
    source_url: str | None = None,
) -> AddReport:
    """Copy ``file`` into ``corpus`` as ``<doc_id>.txt`` with a ``<doc_id>.json`` sidecar."""
    file, corpus = Path(file), Path(corpus)
    if not file.is_file():
        raise AddError(f"{file} is not a file")
    if kind is not None and kind not in DOCUMENT_KINDS:
        raise AddError(f"--kind must be one of {sorted(DOCUMENT_KINDS)}")
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise AddError(f"--date must be an ISO date (YYYY-MM-DD), got {date!r}")
    text, encoding, changes = normalise_text(file.read_bytes())
    inferred: list[str] = []
    if date is None:
        found = header_date(text)
        if found:
            date = found.isoformat()
            inferred.append("date")
    if title is None:
        title = first_line(text, find_chrome(text))
        if title:
            inferred.append("title")
    if kind is None:
        kind = guess_kind(text)
        inferred.append("kind")
    if doc_id is None:
        doc_id = f"{date or 'undated'}-{slug(title or file.stem)}"
        inferred.append("doc_id")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", doc_id):
        raise AddError(f"doc_id {doc_id!r} must be letters, digits, '.', '_' or '-'")
    corpus.mkdir(parents=True, exist_ok=True)
    text_path, sidecar_path = corpus / f"{doc_id}.txt", corpus / f"{doc_id}.json"
    if text_path.exists():
        raise AddError(f"a document with id {doc_id!r} is already in {corpus}; choose another --id")
    digest = _digest(text)
    for existing in sorted(corpus.glob("*.txt")):
        try:
            same = _digest(existing.read_text(encoding="utf-8")) == digest
        except UnicodeDecodeError:
            continue
        if same:
            raise AddError(f"the same text is already in the corpus as {existing.stem!r}")
    sidecar = {"title": title, "date": date, "kind": kind, "source_url": source_url}
    missing = [k for k, v in sidecar.items() if not v]
    atomic_write_text(text_path, text)
    atomic_write_text(sidecar_path, json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n")
    return AddReport(doc_id, text_path, sidecar_path, encoding, sidecar, inferred, missing, changes)
