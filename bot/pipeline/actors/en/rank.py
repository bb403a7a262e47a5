"""Ranking: the salience of each name the story gives, the actors shown (people and organizations, then
places, within their limits) and the people and organizations only "also named"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.model import Actor, ActorKind
from bot.pipeline.actors.common import MIN_ACTORS
from bot.pipeline.actors.en.kinds import _is_actor, _is_event, _kind
from bot.pipeline.actors.en.model import _Cluster
from bot.pipeline.actors.en.roles import _best_role, _clean_role


@dataclass(frozen=True)
class _Scored:
    """A cluster that may be an actor, with its kind and salience (lowered by 100 when it acts only weakly)."""

    salience: float
    cluster: _Cluster
    kind: ActorKind


def _without_ordinary_words(clusters: list[_Cluster], common: frozenset[str]) -> list[_Cluster]:
    """The clusters but one-word names the text also writes in lower case (ordinary words), countries aside."""
    return [
        c for c in clusters if not (len(c.name.split()) == 1 and not c.country and c.name.lower() in common)
    ]


def _rank(
    clusters: Sequence[_Cluster], *, title: str | None, length: int
) -> tuple[list[_Scored], list[_Cluster]]:
    """The clusters that may be actors, most salient first; and the people and organizations the story only
    names (events aside)."""
    scored: list[_Scored] = []
    named_only: list[_Cluster] = []
    for c in clusters:
        kind = _kind(c)
        in_title = _named_in(c, title)
        weak = False
        if not _is_actor(c, kind, in_title=in_title):
            # Named once as the subject of a verb: an actor only if the story has few stronger ones.
            if kind == "place" or not c.acting_mentions:
                if kind != "place" and not _is_event(c):
                    named_only.append(c)
                continue
            weak = True
        scored.append(_Scored(_salience(c, in_title, length) - 100 * weak, c, kind))
    scored.sort(key=lambda s: (-s.salience, s.cluster.first))
    return scored, named_only


def _named_in(c: _Cluster, title: str | None) -> bool:
    """Whether the headline names the actor."""
    forms = [f for f in c.forms if len(f) > 2]
    return bool(title) and any(re.search(rf"\b{re.escape(f)}\b", title or "") for f in forms)


def _salience(c: _Cluster, in_title: bool, length: int) -> float:
    # Demonym mentions ("Russian troops") say less about a country acting than its name does. The key points are
    # no signal: they are a view the reader sizes, and the actors must not change with it.
    weight = c.mentions - 0.5 * c.demonym_mentions + min(c.acting_mentions, 3) + c.speaker + bool(c.roles)
    return weight + 2.0 * in_title + 2.0 * (1 - c.first / length)


def _choose(scored: Sequence[_Scored], *, limit: int, max_places: int) -> tuple[list[Actor], list[_Cluster]]:
    """The actors shown, most salient first: at most `limit` people and organizations (weak ones only while
    fewer than MIN_ACTORS are shown) and `max_places` places; and the people and organizations left out."""
    actors: list[Actor] = []
    left_out: list[_Cluster] = []
    shown = places = 0
    for s in scored:
        c, kind = s.cluster, s.kind
        if s.salience < -50 and shown >= MIN_ACTORS:
            if kind != "place":
                left_out.append(c)
            continue
        if kind == "place":
            if places >= max_places:
                continue
            places += 1
        else:
            if shown >= limit:
                left_out.append(c)
                continue
            shown += 1
        actors.append(_actor(c, kind))
    return actors, left_out


def _actor(c: _Cluster, kind: ActorKind) -> Actor:
    role = _role(c, kind)
    aliases = tuple(sorted({f for f in c.forms if f != c.name}, key=lambda f: (-c.forms[f], f)))
    return Actor(
        name=c.name,
        kind=kind,
        role=_clean_role(role) if role else None,
        mentions=c.mentions,
        aliases=aliases,
    )


def _role(c: _Cluster, kind: ActorKind) -> str | None:
    """The role shown for an actor (places have none)."""
    pool = c.strong_roles or c.roles or (c.person_roles if kind == "person" else [])
    role = _best_role(pool) if pool and kind != "place" else None
    if role and kind == "person":
        # Prefer a role with "of <place>" (the most specific the text gives).
        specific = [r for r in pool if " of " in r]
        role = specific[0] if specific else role
        if c.name.lower().startswith(role.lower() + " "):
            role = None  # "Prince Andrew — Prince": the title is already in the name
    return role


def _also_named(named_only: Sequence[_Cluster], limit: int) -> list[str]:
    # In the order the story names them: "also named" is a reading aid, not a ranking.
    return [c.name for c in sorted(named_only, key=lambda c: c.first)][:limit]
