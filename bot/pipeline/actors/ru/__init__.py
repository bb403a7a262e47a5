"""Named actors for Russian text.

natasha's news models (slovnet NER, morphology and syntax over navec embeddings, all inside its wheels: nothing is
downloaded) find the people, organizations and places. A person's name is put in the nominative word by word with
pymorphy2's dictionaries, reading the whole name in one gender and one case ("Олесей Куприной" → "Олеся Куприна",
"Дениса Мантурова" → "Денис Мантуров"), so its case forms are one actor; a surname alone, a first name alone and
initials with a surname ("Песков Д.С.") join the full name they belong to. Latin-script names the Russian NER calls
organizations ("Глава Nvidia Jensen Huang") are checked with the English NER model the bot already loads. A role is
the animate noun the syntax attaches to a name as an apposition ("президент России Владимир Путин", "Дмитрий Песков,
пресс-секретарь Кремля"). Ranking follows the English path: mentions, the title, how early (the key points a
reader asks for change nothing).

The steps, one module each: `models` (natasha and pymorphy2, loaded once), `parse` (natasha's reading of a text),
`mentions` (the names found, with `morphology` for their nominative, `roles` for a person's role and `latin` for
Latin-script names), `merge` (one cluster per actor) and `rank`; `words` holds the patterns and keys they share.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.pipeline.actors.common import MAX_ACTORS, MAX_ALSO_NAMED, MAX_PLACES, ActorReport, bounded_prefix
from bot.pipeline.actors.ru.mentions import Mention, find_mentions
from bot.pipeline.actors.ru.merge import Cluster, inflects, merge
from bot.pipeline.actors.ru.models import load_models
from bot.pipeline.actors.ru.rank import rank
from bot.pipeline.actors.ru.words import WORD

__all__ = ["Mention", "analyse_actors", "find_mentions", "load_models"]

_NAME_WORD = re.compile(r"[^\W\d_][\w-]*")


def analyse_actors(
    text: str,
    *,
    title: str | None = None,
    limit: int = MAX_ACTORS,
    max_places: int = MAX_PLACES,
    max_also_named: int = MAX_ALSO_NAMED,
) -> ActorReport:
    """The story's actors, most salient first, and the people/organizations named past the limit."""
    analysed = bounded_prefix(text)  # cut at a paragraph break, not inside a name
    if not WORD.search(analysed):
        return ActorReport([], [])
    clusters = merge([*_headline_mentions(title), *find_mentions(analysed)])
    _mark_headline_surnames(clusters, title)
    return rank(clusters, analysed, limit, max_places, max_also_named)


def _headline_mentions(title: str | None) -> list[Mention]:
    """A Russian headline is written in sentence case, so its names are found as reliably as the body's; it comes
    first, so the body's "Собянин" finds the "Сергей Собянин" the headline named."""
    return [replace(m, start=0, in_title=True) for m in find_mentions(title)] if title else []


def _mark_headline_surnames(clusters: list[Cluster], title: str | None) -> None:
    """The headline's tagger may miss a bare surname opening it ("Захарова ответила…"): its words count too."""
    headline_words = {w.lower() for w in _NAME_WORD.findall(title or "")}
    for c in clusters:
        surname = c.name.split()[-1].lower()
        if c.kind == "person" and any(w == surname or inflects(w, surname) for w in headline_words):
            c.in_title = True
