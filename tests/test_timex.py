import datetime as dt

import pytest

from pipeline.timex import TimeContext, find_time_expressions

JAN_2023 = dt.date(2023, 1, 18)
JUNE_2022 = dt.date(2022, 6, 14)


def resolved(text, doc_date=JAN_2023):
    return [
        (t.role, t.period and (t.period.start.isoformat(), t.period.end.isoformat()))
        for t in find_time_expressions(text, TimeContext.of(doc_date))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2022, sales grew", [("period", ("2022-01-01", "2022-12-31"))]),
        ("Last year was another bumper year", [("period", ("2022-01-01", "2022-12-31"))]),
        ("By the end of 2021, it reached", [("period", ("2021-12-31", "2021-12-31"))]),
        ("As of the end of 2022, a total of", [("period", ("2022-12-31", "2022-12-31"))]),
        ("As of Jan. 17, the daily output", [("period", ("2023-01-17", "2023-01-17"))]),
        ("In the first 11 months of 2022, energy use", [("period", ("2022-01-01", "2022-11-30"))]),
        ("from January to November 2022, the number", [("period", ("2022-01-01", "2022-11-30"))]),
        ("Since mid-December last year, we have", [("since", ("2022-12-11", "2023-01-18"))]),
        ("the 14th Five-Year Plan period (2021-2025)", [("period", ("2021-01-01", "2025-12-31"))]),
        ("From 2012 to 2021, the added value", [("period", ("2012-01-01", "2021-12-31"))]),
        (
            "since the 18th National Congress of the Communist Party of China (CPC)",
            [("since", ("2012-11-08", "2023-01-18"))],
        ),
        ("up 30.7 percentage points over 2012", [("base", ("2012-01-01", "2012-12-31"))]),
        ("2.7 times that in 2012", [("base", ("2012-01-01", "2012-12-31"))]),
        ("compared with those in December 2021", [("base", ("2021-12-01", "2021-12-31"))]),
        ("In recent years, China has", [("vague", None)]),
        ("an average two-year growth rate of 6.1%", [("average", ("2021-01-01", "2022-12-31"))]),
        ("the highest increase since 2012", [("record", None)]),
        # a part of the year not yet over at the document date is last year's (GUIDELINES §8.1)
        ("At the end of the first quarter, workers totaled", [("period", ("2022-03-31", "2022-03-31"))]),
    ],
)
def test_expressions(text, expected):
    assert resolved(text) == expected


def test_respectively_lists_give_two_periods():
    text = "declined by 28% and 16% respectively in the 12th and the 13th “Five-year Plan” periods"
    assert resolved(text) == [("period", ("2011-01-01", "2015-12-31")), ("period", ("2016-01-01", "2020-12-31"))]


def test_relative_expressions_resolve_against_the_document_date():
    assert resolved("over the past decade", JUNE_2022) == [("period", ("2012-01-01", "2021-12-31"))]
    assert resolved("in early June", JUNE_2022) == [("period", ("2022-06-01", "2022-06-10"))]
    assert resolved("So far, more than", JUNE_2022) == [("period", ("2022-06-14", "2022-06-14"))]


def test_a_plan_span_describes_the_plan():
    assert resolved("The first plan spanned from 2012 to 2020") == [("object", ("2012-01-01", "2020-12-31"))]


def test_without_a_document_date_only_absolute_years_resolve():
    assert resolved("In 2018, growth was 6.6% but last year it fell, so far", None) == [
        ("period", ("2018-01-01", "2018-12-31")),
        ("vague", None),
        ("vague", None),
    ]


def test_another_presidents_first_years_are_no_period():
    """'in my first 15 months in office' runs from the inauguration; 'any President … in his first
    four years' speaks of other presidents, so it names no period (2023-05-01 White House remarks)."""
    import datetime as dt

    from pipeline.timex import TimeContext, find_time_expressions

    ctx = TimeContext.of(dt.date(2023, 5, 1), country="US")
    text = "more jobs in two years than any President has created in his first four years in office."
    assert [t.rule for t in find_time_expressions(text, ctx)] == []


def test_an_administrations_plan_is_no_period():
    """'under the Administration' is its time in office, 'under the Administration's plan' names a plan
    (White House 'by the numbers', November 2022)."""
    import datetime as dt

    day = dt.date(2022, 11, 3)
    assert resolved("Borrowers will see their monthly payments cut in half under the Administration’s plan", day) == []
    assert resolved("200,000 jobs were created under the Biden Administration", day) == [
        ("since", ("2021-01-20", "2022-11-03"))
    ]


def test_a_reported_past_month_lies_behind_a_later_year_in_context():
    # Bloomberg on Botswana, 1 August 2011: "… above the bank's range until the second half of 2012 …
    # Consumer prices rose 7.9 percent in June": June 2011, though 2012 is the year in context
    aug_2011 = dt.date(2011, 8, 1)
    text = "Consumer prices rose 7.9 percent in June after increasing 8.3 percent in May."
    [june, may] = find_time_expressions(text, TimeContext.for_sentence(aug_2011, text, year=2012))
    assert (june.period.start, may.period.start) == (dt.date(2011, 6, 1), dt.date(2011, 5, 1))
    # a month ahead keeps the later year: "Inflation will slow to 6 percent in June" (of 2012)
    text = "Inflation will slow to 6 percent in June."
    [june] = find_time_expressions(text, TimeContext.for_sentence(aug_2011, text, year=2012))
    assert june.period.start == dt.date(2012, 6, 1)
    # and a past year in context still dates it: "In 2009 … exports fell 20 percent in June"
    text = "Exports fell 20 percent in June."
    [june] = find_time_expressions(text, TimeContext.for_sentence(aug_2011, text, year=2009))
    assert june.period.start == dt.date(2009, 6, 1)


def test_the_verb_may_is_no_month():
    # White House briefing, 29 April 2022: "If I may — and this may come up as well, but can I give you …"
    ctx = TimeContext.of(dt.date(2022, 4, 29))
    found = find_time_expressions("If I may — and this may come up as well, but can I give you just a bit", ctx)
    assert [t.text for t in found if t.period is not None] == []
    assert [t.text for t in find_time_expressions("Prices fell this May.", ctx)] == ["this May"]


def test_the_current_account_is_no_time():
    # "current" dates a figure ("the current average of $32"), but the current account is a balance
    # (The Financial Express on the RBI, 2025; the RBI's own statements)
    text = "Historically, current account deficit (CAD) of 2% was manageable with capital flows."
    assert resolved(text) == []
    assert resolved("cut credit card late fees from the current average of $32") == [("local", ("2023-01-18", "2023-01-18"))]


def test_the_end_of_the_fiscal_year_is_a_period_only_after_by_at_or_until():
    # White House "By the Numbers" (2023-09-29): the phrase only dates the vote; a fiscal-year end after
    # "at" in a past sentence is the last one that has ended (US federal year, October–September).
    ctx = TimeContext.of(dt.date(2023, 11, 20), country="US")
    event = "With one day before the end of the fiscal year, 90% of House Republicans just voted for a bill"
    assert [t.period for t in find_time_expressions(event, ctx) if t.period] == []
    past = [t.period for t in find_time_expressions("At the end of the fiscal year, the deficit was $1.7 trillion", ctx)]
    assert [(p.start.isoformat(), p.end.isoformat()) for p in past if p] == [("2023-09-30", "2023-09-30")]
