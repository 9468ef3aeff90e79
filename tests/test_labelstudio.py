"""Label Studio round trip without a server: claims -> tasks -> (reviewer accepts) -> export -> gold."""

from __future__ import annotations

import copy
import csv
import json
import xml.etree.ElementTree as ET

import pytest

from pipeline import labelstudio as ls
from pipeline.schema import CLAIM_FIELDS, DIRECTIONS, GOLD_FIELDS, KINDS, MODALITIES, QUALIFIERS, SPEAKER_ROLES
from pipeline.score import load_predictions

from .conftest import CORPUS, GOLD

TEXT = (
    "Moderator: Good afternoon.\n"
    "Tian Yulong: In 2022, value added grew by 5.2% to RMB20.9 trillion, and we built about 2.3 million "
    "5G base stations. We aim for 5 to 6 percent next year.\n"
    "Reporter: Is it more than 3,000?\n"
)


def _claim(text: str, span: str, **fields) -> dict:
    start = text.index(span)
    record = {name: None for name in CLAIM_FIELDS}
    record.update(doc_id="synthetic", start=start, end=start + len(span), text=span)
    record.update(fields)
    return record


SYNTHETIC = [
    _claim(
        TEXT,
        "5.2%",
        value=5.2,
        unit="percent",
        qualifier="exact",
        kind="change",
        direction="up",
        modality="actual",
        time_start="2022-01-01",
        time_end="2022-12-31",
        speaker="Tian Yulong",
        speaker_role="official",
        metric="value added",
        time_reason="sentence",
        turn_index=1,
        sentence_start=27,
        sentence_end=96,
        entities='[["PERCENT", "5.2%"]]',
        pipeline_version="0.1.0",
    ),
    _claim(
        TEXT,
        "RMB20.9 trillion",
        value=2.09e13,
        unit="CNY",
        qualifier="exact",
        kind="level",
        modality="actual",
        time_start="2022-01-01",
        time_end="2022-12-31",
        speaker="Tian Yulong",
        speaker_role="official",
        metric="value added",
    ),
    _claim(
        TEXT,
        "2.3 million",
        value=2.3e6,
        unit="count",
        counted="base station",
        qualifier="approx",
        kind="level",
        modality="actual",
        speaker="Tian Yulong",
        speaker_role="official",
        metric="5G base stations",
    ),
    _claim(
        TEXT,
        "5 to 6 percent",
        value=5.0,
        value_high=6.0,
        unit="percent",
        qualifier="exact",
        kind="change",
        direction="up",
        modality="target",
        time_start="2023-01-01",
        time_end="2023-12-31",
        speaker="Tian Yulong",
        speaker_role="official",
        metric="growth",
    ),
    _claim(
        TEXT,
        "3,000",
        value=3000.0,
        unit="count",
        qualifier="over",
        kind="level",
        modality="actual",
        speaker_role="journalist",
        metric="stations",
    ),
]


def gold_of(records: list[dict]) -> list[dict]:
    return [{name: r[name] for name in GOLD_FIELDS} for r in sorted(records, key=lambda r: (r["start"], r["end"]))]


def accept(tasks: list[dict], when: str = "2026-01-01T10:00:00.000000Z") -> list[dict]:
    """What Label Studio exports after a reviewer accepted every prediction as it is (through JSON)."""
    out = copy.deepcopy(tasks)
    for n, task in enumerate(out, 1):
        task["id"] = n
        task["annotations"] = [
            {
                "id": n,
                "result": copy.deepcopy(task["predictions"][0]["result"]),
                "was_cancelled": False,
                "created_at": when,
                "updated_at": when,
            }
        ]
    return json.loads(json.dumps(out))


def gold_files() -> list:
    return sorted(GOLD.glob("*.jsonl"))


# --- the configuration --------------------------------------------------------------------------------


def test_config_parses_and_names_every_field():
    root = ET.fromstring(ls.labelling_config())
    assert root.tag == "View"
    text = root.find(".//Text")
    assert text is not None and text.get("name") == "text" and text.get("value") == "$text"
    labels = root.find(".//Labels")
    assert labels is not None and labels.get("name") == "claim" and labels.get("toName") == "text"
    assert [label.get("value") for label in labels] == ["claim"]
    controls = {el.get("name"): el for el in root.iter() if el.tag in ("TextArea", "Choices")}
    assert set(controls) == set(ls.CONTROL_NAMES)
    assert set(controls) | {"doc_id", "start", "end", "text"} == set(GOLD_FIELDS)
    for name, el in controls.items():
        assert el.get("perRegion") == "true", name
        assert el.get("toName") == "text", name
    names = [el.get("name") for el in root.iter() if el.get("name")]
    assert len(names) == len(set(names))


