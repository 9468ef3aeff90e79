"""Reliability: each defect that was fixed in reading, caching, locking, budgets and the command line is
pinned here by a test that fails if it comes back. Tests go through the public surface: the CLI
(``pipeline.cli.app``), ``pipeline.run.run_extract`` and the stage functions.

Every case here failed once (a reproduction from the reliability issue, or found while writing this
suite) and is fixed.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import pipeline.run as run_module
from pipeline import cli, numerals, units
from pipeline.batch import Budget, corpus_paths, process_bytes
from pipeline.cli import app
from pipeline.corpus import AddError, decode_by_evidence
from pipeline.extract import extract_quantities
from pipeline.run import CACHE_DIR, RunLocked, RunOptions, locked, run_extract
from pipeline.schema import CLAIM_FIELDS

from .conftest import CORPUS, GOLD, ROOT

runner = CliRunner()

BOE = "2017-08-08-boe-mpc-bank-rate-summary"  # statement, 13 claims, date line "08 August 2017"
FINMIN = "2023-04-03-in-finmin-direct-tax-collections"  # article, lakh crore figures
MIIT = "2023-04-20-miit-scio-2023q1-p2"  # transcript with outlet and official labels
TABLES = ("claims", "turns", "documents")
TABLE_FILES = tuple(f"{name}.{ext}" for name in TABLES for ext in ("csv", "parquet"))


# --- helpers ---------------------------------------------------------------------------------------


def make_corpus(tmp_path: Path, *doc_ids: str, name: str = "corpus", sidecars: bool = True) -> Path:
    corpus = tmp_path / name
    corpus.mkdir(exist_ok=True)
    for doc_id in doc_ids:
        shutil.copy(CORPUS / f"{doc_id}.txt", corpus)
        if sidecars:
            shutil.copy(CORPUS / f"{doc_id}.json", corpus)
    return corpus


def opts(**kw) -> RunOptions:
    return RunOptions(progress=False, **kw)


def table_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLE_FILES}


def rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def documents(out: Path) -> dict[str, dict[str, str]]:
    return {r["doc_id"]: r for r in rows(out, "documents")}


def claim_rows(out: Path, doc_id: str) -> list[dict[str, str]]:
    return [r for r in rows(out, "claims") if r["doc_id"] == doc_id]


def extract_cli(corpus: Path, out: Path, *extra: str):
    return runner.invoke(app, ["extract", str(corpus), "--out", str(out), "--quiet", *extra])


def claim_tuples(result, shift: int = 0) -> list[tuple]:
    return [
        (c.start + shift, c.end + shift, c.text, c.value, c.value_high, c.unit, c.speaker, c.speaker_role,
         c.time_start, c.time_end, c.kind, c.direction, c.qualifier)
        for c in result.claims
    ]  # fmt: skip


def values(text: str) -> list[tuple[float, str]]:
    result = process_bytes("probe", text.encode("utf-8"), None)
    assert result.status == "ok", result.error
    return [(c.value, c.unit) for c in result.claims]


# --- 1. claims add: encodings ----------------------------------------------------------------------


def test_add_stores_cp1252_as_utf8_and_names_the_encoding(tmp_path):
    source = tmp_path / "cp1252.txt"
    source.write_bytes(b"Gao Feng: China\x92s exports rose 5.2 percent in 2022.\n")
    result = runner.invoke(app, ["add", str(source), "--corpus", str(tmp_path / "c"), "--id", "gao"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c" / "gao.txt").read_bytes() == "Gao Feng: China’s exports rose 5.2 percent in 2022.\n".encode()
    assert "read as cp1252" in result.output


def test_add_refuses_a_file_whose_encoding_cannot_be_told(tmp_path):
    # "Café à la crème" in CP1252 reads as an equally plausible, different text in CP1250
    ambiguous = "Briefing\nCaf\u00e9 \u00e0 la cr\u00e8me\n".encode("cp1252")
    with pytest.raises(AddError, match="cannot tell the file's encoding"):
        decode_by_evidence(ambiguous)
    with pytest.raises(AddError, match="cannot tell the file's encoding"):
        decode_by_evidence(b"\xc1\xe9\xd3\xa4")  # GB18030, Big5 or EUC-KR alike
    source = tmp_path / "ambiguous.txt"
    source.write_bytes(ambiguous)
    corpus = tmp_path / "c"
    result = runner.invoke(app, ["add", str(source), "--corpus", str(corpus), "--id", "amb"])
    assert result.exit_code == 1
    assert "cannot tell the file's encoding with confidence" in result.output and "--encoding" in result.output
    assert not list(corpus.glob("amb*"))  # nothing half-added
    # the way out the message names works
    given = runner.invoke(app, ["add", str(source), "--corpus", str(corpus), "--id", "amb", "--encoding", "cp1252"])
    assert given.exit_code == 0, given.output
    assert (corpus / "amb.txt").read_text(encoding="utf-8") == "Briefing\nCafé à la crème\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_add_reads_utf16_with_a_bom(tmp_path, encoding):
    text = "Press briefing\nWang Fang: Exports grew 5% in 2023.\n"
    raw = text.encode(encoding)
    if encoding != "utf-16":  # the explicit-endian codecs write no BOM: add one
        raw = ("\ufeff" + text).encode(encoding)
    source = tmp_path / "u16.txt"
    source.write_bytes(raw)
    result = runner.invoke(app, ["add", str(source), "--corpus", str(tmp_path / "c"), "--id", "u16"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c" / "u16.txt").read_bytes() == text.encode("utf-8")
    assert "read as utf-16" in result.output


def test_add_of_utf16_without_bom_names_utf16(tmp_path):
    source = tmp_path / "u16le.txt"
    source.write_bytes("Press briefing\nWang Fang: Exports grew 5% in 2023.\n".encode("utf-16-le"))
    result = runner.invoke(app, ["add", str(source), "--corpus", str(tmp_path / "c"), "--id", "u16le"])
    if result.exit_code == 0:  # reading it correctly is as good as a hint
        assert (tmp_path / "c" / "u16le.txt").read_text(encoding="utf-8").startswith("Press briefing\nWang Fang")
    else:
        assert "utf-16" in result.output.lower(), result.output


# --- 2. bad sidecars are that document's error ---------------------------------------------------

BAD_SIDECARS = {
    "title-list": (b'{"title": ["x"]}', "title must be a string"),
    "kind-list": (b'{"kind": ["transcript"]}', "kind must be a string"),
    "nested-lists": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "nested-objects": (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nested too deeply"),
    "invalid-json": (b'{"title": "x",', "unreadable sidecar"),
    "no-such-day": (b'{"date": "2023-02-30"}', "not an ISO date"),
    "date-zero": (b'{"date": 0}', "date must be a string"),
    "date-false": (b'{"date": false}', "date must be a string"),
    "not-an-object": (b'["title"]', "must be a JSON object"),
}


def test_bad_sidecars_become_error_rows_and_the_rest_is_extracted(tmp_path):
    reference = make_corpus(tmp_path, BOE, name="reference")
    assert extract_cli(reference, tmp_path / "ref").exit_code == 0
    corpus = make_corpus(tmp_path, BOE)
    for doc_id, (sidecar, _) in BAD_SIDECARS.items():
        (corpus / f"{doc_id}.txt").write_text("Sales rose 3% in March.\n", encoding="utf-8")
        (corpus / f"{doc_id}.json").write_bytes(sidecar)
    out = tmp_path / "out"
    result = extract_cli(corpus, out)
    assert result.exit_code == 3, result.output  # partial
    docs = documents(out)
    assert len(docs) == len(BAD_SIDECARS) + 1
    for doc_id, (_, reason) in BAD_SIDECARS.items():
        assert docs[doc_id]["status"] == "error", doc_id
        assert reason in docs[doc_id]["error"], (doc_id, docs[doc_id]["error"])
        assert f"failed: {doc_id}: " in result.output
        assert not claim_rows(out, doc_id)
    assert docs[BOE]["status"] == "ok" and not docs[BOE]["error"]
    assert claim_rows(out, BOE) == claim_rows(tmp_path / "ref", BOE)


@pytest.mark.parametrize("name", sorted(BAD_SIDECARS))
def test_each_bad_sidecar_is_a_clear_error_result(name):
    sidecar, reason = BAD_SIDECARS[name]
    result = process_bytes(name, b"Sales rose 3% in March.\n", sidecar)
    assert result.status == "error" and reason in result.error
    assert result.error.startswith(f"{name}.json: ")  # names the file at fault


# --- 3. corrupt cache entries are misses ---------------------------------------------------------

CORRUPTIONS = {
    "truncated": lambda data: data[: len(data) // 2],
    "random-bytes": lambda data: bytes(range(256)) * 3,
    "empty-object": lambda data: b"{}",
    "empty-file": lambda data: b"",
    "other-document": lambda data: data.replace(BOE.encode(), b"someone-else"),
    "claims-without-fields": lambda data: json.dumps({**json.loads(data), "claims": [{"doc_id": BOE}]}).encode(),
}


@pytest.mark.parametrize("how", sorted(CORRUPTIONS))
def test_a_corrupt_cache_part_is_a_miss_and_is_rewritten(tmp_path, how):
    corpus = make_corpus(tmp_path, BOE, FINMIN)
    out = tmp_path / "out"
    run_extract(corpus, out, opts())
    (part,) = (out / CACHE_DIR).glob(f"{BOE}-*.json")
    good = part.read_bytes()
    part.write_bytes(CORRUPTIONS[how](good))
    # the tables must be rebuilt (another document changed), so the corrupt part is read
    finmin = corpus / f"{FINMIN}.txt"
    finmin.write_text(finmin.read_text(encoding="utf-8") + "\nExports rose 4 percent.\n", encoding="utf-8")
    summary = run_extract(corpus, out, opts())
    assert summary.failures == []
    clean = tmp_path / "clean"
    run_extract(corpus, clean, opts(use_cache=False))
    assert table_bytes(out) == table_bytes(clean)
    assert json.loads(part.read_bytes()) == json.loads(good)  # rewritten as a valid entry
    # and the run after that is fully cached
    again = run_extract(corpus, out, opts())
    assert (again.processed, again.cached) == (0, 2)
    assert table_bytes(out) == table_bytes(clean)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b'{"keys": {"x"', id="truncated"),
        pytest.param(b"{}", id="empty-object"),
        pytest.param(
            bytes(range(256)),
            id="random-bytes",
        ),
        pytest.param(
            b"[]",
            id="json-array",
        ),
        pytest.param(
            b"null",
            id="json-null",
        ),
    ],
)
def test_a_corrupt_cache_manifest_is_a_miss(tmp_path, content):
    corpus = make_corpus(tmp_path, BOE)
    out = tmp_path / "out"
    run_extract(corpus, out, opts())
    before = table_bytes(out)
    (out / CACHE_DIR / "manifest.json").write_bytes(content)
    summary = run_extract(corpus, out, opts())
    assert summary.failures == [] and [d["doc_id"] for d in summary.documents] == [BOE]
    assert table_bytes(out) == before
    json.loads((out / CACHE_DIR / "manifest.json").read_text(encoding="utf-8"))  # valid again after a rebuild


# --- 4. one run per --out; one row per document ----------------------------------------------------

_HOLD_LOCK = """
import sys, time
from pathlib import Path
from pipeline.run import locked
with locked(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""


def _snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(out)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_a_second_extract_into_a_locked_out_exits_6_and_touches_nothing(tmp_path):
    corpus = make_corpus(tmp_path, BOE)
    out = tmp_path / "out"
    assert extract_cli(corpus, out).exit_code == 0
    before = _snapshot(out)
    (corpus / "new.txt").write_text("Exports rose 7 percent.\n", encoding="utf-8")  # a run would change the tables
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(out)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = extract_cli(corpus, out)
        assert result.exit_code == 6, result.output
        assert "another `claims extract` is writing into" in result.output
        assert _snapshot(out) == before
        with pytest.raises(RunLocked):
            run_extract(corpus, out, opts())
        assert _snapshot(out) == before
    finally:
        holder.kill()
        holder.wait(timeout=30)
    # once the other run is gone, the same command works and writes the new document
    assert extract_cli(corpus, out).exit_code == 0
    assert "new" in documents(out)


def test_the_lock_is_exclusive_within_one_process_too(tmp_path):
    corpus = make_corpus(tmp_path, BOE)
    out = tmp_path / "out"
    with locked(out):
        result = extract_cli(corpus, out)
    assert result.exit_code == 6
    assert not (out / "claims.csv").exists()


def test_every_input_document_has_exactly_one_row(tmp_path):
    corpus = make_corpus(tmp_path, BOE, FINMIN)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin1.txt").write_bytes(b"caf\xe9 sales rose 5%\n")
    (corpus / "folder.txt").mkdir()  # not a document
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    out = tmp_path / "out"
    result = extract_cli(corpus, out)
    assert result.exit_code == 3
    ids = [r["doc_id"] for r in rows(out, "documents")]
    expected = sorted(p.stem for p in corpus_paths(corpus))
    assert ids == expected == sorted([BOE, FINMIN, "empty", "latin1", "dangling"])
    # and after the corpus changes
    (corpus / "empty.txt").unlink()
    (corpus / "added.txt").write_text("Imports fell 2 percent.\n", encoding="utf-8")
    extract_cli(corpus, out)
    assert [r["doc_id"] for r in rows(out, "documents")] == sorted(p.stem for p in corpus_paths(corpus))
    claims_per_doc = {d: int(r["claims"]) for d, r in documents(out).items()}
    for doc_id, n in claims_per_doc.items():
        assert len(claim_rows(out, doc_id)) == n


# --- 5. the cache key is the bytes processed -------------------------------------------------------


def test_editing_a_document_reprocesses_it_even_with_the_same_size_and_mtime(tmp_path):
    corpus = make_corpus(tmp_path, BOE, FINMIN)
    out = tmp_path / "out"
    run_extract(corpus, out, opts())
    assert "2.6%" in [r["text"] for r in claim_rows(out, BOE)]
    path = corpus / f"{BOE}.txt"
    st_before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count("2.6%") == 1
    path.write_text(text.replace("2.6%", "2.9%"), encoding="utf-8")  # same length
    os.utime(path, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))  # same mtime
    assert path.stat().st_size == st_before.st_size
    summary = run_extract(corpus, out, opts())
    assert (summary.processed, summary.cached) == (1, 1)
    found = {r["text"]: float(r["value"]) for r in claim_rows(out, BOE)}
    assert found.get("2.9%") == 2.9 and "2.6%" not in found


