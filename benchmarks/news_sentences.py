"""Crash test on ordinary news sentences: every sentence of a file becomes its own document, the
whole set is extracted in one batch, and the run reports documents failed, sentences skipped with a
warning, claims found and any offset that does not hold.

    python benchmarks/news_sentences.py SENTENCES.txt [--jobs 2]

The sentences (one per line) are third-party text and stay outside the repository; the closing note
of the reliability issue records the run on 600 sentences gathered with the `search` tool.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from pipeline.run import RunOptions, run_extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sentences", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    lines = [line.strip() for line in args.sentences.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        for i, line in enumerate(lines):
            (corpus / f"news-{i:04d}.txt").write_text(line + "\n", encoding="utf-8")
        started = time.monotonic()
        summary = run_extract(corpus, out, RunOptions(jobs=args.jobs, progress=False, use_cache=False))
        seconds = time.monotonic() - started
        docs = pd.read_csv(out / "documents.csv")
        claims = pd.read_csv(out / "claims.csv", keep_default_na=False)
        bad_offsets = [
            (r.doc_id, r.start, r.text)
            for r in claims.itertuples()
            if (corpus / f"{r.doc_id}.txt").read_text(encoding="utf-8")[r.start : r.end] != r.text
        ]
    failed = docs[docs.status != "ok"]
    notes = docs["warnings"].astype("string").fillna("") if "warnings" in docs else pd.Series([""] * len(docs))
    warned = docs[notes.str.len() > 2]
    print(f"sentences: {len(lines)}  documents failed: {len(failed)}  with warnings: {len(warned)}")
    print(f"claims: {len(claims)}  offsets that do not hold: {len(bad_offsets)}  time: {seconds:.1f} s")
    for row in failed.itertuples():
        print(f"  failed {row.doc_id}: {row.error}")
    for row in warned.itertuples():
        print(f"  warning {row.doc_id}: {row.warnings}")
    if len(summary.failures) or bad_offsets:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
