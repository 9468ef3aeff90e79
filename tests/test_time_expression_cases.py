"""Golden time-expression cases: for every row of the temporal grammar (data/time_rules.tsv), real
sentences with the document date and the period a careful reader gives the expression.

``tests/cases/time_expressions.jsonl``: ``{"rule", "source", "doc_date", "country"?, "text",
"expression", "start", "end"}``, written by reading GUIDELINES §8, never by running the pipeline. A
failing case is a finding about the grammar, not a reason to edit the case.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.timex import TimeContext, find_time_expressions, rules

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "cases" / "time_expressions.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def _found(case):
    ctx = TimeContext.for_sentence(dt.date.fromisoformat(case["doc_date"]), case["text"], country=case.get("country"))
    start = case["text"].index(case["expression"])
    end = start + len(case["expression"])
    hits = [t for t in find_time_expressions(case["text"], ctx) if t.start < end and t.end > start]
    return hits


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}:{c['expression'][:30]}" for c in CASES])
def test_time_expression_case(case):
    hits = _found(case)
    assert hits, f"nothing found for {case['expression']!r}"
    t = hits[0]
    assert t.rule == case["rule"]
    assert case["expression"] in t.text or t.text in case["expression"]
    got = (t.period.start.isoformat(), t.period.end.isoformat()) if t.period else (None, None)
    assert got == (case["start"], case["end"])


def test_every_rule_row_has_a_case():
    covered = {c["rule"] for c in CASES}
    assert not {r.id for r in rules()} - covered


def test_most_rules_have_cases_from_two_sources():
    sources = defaultdict(set)
    for case in CASES:
        sources[case["rule"]].add(case["source"].split(" ")[0])
    single = sorted(rule for rule, found in sources.items() if len(found) < 2)
    assert len(single) <= 4, single  # see the closing note of issue 10 for the rows with one source only
