"""Golden modality cases: real sentences and whether each figure is a result or a target.

``tests/cases/modality.jsonl``: ``{"class", "source", "text", "figure", "modality"}``, written by
reading the sentence (gold/GUIDELINES.md §7: plans, goals, forecasts and projections are targets;
the observed base a forecast is compared with is actual). Every class has sentences from two
publishers, except where ``SINGLE_SOURCE`` says why not.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.normalise import modality_of

CASES = [
    json.loads(line) for line in (Path(__file__).parent / "cases" / "modality.jsonl").read_text().splitlines() if line
]
SINGLE_SOURCE = {"current_level": "'unchanged at their current levels' occurs in the ECB statement only"}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['class']}:{c['figure']}" for c in CASES])
def test_modality_case(case):
    start = case["text"].index(case["figure"])
    modality, _soft = modality_of(case["text"], start, start + len(case["figure"]))
    assert modality == case["modality"]


def test_every_class_has_two_sources():
    sources = defaultdict(set)
    for case in CASES:
        sources[case["class"]].add(case["source"].split(" ")[0])
    assert not {cls for cls, found in sources.items() if len(found) < 2 and cls not in SINGLE_SOURCE}
