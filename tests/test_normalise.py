"""Qualifier, kind and direction, modality and period, on seed sentences and whole seeds."""

import json

import pytest

from pipeline.figures import Chain
from pipeline.normalise import kind_of, modality_of, qualifier_of


@pytest.mark.parametrize(
    ("sentence", "span", "expected"),
    [
        ("with more than 99% being SMEs", "99%", "over"),
        ("nearly 30% of the total", "30%", "approx"),
        ("Some 60% of the raw materials", "60%", "approx"),
        ("an access rate of 100Mbps and above", "100Mbps", "at_least"),
        ("fully covering 10,000-plus towns", "10,000-plus", "over"),
        ("tax cuts topped 4 trillion yuan", "4 trillion yuan", "over"),
        ("increased by 6.3% on average", "6.3%", "exact"),
        ("up to 50% of the cost", "50%", "at_most"),
        # White House briefings (CEA's Jared Bernstein, 2021; NEC's Brian Deese, 2022)
        ("if you compare that to the trend over the prior three months, that trend was closer to 1 million",
         "1 million", "approx"),
        ("That is down from a rate of closer to 600,000 jobs a month in the prior three months.", "600,000", "approx"),
        # a White House remark (2022) and a reporter's "something like" (CEA briefing, 2024)
        ("Last year, it was $25 an hour, nearly a 30 percent decline.", "30 percent", "approx"),
        ("They’re down something like 30, 35 cents relative to a year ago.", "30, 35 cents", "approx"),
    ],
)  # fmt: skip
def test_qualifier(sentence, span, expected):
    start = sentence.index(span)
    assert qualifier_of(sentence, start, start + len(span)) == expected


def _kind(sentence, span, unit="percent"):
    start = sentence.index(span)
    return kind_of(sentence, [Chain([0], start, start + len(span))], 0, unit)


@pytest.mark.parametrize(
    ("sentence", "span", "unit", "expected"),
    [
        ("the added value grew by 3.6% year on year", "3.6%", "percent", ("change", "up")),
        ("the energy consumption dropped 1.4% year on year", "1.4%", "percent", ("change", "down")),
        ("The industrial sector contributed to 36% of the nation's economic growth", "36%", "percent", ("level", None)),
        (
            "lifted the nation's economic growth by 1.1 percentage points",
            "1.1 percentage points",
            "percentage_point",
            ("level", None),
        ),
        (
            "The average annual growth rate stood at 6.3 percent in real terms",
            "6.3 percent",
            "percent",
            ("change", "up"),
        ),
        (
            "4.4 percentage points higher than the growth rate",
            "4.4 percentage points",
            "percentage_point",
            ("change", "up"),
        ),
        (
            "We have cleaned up 140 million metric tons of substandard steel",
            "140 million metric tons",
            "t",
            ("level", None),
        ),
        ("sales took up 79.9% of the total sales", "79.9%", "percent", ("level", None)),
        ("a 1.2-fold increase over the previous year", "1.2-fold", "times", ("change", "up")),
        ("2.7 times that in 2012", "2.7 times", "times", ("level", None)),
        ("14 more than in 2012", "14", "count", ("change", "up")),
        ("with a price drop of 80%", "80%", "percent", ("change", "down")),
        ("China built 887,000 new 5G base stations", "887,000", "count", ("level", None)),
    ],
)
def test_kind(sentence, span, unit, expected):
    assert _kind(sentence, span, unit) == expected


@pytest.mark.parametrize(
    ("sentence", "span", "expected"),
    [
        (
            "The industrial Internet industry is expected to reach 1.2 trillion yuan",
            "1.2 trillion yuan",
            ("target", False),
        ),
        # an estimate is a target only about a period still to come (soft): GUIDELINES §7
        ("with the total output value estimated to be 1.2 trillion yuan", "1.2 trillion yuan", ("target", True)),
        ("We will launch the campaign in 1,000 industrial parks", "1,000", ("target", True)),
        (
            "The iron and steel industry fulfilled the target of reducing capacity by 150 million tons",
            "150 million tons",
            ("actual", False),
        ),
        ("With the aim to enhance supply, we established 22 centers", "22", ("actual", False)),
        ("the rate of reaching target output exceeded 70%", "70%", ("actual", False)),
        ("We have built more than 10,000 outlets and plan to develop a system", "10,000", ("actual", False)),
        # a projection stays a hard target when a future follows the figure (The New Times, Rwanda)
        (
            "it is highly likely that the original 2024 projection of 8.3 per cent will be surpassed",
            "8.3 per cent",
            ("target", False),
        ),
        ("7 flights of these 13 will be to Budapest", "7", ("target", True)),
    ],
)
def test_modality(sentence, span, expected):
    start = sentence.index(span)
    assert modality_of(sentence, start, start + len(span)) == expected


def _claim(results, doc_id, text, nth=0):
    return [c for c in results[doc_id].claims if c.text == text][nth]


def _claim_in(text, date, span, kind="statement"):
    """The claim whose span is ``span`` in a text run through the whole pipeline."""
    from pipeline.api import extract_text

    return next(c for c in extract_text(text, date=date, kind=kind).claims if c.text == span)


def _corpus_claims(corpus, doc):
    """The claims of a corpus document run through the whole pipeline, with its sidecar's date, kind and title."""
    from pipeline.api import extract_text

    sidecar = json.loads((corpus / f"{doc}.json").read_text(encoding="utf-8"))
    text = (corpus / f"{doc}.txt").read_text(encoding="utf-8")
    return extract_text(text, date=sidecar["date"], kind=sidecar["kind"], title=sidecar.get("title")).claims


def _claim_in_corpus(corpus, doc, span):
    """The first claim whose span is ``span`` in a corpus document."""
    return next(c for c in _corpus_claims(corpus, doc) if c.text == span)


def test_translated_future_tense_about_a_past_year_is_actual(seed_results):
    c = _claim(seed_results, "2023-01-19-article-new-industrialization", "4 trillion yuan")
    assert (c.modality, c.time_start) == ("actual", "2022-01-01")


@pytest.mark.parametrize(
    ("doc_id", "text", "nth", "period"),
    [
        # from X to Y with "From 2012 to 2021"
        ("2022-06-14-miit-decade-report", "RMB20.9 trillion", 0, ("2012-01-01", "2012-12-31")),
        ("2022-06-14-miit-decade-report", "RMB37.3 trillion", 0, ("2021-01-01", "2021-12-31")),
        # "respectively" in the 12th and 13th Five-Year Plan periods
        ("2022-06-14-miit-decade-report", "16%", 0, ("2016-01-01", "2020-12-31")),
        # a gap against a distant base: 2012..2021
        ("2022-06-14-miit-decade-report", "30.7", 0, ("2012-01-01", "2021-12-31")),
        # carried within the paragraph, and the turn's frame ("the sector's general situation in 2022")
        ("2023-01-18-scio-industry-it-2022", "9.1%", 0, ("2022-01-01", "2022-12-31")),
        ("2023-01-18-scio-industry-it-2022", "27", 0, ("2021-01-01", "2025-12-31")),
        # two-year average in a review of 2021
        ("2022-02-28-scio-industry-icts", "6.1%", 0, ("2020-01-01", "2021-12-31")),
        ("2022-02-28-scio-industry-icts", "9.6%", 0, ("2021-01-01", "2021-12-31")),
        # as of a day, and "Currently"
        ("2023-01-18-scio-industry-it-2022", "744,000", 0, ("2023-01-17", "2023-01-17")),
        ("2023-01-18-scio-industry-it-2022", "1,808", 0, ("2023-01-18", "2023-01-18")),
    ],
)
def test_periods_on_seeds(seed_results, doc_id, text, nth, period):
    c = _claim(seed_results, doc_id, text, nth)
    assert (c.time_start, c.time_end) == period


