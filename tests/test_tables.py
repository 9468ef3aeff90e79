"""Data tables: the whole-word finder the cue tables are scanned with."""

from pipeline import tables


def test_find_word_matches_whole_words_only():
    assert tables.find_word("rate", "the unemployment rate fell") is not None
    assert tables.find_word("rate", "reported separately") is None  # inside a word
    assert tables.find_word("rate", "rates rose") is None  # a longer word
    assert tables.find_word("inflation", "inflation, at 3%").start() == 0


def test_word_pattern_is_compiled_once():
    assert tables.word_pattern("jobless rate") is tables.word_pattern("jobless rate")
