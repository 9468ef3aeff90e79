"""Regression bars on the development gold: a drop in any score fails the suite.

Two bars, one per round of the development set (``gold/splits.json``): the 19 documents labelled
before issue 9 (``dev_round1``) keep the bars they reached then; the 20 added with issue 9
(``dev_round2``) have bars a little under what the pipeline reaches now. The frozen test split is
never scored here: its errors are not to be read.
"""

import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.run import RunOptions, run_extract

from .conftest import CORPUS, GOLD

BARS = {
    # split: (span F1, {field: F1}, {field: accuracy on matched pairs})
    "dev_round1": (
        0.99,
        {"value_unit": 0.98, "period": 0.93, "speaker_role": 0.99},
        {"qualifier": 0.97, "kind_direction": 0.96, "modality": 0.97, "metric": 0.74},
    ),
    "dev_round2": (
        0.96,
        {"value_unit": 0.74, "period": 0.32, "speaker_role": 0.95},
        {"qualifier": 0.95, "kind_direction": 0.6, "modality": 0.85, "metric": 0.40},
    ),
}


@pytest.fixture(scope="module")
def predictions(tmp_path_factory):
    # only the documents the bars are about: extracting the whole corpus here took over two minutes
    splits = json.loads((GOLD / "splits.json").read_text(encoding="utf-8"))
    corpus = tmp_path_factory.mktemp("corpus")
    for doc_id in {d for split in BARS for d in splits[split]}:
        for suffix in (".txt", ".json"):
            (corpus / f"{doc_id}{suffix}").symlink_to(CORPUS / f"{doc_id}{suffix}")
    out = tmp_path_factory.mktemp("eval")
    run_extract(corpus, out, RunOptions(progress=False))
    return out / "claims.csv"


@pytest.mark.parametrize("split", sorted(BARS))
def test_scores_stay_above_the_bars(predictions, split):
    span_bar, f1_bars, accuracy_bars = BARS[split]
    result = CliRunner().invoke(
        app, ["evaluate", "--gold", str(GOLD), "--pred", str(predictions), "--split", split, "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["overall"]
    assert scores["span"]["partial"]["f"] >= span_bar
    for field, bar in f1_bars.items():
        assert scores["fields"][field]["f"] >= bar, field
    for field, bar in accuracy_bars.items():
        assert scores["fields"][field]["accuracy"] >= bar, field


def test_min_f1_gate_fails_below_the_bar(predictions):
    result = CliRunner().invoke(
        app, ["evaluate", "--gold", str(GOLD), "--pred", str(predictions), "--split", "dev", "--min-f1", "0.9999"]
    )
    assert result.exit_code == 5


def test_unknown_split_is_a_usage_error(predictions):
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(GOLD), "--pred", str(predictions), "--split", "nope"])
    assert result.exit_code == 2 and "no split 'nope'" in result.output
