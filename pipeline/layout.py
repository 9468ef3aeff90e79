"""The normalised view of a document: one text every stage reads, with a map back to the raw text.

Briefings come hard-wrapped at ~72 columns (a figure can be split: "7.9⏎million"), indented, with
non-breaking spaces after labels, CR line ends, invisible characters, Markdown markup ("**5-7
million**", "[headline](https://…)") and editorial strike-outs ("12 <s>thousand</s> \\[million\\]").
``TextView`` undoes all of that once:

- the lines of a hard-wrapped paragraph are joined with a space (a line broken after a hyphen is
  joined without one); paragraphs stay separated by exactly one blank line, other line breaks by
  one line break;
- every run of spaces, tabs and Unicode spaces becomes one space; lines lose their indentation;
- CR and CRLF become LF; zero-width characters, soft hyphens and the byte-order mark disappear;
- Markdown emphasis and link targets disappear (the link text stays), struck-out text disappears;
- digits of other scripts (Arabic-Indic, full-width) and their separators become ASCII digits, '.', ',' and '%';
  typographic hyphens and the minus sign become '-'.

No stage knows about any of this: they read ``view.text``, and every offset they produce is mapped
back with ``view.raw_span`` so that each output satisfies ``raw[start:end] == text``.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

_SPACE = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\f\v"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# one character for one character, so offsets still map: Arabic-Indic and Persian digits and their
# decimal and thousands separators ("٣٫٥", "١٬٢٣٤"), full-width digits, point and percent ("３．５％");
# the typographic hyphens and the minus sign a word processor puts in figures ("2022‑23" with a
# non-breaking hyphen in Canada's Fiscal Monitor, "−0.3%") read as the ASCII hyphen-minus
_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
    | {chr(0xFF10 + i): str(i) for i in range(10)}
    | {"\u066b": ".", "\u066c": ",", "\uff0e": ".", "\uff05": "%"}
    | {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-"}
)

# Inside a paragraph: what is dropped (markup, invisible characters, link targets, struck-out text)
# and what is folded (whitespace). Everything else is copied character for character.
_TOKENS = re.compile(
    r"(?P<drop><s>.*?</s>|</?u>|</?sup>|\]\((?:[^()\s]|\([^()\s]*\))*\)"
    r"|\[(?=[^\[\]\n]*(?:\n[^\[\]\n]*){0,4}\]\()"  # the "[" that opens a Markdown link
    r"|(?<![\w*])\*{1,3}(?=[^\s*])|(?<=[^\s*])\*{1,3}(?![\w*])"  # emphasis markers
    r"|\\[\[\]]"  # an editor's insertion, "12 <s>thousand</s> \[million\]", reads "12 million"
    r"|\\(?=[()*_])"  # other Markdown escapes keep their character
    rf"|[{_INVISIBLE}]+)"
    rf"|(?P<space>[{_SPACE}]+)"
    r"|(?P<newline>\n)",
    re.DOTALL,
)
_LINE_BREAKS = re.compile(r"\r\n?")
_BLANK = re.compile(rf"[{_SPACE}{_INVISIBLE}]*")
_WRAP_MAX_WIDTH = 130  # wider lines are unwrapped paragraphs, not a fixed-width layout
_WORD = re.compile(rf"[^{_SPACE}]*")


@dataclass(frozen=True)
class TextView:
    """A normalised text and, for each of its characters, the offset of the raw character it shows."""

    raw: str
    text: str
    offsets: array  # len(text) + 1 entries; the last is len(raw)

    def raw_offset(self, pos: int) -> int:
        """Raw offset of view position ``pos`` (a start, or ``len(text)``)."""
        return self.offsets[pos]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw ``[start, end)`` that view ``[start, end)`` shows: from the raw character of its first
        character to just after the raw character of its last.

        >>> v = view_of("Sales rose 7.9\\nmillion, or 5%.\\n")
        >>> s, e = v.raw_span(v.text.index("7.9"), v.text.index(",")); v.raw[s:e]
        '7.9\\nmillion'
        """
        if end <= start:
            at = self.offsets[start]
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1

    def view_offset(self, raw_pos: int) -> int:
        """The first view position showing a raw character at or after ``raw_pos``."""
        from bisect import bisect_left

        return bisect_left(self.offsets, raw_pos, 0, len(self.text))


def view_of(raw: str) -> TextView:
    """The normalised view of ``raw`` (see the module docstring).

    >>> view_of("MS. PSAKI:\\u00a0 Growth was **5.2\\n    percent**.\\r\\n").text
    'MS. PSAKI: Growth was 5.2 percent.'
    """
    lines = _lines(raw)
    width = _wrap_width([0 if _BLANK.fullmatch(text) else _prose_length(text) for _, text in lines])
    out: list[str] = []
    offsets = array("l")
    paragraph: list[tuple[int, str]] = []
    gap_start = 0
    for start, text in [*lines, (len(raw), "")]:
        if _BLANK.fullmatch(text):
            if paragraph:
                if out:
                    _separator(out, offsets, "\n\n", gap_start)
                _emit_paragraph(raw, paragraph, width, out, offsets)
                gap_start = paragraph[-1][0] + len(paragraph[-1][1])
                paragraph = []
            continue
        paragraph.append((start, text))
    offsets.append(len(raw))
    return TextView(raw, "".join(out), offsets)


