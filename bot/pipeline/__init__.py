"""The functional core: an article's text in, its digest out (clean → language → key points → actors).

Plain synchronous functions over the dataclasses of `bot.model`; nothing here knows of Telegram, HTTP or storage.
The shell uses only what `__all__` names.
"""

from __future__ import annotations

from functools import cache

from bot.pipeline.clean import clean_text, forwarded_from, word_count
from bot.pipeline.digest import (
    DEFAULT_METHOD,
    MAX_POINTS,
    WHOLE_SENTENCES_METHOD,
    make_digest,
    page_meta,
    read_part,
    split_title,
)

__all__ = [
    "DEFAULT_METHOD",
    "MAX_POINTS",
    "WHOLE_SENTENCES_METHOD",
    "clean_text",
    "forwarded_from",
    "load_models",
    "make_digest",
    "page_meta",
    "read_part",
    "split_title",
    "summary_methods",
    "word_count",
]


# Invented stories, one per language with actors, digested once where the workers start: the models, the language
# identifier, the sentence splitter, the ranker's weights and the parser load on first use, and the first reader
# would wait for them.
_WARM_UP_STORIES = (
    "Ferry crossings resume after storm\n\n"
    "The ferry between Port Ellery and Kerrow resumed its crossings on Monday after a storm closed the harbour "
    "for three days, the harbour master said. Mayor Ines Varga thanked the crews who cleared the pier. "
    "The company said the timetable would be back to normal by Wednesday. Engineers will inspect the harbour "
    "wall next week, and the council has set aside money for repairs.",
    "Паром снова ходит после шторма\n\n"
    "Паром между Северогорском и Заречьем в понедельник возобновил рейсы после шторма, который на три дня "
    "закрыл гавань, сообщил начальник порта. Мэр Северогорска Ирина Волкова поблагодарила экипажи, которые "
    "расчистили причал. В компании-перевозчике заявили, что к среде расписание станет обычным. На следующей "
    "неделе инженеры осмотрят волнолом, а городской совет уже выделил деньги на его ремонт.",
)


@cache
def load_models() -> None:
    """Load every language's models and digest a short story in each, so that no reader's digest is the slow
    first one (once per process: later calls return at once)."""
    from bot.model import Article

    for story in _WARM_UP_STORIES:
        make_digest(Article(text=story))


def summary_methods() -> tuple[str, ...]:
    """The summarizers a digest can be made with: keypoints (ours), lead, and sumy's."""
    from bot.pipeline.summarize import METHODS  # deferred: sumy and numpy load only where a digest is made

    return METHODS
