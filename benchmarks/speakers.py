"""Speakers over a whole corpus of transcripts: who the claims are attributed to, and how many are
attributed to nobody. Writes benchmarks/speakers.md.

    python benchmarks/speakers.py OUT_DIR [--source DIR] [--md benchmarks/speakers.md]

OUT_DIR is the output of ``claims extract`` over a corpus made with ``claims add`` (for the White
House press briefings: ``claims add ../shared/corpora/whitehouse/press-briefings --corpus C`` then
``claims extract C --out OUT_DIR --jobs 2``). ``make bench-speakers`` does all three.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
from pathlib import Path

import pandas as pd

from pipeline import tables

# what a label looks like when it was not resolved to a name: "MR. DEESE", "Q", "CHAIR POWELL", an outlet
_LABEL_FORM = re.compile(r"^(?:(?:MR|MS|MRS|DR|DRS)\.?\s|Q$|QUESTION$|[A-Z][A-Z .’'-]+$)")
# anonymous by design: background calls attribute to "senior administration officials"
_ANONYMOUS = re.compile(r"background|senior-administration-official")


def label_forms(speakers: pd.Series) -> list[str]:
    """Names that still carry a label's form: an honorific or office in front ("Acting Administrator
    Slavitt"), capitals, "Q", an outlet."""
    outlets = {o.lower() for o in tables.outlets()}
    offices = sorted((o.phrase for o in tables.offices()), key=len, reverse=True)
    found = set()
    for name in speakers.dropna().unique():
        lowered = name.lower()
        titled = lowered.split()[0].strip(".") in tables.honorifics() or any(
            lowered.startswith(office + " ") for office in offices
        )
        if _LABEL_FORM.match(name) or lowered in outlets or titled:
            found.add(name)
    return sorted(found)


def report(out: Path, source: str) -> str:
    claims = pd.read_parquet(out / "claims.parquet")
    docs = pd.read_parquet(out / "documents.parquet")
    transcripts = set(docs.loc[docs.kind == "transcript", "doc_id"])
    t = claims[claims.doc_id.isin(transcripts)]
    not_journalist = t[t.speaker_role != "journalist"]
    empty = not_journalist[not_journalist.speaker.isna()]
    anonymous = empty.doc_id.str.contains(_ANONYMOUS)
    named = t.speaker.value_counts().head(25)
    forms = label_forms(t.speaker)
    lines = [
        "# Speakers over the White House press briefings",
        "",
        f"Source: {source}. Documents: {len(docs)} ({docs.status.value_counts().to_dict()}), "
        f"{len(transcripts)} classified as transcripts; {len(t)} claims in transcripts.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| claims in transcripts | {len(t)} |",
        f"| claims not in journalists' turns | {len(not_journalist)} |",
        f"| of those, with an empty speaker | {len(empty)} ({len(empty) / max(1, len(not_journalist)):.1%}) |",
        f'| … in background calls (anonymous by design: "SENIOR ADMINISTRATION OFFICIAL") | {int(anonymous.sum())} |',
        f"| … elsewhere | {int((~anonymous).sum())} ({(~anonymous).sum() / max(1, len(not_journalist)):.2%}) |",
        f"| speaker names that are label forms (`MR. X`, `Q`, all capitals, an outlet) | {len(forms)} |",
        "",
        "## The 25 most frequent speakers",
        "",
        "| speaker | claims |",
        "|---|---|",
        *[f"| {name} | {count} |" for name, count in named.items()],
        "",
        "A speaker is the name the document itself introduces (GUIDELINES §9): a surname alone where the",
        'text never gives the full name (COVID-19 team briefings say "MR. ZIENTS:" and "Jeff" but never',
        '"Jeff Zients"), so one person can appear under two names across documents.',
    ]
    if forms:
        lines += ["", "Label forms found: " + ", ".join(forms[:50])]
    lines += ["", f"Measured with `make bench-speakers` at commit {_commit()} on {dt.date.today().isoformat()}."]
    return "\n".join(lines) + "\n"


def _commit() -> str:
    try:
        found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return found.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--source", default="../shared/corpora/whitehouse/press-briefings/ (1,152 files)")
    parser.add_argument("--md", type=Path, default=Path(__file__).with_name("speakers.md"))
    args = parser.parse_args()
    text = report(args.out, args.source)
    args.md.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
