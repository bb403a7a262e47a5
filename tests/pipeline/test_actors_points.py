"""A story's actors are a fact about the story, not about the view: the same for any number of key points."""

from __future__ import annotations

import pytest
from conftest import read_article

from bot.model import Article
from bot.pipeline.digest import make_digest

# Invented stories with more candidate actors than the list shows, so a salience that read the chosen points
# would reorder or swap them: a body named three times only in passing, people introduced late.
STORIES = [
    "en-actors.txt",
    "en-actors-harbour.txt",
    "en-actors-vaccine.txt",
    "en-actors-derby.txt",
    "en-actors-summit.txt",
    "ru-actors.txt",
    "ru-actors-forum.txt",
    "ru-actors-bridge.txt",
]


@pytest.mark.parametrize("name", STORIES)
def test_actors_are_identical_for_any_number_of_points(name: str) -> None:
    article = Article(text=read_article(name))
    views = {}
    for points in (3, 4, 5, 8):
        digest = make_digest(article, points=points)
        assert len(digest.key_points) == points
        views[points] = (digest.actors, digest.also_named)
    assert views[3][0], "the story has actors"
    assert all(view == views[3] for view in views.values())
