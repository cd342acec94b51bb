"""Turtle blocks: of any subject (:func:`block`) and of an article's text spans (the bulk of the files).

At 10 MB of news an export has about half a million spans, each a block of
seven to nine triples, so this is the writers' hottest loop.  The three kinds
every graph from :func:`kg.graph.build_graph` has (a mention denoting an
entity, a piece of evidence, a sentence) are each formatted by one f-string
over predicate text computed once per article; anything else (a span that is
both a mention and a sentence, a file offset that differs from the article
offset, several source files, an offset that is not an ``int``) takes the
general path, which builds the same text part by part.  Both paths give the
same bytes for the same span.
"""

from __future__ import annotations

from collections.abc import Collection
from operator import itemgetter
from typing import Any

from .terms import escape_lexical

__all__ = ["SpanRecord", "dict_span", "add_sentence", "SpanTerms", "span_blocks", "objects_text", "block", "A", "Preds"]

#: A subject's description: predicate term -> one object term, or a set of them.
Preds = dict[str, str | set[str]]

A = "\x00a"  # key of rdf:type in a predicate map: sorts first, written as "a"


class SpanRecord:
    """What an article's span is: a mention or evidence, a sentence, the entity terms it denotes.

    ``ev`` is the evidence the span was first met in (an evidence dict of the
    graph, or a :class:`kg.model.Evidence`), None for a span that is only a
    sentence; the fields :func:`span_blocks` writes are copied out of it
    (``text``, ``source``, ``source_start``/``source_end`` as ``f0``/``f1``,
    ``sentence_start``/``sentence_end`` as ``s0``/``s1``), so one formatter
    serves both kinds.  The fields keep whatever value the evidence held
    (a loaded graph may hold anything): the formatter checks.  ``sentence``
    is the span's text as a sentence (None if it is not one); ``denotes`` is
    one entity term (a ``str``, the usual case: no set per span), a set of
    two or more, or None.
    """

    __slots__ = ("ev", "text", "source", "f0", "f1", "s0", "s1", "sentence", "denotes")

    def __init__(self, ev: object, text: Any, source: Any, f0: Any, f1: Any, s0: Any, s1: Any,
                 sentence: str | None, denotes: str | set[str] | None) -> None:
        self.ev, self.text, self.source, self.f0, self.f1, self.s0, self.s1 = ev, text, source, f0, f1, s0, s1
        self.sentence, self.denotes = sentence, denotes

    def set_evidence(self, ev: object, text: Any, source: Any, f0: Any, f1: Any, s0: Any, s1: Any) -> None:
        """A span first met as a sentence is also evidence."""
        self.ev, self.text, self.source, self.f0, self.f1, self.s0, self.s1 = ev, text, source, f0, f1, s0, s1


def dict_span(ev: dict | None, sentence: str | None, denotes: str | set[str] | None) -> SpanRecord:
    """The :class:`SpanRecord` of an evidence dict (graph contract, :mod:`kg.graph`), or of no evidence."""
    if ev is None:
        return SpanRecord(None, None, None, None, None, None, None, sentence, denotes)
    return SpanRecord(ev, ev.get("text"), ev.get("source"), ev.get("source_start"), ev.get("source_end"),
                      ev.get("sentence_start"), ev.get("sentence_end"), sentence, denotes)


def add_sentence(spans: dict[tuple[int, int], SpanRecord], s0: Any, s1: Any, sentence: str | None) -> bool:
    """Record the sentence ``(s0, s1)`` of newly met evidence as a span of its article (once).

    False if the span was a sentence already with another text (never in a
    build: the collector from records then falls back, see kg.rdf.records).
    """
    if s0 is not None and s1 is not None and s0 < s1:
        skey = (s0, s1)
        srec = spans.get(skey)
        text = sentence or ""
        if srec is None:
            spans[skey] = SpanRecord(None, None, None, None, None, None, None, text, None)
        elif srec.sentence is None:
            srec.sentence = text
        elif srec.sentence != text:
            return False
    return True


