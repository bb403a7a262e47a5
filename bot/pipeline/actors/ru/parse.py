"""natasha's reading of a text: sentences (cut at line breaks), named spans, morphology and syntax."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.pipeline.actors.ru.models import load_models

# The tokenizer cuts "и. о." into four tokens the parser cannot read: natasha reads the one word it stands for,
# "врио", written in the same number of characters so that every offset is still the text's.
_ACTING_ABBREVIATION = re.compile(r"(?<![\w.])[иИ]\.\s?[оО]\.")


def parse(text: str) -> Any:
    """natasha's Doc of `text`: its sentences, one line at most each, their named spans, morphology and syntax."""
    from natasha import Doc
    from natasha.doc import DocSent

    models = load_models()
    doc = Doc(_ACTING_ABBREVIATION.sub(lambda m: (m.group()[0] + "рио").lower().ljust(len(m.group())), text))
    doc.segment(models.segmenter)
    # A sentence ends at a line break: razdel runs a headline without a full stop into the story's first sentence,
    # and the parser then reads the two as one.
    doc.sents = [
        DocSent(sent.start + a, sent.start + b, sent.text[a:b])
        for sent in doc.sents
        for a, b in _lines(sent.text)
    ]
    doc.envelop_sent_tokens()
    doc.tag_ner(models.ner)
    # So does a name ("Аткинса\n\nДиета Аткинса" is two); a span across a line would fit no sentence.
    doc.spans = [piece for span in doc.spans for piece in _cut_at_lines(span, text)]
    doc.envelop_sent_spans()
    doc.tag_morph(models.morph)
    doc.parse_syntax(models.syntax)
    return doc  # names are normalized piece by piece (find_mentions), people by person_name


def _lines(text: str) -> list[tuple[int, int]]:
    """Where the lines of `text` that hold a word begin and end."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _cut_at_lines(span: Any, text: str) -> list[Any]:
    """The span, or its pieces on each line."""
    if "\n" not in span.text:
        return [span]
    groups: list[list[Any]] = [[]]
    for t in span.tokens:
        if groups[-1] and "\n" in text[groups[-1][-1].stop : t.start]:
            groups.append([])
        groups[-1].append(t)
    return [piece(span.type, group, text) for group in groups if group]


def piece(type_: str, tokens: Sequence[Any], text: str, stop: int | None = None) -> Any:
    """A span of these tokens, as natasha builds one (its text may run on to `stop`)."""
    from natasha.doc import DocSpan

    start, stop = tokens[0].start, stop or tokens[-1].stop
    return DocSpan(start, stop, type_, text[start:stop], tokens=list(tokens))