def test_targets_take_no_past_frame(seed_results):
    c = _claim(seed_results, "2023-01-18-scio-industry-it-2022", "1,000")
    assert (c.modality, c.time_start) == ("target", None)


@pytest.mark.parametrize(
    ("text", "date", "span"),
    [
        # Federal Reserve press conference (2019): a sentence that also says "currently"
        (
            "CHAIR POWELL. It is intended to offset the effects these factors are currently having on "
            "the economy, and to promote a faster return of inflation to our symmetric 2 percent objective.",
            "2019-07-31",
            "2 percent",
        ),
        # Bank of Canada opening statement (2022), in a paragraph opened by "Today"
        (
            "Today, we raised the policy interest rate by 100 basis points. And third, our goal is to get "
            "inflation back to its 2% target with a soft landing for the economy.",
            "2022-07-13",
            "2%",
        ),
    ],
)
def test_a_standing_goal_has_no_period(text, date, span):
    claim = _claim_in(text, date, span, kind="transcript")
    assert (claim.modality, claim.time_start, claim.time_end, claim.time_reason) == (
        "target",
        None,
        None,
        "standing goal",
    )


@pytest.mark.parametrize(
    ("text", "date", "span", "period"),
    [
        # BEA news release (2021): "released today" dates the release, not the figures carried on
        (
            "Personal income increased $35.5 billion (0.2 percent) in August according to estimates released "
            "today by the Bureau of Economic Analysis. Disposable personal income (DPI) increased $18.9 billion.",
            "2021-10-01",
            "$18.9 billion",
            ("2021-08-01", "2021-08-31"),
        ),
        # BLS CPI release (2023), as reprinted
        (
            "The CPI-U rose 0.4 percent in February on a seasonally adjusted basis, the U.S. Bureau of Labor "
            "Statistics reported today. The index for shelter rose 0.8 percent.",
            "2023-03-14",
            "0.8 percent",
            ("2023-02-01", "2023-02-28"),
        ),
    ],
)
def test_the_day_a_figure_was_released_is_not_carried(text, date, span, period):
    claim = _claim_in(text, date, span)
    assert (claim.time_start, claim.time_end) == period


_TAX_LEAD = (
    "Net direct tax collections so far during the financial year 2023-24 (as of 17 December 2023) stood at "
    "Rs13,70,388 crore, against Rs11,35,754 crore in the corresponding period of the previous financial year "
    "(2022-23)  showing an increase of 20.66 per cent."
)
_PSA_LEAD = "The country’s headline inflation decelerated to 3.7% in June from 3.9% in May, the PSA said.\n\n"
_PSA_BASE = "The sharper deflation in electricity, recorded at -13.7% from -8.5% in May, contributed."


