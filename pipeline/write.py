"""Stage 7 — write: claims, turns and documents as CSV and Parquet, streamed and atomic.

Rows are written a document at a time (so memory does not grow with the corpus) to temporary
files in the output folder, which are renamed into place only when the whole table is written:
an interrupted run never leaves a half-written table.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

TURN_FIELDS = ("doc_id", "turn_index", "start", "end", "speaker", "speaker_role")
DOCUMENT_FIELDS = ("doc_id", "title", "date", "kind", "words", "turns", "claims", "status", "error")

_INTS = frozenset({"start", "end", "turn_index", "sentence_start", "sentence_end", "words", "turns", "claims"})
_FLOATS = frozenset({"value", "value_high"})


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


def arrow_schema(fields: tuple[str, ...]):
    import pyarrow as pa

    def kind(name: str):
        return pa.int64() if name in _INTS else pa.float64() if name in _FLOATS else pa.string()

    return pa.schema([pa.field(name, kind(name), nullable=True) for name in fields])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


class TableWriter:
    """``name.csv`` and ``name.parquet`` written incrementally, renamed into place on success.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with TableWriter(folder, "t", ("doc_id", "start", "value")) as table:
    ...     table.write([{"doc_id": "a", "start": 3, "value": 5.2}])
    >>> (folder / "t.csv").read_text()
    'doc_id,start,value\\na,3,5.2\\n'
    """

    def __init__(self, out: Path, name: str, fields: tuple[str, ...], *, batch_rows: int = 500):
        self.out, self.name, self.fields, self.batch_rows = Path(out), name, fields, batch_rows
        self._pending: list[dict] = []

    def __enter__(self) -> TableWriter:
        import pyarrow.parquet as pq

        self.out.mkdir(parents=True, exist_ok=True)
        self._csv_cm = atomic_path(self.out / f"{self.name}.csv")
        self._parquet_cm = atomic_path(self.out / f"{self.name}.parquet")
        self._csv_path = self._csv_cm.__enter__()
        self._parquet_path = self._parquet_cm.__enter__()
        self._csv_file = self._csv_path.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_file, lineterminator="\n")
        self._csv.writerow(self.fields)
        self.schema = arrow_schema(self.fields)
        self._parquet = pq.ParquetWriter(self._parquet_path, self.schema)
        return self

    def write(self, rows: Iterable[dict]) -> None:
        for row in rows:
            self._csv.writerow([_cell(row.get(f)) for f in self.fields])
            self._pending.append(row)
        if len(self._pending) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._pending:
            columns = {f: [r.get(f) for r in self._pending] for f in self.fields}
            self._parquet.write_table(pa.Table.from_pydict(columns, schema=self.schema))
            self._pending = []

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._flush()
        finally:
            self._parquet.close()
            self._csv_file.close()
        self._csv_cm.__exit__(exc_type, exc, tb)
        self._parquet_cm.__exit__(exc_type, exc, tb)
