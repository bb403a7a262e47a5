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


def load_models() -> None:
    """Load the models a worker needs, so that its first digest is not the slow one."""
    from bot.pipeline.actors import load_models as load_actor_models

    load_actor_models()


def summary_methods() -> tuple[str, ...]:
    """The summarizers a digest can be made with: keypoints (ours), lead, and sumy's."""
    from bot.pipeline.summarize import METHODS  # deferred: sumy and numpy load only where a digest is made

    return METHODS
