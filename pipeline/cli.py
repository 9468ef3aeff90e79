"""The ``claims`` command line (typer): extract, add, evaluate, gold check, bench."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline import annotate

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Quantitative claims from press-briefing transcripts, scored against a hand-labelled gold set.",
)

# Exit codes, one per failure class (documented in the README).
EXIT_OK = 0  # success
EXIT_FAILED = 1  # the command did its work and found a problem (a refused `add`, gold problems)
EXIT_USAGE = 2  # bad arguments (typer/click use 2 as well)
EXIT_PARTIAL = 3  # `extract`: some documents failed; their rows say why, the rest are written
EXIT_MODEL = 4  # the spaCy pipeline cannot be loaded
EXIT_BELOW = 5  # `evaluate --min-f1`: the score is below the bar
EXIT_LOCKED = 6  # another run is writing into the same output folder
EXIT_INTERNAL = 70  # a bug: one line on stderr, the traceback with --debug


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _print_version(value: bool) -> None:
    if value:
        from pipeline import __version__

        typer.echo(f"briefing-claims {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Quantitative claims from press-briefing transcripts, scored against a hand-labelled gold set."""
    global _DEBUG
    _DEBUG = debug


_DEBUG = False


@app.command()
def extract(
    corpus_dir: Annotated[
        Path, typer.Argument(help="Folder of <doc_id>.txt briefings (with optional .json sidecars).")
    ],
    out: Annotated[Path, typer.Option("--out", help="Output folder for claims, turns and documents tables.")] = Path(
        "out"
    ),
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use.")] = annotate.DEFAULT_MODEL,
    jobs: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Re-process every document, ignoring the cache.")
    ] = False,
    engine: Annotated[str, typer.Option(help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (with --engine dask).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or table.")] = False,
) -> None:
    """Extract claims from every document of CORPUS_DIR into OUT (CSV and Parquet)."""
    from pipeline.run import RunOptions, run_extract

    if not corpus_dir.is_dir():
        _err(f"error: {corpus_dir} is not a folder")
        raise typer.Exit(EXIT_USAGE)
    if engine not in ("local", "dask"):
        _err("error: --engine must be 'local' or 'dask'")
        raise typer.Exit(EXIT_USAGE)
    options = RunOptions(
        model=model, jobs=jobs, use_cache=not no_cache, engine=engine, scheduler=scheduler, progress=not quiet
    )
    from pipeline.run import RunLocked

    try:
        summary = run_extract(corpus_dir, out, options)
    except annotate.ModelError as err:
        _err(f"error: {err}")
        raise typer.Exit(EXIT_MODEL) from None
    except RunLocked as err:
        _err(f"error: {err}")
        raise typer.Exit(EXIT_LOCKED) from None
    if not quiet:
        typer.echo(summary.table())
    for doc_id, error in summary.failures:
        _err(f"failed: {doc_id}: {error}")
    if summary.failures:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def add(
    path: Annotated[
        Path,
        typer.Argument(help="A briefing (.txt, Markdown with front matter, saved .html) or a folder of them."),
    ],
    corpus: Annotated[Path, typer.Option(help="Corpus folder.")] = Path("corpora/briefings"),
    id: Annotated[
        str | None, typer.Option("--id", help="doc_id (file stem); inferred from date and title if absent.")
    ] = None,
    date: Annotated[str | None, typer.Option(help="ISO date of the briefing.")] = None,
    title: Annotated[str | None, typer.Option(help="Title.")] = None,
    kind: Annotated[str | None, typer.Option(help="transcript, article or statement.")] = None,
    source_url: Annotated[str | None, typer.Option("--source-url", help="Where the text came from.")] = None,
    encoding: Annotated[
        str | None, typer.Option(help="The file's encoding, when it cannot be told from the bytes.")
    ] = None,
    model: Annotated[str, typer.Option(help="spaCy pipeline for the names in the header.")] = annotate.DEFAULT_MODEL,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="For a folder: print every file's report, not a progress bar.")
    ] = False,
) -> None:
    """Add briefings: normalise to UTF-8/LF, write the .txt + .json pair, refuse duplicates, and print
    the turns and speakers found. A folder is read recursively, with a progress bar and a summary
    (added, duplicates, refused with reason); one bad file does not stop the rest."""
    from collections import Counter

    from pipeline.corpus import AddError, DuplicateText, add_document
    from pipeline.sources import source_files

    if path.is_dir():
        if id or date or title or source_url:
            _err("error: --id, --date, --title and --source-url name one document; give a file, not a folder")
            raise typer.Exit(EXIT_USAGE)
        files = source_files(path)
        if not files:
            _err(f"error: no .txt, .md or .html files under {path}")
            raise typer.Exit(EXIT_FAILED)
    elif path.exists():
        files = [path]
    else:
        _err(f"error: {path} does not exist")
        raise typer.Exit(EXIT_USAGE)
    from tqdm import tqdm

    failed, duplicates = 0, 0
    reasons: Counter[str] = Counter()
    quiet_folder = len(files) > 1 and not verbose
    for file in tqdm(files, desc="adding", unit="file", disable=not quiet_folder, file=sys.stderr):
        try:
            report = add_document(
                file, corpus, doc_id=id, date=date, title=title, kind=kind, source_url=source_url,
                encoding=encoding, model=model,
            )  # fmt: skip
        except AddError as err:
            failed += 1
            duplicates += isinstance(err, DuplicateText)
            if not isinstance(err, DuplicateText):
                reasons[str(err).split(":")[0][:80]] += 1
            _err(f"{'duplicate' if isinstance(err, DuplicateText) else 'refused'}: {file}: {err}")
            continue
        if not quiet_folder:
            typer.echo(report.describe())
    if len(files) > 1:
        refused = failed - duplicates
        typer.echo(
            f"{len(files)} files: {len(files) - failed} added, {duplicates} duplicate texts refused, {refused} refused"
            + "".join(f"\n  {n} × {reason}" for reason, n in reasons.most_common())
        )
    if failed:
        raise typer.Exit(EXIT_FAILED if failed == len(files) else EXIT_PARTIAL)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of gold <doc_id>.jsonl files.")] = Path("gold"),
    pred: Annotated[Path, typer.Option(help="Predicted claims.csv (or .parquet).")] = Path("out/claims.csv"),
    out: Annotated[Path | None, typer.Option(help="Folder for errors.csv, report.md, report.html.")] = None,
    min_f1: Annotated[float | None, typer.Option("--min-f1", help="Exit 1 when partial span F1 is below this.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    docs: Annotated[
        str | None, typer.Option(help="Comma-separated doc_ids to score (default: every gold file).")
    ] = None,
    split: Annotated[
        str | None, typer.Option(help="Score only the documents of a split of GOLD/splits.json (test or dev).")
    ] = None,
) -> None:
    """Score predicted claims against the gold set (strict and partial span matching, field F1)."""

    from pipeline.report import write_report
    from pipeline.score import evaluate as run_evaluation
    from pipeline.score import load_gold, load_predictions

    if not gold.is_dir():
        _err(f"error: {gold} is not a folder")
        raise typer.Exit(EXIT_USAGE)
    if not pred.exists():
        _err(f"error: {pred} does not exist (run `claims extract` first)")
        raise typer.Exit(EXIT_USAGE)
    doc_filter = set(docs.split(",")) if docs else None
    if split is not None:
        try:
            chosen = set(json.loads((gold / "splits.json").read_text(encoding="utf-8"))[split])
        except (OSError, ValueError, KeyError) as err:
            _err(f"error: no split {split!r} in {gold / 'splits.json'} ({err})")
            raise typer.Exit(EXIT_USAGE) from None
        doc_filter = chosen if doc_filter is None else doc_filter & chosen
    try:
        gold_records = load_gold(gold, doc_filter)
        predictions = load_predictions(pred, None)
    except ValueError as err:
        _err(f"error: {err}")
        raise typer.Exit(EXIT_USAGE) from None
    if doc_filter and (unknown := sorted(doc_filter - set(gold_records))):
        _err(f"error: no gold file for {', '.join(unknown)} in {gold}")
        raise typer.Exit(EXIT_USAGE)
    if not gold_records:
        _err(f"error: no gold records in {gold}")
        raise typer.Exit(EXIT_USAGE)
    if not predictions:
        _err(f"note: {pred} holds no claims")
    if ungraded := sorted(set(predictions) - {path.stem for path in gold.glob("*.jsonl")}):
        _err(f"note: {len(ungraded)} predicted document(s) have no gold and are not scored: {', '.join(ungraded[:5])}")
    predictions = {doc_id: rows for doc_id, rows in predictions.items() if doc_id in gold_records}
    result = run_evaluation(gold_records, predictions)
    if out is not None:
        write_report(result, gold_records, predictions, out)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        typer.echo(result.table())
    partial_f1 = result.overall.span["partial"].f
    if min_f1 is not None and (partial_f1 is None or partial_f1 < min_f1):
        _err(f"partial span F1 {partial_f1} is below --min-f1 {min_f1}")
        raise typer.Exit(EXIT_BELOW)


