"""Stage 7 — write: claims, turns and documents as CSV and Parquet, atomically.

Every file is written to a temporary file in the same folder and renamed into place, so an
interrupted run never leaves a half-written table.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from pipeline.records import DocumentResult
from pipeline.schema import CLAIM_FIELDS

TURN_FIELDS = ("doc_id", "turn_index", "start", "end", "speaker", "speaker_role")
DOCUMENT_FIELDS = ("doc_id", "title", "date", "kind", "words", "turns", "claims", "status", "error")

_DTYPES = {
    "start": "Int64", "end": "Int64", "value": "float64", "value_high": "float64", "turn_index": "Int64",
    "sentence_start": "Int64", "sentence_end": "Int64", "words": "Int64", "turns": "Int64", "claims": "Int64",
}


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target``; rename it onto ``target`` only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def frame(rows: Iterable[dict], columns: tuple[str, ...]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows), columns=list(columns))
    for column, dtype in _DTYPES.items():
        if column in df.columns:
            df[column] = df[column].astype(dtype)
    for column in df.columns:
        if df[column].dtype == object:
            df[column] = df[column].astype("string")
    return df


def write_table(df: pd.DataFrame, out_dir: Path, name: str) -> None:
    """``name.csv`` and ``name.parquet`` in ``out_dir``."""
    with atomic_path(Path(out_dir) / f"{name}.csv") as tmp:
        df.to_csv(tmp, index=False)
    with atomic_path(Path(out_dir) / f"{name}.parquet") as tmp:
        df.to_parquet(tmp, index=False, engine="pyarrow")


def claims_frame(results: Iterable[DocumentResult]) -> pd.DataFrame:
    return frame((c.as_row() for r in results for c in r.claims), CLAIM_FIELDS)


def turns_frame(results: Iterable[DocumentResult]) -> pd.DataFrame:
    rows = (
        {"doc_id": t.doc_id, "turn_index": t.turn_index, "start": t.start, "end": t.end, "speaker": t.speaker,
         "speaker_role": t.speaker_role}
        for r in results for t in r.turns
    )
    return frame(rows, TURN_FIELDS)


def documents_frame(results: Iterable[DocumentResult]) -> pd.DataFrame:
    rows = (
        {"doc_id": r.doc_id, "title": r.title, "date": r.date, "kind": r.kind, "words": r.words, "turns": len(r.turns),
         "claims": len(r.claims), "status": r.status, "error": r.error}
        for r in results
    )
    return frame(rows, DOCUMENT_FIELDS)


def write_outputs(results: list[DocumentResult], out_dir: Path) -> dict[str, pd.DataFrame]:
    """Write the three tables; returns them for the caller to print or test."""
    results = sorted(results, key=lambda r: r.doc_id)
    tables = {
        "claims": claims_frame(results),
        "turns": turns_frame(results),
        "documents": documents_frame(results),
    }
    for name, df in tables.items():
        write_table(df, out_dir, name)
    return tables
