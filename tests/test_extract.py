"""The domain layer over quantulum3: cases taken from real seed sentences."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_quantities


def spans(text):
    return [(m.text, m.value, m.value_high, m.unit) for m in extract_quantities(text)]


def grammar_spans(text, **options):
    """(text, value, unit) of what the number grammar alone reads (quantulum3 off)."""
    return [(m.text, m.value, m.unit) for m in extract_quantities(text, use_quantulum=False, **options)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # quantulum3 alone: "RMB20.9 trillion" → 1e12 with no unit, "2012 to 2021" a range
        (
            "From 2012 to 2021, the industrial added value of China grew from RMB20.9 trillion to RMB37.3 trillion.",
            [("RMB20.9 trillion", 2.09e13, None, "CNY"), ("RMB37.3 trillion", 3.73e13, None, "CNY")],
        ),
        # "percentage points" unknown to quantulum3; "year on year" is not a unit
        (
            "The added value of the manufacturing industry accounted for 27.7%, up 0.2 percentage points over the previous year.",
            [("27.7%", 27.7, None, "percent"), ("0.2 percentage points", 0.2, None, "percentage_point")],
        ),
        # "5G" is a name, not 5 gauss; years only locate time
        (
            "China built 887,000 new 5G base stations in 2022, and the total number amounted to 2.312 million.",
            [("887,000", 887000.0, None, "count"), ("2.312 million", 2312000.0, None, "count")],
        ),
        # "13th" Five-Year Plan is a label, not tonne-hour; "per 10,000 yuan" is the base of a rate
        (
            "The water consumption per 10,000 yuan of industrial added value further decreased by 7% in 2021 "
            "on the basis of the respective reduction of 35% and 39.6% in the 12th and the 13th Five-year Plan periods.",
            [("7%", 7.0, None, "percent"), ("35%", 35.0, None, "percent"), ("39.6%", 39.6, None, "percent")],
        ),
        # parallel figures: the first takes the unit of the second
        (
            "reached 55.3% and 74.7% respectively, 30.7 and 25.9 percentage points higher than those in 2012.",
            [
                ("55.3%", 55.3, None, "percent"),
                ("74.7%", 74.7, None, "percent"),
                ("30.7", 30.7, None, "percentage_point"),
                ("25.9 percentage points", 25.9, None, "percentage_point"),
            ],
        ),
        # multiples, number words, fractions, ranks
        (
            "the number of 5G users reached 561 million, accounting for one-third of all mobile phone users, "
            "2.75 times that of the global average.",
            [
                ("561 million", 5.61e8, None, "count"),
                ("one-third", 33.333333, None, "percent"),
                ("2.75 times", 2.75, None, "times"),
            ],
        ),
        (
            "Seventy-three industrial enterprises have been listed among the world's top 500 companies.",
            [("Seventy-three", 73.0, None, "count")],
        ),
        (
            "new-energy vehicles have remained the world's No. 1 vehicle for eight consecutive years.",
            [("No. 1", 1.0, None, "rank"), ("eight consecutive years", 8.0, None, "year")],
        ),
        (
            "ranking first in the world for 12 consecutive years",
            [("first", 1.0, None, "rank"), ("12 consecutive years", 12.0, None, "year")],
        ),
        # physical units: folded multiples, pint compounds, quantulum3's long tail
        (
            "The energy density stood at 300 watt-hours per kilo, with the highest rotational speed reaching 16,000 rpm.",
            [("300 watt-hours per kilo", 300.0, None, "Wh/kg"), ("16,000 rpm", 16000.0, None, "rpm")],
        ),
        (
            "the newly installed capacity reached more than 120 million kW, exceeding 6 MW per unit",
            [("120 million kW", 1.2e11, None, "W"), ("6 MW", 6e6, None, "W")],
        ),
        (
            "increased the interconnection bandwidth to 38T, built four new switching centers",
            [("38T", 3.8e13, None, "bit/s"), ("four", 4.0, None, "count")],
        ),
        (
            "The one-million-kilowatt hydro-generator unit; the rate rose from 1.6Mbit per second to 62.5Mbit per second",
            [
                ("one-million-kilowatt", 1e9, None, "W"),
                ("1.6Mbit per second", 1.6e6, None, "bit/s"),
                ("62.5Mbit per second", 6.25e7, None, "bit/s"),
            ],
        ),
        # ranges are one record; "from X to Y" is two
        ("growth is expected at 5 to 6 percent", [("5 to 6 percent", 5.0, 6.0, "percent")]),
        ("rose from 25% to 100%", [("25%", 25.0, None, "percent"), ("100%", 100.0, None, "percent")]),
        # a change by X% to a level in other units keeps the level's own unit
        (
            "the daily output has increased by 148% to 744,000 bottles",
            [("148%", 148.0, None, "percent"), ("744,000", 744000.0, None, "count")],
        ),
        (
            "a fall in unemployment below 6 per cent to 5.8",
            [("6 per cent", 6.0, None, "percent"), ("5.8", 5.8, None, "percent")],
        ),
        # an index or score (schema: index_point)
        (
            "The CPI rose 0.2 percent, while the PMI stood at 49.5 in December.",
            [("0.2 percent", 0.2, None, "percent"), ("49.5", 49.5, None, "index_point")],
        ),
        # thresholds and "-plus"
        ("fully covering 10,000-plus towns and townships", [("10,000-plus", 10000.0, None, "count")]),
    ],
)
def test_seed_sentences(sentence, expected):
    assert spans(sentence) == [(t, pytest.approx(v), h, u) for t, v, h, u in expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Beijing | 3 p.m. Jan. 18, 2023",  # clock times and dates
        "the 14th Five-Year Plan period (2021-2025)",  # names and year spans
        "the C919 large passenger aircraft and COVID-19 vaccines and the Shenzhou-14 spacecraft",
        "Here are my two colleagues, and I will answer in three aspects.",  # the speaker's own points
        "It is one of the largest, serving hundreds of millions of users and tens of thousands of firms.",
        "1. China's industrial economy has continued its stable growth",  # list numbering
        "the World's 500 Most Influential Brands and the top 10 enterprises",  # list labels
        "ensuring stability on the six fronts and security in six areas",  # slogans
        'to achieve the "Two Upholds" and the Six Stabilities',
        "over the past 10 years, in four days",  # durations that only locate time
        "Beijing, 3 Mar (Zhongxin Net) -- a regular news conference on 22 March.",  # datelines
        "To start with, I have two announcements to make.",  # the speaker's own points
        "2019-07-18 10:23 Wang Chunying: Good morning.",  # timestamps
        "Friday, 16.11.2018.",  # a dotted date, day first (B92, Serbia)
        "Press release, 23.11.2022.",  # (Hungarian Central Statistical Office)
        "That’s thing number one.",  # a point counted aloud (White House call, 2023)
        "12 noon BANK OF ENGLAND MONETARY POLICY SUMMARY",  # a time of day (Reuters, 2024)
        "separate applications for the HUBZone, 8(a), Women Owned, and Veteran programs",  # programs (2024)
        "the agency's signature 7(a) lending program",  # (White House fact sheet, May 2024)
        "as was proposed in H.R. 1, or impose barriers to work",  # a bill's number
        # executive orders and laws by number: a White House fact sheet (2021), the Philippine Official
        # Gazette's executive orders (2003, 2023)
        "Through Executive Order 14008, on Tackling the Climate Crisis at Home and Abroad",
        "which was allocated by virtue of Executive Order No. 172 dated January 24, 2003, in order to fund",
        "WHEREAS, Executive Order (EO) No. 5 (s. 2016) adopted the long-term vision",
        "an Automated Election System as prescribed under Republic Act (RA)  No.  8436, entitled",
        # parliamentary question and paper numbers: Hansard written answers (UK, 2004), the Dáil record
        # (Ireland, 2025)
        "[171143]",
        "Ruth Kelly: Publication of HM Treasury's Departmental Report (Cm 6222) was handled by the Stationery Office Ltd.",
        "[27860/25]",
        "I propose to take Questions Nos. 19 and 78 together.",
        # a rank's size in words is a list label too: a White House briefing (2021), China's foreign ministry (2022)
        "the market is controlled by the top four producers in those industries",
        "China and the US are the world’s top two economies",
    ],
)
def test_not_claims(sentence):
    assert spans(sentence) == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")), max_size=120))
def test_offsets_are_sacred_for_any_text(text):
    for m in extract_quantities(text, offset=7):
        assert (" " * 7 + text)[m.start : m.end] == m.text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "grew by",
                "5.2%",
                "RMB20.9 trillion",
                "and",
                "1,808",
                "units",
                "No. 1",
                "in 2022",
                "two-thirds of",
                "5G",
                "per 10,000 yuan",
                ",",
                "38T",
                "more than",
                "12 consecutive years",
            ]
        ),
        max_size=14,
    )
)
def test_offsets_hold_for_briefing_like_text(words):
    text = " ".join(words)
    for m in extract_quantities(text):
        assert text[m.start : m.end] == m.text
        assert m.start < m.end


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Bank of England press conference (2021): a decimal read out digit by digit
        ("why have you lowered the rate to zero point five percent?", [("zero point five percent", 0.5, "percent")]),
        # White House remarks (2024) and briefing (2023)
        ("One point six million individual contributions came in.", [("One point six million", 1.6e6, "count")]),
        ("Five point nine million people have been encountered.", [("Five point nine million", 5.9e6, "count")]),
        ("It grew one point two five percent.", [("one point two five percent", 1.25, "percent")]),
        # Radio New Zealand (2013) writes the spoken decimal in digits; a "10-point plan" is still no figure
        (
            "Growth is forecast at 7-point-2 percent, inflation at 6-point-1 percent.",
            [("7-point-2 percent", 7.2, "percent"), ("6-point-1 percent", 6.1, "percent")],
        ),
        ("the government's 10-point plan", []),
        # "the top three tenths of a percent" is a share, not a list label (White House briefing, 2021)
        ("for the top three tenths of a percent, it’s the opposite", [("three tenths of a percent", 0.3, "percent")]),
        # the speaker's own points stay out
        ("I want to make two points about this.", []),
    ],
)
def test_spoken_decimals(sentence, expected):
    assert grammar_spans(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # White House briefing (2022) and remarks (2023): the article is the numeral one
        (
            "the President had directed the goal of releasing a million barrels of oil",
            [("a million barrels", 1e6, "bbl")],
        ),
        ("that’s on top of a half a million jobs we added the month before", [("a half a million", 5e5, "count")]),
        ("Nearly a million Americans have signed up.", [("a million", 1e6, "count")]),
        # idioms stay out
        ("It is a chance of one in a million.", []),
    ],
)
def test_a_scale_word_after_an_article_is_one_of_it(sentence, expected):
    assert grammar_spans(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "local", "expected"),
    [
        # White House briefings (2022): the adjective form of cents, and "bucks"
        (
            "a $10 drop in the price of a barrel leads to a 25-cent drop at the pump",
            "USD",
            [("$10", 10.0, "USD"), ("25-cent", 0.25, "USD")],
        ),
        ("gas prices coming down by about 100 bucks a month", "USD", [("100 bucks", 100.0, "USD")]),
        # an Australian doorstop (constructed): cents are the document's own currency
        ("a 10-cent rise in the fuel excise", "AUD", [("10-cent", 0.1, "AUD")]),
    ],
)
def test_cents_and_bucks(sentence, local, expected):
    assert grammar_spans(sentence, local_currency=local) == expected


def test_amounts_said_aloud_in_two_scales():
    # White House remarks (May 2022, February 2023): "1 trillion 500 billion dollars", "a trillion-five",
    # "a billion-seven" are one amount each; two amounts of the same scale stay two
    assert spans("And we’re on track to cut it by the end of September by another 1 trillion 500 billion dollars.") == [
        ("1 trillion 500 billion dollars", 1.5e12, None, "USD")
    ]
    assert [s[:2] for s in spans("You know, it’s only going to cost about a billion-seven to do it.")] == [
        ("a billion-seven", 1.7e9)
    ]
    assert [s[:2] for s in spans("cut the deficit by a trillion-five, the largest cut in history")] == [
        ("a trillion-five", 1.5e12)
    ]
    assert [s[0] for s in spans("They delivered 2 million 3 million doses a week.")] == ["2 million", "3 million"]


def test_a_range_said_by_counting_on():
    # White House briefing (August 2021): "five, six hundred dollars" is 500 to 600 dollars
    assert spans("many of those people were evicted for just five, six hundred\ndollars of back rent.") == [
        ("five, six hundred\ndollars", 500.0, 600.0, "USD")
    ]
    assert [s[0] for s in spans("It was five, seven hundred dollars.")] == ["five", "seven hundred dollars"]


def test_a_point_counted_aloud_is_not_a_figure():
    # White House briefing (August 2021) and remarks (December 2021): "Two, …" opens the second point
    assert spans("Two, this President is asking that his department look at every option.") == []
    assert spans("Two, to rebuild the backbone of this country — working-class and hardworking people.") == []
    assert [s[0] for s in spans("Two, three weeks ago we had 5 cases.")][-1] == "5"  # a range said aloud stays


def test_a_percent_point_written_with_a_hyphen():
    # KBS on the Bank of Korea (2023): "two unprecedented spikes of 0.5%-point"
    assert ("0.5%-point", 0.5, None, "percentage_point") in spans(
        "Starting at 1.25%, the interest rate was raised seven times in total, including two unprecedented "
        "spikes of 0.5%-point, to reach 3.5%."
    )


def test_a_multiple_written_with_an_x():
    # White House fact sheet (2024): "3x increase in loans", "2.5x increase"; a product "3 x 4" is not one
    assert spans("-   3x increase in loans to Black-owned businesses") == [("3x", 3.0, None, "times")]
    assert spans("-   2.5x increase in loans to Latino-owned businesses") == [("2.5x", 2.5, None, "times")]
    assert [s[3] for s in spans("a 3 x 4 grid")] == ["count", "count"]


def test_ordinals_past_tenth_count_a_streak():
    # BreakingNews.ie on Ireland's CSO (2023): "the sixteenth month in a row"; after a rank cue a rank
    assert ("sixteenth month", 16.0, None, "month") in spans(
        "But it is the sixteenth month in a row where the headline inflation rate has been at least 5 per cent."
    )
    assert ("twelfth", 12.0, None, "rank") in spans("It ranked twelfth among 30 countries.")


def test_centavos_are_hundredths_of_the_local_currency():
    # Philippine News Agency (2024), quoting the National Statistician: "mga 20 centavos per kilo"
    assert spans("ang presyo ng bigas ng mga 20 centavos per kilo") == [("20 centavos", 0.2, None, "USD")]
    assert [(m.text, m.value, m.unit) for m in extract_quantities("mga 20 centavos per kilo", local_currency="PHP")] == [
        ("20 centavos", 0.2, "PHP")
    ]


def test_rupees_are_the_currency_of_the_publishers_country():
    # news.lk (Sri Lanka, July 2024): "a budget gap of 366 billion rupees"; India's finance ministry as
    # Lokmat Times reports it writes "Rs 1.72 lakh crore" — rupees are INR unless the publisher's are others
    import json

    from pipeline.batch import process_bytes

    for url, text, code in (
        ("https://www.news.lk/news/item/36671", "The budget gap was recorded as 366 billion rupees.\n", "LKR"),
        ("https://www.lokmattimes.com/business/gst", "GST collections were Rs 1.72 lakh crore in October.\n", "INR"),
    ):
        sidecar = json.dumps({"source_url": url, "kind": "article"}).encode()
        result = process_bytes("d", text.encode(), sidecar)
        assert [c.unit for c in result.claims] == [code]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Interfax (2024)
        ("The National Bank earlier revised upward the inflation outlook from 7.5% to 8-9% for 2024 and from "
         "5.5-7.5% to 6.5-8.5% for 2025.",
         [("7.5%", 7.5, None), ("8-9%", 8.0, 9.0), ("5.5-7.5%", 5.5, 7.5), ("6.5-8.5%", 6.5, 8.5)]),
        # White House fact sheet (2024)
        ("The tariff rate on certain steel and aluminum products under Section 301 will increase from 0–7.5% to "
         "25% in 2024.",
         [("0–7.5%", 0.0, 7.5), ("25%", 25.0, None)]),
    ],
)  # fmt: skip
def test_a_dash_range_as_one_end_of_a_from_to_pair(sentence, expected):
    assert [(m.text, m.value, m.value_high) for m in extract_quantities(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # bdnews24 (Bangladesh, 2015): the level after a change in percent
        ("Inflation in rural areas rose by 0.02 percent to 6.03 in April from March",
         [("0.02 percent", "percent"), ("6.03", "percent")]),
        # White House (2021 briefing; 2022 remarks): a parallel figure left bare
        ("The unemployment rate was 9.2 percent for Black workers and 6.6 for Asian workers.",
         [("9.2 percent", "percent"), ("6.6", "percent")]),
        ("Unemployment is at 3.6 percent, down from 6.4 when we took office.",
         [("3.6 percent", "percent"), ("6.4", "percent")]),
        # Australia's employment minister (2021): the rate named beside bare figures
        ("you would have not seen a drop of unemployment from 4.9 to 4.6.", [("4.9", "percent"), ("4.6", "percent")]),
        # not a rate: a bare end paired with a unit, a coefficient
        ("when the school day’s instructional time is extended from 6 ½ to 8 hours, test scores improve "
         "between 11 and 24 percent.", [("6 ½", "other"), ("8 hours", "hour"), ("11 and 24 percent", "percent")]),
        ("The correlation was 0.8 and growth 2 percent.", [("0.8", "other"), ("2 percent", "percent")]),
    ],
)  # fmt: skip
def test_a_bare_decimal_said_of_a_rate_is_a_percent(sentence, expected):
    assert [(m.text, m.unit) for m in extract_quantities(sentence)] == expected