@pytest.mark.parametrize(
    ("text", "date", "kind", "span", "period"),
    [
        # White House remarks (May 2022): the day of speaking frames nothing
        pytest.param(
            "THE PRESIDENT:  Good morning.  Today I’d like to talk about two things.  Unemployment is down to "
            "3.6 percent.\n",
            "2022-05-10", "transcript", "3.6 percent", (None, None), id="day-of-speaking",
        ),
        # UN noon briefing (February 2023): a title, the editor's line and a greeting open the turn; the
        # first paragraph after them frames it (the briefing says "this week", which since the week rule
        # dates its own sentence only; "this month" here keeps the case about the preamble; the
        # briefing's own "earlier today", the day of speaking, frames nothing: GUIDELINES §8.2 rule 6)
        pytest.param(
            "Daily Press Briefing by the Office of the Spokesperson for the Secretary-General\n\n"
            "The following is a near-verbatim transcript of today’s noon briefing by Stéphane Dujarric.\n\n"
            "Alright, good afternoon.\n\n"
            "We start with the earthquakes that hit Türkiye and Syria this month.  More on that.\n\n"
            "At least 78 aftershocks were reported.\n",
            "2023-02-06", "transcript", "78", ("2023-02-01", "2023-02-28"), id="preamble-then-frame",
        ),
        # Astro Awani on DOSM (September 2020): the lead's "in August 2020" follows its first figure
        pytest.param(
            "Malaysia's Consumer Price Index (CPI) declined 1.4 per cent year-on-year (y-o-y) to 120.1 in August "
            "2020 from 121.8 in the same month last year, said the Department of Statistics Malaysia (DoSM).\n\n"
            "Commenting on the decline, the chief statistician said transport fell 9.9 per cent.\n",
            "2020-09-23", "article", "9.9 per cent", ("2020-08-01", "2020-08-31"), id="lead-frame-dosm",
        ),
        # CNA (October 2019): "… grew 0.1 per cent on a year-on-year basis in the third quarter"
        pytest.param(
            "SINGAPORE: The Singapore economy grew 0.1 per cent on a year-on-year basis in the third quarter, "
            "advance estimates from the Ministry of Trade and Industry (MTI) showed on Monday (Oct 14).\n\n"
            "On a quarter-on-quarter seasonally-adjusted annualised basis, GDP expanded 0.6 per cent.\n",
            "2019-10-14", "article", "0.6 per cent", ("2019-07-01", "2019-09-30"), id="lead-frame-cna",
        ),
        # bianet on Türkiye's central bank (August 2025): two years read as one span by the time grammar
        pytest.param(
            "The 2025 year-end inflation forecast was kept at 24%, while forecasts for 2026 and 2027 were 12% "
            "and 8%, respectively.",
            "2025-08-14", "article", "8%", ("2027-01-01", "2027-12-31"), id="respectively-two-years",
        ),
        # Thailand's PRD on the Bank of Thailand (October 2024)
        pytest.param(
            "The Thai economy is projected to expand at rates close to the previous assessment of 2.7 and 2.9 "
            "percent in 2024 and 2025, respectively.",
            "2024-10-16", "article", "2.9 percent", ("2025-01-01", "2025-12-31"), id="respectively-prd",
        ),
        # the Philippine News Agency on the PSA (July 2024): "recorded at -13.7% from -8.5% in May" — the
        # period after the base is the base's; the new value keeps the lead's June
        pytest.param(_PSA_LEAD + _PSA_BASE, "2024-07-05", "article", "-13.7%", ("2024-06-01", "2024-06-30"),
                     id="new-value-before-base"),
        pytest.param(_PSA_LEAD + _PSA_BASE, "2024-07-05", "article", "-8.5%", ("2024-05-01", "2024-05-31"),
                     id="base-keeps-its-period"),
        # the same form in a Reuters-style lead: "rose to 5.1% from 4.9% in May"
        pytest.param(_PSA_LEAD + "Food inflation rose to 5.1% from 4.9% in May.", "2024-07-05", "article", "5.1%",
                     ("2024-06-01", "2024-06-30"), id="new-value-before-base-reuters-style"),
        # a period right after a comparison base is the base's, not the period of a figure before it:
        # Eurostat's flash estimate (September 2018) …
        pytest.param(
            "Looking at the main components of euro area inflation, energy is expected to have the highest annual "
            "rate in September (9.5%, compared with 9.2% in August), followed by food, alcohol & tobacco (2.7%, "
            "compared with 2.4% in August).",
            "2018-09-28", "article", "2.7%", ("2018-09-01", "2018-09-30"), id="after-a-compared-base",
        ),
        pytest.param(
            "Energy is expected to have the highest annual rate in September (9.5%, compared with 9.2% in August).",
            "2018-09-28", "article", "9.2%", ("2018-08-01", "2018-08-31"), id="compared-base-keeps-its-period",
        ),
        # … and APA on Ghana Statistical Service (February 2023)
        pytest.param(
            "He stated that the non-food inflation dropped to 47.9 per cent in January from 49.9 per cent in "
            "December 2022 and that on month-on-month non-food inflation was 0.8 per cent.",
            "2023-02-15", "article", "0.8 per cent", ("2023-01-01", "2023-01-31"), id="after-a-from-base",
        ),
        # "in the previous quarter" is the quarter before the sentence's own (CNA, October 2019) …
        pytest.param(
            "The manufacturing sector contracted by 3.5 per cent on a year-on-year basis in the third quarter, "
            "extending the 3.3 per cent decline in the previous quarter.",
            "2019-10-14", "article", "3.3 per cent", ("2019-04-01", "2019-06-30"), id="previous-quarter-cna",
        ),
        # … and governs the one figure next to it (World Today News on BPS, December 2022)
        pytest.param(
            "In addition, government-regulated inflation in November 2022 reached 13.01% (yoy), down from the "
            "previous month which reached 13.28%, as well as volatile price inflation which reached 5.7% (yoy), "
            "lower than the previous month which reached 7.2%.",
            "2022-12-01", "article", "5.7%", ("2022-11-01", "2022-11-30"), id="previous-month-governs-one-figure",
        ),
        # "from" a year after the document's date starts a future period, it is no comparison base (whose
        # period would end before it starts): UNIAN (Ukraine, June 2021)
        pytest.param(
            "Cabinet to ensure annual GDP growth of 5% from 2023 - Shmyhal",
            "2021-06-03", "article", "5%", ("2023-01-01", "2023-12-31"), id="from-a-future-year",
        ),
        # "since then" runs from the period the text was speaking of to the document date: a White House
        # press call on the budget (March 2022) and a White House fact sheet (December 2021)
        pytest.param(
            "We locked our forecast all the way back in last November.  The economy has created an average of "
            "600,000 jobs per month since then, including through the Omicron wave.",
            "2022-03-28", "transcript", "600,000", ("2021-11-01", "2022-03-28"), id="since-then-press-call",
        ),
        pytest.param(
            "In early November, containers sat on docks for over eight days. Since then, the number of containers "
            "sitting on the docks for over eight days has fallen by nearly 50%.",
            "2021-12-22", "article", "50%", ("2021-11-01", "2021-12-22"), id="since-then-fact-sheet",
        ),
        # a line that only dates the page yields to the lead's period: India's finance ministry (December
        # 2023) and Stats NZ (December 2016)
        pytest.param(
            "Net direct tax collections up 20.66% at Rs13,70,388 crore\n\n19 Dec 2023\n\nNet direct tax collections "
            "so far during the financial year 2023-24 (as of 17 December 2023) stood at Rs13,70,388 crore.\n\n"
            "The provisional figures include Rs6,94,798 crore of corporate income tax.\n",
            "2023-12-19", "article", "Rs6,94,798 crore", ("2023-04-01", "2023-12-17"), id="dateline-yields-india",
        ),
        pytest.param(
            "Thursday, 22 December, 2016 - 10:29\n\nGross domestic product rose 1.1 percent in the September 2016 "
            "quarter, Statistics New Zealand said today.\n\nConstruction grew 2.1 percent.\n",
            "2016-12-22", "article", "2.1 percent", ("2016-07-01", "2016-09-30"), id="dateline-yields-statsnz",
        ),
        # in a transcript the document's own date, written out, is the day of speaking and frames nothing:
        # the Bank of Canada (October 2009)
        pytest.param(
            "Opening statement by Mark Carney Governor of the Bank of Canada Press conference following the release "
            "of the Monetary Policy Report 22 October 2009\n\nGood morning. Paul and I are pleased to be here with "
            "you today to discuss the October Monetary Policy Report, which we published this morning.\n\nIn Canada, "
            "as expected, a recovery in economic activity is also under way, following three consecutive quarters "
            "of sharp contraction.\n",
            "2009-10-22", "transcript", "three consecutive quarters", (None, None), id="own-date-transcript-boc",
        ),
        # a year-on-year base has the same stretch of the year before, and the change keeps the figure's
        # own period: India's finance ministry (December 2023) …
        pytest.param(
            _TAX_LEAD, "2023-12-19", "article", "Rs11,35,754 crore", ("2022-04-01", "2022-12-17"), id="corresponding-base",
        ),
        pytest.param(
            _TAX_LEAD, "2023-12-19", "article", "20.66 per cent", ("2023-04-01", "2023-12-17"), id="change-after-base",
        ),
        # … and Astro Awani on DOSM (September 2020)
        pytest.param(
            "Malaysia's Consumer Price Index (CPI) declined 1.4 per cent year-on-year (y-o-y) to 120.1 in August "
            "2020 from 121.8 in the same month last year, said the Department of Statistics Malaysia (DoSM).",
            "2020-09-23", "article", "121.8", ("2019-08-01", "2019-08-31"), id="same-month-last-year-base",
        ),
        # when a forecast was made is not the period it is for (Reuters on the Bank of Japan, July 2022)
        pytest.param(
            "The BOJ raised its core consumer inflation forecast for the current fiscal year ending in March 2023 to "
            "2.3% from 1.9% projected in April.",
            "2022-07-21", "article", "1.9%", ("2022-04-01", "2023-03-31"), id="projected-in-april",
        ),
        # a "now" between another figure's period and this figure is this figure's (White House statements,
        # December 2021 and November 2022) …
        pytest.param(
            "The number of people receiving unemployment benefits – which was over 18 million when I took office — "
            "is now at about 2 million.",
            "2021-12-09", "statement", "2 million", ("2021-12-09", "2021-12-09"), id="now-after-a-base",
        ),
        pytest.param(
            "The unemployment rate in West Virginia was 6.2% the last month before Joe Biden took office; now it is "
            "down to 4%.",
            "2022-11-05", "statement", "4%", ("2022-11-05", "2022-11-05"), id="now-after-a-base-2",
        ),
        # … but a "now" before both figures yields to the period after them (the Philippine PCO, 2023)
        pytest.param(
            "As reported by the NEDA Board Committee on Infrastructure, there are now 71 ongoing projects worth 4.11 "
            "trillion pesos as of July 2023, up from 68 projects reported in the first quarter.",
            "2023-08-23", "transcript", "71", ("2023-07-31", "2023-07-31"), id="now-before-both",
        ),
        # … but a year after the participle is the period it is for (Pledge Times on Morocco's budget, 2023)
        pytest.param(
            "The government kept the country’s growth forecast unchanged at 3.7 percent in 2024, compared to 3.4 "
            "percent expected this year.",
            "2023-10-20", "article", "3.4 percent", ("2023-01-01", "2023-12-31"), id="expected-this-year",
        ),
        # "more than 250,000 jobs in December" is a qualifier, not a base (White House remarks, 2025)
        pytest.param(
            "The economy added more than 250,000 jobs in December, and the unemployment rate is as low as "
            "4.1 percent.",
            "2025-01-10", "transcript", "4.1 percent", ("2024-12-01", "2024-12-31"), id="more-than-is-no-base",
        ),
        # one figure for two years joined by "and" is for both: Warsaw Point on Poland (December 2021) …
        pytest.param(
            "OECD estimates that put Polish GDP growth this year and next year over 5 percent are slightly higher "
            "than the government’s 4.9 percent, the Polish finance minister said on Friday.",
            "2021-12-03", "article", "4.9 percent", ("2021-01-01", "2022-12-31"), id="this-year-and-next-year",
        ),
        # … and the ECB's press conference (June 2025), where the figure before takes its own year
        pytest.param(
            "Staff expect inflation excluding energy and food to average 2.4 per cent in 2025 and 1.9 per cent in "
            "2026 and 2027, broadly unchanged since March.",
            "2025-06-05", "transcript", "1.9 per cent", ("2026-01-01", "2027-12-31"), id="in-2026-and-2027",
        ),
        pytest.param(
            "Staff expect inflation excluding energy and food to average 2.4 per cent in 2025 and 1.9 per cent in "
            "2026 and 2027, broadly unchanged since March.",
            "2025-06-05", "transcript", "2.4 per cent", ("2025-01-01", "2025-12-31"), id="in-2025-before-a-pair",
        ),
        # a comparison base's period is not carried: the Philippine News Agency on the PSA (July 2024) …
        pytest.param(
            "Headline inflation eased to 3.7% in June. Food inflation rose to 6.5% from 6.1% in May due to higher "
            "prices of vegetables, meat, and corn. Rice inflation, however, already slightly eased to 22.5% from 23% "
            "in May due to the reduction in the prices of well-milled rice.",
            "2024-07-05", "article", "22.5%", ("2024-06-01", "2024-06-30"), id="base-period-not-carried-pna",
        ),
        # … and APA on Ghana's CPI (February 2023)
        pytest.param(
            "He stated that the non-food inflation dropped to 47.9 per cent in January from 49.9 per cent in "
            "December 2022. While stating that inflation for locally produced goods fell to 50.0 percent from 51.1 "
            "per cent in December last year, inflation for imported items also rose to 62.5 per cent.",
            "2023-02-15", "article", "50.0 percent", ("2023-01-01", "2023-01-31"), id="base-period-not-carried-apa",
        ),
        # figures listed in parallel take one year each (bianet on Türkiye's central bank, August 2025)
        pytest.param(
            "“For 2026 and 2027, we have set our interim targets at 16% and 9%, respectively,” Karahan said.",
            "2025-08-14", "article", "16%", ("2026-01-01", "2026-12-31"), id="pair-listed-respectively",
        ),
    ],
)  # fmt: skip
def test_the_period_real_sentences_give_a_figure(text, date, kind, span, period):
    """The day of speaking, a transcript's preamble, a news lead's period, years paired respectively,
    and the base of a 'to A from B' change (GUIDELINES §8.1–8.2)."""
    claim = _claim_in(text, date, span, kind=kind)
    assert (claim.time_start, claim.time_end) == period


