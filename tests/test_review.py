"""The review site (pipeline/review.py) on a small synthetic output folder: no spaCy model, no corpus.

The folder is written here, row by row, so every expected count is known: document ``alpha`` has four
predictions and four gold claims — one clean match, one field mismatch (modality), two false positives
(one nested in the other), and two misses (one partly overlapping a matched prediction).
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.review import _render_text, _Span, build_site, confusion_matrix, is_failed
from pipeline.score import evaluate, load_gold, load_predictions

CLAIM_COLUMNS = (
    "doc_id,start,end,text,value,value_high,unit,counted,qualifier,kind,direction,modality,time_start,time_end,"
    "speaker,speaker_role,metric,time_reason,turn_index,sentence_start,sentence_end,entities,pipeline_version"
).split(",")
GOLD_COLUMNS = CLAIM_COLUMNS[: CLAIM_COLUMNS.index("metric") + 1]
DOCUMENT_COLUMNS = "doc_id,title,date,kind,words,turns,claims,status,error,warnings".split(",")
TURN_COLUMNS = "doc_id,turn_index,start,end,speaker,speaker_role".split(",")

EVIL_METRIC = "</script><script>alert(2)</script> & more"
FAILED_ERROR = "gamma.txt: not valid UTF-8 at byte 3 <b>bad</b>"

ALPHA = (
    "Briefing on trade & industry <script>alert(1)</script>\n\n"
    "MODERATOR: Welcome, everyone.\n\n"
    "MR. LEE: Exports grew 12% in 2022. We target 5% growth next year. "
    "Output was 3.4 million tons. Imports fell by 3 billion dollars.\n"
)
# CRLF line ends: the offsets count the CR, so the text must be read without newline translation
BETA = "Statement\r\n\r\nPrices rose 2% in May.\r\n"


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _claim(doc_id: str, text: str, needle: str, **fields) -> dict:
    start, end = _span(text, needle)
    record = {
        "doc_id": doc_id,
        "start": start,
        "end": end,
        "text": needle,
        "value": 12.0,
        "unit": "percent",
        "qualifier": "exact",
        "kind": "change",
        "direction": "up",
        "modality": "actual",
        "time_start": "2022-01-01",
        "time_end": "2022-12-31",
        "speaker": "Lee",
        "speaker_role": "official",
        "metric": "exports",
    }
    record.update(fields)
    return record


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})


def make_inputs(root: Path, *, filler_paragraphs: int = 0) -> dict:
    """Write ``out/``, ``corpus/`` and ``gold/`` under ``root``; return their paths and the claims.

    ``filler_paragraphs`` pushes alpha's statement paragraph far down the page (for the browser test).
    """
    out, corpus, gold = root / "out", root / "corpus", root / "gold"
    for folder in (out, corpus, gold):
        folder.mkdir(parents=True, exist_ok=True)
    filler = "".join(f"Paragraph {i} of background without figures.\n\n" for i in range(filler_paragraphs))
    alpha = ALPHA.replace("MR. LEE:", filler + "MR. LEE:")
    (corpus / "alpha.txt").write_text(alpha, encoding="utf-8")
    (corpus / "beta.txt").write_bytes(BETA.encode("utf-8"))
    (corpus / "held.txt").write_text("Growth was 4% last year.\n", encoding="utf-8")
    # gamma failed: no text file at all, as when the file could not be read

    claims = [
        _claim("alpha", alpha, "grew 12%"),  # 0: matches gold 0 exactly
        _claim("alpha", alpha, "5%", value=5.0, time_start="2023-01-01", time_end="2023-12-31"),  # 1: modality differs
        _claim("alpha", alpha, "3.4 million tons", value=3.4e6, unit="t", kind="level", direction=None),  # 2: fp
        _claim(
            "alpha", alpha, "3.4 million", value=3.4e6, unit="count", kind="level", direction=None, metric=EVIL_METRIC
        ),
        _claim("beta", BETA, "2%", value=2.0, speaker=None, speaker_role="narrator"),
        # offsets past the end of beta's text: shown apart, still counted
        {**_claim("beta", BETA, "2%", value=2.0), "start": 500, "end": 502},
        _claim("held", "Growth was 4% last year.\n", "4%", value=4.0),
    ]
    gold_alpha = [
        _claim("alpha", alpha, "grew 12%"),
        _claim("alpha", alpha, "12% in 2022"),  # overlaps prediction 0, which gold 0 takes: a miss
        _claim("alpha", alpha, "5%", value=5.0, modality="target", time_start="2023-01-01", time_end="2023-12-31"),
        _claim("alpha", alpha, "3 billion dollars", value=3e9, unit="USD", kind="change", direction="down"),
    ]
    turns = [
        {"doc_id": "alpha", "turn_index": 0, "speaker": "Moderator <i>X</i>", "speaker_role": "moderator"},
        {"doc_id": "alpha", "turn_index": 1, "speaker": "Lee", "speaker_role": "official"},
        {"doc_id": "beta", "turn_index": 0, "start": 0, "end": len(BETA), "speaker": "", "speaker_role": "narrator"},
    ]
    turns[0]["start"], turns[0]["end"] = _span(alpha, "MODERATOR: Welcome, everyone.")
    turns[1]["start"], turns[1]["end"] = alpha.index("MR. LEE:"), len(alpha)
    documents = [
        {"doc_id": "alpha", "title": "Alpha & <em>co</em>", "date": "2022-03-01", "kind": "transcript"},
        {"doc_id": "beta", "title": "Beta", "date": "2021-05-02", "kind": "statement"},
        {"doc_id": "gamma", "title": "Gamma", "date": "", "kind": "", "status": "error", "error": FAILED_ERROR},
        {"doc_id": "held", "title": "Held out", "date": "2020-01-01", "kind": "statement"},
    ]
    for doc in documents:
        doc.setdefault("status", "ok")
        doc["claims"] = sum(1 for c in claims if c["doc_id"] == doc["doc_id"])
        doc["turns"] = sum(1 for t in turns if t["doc_id"] == doc["doc_id"])
    _write_csv(out / "claims.csv", CLAIM_COLUMNS, claims)
    _write_csv(out / "turns.csv", TURN_COLUMNS, turns)
    _write_csv(out / "documents.csv", DOCUMENT_COLUMNS, documents)
    (gold / "alpha.jsonl").write_text(
        "".join(json.dumps({c: g.get(c) for c in GOLD_COLUMNS}) + "\n" for g in gold_alpha), encoding="utf-8"
    )
    held_gold = _claim("held", "Growth was 4% last year.\n", "4%", value=4.0, modality="target")
    (gold / "held.jsonl").write_text(json.dumps({c: held_gold.get(c) for c in GOLD_COLUMNS}) + "\n", encoding="utf-8")
    (gold / "splits.json").write_text(json.dumps({"test": ["held"], "dev": ["alpha"]}), encoding="utf-8")
    return {"out": out, "corpus": corpus, "gold": gold, "claims": claims, "documents": documents, "alpha": alpha}


class Page(HTMLParser):
    """What the tests read from a page: its marks (classes and attributes, in order), the text under
    each claim and gold mark, table cells by table, script elements, and links."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[list[str], dict]] = []
        self.claim_text: dict[str, str] = defaultdict(str)
        self.gold_text: dict[str, str] = defaultdict(str)
        self.tables: dict[str, list[list[str]]] = {}
        self.scripts: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self._stack: list[dict] = []
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._script: list[str] | None = None
        self.feed(source)
        self.close()
        assert not self._stack, "a mark was never closed"

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "mark":
            self.marks.append((a.get("class", "").split(), a))
            self._stack.append(a)
        elif tag == "table":
            self._table = a.get("data-field") or a.get("id") or f"table{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag == "script":
            self._script = []
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "mark":
            assert self._stack, "a </mark> without its <mark>"
            self._stack.pop()
        elif tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None
        elif tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        for a in self._stack:
            if "data-claim" in a:
                self.claim_text[a["data-claim"]] += data
            if "data-gold" in a:
                self.gold_text[a["data-gold"]] += data
        if self._cell is not None:
            self._cell.append(data)
        if self._script is not None:
            self._script.append(data)

    def count(self, cls: str) -> int:
        return sum(1 for classes, _ in self.marks if cls in classes)

    def with_class(self, cls: str) -> list[dict]:
        return [a for classes, a in self.marks if cls in classes]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("review")
    inputs = make_inputs(root)
    index = build_site(inputs["out"], inputs["corpus"], root / "site", inputs["gold"])
    return {**inputs, "site": root / "site", "index": index}


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_site_has_every_page(site):
    root = site["site"]
    assert site["index"] == root / "index.html"
    for name in ("index.html", "plots.html", "evaluation.html", "docs/alpha.html", "docs/beta.html", "docs/held.html"):
        assert (root / name).stat().st_size > 500, name
    for png in ("claims_per_speaker.png", "claims_per_year_unit.png", "confusion.png"):
        assert (root / "plots" / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
    assert "evaluation.html" in _read(root / "index.html")
    assert "plots.html" in _read(root / "index.html")


def test_every_claim_is_one_mark_claim_with_its_exact_text(site):
    for doc_id in ("alpha", "beta", "held"):
        claims = [c for c in site["claims"] if c["doc_id"] == doc_id]
        page = Page(_read(site["site"] / "docs" / f"{doc_id}.html"))
        assert page.count("claim") == len(claims), doc_id
        ids = [a["id"] for a in page.with_class("claim")]
        assert sorted(ids) == sorted(f"claim-{n}" for n in range(len(claims)))
        for n, claim in enumerate(claims):
            # the text under every segment of claim n, read in order, is the claim's text
            assert page.claim_text[str(n)] == claim["text"], (doc_id, n)


def test_overlapping_and_nested_spans_are_split_not_broken(site):
    page = Page(_read(site["site"] / "docs" / "alpha.html"))
    # gold 1 ("12% in 2022") overlaps prediction 0 ("grew 12%"): prediction 0 is cut in two pieces
    assert [a["data-claim"] for a in page.with_class("claim-cont")].count("0") == 1
    assert page.gold_text["1"] == "12% in 2022"
    # prediction 3 lies inside prediction 2: the outer one is cut around it
    assert page.claim_text["2"] == "3.4 million tons" and page.claim_text["3"] == "3.4 million"


def test_render_text_across_turns_and_overlaps():
    text = "aaaa bbbb cccc dddd"
    spans = [
        _Span(2, 12, "claim", 0, ["kind-level"], "zero"),  # crosses the turn boundary at 7
        _Span(5, 9, "claim", 1, [], "one"),  # nested in 0
        _Span(8, 16, "miss", 0, [], "gold"),  # overlaps both
        _Span(30, 35, "claim", 2, [], "out of range"),
    ]
    turns = [
        {"turn_index": 0, "start": 0, "end": 7, "speaker": "A", "speaker_role": "official"},
        {"turn_index": 1, "start": 7, "end": len(text), "speaker": "B", "speaker_role": "journalist"},
    ]
    out, unplaced = _render_text(text, turns, spans)
    page = Page(out)
    assert page.count("claim") == 2 and [s.index for s in unplaced] == [2]
    assert page.claim_text == {"0": text[2:12], "1": text[5:9]}
    assert page.gold_text["0"] == text[8:16]
    assert out.count('class="turn ') == 2
    # the visible text, less the speaker labels, is the whole text, once
    assert re.sub(r"<[^>]+>", "", re.sub(r'<div class="who">.*?</div>', "", out)) == text


def test_document_text_and_fields_are_escaped(site):
    source = _read(site["site"] / "docs" / "alpha.html")
    assert "<script>alert(1)</script>" not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert "trade &amp; industry" in source
    assert "alert(2)</script>" not in source
    assert "<i>X</i>" not in source and "&lt;i&gt;X&lt;/i&gt;" in source  # a speaker name from turns.csv
    page = Page(source)
    # only the page's own two scripts: the embedded JSON and the page script
    assert source.count("<script") == 2 and len(page.scripts) == 2
    data = json.loads(page.scripts[0])
    assert data["pred"][3]["record"]["metric"] == EVIL_METRIC
    index = _read(site["site"] / "index.html")
    assert "<em>co</em>" not in index and "Alpha &amp; &lt;em&gt;co&lt;/em&gt;" in index


def test_gold_errors_are_marked_and_listed(site):
    page = Page(_read(site["site"] / "docs" / "alpha.html"))
    status = {a["data-claim"]: classes for classes, a in page.marks if "claim" in classes}
    assert "ok" in status["0"] and "mismatch" in status["1"]
    assert "fp" in status["2"] and "fp" in status["3"]
    assert "fp" not in status["0"] and "mismatch" not in status["0"]
    misses = [a for a in page.with_class("miss") if "data-gold" in a]  # not the legend's
    assert sorted(a["id"] for a in misses) == ["gold-1", "gold-3"]
    assert page.gold_text["3"] == "3 billion dollars"
    # the error list: five items, each a link to a span that exists on the page
    source = _read(site["site"] / "docs" / "alpha.html")
    items = re.findall(r'<li class="err [^"]*"><a href="#([^"]+)" data-target="\1">', source)
    assert sorted(items) == ["claim-1", "claim-2", "claim-3", "gold-1", "gold-3"]
    assert all(target in page.ids for target in items)
    assert "modality: target → actual" in source


def test_documents_without_gold_and_the_frozen_test_split(site):
    beta = _read(site["site"] / "docs" / "beta.html")
    assert "No gold for this document." in beta and 'class="errors"' not in beta
    assert "Claims outside the text" in beta
    held = _read(site["site"] / "docs" / "held.html")
    # held has a gold file with a disagreement, but the test split is never shown error by error
    assert "Frozen test split" in held and 'class="errors"' not in held
    assert "mismatch" not in " ".join(" ".join(c) for c, _ in Page(held).marks if "claim" in c)
    evaluation = Page(_read(site["site"] / "evaluation.html"))
    first_column = [row[0] for row in evaluation.tables["per-document"][1:]]
    assert first_column == ["alpha"]


def test_index_rows_scores_and_failed_document(site):
    source = _read(site["site"] / "index.html")
    page = Page(source)
    rows = {row[0]: row for row in page.tables["documents"][1:]}
    assert set(rows) == {"alpha", "beta", "gamma", "held"}
    header = page.tables["documents"][0]
    alpha = dict(zip(header, rows["alpha"], strict=True))
    # alpha: 2 of 4 predictions and 2 of 4 gold claims matched, so P = R = F1 = 0.5; 5 errors
    assert alpha["span F1"] == "0.500" and alpha["errors"] == "5" and alpha["claims"] == "4"
    assert dict(zip(header, rows["held"], strict=True))["span F1"] == "test split"
    assert dict(zip(header, rows["beta"], strict=True))["span F1"] == "no gold"
    gamma = dict(zip(header, rows["gamma"], strict=True))
    assert gamma["status"].startswith("error") and "not valid UTF-8 at byte 3 <b>bad</b>" in gamma["status"]
    assert "&lt;b&gt;bad&lt;/b&gt;" in source
    assert "docs/gamma.html" not in page.links and "docs/alpha.html" in page.links
    assert 'class="data sortable"' in source


def test_any_status_but_ok_is_a_failure():
    assert is_failed({"status": "error"}) and is_failed({"status": "failed"})
    assert not is_failed({"status": "ok"}) and not is_failed({"status": ""})


def test_confusion_matrix_counts(site):
    gold = load_gold(site["gold"], {"alpha"})
    result = evaluate(gold, load_predictions(site["out"] / "claims.csv"))
    cm = confusion_matrix(result.pairs, "modality")
    # matched pairs: (actual, actual) for "grew 12%" and (target, actual) for "5%"
    assert cm.loc["actual", "actual"] == 1 and cm.loc["target", "actual"] == 1
    assert cm.loc["target", "target"] == 0 and int(cm.to_numpy().sum()) == 2
    assert list(confusion_matrix(result.pairs, "kind").index) == ["change"]
    # the same counts on the evaluation page
    table = Page(_read(site["site"] / "evaluation.html")).tables["modality"]
    header, body = table[0], {row[0]: row for row in table[1:]}
    assert header[1:3] == ["actual", "target"]
    assert body["actual"][1:3] == ["1", "0"] and body["target"][1:3] == ["1", "0"]


def test_site_without_gold(tmp_path):
    inputs = make_inputs(tmp_path)
    build_site(inputs["out"], inputs["corpus"], tmp_path / "site")
    assert not (tmp_path / "site" / "evaluation.html").exists()
    page = Page(_read(tmp_path / "site" / "docs" / "alpha.html"))
    assert page.count("claim") == 4 and page.count("miss") == 0
    assert not any(cls in c for c, _ in page.marks for cls in ("fp", "mismatch", "ok"))
    assert "span F1" not in _read(tmp_path / "site" / "index.html")
