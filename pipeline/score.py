"""Stage 8 — score: predicted claims against gold claims.

Schemes, stated up front (as nervaluate does):

- **strict** — a prediction matches a gold claim when both offsets are equal.
- **partial** — a prediction matches a gold claim when their spans overlap; pairs are made
  one-to-one, greedily by largest overlap (ties: closest start), within each document.

Span precision = matched / predictions, recall = matched / gold, F1 their harmonic mean.
For each field, a pair counts only if the spans matched (partial scheme) **and** the field agrees;
field P/R/F use the same denominators, and *accuracy* is the share of matched pairs that agree.
Fields: value+unit (values equal within 0.01 % relative), value_high, qualifier,
kind+direction, modality, period (time_start and time_end), speaker+role, metric (token F1 ≥ 0.5 over lower-cased content words, lightly stemmed).
Like spaCy's scorer, a score with nothing to score is ``None``, not 0.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

SCHEMES = ("strict", "partial")
FIELDS = ("value_unit", "value_high", "qualifier", "kind_direction", "modality", "period", "speaker_role", "metric")
METRIC_MIN_F1 = 0.5
_METRIC_STOPWORDS = frozenset(
    "the a an of in on for to and by with its their our his her this that these those as at from above per "
    "china china's chinese nation nation's national total number".split()
)


@dataclass
class PRF:
    """True positives, false positives, false negatives; P/R/F are None when undefined."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def r(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f(self) -> float | None:
        p, r = self.p, self.r
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "p": self.p, "r": self.r, "f": self.f}


@dataclass
class FieldScore:
    prf: PRF = field(default_factory=PRF)
    agree: int = 0
    matched: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.agree / self.matched if self.matched else None

    def to_dict(self) -> dict:
        return {**self.prf.to_dict(), "accuracy": self.accuracy, "matched": self.matched}


@dataclass
class Scores:
    """Scores for one slice (overall, a document, a speaker role)."""

    gold: int = 0
    pred: int = 0
    span: dict[str, PRF] = field(default_factory=lambda: {s: PRF() for s in SCHEMES})
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})

    def to_dict(self) -> dict:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "span": {s: prf.to_dict() for s, prf in self.span.items()},
            "fields": {f: fs.to_dict() for f, fs in self.fields.items()},
        }


@dataclass(frozen=True)
class Pair:
    doc_id: str
    gold: dict | None
    pred: dict | None
    disagreements: tuple[str, ...] = ()


@dataclass
class EvaluationResult:
    overall: Scores
    per_document: dict[str, Scores]
    per_role: dict[str, Scores]
    pairs: list[Pair]

    def to_dict(self) -> dict:
        return {
            "schemes": {"strict": "same offsets", "partial": "overlapping spans, greedy by largest overlap"},
            "overall": self.overall.to_dict(),
            "per_document": {k: v.to_dict() for k, v in self.per_document.items()},
            "per_role": {k: v.to_dict() for k, v in sorted(self.per_role.items())},
        }

    def table(self) -> str:
        """The evaluation table printed by `claims evaluate` and `make run`."""
        header = f"{'slice':44s} {'gold':>5s} {'pred':>5s} {'spanF1 strict':>13s} {'partial':>8s}  " + " ".join(
            f"{_short(f):>9s}" for f in FIELDS
        )
        lines = ["Span F1 (strict, partial) and field F1 on partial matches:", header, "-" * len(header)]

        def row(name: str, s: Scores) -> str:
            cells = " ".join(f"{_fmt(s.fields[f].prf.f):>9s}" for f in FIELDS)
            return (
                f"{name[:44]:44s} {s.gold:5d} {s.pred:5d} {_fmt(s.span['strict'].f):>13s} "
                f"{_fmt(s.span['partial'].f):>8s}  {cells}"
            )

        for doc_id, s in sorted(self.per_document.items()):
            lines.append(row(doc_id, s))
        lines.append("-" * len(header))
        for role, s in sorted(self.per_role.items()):
            lines.append(row(f"role: {role}", s))
        lines.append("-" * len(header))
        lines.append(row("ALL", self.overall))
        acc = "  ".join(f"{_short(f)} {_fmt(self.overall.fields[f].accuracy)}" for f in FIELDS)
        lines.append(f"accuracy on matched pairs: {acc}")
        return "\n".join(lines)


