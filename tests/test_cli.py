"""End-to-end: `claims extract`, `claims add`, `claims evaluate`, `claims gold check` on temporary corpora."""

import json
import shutil

import pandas as pd
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.schema import CLAIM_FIELDS

from .conftest import CORPUS, GOLD

runner = CliRunner()


def small_corpus(tmp_path, *doc_ids):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for doc_id in doc_ids:
        shutil.copy(CORPUS / f"{doc_id}.txt", corpus)
        shutil.copy(CORPUS / f"{doc_id}.json", corpus)
    return corpus


def documented_claim_columns() -> list[str]:
    """The claim fields of docs/claims-schema.md's table, then the extra output columns the README lists."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    schema = (root / "docs" / "claims-schema.md").read_text(encoding="utf-8")
    table = schema[schema.index("| field | type | meaning |") :].split("\n\n")[0]
    fields = [name for row in table.splitlines()[2:] for name in re.findall(r"`(\w+)`", row.split("|")[1])]
    readme = (root / "README.md").read_text(encoding="utf-8")
    extras = re.search(r"`claims`: the fields of `docs/claims-schema.md`, plus (.*?)\.\n", readme, re.S)
    assert extras is not None, "README must list the extra claim columns"
    return fields + re.findall(r"`(\w+)`", extras.group(1))


def test_extract_writes_every_table_with_valid_offsets(tmp_path):
    corpus = small_corpus(tmp_path, "2022-02-28-scio-industry-icts", "2023-01-19-article-new-industrialization")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(corpus), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    claims = pd.read_csv(out / "claims.csv")
    # the columns are the schema the project documents, in its order, then the documented extras
    assert list(claims.columns) == documented_claim_columns()
    assert list(claims.columns) == list(CLAIM_FIELDS)
    assert len(claims) >= 55
    assert pd.read_parquet(out / "claims.parquet").shape == claims.shape
    for doc_id, rows in claims.groupby("doc_id"):
        text = (corpus / f"{doc_id}.txt").read_text(encoding="utf-8")
        for row in rows.itertuples():
            assert text[row.start : row.end] == row.text
    turns = pd.read_csv(out / "turns.csv")
    assert list(turns.columns) == ["doc_id", "turn_index", "start", "end", "speaker", "speaker_role"]
    docs = pd.read_csv(out / "documents.csv")
    assert set(docs["status"]) == {"ok"} and docs["claims"].sum() == len(claims)


def test_one_broken_document_does_not_stop_the_batch(tmp_path):
    corpus = small_corpus(tmp_path, "2022-02-28-scio-industry-icts")
    (corpus / "broken.txt").write_bytes(b"Growth was 5%, said the caf\xe9 owner\n")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "badjson.txt").write_text("Sales rose 3%.\n", encoding="utf-8")
    (corpus / "badjson.json").write_text("{oops", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(corpus), "--out", str(out), "--quiet"])
    assert result.exit_code == 3
    assert "broken: broken.txt: not valid UTF-8" in result.output
    docs = pd.read_csv(out / "documents.csv").set_index("doc_id")
    assert docs.loc["2022-02-28-scio-industry-icts", "status"] == "ok"
    assert set(docs.loc[["broken", "empty", "badjson"], "status"]) == {"error"}
    assert "empty" in docs.loc["empty", "error"] and "sidecar" in docs.loc["badjson", "error"]
    assert len(pd.read_csv(out / "claims.csv")) == 34


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["extract", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(app, ["extract", str(tmp_path), "--engine", "spark"]).exit_code == 2
    assert runner.invoke(app, ["extract"]).exit_code == 2


def test_unknown_model_is_a_clear_failure(tmp_path):
    corpus = small_corpus(tmp_path, "2022-02-28-scio-industry-icts")
    result = runner.invoke(
        app, ["extract", str(corpus), "--out", str(tmp_path / "o"), "--model", "no_such_model", "-q"]
    )
    assert result.exit_code == 4
    assert "cannot load spaCy pipeline 'no_such_model'" in result.output


def test_outputs_are_written_atomically(tmp_path):
    from pipeline.write import TableWriter

    out = tmp_path / "out"
    out.mkdir()
    (out / "turns.csv").write_text("previous run\n")
    try:
        with TableWriter(out, "turns", by_year=True) as table:
            table.write([{"doc_id": "a", "turn_index": 0, "start": 1, "end": 2, "speaker_role": "official"}], "2023")
            raise KeyboardInterrupt  # interrupted half-way
    except KeyboardInterrupt:
        pass
    assert (out / "turns.csv").read_text() == "previous run\n"
    assert not (out / "turns.parquet").exists()
    assert not (out / "turns").exists()
    assert not list(out.glob(".turns.*"))


def test_add_normalises_infers_and_refuses_duplicates(tmp_path):
    corpus = tmp_path / "corpus"
    source = tmp_path / "new.txt"
    source.write_bytes(
        "\ufeffSCIO briefing on trade\r\nBeijing | 3 p.m. April 20, 2023\r\n\r\nHost Li:\r\n\r\nWelcome.\r\n\r\nWang Fang:\r\n\r\nExports grew 5%.\r\n".encode(
            "utf-8"
        )
    )
    result = runner.invoke(app, ["add", str(source), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "added 2023-04-20-scio-briefing-on-trade" in result.output and "missing: source_url" in result.output
    stored = (corpus / "2023-04-20-scio-briefing-on-trade.txt").read_bytes()
    assert not stored.startswith(b"\xef\xbb\xbf") and b"\r" not in stored
    sidecar = json.loads((corpus / "2023-04-20-scio-briefing-on-trade.json").read_text())
    assert sidecar == {
        "title": "SCIO briefing on trade",
        "date": "2023-04-20",
        "kind": "transcript",
        "source_url": None,
    }
    again = runner.invoke(app, ["add", str(source), "--corpus", str(corpus)])
    assert again.exit_code == 1 and "already" in again.output
    same_text = runner.invoke(app, ["add", str(source), "--corpus", str(corpus), "--id", "other-id"])
    assert same_text.exit_code == 1 and "same text is already in the corpus" in same_text.output


def test_add_reencodes_legacy_encodings(tmp_path):
    source = tmp_path / "legacy.txt"
    source.write_bytes("Briefing\nSales rose 5% at the café\n".encode("cp1252"))
    result = runner.invoke(
        app, ["add", str(source), "--corpus", str(tmp_path / "c"), "--id", "legacy", "--kind", "statement"]
    )
    assert result.exit_code == 0 and "re-encoded from cp1252" in result.output
    assert (tmp_path / "c" / "legacy.txt").read_text(encoding="utf-8").endswith("café\n")


def test_evaluate_and_min_f1(tmp_path):
    corpus = small_corpus(tmp_path, "2022-02-28-scio-industry-icts")
    out = tmp_path / "out"
    runner.invoke(app, ["extract", str(corpus), "--out", str(out), "-q"])
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(GOLD / "2022-02-28-scio-industry-icts.jsonl", gold)
    result = runner.invoke(
        app, ["evaluate", "--gold", str(gold), "--pred", str(out / "claims.csv"), "--out", str(out / "eval")]
    )
    assert result.exit_code == 0 and "ALL" in result.output
    for name in ("errors.csv", "report.md", "report.html", "field_scores.png"):
        assert (out / "eval" / name).exists()
    errors = pd.read_csv(out / "eval" / "errors.csv")
    assert "reason" in errors.columns  # why a claim got its period, beside the error
    predicted = errors[errors["pred_text"].notna()]
    assert predicted.empty or predicted["reason"].notna().all()
    # gold and prediction in separate columns: plain pandas filters on a field
    kind_errors = errors[errors["gold_kind"].notna() & errors["pred_kind"].notna()]
    kind_errors = kind_errors[kind_errors["gold_kind"] != kind_errors["pred_kind"]]
    assert all("kind" in fields.split(",") for fields in kind_errors["fields"])
    assert {"gold_time_start", "pred_time_start", "gold_speaker", "pred_speaker"} <= set(errors.columns)
    as_json = json.loads(
        runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(out / "claims.csv"), "--json"]).output
    )
    assert as_json["overall"]["span"]["partial"]["f"] > 0.9
    impossible = runner.invoke(
        app, ["evaluate", "--gold", str(gold), "--pred", str(out / "claims.csv"), "--min-f1", "1.01"]
    )
    assert impossible.exit_code == 5


def test_gold_check_command():
    result = runner.invoke(app, ["gold", "check", str(GOLD), "--corpus", str(CORPUS)])
    assert result.exit_code == 0 and "0 problems" in result.output


def test_timex_prints_every_expression_with_raw_offsets():
    path = CORPUS / "2023-03-10-wh-remarks-biden-february-jobs-report.txt"
    raw = path.read_text(encoding="utf-8")
    result = runner.invoke(app, ["timex", str(path), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {"start", "end", "text", "time_start", "time_end", "rule"} <= set(rows[0])
    assert all(raw[r["start"] : r["end"]] == r["text"] for r in rows)
    found = {(r["text"], r["time_start"], r["time_end"], r["rule"]) for r in rows}
    assert ("since January 2022", "2022-01-01", "2023-03-10", "since_month") in found
    assert ("last month", "2023-02-01", "2023-02-28", "relative_month") in found
    # --date moves what relative expressions mean
    moved = runner.invoke(app, ["timex", str(path), "--json", "--date", "2024-01-15"])
    assert any(json.loads(line)["time_start"] == "2023-12-01" for line in moved.output.splitlines())


def test_timex_on_a_missing_file_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["timex", str(tmp_path / "none.txt")])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_add_a_folder_of_formats_keeps_going_past_a_bad_file(tmp_path):
    from .test_sources import BOE_PAGE, WH_BRIEFING, WH_STATEMENT

    inbox = tmp_path / "inbox"
    (inbox / "nested").mkdir(parents=True)
    for fixture in (WH_BRIEFING, WH_STATEMENT):
        shutil.copy(fixture, inbox / "nested")
    shutil.copy(BOE_PAGE, inbox)
    (inbox / "broken.txt").write_bytes(b"\x00\x01\x02 binary \x00")
    corpus = tmp_path / "corpus"
    result = runner.invoke(app, ["add", str(inbox), "--corpus", str(corpus)])
    assert result.exit_code == 3, result.output  # partial: one file refused, the rest added
    assert "refused: " in result.output and "broken.txt" in result.output
    assert "4 files: 3 added, 0 duplicate texts refused, 1 refused" in result.output
    assert "1 × the file looks binary" in result.output  # the summary groups refusals by reason
    assert len(list(corpus.glob("*.txt"))) == 3 and len(list(corpus.glob("*.json"))) == 3
    again = runner.invoke(app, ["add", str(inbox), "--corpus", str(corpus), "--verbose"])
    assert "4 files: 0 added, 3 duplicate texts refused, 1 refused" in again.output
    assert again.exit_code == 1  # nothing added
    verbose = runner.invoke(app, ["add", str(inbox / "nested"), "--corpus", str(tmp_path / "c2"), "--verbose"])
    assert "turns:" in verbose.output
    refused = runner.invoke(app, ["add", str(inbox), "--corpus", str(corpus), "--id", "x"])
    assert refused.exit_code == 2


def test_version():
    from pipeline import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"briefing-claims {__version__}"


def test_gold_init_drafts_outside_the_gold_folder(tmp_path):
    claims = tmp_path / "claims.csv"
    claims.write_text(
        "doc_id,start,end,text,value,unit,qualifier,kind,modality,speaker_role,time_reason\n"
        "d1,0,2,5%,5.0,percent,exact,change,actual,official,none\n"
        "d2,3,5,7%,7.0,percent,exact,change,actual,official,none\n"
    )
    drafts = tmp_path / "drafts"
    result = runner.invoke(app, ["gold", "init", "d1", "--pred", str(claims), "--to", str(drafts)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (drafts / "d1.jsonl").read_text().splitlines()]
    assert len(records) == 1 and records[0]["text"] == "5%" and records[0]["value_high"] is None
    assert list(records[0]) == list(__import__("pipeline.schema").schema.GOLD_FIELDS)
    assert runner.invoke(app, ["gold", "init", "d1", "--pred", str(claims), "--to", str(drafts)]).exit_code == 1
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "splits.json").write_text("{}")
    assert runner.invoke(app, ["gold", "init", "d1", "--pred", str(claims), "--to", str(gold)]).exit_code == 2
    assert runner.invoke(app, ["gold", "init", "nope", "--pred", str(claims), "--to", str(drafts)]).exit_code == 1


def test_schema_command_prints_the_generated_docs():
    from pipeline.schema import markdown

    assert runner.invoke(app, ["schema", "--markdown"]).output == markdown()
    assert "time_start        date" in runner.invoke(app, ["schema"]).output
