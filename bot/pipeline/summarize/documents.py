"""Sumy's document model of a text, and the stemmer and stop words sumy's summarizers get for its language."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from sumy.models.dom import ObjectDocumentModel
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser

from bot.pipeline.lang import LanguageSupport, stop_words
from bot.pipeline.summarize.sentences import SentenceTokenizer

MAX_PARSE_CHARS = 200_000  # the parser sees at most this much text; candidates come from its first sentences


@cache
def tokenizer_for(support: LanguageSupport) -> SentenceTokenizer:
    return SentenceTokenizer(support)


# Distinct words a language's stemmer remembers: news reuses its vocabulary, so after a few stories nearly every
# word is a hit (Snowball took ~5 ms of a digest's 120 when each digest stemmed its words afresh).
STEMS_REMEMBERED = 1 << 15


@cache
def stemmer_for(support: LanguageSupport) -> Callable[[str], str] | None:
    """The language's stemmer, remembering its last STEMS_REMEMBERED words (one per process and language)."""
    return lru_cache(maxsize=STEMS_REMEMBERED)(Stemmer(support.stemmer)) if support.stemmer else None


@cache
def stop_words_for(support: LanguageSupport) -> frozenset[str]:
    return stop_words(support.stop_words)


def parse(text: str, support: LanguageSupport) -> ObjectDocumentModel:
    """Sumy's document model of (at most the first MAX_PARSE_CHARS of) the text."""
    if len(text) > MAX_PARSE_CHARS:
        cut = text.rfind("\n\n", 0, MAX_PARSE_CHARS)
        text = text[: cut if cut > 0 else MAX_PARSE_CHARS]
    return PlaintextParser.from_string(text, tokenizer_for(support).for_text(text)).document
