"""Annotation: the lemmatizer runs on demand, and gives what running it in the pipeline gives."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.annotate import _line_sentences, _sentencizer, annotate, lemma, load_model, sentences_of
from pipeline.segment import segment
from tests.conftest import CORPUS


@pytest.mark.slow
def test_lemmas_on_demand_equal_the_pipelines(seed_documents):
    nlp = load_model()
    doc = seed_documents["2023-01-18-scio-industry-it-2022"]
    sentences = sentences_of(doc, segment(doc, ()))[:80]
    lazy = annotate(doc, sentences, set(range(len(sentences))))
    full = list(nlp.pipe(doc.text[s.start : s.end] for s in sentences))
    pairs = [(lemma(a), b.lemma_) for s, parsed in zip(lazy, full, strict=True) for a, b in zip(s.doc, parsed, strict=True)]
    assert len(pairs) > 1000
    assert all(a == b for a, b in pairs), [p for p in pairs if p[0] != p[1]][:5]
    assert any(a != t.text for (a, _), t in zip(pairs, [t for s in lazy for t in s.doc], strict=True))


def _sentencizer_spans(line: str) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in _sentencizer()(line).sents]


@pytest.mark.parametrize(
    "doc_id",
    [
        "2022-06-14-miit-decade-report",  # Chinese ministry, translated
        "2021-06-04-wh-briefing-psaki-deese-jobs",  # White House transcript (NBSP after labels)
        "2024-07-18-sarb-kganyago-rate-decision-quotes",  # South African news report
    ],
)
def test_piecewise_sentences_equal_the_sentencizers(doc_id):
    """Sentences read piece by piece are the sentences spaCy's sentencizer gives the whole line."""
    lines = [line for line in (CORPUS / f"{doc_id}.txt").read_text().split("\n") if line.strip()]
    assert len(lines) >= 10
    assert [_line_sentences(line) for line in lines] == [_sentencizer_spans(line) for line in lines]
    assert any(len(_line_sentences(line)) > 1 for line in lines)  # multi-sentence lines are exercised


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "U.S.", "No.", "5.2%", "rose", "(a.m.)", '."', "?", "!", "...", "Dr", "e.g.", "—", "’s", "$3.", "x"]), min_size=1, max_size=14), st.sampled_from([" ", "  ", "\t", "\u00a0"]))
def test_piecewise_sentences_equal_the_sentencizers_on_any_line(words, space):
    line = space.join(words)
    if line.strip():
        assert _line_sentences(line) == _sentencizer_spans(line)