def _lines(raw: str) -> list[tuple[int, str]]:
    """(raw start, text) of each line; CR and CRLF end lines like LF."""
    lines, pos = [], 0
    for m in re.finditer(r"\r\n?|\n", raw):
        lines.append((pos, raw[pos : m.start()]))
        pos = m.end()
    lines.append((pos, raw[pos:]))
    return lines


def _prose_length(line: str) -> int:
    """A line's length for measuring the wrap, or -1 for a line of table markup ("<td>373,000</td>",
    "| Alabama | 373,000 |"): a fact sheet's table says nothing of how its prose is wrapped."""
    stripped = line.strip()
    return -1 if stripped.startswith(("<", "|")) else len(line.rstrip())


def _wrap_width(lengths: list[int]) -> int | None:
    """The column the text is hard-wrapped at, or None when it is not wrapped: most lines that are
    followed by another line end within a few characters of one width, and that width is narrow."""
    body = [n for n, nxt in zip(lengths, lengths[1:], strict=False) if n > 0 and nxt > 0]
    if len(body) < 6:
        return None
    body.sort()
    width = body[int(0.9 * (len(body) - 1))]
    if width > _WRAP_MAX_WIDTH or width < 40:
        return None
    near = sum(1 for n in body if n >= width - 25)
    return width if near >= 0.6 * len(body) else None


_LABEL_LINE = re.compile(r"[A-Z][\w.'’ -]{1,50}(?:, [\w.&'’ -]{1,40})?:")


def _joins(line: str, following: str, width: int | None, emphasis_open: bool = False) -> str | None:
    """How a line break inside a paragraph reads: '' (a word broken after a hyphen), ' ' (a wrapped
    line) or None (a real line break)."""
    current = line.rstrip(_SPACE)
    nxt = following.lstrip(_SPACE)
    if not current or not nxt:
        return None
    if current.endswith("-") and len(current) > 1 and current[-2].isalnum() and nxt[0].isalnum():
        return "" if width is not None or nxt[0].isdigit() else None
    if emphasis_open:
        return " "  # inside a bold or underlined heading that goes on ("**… Relief for⏎Homeowners:**")
    if line.endswith("  ") and nxt[0].isupper():
        return None  # a Markdown hard break before a new sentence: a headline ends, a lead begins
    if _LABEL_LINE.fullmatch(current) or _LABEL_LINE.fullmatch(nxt):
        return None  # a speaker's name alone on its line ("Puneet Pancholy:") is never wrapped text
    if width is not None:
        first_word = _WORD.match(nxt)
        if len(current) + 1 + len(first_word.group(0) if first_word else "") > width - 4:
            return " "
    if (nxt[0].islower() or nxt[0] in "%$€£¥") and not current.endswith((":", ".", "!", "?")):
        return " "  # a sentence continued on the next line
    return None


def _separator(out: list[str], offsets: array, text: str, raw_at: int) -> None:
    out.append(text)
    offsets.extend([raw_at] * len(text))


def _emit_paragraph(raw: str, lines: list[tuple[int, str]], width: int | None, out: list[str], offsets: array) -> None:
    start = lines[0][0]
    end = lines[-1][0] + len(lines[-1][1])
    breaks = {}
    bold = underline = 0  # emphasis opened on an earlier line of the paragraph and not yet closed
    for (a, line), (_, following) in zip(lines, lines[1:], strict=False):
        bold += line.count("**")
        underline += line.count("<u>") - line.count("</u>")
        breaks[a + len(line)] = _joins(line, following, width, bold % 2 == 1 or underline > 0)
    chunk = raw[start:end]
    pending_space = False
    written = False
    pos = 0

    def copy(upto: int) -> None:
        nonlocal pending_space, written
        if upto <= pos:
            return
        piece = chunk[pos:upto].translate(_DIGITS)
        if pending_space and written:
            out.append(" ")
            offsets.append(start + pos - 1)
        pending_space = False
        out.append(piece)
        offsets.extend(range(start + pos, start + upto))
        written = True

    for m in _TOKENS.finditer(chunk):
        copy(m.start())
        pos = max(pos, m.start())
        if m.lastgroup == "space":
            pending_space = True
        elif m.lastgroup == "newline":
            how = breaks.get(start + m.start())
            if how == " ":
                pending_space = True
            elif how == "":
                pending_space = False  # "self-⏎developed", "1- ⏎1/2": no space at all
            elif how is None and written:
                out.append("\n")
                offsets.append(start + m.start())
                pending_space = False
                written = False
        pos = m.end()
    copy(len(chunk))
