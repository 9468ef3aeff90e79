"""Run the stages over one document, and over a corpus with one bad document never stopping the rest.

Order: ingest → segment → sentences → extract (numbers, on raw sentence text) → annotate (spaCy,
only on sentences holding a number) → normalise → assemble.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from pipeline import annotate as annotate_stage
from pipeline.assemble import assemble
from pipeline.extract import extract_quantities
from pipeline.ingest import IngestError, read_document
from pipeline.normalise import normalise
from pipeline.records import Document, DocumentResult, QuantityMention, Sentence
from pipeline.segment import segment


def mentions_of(doc: Document, sentences: list[Sentence]) -> list[QuantityMention]:
    """Quantity mentions of every sentence, outside chrome, in text order."""
    out: list[QuantityMention] = []
    for index, sentence in enumerate(sentences):
        text = doc.text[sentence.start : sentence.end]
        for m in extract_quantities(text, sentence.start, index):
            if any(c.start <= m.start < c.end for c in doc.chrome):
                continue
            if _truncated(doc.text, m.end):
                continue
            out.append(m)
    return out


def _truncated(text: str, end: int) -> bool:
    """A bare number cut off by the end of the text ("… increased by 6."): its decimals are missing."""
    return end > 0 and text[end - 1].isdigit() and text[end:].rstrip() == "."


def process_document(doc: Document, *, model: str = annotate_stage.DEFAULT_MODEL) -> DocumentResult:
    """ingest'd document → turns → sentences → mentions → normalised quantities → claims."""
    turns = segment(doc)
    sentences = annotate_stage.sentences_of(doc, turns)
    # numbers first (a cheap regular grammar), then the statistical pipeline only where they are
    mentions = mentions_of(doc, sentences)
    sentences = annotate_stage.annotate(doc, sentences, {m.sentence_index for m in mentions}, model=model)
    quantities = normalise(doc, turns, sentences, mentions)
    claims = assemble(doc.doc_id, turns, sentences, quantities)
    for claim in claims:  # offsets are sacred: fail loudly rather than write a wrong span
        if doc.text[claim.start : claim.end] != claim.text:
            raise AssertionError(f"offset mismatch in {doc.doc_id} at {claim.start}: {claim.text!r}")
    return DocumentResult(
        doc_id=doc.doc_id,
        title=doc.title,
        date=doc.date.isoformat() if doc.date else None,
        kind=doc.kind,
        words=len(doc.text.split()),
        turns=turns,
        claims=claims,
    )


def process_path(path: Path, *, model: str = annotate_stage.DEFAULT_MODEL) -> DocumentResult:
    """Like ``process_document`` but never raises: a failure becomes a result with status 'error'."""
    try:
        doc = read_document(path)
    except IngestError as err:
        return DocumentResult(doc_id=Path(path).stem, status="error", error=str(err))
    try:
        return process_document(doc, model=model)
    except annotate_stage.ModelError:
        raise  # a missing model fails every document: stop the run with its message
    except Exception as err:  # one broken document must not stop a batch
        detail = traceback.format_exception_only(type(err), err)[-1].strip()
        return DocumentResult(
            doc_id=doc.doc_id, title=doc.title, kind=doc.kind, status="error", error=f"internal error: {detail}"
        )


def corpus_paths(corpus: Path) -> list[Path]:
    """The documents of a corpus folder: every ``*.txt``, sorted by name."""
    return sorted(p for p in Path(corpus).glob("*.txt") if p.is_file())
