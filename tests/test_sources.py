"""Reading the formats researchers have (plain text, Markdown with front matter, saved HTML) and
adding them to a corpus so that ``claims add`` and extraction agree on turns."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.corpus import AddError, add_document, classify
from pipeline.sources import SourceError, read_source, source_files

from .conftest import CORPUS

FIXTURES = Path(__file__).parent / "fixtures"
WH_BRIEFING = FIXTURES / "wh-briefing-2023-03-01-excerpt.md"  # White House corpus (CC0), as published
WH_STATEMENT = FIXTURES / "wh-statement-2023-03-14-cpi.md"
BOE_PAGE = FIXTURES / "boe-mpc-summary-saved-page.html"  # a news page around the BoE MPC summary


def test_markdown_front_matter_goes_to_the_sidecar_and_the_body_is_kept_verbatim():
    raw = WH_BRIEFING.read_text(encoding="utf-8")
    source = read_source(WH_BRIEFING, raw)
    assert source.title == "Press Briefing by Press Secretary Karine Jean-Pierre"  # NBSP folded
    assert source.date == "2023-03-01"
    assert source.source_url.startswith(
        "https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2023/03/01/"
    )
    body_start = raw.index("---", 3) + len("---\n")
    assert source.text == raw[body_start:]


def test_markdown_without_front_matter_is_plain_text():
    source = read_source(Path("note.md"), "MR. DEESE:  Growth was 5.7 percent.\n")
    assert source.text == "MR. DEESE:  Growth was 5.7 percent.\n" and source.title is None


def test_broken_front_matter_is_a_clear_error():
    with pytest.raises(SourceError, match="front matter"):
        read_source(Path("b.md"), "---\ntitle: [unclosed\n---\nText\n")


def test_saved_html_page_keeps_the_article_and_drops_the_chrome():
    source = read_source(BOE_PAGE, BOE_PAGE.read_text(encoding="utf-8"))
    assert "voted by a majority of six-two, to maintain Bank Rate at 0.25%" in source.text
    assert "CPI inflation rose to 2.6% in June from 2.3% in March" in source.text
    for chrome in ("We use cookies", "Membership", "Registered charity number"):
        assert chrome not in source.text
    assert source.date == "2017-08-08"
    assert source.title.startswith("Bank of England rate to remain at 0.25%")
    assert source.source_url == "https://www.cipp.org.uk/resources/news/bank-of-england-rate-to-remain-at-0-25.html"


def test_an_html_page_without_text_is_refused():
    with pytest.raises(SourceError, match="no main text"):
        read_source(
            Path("empty.html"),
            "<html><head><title>Briefing</title><script>var x = 1;</script></head><body></body></html>",
        )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # inline labels after the opening, White House style ("MS. JEAN-PIERRE:  Hi.")
        (WH_BRIEFING.read_text(encoding="utf-8").split("---\n", 2)[2], "transcript"),
        # inline labels after timestamps, SAFE (China) style ("2019-07-18 10:23 Wang Chunying: …")
        ((CORPUS / "2019-07-18-safe-2019h1-press-conference-timestamps.txt").read_text(encoding="utf-8"), "transcript"),
        # one voice that says "As I've long said": a statement, not an article
        (WH_STATEMENT.read_text(encoding="utf-8").split("---\n", 2)[2], "statement"),
        # reported speech: an article
        ((CORPUS / "2023-01-19-article-new-industrialization.txt").read_text(encoding="utf-8"), "article"),
    ],
)
def test_classification_agrees_with_the_segmenter(text, kind):
    assert classify(text) == kind


def test_add_reports_turns_and_speakers(tmp_path):
    report = add_document(WH_BRIEFING, tmp_path / "corpus", model=None)
    assert report.sidecar["kind"] == "transcript"
    assert report.turns >= 5 and report.speakers >= 1  # Jean-Pierre's answers and the Q turns
    assert "turns:" in report.describe()
    stored = json.loads(report.sidecar_path.read_text())
    assert stored == {
        "title": "Press Briefing by Press Secretary Karine Jean-Pierre",
        "date": "2023-03-01",
        "kind": "transcript",
        "source_url": report.sidecar["source_url"],
    }


def test_given_options_win_over_what_the_file_states(tmp_path):
    report = add_document(WH_STATEMENT, tmp_path / "c", title="CPI statement", date="2023-03-15", model=None)
    assert report.sidecar["title"] == "CPI statement" and report.sidecar["date"] == "2023-03-15"
    assert report.sidecar["source_url"].endswith("statement-from-president-joe-biden-on-february-cpi-report/")


def test_source_files_walks_a_folder_and_skips_sidecars_and_hidden_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(WH_STATEMENT, tmp_path / "a" / "b" / "s.md")
    (tmp_path / "a" / "s.json").write_text("{}")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("no")
    (tmp_path / "page.HTML").write_text("<p>x</p>")
    assert [p.relative_to(tmp_path).as_posix() for p in source_files(tmp_path)] == ["a/b/s.md", "page.HTML"]


def test_a_file_with_only_front_matter_is_refused(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("---\ntitle: Nothing\n---\n\n")
    with pytest.raises(AddError, match="no text"):
        add_document(empty, tmp_path / "c", model=None)


def test_an_inferred_id_that_is_taken_gets_a_number_but_a_given_one_is_refused(tmp_path):
    # White House background calls of one day share the first 48 characters of their titles
    corpus = tmp_path / "c"
    for n, topic in enumerate(("the G7 summit", "the Americas partnership")):
        (tmp_path / f"{n}.md").write_text(
            f"---\ntitle: Background Press Call by Senior Administration Officials Previewing {topic}\n"
            f"date: '2021-06-12'\n---\nSENIOR ADMINISTRATION OFFICIAL:  We expect {n + 7} leaders.\n"
        )
    first = add_document(tmp_path / "0.md", corpus, model=None)
    second = add_document(tmp_path / "1.md", corpus, model=None)
    assert second.doc_id == f"{first.doc_id}-2"
    (tmp_path / "2.md").write_text("Another text entirely.\n")
    with pytest.raises(AddError, match="choose another --id"):
        add_document(tmp_path / "2.md", corpus, doc_id=first.doc_id, model=None)
