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
from pipeline.annotate import lemma
from pipeline.records import Claim, Document, NormalisedQuantity, Sentence, SpeakerTurn

# what a noun phrase keeps: modifiers, "of …"-style attachments and short clauses ("that focus on …",
# "carried out by …"); it drops determiners, appositions, parentheses and other numbers
_DROP_DEPS = frozenset(
    {
        "det",
        "poss",
        "punct",
        "appos",
        "advmod",
        "cc",
        "preconj",
        "predet",
        "nummod",
        "quantmod",
        "case",
        "mark",
        "aux",
        "auxpass",
        "neg",
        "dep",
        "parataxis",
    }
)
_KEEP_PREPS = frozenset({"of", "in", "for", "above", "from", "on", "per", "with", "by", "among", "to", "at"})
_CLASSIFIERS = frozenset(
    {
        "unit",
        "set",
        "piece",
        "dose",
        "tablet",
        "bottle",
        "kind",
        "type",
        "batch",
        "item",
        "copy",
        "pair",
        "seat",
        "time",
        "case",
    }
)
_STOP_LEADING = re.compile(r"^(?:the|a|an|its|their|our|his|her|this|these|those|such|all)\s+", re.IGNORECASE)
_MAX_METRIC_TOKENS = 14
_PRONOUNS = frozenset(
    {"it", "they", "them", "which", "that", "this", "these", "those", "we", "i", "you", "he", "she", "who", "one", "us"}
)
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# like textacy's NUMERIC_ENT_TYPES: entity types that hold numbers or dates
_NUMERIC_ENTITIES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})
_CONTRIBUTE_VERBS = frozenset({"contribute", "account", "drive", "lift", "boost", "add", "pull"})


def _span_tokens(sdoc, start: int, end: int):
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _head_token(tokens):
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[-1]


def _render(tokens) -> str:
    doc_tokens = sorted(tokens, key=lambda t: t.i)[:_MAX_METRIC_TOKENS]
    parts = []
    for k, tok in enumerate(doc_tokens):
        nxt = doc_tokens[k + 1] if k + 1 < len(doc_tokens) else None
        parts.append(tok.text + (tok.whitespace_ if nxt is not None and nxt.i == tok.i + 1 else " "))
    text = "".join(parts).strip()
    if not re.search(r"[A-Za-z]{2}", text):
        return ""  # "%", "5": not a phrase
    text = _STOP_LEADING.sub("", text)
    text = re.sub(r"\s+(?:of|in|for|above|from|on|per|with|by|among|to|at|and|or)$", "", text)
    return text.strip(" ,")


def _phrase_tokens(token, exclude: set[int], *, conjuncts: bool = True, clauses: bool = True) -> list:
    """Tokens of a compact noun phrase around ``token``."""
    keep: dict[int, object] = {}

    def visit(tok, depth: int) -> None:
        if tok.i in exclude or len(keep) >= _MAX_METRIC_TOKENS:
            return
        if tok.i != token.i:
            if tok.dep_ in _DROP_DEPS or (not conjuncts and tok.dep_ in ("conj", "cc")):
                return
            if not clauses and tok.dep_ in ("relcl", "acl", "advcl") and not _bare_participle(tok):
                return
            if (tok.like_num or tok.text in ("%", "percent")) and not _glued_name(tok):
                return
            if _numeric(tok):
                return  # other figures and dates in the phrase are not what is measured
        keep[tok.i] = tok
        for child in tok.children:
            if depth > 4:
                break
            if child.dep_ == "prep" and child.lower_ not in _KEEP_PREPS:
                continue
            visit(child, depth + 1)

    visit(token, 0)
    doc = token.doc
    # hyphens and possessive markers between kept words stay ("high-tech", "China's")
    for i in list(keep):
        j = i + 1
        if j + 1 in keep and j < len(doc) and doc[j].text in ("-", "/"):
            keep[j] = doc[j]
        if j < len(doc) and doc[j].text in ("'s", "’s") and j not in keep:
            keep[j] = doc[j]
    return list(keep.values())


def _bare_participle(tok) -> bool:
    """'value added (of X)', 'investment made': a participle right after its noun."""
    return (
        tok.tag_ in ("VBN", "VBD")
        and tok.i == tok.head.i + 1
        and all(c.dep_ in ("prep", "advmod") for c in tok.children)
    )