@pytest.mark.parametrize(
    ("text", "date", "span"),
    [
        # BEA news release (2021): the percent in brackets restates the dollar change
        ("Personal income increased $35.5 billion (0.2 percent) in August.", "2021-10-01", "0.2 percent"),
        # Bank of Canada opening statement (2022): ", or" restates the move in another unit
        ("Today, we raised the policy interest rate by 100 basis points, or 1%.", "2022-07-13", "1%"),
        # a Dáil written answer (2025): a qualifier inside the brackets ("c." is circa)
        (
            "Income tax receipts to end-April stood at €11.7 billion, an increase of €0.5 billion (c. 4½ per "
            "cent) on the same period last year.",
            "2025-05-29",
            "4½ per cent",
        ),
    ],
)
def test_a_restated_change_is_a_change_in_the_same_direction(text, date, span):
    claim = _claim_in(text, date, span)
    assert (claim.kind, claim.direction) == ("change", "up")


def test_a_share_in_brackets_after_a_level_stays_a_level():
    from pipeline.api import extract_text

    claims = extract_text("Exports were 5 million tonnes (20 percent of the total).", date="2022-01-01").claims
    assert [(c.kind, c.direction) for c in claims] == [("level", None), ("level", None)]


@pytest.mark.parametrize(
    ("text", "date", "span", "expected"),
    [
        # IMF press briefings (2022): forecast revisions named by a noun
        ("Downgrades of 0.4 and 0.7 percentage points from April.", "2022-07-26", "0.4", ("change", "down")),
        ("It is a 0.9 percentage point upgrade from October.", "2022-04-27", "0.9 percentage point", ("change", "up")),
        # BLS employment situation (2021): the verb form, read before
        ("November was revised down by 72,000, from +336,000 to +264,000.", "2021-02-05", "72,000", ("change", "down")),
    ],
)
def test_revisions_are_changes(text, date, span, expected):
    claim = _claim_in(text, date, span)
    assert (claim.kind, claim.direction) == expected


def test_expecting_is_a_target():
    # White House briefing (2022), a reporter on the Fed's coming decision
    claim = _claim_in("We’re expecting 75 basis points this week.", "2022-07-26", "75 basis points", kind="transcript")
    assert claim.modality == "target"


@pytest.mark.parametrize(
    ("text", "date", "span", "period"),
    [
        # IMF World Economic Outlook briefing (2022): "from last year's X to Y this year"
        (
            "Growth slows down from last year's 6.1 percent to 3.2 percent this year, and 2.9 percent next year.",
            "2022-07-26",
            "6.1 percent",
            ("2021-01-01", "2021-12-31"),
        ),
        # White House fact sheet (2022): a possessive period with an adjective between
        (
            "These investments are double the funding from last year’s historic $500 million.",
            "2022-08-01",
            "$500 million",
            ("2021-01-01", "2021-12-31"),
        ),
    ],
)
def test_a_possessive_period_owns_its_figure(text, date, span, period):
    claim = _claim_in(text, date, span)
    assert (claim.time_start, claim.time_end) == period


@pytest.mark.parametrize(
    ("text", "date", "span"),
    [
        # bdnews24 (May 2015): "it" is the inflation the sentence before named
        (
            "He said, average inflation on a point-to-point basis for April stood at 6.56 percent this year. "
            "Last year, it was 7.48 percent.",
            "2015-05-06", "7.48 percent",
        ),
        # the CSO, Ireland (February 2023): "This" is the annual rise in prices
        (
            "The latest publication shows that prices for consumer goods and services in January 2023 increased by "
            "7.8% on average when compared with January 2022. This was down from 8.2 per cent in the 12 months to "
            "December 2022.",
            "2023-02-16", "8.2 per cent",
        ),
    ],
)  # fmt: skip
def test_a_pronoun_stands_for_the_rate_named_before(text, date, span):
    claim = _claim_in(text, date, span)
    assert (claim.kind, claim.direction) == ("change", "up")


def test_a_determiner_is_not_a_pronoun_for_a_rate():
    # White House statement (2024): "This tax credit" after the Inflation Reduction Act is a credit, not a rate
    text = "The Inflation Reduction Act helps. This tax credit provides up to 30% off the cost of the charger."
    assert _claim_in(text, "2024-01-19", "30%").kind == "level"


@pytest.mark.parametrize(
    ("text", "date", "span", "expected"),
    [
        # ruetir on Mexico's INEGI (January 2023)
        (
            "Within the underlying subgroup, merchandise increased 0.55% in the fortnightly period and 11.02% in "
            "the year.",
            "2023-01-24", "11.02%", ("change", "up"),
        ),
        # White House fact sheet on the SBA (October 2024)
        (
            "SBA cut documentation requirements—reducing the time to apply by 40% for a single certification and "
            "over 70% for multiple certifications.",
            "2024-10-24", "70%", ("change", "down"),
        ),
    ],
)  # fmt: skip
def test_a_parallel_figure_after_its_period_repeats_the_kind(text, date, span, expected):
    claim = _claim_in(text, date, span)
    assert (claim.kind, claim.direction) == expected


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        # White House briefing (August 2022) and 'by the numbers' (September 2023): the comparative sits
        # inside the span, between the number and its unit
        ("That means 1.7 trillion more dollars are coming into the Treasury.", "1.7 trillion more dollars", ("change", "up")),
        ("Nearly 11,000 fewer miles of track inspected annually.", "11,000 fewer miles", ("change", "down")),
    ],
)
def test_a_comparative_inside_the_span_is_a_change(text, span, expected):
    claim = _claim_in(text, "2023-09-19", span)
    assert (claim.kind, claim.direction) == expected


