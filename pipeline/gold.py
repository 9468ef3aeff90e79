"""Gold-set tools: resolve labelling drafts to offsets (checking comes later)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.schema import GOLD_FIELDS


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
    for field, value in record.items():
        if value == "":
            record[field] = None
    return record


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
    out_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return errors


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
