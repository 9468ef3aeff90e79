"""Review claims in Label Studio: claims out as pre-annotated tasks, reviewed annotations back as gold.

The round trip is:

1. :func:`export_tasks` turns claims (pipeline output or existing gold) and the document texts into
   Label Studio tasks, one per document, each claim a pre-annotated ``claim`` span carrying its
   fields as per-region answers;
2. a reviewer opens the tasks in a project configured with :func:`labelling_config`, accepts,
   corrects, deletes or adds spans, and submits;
3. :func:`import_annotations` reads Label Studio's JSON export back into gold records
   (``pipeline.schema.GOLD_FIELDS``), and :func:`write_gold` writes ``gold/<doc_id>.jsonl`` and
   checks it with :func:`pipeline.gold.check_records`.

Only the latest submitted (not cancelled) annotation of a task is gold; a task nobody annotated gives
no gold — predictions are never taken as gold. Nothing here imports Label Studio: tasks and exports
are plain JSON, exchanged by file or over Label Studio's HTTP API.

Every claim field is a per-region control named after the field (``value``, ``unit``, ``kind``, …);
numbers are written with ``repr`` so that they read back exactly, and an empty answer reads back as
``null``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.sax.saxutils import quoteattr

from pipeline import __version__
from pipeline.schema import GOLD_FIELDS

TEXT_NAME = "text"
"""Name of the ``<Text>`` object (and of the task's data key holding the document text)."""
LABELS_NAME = "claim"
"""Name of the ``<Labels>`` control; its single label is also ``claim``."""
CLAIM_LABEL = "claim"

# Free-text fields, in the order the reviewer sees them, with a hint for each.
TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("value", "value with the scale applied, e.g. 20900000000000.0 or 5.2"),
    ("value_high", "upper bound of a range, else empty"),
    ("unit", "canonical unit: percent, percentage_point, count, CNY, USD, t, W, ..."),
    ("counted", "for unit count: the thing counted, singular (enterprise)"),
    ("time_start", "first day of the period, YYYY-MM-DD, else empty"),
    ("time_end", "last day of the period, YYYY-MM-DD, else empty"),
    ("speaker", "the person who states it, else empty"),
    ("metric", "what is measured, a short phrase"),
)
# The closed vocabularies of pipeline.schema, each in a reading order (the schema's sets are unordered;
# tests/test_labelstudio.py checks that they agree).
CHOICE_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("qualifier", ("exact", "approx", "over", "under", "at_least", "at_most")),
    ("kind", ("level", "change")),
    ("direction", ("up", "down")),
    ("modality", ("actual", "target")),
    ("speaker_role", ("official", "moderator", "journalist", "narrator")),
)
CONTROL_NAMES: tuple[str, ...] = tuple(name for name, _ in TEXT_FIELDS) + tuple(name for name, _ in CHOICE_FIELDS)
"""The per-region controls, one per claim field besides the span (doc_id, start, end, text)."""
_FLOAT_FIELDS = frozenset({"value", "value_high"})


def labelling_config() -> str:
    """The Label Studio labelling configuration (XML) for reviewing claims.

    A ``claim`` label over the document text, and, shown while a span is selected, one per-region
    control for each claim field: a text box for ``value``, ``value_high``, ``unit``, ``counted``,
    ``time_start``, ``time_end``, ``speaker``, ``metric`` and single choices from the schema's
    vocabularies for ``qualifier``, ``kind``, ``direction``, ``modality``, ``speaker_role``.

    >>> import xml.etree.ElementTree as ET
    >>> root = ET.fromstring(labelling_config())
    >>> [c.get("value") for c in root.find(".//Choices[@name='kind']")]
    ['level', 'change']
    """
    lines = [
        "<View>",
        '  <Header value="$doc_id"/>',
        f'  <Labels name="{LABELS_NAME}" toName="{TEXT_NAME}">',
        f'    <Label value="{CLAIM_LABEL}" background="#FFA39E"/>',
        "  </Labels>",
        '  <View style="display: flex; align-items: flex-start; gap: 1em">',
        '    <View style="flex: 3; white-space: pre-wrap">',
        f'      <Text name="{TEXT_NAME}" value="${TEXT_NAME}"/>',
        "    </View>",
        '    <View style="flex: 2; position: sticky; top: 0" visibleWhen="region-selected">',
    ]
    for name, hint in TEXT_FIELDS:
        lines += [
            f'      <Header value={quoteattr(name)} size="6"/>',
            f'      <TextArea name="{name}" toName="{TEXT_NAME}" perRegion="true" editable="true"'
            f' maxSubmissions="1" rows="1" placeholder={quoteattr(hint)}/>',
        ]
    for name, choices in CHOICE_FIELDS:
        lines += [
            f'      <Header value={quoteattr(name)} size="6"/>',
            f'      <Choices name="{name}" toName="{TEXT_NAME}" perRegion="true" choice="single" showInline="true">',
            *(f"        <Choice value={quoteattr(c)}/>" for c in choices),
            "      </Choices>",
        ]
    lines += ["    </View>", "  </View>", "</View>"]
    return "\n".join(lines) + "\n"


