"""How much the speakers depend on the way a transcript writes its labels. Each dev transcript whose
turns are labelled in capitals ("MS. PSAKI:") is re-extracted with its labels rewritten in another
common convention (title case, Markdown bold, alone on a line, a no-break space, a bracketed
timestamp, "QUESTION:" for "Q", a period for the colon, an em dash for the colon), and every claim
whose (speaker, role) differs from the run on the original text is counted. No gold is read: the
measure is agreement with the pipeline's own reading of the original layout, so a change here is a
convention the segmenter does not yet read, not a labelling question.

    python benchmarks/label_conventions.py [--corpus corpora/briefings] [--splits gold/splits.json]
        [--only title_case timestamp ...] [--md benchmarks/label_conventions.md]

``make bench-labels`` runs it over the development split (about two minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from pipeline.annotate import DEFAULT_MODEL
from pipeline.batch import process_bytes

# a label in capitals at a paragraph's start, after any indentation: "MS. PSAKI:", "SECRETARY YELLEN:"
LABEL = re.compile(r"(?m)^(?P<ind>[ \t\u00a0]*)(?P<lab>(?:[A-Z][A-Z.’'-]*\s){0,3}[A-Z][A-Z’'-]+):(?P<sp>[ \t\u00a0]+)")
QUESTION = re.compile(r"(?m)^(?P<ind>[ \t\u00a0]*)Q(?::|\s)\s*")


def _title_case(label: str) -> str:
    """ "MS. PSAKI" → "Ms. Psaki" """
    return " ".join(w[:1] + w[1:].lower() for w in label.split())


def _relabel(form: Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    return lambda text: LABEL.sub(lambda m: m["ind"] + form(m), text)


CONVENTIONS: dict[str, Callable[[str], str]] = {
    "title_case": _relabel(lambda m: _title_case(m["lab"]) + ":" + m["sp"]),
    "bold": _relabel(lambda m: "**" + m["lab"] + ":**" + m["sp"]),
    "own_line": _relabel(lambda m: m["lab"] + ":\n"),
    "nbsp": _relabel(lambda m: m["lab"] + ":\u00a0"),
    "timestamp": _relabel(lambda m: "[00:12:34] " + m["lab"] + ":" + m["sp"]),
    "period_label": _relabel(lambda m: m["lab"] + "." + m["sp"]),
    "dash": _relabel(lambda m: m["lab"] + " —" + m["sp"]),
    "question_label": lambda text: QUESTION.sub(lambda m: m["ind"] + "QUESTION: ", text),
}


def speakers_of(doc_id: str, text: str, sidecar: dict, model: str) -> Counter | None:
    """(claim text, speaker, role) of every claim, counted; None when the document fails."""
    result = process_bytes(doc_id, text.encode("utf-8"), json.dumps(sidecar).encode("utf-8"), model=model)
    if result.status != "ok":
        return None
    return Counter((c.text, c.speaker, c.speaker_role) for c in result.claims)


def transcripts(corpus: Path, splits: Path) -> list[str]:
    """Dev transcripts labelled in capitals (three labels at least); never a test document."""
    split = json.loads(splits.read_text())
    ids = sorted(set(split["dev"]) - set(split["test"]))
    found = []
    for doc_id in ids:
        sidecar, text = corpus / f"{doc_id}.json", corpus / f"{doc_id}.txt"
        if not (sidecar.exists() and text.exists()) or json.loads(sidecar.read_text()).get("kind") != "transcript":
            continue
        if len(LABEL.findall(text.read_text(encoding="utf-8"))) >= 3:
            found.append(doc_id)
    return found


def measure(corpus: Path, ids: list[str], names: list[str], model: str) -> tuple[Counter, Counter, dict]:
    """Claims compared and claims whose speaker changed, per convention, with up to three examples."""
    compared, changed, examples = Counter(), Counter(), {}
    for doc_id in ids:
        text = (corpus / f"{doc_id}.txt").read_text(encoding="utf-8")
        sidecar = json.loads((corpus / f"{doc_id}.json").read_text())
        base = speakers_of(doc_id, text, sidecar, model)
        if not base:
            continue
        for name in names:
            rewritten = CONVENTIONS[name](text)
            if rewritten == text:
                continue
            got = speakers_of(doc_id, rewritten, sidecar, model) or Counter()
            lost = base - got
            compared[name] += sum(base.values())
            changed[name] += sum(lost.values())
            if lost and len(examples.setdefault(name, [])) < 3:
                (claim, speaker, role), _ = lost.most_common(1)[0]
                examples[name].append(f"{doc_id}: {claim!r} was {speaker or '—'} ({role})")
    return compared, changed, examples


def report(compared: Counter, changed: Counter, examples: dict, n_docs: int) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines = [
        f"## Speaker labels in other conventions, {dt.date.today()} (commit {commit})",
        "",
        f"{n_docs} dev transcripts labelled in capitals, re-extracted with the labels rewritten; a claim counts as",
        "changed when its (speaker, role) differs from the run on the original text.",
        "",
        "| convention | claims | speaker changed |",
        "|---|---|---|",
    ]
    for name in CONVENTIONS:
        if compared[name]:
            lines.append(f"| {name} | {compared[name]} | {changed[name]} ({changed[name] / compared[name]:.1%}) |")
    for name, found in examples.items():
        lines.append("")
        lines.append(f"- {name}: " + "; ".join(found))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpora/briefings"))
    parser.add_argument("--splits", type=Path, default=Path("gold/splits.json"))
    parser.add_argument("--only", nargs="*", choices=sorted(CONVENTIONS), default=None)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--md", type=Path, default=Path("benchmarks/label_conventions.md"))
    args = parser.parse_args()
    ids = transcripts(args.corpus, args.splits)
    compared, changed, examples = measure(args.corpus, ids, args.only or list(CONVENTIONS), args.model)
    text = report(compared, changed, examples, len(ids))
    args.md.write_text("# Speaker labels in other conventions\n\n" + text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
