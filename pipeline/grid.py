"""Tables of figures flattened into text: which column, row, unit and caption a figure belongs to.

Statistical releases carry tables that reach a plain-text corpus as one run of words and numbers —
a header of periods, then rows of a label and one value per column:

    Euro area annual inflation and its components, %
    Weight (‰) 2018 Sep 2017 Apr 2018 … Sep 2018 All-items HICP 1000.0 1.5 1.3 … 2.1e Energy 97.0 …

GUIDELINES §5 ("every cell of a table of figures is a claim; its period and unit come from the column
and the table") needs the cell's column and caption, which the sentence around a number does not
give. This module finds them from the shape alone: a header of at least three column labels that
are dates, followed by at least two rows whose number of values equals the number of columns. A
value's unit is its column's ("Weight (‰)"), else the caption's (", %"); a letter after a value
("2.1e") is looked up in the table's legend ("e = estimate").

Tables that keep their cells — HTML ``<tr><td>`` markup left in Markdown pages, pipe rows that
trafilatura writes for a saved HTML page — need no guessing: ``find_row_cells`` reads the first row as
the header, whatever its labels are ("Number of Medicare Enrollees Who Used the Drug in 2023").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pipeline import tables
from pipeline.records import TableCell

_VALUE = re.compile(
    # (at most 18 digits: a longer run is not a table value and would not fit a float exactly)
    r"(?<![\w.,])(?P<num>[-−]?\d{1,3}(?:,\d{3}){1,5}(?:\.\d{1,6})?|[-−]?\d{1,18}(?:\.\d{1,6})?)(?P<flag>[a-z])?(?![\w.,]|,\d)"
)
# a column label: a month and year, a quarter, or a year alone ("Sep 2017", "Aug.\n2022", "2018Q3", "2018")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_COLUMN = re.compile(
    r"(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<y>(?:19|20)\d{2})(?![\d.])"
    r"|(?P<qy>(?:19|20)\d{2}) ?Q(?P<q>[1-4])(?![\d.])|Q(?P<q2>[1-4]) (?P<qy2>(?:19|20)\d{2})(?![\d.])"
    r"|(?P<year>(?:19|20)\d{2})(?![\d.%]|\s*(?:percent|per cent))"
)
# a month without its year ("Apr. May June July Aug."), the year on a line of its own above the header
_BARE_MONTH = re.compile(r"(?<![\w.])(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?![\w])")
_YEAR_LINE = re.compile(r"^[ \t]*(?P<y>(?:19|20)\d{2})[ \t]*$", re.MULTILINE)
_LEGEND = re.compile(
    r"\b(?P<flag>[a-z])\s*(?:=|:)\s*(?P<meaning>[A-Za-z][A-Za-z ]{2,30}?)(?=\s+[a-z]\s*(?:=|:)|\s*$|[.;,\n])"
)
_CAPTION_UNIT = re.compile(
    r"(?:,|\bin)\s*(?P<unit>%|‰|per cent|percent)\s*$|\((?P<unit2>%|‰)\)\s*$"
    r"|\b(?P<unit3>percent(?:age)? changes?|per cent changes?)\b",
    re.IGNORECASE,
)
_MAX_LABEL = 80  # a row label longer than this is prose: the table has ended


_UNITS = {"%": "percent", "per cent": "percent", "percent": "percent", "‰": "‰"}


def _caption(text: str, header_start: int) -> tuple[str, str | None]:
    """The nearest of the three lines before the table that reads as its title, and its unit."""
    lines = [line.strip() for line in text[max(0, header_start - 600) : header_start].split("\n") if line.strip()]
    for line in reversed(lines[-3:]):
        m = _CAPTION_UNIT.search(line)
        if m and len(line) < 300:
            if m.group("unit3"):
                return line.strip(" ,()"), "percent"
            unit = (m.group("unit") or m.group("unit2")).lower()
            return line[: m.start()].strip(" ,"), _UNITS[unit]
    return "", None


def _order(m: re.Match[str]) -> tuple[str, int]:
    """(granularity, position in time) of a column label, to check that columns run in order."""
    if m.group("m"):
        return "month", int(m.group("y")) * 12 + _MONTHS.index(m.group("m").lower()[:3])
    if m.group("q") or m.group("q2"):
        return "quarter", int(m.group("qy") or m.group("qy2")) * 4 + int(m.group("q") or m.group("q2"))
    return "year", int(m.group("year"))


def _in_order(labels: list[re.Match[str]]) -> bool:
    """Columns of one granularity run forwards in time; the first column may be of another kind
    (Eurostat's "Weight (‰) 2018" before its months). A header read out of order (a flattened header
    cell that spans rows) is not trusted: no period is better than a wrong one."""
    kinds = [_order(m) for m in labels]
    body = kinds[1:] if kinds[0][0] != kinds[-1][0] else kinds
    return len({k for k, _ in body}) == 1 and all(a[1] < b[1] for a, b in zip(body, body[1:], strict=False))


def _runs(matches: Iterable[re.Match[str]], text: str) -> Iterator[list[re.Match[str]]]:
    """Consecutive matches separated only by white space, run by run."""
    run: list[re.Match[str]] = []
    for m in matches:
        if run and not text[run[-1].end() : m.start()].strip():
            run.append(m)
            continue
        if run:
            yield run
        run = [m]
    if run:
        yield run


def _headers(text: str) -> list[list[re.Match[str]]]:
    """Runs of ≥3 column labels separated only by white space, in time order."""
    return [run for run in _runs(_COLUMN.finditer(text), text) if len(run) >= 3 and _in_order(run)]


def _month_headers(text: str) -> list[tuple[list[re.Match[str]], str]]:
    """Runs of ≥3 month names without years, in calendar order, under a line holding only the year
    (BEA's "  2021 / Apr. May June July Aug."): the runs and that year."""
    out: list[tuple[list[re.Match[str]], str]] = []
    for run in _runs(_BARE_MONTH.finditer(text), text):
        if len(run) < 3:
            continue
        months = [_MONTHS.index(r.group("m").lower()) for r in run]
        line_start = text.rfind("\n", 0, run[0].start()) + 1
        above = list(_YEAR_LINE.finditer(text, max(0, line_start - 120), line_start))
        if all(a < b for a, b in zip(months, months[1:], strict=False)) and above:
            out.append((run, above[-1].group("y")))
    return out


def _rows(text: str, start: int, columns: int) -> list[tuple[str, list[re.Match[str]]]]:
    """(label, values) rows after the header: a short label, then exactly ``columns`` values."""
    rows: list[tuple[str, list[re.Match[str]]]] = []
    label_start = start
    # a number in brackets is part of a row label: "Chained (2012) dollars"
    values = (
        m
        for m in _VALUE.finditer(text, start)
        if not (text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")")
    )
    for run in _runs(values, text):
        label = " ".join(text[label_start : run[0].start()].split())
        if len(run) != columns or not re.search(r"[A-Za-z]", label) or len(label) > _MAX_LABEL or ". " in label:
            break  # the table has ended
        rows.append((label, run))
        label_start = run[-1].end()
    return rows


def find_cells(text: str) -> list[TableCell]:
    """Every value of every flattened table in ``text``, with its column, row, caption, unit and
    flag. The table may be one line or one cell per paragraph.

    >>> text = "Inflation, %\\n\\nWeight (‰) 2018 Sep 2017 Aug 2018 Sep 2018 All-items 1000.0 1.5 2.0 2.1e Energy 97.0 3.9 9.2 9.5e e = estimate\\n"
    >>> [(c.column, c.row, c.unit, c.flag) for c in find_cells(text)][2:4]
    [('Aug 2018', 'All-items', 'percent', None), ('Sep 2018', 'All-items', 'percent', 'estimate')]
    >>> find_cells(text)[0].unit
    '‰'
    """
    cells: list[TableCell] = []
    headers = [(labels, "") for labels in _headers(text)] + _month_headers(text)
    for labels, year in headers:
        rows = _rows(text, labels[-1].end(), len(labels))
        if len(rows) < 2:
            continue
        line_start = text.rfind("\n", 0, labels[0].start()) + 1
        caption, caption_unit = _caption(text, line_start)
        if caption_unit is None:  # a caption under the header ("Percent change from preceding month")
            below = text[labels[-1].end() :].lstrip(" \t.").split("\n", 2)
            line = below[1] if len(below) > 1 and not below[0].strip() else below[0]
            if (m := _CAPTION_UNIT.search(line)) and m.group("unit3"):
                caption, caption_unit = line.strip(), "percent"
        prefix = text[line_start : labels[0].start()]
        tail = text[rows[-1][1][-1].end() : rows[-1][1][-1].end() + 200]
        legend = {m.group("flag"): m.group("meaning").strip().lower() for m in _LEGEND.finditer(tail)}
        own = re.search(r"\((%|‰)\)", prefix)
        for row, values in rows:
            row = row.removeprefix(caption).strip() if caption else row
            for j, m in enumerate(values):
                unit = _UNITS[own.group(1)] if own and j == 0 else caption_unit
                cells.append(
                    TableCell(
                        m.start("num"),
                        m.end("num"),
                        " ".join(f"{labels[j].group(0)} {year}".split()),
                        row,
                        caption,
                        unit,
                        legend.get(m.group("flag") or ""),
                    )  # fmt: skip
                )
    return cells


# --- tables that keep their cells: HTML markup (Markdown pages) and pipe rows (saved HTML pages) ---

_HTML_TABLE = re.compile(r"<table\b[^>]*>(.*?)</table>", re.IGNORECASE | re.DOTALL)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"<t([dh])\b[^>]*>(.*?)</t\1>", re.IGNORECASE | re.DOTALL)
_PIPE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.MULTILINE)
_PIPE_RULE = re.compile(r"^[\s|:-]*-{3,}[\s|:-]*$")
_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}")
_BARE_VALUE = re.compile(r"[-−]?[\d,.]+")
_CELL_VALUE = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w,]|\.\d)")

