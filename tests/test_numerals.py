import pytest

from pipeline.numerals import find_numerals, may_hold_number, words_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seventy-three industrial enterprises", [("Seventy-three", 73.0, "words")]),
        ("1,808 units and 2.55 times", [("1,808", 1808.0, "digits"), ("2.55", 2.55, "digits")]),
        ("accounting for one-third of all users", [("one-third", 33.333333, "fraction")]),
        ("ranking first in the world", [("first", 1.0, "ordinal")]),
        ("the 14th Five-Year Plan", [("14th", 14.0, "ordinal"), ("Five", 5.0, "words")]),
        ("increasing by 16.3% and15.0% respectively", [("16.3", 16.3, "digits"), ("15.0", 15.0, "digits")]),
    ],
)
def test_find_numerals(text, expected):
    assert [(n.text, round(n.value, 6), n.form) for n in find_numerals(text)] == expected


def test_numeral_offsets_point_into_the_text():
    text = "Some 60% of the raw materials, and 4.6 billion sets, twenty-one firms"
    for n in find_numerals(text):
        assert text[n.start : n.end] == n.text


@pytest.mark.parametrize(("words", "value"), [("twenty one", 21), ("one hundred and twenty", 120), ("two dozen", 24)])
def test_words_value(words, value):
    assert words_value(words) == value


def test_words_value_rejects_non_numbers():
    assert words_value("two colleagues") is None


def test_may_hold_number():
    assert may_hold_number("It rose 5%.")
    assert may_hold_number("ranking first for seven years")
    assert not may_hold_number("Thank you for your question.")
