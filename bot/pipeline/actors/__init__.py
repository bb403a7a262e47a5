"""Named actors: who acts in a story and who is only named in it, by the analysis for the story's language.

A language plugs in with one function, `analyse(text, *, title, key_points) -> ActorReport`: English in
`en/` (spaCy), Russian in `ru/` (natasha). The two never import each other; what they share is in `common`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.pipeline.actors.common import ActorReport

__all__ = ["ACTOR_LANGUAGES", "ActorReport", "analyse_actors", "load_models"]

# Languages whose names we can find: spaCy (English), natasha (Russian).
ACTOR_LANGUAGES = frozenset({"en", "ru"})


def _analyser(language: str) -> Callable[..., ActorReport]:
    # Imported on first use: each language's models are loaded only where a story in it is read.
    if language == "en":
        from bot.pipeline.actors.en import analyse_actors as english

        return english
    if language == "ru":
        from bot.pipeline.actors.ru import analyse_actors as russian

        return russian
    raise ValueError(f"no actor analysis for language {language!r}")


def analyse_actors(
    language: str, text: str, *, title: str | None = None, key_points: Iterable[str] = ()
) -> ActorReport:
    """The actors of `text`, a story in `language` (one of ACTOR_LANGUAGES)."""
    return _analyser(language)(text, title=title, key_points=key_points)


def load_models() -> None:
    """Load what every worker needs before its first digest (the English NER; Russian loads on first use)."""
    from bot.pipeline.actors.ner import load_ner

    load_ner()
