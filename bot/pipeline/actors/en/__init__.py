"""Named actors: the people, organizations and countries that act in a story, merged across mentions.

spaCy's NER (only the `ner` component: ~2× faster than the full pipeline) finds mentions; the rest is ours:
junk filtering, kind voting with a country gazetteer, merging ("President Vladimir V. Putin of Russia",
"Mr. Putin", "Putin" → one actor), roles from titles and appositives, and ranking by salience
(from the story and its title alone: the key points a reader asks for change nothing).
NER runs on a bounded prefix (NER_MAX_CHARS) so a 1 MB input costs what a long article costs.

The steps, one module each: `mentions` (with `spans`, `lists`, `cues` and `names`) finds and cleans the
mentions; `merge` (with `repair`, `people` and `roles`) groups them into one cluster per actor, and `offices`
gives a country's leader the office the text names for it (and an office written alone, "The Prime Minister
said", to its holder); `kinds` says what each is and whether it acts;
`rank` chooses the actors shown. `vocabulary` holds the word lists and
patterns they read the text with, `model` the mention and cluster records.
"""

from __future__ import annotations

from typing import Any

from bot.model import Actor
from bot.pipeline.actors.common import MAX_ACTORS, MAX_ALSO_NAMED, MAX_PLACES, ActorReport, bounded_prefix
from bot.pipeline.actors.en.mentions import find_mentions
from bot.pipeline.actors.en.merge import _merge
from bot.pipeline.actors.en.model import Mention
from bot.pipeline.actors.en.names import _common_words
from bot.pipeline.actors.en.offices import _give_offices
from bot.pipeline.actors.en.rank import _also_named, _choose, _rank, _without_ordinary_words

__all__ = ["Mention", "analyse_actors", "extract_actors", "find_mentions"]


def extract_actors(
    text: str,
    *,
    title: str | None = None,
    limit: int = MAX_ACTORS,
    max_places: int = MAX_PLACES,
    nlp: Any | None = None,
) -> list[Actor]:
    """The story's actors, most salient first: at most `limit` people/organizations and `max_places` places."""
    report = analyse_actors(text, title=title, limit=limit, max_places=max_places, nlp=nlp)
    return report.actors


def analyse_actors(
    text: str,
    *,
    title: str | None = None,
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
    clusters = _without_ordinary_words(_merge(analysed, mentions, common), common)
    _give_offices(analysed, clusters)
    if not clusters:
        return ActorReport([], [])
    scored, named_only = _rank(clusters, title=title, length=max(1, len(analysed)))
    actors, left_out = _choose(scored, limit=limit, max_places=max_places)
    return ActorReport(actors, _also_named(named_only + left_out, max_also_named))