def _short(name: str) -> str:
    return {
        "value_unit": "value+unit",
        "value_high": "val_high",
        "kind_direction": "kind+dir",
        "speaker_role": "speaker",
        "qualifier": "qualifier",
        "modality": "modality",
        "period": "period",
        "metric": "metric",
    }[name]


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


# --- field agreement -------------------------------------------------------------------------------


def _num_equal(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-4, abs_tol=1e-9)


def metric_tokens(text: str | None) -> list[str]:
    """Lower-cased content words, crudely singularised ("centers" → "center")."""
    if not text:
        return []
    out = []
    for word in re.findall(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*", text.lower()):
        if word in _METRIC_STOPWORDS:
            continue
        out.append(_stem(word))
    return out


def _stem(word: str) -> str:
    """A light suffix stripper, so 'exports', 'exported' and 'exporting' compare equal."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


def token_f1(a: str | None, b: str | None) -> float:
    ta, tb = metric_tokens(a), metric_tokens(b)
    if not ta and not tb:
        return 1.0
    if not ta or not tb:
        return 0.0
    common = 0
    pool = list(tb)
    for t in ta:
        if t in pool:
            pool.remove(t)
            common += 1
    if common == 0:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def _norm(s) -> str | None:
    return None if s is None else str(s).strip().lower() or None


AGREE: dict[str, Callable[[dict, dict], bool]] = {
    "value_unit": lambda g, p: _num_equal(g["value"], p["value"]) and g["unit"] == p["unit"],
    "value_high": lambda g, p: _num_equal(g["value_high"], p["value_high"]),
    "qualifier": lambda g, p: g["qualifier"] == p["qualifier"],
    "kind_direction": lambda g, p: (g["kind"], g["direction"]) == (p["kind"], p["direction"]),
    "modality": lambda g, p: g["modality"] == p["modality"],
    "period": lambda g, p: (g["time_start"], g["time_end"]) == (p["time_start"], p["time_end"]),
    "speaker_role": lambda g, p: (_norm(g["speaker"]), g["speaker_role"]) == (_norm(p["speaker"]), p["speaker_role"]),
    "metric": lambda g, p: token_f1(g["metric"], p["metric"]) >= METRIC_MIN_F1,
}


# --- matching -------------------------------------------------------------------------------------


def match_strict(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    index = {(p["start"], p["end"]): j for j, p in enumerate(pred)}
    return [(i, index[(g["start"], g["end"])]) for i, g in enumerate(gold) if (g["start"], g["end"]) in index]


def match_partial(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs of overlapping spans, greedy by largest overlap, then closest start."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                candidates.append((-overlap, abs(g["start"] - p["start"]), i, j))
    candidates.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in candidates:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def _add(scores: Scores, gold: list[dict], pred: list[dict], strict: list, partial: list) -> None:
    scores.gold += len(gold)
    scores.pred += len(pred)
    for scheme, pairs in (("strict", strict), ("partial", partial)):
        prf = scores.span[scheme]
        prf.tp += len(pairs)
        prf.fp += len(pred) - len(pairs)
        prf.fn += len(gold) - len(pairs)
    for name in FIELDS:
        fs = scores.fields[name]
        agree = sum(1 for i, j in partial if AGREE[name](gold[i], pred[j]))
        fs.agree += agree
        fs.matched += len(partial)
        fs.prf.tp += agree
        fs.prf.fp += len(pred) - agree
        fs.prf.fn += len(gold) - agree


def evaluate(gold_by_doc: dict[str, list[dict]], pred_by_doc: dict[str, list[dict]]) -> EvaluationResult:
    """Score every document that has gold; predictions for other documents are ignored."""
    overall = Scores()
    per_document: dict[str, Scores] = {}
    per_role: dict[str, Scores] = defaultdict(Scores)
    pairs_out: list[Pair] = []
    for doc_id, gold in sorted(gold_by_doc.items()):
        pred = pred_by_doc.get(doc_id, [])
        strict = match_strict(gold, pred)
        partial = match_partial(gold, pred)
        doc_scores = Scores()
        _add(doc_scores, gold, pred, strict, partial)
        _add(overall, gold, pred, strict, partial)
        per_document[doc_id] = doc_scores
        # per speaker role: gold's role for gold claims and pairs, the prediction's for false positives
        matched_g = {i for i, _ in partial}
        matched_p = {j for _, j in partial}
        roles = sorted({g["speaker_role"] for g in gold} | {p["speaker_role"] for p in pred})
        for role in roles:
            g_idx = [i for i, g in enumerate(gold) if g["speaker_role"] == role]
            p_idx = [j for j, p in enumerate(pred) if j not in matched_p and p["speaker_role"] == role]
            p_idx += [j for i, j in partial if gold[i]["speaker_role"] == role]
            g_map = {i: k for k, i in enumerate(g_idx)}
            p_map = {j: k for k, j in enumerate(p_idx)}
            sub_partial = [(g_map[i], p_map[j]) for i, j in partial if i in g_map and j in p_map]
            sub_strict = [(g_map[i], p_map[j]) for i, j in strict if i in g_map and j in p_map]
            _add(per_role[role], [gold[i] for i in g_idx], [pred[j] for j in p_idx], sub_strict, sub_partial)
        for i, j in partial:
            bad = tuple(name for name in FIELDS if not AGREE[name](gold[i], pred[j]))
            pairs_out.append(Pair(doc_id, gold[i], pred[j], bad))
        pairs_out.extend(Pair(doc_id, gold[i], None) for i in range(len(gold)) if i not in matched_g)
        pairs_out.extend(Pair(doc_id, None, pred[j]) for j in range(len(pred)) if j not in matched_p)
    return EvaluationResult(overall, per_document, dict(per_role), pairs_out)


# --- loading -----------------------------------------------------------------------------------------


def _clean(record: dict) -> dict:
    out = {}
    for key, value in record.items():
        if isinstance(value, float) and math.isnan(value):
            value = None
        if value == "":
            value = None
        out[key] = value
    try:
        out["start"], out["end"] = int(out["start"]), int(out["end"])
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"{out.get('doc_id')}: a record without integer start/end offsets: {record!r:.120}") from None
    if not 0 <= out["start"] < out["end"]:
        raise ValueError(f"{out.get('doc_id')}: offsets {out['start']}..{out['end']} are not a span")
    return out


def load_gold(folder: Path, docs: set[str] | None = None) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for path in sorted(Path(folder).glob("*.jsonl")):
        if docs is not None and path.stem not in docs:
            continue
        out[path.stem] = [
            _clean(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
    return out


def _as_text_columns(df):
    """A typed Parquet claims table in the CSV's representation (ISO dates, entities as JSON), so
    that both files score the same."""
    from pipeline.schema import CLAIM_COLUMNS, DATE, ENTITIES

    df = df.drop(columns=[c for c in ("year",) if c in df.columns])
    for column in CLAIM_COLUMNS:
        if column.name not in df.columns:
            continue
        if column.type == DATE:
            df[column.name] = [v.isoformat() if hasattr(v, "isoformat") else v for v in df[column.name]]
        elif column.type == ENTITIES:
            df[column.name] = [
                json.dumps([[e["label"], e["text"]] for e in v], ensure_ascii=False) if v is not None else "[]"
                for v in df[column.name]
            ]
    return df


def load_predictions(path: Path, docs: Iterable[str] | None = None) -> dict[str, list[dict]]:
    import pandas as pd

    path = Path(path)
    try:
        df = (
            _as_text_columns(pd.read_parquet(path))
            if path.suffix == ".parquet" or path.is_dir()
            else pd.read_csv(path, dtype={"speaker": "string", "metric": "string"}, keep_default_na=True)
        )
    except (pd.errors.EmptyDataError, pd.errors.ParserError, OSError) as err:
        raise ValueError(f"{path}: not a claims table ({err})") from None
    missing = {"doc_id", "start", "end"} - set(df.columns)
    if missing:
        raise ValueError(f"{path}: not a claims table (no {', '.join(sorted(missing))} column)")
    wanted = set(docs) if docs is not None else None
    out: dict[str, list[dict]] = defaultdict(list)
    for record in df.astype(object).where(df.notna(), None).to_dict("records"):
        if wanted is not None and record["doc_id"] not in wanted:
            continue
        out[record["doc_id"]].append(_clean(record))
    return dict(out)
