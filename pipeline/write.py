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
DOCUMENT_FIELDS = ("doc_id", "title", "date", "kind", "words", "turns", "claims", "status", "error", "warnings")

_INTS = frozenset({"start", "end", "turn_index", "sentence_start", "sentence_end", "words", "turns", "claims"})
_FLOATS = frozenset({"value", "value_high"})


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temporary_beside(target: Path) -> Path:
    """An empty temporary file beside ``target`` (same folder, so the final rename is atomic), with the
    permissions a new file would get from the user's umask (mkstemp alone gives 0600)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())
    return Path(tmp)


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target``; rename it onto ``target`` only on success."""
    tmp = temporary_beside(target)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sweep_temporaries(folder: Path) -> int:
    """Remove temporary files a killed run left behind (call only while holding the folder's lock)."""
    removed = 0
    for tmp in Path(folder).glob(".*.tmp"):
        tmp.unlink(missing_ok=True)
        removed += 1
    return removed


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
    """``name.csv`` and ``name.parquet`` written incrementally to temporary files. With ``commit=True``
    (the default) they are renamed into place when the block ends without error; with ``commit=False``
    the caller renames them with ``commit()`` once every table of a set is complete.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with TableWriter(folder, "t", ("doc_id", "start", "value")) as table:
    ...     table.write([{"doc_id": "a", "start": 3, "value": 5.2}])
    >>> (folder / "t.csv").read_text()
    'doc_id,start,value\\na,3,5.2\\n'
    """

    def __init__(self, out: Path, name: str, fields: tuple[str, ...], *, batch_rows: int = 500, commit: bool = True):
        self.out, self.name, self.fields, self.batch_rows = Path(out), name, fields, batch_rows
        self.auto_commit = commit
        self.rows = 0
        self._pending: list[dict] = []

    def __enter__(self) -> TableWriter:
        import pyarrow.parquet as pq

        self.out.mkdir(parents=True, exist_ok=True)
        self._csv_path = temporary_beside(self.out / f"{self.name}.csv")
        self._parquet_path = temporary_beside(self.out / f"{self.name}.parquet")
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
            self.rows += 1
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
        if exc_type is not None:
            self.discard()
        elif self.auto_commit:
            self.commit()

    def commit(self) -> None:
        os.replace(self._csv_path, self.out / f"{self.name}.csv")
        os.replace(self._parquet_path, self.out / f"{self.name}.parquet")

    def discard(self) -> None:
        self._csv_path.unlink(missing_ok=True)
        self._parquet_path.unlink(missing_ok=True)
