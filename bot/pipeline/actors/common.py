"""What every language's actor analysis shares: the list limits, the report it returns, the bounded prefix."""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import Actor

NER_MAX_CHARS = 25_000  # names are looked for in at most this much of a text
MAX_ACTORS = 8  # people and organizations shown
MAX_PLACES = 3  # countries and places shown besides them
MAX_ALSO_NAMED = 5  # people/organizations named without acting, listed apart from the actors
MIN_ACTORS = 3  # below this, people/organizations named once as a subject are still shown


@dataclass(frozen=True)
class ActorReport:
    """Who acts in a story, and who is only named in it (sources quoted, hosts of a meeting, passing mentions)."""

    actors: list[Actor]
    also_named: list[str]


def bounded_prefix(text: str, limit: int = NER_MAX_CHARS) -> str:
    """At most `limit` characters of `text`, cut at a paragraph break when one is in the second half."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit]
