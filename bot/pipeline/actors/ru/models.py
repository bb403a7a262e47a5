"""natasha's news models and pymorphy2's dictionaries, loaded once per process."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Models:
    segmenter: Any
    ner: Any
    morph: Any
    syntax: Any
    vocab: Any


@cache
def load_models() -> Models:
    """natasha's models, loaded once per process (about a second)."""
    with warnings.catch_warnings():
        # pymorphy2 finds its dictionaries with pkg_resources, which setuptools flags as deprecated.
        warnings.simplefilter("ignore")
        from natasha import (
            MorphVocab,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            NewsSyntaxParser,
            Segmenter,
        )

        embedding = NewsEmbedding()
        return Models(
            segmenter=Segmenter(),
            ner=NewsNERTagger(embedding),
            morph=NewsMorphTagger(embedding),
            syntax=NewsSyntaxParser(embedding),
            vocab=MorphVocab(),
        )
