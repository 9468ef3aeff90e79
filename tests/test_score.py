"""Evaluator cases small enough to work out by hand."""

import pytest

from pipeline.score import evaluate, match_partial, token_f1


def rec(start, end, value=5.0, unit="percent", **kw):
    r = {
        "start": start,
        "end": end,
        "text": "x" * (end - start),
        "value": value,
        "value_high": None,
        "unit": unit,
        "qualifier": "exact",
        "kind": "level",
        "direction": None,
        "modality": "actual",
        "time_start": None,
        "time_end": None,
        "speaker": None,
        "speaker_role": "narrator",
        "metric": "added value",
    }
    r.update(kw)
    return r


def score(gold, pred):
    return evaluate({"d": gold}, {"d": pred}).overall


def test_perfect_match():
    s = score([rec(0, 4), rec(10, 14)], [rec(0, 4), rec(10, 14)])
    assert (s.span["strict"].f, s.span["partial"].f, s.fields["value_unit"].prf.f) == (1.0, 1.0, 1.0)


def test_one_false_positive():
    s = score([rec(0, 4)], [rec(0, 4), rec(20, 24)])
    assert (s.span["strict"].p, s.span["strict"].r) == (0.5, 1.0)
    assert s.span["strict"].f == pytest.approx(2 / 3)


def test_one_miss():
    s = score([rec(0, 4), rec(20, 24)], [rec(0, 4)])
    assert (s.span["partial"].p, s.span["partial"].r) == (1.0, 0.5)


def test_off_by_one_boundary_is_partial_not_strict():
    s = score([rec(0, 5)], [rec(1, 5)])
    assert s.span["strict"].f == 0.0
    assert s.span["partial"].f == 1.0


def test_two_predictions_on_one_gold_span():
    # greedy by largest overlap: (0,6) pairs with gold, (6,8) is a false positive
    s = score([rec(0, 8)], [rec(0, 6), rec(6, 8)])
    assert (s.span["partial"].tp, s.span["partial"].fp, s.span["partial"].fn) == (1, 1, 0)
    assert match_partial([rec(0, 8)], [rec(6, 8), rec(0, 6)]) == [(0, 1)]


def test_wrong_unit_with_right_value_fails_value_unit_only():
    s = score([rec(0, 4, unit="percent")], [rec(0, 4, unit="percentage_point")])
    assert s.span["strict"].f == 1.0
    assert s.fields["value_unit"].prf.f == 0.0 and s.fields["value_unit"].accuracy == 0.0
    assert s.fields["qualifier"].prf.f == 1.0


def test_values_compare_with_a_small_relative_tolerance():
    s = score([rec(0, 4, value=33.333333)], [rec(0, 4, value=100 / 3)])
    assert s.fields["value_unit"].prf.f == 1.0
    s = score([rec(0, 4, value=1.615e6)], [rec(0, 4, value=1.615e5)])
    assert s.fields["value_unit"].prf.f == 0.0


def test_nothing_to_score_is_none_not_zero():
    s = score([], [])
    assert s.span["strict"].f is None and s.fields["period"].accuracy is None


def test_metric_token_overlap():
    assert token_f1("value added of industries above designated size", "added value of industries") >= 0.5
    assert token_f1("China's exports to Angola", "China exported US$40.9 billion to Angola") >= 0.5
    assert token_f1("sales", "added value of industries above designated size") < 0.5


def test_per_role_slices_use_gold_roles_for_pairs():
    gold = [rec(0, 4, speaker_role="official", speaker="A"), rec(10, 14, speaker_role="journalist")]
    pred = [rec(0, 4, speaker_role="narrator"), rec(10, 14, speaker_role="journalist")]
    result = evaluate({"d": gold}, {"d": pred})
    assert result.per_role["official"].span["partial"].tp == 1
    assert result.per_role["official"].fields["speaker_role"].prf.tp == 0
    assert result.per_role["journalist"].fields["speaker_role"].prf.tp == 1
