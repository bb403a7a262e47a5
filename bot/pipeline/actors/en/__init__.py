"""Named actors: the people, organizations and countries that act in a story, merged across mentions.

spaCy's NER (only the `ner` component: ~2× faster than the full pipeline) finds mentions; the rest is ours:
junk filtering, kind voting with a country gazetteer, merging ("President Vladimir V. Putin of Russia",
"Mr. Putin", "Putin" → one actor), roles from titles and appositives, and ranking by salience.
NER runs on a bounded prefix (NER_MAX_CHARS) so a 1 MB input costs what a long article costs.

The steps, one module each: `mentions` (with `spans`, `lists`, `cues` and `names`) finds and cleans the
mentions; `merge` (with `repair`, `people` and `roles`) groups them into one cluster per actor; `kinds` says
what each is and whether it acts; `analyse_actors` ranks them. `vocabulary` holds the word lists and
patterns they read the text with, `model` the mention and cluster records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from bot.model import Actor, ActorKind
from bot.pipeline.actors.common import (
    MAX_ACTORS,
    MAX_ALSO_NAMED,
    MAX_PLACES,
    MIN_ACTORS,
    ActorReport,
    bounded_prefix,
)
from bot.pipeline.actors.en.kinds import _is_actor, _is_event, _kind
from bot.pipeline.actors.en.mentions import find_mentions
from bot.pipeline.actors.en.merge import _merge
from bot.pipeline.actors.en.model import Mention, _Cluster
from bot.pipeline.actors.en.names import _common_words
from bot.pipeline.actors.en.roles import _best_role, _clean_role

__all__ = ["Mention", "analyse_actors", "extract_actors", "find_mentions"]


def extract_actors(
    text: str,
    *,
    title: str | None = None,
    key_points: Iterable[str] = (),
    limit: int = MAX_ACTORS,
    max_places: int = MAX_PLACES,
    nlp: Any | None = None,
) -> list[Actor]:
    """The story's actors, most salient first: at most `limit` people/organizations and `max_places` places."""
    report = analyse_actors(
        text, title=title, key_points=key_points, limit=limit, max_places=max_places, nlp=nlp
    )
    return report.actors


def analyse_actors(
    text: str,
    *,
    title: str | None = None,
    key_points: Iterable[str] = (),
    limit: int = MAX_ACTORS,
    max_places: int = MAX_PLACES,
    max_also_named: int = MAX_ALSO_NAMED,
    nlp: Any | None = None,
) -> ActorReport:
    """`extract_actors`, plus the people and organizations the story names without their acting in it."""
    # NER reads the body only: headlines are capitalized word by word (and URL-slug titles have no case at all),
    # which makes spaCy tag ordinary title words as names. The title still counts toward salience.
    analysed = bounded_prefix(text)
    mentions = find_mentions(analysed, nlp)
    common = _common_words(analysed)
    clusters = _merge(analysed, mentions, common)
    clusters = [
        c for c in clusters if not (len(c.name.split()) == 1 and not c.country and c.name.lower() in common)
    ]
    if not clusters:
        return ActorReport([], [])
    points = " ".join(key_points)
    length = max(1, len(analysed))
    scored: list[tuple[float, _Cluster, ActorKind]] = []
    named_only: list[_Cluster] = []
    for c in clusters:
        kind = _kind(c)
        forms = [f for f in c.forms if len(f) > 2]
        in_title = bool(title) and any(re.search(rf"\b{re.escape(f)}\b", title or "") for f in forms)
        in_points = sum(1 for f in forms if re.search(rf"\b{re.escape(f)}\b", points))
        weak = False
        if not _is_actor(c, kind, in_title=in_title, in_points=in_points > 0):
            # Named once as the subject of a verb: an actor only if the story has few stronger ones.
            if kind == "place" or not c.acting_mentions:
                if kind != "place" and not _is_event(c):
                    named_only.append(c)
                continue
            weak = True
        # Demonym mentions ("Russian troops") say less about a country acting than its name does.
        weight = c.mentions - 0.5 * c.demonym_mentions + min(c.acting_mentions, 3) + c.speaker + bool(c.roles)
        salience = weight + 2.0 * in_title + 1.0 * min(in_points, 2) + 2.0 * (1 - c.first / length)
        scored.append((salience - 100 * weak, c, kind))
    scored.sort(key=lambda t: (-t[0], t[1].first))

    actors: list[Actor] = []
    shown = places = 0
    for salience, c, kind in scored:
        if salience < -50 and shown >= MIN_ACTORS:
            if kind != "place":
                named_only.append(c)
            continue
        if kind == "place":
            if places >= max_places:
                continue
            places += 1
        else:
            if shown >= limit:
                named_only.append(c)
                continue
            shown += 1
        pool = c.strong_roles or c.roles or (c.person_roles if kind == "person" else [])
        role = _best_role(pool) if pool and kind != "place" else None
        if role and kind == "person":
            # Prefer a role with "of <place>" (the most specific the text gives).
            specific = [r for r in pool if " of " in r]
            role = specific[0] if specific else role
            if c.name.lower().startswith(role.lower() + " "):
                role = None  # "Prince Andrew — Prince": the title is already in the name
        aliases = tuple(sorted({f for f in c.forms if f != c.name}, key=lambda f: (-c.forms[f], f)))
        actors.append(
            Actor(
                name=c.name,
                kind=kind,
                role=_clean_role(role) if role else None,
                mentions=c.mentions,
                aliases=aliases,
            )
        )
    # In the order the story names them: "also named" is a reading aid, not a ranking.
    also_named = [c.name for c in sorted(named_only, key=lambda c: c.first)][:max_also_named]
    return ActorReport(actors, also_named)
