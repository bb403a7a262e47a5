"""Shorter points: the chosen English sentences without the asides a reader's summary would not repeat.

Each chosen sentence offers cuts on its dependency parse (cuts.py: an age or place set off by commas, a
bracket, a leading "But", the day of a day's news, a fronted or trailing adjunct). Which are made is decided by
the measure the points were chosen by: the word model's expected ROUGE-1 F1 of the set of points against a
reader's summary of this story (wordmodel.WordValue). A cut is made, the best first, while it raises that
value: words the story is about keep an aside ("…, amid fears of a ground attack on Ukraine" in a story about
that); words it is not about let it go ("…, 52, …", "on Tuesday").

A point still over LONG_POINT words then gives up its asides, a relative clause set off by commas too, the one
that costs that value least first, until it is short enough or has none left: a reader skims a long point.
"""

from __future__ import annotations

from typing import Any

from bot.pipeline.summarize.cuts import LONG_FINDERS, Cut, cuts, keeps_a_sentence, render
from bot.pipeline.summarize.wordmodel import WordValue

LONG_POINT = 30  # words; a longer point is more than a reader takes in at a glance

Doc = Any  # spaCy's Doc


def compress(points: list[str], docs: list[Doc | None], value: WordValue) -> list[str]:
    """The points with the cuts that raise their expected F1, made one at a time, the best first; then each
    point over LONG_POINT words cut down as far as its asides allow. A point without a parse (None) stays as it
    is."""
    texts = list(points)
    tokens = [value.tokens(t) for t in texts]
    keeps = [set(range(len(doc))) if doc is not None else set() for doc in docs]
    offered = [cuts(doc) if doc is not None else [] for doc in docs]
    best = value.f1(tokens)
    while (found := _best_cut(docs, offered, keeps, tokens, value)) is not None and found[0] > best:
        best, j, keeps[j], texts[j], tokens[j] = found
    for j, doc in enumerate(docs):
        if doc is None:
            continue
        only_this: list[list[Cut]] = [[] for _ in docs]
        only_this[j] = cuts(doc, LONG_FINDERS)
        # What is cut for length alone leaves at least half the point: an aside longer than that is its news.
        least = (len(points[j].split()) + 1) // 2
        while len(texts[j].split()) > LONG_POINT and (
            found := _best_cut(docs, only_this, keeps, tokens, value, least, nested=True)
        ):
            _, _, keeps[j], texts[j], tokens[j] = found
    return texts


def _best_cut(
    docs: list[Doc | None],
    offered: list[list[Cut]],
    keeps: list[set[int]],
    tokens: list[list[str]],
    value: WordValue,
    least: int = 0,
    *,
    nested: bool = False,
) -> tuple[float, int, set[int], str, list[str]] | None:
    """The cut that leaves the points the highest expected F1, with what it leaves: the value, which point,
    its kept tokens, its text and its words. None if no cut is left that keeps a sentence of `least` words or
    more. With `nested`, a cut part of which is made already takes the rest ("…, which was designed by Jo Reed,
    a local architect, …" without the architect still offers the clause)."""
    found: tuple[float, int, set[int], str, list[str]] | None = None
    for j, doc in enumerate(docs):
        for cut in offered[j]:
            left = cut.tokens & keeps[j]
            if not (any(not doc[i].is_punct for i in left) if nested else left == cut.tokens):
                continue
            keep = keeps[j] - cut.tokens
            if not keeps_a_sentence(doc, keep):
                continue
            text = render(doc, keep)
            if len(text.split()) < least:
                continue
            shorter = value.tokens(text)
            f1 = value.f1([*tokens[:j], shorter, *tokens[j + 1 :]])
            if found is None or f1 > found[0]:
                found = (f1, j, keep, text, shorter)
    return found
