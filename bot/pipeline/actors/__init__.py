"""Named actors: who acts in a story and who is only named in it, by the analysis for the story's language.

A language plugs in as a package under `actors/` that offers one function,
`analyse_actors(text, *, title) -> ActorReport`, and one line in `ANALYSERS`: English in `en/`
(spaCy), Russian in `ru/` (natasha). The packages never import each other; what they share is in `common`,
`ner` and `gazetteer`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from bot.pipeline.actors.common import ActorReport

__all__ = ["ACTOR_LANGUAGES", "ANALYSERS", "ActorReport", "analyse_actors"]

# Language code → the package that finds its actors.
ANALYSERS: dict[str, str] = {"en": "bot.pipeline.actors.en", "ru": "bot.pipeline.actors.ru"}
ACTOR_LANGUAGES = frozenset(ANALYSERS)


def _analyser(language: str) -> Callable[..., ActorReport]:
    # Imported on first use: each language's models are loaded only where a story in it is read.
    if language not in ANALYSERS:
        raise ValueError(f"no actor analysis for language {language!r}")
    analyse: Callable[..., ActorReport] = import_module(ANALYSERS[language]).analyse_actors
    return analyse


def analyse_actors(language: str, text: str, *, title: str | None = None) -> ActorReport:
    """The actors of `text`, a story in `language` (one of ACTOR_LANGUAGES), from the story alone: the key points
    a reader asks for are a view of it and change nothing here."""
    return _analyser(language)(text, title=title)
