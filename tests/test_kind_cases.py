"""Golden kind-and-direction cases: real sentences and what a careful reader says each figure is.

``tests/cases/kinds.jsonl``, one object per line: ``{"class", "source", "text", "figure", "kind",
"direction"}``. Expectations follow gold/GUIDELINES.md §6 (a rate of inflation or growth is a
change in the direction of its sign; shares, contributions and interest rates are levels) and were
written by reading the sentence. Every class has sentences from two publishers, except where
``SINGLE_SOURCE`` says why not.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.extract import extract_quantities
from pipeline.figures import chains_of
from pipeline.normalise import kind_of

CASES = [
    json.loads(line) for line in (Path(__file__).parent / "cases" / "kinds.jsonl").read_text().splitlines() if line
]
# classes for which the corpora we can read hold one publisher's sentence only
SINGLE_SOURCE = {
    "participle_in_subject": "only MOFCOM's 'foreign contracted projects was' in either corpus",
    "shrink_by": "the White House corpus never says 'shrink by' or 'contract by' a percentage",
}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['class']}:{c['figure']}" for c in CASES])
def test_kind_case(case):
    mentions = extract_quantities(case["text"])
    chains = chains_of(case["text"], mentions, 0)
    start = case["text"].index(case["figure"])
    k = next(k for k, ch in enumerate(chains) if ch.start <= start < ch.end)
    unit = mentions[chains[k].members[0]].unit
    assert kind_of(case["text"], chains, k, unit) == (case["kind"], case["direction"])


def test_every_class_has_two_sources():
    sources = defaultdict(set)
    for case in CASES:
        sources[case["class"]].add(case["source"].split(" ")[0])
    thin = {cls for cls, found in sources.items() if len(found) < 2 and cls not in SINGLE_SOURCE}
    assert not thin
