"""How much the speakers of prose depend on the verb that reports speech. Each dev article or statement
with at least two attributions by "said" is re-extracted with that "said" replaced by another
reporting verb, and every claim whose (speaker, role) differs from the run on the original text is
counted. No gold is read: a change means the verb is not read as reporting speech.

    python benchmarks/reporting_verbs.py [--corpus corpora/briefings] [--splits gold/splits.json]
        [--verbs suggested replied ...] [--max-docs 60] [--md benchmarks/reporting_verbs.md]

``make bench-verbs`` runs it (about a minute on 2 cores).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

from label_conventions import speakers_of  # the same per-document run, beside this script

from pipeline.annotate import DEFAULT_MODEL

# "…,” Dar said", "Mali said on Thursday": the reporting "said" after a name or a closing quotation
SAID = re.compile(r"(?<=[a-z”\",]) said\b(?! that\b)")
VERBS = ("suggested", "commented", "replied", "responded", "concluded", "wrote", "urged", "observed", "explained")


def prose_documents(corpus: Path, splits: Path, limit: int) -> list[str]:
    """Dev articles and statements with two "said" attributions at least; never a test document."""
    split = json.loads(splits.read_text())
    found = []
    for doc_id in sorted(set(split["dev"]) - set(split["test"])):
        sidecar = corpus / f"{doc_id}.json"
        if not sidecar.exists() or json.loads(sidecar.read_text()).get("kind") not in ("article", "statement"):
            continue
        if len(SAID.findall((corpus / f"{doc_id}.txt").read_text(encoding="utf-8"))) >= 2:
            found.append(doc_id)
    return found[:limit]


def measure(corpus: Path, ids: list[str], verbs: list[str], model: str) -> tuple[Counter, Counter]:
    compared, changed = Counter(), Counter()
    for doc_id in ids:
        text = (corpus / f"{doc_id}.txt").read_text(encoding="utf-8")
        sidecar = json.loads((corpus / f"{doc_id}.json").read_text())
        base = speakers_of(doc_id, text, sidecar, model)
        if not base or not any(speaker for _, speaker, _ in base):
            continue
        for verb in verbs:
            got = speakers_of(doc_id, SAID.sub(" " + verb, text), sidecar, model) or Counter()
            compared[verb] += sum(base.values())
            changed[verb] += sum((base - got).values())
    return compared, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpora/briefings"))
    parser.add_argument("--splits", type=Path, default=Path("gold/splits.json"))
    parser.add_argument("--verbs", nargs="*", default=list(VERBS))
    parser.add_argument("--max-docs", type=int, default=60)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--md", type=Path, default=Path("benchmarks/reporting_verbs.md"))
    args = parser.parse_args()
    ids = prose_documents(args.corpus, args.splits, args.max_docs)
    compared, changed = measure(args.corpus, ids, args.verbs, args.model)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# Speakers in prose under other reporting verbs",
        "",
        f"{dt.date.today()}, commit {commit}: {len(ids)} dev articles and statements, their reporting \"said\" replaced;",
        "a claim counts as changed when its (speaker, role) differs from the run on the original text.",
        "",
        "| verb | claims | speaker changed |",
        "|---|---|---|",
    ]
    lines += [
        f"| {verb} | {compared[verb]} | {changed[verb]} ({changed[verb] / compared[verb]:.1%}) |"
        for verb in args.verbs
        if compared[verb]
    ]
    args.md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
