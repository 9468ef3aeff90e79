import datetime as dt
import json

import pytest

from pipeline.ingest import IngestError, find_body_start, find_chrome, header_date, read_document, reads_as_label_line
from tests.conftest import CORPUS


def test_seed_headers_give_the_briefing_date(seed_documents):
    # the sidecar wins, but the header alone must give the same date
    for doc in seed_documents.values():
        if doc.kind == "transcript":
            assert header_date(doc.text) == doc.date


def test_header_date_prefers_the_dateline_over_publication_date():
    text = "Title\nBeijing | 3 p.m. Jan. 18, 2023\n\nSomething on Feb. 2, 2023\n"
    assert header_date(text) == dt.date(2023, 1, 18)
    # a page published March 3 about a Feb. 28 briefing: the date line alone wins
    text = (
        "The office held a press conference on Feb. 28.  March 3, 2022\n\nRead in Chinese\n\nFeb. 28, 2022\n\nHost:\n"
    )
    assert header_date(text) == dt.date(2022, 2, 28)


def test_participants_listed_twice_are_people_not_turns(seed_documents):
    doc = seed_documents["2023-01-18-scio-industry-it-2022"]
    assert [p.name for p in doc.participants] == ["Tian Yulong", "Zhao Zhiguo", "Tao Qing", "Xing Huina"]
    assert doc.text[doc.body_start :].startswith("Xing Huina:")


@pytest.mark.parametrize(
    "line",
    [
        # White House briefings (2021, 2022): a sentence that introduces a list ends in a colon
        "But let me just — let me just — let me just highlight:",
        "Okay, a couple of other updates:",
        "Today’s actions do a number of things:",
        # a Chinese statistics bureau translation: the same shape
        "The main indicators are as follows:",
    ],
)
def test_a_sentence_ending_in_a_colon_does_not_end_the_header(line):
    # Taken for a label line, it made everything before it header: a WH briefing lost 17,000
    # characters of Brian Deese's figures, and 59 of 663 WH briefings lost text the same way.
    text = f"Title\n\nMS. JEAN-PIERRE: Good afternoon. Growth was 3 percent.\n\n{line}\n\nFirst, jobs.\n"
    assert find_body_start(text) == 0
    assert not reads_as_label_line(line.rstrip(":"), max_words=12)


@pytest.mark.parametrize(
    "label",
    ["Xing Huina", "CCTV reporter from China Central Radio and Television", "Moderator Liu Fang", "Phoenix TV"],
)
def test_labels_alone_on_a_line_still_end_the_header(label):
    text = f"Press conference\n\nParticipants: Ms Xing Huina, spokesperson\n\n{label}:\n\nGood morning.\n"
    assert find_body_start(text) == text.index(f"{label}:\n")


def test_a_transcript_with_inline_labels_keeps_its_opening_turns():
    doc = read_document(CORPUS / "2022-07-26-wh-briefing-jean-pierre-deese.txt")
    assert doc.text[doc.body_start :].lstrip().startswith("James S. Brady")


def test_chrome_is_recognised_without_editing_the_text(seed_documents):
    doc = seed_documents["2023-01-18-scio-industry-it-2022"]
    chrome = {doc.text[c.start : c.end].split()[0] for c in doc.chrome}
    assert {"Read", "Translated", "/5"} <= chrome
    ict = seed_documents["2022-02-28-scio-industry-icts"]
    texts = [ict.text[c.start : c.end] for c in ict.chrome]
    # chrome is found on the normalised view (the pagination's non-breaking spaces are folded) …
    assert any(t.startswith("ㄑ") for t in texts) and any(t.startswith("1 2 3") for t in texts)
    # … while the stored text is untouched
    assert ict.raw == (CORPUS / "2022-02-28-scio-industry-icts.txt").read_text(encoding="utf-8")
    assert "1\xa0\xa02" in ict.raw
    assert find_chrome("Growth was 5 percent.\n") == ()


def test_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("Growth was 5%, said the café owner\n".encode("cp1252"))
    with pytest.raises(IngestError, match="not valid UTF-8 at byte 27"):
        read_document(path)


@pytest.mark.parametrize(("content", "message"), [(b"", "empty"), (b"   \n", "empty"), (b"\x00\x01\x02abc", "binary")])
def test_empty_and_binary_files(tmp_path, content, message):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        read_document(path)


def test_unreadable_sidecar(tmp_path):
    (tmp_path / "x.txt").write_text("Some text 5%.\n", encoding="utf-8")
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IngestError, match="unreadable sidecar"):
        read_document(tmp_path / "x.txt")
    (tmp_path / "x.json").write_text(json.dumps({"kind": "speech"}), encoding="utf-8")
    with pytest.raises(IngestError, match="kind 'speech'"):
        read_document(tmp_path / "x.txt")
    (tmp_path / "x.json").write_text(json.dumps({"date": "18/01/2023"}), encoding="utf-8")
    with pytest.raises(IngestError, match="ISO date"):
        read_document(tmp_path / "x.txt")


