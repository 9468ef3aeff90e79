"""The formats researchers have briefings in, read into one text and what it says about itself.

``claims add`` takes plain text, Markdown with a YAML front matter (the White House corpus:
``title``, ``date``, ``source_url``) and saved HTML pages; each becomes the canonical ``.txt`` (the
text a reader sees, verbatim for Markdown after the front matter) and ``.json`` sidecar pair.

- Markdown: PyYAML reads the front matter; the body after the closing ``---`` is kept as it is, so the
  labels, wrapping and non-breaking spaces the layout view handles stay as published.
- HTML: trafilatura finds the main text of the page (not its menus, headers and footers) and its
  title, date and canonical address.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

# the suffixes ``claims add`` reads, and how
FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


class SourceError(ValueError):
    """A file whose format cannot be read; the message says why."""


@dataclass
class SourceText:
    """A briefing's text and the metadata its file states (None when it states none)."""

    text: str
    format: str
    title: str | None = None
    date: str | None = None  # ISO date
    source_url: str | None = None
    notes: list[str] = field(default_factory=list)  # what reading the format did


def format_of(path: Path) -> str | None:
    """'markdown' for ``briefing.md``; None for a suffix ``claims add`` does not read."""
    return FORMATS.get(path.suffix.lower())


def read_source(path: Path, text: str) -> SourceText:
    """The briefing in ``text`` (the decoded file at ``path``), by the file's format.

    >>> s = read_source(Path("b.md"), "---\\ntitle: Press Briefing\\ndate: '2023-03-01'\\n---\\nMS. X: Hi.\\n")
    >>> (s.title, s.date, s.text)
    ('Press Briefing', '2023-03-01', 'MS. X: Hi.\\n')
    """
    kind = format_of(path) or "text"
    if kind == "markdown":
        return _markdown(text)
    if kind == "html":
        return _html(text)
    return SourceText(text, "text")


def _iso(value: object) -> str | None:
    """A front-matter or page date as an ISO date; None when it is not a real date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
        if m:
            try:
                return dt.date.fromisoformat(m.group(1)).isoformat()
            except ValueError:
                return None
    return None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    # front matter titles keep the page's non-breaking spaces ("Karine\u00a0Jean-Pierre")
    text = re.sub(r"\s+", " ", str(value).replace("\u00a0", " ")).strip()
    return text or None


def _markdown(text: str) -> SourceText:
    import yaml

    m = _FRONT_MATTER.match(text)
    if m is None:
        return SourceText(text, "markdown")
    try:
        meta = yaml.safe_load(m.group("yaml")) or {}
    except yaml.YAMLError as err:
        raise SourceError(f"the YAML front matter cannot be read: {str(err).splitlines()[0]}") from None
    if not isinstance(meta, dict):
        raise SourceError("the front matter is not a set of `key: value` lines")
    body = text[m.end() :]
    return SourceText(
        body,
        "markdown",
        title=_clean(meta.get("title")),
        date=_iso(meta.get("date") or meta.get("published_time")),
        source_url=_clean(meta.get("source_url") or meta.get("url")),
        notes=["front matter read into the sidecar"],
    )


def _html(page: str) -> SourceText:
    import trafilatura

    found = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
    )
    body = getattr(found, "text", None) if found is not None else None
    if not body or not body.strip():
        raise SourceError("no main text found in the HTML page")
    # one paragraph per line from trafilatura; a blank line between paragraphs is the corpus layout
    text = "\n\n".join(line.strip() for line in body.splitlines() if line.strip()) + "\n"
    return SourceText(
        text,
        "html",
        title=_clean(getattr(found, "title", None)),
        date=_iso(getattr(found, "date", None)),
        source_url=_clean(getattr(found, "url", None)),
        notes=["main text extracted from HTML"],
    )


def source_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` (recursively) that ``claims add`` reads, in a stable order; a
    ``.json`` sidecar and hidden files are not briefings."""
    folder = Path(folder)
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and format_of(p) is not None
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
