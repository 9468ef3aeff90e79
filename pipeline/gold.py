"""Gold-set tools: resolve labelling drafts to offsets, and check gold files.

``claims gold check`` validates every gold record: exact fields, offsets (``doc[start:end] ==
text``), closed vocabularies, no overlapping spans, ISO dates with ``time_start <= time_end``,
direction exactly for changes, and a value consistent with the span's own number.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from pipeline import numerals, tables
from pipeline.schema import DIRECTIONS, GOLD_FIELDS, KINDS, MODALITIES, NAMED_UNITS, QUALIFIERS, SPEAKER_ROLES


class DraftError(ValueError):
    """A labelling draft record that cannot be placed in the text."""


def resolve_record(doc_id: str, text: str, draft: dict) -> dict:
    """Turn a draft (``text`` + unique ``context``) into a gold record with offsets.

    >>> resolve_record("d", "a 5% rise and 5% fall", {"text": "5%", "context": "5% fall"})["start"]
    14
    """
    span = draft["text"]
    if "start" in draft and draft.get("start") is not None and "context" not in draft:
        start = int(draft["start"])
    else:
        context = draft["context"]
        first = text.find(context)
        if first < 0:
            raise DraftError(f"context not found: {context!r}")
        if text.find(context, first + 1) >= 0:
            raise DraftError(f"context is not unique: {context!r}")
        inner = context.find(span)
        if inner < 0:
            raise DraftError(f"text {span!r} not inside context {context!r}")
        if context.find(span, inner + 1) >= 0 and "span_occurrence" not in draft:
            raise DraftError(f"text {span!r} occurs twice in context {context!r}; add span_occurrence")
        for _ in range(int(draft.get("span_occurrence", 1)) - 1):
            inner = context.find(span, inner + 1)
        start = first + inner
    end = start + len(span)
    if text[start:end] != span:
        raise DraftError(f"offset mismatch for {span!r} at {start}")
    record = {field: draft.get(field) for field in GOLD_FIELDS}
    record.update(doc_id=doc_id, start=start, end=end, text=span)
    for field in ("value", "value_high"):  # a labeller's "2" is the schema's float 2.0
        number = record[field]
        if isinstance(number, int) and not isinstance(number, bool):
            record[field] = float(number)
    for field, value in record.items():
        if value == "":
            record[field] = None
    return record


def gold_lines(records: Iterable[dict]) -> str:
    """The text of a gold file: one JSON object per line, exactly the gold fields, in their order.

    >>> gold_lines([{"doc_id": "d", "start": 0, "end": 2, "text": "5%", "extra": 1}])[:52]
    '{"doc_id": "d", "start": 0, "end": 2, "text": "5%", '
    """
    return "".join(json.dumps({f: r.get(f) for f in GOLD_FIELDS}, ensure_ascii=False) + "\n" for r in records)


def resolve_file(draft_path: Path, doc_path: Path, out_path: Path) -> list[str]:
    """Resolve every draft line; write sorted records; return the error messages."""
    text = doc_path.read_text(encoding="utf-8")
    doc_id = doc_path.stem
    records, errors = [], []
    for number, line in enumerate(draft_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(resolve_record(doc_id, text, json.loads(line)))
        except (DraftError, KeyError, json.JSONDecodeError) as err:
            errors.append(f"{draft_path}:{number}: {err}")
    records.sort(key=lambda r: (r["start"], r["end"]))
    seen = set()
    for r in records:
        if (r["start"], r["end"]) in seen:
            errors.append(f"duplicate span {r['text']!r} at {r['start']}")
        seen.add((r["start"], r["end"]))
    out_path.write_text(gold_lines(records), encoding="utf-8")
    return errors


def _valid_unit(unit: object) -> bool:
    if not isinstance(unit, str) or not unit:
        return False
    if unit in NAMED_UNITS or (len(unit) == 3 and unit.isalpha() and unit.isupper()):
        return True
    from pipeline.units import is_pint_symbol

    return is_pint_symbol(unit)


def span_numbers(span: str) -> list[float]:
    """The numbers written in a span ("RMB20.9 trillion" → [20.9]; "one-third" → [33.33…])."""
    if numerals.A_UNIT_AND_A_HALF.fullmatch(span.strip()):
        return [1.5]
    numbers = numerals.find_numerals(span)
    # a fraction is a share (percent) or a fraction of the unit in context: "a tenth" of an hour is 0.1
    found = [n.value for n in numbers] + [n.ratio for n in numbers if n.ratio is not None]
    if not found and any(re.search(rf"(?i)\b{w}\b", span) for w in tables.scales()):
        return [1.0]  # "million-kilowatt": the scale word is the number
    return found


def _scale_factors(span: str) -> set[float]:
    """What the span's scale words multiply a number by: all of them together ("a thousand million"), or
    one each where a range writes its scale on both ends ("P91 billion to P100 billion")."""
    product, single = 1.0, set()
    for word, f in tables.scales().items():
        n = len(re.findall(rf"(?i)(?<![A-Za-z]){word}(?![A-Za-z])", span))
        product *= f**n
        single |= {f} if n else set()
    return {product} | single


def _unit_factors(span: str) -> set[float]:
    """Multiples that units written in the span may fold into the value ("kW" → 1e3, "38T" → 1e12)."""
    factors = {1.0}
    for alias in tables.unit_aliases():
        flags = 0 if alias.case_sensitive else re.IGNORECASE
        # a plural alias in the singular too: a streak's ordinal counts the units ("the third consecutive
        # quarter" is nine months, as "three consecutive quarters" is)
        surfaces = {alias.surface} | ({alias.surface[:-1]} if alias.surface.endswith("s") and len(alias.surface) > 4 else set())
        for surface in surfaces:
            if re.search(rf"(?:(?<=\d)|(?<![A-Za-z])){re.escape(surface)}(?![A-Za-z])", span, flags):
                factors.add(alias.factor)
    return factors


_RAISED_DECIMAL_POINT = re.compile(r"(?<=\d)·(?=\d)")


def value_consistent(span: str, value: float, value_high: float | None) -> bool:
    """``value`` (and ``value_high``) equal a number written in the span times the span's scale words
    and unit multiples — a check that catches slips like 1.615e5 for "1.615 million".

    >>> value_consistent("RMB20.9 trillion", 2.09e13, None), value_consistent("1.615 million", 1.615e5, None)
    (True, False)
    >>> value_consistent("P91 billion to P100 billion", 9.1e10, 1e11)
    True
    >>> value_consistent("third consecutive quarter", 9.0, None), value_consistent("7·8%", 7.8, None)
    (True, True)
    """
    span = _RAISED_DECIMAL_POINT.sub(".", span)  # Hansard's "7·8%" is 7.8
    candidates = span_numbers(span)
    expected = {c * scale * u for c in candidates for scale in _scale_factors(span) for u in _unit_factors(span)}
    expected |= set(candidates)

    def fits(v: float) -> bool:
        return any(math.isclose(v, e, rel_tol=1e-6, abs_tol=1e-9) for e in expected)

    if candidates and fits(value) and (value_high is None or fits(value_high)):
        return True
    return _grammar_agrees(span, value, value_high)


def _grammar_agrees(span: str, value: float, value_high: float | None) -> bool:
    """The number grammar reads the span alone as this value: fractions of a unit ("three tenths of a
    percent" → 0.3), mixed numbers ("3-1/4"), ratios ("one in five"), cents, compact scales, Indian
    grouping, struck-out corrections. Signs are compared by size (a change is written as its size)."""
    from pipeline.extract import extract_quantities
    from pipeline.layout import view_of

    def close(a: float | None, b: float | None) -> bool:
        return a is not None and b is not None and math.isclose(abs(a), abs(b), rel_tol=1e-6, abs_tol=1e-9)

    readings = []
    for variant in (span, span.replace("\n", " ")):  # a figure broken over a line, with or without its wrap
        readings += extract_quantities(view_of(variant).text, use_quantulum=False)
    values = [m.value for m in readings] + [m.value_high for m in readings if m.value_high is not None]
    # the span alone may lack the words that make two numbers a range ("something like 30, 35 cents")
    return any(close(value, v) for v in values) and (value_high is None or any(close(value_high, v) for v in values))


def _iso(value: object) -> dt.date | None:
    if value is None:
        return None
    return dt.date.fromisoformat(str(value))


def check_records(doc_id: str, text: str, records: list[dict], where: str) -> list[str]:
    """Problems found in one document's gold records."""
    problems: list[str] = []
    spans: list[tuple[int, int, int]] = []
    for n, r in enumerate(records, 1):
        at = f"{where}:{n}"
        if set(r) != set(GOLD_FIELDS):
            problems.append(f"{at}: fields {sorted(set(r) ^ set(GOLD_FIELDS))} differ from the schema")
            continue
        if r["doc_id"] != doc_id:
            problems.append(f"{at}: doc_id {r['doc_id']!r} is not the file's {doc_id!r}")
        if not (isinstance(r["start"], int) and isinstance(r["end"], int) and 0 <= r["start"] < r["end"] <= len(text)):
            problems.append(f"{at}: bad offsets {r['start']}..{r['end']}")
            continue
        if text[r["start"] : r["end"]] != r["text"]:
            problems.append(f"{at}: text {r['text']!r} != doc[{r['start']}:{r['end']}] {text[r['start'] : r['end']]!r}")
        spans.append((r["start"], r["end"], n))
        for name, vocab in (
            ("qualifier", QUALIFIERS),
            ("kind", KINDS),
            ("modality", MODALITIES),
            ("speaker_role", SPEAKER_ROLES),
        ):
            if r[name] not in vocab:
                problems.append(f"{at}: {name} {r[name]!r} not in {sorted(vocab)}")
        if r["kind"] == "change" and r["direction"] not in DIRECTIONS:
            problems.append(f"{at}: a change needs direction up/down, got {r['direction']!r}")
        if r["kind"] == "level" and r["direction"] is not None:
            problems.append(f"{at}: a level has no direction, got {r['direction']!r}")
        if not _valid_unit(r["unit"]):
            problems.append(f"{at}: unit {r['unit']!r} is neither a named unit, an ISO currency nor a pint symbol")
        if r["counted"] is not None and r["unit"] != "count":
            problems.append(f"{at}: counted is only for unit count")
        if not isinstance(r["value"], (int, float)) or (
            r["value_high"] is not None and not isinstance(r["value_high"], (int, float))
        ):
            problems.append(f"{at}: value and value_high must be numbers")
        elif any(isinstance(r[f], int) for f in ("value", "value_high")):
            # the schema's value is a float; a JSON integer reads back as another type in every tool
            # that round-trips the gold (Label Studio, Parquet)
            problems.append(f"{at}: value and value_high must be floats (2.0, not 2)")
        elif not value_consistent(
            r["text"], float(r["value"]), None if r["value_high"] is None else float(r["value_high"])
        ):
            problems.append(
                f"{at}: value {r['value']} (high {r['value_high']}) is not consistent with the span {r['text']!r}"
            )
        try:
            start, end = _iso(r["time_start"]), _iso(r["time_end"])
            if (start is None) != (end is None):
                problems.append(f"{at}: time_start and time_end must both be set or both null")
            elif start and end and start > end:
                problems.append(f"{at}: time_start {start} is after time_end {end}")
        except ValueError:
            problems.append(f"{at}: time_start/time_end must be ISO dates, got {r['time_start']!r}/{r['time_end']!r}")
        if r["speaker_role"] == "narrator" and r["speaker"] is not None:
            problems.append(f"{at}: a narrator has no speaker name")
        for name in ("speaker", "metric", "counted"):
            if r[name] == "":
                problems.append(f"{at}: {name} is an empty string (use null)")
    spans.sort()
    for (s1, e1, n1), (s2, e2, n2) in zip(spans, spans[1:], strict=False):
        if s2 < e1:
            problems.append(f"{where}: records {n1} and {n2} overlap ({s1}..{e1} and {s2}..{e2})")
    return problems


def check_gold(gold_dir: Path, corpus_dir: Path) -> tuple[list[str], int]:
    """Check every ``*.jsonl`` in ``gold_dir`` against its text in ``corpus_dir``."""
    problems: list[str] = []
    count = 0
    files = sorted(Path(gold_dir).glob("*.jsonl"))
    if not files:
        return [f"{gold_dir}: no gold files"], 0
    for path in files:
        doc = Path(corpus_dir) / f"{path.stem}.txt"
        if not doc.exists():
            problems.append(f"{path}: no corpus text {doc}")
            continue
        text = doc.read_text(encoding="utf-8")
        records = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as err:
                problems.append(f"{path}:{n}: not JSON ({err})")
        count += len(records)
        problems.extend(check_records(path.stem, text, records, str(path)))
    return problems, count


def _main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[0] != "resolve" or "--doc" not in argv:
        print("usage: python -m pipeline.gold resolve DRAFT.jsonl --doc DOC.txt [--out OUT.jsonl]")
        return 2
    draft = Path(argv[1])
    doc = Path(argv[argv.index("--doc") + 1])
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else Path("gold") / f"{doc.stem}.jsonl"
    errors = resolve_file(draft, doc, out)
    for e in errors:
        print(e)
    print(f"wrote {out} ({sum(1 for _ in out.open())} records, {len(errors)} errors)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
