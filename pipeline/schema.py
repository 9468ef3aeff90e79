"""The claim record: field names and closed vocabularies (see docs/claims-schema.md)."""

from __future__ import annotations

GOLD_FIELDS: tuple[str, ...] = (
    "doc_id",
    "start",
    "end",
    "text",
    "value",
    "value_high",
    "unit",
    "counted",
    "qualifier",
    "kind",
    "direction",
    "modality",
    "time_start",
    "time_end",
    "speaker",
    "speaker_role",
    "metric",
)
OUTPUT_ONLY_FIELDS: tuple[str, ...] = (
    "time_reason",
    "turn_index",
    "sentence_start",
    "sentence_end",
    "entities",
    "pipeline_version",
)
CLAIM_FIELDS: tuple[str, ...] = GOLD_FIELDS + OUTPUT_ONLY_FIELDS

QUALIFIERS = frozenset({"exact", "approx", "over", "under", "at_least", "at_most"})
KINDS = frozenset({"level", "change"})
DIRECTIONS = frozenset({"up", "down"})
MODALITIES = frozenset({"actual", "target"})
SPEAKER_ROLES = frozenset({"official", "moderator", "journalist", "narrator"})
DOCUMENT_KINDS = frozenset({"transcript", "article", "statement"})

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
