"""The gold set is valid, and `claims gold check` catches what it says it catches."""

import copy
import json

import pytest

from pipeline.gold import check_gold, check_records, resolve_record, value_consistent

from .conftest import CORPUS, GOLD


def test_all_gold_is_valid():
    problems, count = check_gold(GOLD, CORPUS)
    assert problems == []
    assert count >= 700


def test_every_corpus_document_with_gold_has_a_text():
    for path in GOLD.glob("*.jsonl"):
        assert (CORPUS / f"{path.stem}.txt").exists()


@pytest.fixture()
def good():
    text = "Sales grew by 5.2% to RMB20.9 trillion in 2022."
    record = {
        "doc_id": "d",
        "start": 14,
        "end": 18,
        "text": "5.2%",
        "value": 5.2,
        "value_high": None,
        "unit": "percent",
        "counted": None,
        "qualifier": "exact",
        "kind": "change",
        "direction": "up",
        "modality": "actual",
        "time_start": "2022-01-01",
        "time_end": "2022-12-31",
        "speaker": None,
        "speaker_role": "narrator",
        "metric": "sales",
    }
    return text, record


def test_a_good_record_passes(good):
    text, record = good
    assert check_records("d", text, [record], "x") == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"start": 15}, "!= doc"),
        ({"value": 52.0}, "not consistent"),
        ({"unit": "percentage"}, "unit 'percentage'"),
        ({"qualifier": "more"}, "qualifier"),
        ({"direction": None}, "needs direction"),
        ({"kind": "level"}, "a level has no direction"),
        ({"time_start": "2023-01-01"}, "is after"),
        ({"time_end": None}, "both be set"),
        ({"time_start": "Jan 2022"}, "ISO dates"),
        ({"counted": "sale"}, "counted is only for unit count"),
        ({"speaker": "Tian Yulong"}, "narrator has no speaker"),
        ({"metric": ""}, "empty string"),
        ({"value": 2}, "must be floats"),
    ],
)
def test_check_catches(good, change, problem):
    text, record = good
    bad = {**copy.deepcopy(record), **change}
    problems = check_records("d", text, [bad], "x")
    assert any(problem in p for p in problems), problems


def test_overlapping_spans_are_reported(good):
    text, record = good
    other = {**record, "start": 15, "end": 18, "text": ".2%", "value": 0.2}
    assert any("overlap" in p for p in check_records("d", text, [record, other], "x"))


@pytest.mark.parametrize(
    ("span", "value", "ok"),
    [
        ("RMB20.9 trillion", 2.09e13, True),
        ("1.615 million", 1.615e5, False),
        ("one-third", 33.333333, True),
        ("million-kilowatt", 1e9, True),
        ("300 watt-hours per kilo", 300.0, True),
        ("first", 1.0, True),
    ],
)
def test_value_consistency(span, value, ok):
    assert value_consistent(span, value, None) is ok


def test_resolver_places_a_draft_by_its_context():
    text = "It rose 5% in May and 5% in June."
    record = resolve_record("d", text, {"text": "5%", "context": "5% in June"})
    assert (record["start"], record["end"]) == (22, 24)
    with pytest.raises(ValueError, match="not unique"):
        resolve_record("d", text, {"text": "5%", "context": "5% in"})
    # a labeller's whole number is written as the schema's float
    assert resolve_record("d", text, {"text": "5%", "context": "5% in June", "value": 5})["value"] == 5.0
    assert isinstance(resolve_record("d", text, {"text": "5%", "context": "5% in June", "value": 5})["value"], float)


def test_gold_files_have_exactly_the_schema_fields():
    from pipeline.schema import GOLD_FIELDS

    for path in GOLD.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert tuple(json.loads(line)) == GOLD_FIELDS
