"""The cluster path, as on a real cluster: a Dask scheduler and two workers started as separate
processes (`dask scheduler`, `dask worker ADDR`), the corpus read by the workers from a shared path,
one worker killed mid-run; then the tables are compared byte for byte with a local run.

    .venv/bin/python scripts/cluster_demo.py [CORPUS] [--out out/cluster-demo] [--kill-after 10]

Exit status 0 only when the Dask tables are byte-identical to the local ones and every document
is in them exactly once.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
TABLES = ("claims", "turns", "documents")


def table_files(out: Path) -> dict[str, bytes]:
    """Every table file of a run (flat CSV and Parquet, and the year partitions), by path."""
    files = {}
    for name in TABLES:
        for ext in ("csv", "parquet"):
            files[f"{name}.{ext}"] = (out / f"{name}.{ext}").read_bytes()
        files.update({str(p.relative_to(out)): p.read_bytes() for p in sorted((out / name).rglob("*.parquet"))})
    return files


def start(args: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"cluster demo: timed out waiting for {what}")
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default="corpora/briefings", type=Path)
    parser.add_argument("--out", default=Path("out/cluster-demo"), type=Path)
    parser.add_argument("--kill-after", type=int, default=10, help="Kill one worker after this many documents.")
    args = parser.parse_args(argv)
    corpus, out = args.corpus.resolve(), args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    documents = sorted(p.stem for p in corpus.glob("*.txt"))
    scheduler_file = out / "scheduler.json"
    scheduler_file.unlink(missing_ok=True)
    processes: list[subprocess.Popen] = []
    try:
        processes.append(
            start(
                [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                 "--scheduler-file", str(scheduler_file)],
                out / "scheduler.log",
            )
        )  # fmt: skip
        wait_for(scheduler_file.exists, "the scheduler")
        import json

        address = json.loads(scheduler_file.read_text())["address"]
        for n in (1, 2):
            processes.append(
                start(
                    [str(BIN / "dask"), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                     "--name", f"worker-{n}", "--memory-limit", "0"],
                    out / f"worker-{n}.log",
                )
            )  # fmt: skip
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        print(f"scheduler {address}, 2 workers (pids {processes[1].pid}, {processes[2].pid})")

        claims = [str(BIN / "claims"), "extract", str(corpus), "--no-cache", "-q"]
        started = time.monotonic()
        subprocess.run([*claims, "--out", str(out / "local")], check=False)
        print(f"local run: {time.monotonic() - started:.1f} s")

        dask_out = out / "dask"
        parts = dask_out / ".cache"
        for old in parts.glob("*.json") if parts.exists() else ():
            old.unlink()
        started = time.monotonic()
        run = subprocess.Popen([*claims, "--out", str(dask_out), "--engine", "dask", "--scheduler", address])
        killed = False
        while run.poll() is None:
            done = len(list(parts.glob("*.json"))) if parts.exists() else 0
            if not killed and done >= min(args.kill_after, len(documents) // 2):
                os.killpg(processes[1].pid, signal.SIGKILL)  # a worker dies mid-run, as a node would
                killed = True
                print(f"killed worker-1 after {done} documents")
            time.sleep(0.2)
        print(f"dask run: {time.monotonic() - started:.1f} s, exit {run.returncode}")

        local, remote = table_files(out / "local"), table_files(dask_out)
        differing = sorted(name for name in local.keys() | remote.keys() if local.get(name) != remote.get(name))
        import pandas as pd

        rows = list(pd.read_csv(dask_out / "documents.csv").doc_id)
        lost = sorted(set(documents) - set(rows))
        duplicated = len(rows) - len(set(rows))
        print(f"{len(documents)} documents; {len(rows)} rows in documents.csv; lost {len(lost)}; duplicated {duplicated}")
        print(f"{len(local)} table files compared; {len(differing)} differ" + (f": {differing}" if differing else ""))
        ok = killed and not differing and not lost and not duplicated
        print("byte-identical to the local run" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        for process in processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass


if __name__ == "__main__":
    sys.exit(main())