Cell = tuple[str, int]  # a cell's text and where it starts in the document


def _html_tables(text: str) -> Iterator[list[list[Cell]]]:
    for table in _HTML_TABLE.finditer(text):
        rows = []
        for row in _HTML_ROW.finditer(text, table.start(1), table.end(1)):
            rows.append([(c.group(2), c.start(2)) for c in _HTML_CELL.finditer(text, row.start(1), row.end(1))])
        yield [r for r in rows if r]


def _pipe_tables(text: str) -> Iterator[list[list[Cell]]]:
    """Runs of "| a | b |" lines (a blank line between rows allowed: trafilatura writes one per paragraph)."""
    rows: list[list[Cell]] = []
    last_end = -1
    for m in _PIPE_ROW.finditer(text):
        if rows and text[last_end : m.start()].strip():
            yield rows
            rows = []
        last_end = m.end()
        if _PIPE_RULE.match(m.group(1)):
            continue
        cells, pos = [], m.start(1)
        for part in m.group(1).split("|"):
            cells.append((part, pos))
            pos += len(part) + 1
        rows.append(cells)
    if rows:
        yield rows


def _clean_cell(cell: str) -> str:
    return " ".join(re.sub(r"<[^>]+>|\*\*|\[|\]\([^)]*\)", " ", cell).split())


