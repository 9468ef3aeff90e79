"""Regression bars on the whole gold set: a drop in any score fails the suite.

The bars sit a little under what the pipeline reaches (see the README's evaluation table):
span F1 0.998, value+unit 0.992, period 0.947, speaker 0.998, qualifier 1.000, kind+direction 0.982,
modality 1.000, metric 0.766 (accuracy on matched pairs).
"""

import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.run import RunOptions, run_extract

from .conftest import CORPUS, GOLD

BARS_F1 = {"value_unit": 0.98, "period": 0.93, "speaker_role": 0.99}
BARS_ACCURACY = {"qualifier": 0.97, "kind_direction": 0.96, "modality": 0.97, "metric": 0.74}


@pytest.fixture(scope="module")
def predictions(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval")
    run_extract(CORPUS, out, RunOptions(progress=False))
    return out / "claims.csv"


def test_min_f1_gate_on_all_gold(predictions):
    runner = CliRunner()
    result = runner.invoke(
        app, ["evaluate", "--gold", str(GOLD), "--pred", str(predictions), "--min-f1", "0.99", "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["overall"]
    for field, bar in BARS_F1.items():
        assert scores["fields"][field]["f"] >= bar, field
    for field, bar in BARS_ACCURACY.items():
        assert scores["fields"][field]["accuracy"] >= bar, field


def test_min_f1_gate_fails_below_the_bar(predictions):
    result = CliRunner().invoke(
        app, ["evaluate", "--gold", str(GOLD), "--pred", str(predictions), "--min-f1", "0.9999"]
    )
    assert result.exit_code == 5
