"""Literal anchors only ever skip patterns that cannot match (so skipping changes no result)."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import tables, timex
from pipeline.anchors import DIGIT, Sentence, anchor_pattern, required_strings

from .conftest import CORPUS

PATTERNS = [r.regex for r in timex.rules()] + [p.regex for p in tables.non_claim_patterns()]
ANCHORED = [(pattern, anchor_pattern(required_strings(pattern))) for pattern in PATTERNS]
# Every third distinct line of the corpus: enough for the skipping to be exercised millions of times,
# a third of the time of every line (the whole corpus took 105 s of the suite).
LINES = sorted({line for path in CORPUS.glob("*.txt") for line in path.read_text(encoding="utf-8").split("\n") if line.strip()})[::3]


def test_most_patterns_have_anchors():
    anchored = [p for p in PATTERNS if required_strings(p) is not None]
    assert len(anchored) >= 0.8 * len(PATTERNS)


def test_alternatives_repeats_and_optional_parts():
    assert required_strings(re.compile(r"(?i)(?:first|second) half")) == {" half"}
    assert required_strings(re.compile(r"(?:ab|c)d?")) == {"ab", "c"}
    assert required_strings(re.compile(r"(?:year)?s")) == {"s"}
    assert required_strings(re.compile(r"(?:year)*")) is None
    assert required_strings(re.compile(r"(?:x|)")) is None  # an empty alternative needs nothing
    assert required_strings(re.compile(r"[0-9]+%")) == {DIGIT}  # a digit is rarer than "%"
    assert required_strings(re.compile(r"[0-9]+ percent")) == {" percent"}
    assert required_strings(re.compile(r"[0-9]+")) == {DIGIT}
    assert required_strings(re.compile(r"(?i)Q[1-4]")) == {DIGIT}


def test_a_sentence_without_the_anchors_never_matches_on_the_corpus():
    checked = 0
    for line in LINES:
        sentence = Sentence(line)
        for pattern, anchor in ANCHORED:
            if not sentence.may_match(anchor):
                assert pattern.search(line) is None, (pattern.pattern, line)
                checked += 1
    assert checked > 10_000  # the test exercised skipping, not only matching


WORDS = ["year", "Years", "month", "Q3", "2023", "since", "last", "NEXT", "first half", "per cent", "%", "one", "No. 1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet="abcxyz ,.-/0123456789", max_size=6)), max_size=12))
def test_skipping_is_exact_on_generated_text(pieces):
    text = " ".join(pieces)
    sentence = Sentence(text)
    for pattern, anchor in ANCHORED:
        if not sentence.may_match(anchor):
            assert pattern.search(text) is None, (pattern.pattern, text)
