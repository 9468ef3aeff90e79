"""Stage 7 — write: claims, turns and documents as CSV and Parquet, streamed and atomic.

Rows are written a document at a time (so memory does not grow with the corpus) to temporary
files in the output folder, which are renamed into place only when the whole table is written:
an interrupted run never leaves a half-written table.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from pipeline.schema import TABLES, Column, arrow_schema, arrow_table, validate_table

UNKNOWN_YEAR = "undated"  # a partition, not a null: pyarrow cannot yet read a null partition beside dictionary years


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


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


class InvalidOutput(ValueError):
    """Rows that do not fit the declared schema (``pipeline.schema``): nothing is renamed into place."""


class TableWriter:
    """``name.csv`` and ``name.parquet`` written incrementally to temporary files, every row checked
    against the declared columns first. With ``by_year=True`` the Parquet rows are also written
    partitioned by the document's year, ``name/year=YYYY/part-0.parquet``, so that DuckDB, pyarrow
    and pandas read only the years a query asks for. With ``commit=True`` (the default) the files
    are renamed into place when the block ends without error; with ``commit=False`` the caller
    renames them with ``commit()`` once every table of a set is complete.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with TableWriter(folder, "turns") as table:
    ...     table.write([{"doc_id": "a", "turn_index": 0, "start": 0, "end": 5, "speaker_role": "official"}])
    >>> (folder / "turns.csv").read_text()
    'doc_id,turn_index,start,end,speaker,speaker_role\\na,0,0,5,,official\\n'
    """

    def __init__(
        self,
        out: Path,
        name: str,
        columns: tuple[Column, ...] | None = None,
        *,
        batch_rows: int = 500,
        commit: bool = True,
        by_year: bool = False,
    ):
        self.out, self.name, self.batch_rows = Path(out), name, batch_rows
        self.columns = columns if columns is not None else TABLES[name]
        self.fields = tuple(c.name for c in self.columns)
        self.auto_commit, self.by_year = commit, by_year
        self.rows = 0
        self._pending: list[dict] = []
        self._pending_years: list[str] = []
        self._year_writers: dict[str, object] = {}

    def __enter__(self) -> TableWriter:
        import pyarrow.parquet as pq

        self.out.mkdir(parents=True, exist_ok=True)
        self._csv_path = temporary_beside(self.out / f"{self.name}.csv")
        self._parquet_path = temporary_beside(self.out / f"{self.name}.parquet")
        self._years_dir = Path(tempfile.mkdtemp(prefix=f".{self.name}.", suffix=".tmp", dir=self.out))
        os.chmod(self._years_dir, 0o777 & ~_umask())
        self._csv_file = self._csv_path.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_file, lineterminator="\n")
        self._csv.writerow(self.fields)
        self.schema = arrow_schema(self.columns)
        self._parquet = pq.ParquetWriter(self._parquet_path, self.schema)
        return self

    def write(self, rows: Iterable[dict], year: str | None = None) -> None:
        """Append rows (all of one document, whose ``year`` places them in the partitioned copy)."""
        rows = list(rows)
        for row in rows:
            self._csv.writerow([_cell(row.get(f)) for f in self.fields])
        self._pending.extend(rows)
        self._pending_years.extend([year or UNKNOWN_YEAR] * len(rows))
        self.rows += len(rows)
        if len(self._pending) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        """Convert the pending rows once, check them against the schema (before anything is renamed
        into place), and append them to the Parquet file and to their years' partitions."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        if not self._pending:
            return
        try:
            table = arrow_table(self.columns, self._pending)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as err:
            raise InvalidOutput(f"{self.name}: {err}") from None
        if problems := validate_table(self.columns, table, self.name):
            raise InvalidOutput("; ".join(problems))
        self._parquet.write_table(table)
        if self.by_year:
            years = pa.array(self._pending_years, pa.string())
            for year in dict.fromkeys(self._pending_years):  # in order of first appearance
                if year not in self._year_writers:
                    folder = self._years_dir / f"year={year}"
                    folder.mkdir(mode=0o777 & ~_umask())
                    self._year_writers[year] = pq.ParquetWriter(folder / "part-0.parquet", self.schema)
                self._year_writers[year].write_table(table.filter(pc.equal(years, year)))  # type: ignore[attr-defined]
        self._pending, self._pending_years = [], []

    def __exit__(self, exc_type, exc, tb) -> None:
        failed = exc_type is not None
        try:
            if not failed:
                self._flush()
        except BaseException:
            failed = True
            raise
        finally:
            self._parquet.close()
            for writer in self._year_writers.values():
                writer.close()  # type: ignore[attr-defined]
            self._csv_file.close()
            if failed:
                self.discard()
        if not failed and self.auto_commit:
            self.commit()

    def commit(self) -> None:
        os.replace(self._csv_path, self.out / f"{self.name}.csv")
        os.replace(self._parquet_path, self.out / f"{self.name}.parquet")
        if self.by_year:
            _replace_folder(self._years_dir, self.out / self.name)
        else:
            shutil.rmtree(self._years_dir, ignore_errors=True)

    def discard(self) -> None:
        self._csv_path.unlink(missing_ok=True)
        self._parquet_path.unlink(missing_ok=True)
        shutil.rmtree(self._years_dir, ignore_errors=True)


def _replace_folder(new: Path, target: Path) -> None:
    """Put folder ``new`` in the place of ``target``: a reader sees the old folder or the new one,
    apart from the instant between two renames (a folder cannot replace a non-empty one in one step)."""
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", suffix=".tmp", dir=target.parent))
        os.replace(target, old / target.name)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)
