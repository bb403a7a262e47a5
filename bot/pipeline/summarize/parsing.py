"""The dependency parse of a few chosen English sentences: spaCy's parser from the model the actors load.

Only the sentences a digest may show are parsed (a few milliseconds), once each, however often the summarizer
asks (broken.is_broken, attribution.py and compress.py read the parse).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from bot.pipeline.summarize.attribution import without_attribution
from bot.pipeline.summarize.broken import is_broken
from bot.pipeline.summarize.compress import compress
from bot.pipeline.summarize.points import clean_point, trim_point
from bot.pipeline.summarize.wordmodel import WordValue

PARSED_LANGUAGES = frozenset({"en"})  # English has a parser; other languages' sentences are taken as they are
# A sentence longer than this (a paragraph the splitter could not cut) is cut to a point's length before it is
# parsed, so no parse costs more than a few milliseconds.
MAX_PARSED_CHARS = 1_000
# The parse needs these components of the English model (the NER model carries them, disabled).
_PARSE_COMPONENTS = ("tok2vec", "tagger", "parser")


@cache
def _parser() -> tuple[Any, tuple[Any, ...]] | None:
    """The English model's tokenizer and parse components. It is the model the actors load, loaded once; its
    tagger and parser run here by hand on a few sentences, and what the actors' pipeline runs is not changed."""
    from bot.pipeline.actors.ner import load_ner

    try:
        nlp = load_ner()
    except RuntimeError:
        return None
    return nlp, tuple(nlp.get_pipe(name) for name in _PARSE_COMPONENTS)


def parse(texts: Sequence[str]) -> list[Any] | None:
    """Each text as a parsed spaCy Doc, or None without an English model."""
    loaded = _parser()
    if loaded is None:
        return None
    nlp, components = loaded
    docs = [nlp.make_doc(t) for t in texts]
    for component in components:
        docs = list(component.pipe(docs))
    return docs


def for_parse(sentence: str) -> str:
    """The sentence as a point is made of it (clean_point), cut to a point's length first if it is very long."""
    cleaned = clean_point(sentence)
    return cleaned if len(cleaned) <= MAX_PARSED_CHARS else trim_point(cleaned)


class ParseCache:
    """Parses of the sentences a digest looks at, each made once."""

    def __init__(self, *, cased: bool = True) -> None:
        self._docs: dict[str, Any] = {}
        self._missing = False
        self._cased = cased  # the text's sentences start with a capital (broken.is_broken)

    def docs(self, texts: Sequence[str]) -> list[Any] | None:
        """The texts' parses, or None without an English model."""
        new = [t for t in dict.fromkeys(texts) if t not in self._docs]
        if new and not self._missing:
            parsed = parse(new)
            if parsed is None:
                self._missing = True
            else:
                self._docs.update(zip(new, parsed, strict=True))
        if self._missing:
            return None
        return [self._docs[t] for t in texts]

    def reject(self, texts: list[str]) -> list[bool]:
        """Which of the texts are broken sentences, never points (none without a parser)."""
        docs = self.docs([for_parse(t) for t in texts])
        return [False] * len(texts) if docs is None else [is_broken(d, cased=self._cased) for d in docs]

    def compressed(self, points: list[str], value: WordValue) -> list[str]:
        """The points with the cuts that raise their expected F1 (compress.py); a point cut short keeps what it
        has."""
        docs = self.docs(points)
        if docs is None:
            return points
        return compress(
            points, [None if p.endswith("…") else d for p, d in zip(points, docs, strict=True)], value
        )

    def without_attribution(self, points: list[str]) -> list[str]:
        """The points without their attribution tails (attribution.py); a point cut short keeps what it has."""
        whole = [p for p in points if not p.endswith("…")]
        docs = self.docs(whole)
        if docs is None:
            return points
        shorter = {p: without_attribution(d) for p, d in zip(whole, docs, strict=True)}
        return [shorter.get(p) or p for p in points]
