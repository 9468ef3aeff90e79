"""The Python API: extract from a string without files, and typed tables from a run."""

import pandas as pd
import pytest

import pipeline
from pipeline import extract_corpus, extract_text, load_claims

TEXT = (
    "MS. LEE: Retail prices rose 3.2% in May. We will create 200,000 jobs next year.\n"
    "Q: And exports?\n"
    "MS. LEE: Exports fell by about $4 billion last quarter.\n"
)


@pytest.mark.slow
def test_extract_text_gives_typed_records_and_a_typed_frame():
    found = extract_text(TEXT, date="2024-06-13", kind="transcript")
    assert [c.text for c in found.claims] == ["3.2%", "200,000", "$4 billion"]
    assert all(TEXT[c.start : c.end] == c.text for c in found.claims)
    frame = found.frame
    assert list(frame.text) == ["3.2%", "200,000", "$4 billion"]
    assert frame.time_start.dtype.kind == "M" and frame.kind.dtype == "category"
    may = frame.iloc[0]
    assert (may.time_start, may.time_end) == (pd.Timestamp("2024-05-01"), pd.Timestamp("2024-05-31"))
    assert list(frame.modality) == ["actual", "target", "actual"]
    assert list(frame.qualifier) == ["exact", "exact", "approx"]
    assert frame.iloc[2].value == 4e9 and frame.iloc[2].unit == "USD"
    assert [t.speaker_role for t in found.turns] == ["official", "journalist", "official"]


@pytest.mark.slow
def test_extract_text_reports_a_document_it_cannot_process():
    with pytest.raises(ValueError, match="kind"):
        extract_text("Prices rose 3%.", kind="poem")


@pytest.mark.slow
def test_extract_corpus_and_load_claims_agree_with_the_csv(tmp_path):
    from .test_run import DOCS, corpus_of

    corpus = corpus_of(tmp_path, *DOCS)
    tables = extract_corpus(corpus, tmp_path / "out")
    claims = load_claims(tmp_path / "out")
    csv = pd.read_csv(tmp_path / "out" / "claims.csv")
    assert len(claims) == len(csv) == len(tables.claims) > 0
    assert list(claims.columns) == list(csv.columns)
    assert claims.unit.dtype == "category" and claims.time_end.dtype.kind == "M"
    assert set(tables.documents.status) == {"ok"}
    assert list(claims.time_start.dt.strftime("%Y-%m-%d").fillna("")) == list(csv.time_start.fillna(""))


def test_the_api_is_importable_without_loading_spacy():
    import subprocess
    import sys

    code = "import sys, pipeline; pipeline.extract_text; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    with pytest.raises(AttributeError):
        pipeline.no_such_thing  # noqa: B018
