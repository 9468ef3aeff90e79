"""Annotation: the lemmatizer runs on demand, and gives what running it in the pipeline gives."""

import pytest

from pipeline.annotate import annotate, lemma, load_model, sentences_of
from pipeline.segment import segment


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
