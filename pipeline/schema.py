"""Every output field in one place: name, type, vocabulary, description.

Everything else derives from the ``Column`` rows below: the field tuples the stages and the gold
checker use, the Arrow schema of the Parquet files (``date32`` dates, dictionary-encoded
vocabularies, ``list<struct<label, text>>`` entities), the CSV headers, the row validator every run
applies before its tables are renamed into place, and the table in ``docs/output-schema.md``
(``python -m pipeline.schema > docs/output-schema.md``; a test keeps it current). The meaning of
each claim field is argued in ``docs/claims-schema.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

QUALIFIERS = frozenset({"exact", "approx", "over", "under", "at_least", "at_most"})
KINDS = frozenset({"level", "change"})
DIRECTIONS = frozenset({"up", "down"})
MODALITIES = frozenset({"actual", "target"})
SPEAKER_ROLES = frozenset({"official", "moderator", "journalist", "narrator"})
DOCUMENT_KINDS = frozenset({"transcript", "article", "statement"})
DOCUMENT_STATUSES = frozenset({"ok", "error"})

# Units with a fixed canonical name; any other unit must be a pint symbol (checked separately).
NAMED_UNITS = frozenset(
    {
        "percent",
        "percentage_point",
        "count",
        "times",
        "rank",
        "index_point",
        "other",
        "t",
        "kg",
        "W",
        "Wh",
        "m",
        "m2",
        "km",
        "bit/s",
        "byte",
        "year",
        "month",
        "day",
        "hour",
    }
)

# Column types: how a value is held in Parquet (CSV always holds text).
STRING, CATEGORY, INT, FLOAT, DATE, ENTITIES = "string", "category", "int", "float", "date", "entities"


@dataclass(frozen=True)
class Column:
    """One output field. ``vocabulary`` closes a ``category`` column; an open category (units,
    speakers) is still dictionary-encoded in Parquet because its values repeat."""

    name: str
    type: str
    description: str
    vocabulary: frozenset[str] | None = None
    required: bool = False  # never empty
    gold: bool = False  # also a field of the gold files


def _c(name: str, type_: str, description: str, vocabulary=None, *, required=False, gold=False) -> Column:
    return Column(name, type_, description, vocabulary, required, gold)


CLAIM_COLUMNS: tuple[Column, ...] = (
    _c("doc_id", STRING, "the document's file stem", required=True, gold=True),
    _c("start", INT, "character offset of the span in the text as stored", required=True, gold=True),
    _c("end", INT, "character offset after the span (exclusive)", required=True, gold=True),
    _c("text", STRING, "the span, exactly `text[start:end]`", required=True, gold=True),
    _c("value", FLOAT, "the number with its scale applied (`RMB20.9 trillion` → 2.09e13)", required=True, gold=True),
    _c("value_high", FLOAT, "upper bound of a range; empty otherwise", gold=True),
    _c("unit", CATEGORY, "canonical unit: ISO 4217 code, a named unit or a pint symbol", required=True, gold=True),
    _c("counted", STRING, "for `count`: the thing counted, singular lemma", gold=True),
    _c("qualifier", CATEGORY, "how the figure bounds the quantity", QUALIFIERS, required=True, gold=True),
    _c("kind", CATEGORY, "a stock, share or amount (`level`) or a movement (`change`)", KINDS, required=True, gold=True),
    _c("direction", CATEGORY, "for `change`: which way", DIRECTIONS, gold=True),
    _c("modality", CATEGORY, "a reported result or a plan, goal, forecast", MODALITIES, required=True, gold=True),
    _c("time_start", DATE, "first day of the period the figure is about", gold=True),
    _c("time_end", DATE, "last day of that period", gold=True),
    _c("speaker", CATEGORY, "the person who states it, as the document introduces them", gold=True),
    _c("speaker_role", CATEGORY, "who the speaker is in the briefing", SPEAKER_ROLES, required=True, gold=True),
    _c("metric", STRING, "short phrase naming what is measured", gold=True),
    _c("time_reason", STRING, "which attachment strategy and time expression gave the period", required=True),
    _c("turn_index", INT, "the speaker turn the claim stands in"),
    _c("sentence_start", INT, "offset of the claim's sentence in the text as stored"),
    _c("sentence_end", INT, "offset after the claim's sentence"),
    _c("entities", ENTITIES, "named entities of the sentence: JSON list of `[label, text]` in CSV", required=True),
    _c("pipeline_version", CATEGORY, "version of briefing-claims that wrote the row", required=True),
)

TURN_COLUMNS: tuple[Column, ...] = (
    _c("doc_id", STRING, "the document's file stem", required=True),
    _c("turn_index", INT, "position of the turn in the document, from 0", required=True),
    _c("start", INT, "offset where the turn starts", required=True),
    _c("end", INT, "offset after the turn", required=True),
    _c("speaker", CATEGORY, "the turn's speaker (empty when unknown)"),
    _c("speaker_role", CATEGORY, "who the speaker is in the briefing", SPEAKER_ROLES, required=True),
)

DOCUMENT_COLUMNS: tuple[Column, ...] = (
    _c("doc_id", STRING, "the document's file stem", required=True),
    _c("title", STRING, "title from the sidecar or the header"),
    _c("date", DATE, "date of the briefing or publication"),
    _c("kind", CATEGORY, "transcript, article or statement", DOCUMENT_KINDS),
    _c("words", INT, "words in the text", required=True),
    _c("turns", INT, "speaker turns found", required=True),
    _c("claims", INT, "claims extracted", required=True),
    _c("status", CATEGORY, "`ok`, or `error` when the document could not be processed", DOCUMENT_STATUSES, required=True),
    _c("error", STRING, "why the document failed (empty when ok)"),
    _c("warnings", STRING, "parts of the document that were skipped, and why"),
)

TABLES: dict[str, tuple[Column, ...]] = {"claims": CLAIM_COLUMNS, "turns": TURN_COLUMNS, "documents": DOCUMENT_COLUMNS}

GOLD_FIELDS: tuple[str, ...] = tuple(c.name for c in CLAIM_COLUMNS if c.gold)
OUTPUT_ONLY_FIELDS: tuple[str, ...] = tuple(c.name for c in CLAIM_COLUMNS if not c.gold)
CLAIM_FIELDS: tuple[str, ...] = tuple(c.name for c in CLAIM_COLUMNS)
TURN_FIELDS: tuple[str, ...] = tuple(c.name for c in TURN_COLUMNS)
DOCUMENT_FIELDS: tuple[str, ...] = tuple(c.name for c in DOCUMENT_COLUMNS)


# --- Arrow ----------------------------------------------------------------------------------------


def arrow_type(column: Column):
    import pyarrow as pa

    return {
        STRING: pa.string(),
        CATEGORY: pa.dictionary(pa.int32(), pa.string()),
        INT: pa.int64(),
        FLOAT: pa.float64(),
        DATE: pa.date32(),
        ENTITIES: pa.list_(pa.struct([("label", pa.string()), ("text", pa.string())])),
    }[column.type]


def arrow_schema(columns: tuple[Column, ...]):
    """The Parquet schema of a table, from its declared columns.

    >>> str(arrow_schema(CLAIM_COLUMNS).field("time_start").type)
    'date32[day]'
    """
    import pyarrow as pa

    return pa.schema([pa.field(c.name, arrow_type(c), nullable=not c.required) for c in columns])


def _entity_list(value):
    """The entities JSON of a row (``[[label, text], …]``) as Arrow's ``list<struct<label, text>>``."""
    if value is None or isinstance(value, list):
        return value
    return [{"label": label, "text": text} for label, text in json.loads(value)]


