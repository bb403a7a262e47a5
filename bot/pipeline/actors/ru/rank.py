"""Ranking, as the English path does: mentions, the title, how early, a role; from the story alone, so the
key points a reader asks for change nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.model import Actor
from bot.pipeline.actors.common import ActorReport
from bot.pipeline.actors.ru.merge import Cluster


def rank(
    clusters: Sequence[Cluster],
    text: str,
    limit: int,
    max_places: int,
    max_also_named: int,
) -> ActorReport:
    """The actors, most salient first, within the limits; the people/organizations past them, as also named."""
    length = max(1, len(text))
    scored = [(_salience(c, length), c) for c in clusters]
    scored.sort(key=lambda t: (-t[0], t[1].first))
    actors: list[Actor] = []
    also: list[Cluster] = []
    shown = places = 0
    for _, c in scored:
        if c.kind == "place":
            if places >= max_places:
                continue
            places += 1
        elif shown >= limit or (c.mentions == 1 and not c.roles and not c.acting and shown >= 3):
            also.append(c)
            continue
        else:
            shown += 1
        actors.append(_actor(c))
    also_named = [c.name for c in sorted(also, key=lambda c: c.first)][:max_also_named]
    return ActorReport(actors, also_named)


def _salience(c: Cluster, length: int) -> float:
    return (
        # A headline's place often only says where ("в Сочи"); its people are what the story is about.
        c.mentions
        + (1.0 if c.kind == "place" else 2.0) * c.in_title
        + 2.0 * (1 - c.first / length)
        + bool(c.roles)
    )


def _actor(c: Cluster) -> Actor:
    """The cluster as the digest shows it: its most frequent role, its other written forms most frequent first."""
    role = Counter(c.roles).most_common(1)[0][0] if c.roles else None
    aliases = tuple(sorted({f for f in c.forms if f != c.name}, key=lambda f: (-c.forms[f], f)))
    return Actor(name=c.name, kind=c.kind, role=role, mentions=c.mentions, aliases=aliases)
