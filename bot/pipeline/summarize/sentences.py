"""Sentence splitting for sumy: punkt models from a package (no NLTK data), a regex for words.

Punkt splits a paragraph; the parts of a sentence it cut are joined again (boundaries.py) and, in English,
captions glued into a sentence cut out (glued.py). A language without a punkt model is split at its terminal
marks.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace

import punkt

from bot.pipeline.lang import LanguageSupport
from bot.pipeline.summarize.boundaries import join_false_ends, repeated_name_seams
from bot.pipeline.summarize.glued import split_glued
from bot.pipeline.text import LETTER_WORD

_FALLBACK_SENTENCES = re.compile(r"(?<=[.!?。！？…])\s+|(?<=[。！？])")


# The Russian punkt model was trained with a dictionary's abbreviation list, which includes everyday words ("курс.",
# "год.", "центр.", "Ирак."), so a sentence ending in one was never split from the next. These words end news
# sentences far more often than they stand for an abbreviation before a capital.
_NOT_ABBREVIATIONS = {
    "russian": frozenset({
        "год", "курс", "мир", "раз", "центр", "спорт", "театр", "текст", "суд", "газ", "ответ", "указ", "пост",
        "стол", "хор", "зал", "ирак", "иран", "непал", "тибет", "восток", "холод", "тип", "вес", "верх", "груз",
        "торг", "фон", "шах", "стих", "след", "стан", "крест", "полк", "плод", "мех", "бар", "бал", "нас", "так",
        "под", "или", "не", "рук", "пар", "пол", "гор", "вод", "муж", "род", "факс", "культ", "сел", "пал", "мест",
        "марок", "миф", "маг", "лев", "норм", "серб", "тур", "вал", "бум", "быт", "ум", "прав",
    }),
}  # fmt: skip


def _punkt_model(name: str) -> punkt.PunktParameters:
    model = punkt.load_model(name)  # cached and shared: change a copy
    words = _NOT_ABBREVIATIONS.get(name)
    return replace(model, abbrev_types=model.abbrev_types - words) if words else model


def _whole(sentence: str) -> list[str]:
    return [sentence.strip()]


class SentenceTokenizer:
    """A sumy tokenizer that needs no NLTK data: punkt models from a package, a regex for words."""

    def __init__(self, support: LanguageSupport) -> None:
        self._support = support
        # Seams that are a name's in this text (for_text).
        self._names: frozenset[tuple[str, str]] = frozenset()
        self._punkt = (
            punkt.PunktSentenceTokenizer(_punkt_model(support.punkt_model)) if support.punkt_model else None
        )

    def for_text(self, text: str) -> SentenceTokenizer:
        """This tokenizer, knowing the names the text repeats (a copy that shares the punkt model)."""
        names = repeated_name_seams(text)
        if not names:
            return self
        tokenizer = copy.copy(self)
        tokenizer._names = names
        return tokenizer

    @property
    def language(self) -> str:
        return self._support.name.lower()

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        if self._punkt is not None:
            parts = self._punkt.tokenize(paragraph)
        else:
            parts = _FALLBACK_SENTENCES.split(paragraph)
        # The caption seams are read with English words (its function words, its title case), and a quoted title
        # after "de" or "seu" in another language reads to them as a caption's speech.
        cut = split_glued if self._support.code == "en" else _whole
        return tuple(piece for s in join_false_ends(parts, self._names) for piece in cut(s) if piece)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(LETTER_WORD.findall(sentence))
