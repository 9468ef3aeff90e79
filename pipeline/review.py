"""Review site: a static HTML site for reading the claims in their documents, and against the gold.

``build_site(out_dir, corpus_dir, site_dir, gold_dir)`` turns an extraction's output folder
(``documents.csv``, ``claims.csv``, ``turns.csv``) into:

- ``index.html`` — every document, sortable, with its span F1 and error count when there is gold;
- ``docs/<doc_id>.html`` — the text with every claim highlighted (in the manner of displaCy's entity
  view), speaker turns labelled, each claim's fields on hover and on click, and, with gold, every
  false positive, miss and field mismatch marked and listed beside the text;
- ``plots.html`` — claims per speaker and per year and unit;
- ``evaluation.html`` (with gold) — the scores and a confusion matrix per categorical field.

Everything is inline (CSS, JS, JSON): the folder opens from disk, attaches to a ticket, needs no
server and fetches nothing. A briefing is untrusted input, so every piece of document text and every
field value goes through ``html.escape`` (attributes too), JSON is embedded with ``<``, ``>`` and
``&`` as Unicode escapes, and the page script fills the details panel with ``textContent`` only.

The documents of the frozen test split (``gold/splits.json`` → ``test``) are never shown error by
error (``gold/FIRST-LOOK-2.md``): they get pages with their predictions but no gold overlay, and no
score here — ``claims evaluate --split test`` gives their aggregate.
"""

from __future__ import annotations

import csv
import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from pipeline.report import error_rows
from pipeline.schema import CLAIM_FIELDS
from pipeline.score import (
    FIELDS,
    PRF,
    EvaluationResult,
    Pair,
    Scores,
    _fmt,
    _short,
    evaluate,
    load_gold,
    load_predictions,
)

# the record columns behind each scored field, to show what differs between gold and prediction
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "value_unit": ("value", "unit"),
    "value_high": ("value_high",),
    "qualifier": ("qualifier",),
    "kind_direction": ("kind", "direction"),
    "modality": ("modality",),
    "period": ("time_start", "time_end"),
    "speaker_role": ("speaker", "speaker_role"),
    "metric": ("metric",),
}
CONFUSION_FIELDS = ("kind", "modality", "qualifier", "speaker_role")
ERROR_LABELS = {
    "false_positive": "false positive",
    "false_negative": "miss",
    "field_mismatch": "field mismatch",
    "boundary": "boundary",
    "boundary+field_mismatch": "boundary + field mismatch",
}
# fields shown in the details panel, in schema order (doc_id is the page, the version is the run's)
_DETAIL_FIELDS = tuple(f for f in CLAIM_FIELDS if f not in ("doc_id", "pipeline_version"))
_TOP_SPEAKERS = 20
_TOP_UNITS = 8


# --- loading ----------------------------------------------------------------------------------------


def is_failed(doc: dict) -> bool:
    """Whether a documents.csv row is a document the extraction could not process: any status but
    "ok" (the writer says "error"; "failed" and any later name count too, never shown as ok)."""
    return str(doc.get("status") or "ok") != "ok"


def _read_table(path: Path) -> list[dict]:
    """The rows of a CSV of the output folder, as strings ('' for empty, so a speaker called "NA" stays
    one). The csv module, not pandas: a row dict per turn of 1,100 briefings is all that is needed."""
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist (run `claims extract` first)")
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_text(corpus_dir: Path, doc_id: str) -> str | None:
    """The document text the offsets index: its bytes decoded as UTF-8 without newline translation
    (as ``ingest.decode`` reads them; ``Path.read_text`` would fold CRLF and shift every offset), else
    as ``decode_by_evidence`` reads them; None when the file is missing or unreadable."""
    path = Path(corpus_dir) / f"{doc_id}.txt"
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from pipeline.corpus import AddError, decode_by_evidence

        try:
            return decode_by_evidence(raw)[0]
        except AddError:
            return None


def held_out_documents(gold_dir: Path) -> set[str]:
    """The frozen test split named in ``gold_dir/splits.json`` (empty when there is none)."""
    path = Path(gold_dir) / "splits.json"
    if not path.exists():
        return set()
    try:
        return set(json.loads(path.read_text(encoding="utf-8")).get("test", []))
    except (ValueError, AttributeError):
        return set()


# --- evaluation views -------------------------------------------------------------------------------


def confusion_matrix(pairs: Iterable[Pair], field_name: str) -> pd.DataFrame:
    """Counts of (gold value, predicted value) over matched pairs: rows are gold values, columns
    predicted values, both sorted with a missing value shown as "(none)"."""
    counts: Counter[tuple[str, str]] = Counter()
    for pair in pairs:
        if pair.gold is None or pair.pred is None:
            continue
        counts[(_label(pair.gold.get(field_name)), _label(pair.pred.get(field_name)))] += 1
    labels = sorted({g for g, _ in counts} | {p for _, p in counts})
    return pd.DataFrame(
        [[counts[(g, p)] for p in labels] for g in labels],
        index=pd.Index(labels, name="gold"),
        columns=pd.Index(labels, name="predicted"),
        dtype=int,
    )


def _label(value) -> str:
    return "(none)" if value is None or value == "" else str(value)


@dataclass
class _DocEval:
    """One document's gold view: statuses by claim index and the error list."""

    pred_status: dict[int, str] = field(default_factory=dict)  # ok, fp, mismatch, boundary
    pred_gold: dict[int, int] = field(default_factory=dict)  # predicted index → paired gold index
    pred_fields: dict[int, tuple[str, ...]] = field(default_factory=dict)  # disagreeing fields
    gold_status: dict[int, str] = field(default_factory=dict)  # matched, miss, boundary
    errors: list[dict] = field(default_factory=list)
    scores: Scores | None = None