@pytest.mark.parametrize(
    ("text", "date", "kind", "span"),
    [
        # Warsaw Point (December 2021): no forecast word near the figure, but its years are not over
        (
            "OECD estimates that put Polish GDP growth this year and next year over 5 percent are slightly higher "
            "than the government’s 4.9 percent, the Polish finance minister said on Friday.",
            "2021-12-03", "article", "4.9 percent",
        ),
        # a reporter at a White House press call on the budget (March 2022)
        (
            "One question on the inflation assumption.  So, 2.3 percent this year and next year, and stable, is not "
            "realistic.",
            "2022-03-28", "transcript", "2.3 percent",
        ),
    ],
)  # fmt: skip
def test_a_figure_for_years_not_yet_over_is_a_target(text, date, kind, span):
    claim = _claim_in(text, date, span, kind=kind)
    assert claim.modality == "target" and claim.time_end.endswith("-12-31") and claim.time_start[:4] == date[:4]


@pytest.mark.parametrize(
    ("text", "date", "span", "expected"),
    [
        # a White House fact sheet's HTML table (August 2024): "Savings (%)" heads amounts saved
        (
            "The new prices will go into effect in 2026:\n\n<table><tbody>\n<tr><td>Drug Name</td>"
            "<td>Drug List Price in 2023 for 30-day Supply</td><td>Negotiated Price for 2026 for 30-day Supply</td>"
            "<td>Savings (%)</td></tr>\n<tr><td>Eliquis</td><td>$521</td><td>$231</td><td>$290 (-56%)</td></tr>\n"
            "<tr><td>Jardiance</td><td>$573</td><td>$197</td><td>$376 (-66%)</td></tr>\n</tbody></table>\n",
            "2024-08-15", "$290", ("change", "down", "2023-01-01"),
        ),
        # another White House page's table as pipe rows (September 2023): "Cut to LIHEAP" heads cuts
        (
            "State-by-state impacts:\n\n| State | Cut to LIHEAP | Households served by LIHEAP (FY 2022) |\n\n"
            "| Alabama | $40 Million | 59,725 |\n\n| Alaska | $7 Million | 4,117 |\n",
            "2023-09-20", "$7 Million", ("change", "down", None),
        ),
    ],
)  # fmt: skip
def test_a_column_headed_by_a_change_holds_changes(text, date, span, expected):
    claim = _claim_in(text, date, span)
    kind, direction, start = expected
    assert (claim.kind, claim.direction) == (kind, direction)
    if start is not None:  # "$521" under "… List Price in 2023 …" keeps its column's year
        assert _claim_in(text, date, "$521").time_start == start
        # the saving compares the 2023 list price with the 2026 price: it spans both, and is not yet made
        assert (claim.time_start, claim.time_end, claim.modality) == ("2023-01-01", "2026-12-31", "target")
        share = _claim_in(text, date, "-56%")
        assert (share.kind, share.direction, share.time_end) == ("change", "down", "2026-12-31")


def test_the_day_of_an_announcement_frames_nothing():
    """'And today, with this announcement, we mark a real step forward' (Secretary Raimondo at a White House
    briefing, 2021) and 'today marks the second anniversary of the horrific war going on in Sudan' (the UN
    noon briefing, 2025) date an act of the day of speaking: the figures after them are not of that day."""
    text = (
        "SECRETARY RAIMONDO:  Thank you, Jen.\n\nGood afternoon, everybody.  So, as the President often says, we’re "
        "on the road to recovery.  And today, with this announcement, we mark a real step forward in that recovery.\n\n"
        "This is a $1 billion challenge for up to 30 regions across the country.\n"
    )
    claim = _claim_in(text, "2021-07-22", "$1 billion", kind="transcript")
    assert (claim.time_start, claim.time_end) == (None, None)
    text = (
        "As you know, today marks the second anniversary of the horrific war going on in Sudan.\n\n"
        "More than 12 million people have been forced to flee their homes.\n"
    )
    claim = _claim_in(text, "2025-04-15", "12 million", kind="statement")
    assert claim.time_start != "2025-04-15"


def test_the_day_of_speaking_frames_no_turn(corpus):
    """'First, today I’m calling on Congress to suspend the federal gas tax …' (the President's remarks, White
    House 2022) and 'Today, President Biden will travel to Northfield, Minnesota …' (a fact sheet, 2023) open
    with the day of speaking: the figures after them ("an 18-cent tax per gallon", "$1.7 billion") are not of
    that day (GUIDELINES §8.1, the time of a saying). A figure "today" itself keeps the day."""

    for doc, span in (
        ("2022-06-22-wh-remarks-biden-gas-tax-holiday-prices", "18-cent"),
        ("2023-10-31-wh-fact-sheet-rural-investments-5-billion", "$1.7 billion"),
    ):
        claim = _claim_in_corpus(corpus, doc, span)
        assert claim.time_start is None, (doc, claim.time_reason)
    # Prothom Alo (2021): "… placed the statistics at the virtual cabinet meeting … on Monday" (the day of
    # the report) dates the meeting, not the per capita income
    doc = "2021-05-17-prothomalo-bangladesh-per-capita-income"
    assert _claim_in_corpus(corpus, doc, "US dollar 2,064").time_start is None
    claim = _claim_in("Unemployment is 3.5 percent today.", "2022-06-22", "3.5 percent", kind="statement")
    assert (claim.time_start, claim.time_end) == ("2022-06-22", "2022-06-22")


def test_a_list_written_one_item_per_line_carries_nothing_between_items(corpus):
    """White House "By the Numbers" (2023): Markdown items "-   **4,000** fewer rail safety inspection days
    next year alone …  ⏎-   **145** fewer members of local law enforcement …" sit in one paragraph, yet each
    item is its own (GUIDELINES §8.2 rule 9): "next year" stays in its item. A market-calendar page on the
    Bank of Canada (2024): the "Oct 25, 2023" of its list of dates does not set the year of the statement's
    "from 2.7% in June"."""

    for doc, span, start in (
        ("2023-09-19-wh-by-the-numbers-cr-cuts", "145", None),
        ("2024-10-23-boc-macklem-press-conference-opening-statement", "2.7%", "2024-06-01"),
    ):
        claim = _claim_in_corpus(corpus, doc, span)
        assert claim.time_start == start, (doc, claim.time_reason)


def test_a_heading_that_names_the_documents_day_heads_no_section(corpus):
    """The Baltic Course (2010): the byline line "Juhan Tere, BC, Tallinn, 04.03.2010.Print version" dates the
    page, not the deficit limit "below 3% of GDP" under it; White House (2024): a short line with "Today" does
    not date "over half of all Hispanic and Latino students". A heading with another day still does (the Bank
    of England's "At its meeting ending on 31 July 2024, …" broken over lines)."""

    for doc, span, start in (
        ("2010-03-04-balticcourse-estonia-deficit-2009-ligi", "3%", None),
        ("2024-10-30-wh-briefing-jean-pierre-bernstein-gdp", "half", None),
        ("2024-08-01-boe-monetary-policy-summary", "0.25 percentage points", "2024-07-31"),
    ):
        claim = _claim_in_corpus(corpus, doc, span)
        assert claim.time_start == start, (doc, claim.time_reason)