def objects_text(objs: Collection[str], indent: str) -> str:
    """Several objects of one predicate, sorted: on one line, or one per line when long."""
    if len(objs) == 1:
        return next(iter(objs))
    ordered = sorted(objs) if isinstance(objs, set) else sorted(set(objs))  # a set needs no copy
    text = ", ".join(ordered)
    return text if len(text) <= 100 else (",\n" + indent + "        ").join(ordered)


def block(s: str, preds: Preds, indent: str = "") -> str:
    """The Turtle block of one subject (without the blank line after it).

    ``preds`` maps predicate terms to one object term (a ``str``) or a
    collection of them; the type predicate is the key :data:`A`, which sorts first.
    """
    parts: list[str] = []
    for p in sorted(preds):
        objs = preds[p]
        text = objs if isinstance(objs, str) else objects_text(objs, indent)
        parts.append(f"{'a' if p == A else p} {text}")
    pad = indent + "    "
    return f"{indent}{s}\n{pad}" + (" ;\n" + pad).join(parts) + " ."


class SpanTerms:
    """The predicate and class terms of a span block, in the order :func:`kg.rdf.index.block` sorts them."""

    def __init__(self, text_span: str, sentence_class: str, denotes: str, source_begin: str, source_end: str,
                 source_file: str, anchor: str, begin: str, end: str, context: str, sentence: str,
                 nonneg: str) -> None:
        order = (denotes, source_begin, source_end, source_file, anchor, begin, end, context, sentence)
        if list(order) != sorted(order):  # the blocks below are written in this order
            raise AssertionError("span predicates are not in sorted order; update kg.rdf.spans")
        self.text_span, self.sentence_class = text_span, sentence_class
        self.denotes, self.source_begin, self.source_end, self.source_file = denotes, source_begin, source_end, source_file
        self.anchor, self.begin, self.end, self.context, self.sentence = anchor, begin, end, context, sentence
        self.nonneg = nonneg
        self.types = {(True, False): "a " + text_span, (False, True): "a " + sentence_class,
                      (True, True): "a " + ", ".join(sorted((text_span, sentence_class)))}
        # Fixed text between the variable parts of the three usual blocks.
        sep = " ;\n    "
        self.mention_head = f">\n    a {text_span}{sep}{denotes} "
        self.evidence_head = f">\n    a {text_span}{sep}{source_begin} \""
        self.after_denotes = f"{sep}{source_begin} \""
        self.after_source = f'"^^{nonneg}{sep}{anchor} "'
        self.after_anchor = f'"{sep}{begin} "'
        self.after_begin = f'"^^{nonneg}{sep}{end} "'
        self.after_end = f'"^^{nonneg}'
        self.sentence_ref = f"{sep}{sentence} "
        self.sentence_head = f">\n    a {sentence_class}{sep}{anchor} \""


