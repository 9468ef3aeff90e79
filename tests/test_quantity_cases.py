"""Golden quantity cases: real sentences, each with the quantity mentions a careful reader expects.

The cases live in ``tests/cases/quantities.jsonl``, one JSON object per line:
``{"class", "source", "text", "currency"?, "expected": [{"text", "value", "unit", "value_high"}, ...]}``.
The expectations are written by reading the sentence (gold/GUIDELINES.md §1–4,
docs/claims-schema.md), never by copying pipeline output; a failing case is a finding about the
pipeline, not a reason to edit the case.

``extract_quantities`` does not load spaCy, so this module stays fast.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from urllib.parse import urldefrag

import pytest

from pipeline.extract import extract_quantities

CASES_FILE = Path(__file__).resolve().parent / "cases" / "quantities.jsonl"

CLASSES = (
    "fraction_of_unit",
    "fraction_of_whole",
    "fraction_of_scale",  # "a quarter of a million households", "a quarter of a billion dollars"
    "mixed_number",
    "ratio",
    "compact_scale",
    "cents_pence",
    "slash_unit",
    "index_points",
    "basis_points",
    "plain_counts",
    "indian_grouping",
    "decimal_comma",
    "currency_symbol",
    "spoken_range",
    "from_to_unit",
    "per_time_unit",  # "a million barrels a day": "a day" after a physical unit is per day  # "from 4.9 to 4.6 per cent", "rose by 0.02 percent to 6.03": the bare figure's unit
    "rank_ordinal",  # "Latin America's second-biggest economy", "America fell to 17th"
    "unit_range",  # "between 2.5% to 3.5%", "the government's 2% to 4% target": both ends with the unit, one range
    "unit_after_adjective",  # "12 million unused acres", "1.7 trillion more dollars", "11,000 fewer miles"
    "duration",  # "in under 5 minutes", "about 20, 25 minutes": a length of time in its unit
    "streak_ordinal",
    "signed",
    "iso_currency_prefix",  # "PLN 50 billion (EUR 11 billion)": an ISO 4217 code before the amount
    "percent_per_year",  # "grown around 3% a year": a rate in percent, not a percent per year
    "length_in_feet",  # "the bridge fell more than 100 feet"
    "scaled_range",  # "$20- to $24 billion", "5-7 million": the first number borrows the second's scale
    "not_a_claim",  # ages, clock times, the speaker's own points, list labels, idioms, sequels (GUIDELINES §2)
)

REL_TOL = 1e-6


def _load_cases() -> list[dict]:
    cases = []
    with CASES_FILE.open(encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            case = json.loads(line)
            case["_line"] = line_no
            cases.append(case)
    return cases


CASES = _load_cases()


def _case_ids(cases: list[dict]) -> list[str]:
    counters: dict[str, int] = defaultdict(int)
    ids = []
    for case in cases:
        counters[case["class"]] += 1
        ids.append(f"{case['class']}-{counters[case['class']]}")
    return ids


def document_of(source: str) -> str:
    """The document a ``source`` names: the path or URL without the trailing note in parentheses
    ("… .md (wrapped lines joined with single spaces)") and without a URL fragment."""
    doc = source.split(" (", 1)[0].strip()
    if doc.startswith(("http://", "https://")):
        doc = urldefrag(doc)[0]
    return doc


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=0.0 if b else 1e-12)


def _matches(got: list[tuple], expected: list[tuple]) -> bool:
    if len(got) != len(expected):
        return False
    for (g_text, g_value, g_unit, g_high), (e_text, e_value, e_unit, e_high) in zip(got, expected, strict=True):
        if g_text != e_text or g_unit != e_unit:
            return False
        if not _close(g_value, e_value) or not _close(g_high, e_high):
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=_case_ids(CASES))
def test_quantity_case(case):
    mentions = extract_quantities(case["text"], use_quantulum=True, local_currency=case.get("currency", "USD"))
    got = [(m.text, m.value, m.unit, m.value_high) for m in mentions]
    expected = [(e["text"], e["value"], e["unit"], e["value_high"]) for e in case["expected"]]
    assert _matches(got, expected), (
        f"\n  text:     {case['text']}\n  source:   {case['source']}\n  expected: {expected}\n  got:      {got}"
    )


def test_cases_file_is_well_formed():
    assert CASES, f"no cases in {CASES_FILE}"
    for case in CASES:
        where = f"line {case['_line']}"
        assert case["class"] in CLASSES, f"{where}: unknown class {case['class']!r}"
        assert case["source"].strip(), f"{where}: empty source"
        assert case["text"].strip(), f"{where}: empty text"
        assert isinstance(case["expected"], list), f"{where}: expected is not a list"
        for e in case["expected"]:
            assert set(e) == {"text", "value", "unit", "value_high"}, f"{where}: bad keys {sorted(e)}"
            assert e["text"] in case["text"], f"{where}: span {e['text']!r} is not in the sentence"
            assert isinstance(e["value"], (int, float)), f"{where}: value is not a number"
            assert e["value_high"] is None or isinstance(e["value_high"], (int, float)), f"{where}: bad value_high"
        # spans are listed in text order
        positions, start = [], 0
        for e in case["expected"]:
            pos = case["text"].find(e["text"], start)
            assert pos >= 0, f"{where}: spans not in text order at {e['text']!r}"
            positions.append(pos)
            start = pos + len(e["text"])


def test_every_class_has_cases_from_two_documents():
    by_class: dict[str, list[str]] = defaultdict(list)
    for case in CASES:
        by_class[case["class"]].append(document_of(case["source"]))
    problems = []
    for cls in CLASSES:
        docs = by_class.get(cls, [])
        if len(docs) < 2 or len(set(docs)) < 2:
            problems.append(f"{cls}: {len(docs)} cases from {len(set(docs))} documents")
    assert not problems, "classes short of cases: " + "; ".join(problems)
