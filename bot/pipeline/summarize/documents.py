"""Sumy's document model of a text, and the stemmer and stop words sumy's summarizers get for its language."""

from __future__ import annotations

from functools import cache

from sumy.models.dom import ObjectDocumentModel
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser

from bot.pipeline.lang import LanguageSupport, stop_words
from bot.pipeline.summarize.sentences import SentenceTokenizer

MAX_PARSE_CHARS = 200_000  # the parser sees at most this much text; candidates come from its first sentences


@cache
def tokenizer_for(support: LanguageSupport) -> SentenceTokenizer:
    return SentenceTokenizer(support)


@cache
def stemmer_for(support: LanguageSupport) -> Stemmer | None:
    return Stemmer(support.stemmer) if support.stemmer else None


@cache
def stop_words_for(support: LanguageSupport) -> frozenset[str]:
    return stop_words(support.stop_words)


def parse(text: str, support: LanguageSupport) -> ObjectDocumentModel:
    """Sumy's document model of (at most the first MAX_PARSE_CHARS of) the text."""
    if len(text) > MAX_PARSE_CHARS:
        cut = text.rfind("\n\n", 0, MAX_PARSE_CHARS)
        text = text[: cut if cut > 0 else MAX_PARSE_CHARS]
    return PlaintextParser.from_string(text, tokenizer_for(support).for_text(text)).document
