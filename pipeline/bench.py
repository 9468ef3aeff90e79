"""`claims bench`: throughput against bare spaCy, memory at 1x and Nx, incremental re-runs.

Everything is measured in one run, on the same texts, as whole processes (start-up, imports and
model loading included on both sides):

- **speed** — `claims extract --no-cache --jobs J` and a bare spaCy process running the same
  model's full pipeline (`nlp.pipe` over the documents), on the corpus repeated ``speed_scale``
  times (so fixed start-up costs do not dominate); words/s for each and their ratio;
- **memory** — peak RSS of `claims extract --no-cache --jobs 1` on the corpus at 1x and at
  ``scale``x (one process, so RSS is exact: ``wait4``'s ``ru_maxrss``);
- **incremental** — an unchanged re-run on the ``scale``x corpus, and a re-run after one
  document is added, against the cold run.

A row is appended to ``benchmarks/results.md``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_BARE_SPACY = """
import sys, glob, spacy
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
nlp = spacy.load(sys.argv[2])
tokens = sum(len(doc) for doc in nlp.pipe(texts))
print(tokens)
"""


@dataclass
class Timed:
    seconds: float
    peak_rss_mb: float
    returncode: int


def run_timed(cmd: list[str]) -> Timed:
    """Wall time and peak RSS of a child process (``ru_maxrss`` from ``wait4``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 3):
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-2000:]}")
    return Timed(seconds, usage.ru_maxrss / 1024, proc.returncode)


def scaled_corpus(corpus: Path, target: Path, times: int) -> int:
    """Copy every document ``times`` times under distinct ids; returns the number of words."""
    target.mkdir(parents=True, exist_ok=True)
    words = 0
    for path in sorted(Path(corpus).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for k in range(times):
            stem = f"{path.stem}-x{k:03d}"
            (target / f"{stem}.txt").write_text(text, encoding="utf-8")
            sidecar = path.with_suffix(".json")
            if sidecar.exists():
                shutil.copy(sidecar, target / f"{stem}.json")
            words += len(text.split())
    return words


def _claims_cmd(corpus: Path, out: Path, model: str, jobs: int, no_cache: bool = True) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "extract",
        str(corpus),
        "--out",
        str(out),
        "--model",
        model,
        "--jobs",
        str(jobs),
        "--quiet",
    ]
    return cmd + (["--no-cache"] if no_cache else [])


def run_bench(
    corpus: Path,
    *,
    model: str,
    jobs: int = 2,
    scale: int = 20,
    speed_scale: int = 4,
    results: Path = Path("benchmarks/results.md"),
) -> str:
    with tempfile.TemporaryDirectory(prefix="claims-bench-") as tmp:
        tmp_path = Path(tmp)
        speed_corpus = tmp_path / "speed"
        speed_words = scaled_corpus(corpus, speed_corpus, speed_scale)
        bare = run_timed([sys.executable, "-c", _BARE_SPACY, str(speed_corpus), model])
        ours = run_timed(_claims_cmd(speed_corpus, tmp_path / "out-speed", model, jobs))
        one = tmp_path / "one"
        words_1x = scaled_corpus(corpus, one, 1)
        mem_1x = run_timed(_claims_cmd(one, tmp_path / "out-1x", model, 1))
        big = tmp_path / "big"
        words_nx = scaled_corpus(corpus, big, scale)
        cold = run_timed(_claims_cmd(big, tmp_path / "out-nx", model, 1))
        rerun = run_timed(_claims_cmd(big, tmp_path / "out-nx", model, 1, no_cache=False))
        first = sorted(Path(corpus).glob("*.txt"))[0]
        shutil.copy(first, big / "added-briefing.txt")
        added = run_timed(_claims_cmd(big, tmp_path / "out-nx", model, 1, no_cache=False))
    bare_wps = speed_words / bare.seconds
    ours_wps = speed_words / ours.seconds
    ratio = ours_wps / bare_wps
    rss_ratio = cold.peak_rss_mb / mem_1x.peak_rss_mb
    rerun_ratio = rerun.seconds / cold.seconds
    added_ratio = added.seconds / cold.seconds
    cores = os.cpu_count() or 1
    lines = [
        f"speed on {speed_words} words (corpus x{speed_scale}), whole processes:",
        f"  bare spaCy, full pipeline of {model}: {bare.seconds:7.1f} s  {bare_wps:8.0f} words/s",
        f"  claims extract --jobs {jobs}: {ours.seconds:7.1f} s  {ours_wps:8.0f} words/s",
        f"  ratio: {ratio:.2f}  (goal >= 2.0)",
        "memory, claims extract --jobs 1 (peak RSS of the process):",
        f"  1x ({words_1x} words): {mem_1x.peak_rss_mb:7.0f} MB",
        f"  {scale}x ({words_nx} words): {cold.peak_rss_mb:7.0f} MB",
        f"  ratio: {rss_ratio:.3f} (goal <= 1.10)",
        f"incremental, on the {scale}x corpus:",
        f"  cold run: {cold.seconds:7.1f} s",
        f"  unchanged re-run: {rerun.seconds:7.2f} s   ratio {rerun_ratio:.3f} (goal <= 0.05)",
        f"  one document added: {added.seconds:7.2f} s   ratio {added_ratio:.3f}",
    ]
    _append_result(
        results,
        cores,
        speed_words,
        bare_wps,
        ours_wps,
        ratio,
        mem_1x.peak_rss_mb,
        cold.peak_rss_mb,
        scale,
        rss_ratio,
        rerun_ratio,
        jobs,
    )
    return "\n".join(lines)


def _append_result(
    results: Path,
    cores: int,
    words: int,
    bare_wps: float,
    ours_wps: float,
    ratio: float,
    rss_1x: float,
    rss_nx: float,
    scale: int,
    rss_ratio: float,
    rerun_ratio: float,
    jobs: int,
) -> None:
    results = Path(results)
    results.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Benchmark results\n\nAppended by `make bench` (`claims bench`). Speed: whole processes on the corpus repeated; "
        "memory: peak RSS of a single-process run.\n\n"
        "| date | cores | words | bare spaCy words/s | claims words/s | ratio | jobs | peak RSS 1x MB | peak RSS Nx MB | N | "
        "RSS ratio | unchanged re-run / cold |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    row = (
        f"| {dt.date.today().isoformat()} | {cores} | {words} | {bare_wps:.0f} | {ours_wps:.0f} | {ratio:.2f} | {jobs} | "
        f"{rss_1x:.0f} | {rss_nx:.0f} | {scale} | {rss_ratio:.3f} | {rerun_ratio:.3f} |\n"
    )
    existing = results.read_text(encoding="utf-8") if results.exists() else header
    results.write_text(existing + row, encoding="utf-8")