def arrow_table(columns: tuple[Column, ...], rows: list[dict]):
    """Rows (as the stages write them: ISO dates, entities JSON) as a typed Arrow table. A value of
    the wrong type raises (``pyarrow.ArrowInvalid``, ``TypeError`` or ``ValueError``)."""
    import pyarrow as pa

    arrays = []
    for c in columns:
        values = [r.get(c.name) for r in rows]
        values = [None if isinstance(v, str) and v == "" else v for v in values]
        if c.type == DATE:  # Arrow parses ISO dates itself, far faster than one Python call a value
            text = [v.isoformat() if isinstance(v, dt.date) else v for v in values]
            arrays.append(pa.array(text, pa.string()).cast(pa.date32()))
        elif c.type == ENTITIES:
            arrays.append(pa.array([_entity_list(v) for v in values], arrow_type(c)))
        else:
            arrays.append(pa.array(values, arrow_type(c)))
    return pa.Table.from_arrays(arrays, schema=arrow_schema(columns))


def validate_table(columns: tuple[Column, ...], table, table_name: str = "") -> list[str]:
    """Problems of a typed table against ``columns`` (types are already enforced by the conversion):
    empty required fields, values outside a vocabulary, NaN numbers, spans that end before they start."""
    import pyarrow.compute as pc

    where = f"{table_name} " if table_name else ""
    problems = []
    for c in columns:
        column = table.column(c.name)
        if c.required and column.null_count:
            problems.append(f"{where}{c.name}: {column.null_count} empty value(s)")
        if c.vocabulary is not None:
            unknown = sorted(set(pc.unique(column.cast("string")).drop_null().to_pylist()) - c.vocabulary)
            if unknown:
                problems.append(f"{where}{c.name}: {', '.join(map(repr, unknown[:3]))} not one of {', '.join(sorted(c.vocabulary))}")
        if c.type == FLOAT and pc.any(pc.is_nan(column)).as_py():
            problems.append(f"{where}{c.name}: NaN is not a number")
    names = set(table.column_names)
    if {"start", "end"} <= names and pc.any(pc.greater(table.column("start"), table.column("end"))).as_py():
        problems.append(f"{where}a row whose start is after its end")
    return problems