def _doc_evaluations(
    result: EvaluationResult, gold: dict[str, list[dict]], pred: dict[str, list[dict]]
) -> dict[str, _DocEval]:
    """Per document: what each predicted and gold claim is, and its errors as ``error_rows`` names them."""
    # pairs hold the very records passed to evaluate(), so identity finds their positions
    pred_pos = {id(r): j for records in pred.values() for j, r in enumerate(records)}
    gold_pos = {id(r): i for records in gold.values() for i, r in enumerate(records)}
    out = {doc_id: _DocEval(scores=s) for doc_id, s in result.per_document.items()}
    # error_rows yields one row per pair that is not a clean match, in pair order
    error_pairs = [p for p in result.pairs if p.gold is None or p.pred is None or p.disagreements]
    rows = error_rows(result, {})
    assert len(rows) == len(error_pairs)
    for pair in result.pairs:
        de = out[pair.doc_id]
        i = gold_pos[id(pair.gold)] if pair.gold is not None else None
        j = pred_pos[id(pair.pred)] if pair.pred is not None else None
        if i is None and j is not None:
            de.pred_status[j] = "fp"
        elif j is None and i is not None:
            de.gold_status[i] = "miss"
        elif i is not None and j is not None:
            assert pair.gold is not None and pair.pred is not None
            same = (pair.gold["start"], pair.gold["end"]) == (pair.pred["start"], pair.pred["end"])
            de.pred_status[j] = "mismatch" if pair.disagreements else "ok" if same else "boundary"
            de.gold_status[i] = "matched" if same else "boundary"
            de.pred_gold[j] = i
            de.pred_fields[j] = pair.disagreements
    for pair, row in zip(error_pairs, rows, strict=True):
        out[pair.doc_id].errors.append(
            {
                **row,
                "pred_index": pred_pos[id(pair.pred)] if pair.pred is not None else None,
                "gold_index": gold_pos[id(pair.gold)] if pair.gold is not None else None,
                "gold_record": pair.gold,
                "pred_record": pair.pred,
            }
        )
    for de in out.values():
        de.errors.sort(key=lambda e: (e["start"], e["end"]))
    return out


# --- HTML pieces --------------------------------------------------------------------------------------


def _e(value) -> str:
    """Escaped text for element content and quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def _css_token(value) -> str:
    """A value as a CSS class token (vocabulary values are already tokens; anything else is squeezed)."""
    if value is None or value == "":
        return "none"
    return re.sub(r"[^a-z0-9_-]", "", str(value).lower()) or "none"


def _json_script(element_id: str, data) -> str:
    """JSON inside ``<script type="application/json">``: with ``<``, ``>`` and ``&`` as Unicode escapes
    no text (``</script>``, ``<!--``) can end the element early, and JSON.parse restores them."""
    # default=str: a date or other non-JSON value (a typed Parquet read) shows as its text; NaN is
    # not JSON (JSON.parse rejects it), so a record holding one is cleaned first, only then
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str, allow_nan=False)
    except ValueError:
        text = json.dumps(_jsonable(data), ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _jsonable(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def page_name(doc_id: str) -> str:
    """The file name of a document's page: the doc_id itself when it is a plain file name (it comes
    from one), else a squeezed form with a digest, so that no doc_id can point outside ``docs/``.

    >>> page_name("2023-01-18-scio-industry-it-2022")
    '2023-01-18-scio-industry-it-2022.html'
    >>> page_name("../../etc/passwd")
    'etc-passwd-....html'
    """
    if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*", doc_id) and len(doc_id) <= 200:
        return f"{doc_id}.html"
    import hashlib

    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:10]
    return f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', doc_id)[:80].strip('.-')}-{digest}.html"


_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#fff}
a{color:#0b57d0}
nav.top{background:#243447;color:#fff;padding:.5em 1.2em;display:flex;gap:1.2em;align-items:center}
nav.top a{color:#fff;text-decoration:none;font-weight:600}
nav.top .brand{font-weight:700;margin-right:1em}
.wrap{padding:1em 1.5em}
h1{font-size:1.35em;margin:.2em 0 .4em}
h2{font-size:1.1em;margin:1.4em 0 .5em}
table.data{border-collapse:collapse;font-size:13px}
table.data th,table.data td{padding:3px 8px;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
table.data th{background:#f3f5f8;position:sticky;top:0;white-space:nowrap}
table.data td.num,table.data th.num{text-align:right;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th[data-dir=asc]::after{content:" \\25B2";font-size:.8em}
table.sortable th[data-dir=desc]::after{content:" \\25BC";font-size:.8em}
tr.failed td{background:#fff1f0}
.status-failed{color:#b3261e;font-weight:600}
.err-msg{color:#b3261e;font-size:12px}
.muted{color:#777}
.summary{display:flex;gap:2em;flex-wrap:wrap;margin:.4em 0 1em}
.summary b{font-size:1.2em}
table.cm td.diag{background:#dff3e0;font-weight:600}
table.cm td.off{background:#fde2e0}
img.plot{max-width:100%;border:1px solid #eee;margin:.5em 0}
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(380px,36%);min-height:calc(100vh - 42px)}
main.doc{padding:1em 2em 40vh;min-width:0}
aside.side{position:sticky;top:0;height:100vh;display:flex;flex-direction:column;border-left:1px solid #ddd;background:#fafbfc;padding:.6em 1em;font-size:13px}
aside.side h2{margin:.6em 0 .3em}
/* details and errors scroll apart, so the details of an error clicked far down the list stay in view */
.details-box{flex:0 1 auto;max-height:48vh;overflow:auto;border-bottom:1px solid #e3e3e3;padding-bottom:.4em}
.errors-box{flex:1 1 0;min-height:25vh;overflow:auto}
ol.errors li.current{background:#fff6cc}
.meta{color:#555;font-size:13px;margin-bottom:1em}
.banner{background:#fff4e5;border:1px solid #f0c36d;padding:.4em .8em;margin:.6em 0;border-radius:4px}
.banner.failed{background:#fff1f0;border-color:#e8a29c}
.turn{border-left:3px solid #d0d7de;margin:0 0 .9em;padding:.1em 0 .1em .8em}
.turn.role-official{border-color:#1f77b4}.turn.role-journalist{border-color:#ff7f0e}
.turn.role-moderator{border-color:#2ca02c}.turn.role-narrator{border-color:#9e9e9e}
.turn.gap{border-color:transparent;color:#666}
.who{font-size:12px;font-weight:700;color:#444;margin-bottom:.15em}
.who .role{font-weight:400;background:#eef1f4;border-radius:3px;padding:0 .4em;margin-left:.4em}
.body{white-space:pre-wrap;overflow-wrap:anywhere;font-size:15px;line-height:1.75}
mark{color:inherit;background:none;border-radius:3px;padding:1px 1px;cursor:pointer;
  -webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.claim,mark.claim-cont{background:#e4e4e4}
mark.kind-level.modality-actual{background:#cfe3ff}
mark.kind-level.modality-target{background:#e5d6ff}
mark.kind-change.modality-actual{background:#c8eec8}
mark.kind-change.modality-target{background:#ffe8a3}
mark.fp{border:2px solid #d7191c}
mark.mismatch{border:2px solid #f08c00}
mark.boundary{border:2px dashed #8e44ad}
mark.miss,mark.miss-cont{background:repeating-linear-gradient(135deg,#ffd5d5 0 5px,#fff 5px 9px);border:2px dashed #d7191c}
mark.goldspan,mark.goldspan-cont{border-bottom:2px dotted #8e44ad;border-radius:0;padding:0}
mark.selected{outline:2px solid #111;outline-offset:1px}
mark.flash{animation:flash 1.6s ease-out}
@keyframes flash{0%,40%{outline:4px solid #ffcc00;outline-offset:2px}100%{outline:0 solid transparent}}
.legend{display:flex;flex-wrap:wrap;gap:.35em .8em;margin:.3em 0 .6em}
.legend mark{cursor:default;font-size:12px}
#details table{width:100%;border-collapse:collapse;font-size:12px;margin:.3em 0 .8em;table-layout:fixed}
#details td,#details th{border-bottom:1px solid #e5e5e5;padding:2px 4px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
#details th{width:28%}
#details tr.diff td{background:#fde2e0}
#details .hint{color:#777}
ol.errors{padding-left:2.4em;margin:.3em 0}
#details h3{font-size:13px;margin:.4em 0 .2em}
td.nowrap{white-space:nowrap}
ol.errors li{margin:.25em 0}
.tag{display:inline-block;font-size:11px;font-weight:700;border-radius:3px;padding:0 .35em;color:#fff}
.tag.false_positive{background:#d7191c}.tag.false_negative{background:#a0522d}
.tag.field_mismatch{background:#f08c00}.tag.boundary,.tag.boundary-field_mismatch{background:#8e44ad}
.diffs{color:#555;font-size:12px}
.unplaced mark{margin-right:.5em}
"""

