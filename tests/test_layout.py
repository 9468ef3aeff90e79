"""The text view: wrapped lines joined, offsets back to the raw text exact."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pipeline.layout import view_of

ROOT = Path(__file__).resolve().parents[1]


def test_space_only_lines_do_not_hide_the_wrap():
    """A White House transcript wrapped at ~72 columns whose paragraphs are separated by lines
    holding only the two spaces of a Markdown hard break: those lines are blank, not short lines."""
    raw = (ROOT / "corpora/briefings/2023-03-10-wh-remarks-biden-february-jobs-report.txt").read_text()
    text = view_of(raw).text
    assert "below 4 percent for 14 straight months" in text
    assert "nonpartisan Congressional Budget Office" in text
    assert "the month before.\n\nAll told" in text  # paragraphs stay apart


def test_a_table_does_not_hide_the_wrap_of_the_prose_around_it():
    """A White House fact sheet (2023) wraps its prose at ~72 columns and then gives a 110-cell HTML table, one
    short "<td>373,000</td>" line after another: the table's lines say nothing of the prose's wrap, so
    "In August,⏎President Biden announced …" is one sentence's text; a Markdown table ("| Alabama | 373,000 |")
    likewise."""
    raw = (ROOT / "corpora/briefings/2023-01-27-wh-fact-sheet-student-debt-relief-by-state.txt").read_text()
    assert "In August, President Biden announced his Administration’s plan" in view_of(raw).text
    prose = "The Governing Council decided to lower the interest rate on the deposit facility by 10 basis\npoints to -0.30%.\n"
    table = "".join(f"| Row {i} | {i},000 |\n" for i in range(40))
    assert "by 10 basis points to -0.30%" in view_of(prose * 8 + "\n" + table).text


def test_wrapped_figure_is_joined_ecb_style():
    raw = (
        "The Governing Council decided to lower the interest rate on the deposit facility by 10 basis\npoints to -0.30%.\n"
        * 8
    )
    assert "by 10 basis points to -0.30%" in view_of(raw).text


@given(st.text(alphabet=st.sampled_from(list("ab1 .\n-\r\t%\u00a0\u200b*[]\\")), max_size=300))
def test_every_view_character_maps_back(raw):
    view = view_of(raw)
    for i in range(len(view.text)):
        a, b = view.raw_span(i, i + 1)
        assert 0 <= a <= b <= len(raw)


def test_superscript_tags_disappear_and_their_text_stays():
    # White House fact sheets write "the 21<sup>st</sup> century" and "the 12<sup>th</sup> straight month"
    for raw, seen in (
        ("It positions American manufacturers to win the 21<sup>st</sup> century.\n", "win the 21st century."),
        ("Inflation fell for the 12<sup>th</sup> straight month.\n", "for the 12th straight month."),
    ):
        view = view_of(raw)
        assert seen in view.text
        start = view.text.index(seen)
        a, b = view.raw_span(start, start + len(seen))
        assert raw[a:b].startswith(seen[:6]) and "<sup>" in raw[a:b]


def test_a_speaker_label_alone_on_its_line_is_never_joined():
    """The RBI's press-conference transcript (2025): lines of similar length look hard-wrapped, but a
    name with a colon alone on its line is a speaker label, not wrapped text."""
    raw = (
        "Participants from the Reserve Bank of India:\n"
        "Shri Sanjay Malhotra – Governor, Reserve Bank of India.\n"
        "Shri M. Rajeshwar Rao – Deputy Governor, Reserve Bank of India\n"
        "Shri T. Rabi Sankar – Deputy Governor, Reserve Bank of India\n"
        "Shri Swaminathan J. – Deputy Governor, Reserve Bank of India\n"
        "Dr. Poonam Gupta – Deputy Governor, Reserve Bank of India\n"
        "Dr. Rajiv Ranjan – Executive Director, Reserve Bank of India\n"
        "Moderator:\n"
        "Shri Puneet Pancholy – Chief General Manager, Reserve Bank of India\n"
        "Puneet Pancholy:\n"
        "Hello, and good afternoon.\n"
    )
    lines = view_of(raw).text.split("\n")
    assert "Puneet Pancholy:" in lines and "Moderator:" in lines


def test_a_bold_heading_wrapped_over_lines_is_one_line():
    """White House fact sheets (2022) wrap bold run-in headings; a line inside the bold run that ends
    in a colon ("Homeowners:**", "Funding:**") is the heading's tail, not a speaker's label, and the
    document reads as a statement."""
    from pipeline.corpus import classify

    raw = (
        "million.\n\n**The American Rescue Plan’s Historic Resources and Relief for\n"
        "Homeowners:**\u00a0The American Rescue Plan provided other critical resources\n"
        "that states and localities can use to address home energy costs.\n\n"
        "-   **Funds from the Bipartisan Infrastructure Law Are Building on the\n"
        "    American Rescue Plan’s Investment That More Than Doubled LIHEAP\n"
        "    Funding:** The Biden-Harris Administration has delivered nearly $8\n"
        "    billion in LIHEAP funding nationally.\n"
    )
    text = view_of(raw).text
    assert "Relief for Homeowners: The American" in text
    assert "Doubled LIHEAP Funding: The Biden-Harris" in text
    assert classify(raw) == "statement"
    # a label after a line that closes its bold run is still a line of its own
    assert "\nMS. PSAKI:" in view_of("**Press Briefing**\nMS. PSAKI:  Hi, everyone.\n").text