def _numeric(tok) -> bool:
    return bool(tok.like_num or tok.ent_type_ in _NUMERIC_ENTITIES or re.search(r"\d", tok.text)) and not _glued_name(
        tok
    )


def _glued_name(tok) -> bool:
    """'5G', '4G': a number written together with letters is part of a name."""
    doc = tok.doc
    return tok.whitespace_ == "" and tok.i + 1 < len(doc) and doc[tok.i + 1].is_alpha


def _phrase(token, exclude: set[int], **kwargs) -> str:
    return _render(_phrase_tokens(token, exclude, **kwargs))


def _pick_conjunct(subject, position: int, size: int):
    """'The A and B accounted for 15.1% and 32.4% respectively', 'FDI from Korea, the US, Japan and
    Germany rose by …': the i-th figure goes with the i-th of the listed nouns. Returns the phrase
    head and the tokens (the other conjuncts' subtrees) to leave out."""
    if size < 2:
        return subject, set()
    for tok in subject.subtree:
        conjuncts = [tok, *tok.conjuncts]
        if tok.dep_ != "conj" and len(conjuncts) == size:
            chosen = conjuncts[min(position, size - 1)]
            subtrees = {c.i: {t.i for t in c.subtree} for c in conjuncts}
            own = {
                c.i: subtrees[c.i]
                - set().union(*(subtrees[o.i] for o in conjuncts if o.i != c.i and o.i in subtrees[c.i]))
                for c in conjuncts
            }
            others = set().union(*(own[c.i] for c in conjuncts if c.i != chosen.i))
            others |= {t.i for t in tok.doc if t.dep_ == "cc" and t.head.i in {c.i for c in conjuncts}}
            if tok.i == subject.i:
                return chosen, others
            return subject, others
    return subject, set()