def span_blocks(spans: dict[tuple[int, int], SpanRecord], art_term: str, one_file: str | None,
                t: SpanTerms) -> list[str]:
    """The Turtle blocks (no indent) of one article's spans, by offsets.

    ``art_term`` is the article's IRI term (``<…>``); ``one_file`` its source
    file when it has exactly one (a span's ``kgo:sourceFile`` is then implied).
    """
    head = art_term[:-1] + "#char="
    tail = f" ;\n    {t.context} {art_term}"
    mention_head, evidence_head, after_denotes = t.mention_head, t.evidence_head, t.after_denotes
    after_source, after_anchor, after_begin = t.after_source, t.after_anchor, t.after_begin
    after_end_tail, sentence_ref, sentence_head = t.after_end + tail, t.sentence_ref + head, t.sentence_head
    out: list[str] = []
    append = out.append
    for key, rec in sorted(spans.items(), key=itemgetter(0)):
        sentence, denotes = rec.sentence, rec.denotes
        k0, k1 = key
        if k0.__class__ is int and k1.__class__ is int:
            if rec.ev is None:
                if sentence is not None and not denotes:
                    append(f"{head}{k0},{k1}{sentence_head}{escape_lexical(sentence)}"
                           f"{after_anchor}{k0}{after_begin}{k1}{after_end_tail} .")
                    continue
            elif sentence is None and (denotes is None or denotes.__class__ is str):
                f0, f1, f = rec.f0, rec.f1, rec.source
                s0, s1 = rec.s0, rec.s1
                if (f0.__class__ is int and (f1 is None or (f1.__class__ is int and f1 - f0 == k1 - k0))
                        and (not f or (f.__class__ is str and f == one_file))
                        and s0.__class__ is int and s1.__class__ is int and s0 < s1):
                    text = escape_lexical(rec.text or "")
                    if denotes is not None:
                        append(f"{head}{k0},{k1}{mention_head}{denotes}{after_denotes}{f0}{after_source}{text}"
                               f"{after_anchor}{k0}{after_begin}{k1}{after_end_tail}{sentence_ref}{s0},{s1}> .")
                    else:
                        append(f"{head}{k0},{k1}{evidence_head}{f0}{after_source}{text}"
                               f"{after_anchor}{k0}{after_begin}{k1}{after_end_tail}{sentence_ref}{s0},{s1}> .")
                    continue
        append(_general_block(head, tail, key, rec, one_file, t))
    return out


def _general_block(head: str, tail: str, key: tuple[int, int], rec: SpanRecord, one_file: str | None,
                   t: SpanTerms) -> str:
    """Any span, part by part.

    A span is ``a kgo:TextSpan`` (a mention or evidence: ``kgo:denotes``,
    ``nif:sentence``, ``kgo:sourceBeginIndex``) and/or ``a nif:Sentence``;
    both have ``nif:anchorOf``, ``nif:beginIndex``, ``nif:endIndex`` and
    ``nif:referenceContext``.  What the article already says is not
    repeated: ``kgo:sourceFile`` only when the article has several files,
    ``kgo:sourceEndIndex`` only when the text in the file is not as long as
    the span (page-break repair).
    """
    nn = t.nonneg
    sentence, denotes = rec.sentence, rec.denotes
    parts = [t.types[(rec.ev is not None, sentence is not None)]]
    if denotes is not None:
        parts.append(f"{t.denotes} {denotes if isinstance(denotes, str) else objects_text(denotes, '')}")
    s0 = s1 = None
    if rec.ev is not None:
        a = '"' + escape_lexical(rec.text or "") + '"'
        s0, s1 = rec.s0, rec.s1
        f0 = rec.f0
        if f0 is not None:
            parts.append(f'{t.source_begin} "{int(f0)}"^^{nn}')
            f1 = rec.f1
            if f1 is not None and int(f1) - int(f0) != key[1] - key[0]:
                parts.append(f'{t.source_end} "{int(f1)}"^^{nn}')
        f = rec.source
        if f and str(f) != one_file:
            parts.append(f'{t.source_file} "{escape_lexical(str(f))}"')
        anchors = a if sentence is None else objects_text({a, '"' + escape_lexical(sentence) + '"'}, "")
        parts.append(f"{t.anchor} {anchors}")
    else:
        parts.append(f'{t.anchor} "{escape_lexical(sentence or "")}"')
    parts.append(f'{t.begin} "{int(key[0])}"^^{nn}')
    parts.append(f'{t.end} "{int(key[1])}"^^{nn}{tail}')
    if s0 is not None and s1 is not None and int(s0) < int(s1):
        parts.append(f"{t.sentence} {head}{int(s0)},{int(s1)}>")
    return f"{head}{key[0]},{key[1]}>\n    " + " ;\n    ".join(parts) + " ."