def _unit_of_column(label: str) -> str | None:
    m = re.search(r"\((%|‰|per cent|percent)\)", label, re.IGNORECASE)
    return _UNITS[m.group(1).lower()] if m else None


def find_row_cells(text: str) -> list[TableCell]:
    """Every value of every table whose rows keep their cells — HTML ``<tr><td>`` markup, or pipe rows
    ("| Eliquis | 3,928,000 | $231 |") — under the label of its column in the first row, the header.
    The first column is the row's label; a value alone in its cell takes the unit the header gives
    its column ("Savings (%)"); years are labels, not values.

    >>> text = "| Drug | Enrollees in 2023 | Price for 2026 |\\n| Eliquis | 3,928,000 | $231 |\\n| Jardiance | 1,883,000 | $197 |\\n"
    >>> [(c.column, c.row, text[c.start:c.end]) for c in find_row_cells(text)][:2]
    [('Enrollees in 2023', 'Eliquis', '3,928,000'), ('Price for 2026', 'Eliquis', '231')]
    """
    cells: list[TableCell] = []
    for rows in [*_html_tables(text), *_pipe_tables(text)]:
        if len(rows) < 2:
            continue
        header = [_clean_cell(c) for c, _ in rows[0]]
        if any(_BARE_VALUE.fullmatch(h) for h in header[1:]) or len(header) < 2:
            continue  # a first row of figures is not a header
        for row in rows[1:]:
            label = _clean_cell(row[0][0])
            for j, (cell, offset) in enumerate(row[1 : len(header)], start=1):
                bare = _BARE_VALUE.fullmatch(_clean_cell(cell)) is not None
                unit = _unit_of_column(header[j]) if bare else None
                # every value in the cell: "$290 (-56%)" is the saving and its share, both in the column
                for m in _CELL_VALUE.finditer(cell):
                    if not _YEAR_ONLY.fullmatch(m.group("num")):
                        start, end = offset + m.start("num"), offset + m.end("num")
                        cells.append(TableCell(start, end, header[j], label, "", unit, None))
    return cells


def is_forecast(flag: str | None) -> bool:
    """A legend meaning that marks a value as not yet observed ("estimate", "forecast", "projection")."""
    return flag is not None and any(word in flag for word in tables.forecast_flags())