def test_editing_a_sidecar_reprocesses_the_document(tmp_path):
    corpus = make_corpus(tmp_path, BOE)
    out = tmp_path / "out"
    run_extract(corpus, out, opts())
    assert documents(out)[BOE]["date"] == "2017-08-08"
    sidecar = corpus / f"{BOE}.json"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("2017-08-08", "2018-08-08"), encoding="utf-8")
    summary = run_extract(corpus, out, opts())
    assert summary.processed == 1
    assert documents(out)[BOE]["date"] == "2018-08-08"


# --- 6. budgets for long input ---------------------------------------------------------------------


def test_a_megabyte_line_of_junk_costs_seconds_and_only_its_own_document(tmp_path):
    reference = make_corpus(tmp_path, BOE, FINMIN, name="reference")
    run_extract(reference, tmp_path / "ref", opts(use_cache=False))
    corpus = make_corpus(tmp_path, BOE, FINMIN)
    (corpus / "dots.txt").write_bytes(b"1." * 500_000 + b"\n")
    (corpus / "digits.txt").write_bytes(b"7" * 1_000_000 + b"\n")
    (corpus / "commas.txt").write_bytes(b"Sales were " + b"1," * 500_000 + b"1 units.\n")
    out = tmp_path / "out"
    started = time.monotonic()
    summary = run_extract(corpus, out, opts(use_cache=False))
    assert time.monotonic() - started < 30
    docs = documents(out)
    for junk in ("dots", "digits", "commas"):
        assert docs[junk]["status"] in ("ok", "error")
        if docs[junk]["status"] == "error":
            assert docs[junk]["error"].strip() and "E088" not in docs[junk]["error"]
    assert {d for d, _ in summary.failures} <= {"dots", "digits", "commas"}
    for doc_id in (BOE, FINMIN):
        assert docs[doc_id]["status"] == "ok"
        assert claim_rows(out, doc_id) == claim_rows(tmp_path / "ref", doc_id)


