"""Speaker and metric on seed claims (metric is scored by token overlap, so check key words)."""

from pipeline.score import token_f1


def _claim(results, doc_id, text, nth=0):
    return [c for c in results[doc_id].claims if c.text == text][nth]


def test_speakers_come_from_turns(seed_results):
    c = _claim(seed_results, "2023-01-18-scio-industry-it-2022", "887,000")
    assert (c.speaker, c.speaker_role) == ("Tian Yulong", "official")
    c = _claim(seed_results, "2022-06-14-miit-decade-report", "RMB527 trillion")
    assert (c.speaker, c.speaker_role) == (None, "narrator")
    c = _claim(seed_results, "2023-01-19-article-new-industrialization", "1.2 trillion yuan", 1)
    assert (c.speaker, c.speaker_role) == ("Zhao Zhiguo", "official")


def test_metric_is_the_noun_phrase_the_number_measures(seed_results):
    cases = [
        ("2023-01-18-scio-industry-it-2022", "3.6%", "added value of industries above the designated size"),
        ("2022-06-14-miit-decade-report", "22", "national manufacturing innovation centers"),
        ("2022-06-14-cpc-industry-it-decade", "48.42 million", "total number of enterprises nationwide"),
        ("2022-06-14-miit-decade-report", "RMB21.7 trillion", "operating revenue"),  # the 2nd of "assets and revenue"
        ("2023-01-18-scio-industry-it-2022", "36%", "industrial sector contribution to economic growth"),
    ]
    for doc_id, text, gold_metric in cases:
        c = _claim(seed_results, doc_id, text)
        assert token_f1(c.metric, gold_metric) >= 0.5, (text, c.metric)


def test_counted_is_the_singular_noun(seed_results):
    assert (
        _claim(seed_results, "2022-06-14-miit-decade-report", "22").counted
        == "national manufacturing innovation center"
    )
    assert _claim(seed_results, "2022-06-14-miit-decade-report", "6.3%").counted is None


def test_entities_and_sentence_offsets(seed_results):
    import json

    result = seed_results["2022-06-14-miit-decade-report"]
    text = (
        __import__("pathlib").Path(__file__).parent.parent / "corpora/briefings/2022-06-14-miit-decade-report.txt"
    ).read_text()
    for c in result.claims:
        assert text[c.start : c.end] == c.text
        assert c.sentence_start <= c.start < c.end <= c.sentence_end
        assert isinstance(json.loads(c.entities), list)
