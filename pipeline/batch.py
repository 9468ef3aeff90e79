"""Run the stages over one document, and over a corpus with one bad document never stopping the rest.

Order: ingest → segment → sentences → extract (numbers, on raw sentence text) → annotate (spaCy,
only on sentences holding a number) → normalise → assemble.
"""

from __future__ import annotations

import re
import signal
import threading
import traceback
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import annotate as annotate_stage
from pipeline import grid, speakers
from pipeline.assemble import assemble
from pipeline.extract import extract_quantities, paragraph_numbers
from pipeline.ingest import IngestError, document_from_bytes, read_bytes
from pipeline.normalise import normalise
from pipeline.records import Document, DocumentResult, QuantityMention, Sentence, TableCell
from pipeline.segment import header_snippets, segment


def mentions_of(doc: Document, sentences: list[Sentence], warnings: list[str] | None = None) -> list[QuantityMention]:
    """Quantity mentions of every sentence, outside chrome, in text order. A sentence the grammar
    fails on loses its mentions, not the document: the failure is added to ``warnings``. Every value
    of a flattened table is a mention, with its column's or caption's unit (GUIDELINES §5)."""
    out: list[QuantityMention] = []
    # by where the number ends: a cell holds its sign
    cells = {c.end: c for c in [*grid.find_cells(doc.text), *grid.find_row_cells(doc.text)]}
    numbering = paragraph_numbers(doc.text)
    for index, sentence in enumerate(sentences):
        text = doc.text[sentence.start : sentence.end]
        try:
            found = extract_quantities(text, sentence.start, index, local_currency=doc.currency)
        except Exception as err:  # noqa: BLE001 — one odd sentence must not cost the document
            if warnings is not None:
                warnings.append(f"sentence at {sentence.start}: {type(err).__name__}: {err}"[:300])
            continue
        for m in found:
            if doc.in_chrome(m.start) or _cut_off(doc, m) or (m.start, m.end) in numbering:
                continue
            cell = cells.get(m.number_end)
            if cell is not None and cell.start <= m.number_start:
                del cells[m.number_end]
                # "1.5" under a caption "…, %" is 1.5 percent
                m = replace(m, cell=cell, unit=cell.unit or m.unit, unit_surface=None if cell.unit else m.unit_surface)
            out.append(m)
    # values the grammar leaves alone ("2.1e": a footnote letter glued to the number)
    starts = [s.start for s in sentences]
    for cell in cells.values():
        index = bisect_right(starts, cell.start) - 1
        if index >= 0 and cell.end <= sentences[index].end and not doc.in_chrome(cell.start):
            out.append(_cell_mention(doc.text, cell, index))
    return sorted(out, key=lambda m: (m.start, m.end))


def _cell_mention(text: str, cell: TableCell, sentence_index: int) -> QuantityMention:
    written = text[cell.start : cell.end]
    value = float(written.replace(",", "").replace("−", "-"))
    return QuantityMention(
        start=cell.start, end=cell.end, text=written, value=value, value_high=None, unit_surface=None,
        unit=cell.unit or "other", scale_applied=False, sentence_index=sentence_index, source="table",
        number_start=cell.start, number_end=cell.end, sign=-1 if value < 0 else 0, cell=cell,
    )  # fmt: skip


def _cut_off(doc: Document, m: QuantityMention) -> bool:
    """A figure at the very end of an excerpt that stops mid-figure, so that its value cannot be read:
    a bare number followed only by a point ("… increased by 6.": the decimals are missing) or by the
    start of a word ("3.3 trillion y", "USD 921.6 bill": the unit or scale is cut). An excerpt that was
    cut may still end with a line break, so the figure itself decides: a bare one- or two-digit number
    ("by 6.") may have lost its decimals, "hired 1,200." and "starting at $448." are complete."""
    rest = doc.text[m.end :]
    if rest == "." and m.unit_surface is None and m.unit in ("count", "other"):
        return bool(re.fullmatch(r"\d{1,2}", m.text))
    return bool(re.fullmatch(r" [A-Za-z]{1,4}", rest))


def process_document(doc: Document, *, model: str = annotate_stage.DEFAULT_MODEL) -> DocumentResult:
    """ingest'd document → turns → sentences → mentions → normalised quantities → claims."""
    annotate_stage.MEMORY_ZONE.next_document(model)
    return _process_document(doc, model)


