"""The Python API: extract from a string or a corpus, and load a run's tables with their types.

>>> from pipeline import extract_text
>>> found = extract_text("Q: And prices?\\nMS. LEE: Prices rose 3.2% in May.", date="2024-06-13")
>>> found.frame[["text", "value", "unit", "kind", "time_start", "speaker"]]
   text  value     unit    kind time_start speaker
0  3.2%    3.2  percent  change 2024-05-01     Lee
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.records import Claim, DocumentResult, SpeakerTurn
from pipeline.schema import CLAIM_COLUMNS, DATE, TABLES, TURN_COLUMNS, Column, arrow_table


def typed_frame(columns: tuple[Column, ...], rows: list[dict]):
    """A DataFrame of ``rows`` with the declared types: vocabularies and repeating text as
    ``category``, dates as ``datetime64``, entities as lists of ``{label, text}``."""
    return _with_dates(arrow_table(columns, rows).to_pandas(), columns)


def _with_dates(df, columns: tuple[Column, ...]):
    import pandas as pd

    for c in columns:
        if c.type == DATE and c.name in df.columns:
            df[c.name] = pd.to_datetime(df[c.name])
    return df


@dataclass
class TextExtraction:
    """What ``extract_text`` found: typed records (``claims``, ``turns``) and the claims as a DataFrame."""

    result: DocumentResult
    claims: list[Claim] = field(default_factory=list)
    turns: list[SpeakerTurn] = field(default_factory=list)

    @property
    def frame(self):
        """The claims as a typed DataFrame (the columns of ``claims.parquet``)."""
        return typed_frame(CLAIM_COLUMNS, [c.as_row() for c in self.claims])

    @property
    def turns_frame(self):
        return typed_frame(TURN_COLUMNS, [t.__dict__ for t in self.turns])


def extract_text(
    text: str,
    *,
    date: str | None = None,
    kind: str = "transcript",
    title: str | None = None,
    doc_id: str = "text",
    model: str | None = None,
) -> TextExtraction:
    """Claims in one text, in memory (no files). ``date`` (ISO) anchors "last year" and "in May";
    ``kind`` is ``transcript``, ``article`` or ``statement``. A document the pipeline cannot
    process raises ``ValueError`` with the reason (a batch run records it as a failed row instead).
    Offsets index ``text`` exactly: ``text[c.start:c.end] == c.text``."""
    from pipeline.annotate import DEFAULT_MODEL
    from pipeline.batch import process_bytes

    sidecar = {key: value for key, value in {"date": date, "kind": kind, "title": title}.items() if value}
    result = process_bytes(
        doc_id, text.encode("utf-8"), json.dumps(sidecar).encode("utf-8"), model=model or DEFAULT_MODEL
    )
    if result.status != "ok":
        raise ValueError(f"{doc_id}: {result.error}")
    return TextExtraction(result=result, claims=list(result.claims), turns=list(result.turns))


@dataclass
class Tables:
    """The three tables of a run, typed: ``claims``, ``turns`` and ``documents``."""

    claims: Any
    turns: Any
    documents: Any


def load_tables(out: Path | str) -> Tables:
    """The tables an ``extract`` run wrote to ``out``, from its Parquet files, with their types."""
    import pandas as pd

    out = Path(out)
    frames = {}
    for name, columns in TABLES.items():
        path = out / f"{name}.parquet"
        if not path.exists():
            raise FileNotFoundError(f"{path} does not exist (run `claims extract … --out {out}` first)")
        frames[name] = _with_dates(pd.read_parquet(path), columns)
    return Tables(**frames)


def load_claims(out: Path | str):
    """The claims table of the run in ``out`` as a typed DataFrame.

    >>> claims = load_claims("out")                                     # doctest: +SKIP
    >>> claims.groupby([claims.time_start.dt.year, "unit"], observed=True).size()  # doctest: +SKIP
    """
    return load_tables(out).claims


def extract_corpus(corpus: Path | str, out: Path | str, *, jobs: int = 1, model: str | None = None) -> Tables:
    """``claims extract CORPUS --out OUT --jobs N`` from Python; returns the typed tables. Failed
    documents are rows of ``documents`` with ``status == "error"`` and their ``error``."""
    from pipeline.annotate import DEFAULT_MODEL
    from pipeline.run import RunOptions, run_extract

    run_extract(Path(corpus), Path(out), RunOptions(model=model or DEFAULT_MODEL, jobs=jobs, progress=False))
    return load_tables(out)