def test_figures_listed_after_a_change_are_changes(corpus):
    """The President (2022): "They’re now down more than 27 cents a gallon in Wisconsin this past week, 27 cents
    in Oregon, 16 cents in Ohio, …" — each listed figure is a fall like the first (a comma alone joins the list;
    one publisher so far); bdnews24 (2015): "national salary rate was hiked by 9.27 percent in March and 9.36
    percent in April" ("hiked" is a rise). A level after a comma stays one."""
    text = (
        "They’re now down more than 27 cents a gallon in Wisconsin this past week, 27 cents in Oregon, 16 cents "
        "in Ohio, 25 cents in Nevada."
    )
    assert (_claim_in(text, "2022-10-19", "16 cents", kind="transcript").kind,) == ("change",)
    assert _claim_in(text, "2022-10-19", "16 cents", kind="transcript").direction == "down"
    text = "It was also said at the brief that national salary rate was hiked by 9.27 percent in March and 9.36 percent in April."
    claim = _claim_in(text, "2015-05-06", "9.27 percent", kind="article")
    assert (claim.kind, claim.direction) == ("change", "up")
    claim = _claim_in("GDP grew 5% in Q1, unemployment was 3.5 percent.", "2024-05-01", "3.5 percent", kind="article")
    assert (claim.kind, claim.direction) == ("level", None)


def test_a_present_word_frames_no_text(corpus):
    """The Philippine Star (2015): "… the “modern world” where Thailand and Malaysia are in right now" opens the
    article; KBC (Kenya, 2024): "Mudavadi who is currently the acting CS …". "right now" and "currently" say
    how things stand in their own sentence; the figures after them are not of the document's day."""

    for doc, span in (
        ("2015-10-15-philstar-philippines-growth-balisacan", "$2,870"),
        ("2024-07-22-kbc-kenya-budget-cuts-mudavadi", "Ksh 138 billion"),
    ):
        claim = _claim_in_corpus(corpus, doc, span)
        assert not (claim.time_reason or "").startswith("frame present"), (doc, claim.time_reason)


def test_a_century_named_in_passing_is_not_carried():
    """White House remarks (2021): 'universal education back at the turn of the 20th century. Now, the OECD
    … ranks America 35 out of 37' — the century dates its own sentence only."""
    text = (
        "We were among the first in the world to guarantee access to universal education back at the turn of the "
        "20th century.  Now, the Organization for Economic Co-operation and Development ranks America 35 out of 37 "
        "major economies when it comes to investing in early childhood education."
    )
    claim = _claim_in(text, "2021-10-08", "35 out of 37", kind="transcript")
    assert claim.time_start is None or not claim.time_start.startswith("19")


@pytest.mark.parametrize(
    ("text", "date", "span", "period"),
    [
        # Statistics Austria (2019): the previous month's rate in brackets is an aside
        ("Vienna, 2019-10-16 – In September 2019, the inflation rate was +1.2%, as Statistics Austria reports "
         "(August 2019: +1.5%). Expenditures for housing, water and energy (+2.8% compared to September 2018) "
         "remained the most important price driver, followed by expenditures for restaurants and hotels (+3.1%).",
         "2019-10-16", "+3.1%", ("2019-09-01", "2019-09-30")),
        # Statistics Iceland (2023): an index base in brackets is neither a period nor carried
        ("The Consumer Price Index (CPI) based on prices in August 2023, is 597.8 points (May 1988=100), 0.34% "
         "higher than in the previous month. The CPI less housing cost is 494.5 points, 0.49% higher than in "
         "July 2023.", "2023-08-30", "494.5 points", ("2023-08-01", "2023-08-31")),
    ],
)  # fmt: skip
def test_a_period_in_brackets_is_not_carried(text, date, span, period):
    claim = _claim_in(text, date, span, kind="statement")
    assert (claim.time_start, claim.time_end) == period


def test_a_comparison_base_in_the_lead_frames_nothing():
    """Daily Monitor (Uganda, 2023): '… projected to have grown by 5.5 percent compared to 4.6 percent last
    year' — 'last year' is the base figure's, not the period of the article's later growth rates."""
    text = (
        "Finance Minister Matia Kasaija said Thursday that the country’s economy is projected to have grown by "
        "5.5 percent compared to 4.6 percent last year.\n\n"
        "According to him, the economy’s expansion is on account of good performance of the services sector which "
        "grew at 6.2 percent, compared to 4.1 percent in the previous year.\n"
    )
    claim = _claim_in(text, "2023-06-15", "6.2 percent", kind="article")
    assert claim.time_start is None


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        # White House fact sheet (2024) and remarks (2022)
        ("Their plan would add more than $3 trillion to deficits over 10 years.", "$3 trillion"),
        ("Adding another $3 trillion to the deficit is reckless, it’s irresponsible.", "$3 trillion"),
        # Talking Points Memo and The Hill (2016), on a budget watchdog's estimates
        ("The “Promises and Price Tags” report found that Trump would add $11.5 trillion to the debt by 2026.",
         "$11.5 trillion"),
        ("New analysis finds Sanders's plans would add $19 trillion to debt", "$19 trillion"),
    ],
)  # fmt: skip
def test_an_amount_added_to_the_deficit_or_debt_is_a_rise(sentence, span):
    assert _kind(sentence, span, unit="USD") == ("change", "up")


def test_jobs_added_stay_a_level():
    assert _kind("The economy added 250,000 jobs in December.", "250,000", unit="count") == ("level", None)


def test_a_line_of_a_one_line_per_paragraph_page_is_a_paragraph():
    """Government of Thailand's news bureau (2024) and ruetir (Mexico, 2023) write each paragraph on one line
    with no blank line between: a period stated in one line is not carried into the next."""
    thai = (
        "Mr. Sakkapop Panyanukul, Secretary of the Monetary Policy Committee, said that the overall Thai economy "
        "is projected to expand as anticipated. Headline Inflation is likely to gradually return toward the target "
        "range by the end of 2024. The deleveraging process is expected to continue.\n"
        "The committee deems that a neutral stance of policy rate remains appropriate with the economic growth and "
        "inflation outlook. Most members thus voted to cut the policy rate by 0.25 percentage points to alleviate "
        "debt-servicing burden for borrowers.\n"
    )
    assert _claim_in(thai, "2024-10-16", "0.25 percentage points", kind="article").time_start != "2024-12-31"
    from pipeline.api import extract_text
    from tests.conftest import CORPUS

    doc = "2023-01-24-ruetir-mexico-inegi-inflation-first-half-january"
    text = (CORPUS / f"{doc}.txt").read_text(encoding="utf-8")
    claims = {c.text: c for c in extract_text(text, date="2023-01-24", kind="article").claims}
    assert claims["0.39%"].time_start.startswith("2022")  # its own line: the same fortnight of 2022
    assert claims["8.45%"].time_start.startswith("2023")  # the next line: the report's fortnight


@pytest.mark.parametrize(
    ("text", "date", "span", "period"),
    [
        # Bank of Mauritius (2019): "forecast for 2019 at 0.5 per cent and for 2020 at 1.5 per cent"
        ("Bank staff has maintained their inflation forecast for 2019 at 0.5 per cent and for 2020 at 1.5 per cent.",
         "2019-11-27", "0.5 per cent", ("2019-01-01", "2019-12-31")),
        ("Based on latest available information, Bank staff is projecting real GDP growth at 3.7 per cent for 2019 "
         "and maintained its forecast for 2020 at about 4 per cent.", "2019-11-27", "4 per cent",
         ("2020-01-01", "2020-12-31")),
        # Central Bank of Ireland (2016): the forecast verb, then the year it is for
        ("GDP growth of 5.1 per cent is forecast for 2016, a marginal upward revision of 0.3 per cent from the "
         "previous projection.", "2016-04-01", "5.1 per cent", ("2016-01-01", "2016-12-31")),
    ],
)  # fmt: skip
def test_a_forecast_for_a_year_is_for_that_year(text, date, span, period):
    claim = _claim_in(text, date, span)
    assert (claim.time_start, claim.time_end) == period


