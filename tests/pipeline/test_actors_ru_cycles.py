"""The Russian role finder walks the parser's dependency heads; on garbled text natasha may return heads that
form a circle. Every walk must end, whatever the heads say."""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import read_article

from bot.model import Article
from bot.pipeline import make_digest
from bot.pipeline.actors.ru.roles import _subtree, _whole_office


def token(tid: str, head: str, start: int, text: str = "министра", rel: str = "nmod") -> Any:
    return SimpleNamespace(
        id=tid, head_id=head, rel=rel, pos="NOUN", text=text, start=start, stop=start + len(text), feats={}
    )


def circle(size: int) -> dict[str, Any]:
    """`size` nouns, each the head of the one before it, the first headed by the last."""
    ids = [f"1_{i + 1}" for i in range(size)]
    return {tid: token(tid, ids[(i + 1) % size], start=9 * i) for i, tid in enumerate(ids)}


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_a_subtree_over_cyclic_heads_ends_with_each_word_once(size: int) -> None:
    tokens = circle(size)
    words = _subtree(tokens, tokens["1_1"], exclude=set())
    assert sorted(t.id for t in words) == sorted({t.id for t in words})
    assert len(words) <= size


@pytest.mark.parametrize("size", [2, 3, 7])
def test_climbing_to_the_whole_office_over_cyclic_heads_ends(
    size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.pipeline.actors.ru.roles as roles

    monkeypatch.setattr(roles, "_is_role_noun", lambda t, vocab: True)
    monkeypatch.setattr(roles, "_adjacent", lambda doc, left, right: True)  # the loop's own exit never fires
    tokens = circle(size)
    assert _whole_office(tokens, tokens["1_1"], ids=set(), vocab=None).id in tokens


def garble(text: str, seed: int, edits: int = 300) -> str:
    """A few hundred random edits: typos, control characters, stray tags and punctuation."""
    rng = random.Random(seed)
    chars = list(text)
    junk = ["\x07", "\x1b", "<b>", "</i>", "«", "»", "—", ",", ".", "\u200b", " ", "\n"]
    for _ in range(edits):
        i = rng.randrange(len(chars))
        action = rng.random()
        if action < 0.4:
            chars[i] = rng.choice("абвгдежзиклмнопрстуфхцчшщыэюяАБВГДЕКМНПРС")
        elif action < 0.7:
            chars.insert(i, rng.choice(junk))
        else:
            del chars[i]
    return "".join(chars)


@pytest.mark.parametrize("seed", range(6))
def test_a_garbled_russian_article_gets_a_digest_or_a_refusal(seed: int) -> None:
    text = garble(read_article("ru-actors.txt"), seed)
    digest = make_digest(Article(text=text), points=4)
    assert digest.language == "ru"