def test_sidecar_is_optional_and_kind_is_guessed(tmp_path):
    (tmp_path / "x.txt").write_text(
        "Title\n\nHost A:\n\nWelcome.\n\nMs Smith Jones:\n\nGrowth was 5%.\n", encoding="utf-8"
    )
    doc = read_document(tmp_path / "x.txt")
    assert doc.kind == "transcript" and doc.date is None and doc.title == "Title"


def test_html_tags_left_in_markdown_are_chrome():
    # White House fact sheet (2021, Markdown with an image tag over three lines) and a linked figure
    text = (
        'once-in-a-century pandemic.\n\n<img\nsrc="https://mcusercontent.com/images/944a.png"\n'
        'loading="lazy" width="500" height="281" />  \n\nPrices fell in <a href="https://x.gov/a">12 states</a>.\n'
    )
    chrome = [text[c.start : c.end] for c in find_chrome(text)]
    assert chrome[0].startswith("<img") and chrome[0].endswith("/>")
    assert '<a href="https://x.gov/a">' in chrome and not any("12 states" in c for c in chrome)


def test_bylines_with_a_clock_time_are_chrome():
    """A byline or dateline carrying a clock time frames nothing and holds no claim (Metro TV's
    "Ilham wibowo • 03 Desember 2018 12:22 WIB" gave its year to the whole article); a sentence that
    merely mentions a time stays text."""
    for line in (
        "Ilham wibowo    •    03 Desember 2018 12:22 WIB",  # Metro TV (Indonesia)
        "Published : 6 May 2015, 01:55 PM",  # bdnews24 (Bangladesh)
        "by Desk Editor on Wednesday, August 3, 2011 — 9:57 PM",  # parliamenttoday.co.nz
    ):
        assert [line[c.start : c.end] for c in find_chrome(line + "\n")] == [line], line
    sentence = "Inflation reached 0.27 percent in November 2018, BPS said at a briefing that began at 11:00 AM on Monday."
    assert find_chrome(sentence + "\n") == ()


def test_a_wire_story_about_new_zealand_is_new_zealands():
    """IANS/Xinhua on Stats NZ (2023): the title names the country, not the agency's; a Scoop media
    statement without an address says "New Zealand's" in its first lines (2016)."""
    from pipeline.ingest import publisher_country

    title = "New Zealand's annual inflation spikes to 5.6% (IANS/Xinhua, reporting the Stats NZ consumers price index)"
    assert publisher_country("https://archive.newskarnataka.com/world/x", title, "") == "NZ"
    lead = "Figures released today by Statistics New Zealand show New Zealand’s unemployment rate is now 5.1 per cent."
    assert publisher_country(None, "Unemployment rate down to 5.1 per cent", lead) == "NZ"
    assert publisher_country(None, "China's trade with New Zealand grew", "Xinhua reports") == "CN"


def test_a_story_on_the_chancellors_statement_is_british():
    """Channel 4 News on the Autumn Statement (2011) and Commons written answers from HM Treasury (2004), both
    without a .uk address: the Chancellor's statement and the Treasury name the country, whose fiscal years
    run April–March ("In 2012-13 it will be £19bn more")."""
    from pipeline.ingest import publisher_country

    lead = "Britain’s economic prospects take a hammering as Chancellor George Osborne’s autumn statement reveals …"
    assert publisher_country("https://www.channel4.com/news/x", "Growth down, borrowing up, says Osborne", lead) == "UK"
    assert publisher_country(None, "Treasury: written answers", "Ruth Kelly: Publication of HM Treasury's report") == "UK"
    assert publisher_country(None, "Growth down, says minister", "The minister said growth will slow.") is None


def test_a_trinidad_and_tobago_page_spends_its_own_dollars(corpus):
    """Newsday (Trinidad and Tobago, 2021): '$3 billion' in the Finance Minister's mid-year review is TTD, and
    so is a bare '$' under a title that names the country; 'US$7 billion' stays USD."""
    from pipeline.api import extract_text
    from pipeline.ingest import publisher_country

    assert publisher_country("https://newsday.co.tt/2021/06/10/imbert/", "Imbert: not approaching the IMF", "") == "TT"
    assert publisher_country(None, "Trinidad and Tobago budget review", "") == "TT"
    text = (corpus / "2021-06-10-newsday-tt-imbert-mid-year-review.txt").read_text(encoding="utf-8")
    claims = extract_text(text, date="2021-06-10", kind="article", title="Imbert: Trinidad and Tobago not approaching the IMF").claims
    units = {c.text: c.unit for c in claims}
    assert units["$3 billion"] == "TTD" and units["US$7 billion"] == "USD"


