"""The declared schema: one source for the record, the Arrow types, the validator and the docs."""

import dataclasses
import datetime as dt
import json

import pyarrow as pa
import pytest

from pipeline import schema
from pipeline.records import Claim
from pipeline.schema import CLAIM_COLUMNS, TURN_COLUMNS, arrow_table, validate_rows

from .conftest import ROOT

ROW = {
    "doc_id": "d", "start": 3, "end": 7, "text": "5.2%", "value": 5.2, "value_high": None, "unit": "percent",
    "counted": None, "qualifier": "exact", "kind": "change", "direction": "up", "modality": "actual",
    "time_start": "2023-01-01", "time_end": "2023-12-31", "speaker": "Fu Linghui", "speaker_role": "official",
    "metric": "GDP", "time_reason": "own year", "turn_index": 0, "sentence_start": 0, "sentence_end": 20,
    "entities": json.dumps([["DATE", "2023"], ["ORG", "NBS"]]), "pipeline_version": "0.1.0",
}  # fmt: skip


def test_the_claim_record_has_exactly_the_declared_fields_in_order():
    assert tuple(f.name for f in dataclasses.fields(Claim)) == schema.CLAIM_FIELDS
    assert schema.GOLD_FIELDS[:4] == ("doc_id", "start", "end", "text") and "entities" not in schema.GOLD_FIELDS


def test_arrow_types_dates_dictionaries_and_entities():
    table = arrow_table(CLAIM_COLUMNS, [ROW])
    assert table.schema.field("time_start").type == pa.date32()
    assert pa.types.is_dictionary(table.schema.field("kind").type)
    assert pa.types.is_dictionary(table.schema.field("unit").type)
    assert table.schema.field("entities").type == pa.list_(pa.struct([("label", pa.string()), ("text", pa.string())]))
    row = table.to_pylist()[0]
    assert row["time_start"] == dt.date(2023, 1, 1)
    assert row["entities"] == [{"label": "DATE", "text": "2023"}, {"label": "ORG", "text": "NBS"}]
    assert not table.schema.field("start").nullable and table.schema.field("value_high").nullable


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"kind": "stock"}, "kind 'stock' is not one of change, level"),
        ({"time_start": "2023-13-01"}, "time_start '2023-13-01' is not an ISO date"),
        ({"start": "3"}, "start '3' is not an integer"),
        ({"value": float("nan")}, "value nan is not a number"),
        ({"speaker_role": None}, "speaker_role is empty"),
        ({"entities": "[[1]]"}, "entities '[[1]]' is not a JSON list"),
        ({"start": 9}, "start 9 is after end 7"),
    ],
)
def test_validator_names_the_field_and_the_problem(change, problem):
    assert validate_rows(CLAIM_COLUMNS, [ROW]) == []
    problems = validate_rows(CLAIM_COLUMNS, [{**ROW, **change}])
    assert len(problems) == 1 and problem in problems[0]


def test_a_document_whose_rows_break_the_schema_becomes_an_error_row_not_a_bad_table():
    from pipeline.records import DocumentResult
    from pipeline.run import result_to_payload

    bad = Claim(**{**ROW, "kind": "stock"})
    payload = result_to_payload(DocumentResult(doc_id="d", claims=[bad]), "key")
    assert payload["document"]["status"] == "error" and payload["claims"] == []
    assert "kind 'stock'" in payload["document"]["error"]
    assert validate_rows(schema.DOCUMENT_COLUMNS, [payload["document"]]) == []


def test_table_writer_refuses_rows_that_break_the_schema(tmp_path):
    from pipeline.write import InvalidOutput, TableWriter

    with pytest.raises(InvalidOutput, match="speaker_role"):
        with TableWriter(tmp_path, "turns") as table:
            table.write([{"doc_id": "a", "turn_index": 0, "start": 0, "end": 5, "speaker_role": "chef"}])
    assert not (tmp_path / "turns.csv").exists() and not list(tmp_path.glob(".turns*"))
    assert validate_rows(TURN_COLUMNS, [{"doc_id": "a", "turn_index": 0, "start": 0, "end": 5}])


def test_docs_table_is_generated_from_the_schema():
    assert (ROOT / "docs" / "output-schema.md").read_text(encoding="utf-8") == schema.markdown()