_SORT_JS = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("thead th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var dir = th.dataset.dir === "asc" ? "desc" : "asc";
      table.querySelectorAll("thead th").forEach(function (h) { delete h.dataset.dir; });
      th.dataset.dir = dir;
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var key = function (row) { var c = row.cells[col]; return c ? (c.dataset.sort !== undefined ? c.dataset.sort : c.textContent.trim()) : ""; };
      var numeric = rows.every(function (r) { var k = key(r); return k === "" || !isNaN(Number(k)); });
      var sign = dir === "asc" ? 1 : -1;
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === "" || y === "") { return (x === "") - (y === ""); }  // empty cells last either way
        return sign * (numeric ? Number(x) - Number(y) : x.localeCompare(y));
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"""

_DOC_JS = """
(function () {
  var data = JSON.parse(document.getElementById("claims-data").textContent);
  var details = document.getElementById("details");
  var FIELDS = data.fields;
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value === null || value === undefined ? "" : String(value);
    if (cls) { el.className = cls; }
    return el;
  }
  function table(heading, columns, records, diff) {
    var wrap = document.createElement("div");
    wrap.appendChild(text("h3", heading));
    var t = document.createElement("table"), head = document.createElement("tr");
    head.appendChild(text("th", "field"));
    columns.forEach(function (c) { head.appendChild(text("th", c)); });
    t.appendChild(head);
    FIELDS.forEach(function (f) {
      // rows empty on every side say nothing; keep the panel short enough to read at a glance
      if (diff.indexOf(f) < 0 && records.every(function (r) { return r[f] === undefined || r[f] === null || r[f] === ""; })) { return; }
      var tr = document.createElement("tr");
      if (diff.indexOf(f) >= 0) { tr.className = "diff"; }
      tr.appendChild(text("th", f));
      records.forEach(function (r) { tr.appendChild(text("td", r[f])); });
      t.appendChild(tr);
    });
    wrap.appendChild(t);
    return wrap;
  }
  function describe(mark) {
    if (mark.dataset.claim !== undefined) {
      var n = Number(mark.dataset.claim), p = data.pred[n];
      var g = p.gold_index === null || p.gold_index === undefined ? null : data.gold[p.gold_index];
      var heading = "claim #" + n + " \\u2014 " + data.status[p.status];
      return g ? table(heading, ["predicted", "gold #" + p.gold_index], [p.record, g.record], p.diff)
               : table(heading, ["predicted"], [p.record], []);
    }
    var m = Number(mark.dataset.gold), gr = data.gold[m];
    var pairedWith = gr.pred_index === null || gr.pred_index === undefined ? null : gr.pred_index;
    return pairedWith === null ? table("gold #" + m + " \\u2014 " + data.status[gr.status], ["gold"], [gr.record], [])
      : table("gold #" + m + " \\u2014 " + data.status[gr.status] + " (predicted #" + pairedWith + ")",
              ["gold", "predicted"], [gr.record, data.pred[pairedWith].record], data.pred[pairedWith].diff);
  }
  function selectMark(mark) {
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    details.textContent = "";
    var chain = [];
    for (var m = mark; m; m = m.parentElement.closest("mark")) { chain.push(m); }
    chain.forEach(function (m) {
      segments(m).forEach(function (s) { s.classList.add("selected"); });
      details.appendChild(describe(m));
    });
  }
  function segments(mark) {
    var sel = mark.dataset.claim !== undefined ? '[data-claim="' + mark.dataset.claim + '"]' : '[data-gold="' + mark.dataset.gold + '"]';
    return Array.prototype.slice.call(document.querySelectorAll("main " + sel));
  }
  function go(id) {
    var el = document.getElementById(id);
    if (!el) { return; }
    el.scrollIntoView({block: "center", inline: "nearest"});
    segments(el).forEach(function (s) { s.classList.remove("flash"); void s.offsetWidth; s.classList.add("flash"); });
    selectMark(el);
  }
  document.querySelector("main").addEventListener("click", function (ev) {
    var mark = ev.target.closest("mark[data-claim], mark[data-gold]");
    if (mark) { selectMark(mark); }
  });
  document.querySelectorAll("a[data-target]").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      document.querySelectorAll("ol.errors li.current").forEach(function (li) { li.classList.remove("current"); });
      var li = a.closest("li");
      li.classList.add("current");
      go(a.dataset.target);
      // after go(): the details panel has its new height, so the list box has its final size.
      // Scroll only the list box (scrollIntoView would also move the text just centred)
      var box = li.closest(".errors-box"), r = li.getBoundingClientRect(), bb = box.getBoundingClientRect();
      if (r.top < bb.top || r.bottom > bb.bottom) { box.scrollTop += r.top - bb.top - bb.height / 3; }
      history.replaceState(null, "", "#" + a.dataset.target);
    });
  });
  if (location.hash.length > 1) { go(decodeURIComponent(location.hash.slice(1))); }
})();
"""

_STATUS_TEXT = {
    "ok": "matches gold",
    "fp": "false positive: no gold claim overlaps",
    "mismatch": "field mismatch",
    "boundary": "boundary: overlaps its gold claim with other offsets",
    "nogold": "no gold for this document",
    "miss": "missed: no prediction overlaps",
    "matched": "predicted",
}


def _page(title: str, body: str, *, root: str = "", gold: bool = False, script: str = "") -> str:
    nav = [f'<a href="{root}index.html">Documents</a>', f'<a href="{root}plots.html">Plots</a>']
    if gold:
        nav.append(f'<a href="{root}evaluation.html">Evaluation</a>')
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f'<nav class="top"><span class="brand">briefing-claims review</span>{"".join(nav)}</nav>'
        f"{body}{f'<script>{script}</script>' if script else ''}</body></html>\n"
    )


def _num_cell(value, text: str | None = None) -> str:
    sort = "" if value is None else str(value)
    return f'<td class="num" data-sort="{_e(sort)}">{_e(text if text is not None else sort)}</td>'


# --- document pages -----------------------------------------------------------------------------------


@dataclass
class _Span:
    start: int
    end: int
    layer: str  # "claim" (a prediction), "miss" or "goldspan" (gold extents that no prediction shares)
    index: int
    classes: list[str]
    title: str
    rendered: bool = False

    def open_tag(self) -> str:
        attr = "data-claim" if self.layer == "claim" else "data-gold"
        prefix = "claim" if self.layer == "claim" else "gold"
        if not self.rendered:
            self.rendered = True
            # only the first segment carries the class the page's claims are counted by, and the id
            return (
                f'<mark class="{" ".join([self.layer, *self.classes])}" {attr}="{self.index}" '
                f'id="{prefix}-{self.index}" title="{_e(self.title)}">'
            )
        classes = " ".join([f"{self.layer}-cont", *self.classes])
        return f'<mark class="{classes}" {attr}="{self.index}" title="{_e(self.title)}">'


def _claim_title(n: int, r: dict, status: str, diff: Iterable[str] = ()) -> str:
    value = r.get("value")
    if r.get("value_high") is not None:
        value = f"{value}–{r['value_high']}"
    period = f"{r.get('time_start') or '?'} … {r.get('time_end') or '?'}" if r.get("time_start") else "no period"
    lines = [
        f"#{n} “{r.get('text')}” — {_STATUS_TEXT.get(status, status)}",
        f"value {value} {r.get('unit') or ''} ({r.get('qualifier') or '-'})",
        f"{r.get('kind') or '-'}{'/' + r['direction'] if r.get('direction') else ''}, {r.get('modality') or '-'}; {period}",
        f"speaker {r.get('speaker') or '(none)'} ({r.get('speaker_role') or '-'})",
        f"metric {r.get('metric') or '-'}",
    ]
    diff = list(diff)
    if diff:
        lines.append("differs from gold: " + ", ".join(_short(f) for f in diff))
    return "\n".join(lines)


def _blocks(text: str, turns: list[dict]) -> list[tuple[int, int, str]]:
    """Contiguous blocks covering the text: each turn (clipped so turns never overlap) with its label,
    and the stretches outside any turn (a header, a gap) without one."""
    out: list[tuple[int, int, str]] = []
    cursor = 0
    for t in sorted(turns, key=lambda t: (t["start"], t["end"])):
        start, end = max(t["start"], cursor), min(t["end"], len(text))
        if end <= start:
            continue
        if start > cursor:
            out.append((cursor, start, '<div class="turn gap"><div class="body">'))
        role = t.get("speaker_role") or ""
        label = (
            f'<div class="who"><span class="speaker">{_e(t.get("speaker") or "(unnamed)")}</span>'
            f'<span class="role">{_e(role or "no role")}</span></div>'
        )
        out.append(
            (
                start,
                end,
                f'<div class="turn role-{_css_token(role)}" data-turn="{_e(t.get("turn_index"))}">{label}<div class="body">',
            )
        )
        cursor = end
    if cursor < len(text):
        out.append((cursor, len(text), '<div class="turn gap"><div class="body">'))
    return out


def _render_text(text: str, turns: list[dict], spans: list[_Span]) -> tuple[str, list[_Span]]:
    """The text as HTML: one block per turn, every span highlighted. The text is cut at every span
    and block boundary, and each piece is wrapped in a mark for each span covering it (outer spans
    first), so overlapping and nested spans, and spans across turns, keep their exact offsets and the
    markup stays well nested. Returns the HTML and the spans that could not be placed (out of range)."""
    placed = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    unplaced = [s for s in spans if not 0 <= s.start < s.end <= len(text)]
    blocks = _blocks(text, turns)
    starts: dict[int, list[_Span]] = defaultdict(list)
    points = {0, len(text)}
    for s in placed:
        starts[s.start].append(s)
        points.update((s.start, s.end))
    block_open = {b[0]: b[2] for b in blocks}
    points.update(block_open)
    ordered = sorted(points)
    out: list[str] = []
    active: list[_Span] = []
    in_block = False
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a in block_open:
            if in_block:
                out.append("</div></div>")
            out.append(block_open[a])
            in_block = True
        if a in starts or any(s.end <= a for s in active):
            active = [s for s in active if s.end > a] + starts.get(a, [])
            # outer (earlier start, later end) first, so nested marks read outside-in
            active.sort(key=lambda s: (s.start, -s.end, s.layer != "claim", s.index))
        piece = html.escape(text[a:b], quote=False)
        if active:
            out.append("".join(s.open_tag() for s in active) + piece + "</mark>" * len(active))
        else:
            out.append(piece)
    if in_block:
        out.append("</div></div>")
    return "".join(out), unplaced


def _legend(with_gold: bool) -> str:
    items = [
        '<mark class="kind-level modality-actual">level, actual</mark>',
        '<mark class="kind-level modality-target">level, target</mark>',
        '<mark class="kind-change modality-actual">change, actual</mark>',
        '<mark class="kind-change modality-target">change, target</mark>',
    ]
    if with_gold:
        items += [
            '<mark class="kind-level modality-actual fp">false positive</mark>',
            '<mark class="kind-level modality-actual mismatch">field mismatch</mark>',
            '<mark class="kind-level modality-actual boundary">boundary</mark>',
            '<mark class="miss">missed gold</mark>',
            '<mark class="goldspan">gold extent</mark>',
        ]
    return '<div class="legend">' + "".join(items) + "</div>"


def _value_text(value) -> str:
    return "∅" if value is None or value == "" else str(value)


def _error_item(err: dict) -> str:
    target = f"claim-{err['pred_index']}" if err["pred_index"] is not None else f"gold-{err['gold_index']}"
    text = err["pred_text"] if err["pred_text"] is not None else err["gold_text"]
    diffs = []
    g, p = err["gold_record"], err["pred_record"]
    for name in filter(None, err["fields"].split(",")):
        for col in FIELD_COLUMNS[name]:
            if g is not None and p is not None and g.get(col) != p.get(col):
                diffs.append(f"{col}: {_value_text(g.get(col))} → {_value_text(p.get(col))}")
    if g is not None and p is not None and (g["start"], g["end"]) != (p["start"], p["end"]):
        diffs.append(f"gold span “{g['text']}”")
    kind = err["error"]
    return (
        f'<li class="err {_css_token(kind.replace("+", "-"))}"><a href="#{target}" data-target="{target}">'
        f'<span class="tag {_css_token(kind.replace("+", "-"))}">{_e(ERROR_LABELS.get(kind, kind))}</span> '
        f"“{_e(text)}”</a>"
        + (f'<div class="diffs">{"<br>".join(_e(d) for d in diffs)}</div>' if diffs else "")
        + "</li>"
    )


def _document_page(
    doc: dict,
    text: str | None,
    preds: list[dict],
    turns: list[dict],
    gold: list[dict] | None,
    de: _DocEval | None,
    held_out: bool,
    with_gold: bool,
) -> str:
    doc_id = doc["doc_id"]
    spans: list[_Span] = []
    pred_data, gold_data = [], []
    for j, r in enumerate(preds):
        status = de.pred_status.get(j, "fp") if de is not None else "nogold"
        diff = de.pred_fields.get(j, ()) if de is not None else ()
        classes = [f"kind-{_css_token(r.get('kind'))}", f"modality-{_css_token(r.get('modality'))}"]
        if status != "nogold":
            classes.append(status)
        spans.append(_Span(r["start"], r["end"], "claim", j, classes, _claim_title(j, r, status, diff)))
        pred_data.append(
            {
                "record": {f: r.get(f) for f in _DETAIL_FIELDS if f in r},
                "status": status,
                "gold_index": de.pred_gold.get(j) if de is not None else None,
                "diff": [c for name in diff for c in FIELD_COLUMNS[name]],
            }
        )
    pred_of_gold = {i: j for j, i in de.pred_gold.items()} if de is not None else {}
    for i, g in enumerate(gold or []):
        status = de.gold_status.get(i, "miss") if de is not None else "miss"
        gold_data.append({"record": g, "status": status, "pred_index": pred_of_gold.get(i)})
        # a gold span needs its own highlight when no prediction has exactly its offsets
        if status == "miss":
            spans.append(_Span(g["start"], g["end"], "miss", i, [], _claim_title(i, g, "miss")))
        elif status == "boundary":
            spans.append(_Span(g["start"], g["end"], "goldspan", i, [], f"gold #{i} “{g['text']}” (extent)"))

    head = [f"<h1>{_e(doc.get('title') or doc_id)}</h1>"]
    meta = [f"<code>{_e(doc_id)}</code>"] + [
        f"{k} {_e(doc.get(k))}" for k in ("date", "kind", "words", "turns", "claims") if doc.get(k) not in (None, "")
    ]
    if de is not None and de.scores is not None:
        meta.append(f"span F1 (partial) {_fmt(de.scores.span['partial'].f)}, {len(de.errors)} errors")
    head.append(f'<div class="meta">{" · ".join(meta)}</div>')
    if doc.get("warnings"):
        head.append(f'<div class="banner">warnings: {_e(doc["warnings"])}</div>')
    if held_out:
        head.append('<div class="banner">Frozen test split: gold is not shown error by error.</div>')
    if is_failed(doc):
        head.append(f'<div class="banner failed">extraction {_e(doc.get("status"))}: {_e(doc.get("error"))}</div>')

    if text is None:
        head.append('<div class="banner failed">the corpus text is missing or unreadable</div>')
        body_html, unplaced = "", spans
    else:
        wrong = [r for r in preds if text[r["start"] : r["end"]] != r.get("text")]
        if wrong:
            head.append(
                f'<div class="banner">{len(wrong)} claim(s) whose offsets do not give their text '
                f"(first: “{_e(wrong[0].get('text'))}” at {wrong[0]['start']}): is this the corpus the output came from?</div>"
            )
        body_html, unplaced = _render_text(text, turns, spans)
    if unplaced:
        # claims whose offsets fall outside the text are still shown (and counted), apart
        items = "".join(
            s.open_tag() + _e(preds[s.index].get("text") if s.layer == "claim" else "") + "</mark>" for s in unplaced
        )
        body_html += f'<h2>Claims outside the text</h2><div class="unplaced">{items}</div>'

    side = [f'<div><a href="../index.html">← all documents</a><h2>Legend</h2>{_legend(de is not None)}</div>']
    side.append(
        '<section class="details-box"><h2>Details</h2><div id="details">'
        '<p class="hint">Click a highlighted figure to see its fields.</p></div></section>'
    )
    if de is not None:
        items = "".join(_error_item(err) for err in de.errors)
        side.append(
            f'<section class="errors-box"><h2>Errors ({len(de.errors)})</h2>'
            '<p class="muted">field: gold → predicted</p>'
            + (f'<ol class="errors">{items}</ol>' if items else '<p class="muted">none</p>')
            + "</section>"
        )
    elif with_gold and not held_out:
        side.append('<p class="muted">No gold for this document.</p>')
    data = {"pred": pred_data, "gold": gold_data, "fields": list(_DETAIL_FIELDS), "status": _STATUS_TEXT}
    body = (
        '<div class="layout"><main class="doc">'
        + "".join(head)
        + body_html
        + '</main><aside class="side">'
        + "".join(side)
        + "</aside></div>"
        + _json_script("claims-data", data)
    )
    return _page(f"{doc_id} — claims", body, root="../", gold=with_gold, script=_DOC_JS)


# --- plots --------------------------------------------------------------------------------------------


def _figure(width: float, height: float):
    # Figure without pyplot: no global state and no backend switch (Agg renders the PNG)
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _plot_speakers(preds: dict[str, list[dict]], path: Path) -> None:
    counts: Counter[str] = Counter()
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for records in preds.values():
        for r in records:
            role = r.get("speaker_role") or "none"
            name = r.get("speaker") or f"(unnamed {role})"
            counts[name] += 1
            roles[name][role] += 1
    top = counts.most_common(_TOP_SPEAKERS)[::-1]
    fig = _figure(8, max(2.5, 0.32 * len(top) + 1))
    ax = fig.subplots()
    palette = {"official": "#1f77b4", "journalist": "#ff7f0e", "moderator": "#2ca02c", "narrator": "#9e9e9e"}
    if top:
        names = [n for n, _ in top]
        colours = [palette.get(roles[n].most_common(1)[0][0], "#bbbbbb") for n in names]
        ax.barh(range(len(top)), [c for _, c in top], color=colours)
        ax.set_yticks(range(len(top)), [n[:40] for n in names])
        for y, (_, c) in enumerate(top):
            ax.text(c, y, f" {c}", va="center", fontsize=8)
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=c, label=r) for r, c in palette.items()], loc="lower right", fontsize=8)
    else:
        ax.text(0.5, 0.5, "no claims", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel("claims")
    ax.set_title(f"Claims per speaker (top {_TOP_SPEAKERS}; colour: the speaker's usual role)")
    fig.savefig(path, format="png", bbox_inches="tight")


def _plot_year_unit(preds: dict[str, list[dict]], years: dict[str, str], path: Path) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for doc_id, records in preds.items():
        for r in records:
            counts[(years.get(doc_id, "unknown"), r.get("unit") or "(none)")] += 1
    units_total: Counter[str] = Counter()
    for (_, unit), c in counts.items():
        units_total[unit] += c
    top_units = [u for u, _ in units_total.most_common(_TOP_UNITS)]
    all_years = sorted({y for y, _ in counts})
    fig = _figure(9, 4)
    ax = fig.subplots()
    if all_years:
        bottom = [0] * len(all_years)
        series = [(u, [counts[(y, u)] for y in all_years]) for u in top_units]
        if len(units_total) > len(top_units):
            series.append(
                (
                    "other units",
                    [sum(c for (yy, u), c in counts.items() if yy == y and u not in top_units) for y in all_years],
                )
            )
        for unit, heights in series:
            ax.bar(all_years, heights, bottom=bottom, label=unit)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        ax.legend(fontsize=8, ncols=2)
    else:
        ax.text(0.5, 0.5, "no claims", ha="center", va="center", transform=ax.transAxes)
    ax.set_ylabel("claims")
    ax.set_title(f"Claims per year of the document, by unit (top {_TOP_UNITS} units)")
    fig.savefig(path, format="png", bbox_inches="tight")


def _plot_confusions(matrices: dict[str, pd.DataFrame], path: Path) -> None:
    fig = _figure(4.2 * len(matrices), 4.8)
    axes = fig.subplots(1, len(matrices), squeeze=False)[0]
    for ax, (name, cm) in zip(axes, matrices.items(), strict=True):
        values = cm.to_numpy()
        # colour by share of the gold row: a rare class confused half the time shows as strongly as a
        # common one would, where raw counts would leave everything but the largest class white
        totals = values.sum(axis=1, keepdims=True)
        shares = values / (totals + (totals == 0))
        ax.imshow(shares if values.size else [[0.0]], cmap="Blues", vmin=0, vmax=1)
        ax.set_xticks(range(len(cm.columns)), list(cm.columns), rotation=45, ha="right", fontsize=8)
        ax.set_yticks(range(len(cm.index)), list(cm.index), fontsize=8)
        for y in range(values.shape[0]):
            for x in range(values.shape[1]):
                colour = "white" if shares[y, x] > 0.5 else "black"
                ax.text(x, y, str(values[y, x]), ha="center", va="center", fontsize=8, color=colour)
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        ax.set_title(name)
    fig.suptitle("Gold × predicted over matched pairs (counts; colour: share of the gold row)", fontsize=10)
    fig.savefig(path, format="png", bbox_inches="tight")


# --- index, plots and evaluation pages ----------------------------------------------------------------


def _index_page(documents: list[dict], evals: dict[str, _DocEval], held_out: set[str], result, with_gold: bool) -> str:
    head = ["doc_id", "title", "date", "kind", "claims", "turns", "status"]
    if with_gold:
        head += ["span F1", "errors"]
    numeric = {"claims", "turns", "span F1", "errors"}
    ths = "".join(f'<th class="{"num" if h in numeric else ""}">{_e(h)}</th>' for h in head)
    rows = []
    for doc in documents:
        doc_id = doc["doc_id"]
        failed = is_failed(doc)
        link = _e(doc_id) if failed else f'<a href="docs/{_e(quote(page_name(doc_id)))}">{_e(doc_id)}</a>'
        status = (
            f'<span class="status-failed">{_e(doc.get("status"))}</span><div class="err-msg">{_e(doc.get("error"))}</div>'
            if failed
            else _e(doc.get("status"))
        )
        cells = [
            f'<td data-sort="{_e(doc_id)}">{link}</td>',
            f"<td>{_e(doc.get('title'))}</td>",
            f'<td class="nowrap">{_e(doc.get("date"))}</td>',
            f"<td>{_e(doc.get('kind'))}</td>",
            _num_cell(doc.get("claims")),
            _num_cell(doc.get("turns")),
            f'<td data-sort="{_e(doc.get("status"))}">{status}</td>',
        ]
        if with_gold:
            de = evals.get(doc_id)
            if de is not None and de.scores is not None:
                f1 = de.scores.span["partial"].f
                cells += [_num_cell(None if f1 is None else round(f1, 4), _fmt(f1)), _num_cell(len(de.errors))]
            else:
                note = "test split" if doc_id in held_out else "no gold"
                cells += [f'<td class="num muted" data-sort="">{note}</td>', '<td class="num" data-sort=""></td>']
        rows.append(f'<tr class="{"failed" if failed else ""}">{"".join(cells)}</tr>')
    n_failed = sum(1 for doc in documents if is_failed(doc))
    n_claims = sum(int(doc["claims"]) for doc in documents if str(doc.get("claims")).isdigit())
    summary = [
        f"<div><b>{len(documents)}</b> documents</div>",
        f"<div><b>{len(documents) - n_failed}</b> ok</div>",
        f"<div><b>{n_failed}</b> failed</div>",
        f"<div><b>{n_claims}</b> claims</div>",
    ]
    if result is not None:
        summary.append(
            f"<div><b>{_fmt(result.overall.span['partial'].f)}</b> span F1 (partial) over "
            f'{len(result.per_document)} gold documents — <a href="evaluation.html">evaluation</a></div>'
        )
    body = (
        '<div class="wrap"><h1>Documents</h1>'
        f'<div class="summary">{"".join(summary)}</div>'
        '<p class="muted">Click a column header to sort. <a href="plots.html#plots">Plots</a>'
        + (' · <a href="evaluation.html">Evaluation</a>' if with_gold else "")
        + "</p>"
        f'<table class="data sortable" id="documents"><thead><tr>{ths}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
    return _page("briefing-claims review", body, gold=with_gold, script=_SORT_JS)


def _plots_page(with_gold: bool) -> str:
    body = (
        '<div class="wrap" id="plots"><h1>Plots</h1>'
        '<h2>Claims per speaker</h2><img class="plot" src="plots/claims_per_speaker.png" alt="claims per speaker">'
        '<h2>Claims per year and unit</h2><img class="plot" src="plots/claims_per_year_unit.png" alt="claims per year and unit">'
        "</div>"
    )
    return _page("briefing-claims plots", body, gold=with_gold)


def _prf_rows(s: Scores) -> str:
    rows = []
    items: list[tuple[str, PRF, float | None, int | None]] = [
        (f"span ({scheme})", prf, None, None) for scheme, prf in s.span.items()
    ]
    items += [(_short(name), fs.prf, fs.accuracy, fs.matched) for name, fs in s.fields.items()]
    for name, prf, acc, matched in items:
        rows.append(
            f"<tr><td>{_e(name)}</td>"
            + "".join(_num_cell(v) for v in (prf.tp, prf.fp, prf.fn))
            + "".join(f'<td class="num">{_fmt(v)}</td>' for v in (prf.p, prf.r, prf.f, acc))
            + _num_cell(matched)
            + "</tr>"
        )
    return "".join(rows)


def _confusion_html(name: str, cm: pd.DataFrame) -> str:
    head = "".join(f'<th class="num">{_e(c)}</th>' for c in cm.columns)
    rows = []
    for g in cm.index:
        cells = "".join(
            f'<td class="num {"diag" if g == p else "off" if cm.loc[g, p] else ""}">{int(cm.loc[g, p])}</td>'
            for p in cm.columns
        )
        rows.append(f"<tr><th>{_e(g)}</th>{cells}<td class='num muted'>{int(cm.loc[g].sum())}</td></tr>")
    total = "".join(f'<td class="num muted">{int(cm[p].sum())}</td>' for p in cm.columns)
    return (
        f'<div><h3>{_e(name)}</h3><table class="data cm" data-field="{_e(name)}">'
        f'<thead><tr><th>gold ↓ / predicted →</th>{head}<th class="num">all</th></tr></thead>'
        f"<tbody>{''.join(rows)}<tr><th class='muted'>all</th>{total}<td></td></tr></tbody></table></div>"
    )


def _evaluation_page(result: EvaluationResult, evals: dict[str, _DocEval], held_out: set[str], excluded: int) -> str:
    s = result.overall
    prf_head = "<tr><th></th>" + "".join(
        f'<th class="num">{h}</th>' for h in ("tp", "fp", "fn", "P", "R", "F1", "accuracy", "matched")
    )
    matrices = {name: confusion_matrix(result.pairs, name) for name in CONFUSION_FIELDS}
    kinds: Counter[str] = Counter(e["error"] for de in evals.values() for e in de.errors)
    by_field: Counter[str] = Counter(f for de in evals.values() for e in de.errors for f in e["fields"].split(",") if f)
    doc_rows = []
    for doc_id, ds in sorted(result.per_document.items()):
        de = evals[doc_id]
        doc_rows.append(
            f'<tr><td><a href="docs/{_e(quote(page_name(doc_id)))}">{_e(doc_id)}</a></td>'
            + _num_cell(ds.gold)
            + _num_cell(ds.pred)
            + "".join(
                _num_cell(None if v is None else round(v, 4), _fmt(v))
                for v in (ds.span["strict"].f, ds.span["partial"].f, *(ds.fields[f].prf.f for f in FIELDS))
            )
            + _num_cell(len(de.errors))
            + "</tr>"
        )
    role_rows = "".join(
        f"<tr><td>{_e(role)}</td>"
        + _num_cell(rs.gold)
        + _num_cell(rs.pred)
        + "".join(
            f'<td class="num">{_fmt(v)}</td>' for v in (rs.span["partial"].f, *(rs.fields[f].prf.f for f in FIELDS))
        )
        + "</tr>"
        for role, rs in sorted(result.per_role.items())
    )
    field_heads = "".join(f'<th class="num">{_e(_short(f))}</th>' for f in FIELDS)
    note = (
        f'<p class="muted">{excluded} document(s) of the frozen test split are left out of every score here '
        "(gold/splits.json; their errors are never read one by one).</p>"
        if excluded
        else ""
    )
    body = (
        '<div class="wrap"><h1>Evaluation</h1>'
        f"<p>{len(result.per_document)} documents with gold: {s.gold} gold claims, {s.pred} predicted. "
        "Schemes: <b>strict</b> = same offsets; <b>partial</b> = overlapping spans, paired one-to-one greedily by "
        "largest overlap. Field scores count a pair only when the spans match (partial) and the field agrees; "
        "accuracy is over matched pairs.</p>"
        + note
        + f'<h2>Overall</h2><table class="data" id="overall"><thead>{prf_head}</tr></thead><tbody>{_prf_rows(s)}</tbody></table>'
        + "<h2>Errors</h2><p>"
        + (", ".join(f"{_e(ERROR_LABELS.get(k, k))} {v}" for k, v in kinds.most_common()) or "none")
        + "</p><p>field mismatches by field: "
        + (", ".join(f"{_e(_short(k))} {v}" for k, v in by_field.most_common()) or "none")
        + "</p>"
        + "<h2>Confusion matrices (matched pairs)</h2>"
        + '<img class="plot" src="plots/confusion.png" alt="confusion matrices">'
        + '<div class="summary">'
        + "".join(_confusion_html(name, cm) for name, cm in matrices.items())
        + "</div>"
        + f'<h2>By speaker role</h2><table class="data sortable"><thead><tr><th>role</th><th class="num">gold</th>'
        f'<th class="num">pred</th><th class="num">span F1</th>{field_heads}</tr></thead><tbody>{role_rows}</tbody></table>'
        + '<h2>By document</h2><table class="data sortable" id="per-document"><thead><tr><th>doc_id</th>'
        '<th class="num">gold</th><th class="num">pred</th><th class="num">span F1 strict</th>'
        f'<th class="num">partial</th>{field_heads}<th class="num">errors</th></tr></thead>'
        f"<tbody>{''.join(doc_rows)}</tbody></table></div>"
    )
    return _page("briefing-claims evaluation", body, gold=True, script=_SORT_JS)


# --- the site -----------------------------------------------------------------------------------------


def build_site(out_dir: Path, corpus_dir: Path, site_dir: Path, gold_dir: Path | None = None) -> Path:
    """Write the review site for the extraction in ``out_dir`` to ``site_dir``; return ``index.html``.

    ``corpus_dir`` holds the ``<doc_id>.txt`` files the output was extracted from (the offsets index
    them). With ``gold_dir``, documents that have a gold file (except the frozen test split) are
    scored with ``pipeline.score.evaluate``, their errors marked on their pages, and
    ``evaluation.html`` written. Existing files in ``site_dir`` are overwritten, others left alone.
    """
    out_dir, corpus_dir, site_dir = Path(out_dir), Path(corpus_dir), Path(site_dir)
    documents = _read_table(out_dir / "documents.csv")
    claims_path = out_dir / "claims.csv"
    if not claims_path.exists() and (out_dir / "claims.parquet").exists():
        claims_path = out_dir / "claims.parquet"
    preds = load_predictions(claims_path)
    turns_by_doc: dict[str, list[dict]] = defaultdict(list)
    turns_path = out_dir / "turns.csv"
    if turns_path.exists():
        for t in _read_table(turns_path):
            try:
                t["start"], t["end"] = int(t["start"]), int(t["end"])
            except ValueError:
                continue  # a turn without offsets cannot be placed; its claims still are
            turns_by_doc[t["doc_id"]].append(t)

    doc_ids = [doc["doc_id"] for doc in documents]
    held_out: set[str] = set()
    gold: dict[str, list[dict]] = {}
    result: EvaluationResult | None = None
    evals: dict[str, _DocEval] = {}
    if gold_dir is not None:
        held_out = held_out_documents(gold_dir) & set(doc_ids)
        # only documents of this output are scored: a run over a subset is not charged for the rest
        gold = load_gold(Path(gold_dir), set(doc_ids) - held_out)
        if gold:
            result = evaluate(gold, preds)
            evals = _doc_evaluations(result, gold, preds)
    with_gold = result is not None

    (site_dir / "docs").mkdir(parents=True, exist_ok=True)
    (site_dir / "plots").mkdir(parents=True, exist_ok=True)
    for doc in documents:
        doc_id = doc["doc_id"]
        text = read_text(corpus_dir, doc_id)
        page = _document_page(
            doc,
            text,
            preds.get(doc_id, []),
            turns_by_doc.get(doc_id, []),
            gold.get(doc_id),
            evals.get(doc_id),
            doc_id in held_out,
            with_gold,
        )
        (site_dir / "docs" / page_name(doc_id)).write_text(page, encoding="utf-8")

    years = {
        d: str(date)[:4] if re.match(r"\d{4}", str(date)) else "unknown"
        for d, date in ((doc["doc_id"], doc.get("date") or "") for doc in documents)
    }
    _plot_speakers(preds, site_dir / "plots" / "claims_per_speaker.png")
    _plot_year_unit({d: preds.get(d, []) for d in doc_ids}, years, site_dir / "plots" / "claims_per_year_unit.png")
    (site_dir / "plots.html").write_text(_plots_page(with_gold), encoding="utf-8")
    if result is not None:
        _plot_confusions(
            {name: confusion_matrix(result.pairs, name) for name in CONFUSION_FIELDS},
            site_dir / "plots" / "confusion.png",
        )
        (site_dir / "evaluation.html").write_text(
            _evaluation_page(result, evals, held_out, len(held_out)), encoding="utf-8"
        )
    index = site_dir / "index.html"
    # the index last: once it exists, every page it links to does
    index.write_text(_index_page(documents, evals, held_out, result, with_gold), encoding="utf-8")
    return index
