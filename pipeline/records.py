"""Typed records that flow between the stages.

ingest → Document; segment → SpeakerTurn; annotate → Sentence; extract → QuantityMention;
normalise → NormalisedQuantity; assemble → Claim. Each stage takes the records of the stages
before it and returns new ones; none reaches back into an earlier stage.
All offsets are character offsets into ``Document.text``; ``end`` is exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A region of the document text."""

    start: int
    end: int


@dataclass(frozen=True)
class Participant:
    """A person named in a transcript's header (speakers and chair)."""

    name: str
    description: str
    is_chair: bool = False


@dataclass(frozen=True)
class Document:
    """A document with what ingest could learn about it.

    ``text`` is the normalised view every stage reads (``pipeline.layout``); offsets of the records
    below point into it, and ``raw_span`` maps them to the text as stored, for output.
    """

    doc_id: str
    text: str
    title: str | None
    date: dt.date | None
    kind: str
    source_url: str | None = None
    date_source: str | None = None  # "sidecar" or "header"; None when no date was found
    participants: tuple[Participant, ...] = ()
    chrome: tuple[Span, ...] = ()  # web chrome: never yields turns or claims
    body_start: int = 0  # first character after the header (participant lists, date line)
    view: Any = None  # pipeline.layout.TextView of the stored text; None when text is already raw
    country: str | None = None  # the publisher's country (data/publishers.tsv): currency, fiscal year

    @property
    def currency(self) -> str:
        """What a bare "$" or "cents" means in this document."""
        from pipeline import tables

        known = tables.countries().get(self.country or "")
        return known.currency if known is not None else "USD"

    @property
    def raw(self) -> str:
        """The text exactly as stored."""
        return self.view.raw if self.view is not None else self.text

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into ``raw`` of the view span ``[start, end)``."""
        return self.view.raw_span(start, end) if self.view is not None else (start, end)

    def in_chrome(self, pos: int) -> bool:
        """The view offset ``pos`` lies in web chrome (a breadcrumb, a caption…): never turns or claims."""
        return any(c.start <= pos < c.end for c in self.chrome)


@dataclass(frozen=True)
class SpeakerTurn:
    """One speaker's turn (or, in an article, one attributed quote or narration run)."""

    doc_id: str
    turn_index: int
    start: int
    end: int
    speaker: str | None
    speaker_role: str  # official | moderator | journalist | narrator


@dataclass(frozen=True)
class Sentence:
    """A sentence inside one turn, with the spaCy annotation when it was run."""

    start: int
    end: int
    turn_index: int
    paragraph_index: int
    doc: Any = None  # spacy.tokens.Doc of this sentence alone (None when not annotated)

    def entities(self) -> list[tuple[str, str, int, int]]:
        """Named entities as (label, text, start, end) in document offsets."""
        if self.doc is None:
            return []
        return [(e.label_, e.text, self.start + e.start_char, self.start + e.end_char) for e in self.doc.ents]


@dataclass(frozen=True)
class TableCell:
    """Where a value stands in a table of figures flattened into text (``pipeline.grid``)."""

    start: int
    end: int
    column: str  # the column's label as written ("Sep 2018")
    row: str  # the row's label ("All-items HICP")
    caption: str  # the table's title without its unit ("Euro area annual inflation and its components")
    unit: str | None  # canonical unit from the column or the caption; None when neither says
    flag: str | None  # the legend's meaning of a letter after the value ("estimate")


@dataclass(frozen=True)
class QuantityMention:
    """A number with its scale, currency and unit as found in the text (not yet normalised)."""

    start: int
    end: int
    text: str
    value: float
    value_high: float | None
    unit_surface: str | None  # the unit as written ("percentage points", "RMB", "kWh per kilo")
    unit: str  # canonical unit name (see pipeline.units)
    scale_applied: bool
    sentence_index: int
    source: str = "grammar"  # "grammar" or "quantulum3"
    number_start: int = -1  # where the numeral itself starts (inside the span)
    number_end: int = -1
    sign: int = 0  # -1 / +1 when a sign is written ("-0.30%", "+43,000"); the value of a minus is negative
    cell: TableCell | None = None  # the table cell the figure is, when it stands in a flattened table


@dataclass(frozen=True)
class Period:
    """A resolved time period."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class TimeExpression:
    """A time expression in the text and the period it resolves to."""

    start: int
    end: int
    text: str
    period: Period | None  # None when the expression names no period (vague, or an unknown start)
    role: str = "period"  # see pipeline.timex.ROLES
    rule: str = ""  # the id of the grammar row (data/time_rules.tsv) that found it


@dataclass(frozen=True)
class NormalisedQuantity:
    """A quantity mention with its normalised fields."""

    mention: QuantityMention
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    kind: str
    direction: str | None
    modality: str
    period: Period | None
    time_reason: str = "none"  # which attachment strategy gave the period, and from which expression
    list_position: int = 0  # place in a list of parallel figures ("15.1% and 32.4% … respectively")
    list_size: int = 1


@dataclass
class Claim:
    """One output row: the claim record of docs/claims-schema.md plus output-only fields."""

    doc_id: str
    start: int
    end: int
    text: str
    value: float
    value_high: float | None
    unit: str
    counted: str | None
    qualifier: str
    kind: str
    direction: str | None
    modality: str
    time_start: str | None
    time_end: str | None
    speaker: str | None
    speaker_role: str
    metric: str | None
    time_reason: str = "none"
    turn_index: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    entities: str = "[]"
    pipeline_version: str = ""

    def as_row(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class DocumentResult:
    """Everything extracted from one document, or the error that stopped it."""

    doc_id: str
    title: str | None = None
    date: str | None = None
    kind: str | None = None
    words: int = 0
    turns: list[SpeakerTurn] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    status: str = "ok"
    error: str | None = None
    warnings: list[str] = field(default_factory=list)  # parts of the document that were skipped, and why