@pytest.mark.parametrize(
    ("line", "is_label"),
    [
        ("Technical information", False),  # BLS, Employment Situation (2021)
        ("The Bulletin reports", False),  # Central Bank of Ireland, Quarterly Bulletin (2016)
        ("United States, including", False),  # White House fact sheets (2022, 2023): a wrapped sentence's tail
        ("One of the Biden-Harris Administration, including", False),
        ("Why? Because", False),
        ("CCTV reporter", True),  # a role's lower-case word may end a label
        ("Audience member", True),
        ("Xing Huina", True),
    ],
)
def test_a_line_ending_in_a_lower_case_word_or_a_question_is_not_a_label(line, is_label):
    assert reads_as_label_line(line) is is_label


@pytest.mark.parametrize(
    "line",
    [
        "Saudi investor monitors screens at Saudi Stock Exchange, or Tadawul, in the capital Riyadh. (AFP)",  # Arab News
        "NBS HQ in Belgrade (Tanjug, file)",  # B92
        "Finance Minister Matia Kasaija arrives at Kololo ceremonial grounds for budget reading on June 15, "
        "2023. PHOTO/ DAVID LUBOWA",  # Daily Monitor
    ],
)
def test_a_photo_caption_is_chrome(line):
    """A caption dates a photograph, not the article's figures: it frames nothing."""
    text = f"Headline\n\n{line}\n\nThe economy grew 5 percent, the minister said.\n"
    assert [text[c.start : c.end] for c in find_chrome(text)] == [line]


def test_a_country_code_domain_names_the_publishers_country():
    """Reserve Bank of Fiji (2022), Daily Monitor (Uganda, 2023), Jakarta Globe (2024): the address's
    country-code domain decides when no publisher row does; a .com address says nothing."""
    from pipeline.ingest import publisher_country

    assert publisher_country("https://rbf.gov.fj:443/press-release-no-22-rbf-maintains", None, "") == "FJ"
    assert publisher_country("https://monitor.co.ug/uganda/news/national/x", None, "") == "UG"
    assert publisher_country("https://jakartaglobe.id/business/x", None, "") == "ID"
    assert publisher_country("https://www.brecorder.com/news/40178630/x", None, "") is None
    assert publisher_country("https://www.ons.gov.uk/x", None, "") == "UK"
    # no country-code domain: a peso amount in the lead says the Philippines (BusinessWorld, 2020)
    lead = "GOVERNMENT revenue collections may fall by between P91 billion to P100 billion if disruptions drag on."
    assert publisher_country("https://www.bworldonline.com/editors-picks/2020/03/11/x/", None, lead) == "PH"


def test_a_country_a_headline_names_is_the_publishers_country_when_nothing_else_says():
    """Loop PNG (2023) and Lusaka Times (2007) write from .com addresses: "Parliament passes 2023 supplementary
    budget (Loop PNG, …)" is Papua New Guinea's, "Zambia to miss inflation target" Zambia's; a place where
    something happened is not the text's country ("… Yellen in Bonn, Germany", US Treasury 2022)."""
    from pipeline.ingest import publisher_country

    png = "Parliament passes 2023 supplementary budget (Loop PNG, 13 October 2023)"
    assert publisher_country("https://www.looppng.com/png-news/x", png, "") == "PG"
    assert publisher_country("https://www.lusakatimes.com/2007/11/13/x/", "Zambia to miss inflation target", "") == "ZM"
    bonn = "Transcript of Press Conference from Secretary of the Treasury Janet L. Yellen in Bonn, Germany"
    assert publisher_country("https://home.treasury.gov/news/press-releases/jy0796", bonn, "") == "US"
    assert publisher_country("https://example.com/x", bonn, "") is None


def test_a_news_articles_country_is_the_one_its_headline_names(corpus):
    """Mail & Guardian (South Africa) carrying Reuters on Tanzania (2008): "It will be at 7% in 2008/09" is
    Tanzania's July-June fiscal year; Tempo (2021, a .co address) on Indonesia's budget. A transcript keeps
    its publisher's country."""
    from pipeline.ingest import document_country, read_document

    assert read_document(corpus / "2008-06-12-mailguardian-tanzania-growth-inflation-mkulo.txt").country == "TZ"
    assert read_document(corpus / "2021-10-25-tempo-indonesia-budget-deficit-september-sri-mulyani.txt").country == "ID"
    wh = "Remarks by President Biden and Prime Minister Kishida of Japan"
    assert document_country("transcript", "https://www.whitehouse.gov/x", wh, "") == "US"