def test_junk_just_under_the_line_budget_is_still_fast():
    started = time.monotonic()
    result = process_bytes("dots", b"1." * 40_000 + b"\n", None)  # an 80,000-character line
    assert time.monotonic() - started < 30
    assert result.status == "ok" or result.error
    assert all(math.isfinite(c.value) for c in result.claims)


def test_a_200000_digit_number_is_not_inf_and_does_not_hang():
    digits = "7" * 200_000
    started = time.monotonic()
    assert all(math.isfinite(n.value) for n in numerals.find_numerals(digits))
    mentions = extract_quantities(f"Sales were {digits} dollars, up 5 percent.")
    assert all(math.isfinite(m.value) for m in mentions)
    assert [(m.text, m.value) for m in mentions if m.text.endswith("percent")] == [("5 percent", 5.0)]
    # as a document: the number alone on its line is within the line budget
    result = process_bytes("long", f"Growth was 5.2 percent.\n\n{digits}\n".encode(), None)
    assert time.monotonic() - started < 30
    assert result.status == "ok", result.error
    assert [c.text for c in result.claims] == ["5.2 percent"]


def test_numbers_of_309_and_more_digits_are_never_written_as_inf(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    nines = "9" * 320
    (corpus / "huge.txt").write_text(
        f"The debt was ${nines} last year.\n\nIt holds 1{'0' * 330} tonnes of ore.\n\n"
        f"Output was {','.join(['999'] * 110)} million units.\n\nThe rate was 0.{'0' * 400}1 percent.\n\n"
        f"It rose {nines}.{nines} percent to {nines} trillion yuan.\n\nGrowth was 5 percent.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run_extract(corpus, out, opts())
    claims = rows(out, "claims")
    assert "5 percent" in [r["text"] for r in claims]
    for r in claims:
        for field in ("value", "value_high"):
            assert r[field] == "" or math.isfinite(float(r[field])), r
    import pyarrow.parquet as pq

    parquet = pq.read_table(out / "claims.parquet").column("value").to_pylist()
    assert all(math.isfinite(v) for v in parquet)


def test_a_table_cell_of_400_digits_is_not_inf():
    doc = (
        "Euro area annual inflation, %\n\n"
        f"2018 2019 2020 Energy 1.5 2.3 {'9' * 400} Food 1.1 1.2 1.3 Services 2.0 2.1 2.2\n\n"
        "Growth was 5 percent.\n"
    )
    result = process_bytes("table", doc.encode(), None)
    assert result.status == "ok" or result.error
    assert all(math.isfinite(c.value) for c in result.claims), [(c.text[:12], c.value) for c in result.claims]


def test_an_over_long_line_is_a_budget_error_not_spacy_e088():
    paragraph = "Growth was 5.2 percent in 2022 and more words follow here. " * 17_000  # 1M characters
    result = process_bytes("para", (paragraph + "\n").encode(), None)
    assert result.status == "error"
    assert "budget" in result.error and "E088" not in result.error and "max_length" not in result.error


@pytest.mark.slow
def test_a_million_character_paragraph_does_not_surface_spacy_e088():
    line = "The quick brown fox jumps over the lazy dog near the river bank today. " * 2_500  # 177k, no figure
    text = "Exports rose 5 percent.\n" + "\n".join([line] * 6) + "\nImports fell 3 percent.\n"
    assert len(text) > 1_000_000  # over spaCy's nlp.max_length, within the per-line budget
    result = process_bytes("para", text.encode(), None)
    assert result.status == "ok", result.error
    assert [c.text for c in result.claims] == ["5 percent", "3 percent"]


def test_a_small_budget_turns_a_document_into_an_error_row():
    result = process_bytes("big", b"Exports rose 5 percent.\n" * 10, None, budget=Budget(max_chars=100))
    assert result.status == "error" and "over the budget of 100" in result.error


# --- 7. line ends ----------------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", [MIIT, BOE])
def test_lone_cr_line_ends_lose_no_claims(doc_id):
    raw = (CORPUS / f"{doc_id}.txt").read_bytes()
    assert b"\r" not in raw
    lf = process_bytes(doc_id, raw, None)
    cr = process_bytes(doc_id, raw.replace(b"\n", b"\r"), None)
    assert lf.status == cr.status == "ok"
    assert len(lf.claims) >= 5
    assert claim_tuples(cr) == claim_tuples(lf)  # same length, so the same offsets
    assert [(t.start, t.end, t.speaker, t.speaker_role) for t in cr.turns] == [
        (t.start, t.end, t.speaker, t.speaker_role) for t in lf.turns
    ]
    assert cr.title == lf.title and cr.date == lf.date


def test_crlf_line_ends_lose_no_claims():
    raw = (CORPUS / f"{MIIT}.txt").read_bytes()
    lf = process_bytes(MIIT, raw, None)
    crlf = process_bytes(MIIT, raw.replace(b"\n", b"\r\n"), None)
    text = raw.replace(b"\n", b"\r\n").decode("utf-8")
    assert all(text[c.start : c.end] == c.text for c in crlf.claims)
    assert [t[2:] for t in claim_tuples(crlf)] == [t[2:] for t in claim_tuples(lf)]


# --- 8. Ctrl-C and kill -9 ---------------------------------------------------------------------------


def _slow_corpus(tmp_path: Path, copies: int = 16) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (CORPUS / "2023-03-10-wh-briefing-young-rouse-budget.txt").read_text(encoding="utf-8")
    for i in range(copies):
        (corpus / f"doc{i:02d}.txt").write_text(f"{text}\nExtra {i}.\n", encoding="utf-8")
    return corpus


def _start_with_workers(corpus: Path, out: Path):
    psutil = pytest.importorskip("psutil")
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "extract", str(corpus), "--out", str(out), "--jobs", "2", "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 90
    workers = []
    while time.monotonic() < deadline and process.poll() is None:
        workers = psutil.Process(process.pid).children()
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert len(workers) >= 2, "the run never started its workers"
    time.sleep(1.0)  # the workers are busy with their first documents
    return psutil, process, workers


def _cleanup(process, workers) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(timeout=30)
    for worker in workers:
        try:
            worker.kill()
        except Exception:  # noqa: BLE001 — already gone
            pass


@pytest.mark.slow
def test_kill_9_of_the_parent_ends_its_workers(tmp_path):
    psutil, process, workers = _start_with_workers(_slow_corpus(tmp_path), tmp_path / "out")
    try:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        _, alive = psutil.wait_procs(workers, timeout=15)
        assert alive == [], f"orphan workers still running: {alive}"
        assert not (tmp_path / "out" / "claims.csv").exists()
    finally:
        _cleanup(process, workers)


@pytest.mark.slow
def test_ctrl_c_stops_the_run_and_its_workers_cleanly(tmp_path):
    psutil, process, workers = _start_with_workers(_slow_corpus(tmp_path), tmp_path / "out")
    try:
        process.send_signal(signal.SIGINT)
        interrupted = time.monotonic()
        code = process.wait(timeout=60)
        stderr = process.stderr.read()
        assert code not in (0, 70), stderr
        assert "internal error" not in stderr and "Traceback" not in stderr, stderr
        _, alive = psutil.wait_procs(workers, timeout=15)
        assert alive == []
        assert time.monotonic() - interrupted < 15  # "stop at once"
        assert not list((tmp_path / "out").glob(".*.tmp"))
    finally:
        _cleanup(process, workers)


# --- 9. the last figure of a document ----------------------------------------------------------------


@pytest.mark.parametrize("ending", ["", "\n"])
def test_the_last_figure_followed_only_by_a_full_stop_is_kept(ending):
    text = f"The band announced a tour, with tickets starting at $448.{ending}"
    result = process_bytes("tour", text.encode(), None)
    assert [(c.text, c.value, c.unit) for c in result.claims] == [("$448", 448.0, "USD")]


def test_a_bare_count_ending_a_complete_text_is_kept():
    result = process_bytes("hires", b"Exports rose 5 percent. In total, the firm hired 1,200.\n", None)
    assert [c.text for c in result.claims] == ["5 percent", "1,200"]


# --- 10. units pint cannot parse -------------------------------------------------------------------


def test_units_pint_cannot_parse_do_not_make_the_document_an_error(tmp_path):
    assert units.pint_symbol("pound-mass") is None and not units.is_pint_symbol("milliampere-hour")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "units.txt").write_text(
        "The dog weighs 37 pounds, 17 kilos.\n\nThe phone has a 4500 mAh battery.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = extract_cli(corpus, out)
    assert result.exit_code == 0, result.output
    doc = documents(out)["units"]
    assert doc["status"] == "ok" and not doc["error"] and not doc["warnings"]
    found = {float(r["value"]): r["unit"] for r in claim_rows(out, "units")}
    assert set(found) == {37.0, 17.0, 4500.0}  # no figure lost (a unit may degrade to "other")
    assert all(unit for unit in found.values())


# --- minor cases --------------------------------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o027], ids=["umask-022", "umask-027"])
def test_output_files_follow_the_umask(tmp_path, mask):
    corpus = make_corpus(tmp_path, BOE)
    out = tmp_path / "out"
    previous = os.umask(mask)
    try:
        run_extract(corpus, out, opts())
    finally:
        os.umask(previous)
    files = [out / name for name in TABLE_FILES] + list((out / CACHE_DIR).glob("*.json"))
    assert len(files) >= 8
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path


def test_tables_are_kept_as_a_set_when_a_later_run_fails(tmp_path):
    corpus = make_corpus(tmp_path, BOE)
    out = tmp_path / "out"
    assert extract_cli(corpus, out).exit_code == 0
    before = table_bytes(out)
    shutil.copy(CORPUS / f"{FINMIN}.txt", corpus)
    failed = extract_cli(corpus, out, "--model", "no_such_model")
    assert failed.exit_code == 4
    assert table_bytes(out) == before
    assert not list(out.glob(".*.tmp"))


def test_tables_are_not_renamed_unless_every_document_has_its_row(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path, BOE, FINMIN)
    out = tmp_path / "out"
    run_extract(corpus, out, opts())
    before = table_bytes(out)
    (corpus / "new.txt").write_text("Imports fell 2 percent.\n", encoding="utf-8")
    real = run_module._part_of
    seen: list[dict] = []

    def duplicated(*args, **kwargs):  # every document comes back as the first
        seen.append(real(*args, **kwargs))
        return seen[0]

    monkeypatch.setattr(run_module, "_part_of", duplicated)
    with pytest.raises(run_module.IncompleteRun):
        run_extract(corpus, out, opts())
    assert table_bytes(out) == before
    assert not list(out.glob(".*.tmp"))

    def crash(path, *args, **kwargs):
        if Path(path).stem == FINMIN:
            raise OSError("disk full")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(run_module, "_part_of", crash)
    with pytest.raises(OSError, match="disk full"):
        run_extract(corpus, out, opts())
    assert table_bytes(out) == before
    assert not list(out.glob(".*.tmp"))


def test_stale_temporaries_are_swept(tmp_path):
    corpus = make_corpus(tmp_path, BOE)
    out = tmp_path / "out"
    run_extract(corpus, out, opts())
    stale = [
        out / ".claims.csv.k2j3h4.tmp",
        out / ".documents.parquet.zz9.tmp",
        out / CACHE_DIR / f".{BOE}-abc.json.q1w2.tmp",
        out / CACHE_DIR / ".manifest.json.x.tmp",
    ]
    for path in stale:
        path.write_bytes(b"half-written")
    summary = run_extract(corpus, out, opts())  # even a run with nothing to do sweeps
    assert summary.processed == 0
    assert [p for p in stale if p.exists()] == []
    assert not list(out.rglob("*.tmp"))


@pytest.mark.parametrize(
    ("error", "first_line"),
    [
        (RuntimeError("boom"), "internal error: RuntimeError: boom"),
        # spaCy's, pyarrow's and pandas' messages often hold line breaks
        (ValueError("first line\nsecond line"), "internal error: ValueError: first line second line"),
    ],
)
def test_an_internal_error_is_exit_70_and_one_line(tmp_path, monkeypatch, capsys, error, first_line):
    corpus = make_corpus(tmp_path, BOE)

    def boom(*args, **kwargs):
        raise error

    monkeypatch.setattr(run_module, "run_extract", boom)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # typer installs its own hook
    monkeypatch.setattr(sys, "argv", ["claims", "extract", str(corpus), "--out", str(tmp_path / "out"), "-q"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 70
    err = capsys.readouterr().err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith(first_line) and "Traceback" not in err


ARABIC_AND_INVISIBLE = [
    pytest.param("Growth was \u0663.\u0665 percent in \u0662\u0660\u0662\u0662.", [(3.5, "percent")], id="arabic-dot"),
    pytest.param("In \u0662\u0660\u0662\u0662, exports rose \u0665 percent.", [(5.0, "percent")], id="arabic-year"),
    pytest.param("Exports rose \u06f1\u06f2 percent.", [(12.0, "percent")], id="persian-digits"),
    pytest.param("Sales were 1\u200b234 units.", [(1234.0, "count")], id="zwsp"),
    pytest.param("Sales were 12\u00ad345 units.", [(12345.0, "count")], id="soft-hyphen"),
    pytest.param("Revenue was $1,\u2060234.5 million.", [(1234.5e6, "USD")], id="word-joiner"),
    pytest.param("Sales were 1\ufeff234 units.", [(1234.0, "count")], id="inner-bom"),
    pytest.param("Growth was \u0663\u066b\u0665 percent.", [(3.5, "percent")], id="arabic-decimal-separator"),
    pytest.param(
        "Sales were \u0661\u066c\u0662\u0663\u0664 units.", [(1234.0, "count")], id="arabic-thousands-separator"
    ),
    pytest.param("Growth was \uff13\uff0e\uff15\uff05.", [(3.5, "percent")], id="full-width"),
    # Canada's Fiscal Monitor writes a fiscal year with a non-breaking hyphen, others with U+2010
    pytest.param("Revenues were $10.5 billion in the April to January period of 2022\u201123.", [(1.05e10, "USD")],
                 id="non-breaking-hyphen"),
    pytest.param("Revenues were $10.5 billion in 2022\u201023.", [(1.05e10, "USD")], id="unicode-hyphen"),
]


@pytest.mark.parametrize(("sentence", "expected"), ARABIC_AND_INVISIBLE)
def test_other_digits_and_invisible_characters_do_not_split_numbers(sentence, expected):
    assert values(sentence + "\n") == expected


def _pred_table(path: Path, records: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=CLAIM_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)
    return path


@pytest.fixture
def small_gold(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(GOLD / f"{BOE}.jsonl", gold)
    records = [json.loads(line) for line in (gold / f"{BOE}.jsonl").read_text(encoding="utf-8").splitlines()]
    return gold, records


def _evaluate(gold: Path, pred: Path, *extra: str):
    return runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred), *extra])


def test_evaluate_refuses_negative_and_empty_offsets(tmp_path, small_gold):
    gold, records = small_gold
    perfect = _evaluate(gold, _pred_table(tmp_path / "perfect.csv", records), "--json")
    assert perfect.exit_code == 0 and json.loads(perfect.stdout)["overall"]["span"]["strict"]["f"] == 1.0
    negative = [dict(records[0], start=-3), *records[1:]]
    result = _evaluate(gold, _pred_table(tmp_path / "negative.csv", negative))
    assert result.exit_code == 2 and f"{BOE}: offsets -3..{records[0]['end']} are not a span" in result.output
    empty_span = [dict(records[0], end=records[0]["start"]), *records[1:]]
    result = _evaluate(gold, _pred_table(tmp_path / "empty-span.csv", empty_span))
    assert result.exit_code == 2 and "are not a span" in result.output


def test_evaluate_on_empty_inputs(tmp_path, small_gold):
    gold, records = small_gold
    empty_file = tmp_path / "empty.csv"
    empty_file.write_bytes(b"")
    result = _evaluate(gold, empty_file)
    assert result.exit_code == 2 and "not a claims table" in result.output
    header_only = _evaluate(gold, _pred_table(tmp_path / "header.csv", []))
    assert header_only.exit_code == 0
    assert f"note: {tmp_path / 'header.csv'} holds no claims" in header_only.output
    no_gold = tmp_path / "no-gold"
    no_gold.mkdir()
    result = _evaluate(no_gold, _pred_table(tmp_path / "perfect.csv", records))
    assert result.exit_code == 2 and "no gold records" in result.output
    below = _evaluate(gold, _pred_table(tmp_path / "header.csv", []), "--min-f1", "0.5")
    assert below.exit_code == 5  # nothing predicted is not a pass


def test_evaluate_names_unknown_doc_ids(tmp_path, small_gold):
    gold, records = small_gold
    pred = _pred_table(tmp_path / "pred.csv", records + [dict(r, doc_id="not-in-gold") for r in records])
    result = _evaluate(gold, pred)
    assert result.exit_code == 0
    assert "note: 1 predicted document(s) have no gold and are not scored: not-in-gold" in result.output
    unknown = _evaluate(gold, pred, "--docs", f"{BOE},nope")
    assert unknown.exit_code == 2 and "no gold file for nope" in unknown.output


@pytest.mark.parametrize("doc_id", [BOE, MIIT])
def test_a_bom_changes_neither_title_nor_periods(doc_id):
    raw = (CORPUS / f"{doc_id}.txt").read_bytes()
    plain = process_bytes(doc_id, raw, None)  # no sidecar: title and date come from the text
    bom = process_bytes(doc_id, b"\xef\xbb\xbf" + raw, None)
    assert plain.status == bom.status == "ok"
    assert bom.title == plain.title and not bom.title.startswith("\ufeff")
    assert bom.date == plain.date and bom.kind == plain.kind
    assert claim_tuples(bom) == claim_tuples(plain, shift=1)  # the BOM is one character of the raw text
    assert any(c.time_start for c in plain.claims)


def test_jobs_64_on_two_documents(tmp_path):
    corpus = make_corpus(tmp_path, BOE, FINMIN)
    one = extract_cli(corpus, tmp_path / "one", "--no-cache")
    many = extract_cli(corpus, tmp_path / "many", "--no-cache", "--jobs", "64")
    assert one.exit_code == many.exit_code == 0, many.output
    assert table_bytes(tmp_path / "many") == table_bytes(tmp_path / "one")


def test_unreadable_documents_become_error_rows_with_a_reason(tmp_path):
    corpus = make_corpus(tmp_path, BOE)
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    out = tmp_path / "out"
    result = extract_cli(corpus, out)
    assert result.exit_code == 3
    docs = documents(out)
    assert docs["dangling"]["status"] == "error" and "dangling.txt: cannot read" in docs["dangling"]["error"]
    assert "No such file" in docs["dangling"]["error"]
    assert docs["loop"]["status"] == "error" and "loop.txt: cannot read" in docs["loop"]["error"]
    assert docs[BOE]["status"] == "ok"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_in_the_corpus_gets_a_hint(tmp_path, encoding):
    corpus = make_corpus(tmp_path, BOE)
    (corpus / "wide.txt").write_bytes("Press briefing\nExports grew 5 percent in 2023.\n".encode(encoding))
    out = tmp_path / "out"
    result = extract_cli(corpus, out)
    assert result.exit_code == 3
    error = documents(out)["wide"]["error"]
    assert "UTF-16" in error and "claims add" in error
    assert documents(out)[BOE]["status"] == "ok"


# --- 11. property: any text ----------------------------------------------------------------------

_NUMBER = st.one_of(
    st.integers(-(10**7), 10**13).map(lambda n: f"{n:,}"),
    st.integers(0, 10**6).map(str),
    st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 9999), st.integers(0, 999)),
    st.sampled_from(
        ["3½", "1-1/4", "two-thirds", "Seventy-three", "one in five", "22nd", "3,07,352", "half", "a quarter",
         "one hundred and twenty", "\u0663.\u0665", "\u0662\u0660\u0662\u0662", "1\u200b234", "\uff13\uff15",
         "9" * 30, "9" * 320]
    ),
)  # fmt: skip
_PREFIX = st.sampled_from(
    ["", "", "", "$", "€", "£", "¥", "RMB", "USD ", "Rs ", "A$", "-", "+", "\u2212", "(", "about ", "over ",
     "nearly ", "No. ", "between "]
)  # fmt: skip
_SUFFIX = st.sampled_from(
    ["", "", "", "%", " percent", " per cent", " percentage points", " million", " billion", " trillion yuan",
     "bn", "M", "K", " tonnes", " km/h", " kWh per kilo", " mAh", " pounds", " kilos", " basis points", " times",
     "-fold", " lakh crore", " cents", " years", " to 6 percent", "–7%", " and 5 percent", ".", " pound-mass",
     "-plus"]
)  # fmt: skip
_LABEL = st.sampled_from(
    ["MR. SMITH:", "Q", "Q:", "Q ", "Name:", "Wang Fang:", "MS. PSAKI:", "Host Li:", "CHAIR POWELL.", "A:",
     "[Zhao Zhiguo]:", "MODERATOR:"]
)  # fmt: skip
_WORD = st.sampled_from(
    ["Exports", "rose", "fell", "by", "in", "2022", "the", "year", "compared with", "last month", "and",
     "respectively", ",", ".", "?", "Jan. 18, 2023", "the first quarter", "said", "Thank you.", "5G", "C919",
     "14th Five-Year Plan", "year on year", "from", "to", "Beijing | 3 p.m. Jan. 18, 2023", "Read in Chinese"]
)  # fmt: skip
_JUNK = st.sampled_from(
    ["\u200b", "\u00a0", "\u0301", "\u200f", "\u200e", "\u202e", "\U0001f600", "\r\n", "\r", "\n", "\n\n", "\t",
     "\ufeff", "\u00ad", "\u2060", "\u066b", "\uff0e", "**", "[", "](http://x)", "<s>", "</s>", "\\[", "\u2028",
     "\u2029", "\x0b", "\x0c", "\x85", "\u3000"]
)  # fmt: skip
_FREE = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)
_QUANTITY = st.builds(lambda p, n, s: p + n + s, _PREFIX, _NUMBER, _SUFFIX)
_SEPARATOR = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "\r", "\r\n", " \u00a0"])
DOCUMENTS = st.lists(
    st.tuples(st.one_of(_QUANTITY, _QUANTITY, _LABEL, _WORD, _WORD, _JUNK, _FREE), _SEPARATOR), min_size=1, max_size=60
).map(lambda parts: "".join(token + sep for token, sep in parts))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_any_text_gives_exact_offsets_finite_values_and_disjoint_turns(text):
    raw = text.encode("utf-8")
    result = process_bytes("prop", raw, None)
    assert result.status in ("ok", "error")
    if result.status == "error":
        assert isinstance(result.error, str) and result.error.strip()
        return
    for claim in result.claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert math.isfinite(claim.value)
        assert claim.value_high is None or math.isfinite(claim.value_high)
        assert claim.sentence_start <= claim.start and claim.end <= claim.sentence_end
    turns = result.turns
    for turn in turns:
        assert 0 <= turn.start <= turn.end <= len(text)
    for before, after in zip(turns, turns[1:], strict=False):
        assert before.end <= after.start
    indexes = {t.turn_index for t in turns}
    assert all(c.turn_index in indexes for c in result.claims if c.turn_index is not None)
    json.dumps([c.as_row() for c in result.claims], allow_nan=False)  # raises on NaN or inf anywhere in a row