def test_config_choices_are_the_schema_vocabularies():
    root = ET.fromstring(ls.labelling_config())
    vocab = {
        "qualifier": QUALIFIERS,
        "kind": KINDS,
        "direction": DIRECTIONS,
        "modality": MODALITIES,
        "speaker_role": SPEAKER_ROLES,
    }
    choices = {el.get("name"): el for el in root.iter("Choices")}
    assert set(choices) == set(vocab)
    for name, el in choices.items():
        values = [c.get("value") for c in el.iter("Choice")]
        assert len(values) == len(set(values))
        assert set(values) == vocab[name], name
        assert el.get("choice") == "single"
    for name, values in ls.CHOICE_FIELDS:
        assert set(values) == vocab[name]


def test_every_exported_result_names_a_control_of_its_type():
    root = ET.fromstring(ls.labelling_config())
    tags = {el.get("name"): el.tag for el in root.iter() if el.get("name")}
    expected = {"labels": "Labels", "textarea": "TextArea", "choices": "Choices"}
    results = ls.export_tasks({"synthetic": SYNTHETIC}, {"synthetic": TEXT})[0]["predictions"][0]["result"]
    assert {r["from_name"] for r in results} == {"claim", *ls.CONTROL_NAMES}  # the synthetic claims use every field
    for r in results:
        assert tags[r["from_name"]] == expected[r["type"]]
        assert tags[r["to_name"]] == "Text"


# --- export -------------------------------------------------------------------------------------------


def test_export_task_shape():
    (task,) = ls.export_tasks({"synthetic": SYNTHETIC}, {"synthetic": TEXT})
    assert task["data"] == {"text": TEXT, "doc_id": "synthetic"}
    (prediction,) = task["predictions"]
    assert prediction["model_version"].startswith("briefing-claims ")
    regions = [r for r in prediction["result"] if r["type"] == "labels"]
    assert [r["value"]["text"] for r in regions] == [c["text"] for c in SYNTHETIC]
    assert all(r["value"]["labels"] == ["claim"] for r in regions)
    ids = [r["id"] for r in regions]
    assert len(set(ids)) == len(ids)
    by_id = {rid: [r for r in prediction["result"] if r["id"] == rid] for rid in ids}
    first = {r["from_name"]: r["value"] for r in by_id[ids[0]]}
    assert first["value"] == {"start": SYNTHETIC[0]["start"], "end": SYNTHETIC[0]["end"], "text": ["5.2"]}
    assert first["kind"]["choices"] == ["change"]
    assert "value_high" not in first and "counted" not in first  # nulls are omitted
    # stable ids: the same claims give the same tasks
    assert ls.export_tasks({"synthetic": SYNTHETIC}, {"synthetic": TEXT})[0] == task


def test_export_writes_floats_exactly():
    tricky = [0.1 + 0.2, 1 / 3, 2.09e13, 1e-7, 123456789.123456789, 66.66666666666667]
    claims = [{"start": 0, "end": 1, "text": "x", "value": v, "value_high": v * 3} for v in tricky]
    for n, claim in enumerate(claims):
        claim["start"], claim["end"], claim["text"] = n, n + 1, "x"
    result = ls.claim_results(claims, "x" * len(claims))
    texts = [r["value"]["text"][0] for r in result if r["from_name"] == "value"]
    assert [float(t) for t in texts] == tricky


def test_documents_without_claims_get_an_empty_prediction():
    tasks = ls.export_tasks({}, {"b": "nothing here", "a": "nor here"})
    assert [t["data"]["doc_id"] for t in tasks] == ["a", "b"]
    assert all(t["predictions"][0]["result"] == [] for t in tasks)


def test_export_refuses_claims_that_do_not_match_the_text():
    bad = dict(SYNTHETIC[0], start=SYNTHETIC[0]["start"] + 1, end=SYNTHETIC[0]["end"] + 1)
    with pytest.raises(ValueError, match="does not match"):
        ls.export_tasks({"synthetic": [bad]}, {"synthetic": TEXT})
    with pytest.raises(ValueError, match="without a text"):
        ls.export_tasks({"other": []}, {"synthetic": TEXT})


