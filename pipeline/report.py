"""Evaluation reports: errors.csv, report.md and report.html (with a chart of field scores)."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from pipeline.schema import GOLD_FIELDS
from pipeline.score import FIELDS, EvaluationResult, Scores, _fmt, _short
from pipeline.write import atomic_path, atomic_write_text

# errors.csv: one row per error, gold and prediction side by side, one column per field, so that
# `errors[errors.gold_kind != errors.pred_kind]` works in plain pandas.
_COMPARED_FIELDS = tuple(f for f in GOLD_FIELDS if f != "doc_id")
ERROR_COLUMNS = (
    "doc_id",
    "error",
    "fields",
    "start",
    "end",
    *(f"{side}_{f}" for f in _COMPARED_FIELDS for side in ("gold", "pred")),
    "reason",
    "context",
)


def _context(text: str | None, start: int, end: int) -> str:
    if text is None:
        return ""
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, max(0, start - 1)))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    left = max(left + 1, start - 300)
    right = min(right, end + 300)
    return (text[left:start] + "[[" + text[start:end] + "]]" + text[end:right]).strip().replace("\n", " ")


def error_rows(result: EvaluationResult, texts: dict[str, str]) -> list[dict]:
    """Every false positive, false negative and field mismatch, with its sentence."""
    rows = []
    for pair in result.pairs:
        g, p = pair.gold, pair.pred
        if g is not None and p is not None and not pair.disagreements:
            continue
        kind = "false_negative" if p is None else "false_positive" if g is None else "field_mismatch"
        ref = g if g is not None else p
        assert ref is not None  # a pair always holds a gold or a predicted record
        start, end = ref["start"], ref["end"]
        if g is not None and p is not None and (g["start"], g["end"]) != (p["start"], p["end"]):
            kind = "boundary+" + kind if pair.disagreements else "boundary"
        row = {"doc_id": pair.doc_id, "error": kind, "fields": ",".join(pair.disagreements), "start": start, "end": end}
        for f in _COMPARED_FIELDS:
            row[f"gold_{f}"] = g.get(f) if g else None
            row[f"pred_{f}"] = p.get(f) if p else None
        # why the pipeline chose the predicted period (attach.py strategy and expression)
        row["reason"] = p.get("time_reason") if p else None
        row["context"] = _context(texts.get(pair.doc_id), start, end)
        rows.append(row)
    return rows


def _markdown_table(result: EvaluationResult) -> str:
    head = "| slice | gold | pred | span F1 strict | span F1 partial | " + " | ".join(_short(f) for f in FIELDS) + " |"
    sep = "|" + "---|" * (5 + len(FIELDS))

    def row(name: str, s: Scores) -> str:
        cells = " | ".join(_fmt(s.fields[f].prf.f) for f in FIELDS)
        return f"| {name} | {s.gold} | {s.pred} | {_fmt(s.span['strict'].f)} | {_fmt(s.span['partial'].f)} | {cells} |"

    lines = [head, sep]
    lines += [row(d, s) for d, s in sorted(result.per_document.items())]
    lines += [row(f"role: {r}", s) for r, s in sorted(result.per_role.items())]
    lines.append(row("**all**", result.overall))
    return "\n".join(lines)


def _chart(result: EvaluationResult, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = ["span (partial)"] + [_short(f) for f in FIELDS]
    f1 = [result.overall.span["partial"].f or 0] + [result.overall.fields[f].prf.f or 0 for f in FIELDS]
    acc = [None] + [result.overall.fields[f].accuracy for f in FIELDS]
    fig, ax = plt.subplots(figsize=(9, 3.6))
    xs = range(len(names))
    ax.bar([x - 0.2 for x in xs], f1, width=0.4, label="F1")
    ax.bar([x + 0.2 for x in xs], [a or 0 for a in acc], width=0.4, label="accuracy on matched pairs")
    ax.set_xticks(list(xs), names, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.axhline(0.95, color="grey", lw=0.8, ls="--")
    ax.set_title(f"Field scores, all documents (gold {result.overall.gold}, predicted {result.overall.pred})")
    ax.legend(loc="lower left")
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110)
    plt.close(fig)


def write_report(
    result: EvaluationResult,
    gold: dict[str, list[dict]],
    pred: dict[str, list[dict]],
    out: Path,
    corpus: Path = Path("corpora/briefings"),
) -> None:
    """errors.csv, report.md, report.html and field_scores.png in ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    texts = {}
    for doc_id in gold:
        path = Path(corpus) / f"{doc_id}.txt"
        if path.exists():
            texts[doc_id] = path.read_text(encoding="utf-8")
    rows = error_rows(result, texts)
    with atomic_path(out / "errors.csv") as tmp:
        pd.DataFrame(rows, columns=list(ERROR_COLUMNS)).to_csv(tmp, index=False)
    _chart(result, out / "field_scores.png")
    counts = pd.Series([r["error"] for r in rows]).value_counts().to_dict() if rows else {}
    by_field = (
        pd.Series([f for r in rows for f in r["fields"].split(",") if f]).value_counts().to_dict() if rows else {}
    )
    md = [
        "# Evaluation report",
        "",
        "Schemes: **strict** = same offsets; **partial** = overlapping spans, paired one-to-one greedily by "
        "largest overlap. Field F1 counts a pair only when the spans match (partial) and the field agrees.",
        "",
        _markdown_table(result),
        "",
        "![field scores](field_scores.png)",
        "",
        "## Errors",
        "",
        "By kind: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none"),
        "",
        "Field mismatches by field: " + (", ".join(f"{k} {v}" for k, v in by_field.items()) or "none"),
        "",
        "Every error, with its sentence, is in `errors.csv`.",
        "",
    ]
    atomic_write_text(out / "report.md", "\n".join(md))
    table_html = pd.DataFrame(
        [
            {
                "slice": d,
                "gold": s.gold,
                "pred": s.pred,
                "span F1 strict": _fmt(s.span["strict"].f),
                "span F1 partial": _fmt(s.span["partial"].f),
                **{_short(f): _fmt(s.fields[f].prf.f) for f in FIELDS},
            }
            for d, s in [
                *sorted(result.per_document.items()),
                *[(f"role: {r}", s) for r, s in sorted(result.per_role.items())],
                ("all", result.overall),
            ]
        ]
    ).to_html(index=False, border=0)
    page = (
        "<!doctype html><meta charset='utf-8'><title>briefing-claims evaluation</title>"
        "<style>body{font-family:sans-serif;margin:2em} table{border-collapse:collapse} "
        "td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}</style>"
        "<h1>Evaluation report</h1><p>Schemes: strict = same offsets; partial = overlapping spans, greedy one-to-one "
        "by largest overlap.</p>" + table_html + "<p><img src='field_scores.png' alt='field scores'></p>"
        "<p>Errors by kind: "
        + html.escape(", ".join(f"{k} {v}" for k, v in counts.items()) or "none")
        + '</p><p>Every error, gold beside prediction: <a href="errors.csv">errors.csv</a></p>'

    )
    atomic_write_text(out / "report.html", page)