@app.command()
def timex(
    file: Annotated[
        Path, typer.Argument(help="A text file (its .json sidecar gives the date and source when present).")
    ],
    date: Annotated[
        str | None, typer.Option(help="Document date (YYYY-MM-DD) that relative expressions resolve against.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Publisher's country code (fiscal years, seasons).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Every time expression in FILE: offsets in the file as stored, text, interval and rule id."""
    import datetime as dt

    from pipeline import ingest
    from pipeline import timex as grammar

    try:
        raw, side = ingest.read_bytes(file)
        doc = ingest.document_from_bytes(file.stem, raw, side)
        when = dt.date.fromisoformat(date) if date else doc.date
    except (ingest.IngestError, ValueError) as err:
        _err(f"error: {err}")
        raise typer.Exit(EXIT_USAGE) from None
    if when is None:
        _err("note: no document date (give --date); only expressions that name their year resolve")
    ctx = grammar.TimeContext.of(when, country=country or doc.country)
    for t in grammar.scan(doc.text, ctx):
        start, end = doc.raw_span(t.start, t.end)
        row = {
            "start": start,
            "end": end,
            "text": doc.raw[start:end],
            "time_start": t.period.start.isoformat() if t.period else None,
            "time_end": t.period.end.isoformat() if t.period else None,
            "rule": t.rule,
        }
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False))
        else:
            typer.echo(
                f"{start:>7} {end:>7}  {row['time_start'] or '-':10} {row['time_end'] or '-':10}  {t.rule:16} {row['text']!r}"
            )


gold_app = typer.Typer(help="Gold-set tools.", no_args_is_help=True)
app.add_typer(gold_app, name="gold")


@gold_app.command("check")
def gold_check(
    gold: Annotated[Path, typer.Argument(help="Folder of gold .jsonl files.")] = Path("gold"),
    corpus: Annotated[Path, typer.Option(help="Corpus folder holding the texts.")] = Path("corpora/briefings"),
) -> None:
    """Validate gold files: offsets, vocabulary, overlaps, values against span text, dates."""
    from pipeline.gold import check_gold

    problems, count = check_gold(gold, corpus)
    for p in problems:
        typer.echo(p)
    typer.echo(f"{count} gold records checked, {len(problems)} problems")
    if problems:
        raise typer.Exit(EXIT_FAILED)


@gold_app.command("init")
def gold_init(
    doc_id: Annotated[str, typer.Argument(help="The document to draft (its file stem).")],
    pred: Annotated[Path, typer.Option(help="Predicted claims.csv (or .parquet).")] = Path("out/claims.csv"),
    to: Annotated[Path, typer.Option(help="Folder for the draft (never the gold folder itself).")] = Path(
        "gold/drafts"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing draft.")] = False,
) -> None:
    """Draft a gold file for DOC_ID from the pipeline's predictions, to be corrected by reading the
    text. A draft is not gold: it lives outside the gold folder until a person has checked every
    record (gold/GUIDELINES.md) and moves it in."""
    from pipeline.gold import gold_lines
    from pipeline.score import load_predictions
    from pipeline.write import atomic_write_text

    if to.resolve() == Path("gold").resolve() or (to / "splits.json").exists():
        _err(f"error: {to} is the gold folder; drafts go elsewhere (default gold/drafts)")
        raise typer.Exit(EXIT_USAGE)
    target = to / f"{doc_id}.jsonl"
    if target.exists() and not force:
        _err(f"error: {target} exists (use --force to overwrite)")
        raise typer.Exit(EXIT_FAILED)
    try:
        records = load_predictions(pred, [doc_id]).get(doc_id, [])
    except (ValueError, OSError) as err:
        _err(f"error: {err}")
        raise typer.Exit(EXIT_USAGE) from None
    if not records:
        _err(f"error: {pred} holds no claims for {doc_id}")
        raise typer.Exit(EXIT_FAILED)
    atomic_write_text(target, gold_lines(records))
    typer.echo(f"{target}: {len(records)} drafted claims. Check each against the text, add what is missing,")
    typer.echo("then move the file into gold/ and run `claims gold check`.")


@app.command()
def schema(
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the schema as Markdown (docs/output-schema.md).")] = False,
) -> None:
    """The output schema: every field of claims, turns and documents with its type and values."""
    from pipeline import schema as declared

    if markdown:
        typer.echo(declared.markdown(), nl=False)
        return
    for table, columns in declared.TABLES.items():
        typer.echo(f"{table}:")
        for c in columns:
            values = f"  [{', '.join(sorted(c.vocabulary))}]" if c.vocabulary else ""
            typer.echo(f"  {c.name:17} {c.type:9}{values}")


def _corpus_of(out: Path, corpus: Path | None) -> Path:
    """The corpus a run read: given, or recorded in OUT/manifest.json."""
    if corpus is not None:
        return corpus
    try:
        return Path(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["corpus"]["path"])
    except (OSError, ValueError, KeyError, TypeError):
        _err(f"error: {out}/manifest.json names no corpus; pass --corpus")
        raise typer.Exit(EXIT_USAGE) from None


def _claims_file(out: Path) -> Path:
    return out if out.is_file() else out / "claims.csv"


@app.command()
def review(
    out: Annotated[Path, typer.Argument(help="Output folder of `claims extract`.")] = Path("out"),
    gold: Annotated[Path | None, typer.Option(help="Gold folder: mark false positives, misses, mismatches.")] = None,
    site: Annotated[Path | None, typer.Option("--out", help="Folder for the site (default OUT/review).")] = None,
    corpus: Annotated[Path | None, typer.Option(help="Corpus folder (default: the one the run read).")] = None,
) -> None:
    """A static review site (no server): an index of documents, each document's text with its claims
    highlighted and, with --gold, its errors; plots and confusion matrices. Open OUT/review/index.html."""
    import time

    from pipeline.review import build_site

    if not (out / "documents.csv").exists():
        _err(f"error: {out} holds no documents.csv (run `claims extract` first)")
        raise typer.Exit(EXIT_USAGE)
    started = time.perf_counter()
    index = build_site(out, _corpus_of(out, corpus), site or out / "review", gold)
    typer.echo(f"{index} ({time.perf_counter() - started:.1f} s)")


export_app = typer.Typer(help="Write claims for another tool.", no_args_is_help=True)
import_app = typer.Typer(help="Read what another tool made.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")


@export_app.command("label-studio")
def export_label_studio(
    out: Annotated[Path, typer.Argument(help="Output folder of `claims extract` (or a claims.csv/.parquet).")],
    to: Annotated[Path, typer.Option("--to", help="Tasks JSON to write; the labelling config goes beside it.")] = Path(
        "tasks.json"
    ),
    docs: Annotated[str | None, typer.Option(help="Comma-separated doc_ids (default: every document).")] = None,
    corpus: Annotated[Path | None, typer.Option(help="Corpus folder (default: the one the run read).")] = None,
) -> None:
    """Label Studio tasks: each document's text with the pipeline's claims as predictions (a span and
    per-span fields), and the labelling config (TO with .config.xml) to create the project with."""
    from pipeline.labelstudio import export_tasks, labelling_config, read_texts
    from pipeline.score import load_predictions
    from pipeline.write import atomic_write_text

    folder = out if out.is_dir() else out.parent
    corpus_dir = _corpus_of(folder, corpus)
    chosen = docs.split(",") if docs else sorted(p.stem for p in corpus_dir.glob("*.txt"))
    try:
        predictions = load_predictions(_claims_file(out), chosen)
        tasks = export_tasks(predictions, read_texts(corpus_dir, chosen))
    except (ValueError, OSError) as err:
        _err(f"error: {err}")
        raise typer.Exit(EXIT_USAGE) from None
    atomic_write_text(to, json.dumps(tasks, ensure_ascii=False))
    config = to.with_suffix(".config.xml")
    atomic_write_text(config, labelling_config())
    typer.echo(f"{to}: {len(tasks)} tasks, {sum(len(v) for v in predictions.values())} predicted claims; config {config}")


@import_app.command("label-studio")
def import_label_studio(
    export: Annotated[Path, typer.Argument(help="A Label Studio JSON export of the project.")],
    gold: Annotated[Path, typer.Option(help="Gold folder to write <doc_id>.jsonl into.")] = Path("gold"),
    corpus: Annotated[Path, typer.Option(help="Corpus folder holding the texts.")] = Path("corpora/briefings"),
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace existing gold files.")] = False,
) -> None:
    """Completed annotations → gold/<doc_id>.jsonl, checked like `claims gold check`. Tasks without a
    submitted annotation are skipped (a prediction is never gold)."""
    from pipeline.labelstudio import import_annotations, write_gold

    try:
        records = import_annotations(json.loads(export.read_text(encoding="utf-8")))
        problems = write_gold(records, gold, overwrite, corpus_dir=corpus)
    except FileExistsError as err:
        _err(f"error: {err} (use --overwrite)")
        raise typer.Exit(EXIT_FAILED) from None
    except (ValueError, OSError) as err:
        _err(f"error: {export}: {err}")
        raise typer.Exit(EXIT_USAGE) from None
    for problem in problems:
        typer.echo(problem)
    typer.echo(f"{len(records)} gold file(s) written to {gold}, {len(problems)} problem(s)")
    if problems:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def bench(
    corpus_dir: Annotated[Path, typer.Argument(help="Corpus to time.")] = Path("corpora/briefings"),
    model: Annotated[str, typer.Option(help="spaCy pipeline.")] = annotate.DEFAULT_MODEL,
    jobs: Annotated[int, typer.Option(min=1, help="Worker processes for claims extract.")] = 2,
    scale: Annotated[
        int, typer.Option(help="Measure peak memory and re-runs on the corpus repeated SCALE times.")
    ] = 20,
    speed_scale: Annotated[int, typer.Option(help="Measure speed on the corpus repeated this many times.")] = 4,
    results: Annotated[Path, typer.Option(help="Markdown file to append a result row to.")] = Path(
        "benchmarks/results.md"
    ),
) -> None:
    """Time `claims extract` against bare spaCy on the same texts; memory at 1x and SCALE x."""
    from pipeline.bench import run_bench

    typer.echo(run_bench(corpus_dir, model=model, jobs=jobs, scale=scale, speed_scale=speed_scale, results=results))


def main() -> None:  # pragma: no cover
    """Entry point. Usage errors and exit codes are click's (standalone mode); an unexpected error is
    one line on stderr and exit 70 instead of a traceback (``claims --debug …`` shows it)."""
    try:
        app()
    except Exception as err:  # noqa: BLE001 — the last line of defence
        if _DEBUG:
            raise
        message = " ".join(str(err).split())[:300]  # one line, whatever the exception holds
        _err(f"internal error: {type(err).__name__}: {message} (run with --debug for the traceback)")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # python -m pipeline.cli
    main()
