"""The functional core: an article's text in, its digest out (clean → language → key points → actors).

Plain synchronous functions over the dataclasses of `bot.model`; nothing here knows of Telegram, HTTP or storage.
The shell uses only what `__all__` names.
"""

from __future__ import annotations

from bot.pipeline.clean import clean_text, forwarded_from, word_count
from bot.pipeline.digest import DEFAULT_METHOD, MAX_POINTS, make_digest, page_meta, split_title

__all__ = [
    "DEFAULT_METHOD",
    "MAX_POINTS",
    "clean_text",
    "forwarded_from",
    "load_models",
    "make_digest",
    "page_meta",
    "split_title",
    "summary_methods",
    "word_count",
]


# An invented story digested once when a worker starts: the language identifier, the sentence splitter, the
# ranker's weights and the parser load on first use, about half a second that the first reader would wait.
_WARM_UP_STORY = (
    "Ferry crossings resume after storm\n\n"
    "The ferry between Port Ellery and Kerrow resumed its crossings on Monday after a storm closed the harbour "
    "for three days, the harbour master said. Mayor Ines Varga thanked the crews who cleared the pier. "
    "The company said the timetable would be back to normal by Wednesday. Engineers will inspect the harbour "
    "wall next week, and the council has set aside money for repairs."
)


def load_models() -> None:
    """Load the models a worker needs, and digest a short story once, so that its first digest is not the slow
    one (Russian models load on the first Russian text)."""
    from bot.model import Article
    from bot.pipeline.actors import load_models as load_actor_models

    load_actor_models()
    make_digest(Article(text=_WARM_UP_STORY))


def summary_methods() -> tuple[str, ...]:
    """The summarizers a digest can be made with: keypoints (ours), lead, and sumy's."""
    from bot.pipeline.summarize import METHODS  # deferred: sumy and numpy load only where a digest is made

    return METHODS
