"""Shorter points: the chosen English sentences without the asides a reader's summary would not repeat.

Each chosen sentence offers cuts on its dependency parse (cuts.py: an age or place set off by commas, a
bracket, a leading "But", the day of a day's news, a fronted or trailing adjunct). Which are made is decided by
the measure the points were chosen by: the word model's expected ROUGE-1 F1 of the set of points against a
reader's summary of this story (wordmodel.WordValue). A cut is made, the best first, while it raises that
value: words the story is about keep an aside ("…, amid fears of a ground attack on Ukraine" in a story about
that); words it is not about let it go ("…, 52, …", "on Tuesday").

A point still over LONG_POINT words then gives up more asides, a relative clause set off by commas too
(relative.py), the one that costs that value least first, until it is short enough: a reader skims a long point.
Only an aside less on the story than what stays, that lists no names and leaves half the sentence goes.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from bot.pipeline.summarize.cuts import Cut, cuts, keeps_a_sentence, names_a_list, render
from bot.pipeline.summarize.relative import LONG_FINDERS
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
        if doc is not None and len(texts[j].split()) > LONG_POINT:
            least = (len(points[j].split()) + 1) // 2
            keeps[j], texts[j], tokens[j] = _cut_for_length(doc, j, keeps[j], least, texts, tokens, value)
    return texts


def _best_cut(
    docs: list[Doc | None],
    offered: list[list[Cut]],
    keeps: list[set[int]],
    tokens: list[list[str]],
    value: WordValue,
) -> tuple[float, int, set[int], str, list[str]] | None:
    """The cut that leaves the points the highest expected F1, with what it leaves: the value, which point,
    its kept tokens, its text and its words. None if no cut is left that keeps a sentence."""
    found: tuple[float, int, set[int], str, list[str]] | None = None
    for j, doc in enumerate(docs):
        for cut in offered[j]:
            if not cut.tokens <= keeps[j] or (left := _without(doc, keeps[j], cut, value)) is None:
                continue
            f1 = value.f1([*tokens[:j], left[2], *tokens[j + 1 :]])
            if found is None or f1 > found[0]:
                found = (f1, j, *left)
    return found


def _without(doc: Doc, keep: set[int], cut: Cut, value: WordValue) -> tuple[set[int], str, list[str]] | None:
    """What is left of a point without a cut: its kept tokens, text and words; None if that is no sentence."""
    shorter_keep = keep - cut.tokens
    if not keeps_a_sentence(doc, shorter_keep):
        return None
    text = render(doc, shorter_keep)
    return shorter_keep, text, value.tokens(text)


def _cut_for_length(
    doc: Doc, j: int, keep: set[int], least: int, texts: list[str], tokens: list[list[str]], value: WordValue
) -> tuple[set[int], str, list[str]]:
    """Point `j` cut down to LONG_POINT words, the aside that costs the points' expected F1 least first, while
    one is left that is less on the story than what stays, lists no names and leaves `least` words, half the
    sentence (an aside longer or more on the story than the rest is the point's news). A cut part of which is
    made already takes the rest ("…, which was designed by Jo Reed, a local architect, …" without the architect
    still offers the clause). Returns the point's kept tokens, text and words."""
    offered = cuts(doc, LONG_FINDERS)
    text, words = texts[j], tokens[j]
    while len(text.split()) > LONG_POINT:
        found: tuple[float, set[int], str, list[str]] | None = None
        for cut in offered:
            if all(doc[i].is_punct for i in cut.tokens & keep) or names_a_list(doc, cut.tokens):
                continue
            if (left := _without(doc, keep, cut, value)) is None:
                continue
            shorter_keep, shorter_text, shorter = left
            # Less on the story than what stays, and half the sentence left.
            cut_value, kept_value = (
                value.on_topic(Counter(words) - Counter(shorter)),
                value.on_topic(Counter(shorter)),
            )
            if len(shorter_text.split()) < least or cut_value > kept_value:
                continue
            f1 = value.f1([*tokens[:j], shorter, *tokens[j + 1 :]])
            if found is None or f1 > found[0]:
                found = (f1, shorter_keep, shorter_text, shorter)
        if found is None:
            break
        _, keep, text, words = found
    return keep, text, words