def _of_object(token):
    """'140 million tons of steel', '60% of little giants': the thing measured."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _verb_words(verb) -> list:
    """A verb with its particle ("set up", "cleaned up")."""
    return [verb, *[c for c in verb.children if c.dep_ == "prt"]]


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
    # 1. a count of something: "22 national manufacturing innovation centers (established)"
    if (
        anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod")
        and anchor.head.pos_ in ("NOUN", "PROPN")
        and anchor.head.i not in exclude
        and q.unit in ("count", "rank", "other")
    ):
        noun = anchor.head
        if lemma(noun).lower() in _CLASSIFIERS:
            obj = _of_object(noun)
            noun = obj if obj is not None else noun
        words = _phrase_tokens(noun, exclude, conjuncts=False)
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
            words += [w for w in _verb_words(noun.head) if w.i not in {t.i for t in words}]
        return _render(words) or None, _counted(noun) if q.unit == "count" else None
    # 2. the figure is the subject: "more than 60% of little giants are engaged in the basic field"
    of_obj = _of_object(anchor)
    if anchor.dep_ in _SUBJECTS and of_obj is not None and not of_obj.like_num:
        words = _phrase_tokens(of_obj, exclude, clauses=False)
        verb = anchor.head
        words += [
            verb,
            *[
                t
                for c in verb.children
                if c.dep_ in ("prep", "dobj", "attr", "acomp", "prt", "xcomp")
                for t in _phrase_tokens(c, exclude | {anchor.i}, clauses=False)
            ],
        ]
        return _render(words) or None, _counted(of_obj) if q.unit == "count" else None
    # 3. climb to the verb and take its subject: "X grew by 3.6%", "X accounted for 27.7% of GDP"
    node = anchor
    for _ in range(8):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT":
            subject = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
            if subject is None and node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
                subject = node.head  # "with the output of X increasing by 16.3%": X's output
            if subject is not None and (subject.like_num or subject.i in exclude or subject.text == "%"):
                subject = None
            if subject is not None and subject.lower_ not in _PRONOUNS and subject.i not in exclude:
                subject, others = _pick_conjunct(subject, q.list_position, q.list_size)
                words = _phrase_tokens(subject, exclude | others, clauses=False)
                if of_obj is not None and q.unit in ("percent", "percentage_point"):
                    words += _phrase_tokens(of_obj, exclude | others, clauses=False)
                if lemma(node) in _CONTRIBUTE_VERBS:
                    # "Industry contributed 36 percent to economic growth"
                    words.append(node)
                    for prep in node.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("to", "for"):
                            words += [
                                t
                                for obj in prep.children
                                if obj.dep_ == "pobj"
                                for t in _phrase_tokens(obj, exclude | others, clauses=False)
                            ]
                if len(words) <= 2 and node.pos_ == "VERB" and lemma(node) not in _CONTRIBUTE_VERBS:
                    # a short subject says little on its own: "Banks settled foreign exchange …",
                    # "China exported US$40.9 billion to Angola"
                    words.append(node)
                    for child in node.children:
                        if child.dep_ == "dobj" and child.i not in exclude and not child.like_num and child.text != "%":
                            words += _phrase_tokens(child, exclude | others, clauses=False)
                        elif child.dep_ == "prep" and child.lower_ in ("to", "from", "in", "of"):
                            words += [
                                t
                                for obj in child.children
                                if obj.dep_ == "pobj" and obj.i not in exclude and not _numeric(obj)
                                for t in _phrase_tokens(obj, exclude | others, clauses=False)
                            ]
                if words:
                    return _render(words), _counted(subject) if q.unit == "count" else None
            if subject is not None and subject.lower_ in _PRONOUNS and node.pos_ == "VERB":
                # "we have cleaned up 140 million tons of substandard steel": the object and the verb
                if of_obj is not None:
                    return _render(_phrase_tokens(of_obj, exclude, clauses=False) + _verb_words(node)), None
            if node.dep_ not in ("advcl", "conj", "xcomp", "ccomp", "pcomp", "acl", "relcl", "prep", "pobj"):
                break
    if of_obj is not None:
        return _phrase(of_obj, exclude, clauses=False) or None, _counted(of_obj) if q.unit == "count" else None
    # 4. fallback: the noun chunk right before the quantity
    chunks = [c for c in sdoc.noun_chunks if c.end <= tokens[0].i and c.root.lower_ not in _PRONOUNS]
    if chunks:
        chunk = chunks[-1]
        phrase = _phrase(chunk.root, exclude, clauses=False)
        if phrase:
            return phrase, _counted(chunk.root) if q.unit == "count" else None
    return None, None


def _counted(noun) -> str:
    mods = [
        c
        for c in noun.children
        if c.dep_ in ("compound", "amod") and c.i < noun.i and not (c.like_num and c.dep_ != "compound")
    ]
    words = [c.text.lower() for c in sorted(mods, key=lambda c: c.i)] + [lemma(noun).lower()]
    return " ".join(words)


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def assemble(
    doc: Document, turns: list[SpeakerTurn], sentences: list[Sentence], quantities: list[NormalisedQuantity]
) -> list[Claim]:
    """Claim records in text order; their offsets and text are the stored text's (``doc.raw``)."""
    starts = [t.start for t in turns]
    claims = []
    entities_of: dict[int, str] = {}  # per sentence: a sentence with many figures is read once
    for q in quantities:
        m = q.mention
        i = bisect_right(starts, m.start) - 1
        turn = turns[i] if i >= 0 and turns[i].start <= m.start < turns[i].end else None
        sentence = sentences[m.sentence_index]
        metric, counted = metric_and_counted(sentence, q)
        if m.cell is not None:
            # a table's value measures what its caption and row name ("euro area annual inflation, energy")
            metric, counted = ", ".join(p for p in (m.cell.caption, m.cell.row) if p).lower() or metric, None
        if m.sentence_index not in entities_of:
            pairs = [[label, text] for label, text, _, _ in sentence.entities()]
            entities_of[m.sentence_index] = json.dumps(pairs, ensure_ascii=False)
        start, end = doc.raw_span(m.start, m.end)
        sentence_start, sentence_end = doc.raw_span(sentence.start, sentence.end)
        claims.append(
            Claim(
                doc_id=doc.doc_id,
                start=start,
                end=end,
                text=doc.raw[start:end],
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
                time_reason=q.time_reason,
                turn_index=turn.turn_index if turn else None,
                sentence_start=sentence_start,
                sentence_end=sentence_end,
                entities=entities_of[m.sentence_index],
                pipeline_version=__version__,
            )
        )
    return claims