# --- export -------------------------------------------------------------------------------------


def _is_null(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def _as_text(name: str, value: object) -> str:
    if name in _FLOAT_FIELDS:
        return repr(float(value))  # type: ignore[arg-type]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def region_id(start: int, end: int, taken: set[str]) -> str:
    """A region id that depends only on the span (so re-exporting the same claims gives the same ids),
    made unique within a task by a suffix.

    >>> taken = set()
    >>> region_id(14, 18, taken), region_id(14, 18, taken)
    ('s14e18', 's14e18_2')
    """
    base = f"s{start}e{end}"
    rid, n = base, 1
    while rid in taken:
        n += 1
        rid = f"{base}_{n}"
    taken.add(rid)
    return rid


def _result(region: tuple[str, int, int], control: str, kind: str, value: dict) -> dict:
    """One Label Studio result of a region (its id and span) for one control."""
    rid, start, end = region
    return {"id": rid, "from_name": control, "to_name": TEXT_NAME, "type": kind, "value": {"start": start, "end": end, **value}}


def claim_results(claims: Iterable[dict], text: str, doc_id: str = "") -> list[dict]:
    """The Label Studio results for one document's claims: per claim a ``labels`` region and one
    ``textarea``/``choices`` result per non-null field, all sharing the region's id.

    >>> claim = {"start": 2, "end": 4, "text": "5%", "value": 5.0, "unit": "percent", "kind": "level"}
    >>> [(r["from_name"], r["value"].get("text"), r["value"].get("choices")) for r in claim_results([claim], "A 5% rise")]
    [('claim', '5%', None), ('value', ['5.0'], None), ('unit', ['percent'], None), ('kind', None, ['level'])]
    """
    results: list[dict] = []
    taken: set[str] = set()
    for claim in sorted(claims, key=lambda c: (int(c["start"]), int(c["end"]))):
        start, end = int(claim["start"]), int(claim["end"])
        span = text[start:end]
        if not 0 <= start < end <= len(text) or span != claim["text"]:
            raise ValueError(
                f"{doc_id or 'document'}: claim {claim['text']!r} at {start}..{end} does not match the text there ({span!r})"
            )
        rid = region_id(start, end, taken)
        region = (rid, start, end)
        results.append(_result(region, LABELS_NAME, "labels", {"text": span, "labels": [CLAIM_LABEL]}))
        for name, _ in TEXT_FIELDS:
            if not _is_null(claim.get(name)):
                results.append(_result(region, name, "textarea", {"text": [_as_text(name, claim[name])]}))
        for name, _ in CHOICE_FIELDS:
            if not _is_null(claim.get(name)):
                results.append(_result(region, name, "choices", {"choices": [str(claim[name])]}))
    return results


def export_tasks(
    pred_by_doc: Mapping[str, list[dict]], texts: Mapping[str, str], model_version: str | None = None
) -> list[dict]:
    """Label Studio tasks, one per document of ``texts`` (in doc_id order), with the document's claims
    from ``pred_by_doc`` as a prediction (documents without claims get an empty one, so that missed
    claims can be added).

    Each task is ``{"data": {"text", "doc_id"}, "predictions": [{"model_version", "result"}]}``;
    ``model_version`` defaults to ``"briefing-claims <version>"``. Raises ``ValueError`` for a claim
    whose text is not ``text[start:end]`` or whose document has no text.

    >>> tasks = export_tasks({"d": [{"start": 2, "end": 4, "text": "5%", "kind": "level"}]}, {"d": "A 5% rise"})
    >>> tasks[0]["data"], tasks[0]["predictions"][0]["model_version"]
    ({'text': 'A 5% rise', 'doc_id': 'd'}, 'briefing-claims ...')
    >>> len(tasks[0]["predictions"][0]["result"])
    2
    """
    missing = sorted(set(pred_by_doc) - set(texts))
    if missing:
        raise ValueError(f"claims for documents without a text: {', '.join(missing[:5])}")
    version = model_version or f"briefing-claims {__version__}"
    tasks = []
    for doc_id in sorted(texts):
        text = texts[doc_id]
        tasks.append(
            {
                "data": {TEXT_NAME: text, "doc_id": doc_id},
                "predictions": [
                    {"model_version": version, "result": claim_results(pred_by_doc.get(doc_id, []), text, doc_id)}
                ],
            }
        )
    return tasks


def read_texts(corpus_dir: Path, doc_ids: Iterable[str]) -> dict[str, str]:
    """The texts of ``doc_ids`` from ``corpus_dir/<doc_id>.txt``, read as ingest reads them (the text
    every offset indexes); a file ingest cannot read raises its ``IngestError``."""
    from pipeline.ingest import decode, read_bytes

    return {doc_id: decode(read_bytes(Path(corpus_dir) / f"{doc_id}.txt")[0], f"{doc_id}.txt") for doc_id in doc_ids}


# --- import -------------------------------------------------------------------------------------


def _timestamp(annotation: dict) -> str:
    return str(annotation.get("updated_at") or annotation.get("created_at") or "")


def latest_annotation(task: dict) -> dict | None:
    """The task's latest annotation (by ``updated_at``, then ``created_at``, then id) that was not
    cancelled (skipped), or None.

    >>> latest_annotation({"annotations": [{"id": 1, "result": []}, {"id": 2, "was_cancelled": True, "result": []}]})["id"]
    1
    """
    done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if not done:
        return None
    return max(done, key=lambda a: (_timestamp(a), a.get("id") or 0))


def _single(values: object, where: str) -> str | None:
    """The one entry of a textarea's ``text`` or a choices' ``choices`` list, stripped; None if empty."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        raise ValueError(f"{where}: expected a list of answers, got {values!r:.80}")
    entries = [str(v).strip() for v in values if str(v).strip()]
    if len(entries) > 1:
        raise ValueError(f"{where}: {len(entries)} answers {entries!r:.120}, expected one")
    return entries[0] if entries else None


def _record(doc_id: str, text: str, rid: str, results: list[dict]) -> dict:
    where = f"{doc_id}: region {rid}"
    span = next((r for r in results if r.get("type") == "labels"), None)
    if span is None:
        raise ValueError(f"{where} has answers ({', '.join(r['from_name'] for r in results)}) but no labelled span")
    value = span.get("value") or {}
    try:
        start, end = int(value["start"]), int(value["end"])
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"{where}: a span without integer start/end offsets: {value!r:.120}") from None
    actual = text[start:end]
    if not 0 <= start < end <= len(text) or ("text" in value and value["text"] != actual):
        raise ValueError(
            f"{where}: span {value.get('text')!r} at {start}..{end} does not match the task text there ({actual!r});"
            " was the task text changed, or are the offsets not character offsets?"
        )
    record: dict = {name: None for name in GOLD_FIELDS}
    record.update(doc_id=doc_id, start=start, end=end, text=actual)
    for r in results:
        name, kind = r.get("from_name"), r.get("type")
        if name not in CONTROL_NAMES or kind not in ("textarea", "choices"):
            continue  # the span itself, or a control this module does not know (ignored)
        answer = _single((r.get("value") or {}).get("text" if kind == "textarea" else "choices", []), f"{where} {name}")
        if answer is not None and name in _FLOAT_FIELDS:
            try:
                record[name] = float(answer.replace(",", ""))
            except ValueError:
                raise ValueError(f"{where}: {name} {answer!r} is not a number") from None
        else:
            record[name] = answer
    return record


def annotation_records(doc_id: str, text: str, result: list[dict]) -> list[dict]:
    """Gold records (``GOLD_FIELDS``, sorted by span) from one annotation's ``result`` list.

    >>> result = [{"id": "r", "from_name": "claim", "type": "labels", "value": {"start": 2, "end": 4, "text": "5%"}},
    ...           {"id": "r", "from_name": "value", "type": "textarea", "value": {"text": ["5.0"]}}]
    >>> r = annotation_records("d", "A 5% rise", result)[0]
    >>> r["text"], r["value"], r["unit"]
    ('5%', 5.0, None)
    """
    groups: dict[str, list[dict]] = {}
    for r in result:
        if r.get("type") == "relation" or "id" not in r:
            continue
        groups.setdefault(str(r["id"]), []).append(r)
    records = [_record(doc_id, text, rid, results) for rid, results in groups.items()]
    records.sort(key=lambda r: (r["start"], r["end"]))
    return records


def import_annotations(export: list[dict]) -> dict[str, list[dict]]:
    """Gold records by doc_id from a Label Studio JSON export (``exportType=JSON``).

    Per task, only the latest annotation that was not cancelled counts; a task without one gives no
    entry (predictions are never gold), an annotation with no spans gives an empty list. Results are
    grouped by region id into records with exactly ``GOLD_FIELDS`` in order (``value``/``value_high``
    floats, empty answers ``None``), sorted by (start, end). Raises ``ValueError`` for a span whose
    text is not ``data.text[start:end]``, an unreadable number, a task without ``doc_id``, or two
    annotated tasks for one document.

    >>> task = {"data": {"text": "A 5% rise", "doc_id": "d"}, "annotations": [{"id": 1, "result": [
    ...     {"id": "r", "from_name": "claim", "type": "labels", "value": {"start": 2, "end": 4, "text": "5%"}},
    ...     {"id": "r", "from_name": "kind", "type": "choices", "value": {"choices": ["level"]}}]}]}
    >>> import_annotations([task, {"data": {"text": "x", "doc_id": "e"}, "annotations": []}])["d"][0]["kind"]
    'level'
    """
    if not isinstance(export, list):
        raise ValueError("a Label Studio JSON export is a list of tasks")
    out: dict[str, list[dict]] = {}
    for n, task in enumerate(export):
        data = task.get("data") or {}
        doc_id, text = data.get("doc_id"), data.get(TEXT_NAME)
        if not doc_id or not isinstance(text, str):
            raise ValueError(f"task {task.get('id', n)}: no data.doc_id or data.{TEXT_NAME}")
        annotation = latest_annotation(task)
        if annotation is None:
            continue
        if doc_id in out:
            raise ValueError(f"{doc_id}: annotated in two tasks; keep one in Label Studio and export again")
        out[doc_id] = annotation_records(doc_id, text, annotation.get("result") or [])
    return out


# --- gold files ---------------------------------------------------------------------------------


def write_gold(
    records_by_doc: Mapping[str, list[dict]],
    gold_dir: Path,
    overwrite: bool = False,
    *,
    texts: Mapping[str, str] | None = None,
    corpus_dir: Path = Path("corpora/briefings"),
) -> list[str]:
    """Write ``gold_dir/<doc_id>.jsonl`` for every document (atomically, one file at a time) and return
    the problems :func:`pipeline.gold.check_records` finds in them (the files are written even so,
    so that no review is lost; fix and re-check with ``claims gold check``).

    Raises ``FileExistsError`` before writing anything if a file exists and ``overwrite`` is false.
    The check reads each document's text from ``texts`` or else from ``corpus_dir/<doc_id>.txt``.
    """
    from pipeline.gold import check_records, gold_lines
    from pipeline.write import atomic_write_text

    gold_dir = Path(gold_dir)
    existing = sorted(doc_id for doc_id in records_by_doc if (gold_dir / f"{doc_id}.jsonl").exists())
    if existing and not overwrite:
        raise FileExistsError(
            f"{gold_dir}: gold exists for {len(existing)} document(s) ({', '.join(existing[:3])}"
            f"{', …' if len(existing) > 3 else ''}); pass overwrite=True to replace"
        )
    problems: list[str] = []
    for doc_id in sorted(records_by_doc):
        records = records_by_doc[doc_id]
        target = gold_dir / f"{doc_id}.jsonl"
        atomic_write_text(target, gold_lines(records))
        text = texts[doc_id] if texts is not None and doc_id in texts else None
        if text is None:
            doc = Path(corpus_dir) / f"{doc_id}.txt"
            if not doc.exists():
                problems.append(f"{target}: no corpus text {doc} to check against")
                continue
            text = read_texts(Path(corpus_dir), [doc_id])[doc_id]
        problems.extend(check_records(doc_id, text, list(records), str(target)))
    return problems