def _process_document(doc: Document, model: str) -> DocumentResult:
    persons = speakers.person_entities(header_snippets(doc), model)
    turns = segment(doc, persons)
    sentences = annotate_stage.sentences_of(doc, turns)
    # numbers first (a cheap regular grammar), then the statistical pipeline only where they are
    warnings: list[str] = []
    mentions = mentions_of(doc, sentences, warnings)
    sentences = annotate_stage.annotate(doc, sentences, {m.sentence_index for m in mentions}, model=model)
    quantities = normalise(doc, turns, sentences, mentions)
    claims = assemble(doc, turns, sentences, quantities)
    for claim in claims:  # offsets are sacred: fail loudly rather than write a wrong span
        if doc.raw[claim.start : claim.end] != claim.text:
            raise AssertionError(f"offset mismatch in {doc.doc_id} at {claim.start}: {claim.text!r}")
    return DocumentResult(
        doc_id=doc.doc_id,
        title=doc.title,
        date=doc.date.isoformat() if doc.date else None,
        kind=doc.kind,
        words=len(doc.text.split()),
        turns=[replace(t, start=a, end=b) for t in turns for a, b in [doc.raw_span(t.start, t.end)]],
        claims=claims,
        warnings=warnings,
    )


@dataclass(frozen=True)
class Budget:
    """What one document may cost before it becomes an error row instead of stalling the batch."""

    max_chars: int = 5_000_000  # a whole document
    max_line_chars: int = 200_000  # one line: longer runs are dumps, not transcripts
    seconds: float = 600.0  # wall time, enforced where the worker can be interrupted (see time_limit)


class BudgetExceeded(RuntimeError):
    """A document over its size or time budget."""


@contextmanager
def time_limit(seconds: float):
    """Raise ``BudgetExceeded`` in this thread after ``seconds``. Works in a process's main thread
    (the CLI, worker processes); elsewhere (Dask worker threads) only the size budget applies."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise BudgetExceeded(f"over the time budget of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_size(text: str, budget: Budget) -> None:
    if len(text) > budget.max_chars:
        raise BudgetExceeded(f"{len(text):,} characters, over the budget of {budget.max_chars:,} per document")
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > budget.max_line_chars:
        raise BudgetExceeded(
            f"a line of {longest:,} characters, over the budget of {budget.max_line_chars:,} per line "
            "(a dump, not running text)"
        )


def process_bytes(
    doc_id: str,
    raw: bytes,
    sidecar: bytes | None,
    *,
    model: str = annotate_stage.DEFAULT_MODEL,
    budget: Budget = Budget(),
) -> DocumentResult:
    """Process a document given as the bytes of its text and sidecar. Never raises for a bad
    document: a failure becomes a result with status 'error' (a missing model still raises)."""
    try:
        doc = document_from_bytes(doc_id, raw, sidecar)
    except IngestError as err:
        return DocumentResult(doc_id=doc_id, status="error", error=str(err))
    try:
        check_size(doc.text, budget)
        with time_limit(budget.seconds):
            return process_document(doc, model=model)
    except annotate_stage.ModelError:
        raise  # a missing model fails every document: stop the run with its message
    except BudgetExceeded as err:
        return DocumentResult(doc_id=doc_id, title=doc.title, kind=doc.kind, status="error", error=str(err))
    except Exception as err:  # one broken document must not stop a batch
        detail = traceback.format_exception_only(type(err), err)[-1].strip()
        return DocumentResult(
            doc_id=doc.doc_id, title=doc.title, kind=doc.kind, status="error", error=f"internal error: {detail}"
        )


def process_path(path: Path, *, model: str = annotate_stage.DEFAULT_MODEL, budget: Budget = Budget()) -> DocumentResult:
    """``process_bytes`` on a file of the corpus; a file that cannot be read is an error result."""
    try:
        raw, sidecar = read_bytes(path)
    except IngestError as err:
        return DocumentResult(doc_id=Path(path).stem, status="error", error=str(err))
    return process_bytes(Path(path).stem, raw, sidecar, model=model, budget=budget)


def corpus_paths(corpus: Path) -> list[Path]:
    """The documents of a corpus folder: every ``*.txt`` that is not a folder, sorted by name. A file
    that cannot be read (a dangling link, a link loop) is kept, so that it gets an error row."""
    return sorted(p for p in Path(corpus).glob("*.txt") if not p.is_dir())
