"""Data tables: the whole-word finder the cue tables are scanned with."""

import re

import pytest

from pipeline import tables


def test_find_word_matches_whole_words_only():
    assert tables.find_word("rate", "the unemployment rate fell") is not None
    assert tables.find_word("rate", "reported separately") is None  # inside a word
    assert tables.find_word("rate", "rates rose") is None  # a longer word
    assert tables.find_word("inflation", "inflation, at 3%").start() == 0


def test_word_pattern_is_compiled_once():
    assert tables.word_pattern("jobless rate") is tables.word_pattern("jobless rate")


def test_word_alternation_matches_whole_words_and_contractions():
    pattern = re.compile(tables.word_alternation(["will", "going to", "’ll"]), re.IGNORECASE)
    assert pattern.search("We’ll see")  # a contraction glued to its word
    assert pattern.search("it is going  to rise")  # spaces inside a cue fold
    assert not pattern.search("willing to")  # a longer word
    assert not pattern.search("ongoing tolls")


def test_tense_cues_read_both_tenses_from_the_table():
    future, past = tables.tense_cues("future"), tables.tense_cues("past")
    assert future.search("growth is expected to slow") and not past.search("growth is expected to slow")
    assert past.search("Consumer prices rose 7.9 percent in June") and not future.search("prices rose in June")


def test_a_tense_the_table_does_not_know_is_an_error(monkeypatch):
    tables.tense_cues.cache_clear()
    monkeypatch.setattr(tables, "_rows", lambda name: [["will", "future"], ["was", "pluperfect"]])
    try:
        with pytest.raises(tables.TableError, match="pluperfect"):
            tables.tense_cues("future")
    finally:
        tables.tense_cues.cache_clear()