def test_the_date_of_a_past_event_frames_nothing(corpus):
    """White House (2023): Landrieu opens his turn 'on November 15th, 2021, just a short 18 months ago,
    President Biden signed …' — the date of the signing, not the period of '69,000 miles of roadway' he
    then lists; Jakarta Globe (2024): 'as of November' opening the article does not date next year's
    allocation."""

    for doc, span in (
        ("2023-05-12-wh-briefing-jean-pierre-landrieu-infrastructure", "69,000 miles"),
        ("2024-12-11-jakartaglobe-indonesia-budget-deficit-november", "Rp 919.9 trillion"),
    ):
        [claim] = [c for c in _corpus_claims(corpus, doc) if c.text == span]
        assert claim.time_start is None, (doc, claim.time_reason)


def test_a_release_announced_today_is_framed_by_its_lead_paragraph(corpus):
    """White House fact sheet (2022-03-07): "Today, the Department of Education announced state-by-state
    breakdown of over $2.7 billion … These funds were provided … over the past year." The lead dates the
    announcement only; the period its paragraph states next frames the release (GUIDELINES §8.2 rule 6),
    down to the colleges' amounts in its lists. A lead that states a period of its own keeps the lead
    sentence's reading (the lead's period, not a later sentence's)."""
    doc = "2022-03-07-wh-fact-sheet-hbcu-arp-funding-by-state"
    for span in ("$2.7 billion", "$60,120,210"):
        claim = _claim_in_corpus(corpus, doc, span)
        assert (claim.time_start, claim.time_end) == ("2021-01-01", "2021-12-31"), (span, claim.time_reason)
    text = (
        "Today, the Department announced $50 million for ports in fiscal year 2023. The ports were built "
        "in 1950.\n\nBaltimore will receive $10 million."
    )
    claim = _claim_in(text, "2023-05-01", "$10 million", kind="statement")
    assert claim.time_start != "1950-01-01"


def test_the_numbers_of_numbered_paragraphs_are_no_claims(corpus):
    """Singapore's trade ministry prints its speech in numbered paragraphs ("1 Good morning and welcome to
    MTI.", "2 Details of …", "3 Growth in …"): the numbers are not counts; the figures inside are claims."""
    claims = _corpus_claims(corpus, "2020-02-17-sg-mti-economic-survey-2019-lim")
    text = (corpus / "2020-02-17-sg-mti-economic-survey-2019-lim.txt").read_text(encoding="utf-8")
    opening = [c for c in claims if c.start == 0 or text[c.start - 1] == "\n"]
    assert not [c.text for c in opening if c.text.isdigit()]
    assert "0.7 per cent" in {c.text for c in claims}


@pytest.mark.parametrize(
    ("doc", "span", "kind"),
    [
        # DPI Guyana (2019): "we recorded growth of 3.2%. In 2016 – 3.4%. In 2017, 2.1%. … In 2003, by minus 0.6%."
        ("2019-08-14-dpi-guyana-midyear-growth-jordan", "2.1%", ("change", "up")),
        ("2019-08-14-dpi-guyana-midyear-growth-jordan", "0.6%", ("change", "down")),  # the span leaves out "minus"
        # the Fed Chair via MaceNews (2022): "… PCE inflation is 5.6% this year and falls to 3.1% next year. 2.5% in
        # 2024 and 2.1% in 2025."
        ("2022-12-14-fed-powell-press-conference-macenews", "2.5%", ("change", "up")),
    ],
)
def test_a_list_said_in_fragments_keeps_the_rate_of_its_first_item(corpus, doc, span, kind):
    claim = _claim_in_corpus(corpus, doc, span)
    assert (claim.kind, claim.direction) == kind


def test_an_editors_line_introducing_the_transcript_dates_no_figure(corpus):
    # "Following is the transcript of the media session … this afternoon (November 28):" ends with a colon,
    # but introduces the transcript: the Financial Secretary's "2% in local consumer spending" belongs to
    # the third quarter his turn opened with, not to the day of the session
    claims = [c for c in _corpus_claims(corpus, "2003-11-28-infogovhk-fs-tang-q3-economic-report") if c.text == "2%"]
    assert (str(claims[0].time_start), str(claims[0].time_end)) == ("2003-07-01", "2003-09-30")


def test_a_list_introduction_does_not_reach_into_the_next_speakers_turn(corpus):
    # the editor's "… today (November 25):" stops at the turn it opens: the reporter's "the region is
    # losing 6.5%" in a later turn has no period of its own
    c = _claim_in_corpus(corpus, "2005-11-25-infogovhk-fs-tang-economic-situation-q3", "6.5%")
    assert c.time_start is None and c.time_end is None


def test_a_caption_in_markdown_bold_introduces_its_table(corpus):
    # "**Number of small businesses owners … in each state in 2022: **" above an HTML table (White House,
    # September 2024): the colon inside the closing asterisks still introduces what follows, so the
    # state counts are 2022's
    claims = _corpus_claims(corpus, "2024-09-25-wh-fact-sheet-aca-entrepreneurs-by-state")
    cell = next(c for c in claims if c.text == "4,820")
    assert (str(cell.time_start), str(cell.time_end)) == ("2022-01-01", "2022-12-31")


def test_a_turn_that_opens_on_the_time_of_saying_has_no_frame(corpus):
    # "Hello, folks.  Good morning.  Today, we received great news …  This morning, we learned that, in May,
    # our economy created 559,000 new jobs" (White House, June 2021): past the greeting, the turn's first time
    # expression is when the news came ("This morning, we learned"), which frames nothing (GUIDELINES §8.2
    # rule 6); "in May" dates its own sentence, not the rescue payments further on
    claims = _corpus_claims(corpus, "2021-06-04-wh-remarks-biden-may-jobs-report")
    jobs = next(c for c in claims if c.text == "5.8 percent")
    assert (str(jobs.time_start), str(jobs.time_end)) == ("2021-05-01", "2021-05-31")
    payments = next(c for c in claims if c.text == "167 million")
    assert payments.time_start is None and payments.time_end is None


def test_a_second_figure_after_its_bare_period_and_and_repeats_the_first_ones_kind():
    # ADB (2009): "… will expand by 5.1% this year and 7.3% next year"; the Reserve Bank of Fiji (2022):
    # "… projected to expand by 15.6 percent this year and 6.0 percent next year": the second rate has no
    # verb of its own, and "this year" has no preposition
    adb = "ADB forecasts East Asia will expand by 5.1% this year and 7.3% next year."
    rbf = "Given these developments, the economy is projected to expand by 15.6 percent this year and 6.0 percent next year."
    for text, date, span in ((adb, "2009-12-15", "7.3%"), (rbf, "2022-11-24", "6.0 percent")):
        c = _claim_in(text, date, span, kind="article")
        assert (c.kind, c.direction) == ("change", "up"), text


def test_a_starting_point_sets_no_year_in_context(corpus):
    # RBA, 5 November 2024: "Inflation has fallen substantially since the peak at the end of 2022 … Underlying
    # inflation in the September quarter is still too high. While trim mean inflation … was little changed at
    # 0.8% in the quarter": the quarter is 2024's, not 2022's
    c = _claim_in_corpus(corpus, "2024-11-05-rba-bullock-media-conference", "0.8%")
    assert (str(c.time_start), str(c.time_end)) == ("2024-07-01", "2024-09-30")


def test_a_long_opening_paragraph_is_no_greeting(corpus):
    # "Good morning.  This morning, we received some welcome news … And we learned last month's inflation rate
    # came down …" (White House, December 2022) says more than a greeting: its first time expression, when the
    # news came, frames nothing, and "the fifth month in a row" is not November's
    claims = _corpus_claims(corpus, "2022-12-13-wh-remarks-biden-inflation-cpi-gas-insulin")
    streak = next(c for c in claims if c.text == "fifth month")
    assert streak.time_start is None and streak.time_end is None