# --- round trips --------------------------------------------------------------------------------------


def test_round_trip_synthetic_document():
    back = ls.import_annotations(accept(ls.export_tasks({"synthetic": SYNTHETIC}, {"synthetic": TEXT})))
    assert back == {"synthetic": gold_of(SYNTHETIC)}
    for record in back["synthetic"]:
        assert list(record) == list(GOLD_FIELDS)
        assert isinstance(record["value"], float)
        assert record["value_high"] is None or isinstance(record["value_high"], float)
        assert isinstance(record["start"], int) and isinstance(record["end"], int)


def test_round_trip_pipeline_csv(tmp_path):
    """Claims as the pipeline writes them (CSV, empty cells for nulls) come back as the same gold fields."""
    path = tmp_path / "claims.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CLAIM_FIELDS)
        writer.writeheader()
        for claim in SYNTHETIC:
            writer.writerow({k: "" if v is None else repr(v) if isinstance(v, float) else v for k, v in claim.items()})
    pred = load_predictions(path)
    back = ls.import_annotations(accept(ls.export_tasks(pred, {"synthetic": TEXT})))
    assert back["synthetic"] == gold_of(SYNTHETIC)


def test_round_trip_every_gold_file_is_the_identity(tmp_path):
    files = gold_files()
    assert len(files) >= 50
    gold = {
        p.stem: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()] for p in files
    }
    texts = ls.read_texts(CORPUS, gold)
    back = ls.import_annotations(accept(ls.export_tasks(gold, texts)))
    assert set(back) == set(gold)
    for doc_id, records in gold.items():
        assert back[doc_id] == records, doc_id
        for a, b in zip(back[doc_id], records, strict=True):
            assert [type(v) for v in a.values()] == [type(v) for v in b.values()], (doc_id, a["start"])
    # and written out again, every file is byte-identical
    problems = ls.write_gold(back, tmp_path, texts=texts)
    assert problems == []
    for p in files:
        assert (tmp_path / p.name).read_bytes() == p.read_bytes(), p.name


# --- import: what counts as gold ----------------------------------------------------------------------


def _export():
    return accept(ls.export_tasks({"synthetic": SYNTHETIC}, {"synthetic": TEXT}))


def test_predictions_alone_are_not_gold():
    export = _export()
    export[0]["annotations"] = []
    assert ls.import_annotations(export) == {}
    export[0]["annotations"] = [{"id": 5, "result": export[0]["predictions"][0]["result"], "was_cancelled": True}]
    assert ls.import_annotations(export) == {}


def test_an_annotation_without_spans_is_an_empty_gold_file():
    export = _export()
    export[0]["annotations"][0]["result"] = []
    assert ls.import_annotations(export) == {"synthetic": []}


def test_the_latest_annotation_wins():
    export = _export()
    older = export[0]["annotations"][0]
    newer = copy.deepcopy(older)
    newer.update(id=2, updated_at="2026-02-01T09:00:00.000000Z")
    newer["result"] = [r for r in newer["result"] if r["id"] != newer["result"][0]["id"]]  # deleted one claim
    cancelled = copy.deepcopy(older)
    cancelled.update(id=3, updated_at="2026-03-01T09:00:00.000000Z", was_cancelled=True, result=[])
    export[0]["annotations"] = [newer, cancelled, older]
    assert ls.import_annotations(export)["synthetic"] == gold_of(SYNTHETIC)[1:]


def test_reviewer_edits_come_back():
    export = _export()
    result = export[0]["annotations"][0]["result"]
    rid = result[0]["id"]
    for r in result:
        if r["id"] == rid and r["from_name"] == "modality":
            r["value"]["choices"] = ["target"]
        if r["id"] == rid and r["from_name"] == "metric":
            r["value"]["text"] = ["  industrial value added "]
        if r["id"] == rid and r["from_name"] == "speaker":
            r["value"]["text"] = [""]
    # a span the pipeline missed, added in the UI with Label Studio's own id
    start = TEXT.index("5G")
    where = {"start": start, "end": start + 2}
    result += [
        {
            "id": "Xy7_kq",
            "from_name": "claim",
            "to_name": "text",
            "type": "labels",
            "value": {**where, "text": "5G", "labels": ["claim"]},
            "origin": "manual",
        },
        {
            "id": "Xy7_kq",
            "from_name": "value",
            "to_name": "text",
            "type": "textarea",
            "value": {**where, "text": ["1,000"]},
            "origin": "manual",
        },
    ]
    back = ls.import_annotations(export)["synthetic"]
    first = back[0]
    assert (first["modality"], first["metric"], first["speaker"]) == ("target", "industrial value added", None)
    added = next(r for r in back if r["text"] == "5G")
    assert added["value"] == 1000.0 and added["unit"] is None and added["kind"] is None
    assert [r["start"] for r in back] == sorted(r["start"] for r in back)


