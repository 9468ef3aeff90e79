"""Stage 6 — assemble: one claim record per quantity.

The speaker comes from the turn holding the quantity; ``metric`` (what the number measures) and
``counted`` (what a count counts) from spaCy's dependency parse: the noun a count modifies, or the
subject of the verb the quantity hangs from ("the added value of industries … grew by 3.6%").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_right

from pipeline import __version__
from pipeline.records import Claim, NormalisedQuantity, Sentence, SpeakerTurn

_DROP_DEPS = frozenset({"det", "poss", "punct", "relcl", "appos", "advmod", "cc", "preconj", "predet", "nummod",
                        "quantmod", "case", "mark", "aux", "auxpass", "neg", "acl", "advcl", "dep", "npadvmod"})
_CLASSIFIERS = frozenset({"unit", "set", "piece", "dose", "tablet", "bottle", "kind", "type", "batch", "item",
                          "copy", "pair", "seat", "time", "case"})
_STOP_LEADING = re.compile(r"^(?:the|a|an|its|their|our|his|her|this|these|those|such)\s+", re.IGNORECASE)
_MAX_METRIC_TOKENS = 12
_PRONOUNS = frozenset({"it", "they", "which", "that", "this", "these", "those", "we", "i", "you", "he", "she", "who"})


def _span_tokens(sdoc, start: int, end: int):
    return [t for t in sdoc if t.idx < end and t.idx + len(t) > start]


def _head_token(tokens):
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[-1]


def _phrase(token, exclude: set[int], *, conjuncts: bool = True) -> str:
    """A compact noun phrase around ``token``: modifiers and 'of …' attachments, no clauses."""
    keep: dict[int, object] = {}

    def visit(tok, depth: int) -> None:
        if tok.i in exclude:
            return
        if tok.i != token.i and (tok.dep_ in _DROP_DEPS or (not conjuncts and tok.dep_ == "conj")):
            return
        keep[tok.i] = tok
        for child in tok.children:
            if depth > 3:
                break
            if child.dep_ == "prep" and child.lower_ not in ("of", "in", "for", "above", "from", "on", "per", "with"):
                continue
            visit(child, depth + 1)

    visit(token, 0)
    doc = token.doc
    # hyphens and possessive markers between kept words stay ("high-tech", "China's")
    for i in list(keep):
        for j in (i + 1,):
            if j + 1 in keep and j < len(doc) and doc[j].text in ("-", "'s", "’s", "/"):
                keep[j] = doc[j]
        if i + 1 < len(doc) and doc[i + 1].text in ("'s", "’s") and i + 1 not in keep:
            keep[i + 1] = doc[i + 1]
    ordered = [keep[i] for i in sorted(keep)][:_MAX_METRIC_TOKENS]
    parts = []
    for k, tok in enumerate(ordered):
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        parts.append(tok.text + (tok.whitespace_ if nxt is not None and nxt.i == tok.i + 1 else " "))
    text = "".join(parts).strip()
    text = _STOP_LEADING.sub("", text)
    text = re.sub(r"\s+(?:of|in|for|above|from|on|per|with)$", "", text)
    return text.strip(" ,")


def metric_and_counted(sentence: Sentence, q: NormalisedQuantity) -> tuple[str | None, str | None]:
    """(metric, counted) for a quantity, from its sentence's parse; (None, None) without a parse."""
    sdoc = sentence.doc
    if sdoc is None:
        return None, None
    start, end = q.mention.start - sentence.start, q.mention.end - sentence.start
    tokens = _span_tokens(sdoc, start, end)
    if not tokens:
        return None, None
    exclude = {t.i for t in tokens}
    anchor = _head_token(tokens)
    counted = None
    # a count: "22 national manufacturing innovation centers"
    if anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and anchor.head.pos_ in ("NOUN", "PROPN") and anchor.head.i not in exclude:
        noun = anchor.head
        if noun.lemma_.lower() in _CLASSIFIERS:
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if obj is not None:
                noun = obj
        phrase = _phrase(noun, exclude, conjuncts=False)
        if q.unit == "count":
            counted = _counted(noun)
        if phrase and q.unit == "count":
            return phrase, counted
        if phrase and q.unit not in ("percent", "percentage_point", "times") and noun.dep_ not in ("pobj",):
            return phrase, counted
    # climb to the verb and take its subject: "X grew by 3.6%", "X accounted for 27.7%"
    node = anchor
    for _ in range(8):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT":
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.lower_ not in _PRONOUNS and subject.i not in exclude:
                phrase = _phrase(subject, exclude)
                if phrase:
                    if q.unit == "count" and counted is None:
                        counted = _counted(subject)
                    return phrase, counted
            if node.dep_ not in ("advcl", "conj", "xcomp", "ccomp", "pcomp", "acl", "relcl"):
                break
    # fallback: the noun chunk right before the quantity
    chunks = [c for c in sdoc.noun_chunks if c.end <= tokens[0].i and c.root.lower_ not in _PRONOUNS]
    if chunks:
        chunk = chunks[-1]
        phrase = _phrase(chunk.root, exclude)
        if phrase:
            return phrase, counted or (_counted(chunk.root) if q.unit == "count" else None)
    return None, counted


def _counted(noun) -> str:
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod") and not c.like_num and c.i < noun.i]
    words = [c.text.lower() for c in sorted(mods, key=lambda c: c.i)] + [noun.lemma_.lower()]
    return " ".join(words)


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def assemble(
    doc_id: str, turns: list[SpeakerTurn], sentences: list[Sentence], quantities: list[NormalisedQuantity]
) -> list[Claim]:
    """Claim records in text order."""
    starts = [t.start for t in turns]
    claims = []
    for q in quantities:
        m = q.mention
        i = bisect_right(starts, m.start) - 1
        turn = turns[i] if i >= 0 and turns[i].start <= m.start < turns[i].end else None
        sentence = sentences[m.sentence_index]
        metric, counted = metric_and_counted(sentence, q)
        entities = [[label, text] for label, text, _, _ in sentence.entities()]
        claims.append(
            Claim(
                doc_id=doc_id,
                start=m.start,
                end=m.end,
                text=m.text,
                value=q.value,
                value_high=q.value_high,
                unit=q.unit,
                counted=counted if q.unit == "count" else None,
                qualifier=q.qualifier,
                kind=q.kind,
                direction=q.direction,
                modality=q.modality,
                time_start=_iso(q.period.start) if q.period else None,
                time_end=_iso(q.period.end) if q.period else None,
                speaker=turn.speaker if turn else None,
                speaker_role=turn.speaker_role if turn else "narrator",
                metric=metric,
                turn_index=turn.turn_index if turn else None,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                entities=json.dumps(entities, ensure_ascii=False),
                pipeline_version=__version__,
            )
        )
    return claims