def test_items_under_a_hypothetical_lead_in_are_targets(corpus):
    # White House "By the Numbers" (September 2023): "So what would it mean for the American people if House
    # Republicans' proposed 8% cuts were extended for the entire year?  **IMPACTS OF …:**  -   **800** fewer
    # Customs and Border Protection (CBP) agents": each item is a projected effect (GUIDELINES §7)
    for doc, span in (
        ("2023-09-19-wh-by-the-numbers-cr-cuts", "800"),
        ("2023-09-29-wh-by-the-numbers-house-republicans-30-percent-cuts", "12,500"),
    ):
        assert _claim_in_corpus(corpus, doc, span).modality == "target", doc
    # a list under a plain lead-in stays actual: "the 43 awardees have already:  -   Enrolled over 6,300 …"
    assert _claim_in_corpus(corpus, "2024-10-24-wh-fact-sheet-sba-record-lending", "6,300").modality == "actual"


def test_a_week_dates_its_own_sentence_only():
    """'the President is excited to, this week, lay out his plan' (the NEC Director at a White House briefing,
    2021) and 'the G7 Ministerial here in Bonn this week' (the Treasury Secretary's remarks, 2022) place an
    event in the week; the figures of the sentences after them are not that week's."""
    text = (
        "MR. DEESE:  Thanks, Jen.\n\nSo, as you know and as Jen has spoken about, the President is excited to, "
        "this week, lay out his plan to invest in American families.\n\nAnd, as you all know, that’s income from "
        "selling stocks and other assets for taxpayers that make more than $1 million per year in income.\n"
    )
    claim = _claim_in(text, "2021-04-26", "$1 million", kind="transcript")
    assert (claim.time_start, claim.time_end) == (None, None)
    text = (
        "BONN: Thank you for being here. This has been a very productive week already, and I am looking forward to "
        "the G7 Ministerial here in Bonn this week.\n\nThe backdrop against this trip is, of course, Russia’s war "
        "against Ukraine. The United States and more than 30 of our partners – representing well over half the "
        "world’s economy – have imposed unprecedented sanctions.\n"
    )
    claim = _claim_in(text, "2022-05-18", "30", kind="statement")
    assert (claim.time_start, claim.time_end) == (None, None)
    claim = _claim_in("Prices fell 6.7 cents in the last week.", "2022-11-21", "6.7 cents")
    assert (claim.time_start, claim.time_end) == ("2022-11-14", "2022-11-20")


def test_an_expression_past_a_semicolon_is_the_next_clauses():
    # The Vice President with CEOs, 2021: "today" after the semicolon dates the $1.2 billion, not the $750 million
    text = "Six months ago, we had a commitment of $750 million; today, we have a commitment of over $1.2 billion."
    claim = _claim_in(text, "2021-12-14", "$750 million", kind="transcript")
    assert (claim.time_start, claim.time_end) == ("2021-06-01", "2021-06-30")
    assert _claim_in(text, "2021-12-14", "$1.2 billion", kind="transcript").time_start == "2021-12-14"



def test_the_date_of_remarks_is_the_day_of_speaking_and_frames_nothing(corpus):
    """Prepared remarks dated at their head ("*June 17, 2024,*", a White House remark of NEC Deputy Director
    Hornung's) are spoken that day: the date frames no figure, as in a transcript (GUIDELINES §8.2 rule 6)."""
    claim = _claim_in_corpus(corpus, "2024-06-17-wh-remarks-hornung-tax-system-2025", "$1 million")
    assert (claim.time_start, claim.time_end) == (None, None), claim.time_reason


def test_a_figure_that_is_no_target_does_not_take_a_period_carried_from_ahead():
    """Australia's Senate (2006): "… eliminate … net debt in the next six months. So the $96 billion debt
    we inherited from Labor …" — the debt is no forecast for March–August; a White House statement
    (December 2022): "… 100% electric NGDVs starting in 2026. This $9.6 billion investment – which
    includes $3 billion in funding from the Inflation Reduction Act – …" is not a 2026 figure."""
    senate = (
        "Our underlying cash surplus was revised upwards to $11.5 billion, and we are now on track to eliminate "
        "altogether our general government net debt in the next six months. So the $96 billion debt we inherited "
        "from Labor will very shortly be completely eliminated.\n"
    )
    debt = _claim_in(senate, "2006-02-07", "$96 billion", kind="transcript")
    assert (debt.time_start, debt.time_end) == (None, None)
    usps = (
        "The USPS investment includes electrifying 75% of its new vehicles and a commitment to acquire 100% "
        "electric NGDVs starting in 2026. This $9.6 billion investment – which includes $3 billion in funding "
        "from the Inflation Reduction Act – installs modern charging infrastructure.\n"
    )
    funding = _claim_in(usps, "2022-12-20", "$3 billion")
    assert (funding.time_start, funding.modality) == (None, "actual")


def test_years_ago_last_month_earlier_this_year_at_an_opening_date_an_event_not_the_turn():
    """A White House briefing (January 2022): "When President Biden came into office just one year ago, he
    pledged …" opens the guest's turn; an RBA fireside chat (February 2026): "When I arrived in Australia two
    years ago, I made it a priority …" (its figure sentence below is made up, the chat's excerpt has none).
    Like a past day, the expression dates its own sentence's event, and the figures later in the turn are
    not of that year."""
    whitehouse = (
        "MS. PSAKI:  Mitch, the floor is yours.\n\n"
        "MR. LANDRIEU:  Thank you, Jen.  When President Biden came into office just one year ago, he pledged to use "
        "the power of the presidency to help everyday Americans, to bring people together, and to rebuild our country "
        "and economy.\n\n"
        "The law includes $4.7 billion to clean up orphaned well sites.\n"
    )
    wells = _claim_in(whitehouse, "2022-01-18", "$4.7 billion", kind="transcript")
    assert (wells.time_start, wells.time_end) == (None, None)
    rba = (
        "MODERATOR:  Andrew, maybe you can recap the general context.\n\n"
        "ANDREW HAUSER:  Well, look, thank you very much all of you for the invite. When I arrived in Australia two "
        "years ago, I made it a priority for myself to get out and about and meet with Australian businesses directly.\n\n"
        "Underlying inflation is running at 3.4 per cent.\n"
    )
    inflation = _claim_in(rba, "2026-02-11", "3.4 per cent", kind="transcript")
    assert inflation.time_start != "2024-01-01"
    # "last month" and "earlier this year" place an event the same way: SBS via Teller Report (May 2022), a
    # White House statement (December 2022)
    seoul = (
        "The Bank of Korea raised the key interest rate by 0.25 percentage points once again following last month.\n\n"
        "The Monetary Policy Committee of the Bank of Korea raised the base interest rate by 0.25 percentage points "
        "from 1.5% to 1.75%.\n"
    )
    hike = _claim_in(seoul, "2022-05-26", "1.75%", kind="article")
    assert (hike.time_start, hike.time_end) == (None, None)
    usps = (
        "Earlier this year, President Biden signed the Inflation Reduction Act to help bring down everyday costs.\n\n"
        "In the bold modernization plan unveiled today, the USPS invests the full $3 billion in Inflation Reduction Act "
        "funds to increase ambition and pace in electrifying its fleet, including $1.3 billion for electric delivery vehicles.\n"
    )
    vehicles = _claim_in(usps, "2022-12-20", "$1.3 billion")
    assert (vehicles.time_start, vehicles.time_end) != ("2022-01-01", "2022-12-20")