def test_a_broken_export_raises():
    export = _export()
    span = next(r for r in export[0]["annotations"][0]["result"] if r["type"] == "labels")
    span["value"]["start"] += 1
    span["value"]["end"] += 1
    with pytest.raises(ValueError, match="does not match the task text"):
        ls.import_annotations(export)

    export = _export()
    export[0]["data"]["text"] = "X" + TEXT  # the text changed under the offsets
    with pytest.raises(ValueError, match="does not match"):
        ls.import_annotations(export)

    export = _export()
    next(r for r in export[0]["annotations"][0]["result"] if r["from_name"] == "value")["value"]["text"] = ["5,2%"]
    with pytest.raises(ValueError, match="not a number"):
        ls.import_annotations(export)

    export = _export()
    export[0]["annotations"][0]["result"] = [r for r in export[0]["annotations"][0]["result"] if r["type"] != "labels"]
    with pytest.raises(ValueError, match="no labelled span"):
        ls.import_annotations(export)

    export = _export()
    export.append(copy.deepcopy(export[0]))
    with pytest.raises(ValueError, match="two tasks"):
        ls.import_annotations(export)

    with pytest.raises(ValueError, match="doc_id"):
        ls.import_annotations([{"data": {"text": TEXT}, "annotations": []}])


# --- writing gold -------------------------------------------------------------------------------------


def test_write_gold_refuses_to_overwrite_and_reports_problems(tmp_path):
    records = gold_of(SYNTHETIC)
    assert ls.write_gold({"synthetic": records}, tmp_path, texts={"synthetic": TEXT}) == []
    path = tmp_path / "synthetic.jsonl"
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == records

    bad = copy.deepcopy(records)
    bad[0]["qualifier"] = None
    with pytest.raises(FileExistsError):
        ls.write_gold({"synthetic": bad, "other": []}, tmp_path, texts={"synthetic": TEXT, "other": ""})
    assert not (tmp_path / "other.jsonl").exists()  # nothing written when one file would be overwritten
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == records

    problems = ls.write_gold({"synthetic": bad}, tmp_path, overwrite=True, texts={"synthetic": TEXT})
    assert len(problems) == 1 and "qualifier None" in problems[0]
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["qualifier"] is None
    assert not list(tmp_path.glob(".*.tmp"))


def test_command_line_round_trip(tmp_path):
    import pandas as pd
    from typer.testing import CliRunner

    from pipeline.cli import app

    runner = CliRunner()
    doc_ids = [p.stem for p in gold_files()[:2]]
    claims = tmp_path / "claims.csv"  # the gold records as if the pipeline had predicted them
    rows = [json.loads(line) for d in doc_ids for line in (GOLD / f"{d}.jsonl").read_text(encoding="utf-8").splitlines()]
    pd.DataFrame(rows).to_csv(claims, index=False)
    tasks = tmp_path / "tasks.json"
    result = runner.invoke(
        app, ["export", "label-studio", str(claims), "--to", str(tasks), "--corpus", str(CORPUS), "--docs", ",".join(doc_ids)]
    )
    assert result.exit_code == 0, result.output
    ET.fromstring(tasks.with_suffix(".config.xml").read_text(encoding="utf-8"))
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(accept(json.loads(tasks.read_text(encoding="utf-8")))), encoding="utf-8")
    out = tmp_path / "gold"
    imported = runner.invoke(app, ["import", "label-studio", str(exported), "--gold", str(out), "--corpus", str(CORPUS)])
    assert imported.exit_code == 0, imported.output
    for doc_id in doc_ids:
        assert (out / f"{doc_id}.jsonl").read_bytes() == (GOLD / f"{doc_id}.jsonl").read_bytes()
    again = runner.invoke(app, ["import", "label-studio", str(exported), "--gold", str(out), "--corpus", str(CORPUS)])
    assert again.exit_code == 1 and "overwrite" in again.output