# --- validation -----------------------------------------------------------------------------------


def _problem(column: Column, value) -> str | None:
    if value is None or value == "":
        return "is empty" if column.required else None
    if column.type == INT and (isinstance(value, bool) or not isinstance(value, int)):
        return f"{value!r} is not an integer"
    if column.type == FLOAT and (isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value)):
        return f"{value!r} is not a number"
    if column.type in (STRING, CATEGORY) and not isinstance(value, str):
        return f"{value!r} is not text"
    if column.vocabulary is not None and value not in column.vocabulary:
        return f"{value!r} is not one of {', '.join(sorted(column.vocabulary))}"
    if column.type == DATE:
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return f"{value!r} is not an ISO date"
    if column.type == ENTITIES:
        try:
            pairs = json.loads(value) if isinstance(value, str) else value
            ok = isinstance(pairs, list) and all(isinstance(p, list) and len(p) == 2 for p in pairs)
        except ValueError:
            ok = False
        if not ok:
            return f"{value!r} is not a JSON list of [label, text] pairs"
    return None


def validate_rows(columns: tuple[Column, ...], rows: Iterable[dict], limit: int = 5, table: str = "") -> list[str]:
    """Problems of ``rows`` against ``columns`` (at most ``limit``).

    >>> validate_rows(TURN_COLUMNS, [{"doc_id": "a", "turn_index": 0, "start": 0, "end": 9, "speaker_role": "chef"}])
    ["row 0: speaker_role 'chef' is not one of journalist, moderator, narrator, official"]
    """
    where = f"{table} " if table else ""
    problems: list[str] = []
    for i, row in enumerate(rows):
        for column in columns:
            problem = _problem(column, row.get(column.name))
            if problem is not None:
                problems.append(f"{where}row {i}: {column.name} {problem}")
                if len(problems) >= limit:
                    return problems
        if "start" in row and "end" in row and isinstance(row["start"], int) and isinstance(row["end"], int):
            if row["start"] > row["end"]:
                problems.append(f"{where}row {i}: start {row['start']} is after end {row['end']}")
    return problems[:limit]


# --- documentation ----------------------------------------------------------------------------------


def _type_label(column: Column) -> str:
    parquet = {
        STRING: "string",
        CATEGORY: "dictionary<string>",
        INT: "int64",
        FLOAT: "float64",
        DATE: "date32",
        ENTITIES: "list<struct<label, text>>",
    }[column.type]
    return parquet + ("" if column.required else ", may be empty")


def markdown() -> str:
    """The schema tables of ``docs/output-schema.md``."""
    lines = [
        "# Output schema",
        "",
        "Generated from `pipeline/schema.py` by `python -m pipeline.schema`; do not edit by hand.",
        "CSV files hold the same columns as text (dates `YYYY-MM-DD`, `entities` as JSON).",
        "Parquet files carry the types below. `gold` marks the fields of the gold files.",
    ]
    for table, columns in TABLES.items():
        lines += ["", f"## `{table}`", "", "| field | Parquet type | values | gold | meaning |", "|---|---|---|---|---|"]
        for c in columns:
            values = ", ".join(f"`{v}`" for v in sorted(c.vocabulary)) if c.vocabulary else ""
            lines.append(f"| `{c.name}` | {_type_label(c)} | {values} | {'yes' if c.gold else ''} | {c.description} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
